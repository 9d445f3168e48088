/**
 * Helpers of the library scanner's tests: site-packages folders written from a map of files (our
 * own small fixtures, never upstream code), and a module scanned from its source.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { scanModule, type ModuleScan } from '../../../server/src/libraries/scanModule';
import { withPythonTree } from '../../../server/src/python/parser';
import { copyTree } from '../../../server/src/python/syntaxTree';

/** Files of a folder: POSIX path → text (a `Buffer` for bytes). */
export type Files = Record<string, string | Buffer>;

/** Writes `files` below `root` (folders made as needed); returns `root`. */
export function writeFiles(root: string, files: Files): string {
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(root, ...rel.split('/'));
    fs.mkdirSync(path.dirname(abs), { recursive: true });
    fs.writeFileSync(abs, content);
  }
  return root;
}

/** A new empty temporary folder (removed by the caller, see {@link removeAll}). */
export function tempFolder(prefix: string): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), `oxc-${prefix}-`));
}

/** Removes folders made by {@link tempFolder}. */
export function removeAll(folders: readonly string[]): void {
  for (const f of folders) {
    fs.rmSync(f, { recursive: true, force: true });
  }
}

/** `METADATA` of a wheel-installed distribution. */
export function metadata(name: string, version: string): string {
  return `Metadata-Version: 2.1\nName: ${name}\nVersion: ${version}\nSummary: A fixture.\n\nName: not-a-header\n`;
}

/** `RECORD` lines for files (hashes and sizes are not read). */
export function record(files: readonly string[]): string {
  return files.map((f) => `${f},sha256=AAAA,1\n`).join('');
}

/** A wheel-installed distribution: its modules and its `*.dist-info` folder listing them. */
export function wheel(name: string, version: string, modules: Files, extra: Files = {}): Files {
  const info = `${name.replace(/-/g, '_')}-${version}.dist-info`;
  const out: Files = { ...modules, [`${info}/METADATA`]: metadata(name, version) };
  for (const [rel, content] of Object.entries(extra)) out[`${info}/${rel}`] = content;
  out[`${info}/RECORD`] = record([...Object.keys(modules), ...Object.keys(extra).map((r) => `${info}/${r}`), `${info}/METADATA`, `${info}/RECORD`]);
  return out;
}

/** Scans one module's source as the file `file`. */
export async function scanSource(source: string, file = 'pkg/mod.py', maxReads = 2000): Promise<ModuleScan> {
  return withPythonTree(source, (tree) => scanModule(copyTree(tree, source), file, maxReads));
}
