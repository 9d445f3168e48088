/**
 * The layering of the sources, read from their import statements (docs/architecture.md, "Layers").
 * Each folder of `server/src` may import only the folders below it; only `server.ts` and `lsp/`
 * speak the protocol; the client reaches into the server for the shared message types and the
 * documentation download engine alone; and no module imports itself through others.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..', '..');
const SERVER = path.join(ROOT, 'server', 'src');
const CLIENT = path.join(ROOT, 'client', 'src');

/**
 * What each part of the server may import of ours. A part is a folder of `server/src`, or a
 * top-level file by its name. `common/` is the floor: it imports nothing of ours.
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  common: [],
  catalog: ['common'],
  python: ['common'],
  yaml: ['common'],
  protocol: ['common'],
  documentation: ['common'],
  extractor: ['common', 'catalog', 'python'],
  libraries: ['common', 'catalog', 'python', 'extractor'],
  schema: ['common', 'catalog'],
  releases: ['common', 'catalog', 'schema'],
  service: ['common', 'catalog', 'schema', 'yaml', 'protocol'],
  registry: ['common', 'catalog', 'python', 'extractor', 'libraries', 'schema', 'service', 'protocol', 'documentation'],
  lsp: ['common', 'catalog', 'yaml', 'schema', 'service', 'registry', 'protocol', 'documentation'],
  cli: ['common', 'catalog', 'python', 'yaml', 'extractor', 'libraries', 'schema', 'releases', 'service', 'registry', 'protocol', 'documentation', 'launch.ts'],
  'server.ts': ['common', 'catalog', 'python', 'yaml', 'extractor', 'libraries', 'schema', 'service', 'registry', 'protocol', 'lsp', 'documentation'],
  'extractWorker.ts': ['common', 'catalog', 'python', 'extractor', 'libraries'],
  'scanWorker.ts': ['common', 'catalog', 'python', 'extractor', 'libraries'],
  'bootstrap.ts': ['codeCache.ts'],
  'codeCache.ts': [],
  'launch.ts': [],
};

/** Packages that are the protocol itself (connections, message types): for `server.ts`, `lsp/` and the message definitions only. */
const PROTOCOL_PACKAGES = ['vscode-languageserver', 'vscode-languageserver/node', 'vscode-languageserver-protocol'];
/** Our module of custom protocol messages. */
const MESSAGES = path.join(SERVER, 'protocol', 'messages.ts');
/** Who may speak the protocol. */
const PROTOCOL_PARTS: ReadonlySet<string> = new Set(['lsp', 'server.ts']);

interface Import {
  from: string;
  specifier: string;
  /** The file it resolves to, for relative imports. */
  target?: string;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out.sort();
}

/** Static imports and re-exports, `import x = require()`, and `require()`/`import()` calls with a literal. */
const IMPORT = /(?:^|[\s;])(?:import|export)\s[^'";]*?from\s*['"]([^'"]+)['"]|(?:^|[\s;])import\s*['"]([^'"]+)['"]|\brequire\(\s*['"]([^'"]+)['"]\s*\)|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): Import[] {
  // Comments may quote import statements; strings may not start one, so dropping comments is enough.
  const text = fs.readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: Import[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const specifier = m[1] ?? m[2] ?? m[3] ?? m[4];
    if (specifier === undefined) continue;
    const entry: Import = { from: file, specifier };
    if (specifier.startsWith('.')) entry.target = resolve(path.resolve(path.dirname(file), specifier));
    out.push(entry);
  }
  return out;
}

function resolve(base: string): string {
  for (const candidate of [`${base}.ts`, path.join(base, 'index.ts'), base]) if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  return base;
}

/** The part of the server a file belongs to (its folder under `server/src`, or its own name at the top). */
function partOf(file: string): string | undefined {
  const rel = path.relative(SERVER, file);
  if (rel.startsWith('..')) return undefined;
  return rel.split(path.sep)[0];
}

const serverFiles = sourceFiles(SERVER);
const clientFiles = sourceFiles(CLIENT);
const imports = new Map(serverFiles.concat(clientFiles).map((f) => [f, importsOf(f)]));
const show = (i: Import): string => `${path.relative(ROOT, i.from)} imports ${i.specifier}`;

test('the import reader sees the imports of a known module', () => {
  const session = imports.get(path.join(SERVER, 'lsp', 'session.ts')) ?? [];
  assert.ok(session.some((i) => i.target === path.join(SERVER, 'registry', 'registry.ts')));
  assert.ok(session.some((i) => i.specifier === 'vscode-languageserver'));
  assert.ok(serverFiles.length > 100, `${serverFiles.length} server files`);
});

test('every part of server/src is in the layering table', () => {
  const parts = [...new Set(serverFiles.map((f) => partOf(f) ?? ''))].sort();
  assert.deepEqual(parts, Object.keys(ALLOWED).sort());
});

test('each part of the server imports only the parts below it', () => {
  const violations: string[] = [];
  for (const file of serverFiles) {
    const part = partOf(file) ?? '';
    for (const i of imports.get(file) ?? []) {
      if (i.target === undefined) continue;
      const to = partOf(i.target);
      if (to === undefined) violations.push(`${show(i)}: outside server/src`);
      else if (to !== part && !ALLOWED[part].includes(to)) violations.push(`${show(i)}: ${part} may not import ${to}`);
    }
  }
  assert.deepEqual(violations, []);
});

test('only server.ts and lsp/ speak the protocol (and the message definitions themselves)', () => {
  const violations: string[] = [];
  for (const file of serverFiles) {
    const part = partOf(file) ?? '';
    if (PROTOCOL_PARTS.has(part)) continue;
    for (const i of imports.get(file) ?? []) {
      const protocolPackage = PROTOCOL_PACKAGES.includes(i.specifier);
      const messages = i.target === MESSAGES;
      if ((protocolPackage && file !== MESSAGES) || messages) violations.push(show(i));
    }
  }
  assert.deepEqual(violations, []);
});

/**
 * The documentation download engine runs in the client too (VS Code's extension host applies the
 * user's proxy to node's requests there): the client may import these entry points, and the files
 * of `common/` they import, directly or not.
 */
const CLIENT_DOWNLOAD_ENTRIES = ['download.ts', 'fetch.ts', 'cache.ts'].map((f) => path.join(SERVER, 'documentation', f));

/** The files of `common/` that `entries` import, directly or through other files of `documentation/`. */
function commonImportedBy(entries: readonly string[]): string[] {
  const within = [path.join(SERVER, 'documentation') + path.sep, path.join(SERVER, 'common') + path.sep];
  const found = new Set<string>();
  const visit = (file: string): void => {
    if (found.has(file) || !within.some((f) => file.startsWith(f))) return;
    found.add(file);
    for (const i of imports.get(file) ?? []) if (i.target !== undefined) visit(i.target);
  };
  entries.forEach(visit);
  return [...found].filter((f) => partOf(f) === 'common');
}

test('the download engine the client may import is there', () => {
  for (const entry of CLIENT_DOWNLOAD_ENTRIES) assert.ok(imports.has(entry), `${path.relative(ROOT, entry)} exists`);
});

test('the client takes from the server only the shared message types, the launch flags and the download engine', () => {
  const allowed = new Set([MESSAGES, path.join(SERVER, 'protocol', 'types.ts'), path.join(SERVER, 'launch.ts'), path.join(SERVER, 'common', 'result.ts'), ...CLIENT_DOWNLOAD_ENTRIES, ...commonImportedBy(CLIENT_DOWNLOAD_ENTRIES)]);
  const violations: string[] = [];
  for (const file of clientFiles) {
    for (const i of imports.get(file) ?? []) {
      if (i.target !== undefined && i.target.startsWith(SERVER + path.sep) && !allowed.has(i.target)) violations.push(show(i));
      if (i.specifier.startsWith('vscode-languageserver') && i.specifier !== 'vscode-languageserver-protocol') violations.push(show(i));
    }
  }
  for (const file of serverFiles) {
    for (const i of imports.get(file) ?? []) if (i.specifier === 'vscode' || i.specifier.startsWith('vscode-languageclient')) violations.push(show(i));
  }
  assert.deepEqual(violations, []);
});

test('no module of the server or the client imports itself through others', () => {
  const graph = new Map<string, string[]>();
  for (const [file, list] of imports) graph.set(file, list.flatMap((i) => (i.target !== undefined && imports.has(i.target) ? [i.target] : [])));
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (file: string): void => {
    state.set(file, 'open');
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      const s = state.get(next);
      if (s === 'open') cycles.push(stack.slice(stack.indexOf(next)).concat(next).map((f) => path.relative(ROOT, f)).join(' → '));
      else if (s === undefined) visit(next);
    }
    stack.pop();
    state.set(file, 'done');
  };
  for (const file of graph.keys()) if (!state.has(file)) visit(file);
  assert.deepEqual(cycles, []);
});
