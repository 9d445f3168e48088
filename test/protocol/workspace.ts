/**
 * Temporary workspaces for protocol tests: copies of the example IDAs (so tests may edit their
 * settings sources) and config files written by the tests.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO_ROOT } from './harness';

/** A temporary folder (real path, so URIs the server sends back compare equal). */
export function tempWorkspace(prefix: string): string {
  return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), `oxc-${prefix}-`)));
}

/** Copies `examples/<name>` into `dest/<name>`; returns the copy's path. */
export function copyExample(name: string, dest: string): string {
  const target = path.join(dest, name);
  fs.cpSync(path.join(REPO_ROOT, 'examples', name), target, { recursive: true });
  return target;
}

/** Writes a file (creating folders); returns its path. */
export function writeFile(filePath: string, text: string): string {
  fs.mkdirSync(path.dirname(filePath), { recursive: true });
  fs.writeFileSync(filePath, text);
  return filePath;
}

/** Removes a temporary workspace. */
export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** 1-based line of the first line of `file` starting with `prefix`. */
export function lineOf(file: string, prefix: string): number {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const i = lines.findIndex((l) => l.startsWith(prefix));
  if (i < 0) throw new Error(`${prefix} not found in ${file}`);
  return i + 1;
}
