/**
 * The packaged extension: builds the .vsix with `npm run package` (or takes the one named by
 * OPENEDX_VSIX), opens it and checks its file set exactly — the bundles, the grammar wasm,
 * schemas, syntaxes, README, CHANGELOG, LICENSE and the icon, and nothing else (no sources,
 * tests, node_modules or source maps) — then reports its size. Last, `npx openedx-config …`
 * from the checkout, in this file so that it never runs while the package build rewrites dist/.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { listZip, readZipEntry, type ZipEntry } from './zip';

/** The repository root: the nearest folder above this file holding package.json (works from out/ too). */
function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package.json not found above ${__dirname}`);
    dir = up;
  }
  return dir;
}

const root = repoRoot();
/** The most the .vsix may weigh; it is about 0.8 MB today, most of it schemas and the grammar wasm. */
const SIZE_BUDGET = 3 * 1024 * 1024;

/** Every file under `dir` (relative to the repository root, `/`-separated). */
function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(root, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) out.push(...filesUnder(rel));
    else out.push(rel);
  }
  return out;
}

/** The exact file set the .vsix must hold. vsce renames LICENSE, README and CHANGELOG as below. */
function expectedFiles(): string[] {
  const shipped = [
    'package.json',
    'readme.md',
    'changelog.md',
    'LICENSE.txt',
    'images/icon.png',
    // package.json's `files` allowlist serves npm and vsce alike (vsce refuses a .vscodeignore beside it).
    'bin/openedx-config.js',
    'dist/cli.js',
    'dist/client.js',
    'dist/extract-worker.js',
    'dist/scan-worker.js',
    'dist/server.js',
    'dist/server-main.js',
    'dist/tree-sitter-python.wasm',
    'dist/web-tree-sitter.wasm',
    ...filesUnder('schemas'),
    ...filesUnder('syntaxes'),
  ];
  return ['[Content_Types].xml', 'extension.vsixmanifest', ...shipped.map((f) => `extension/${f}`)].sort();
}

/** Builds the .vsix, unless OPENEDX_VSIX names one already built. */
function vsixPath(): string {
  const given = process.env.OPENEDX_VSIX;
  if (given !== undefined && given !== '') return path.resolve(given);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['run', 'package'], { cwd: root, encoding: 'utf8', timeout: 300_000, shell: process.platform === 'win32' });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  assert.equal(result.status, 0, `npm run package failed:\n${output.slice(-4000)}`);
  return path.join(root, 'openedx-config.vsix');
}

let zip: Buffer;
let entries: ZipEntry[];
let vsix: string;

/** The text of an entry of the .vsix. */
function text(name: string): string {
  const entry = entries.find((e) => e.name === name);
  assert.ok(entry, `${name} is in the .vsix`);
  return readZipEntry(zip, entry).toString('utf8');
}

before(() => {
  vsix = vsixPath();
  zip = readFileSync(vsix);
  entries = listZip(zip);
});

describe('openedx-config.vsix', () => {
  it('holds exactly the allowed files', () => {
    assert.deepEqual(entries.map((e) => e.name).sort(), expectedFiles());
  });

  it('holds no sources, tests, dependencies or source maps', () => {
    const forbidden = /(^|\/)(node_modules|client|server|test|bench|examples|scripts|docs|out|\.cache)\/|\.(ts|map|mjs|vsix)$/;
    assert.deepEqual(entries.filter((e) => forbidden.test(e.name.replace(/^extension\//, ''))).map((e) => e.name), []);
  });

  it('has intact entries (every CRC checks out)', () => {
    for (const entry of entries) {
      const data = readZipEntry(zip, entry);
      assert.equal(data.length, entry.size, entry.name);
      assert.equal(crc32(data), entry.crc32, entry.name);
    }
  });

  it('ships production bundles, without source map references', () => {
    for (const bundle of ['client', 'server', 'cli']) {
      // A development build here means dist/ was rebuilt by another process while vsce was packaging.
      assert.doesNotMatch(text(`extension/dist/${bundle}.js`), /sourceMappingURL=/, `dist/${bundle}.js in the .vsix is a development build`);
    }
  });

  it('points its manifest at files it contains', () => {
    const pkg = JSON.parse(text('extension/package.json')) as {
      name: string;
      publisher: string;
      version: string;
      main: string;
      icon: string;
      contributes: { grammars: { path: string }[] };
    };
    const names = new Set(entries.map((e) => e.name));
    const inside = (p: string): string => `extension/${path.posix.normalize(p)}`;
    assert.ok(names.has(inside(pkg.main)), pkg.main);
    assert.ok(names.has(inside(pkg.icon)), pkg.icon);
    for (const g of pkg.contributes.grammars) assert.ok(names.has(inside(g.path)), g.path);
    const manifest = text('extension.vsixmanifest');
    assert.match(manifest, new RegExp(`<Identity Language="en-US" Id="${pkg.name}" Version="${pkg.version}" Publisher="${pkg.publisher}"`));
  });

  it('stays within its size budget', (t) => {
    const size = zip.length;
    const unpacked = entries.reduce((sum, e) => sum + e.size, 0);
    const line = `${path.basename(vsix)}: ${(size / 1024).toFixed(1)} KiB (${entries.length} files, ${(unpacked / 1024).toFixed(1)} KiB unpacked)`;
    t.diagnostic(line);
    assert.ok(size < SIZE_BUDGET, line);
  });
});

/** Runs `npx --no-install openedx-config <args>` in `cwd`. */
function npx(cwd: string, args: string[]): { status: number | null; out: string } {
  const command = process.platform === 'win32' ? 'npx.cmd' : 'npx';
  // --no-install: a checkout must never fall back to downloading a package of the same name.
  const r = spawnSync(command, ['--no-install', 'openedx-config', ...args], { cwd, encoding: 'utf8', timeout: 120_000, shell: process.platform === 'win32' });
  return { status: r.status, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}

describe('npx openedx-config', () => {
  // npm runs the package's own `bin` (bin/openedx-config.js → dist/cli.js) without installing anything.
  it('runs the CLI from the checkout root', (t) => {
    const r = npx(root, ['--help']);
    t.diagnostic(r.out.split('\n')[0] ?? '');
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /^usage: openedx-config <command>/m);
  });

  it('runs the CLI from a subfolder, on a folder of the checkout', () => {
    const r = npx(path.join(root, 'examples'), ['extract', 'demo-ida', '--format', 'text']);
    assert.equal(r.status, 0, r.out);
    assert.match(r.out, /demo/);
  });
});
