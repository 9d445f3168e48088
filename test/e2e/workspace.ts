/**
 * The example workspace the e2e layer opens: a fresh copy of examples/ per run, so that scenarios which
 * edit and save files (the quick fix, the live settings edit) never touch the checked-in examples.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from './launcher/toolchain';

/** Copies examples/ into a new temporary folder and returns the copy's path (named `examples`). */
export function copyExamples(): string {
  const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'openedx-e2e-ws-')), 'examples');
  cpSync(path.join(repoRoot, 'examples'), target, { recursive: true });
  return target;
}

/** Removes a copy made by copyExamples (its temporary parent folder). */
export function removeCopy(copy: string): void {
  rmSync(path.dirname(copy), { recursive: true, force: true });
}
