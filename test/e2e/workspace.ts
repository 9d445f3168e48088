/**
 * The example workspace the e2e layer opens: a fresh copy of examples/ per run, so that scenarios which
 * edit and save files (the quick fix, the live settings edit) never touch the checked-in examples.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { writeExampleVenv } from './exampleVenv';
import { repoRoot } from './launcher/toolchain';

/** Copies examples/ into a new temporary folder, with its `.venv` written, and returns the copy's path (named `examples`). */
export function copyExamples(): string {
  const target = path.join(mkdtempSync(path.join(os.tmpdir(), 'openedx-e2e-ws-')), 'examples');
  cpSync(path.join(repoRoot, 'examples'), target, { recursive: true });
  writeExampleVenv(target);
  return target;
}

/** Removes a copy made by copyExamples (its temporary parent folder). */
export function removeCopy(copy: string): void {
  rmSync(path.dirname(copy), { recursive: true, force: true });
}

/**
 * A copy of examples/ whose own `.vscode/settings.json` names a schema file (requiring a canary
 * key), a settings-sources folder and an association: what a hostile repository could ship. Used by
 * the Restricted Mode run, where all three must be ignored.
 */
export function restrictedWorkspace(): string {
  const copy = copyExamples();
  mkdirSync(path.join(copy, '.vscode'), { recursive: true });
  mkdirSync(path.join(copy, 'deploy'), { recursive: true });
  mkdirSync(path.join(copy, 'workspace-schemas'), { recursive: true });
  const schema = {
    'x-openedx-schema': { formatVersion: 2, ida: 'lms' },
    type: 'object',
    required: ['RESTRICTED_MODE_CANARY'],
    properties: { RESTRICTED_MODE_CANARY: { type: 'string' } },
  };
  writeFileSync(path.join(copy, 'workspace-schemas', 'lms.json'), JSON.stringify(schema, null, 2));
  writeFileSync(path.join(copy, 'deploy', 'app.conf.yml'), 'SOME_KEY_NOBODY_DEFINES: 1\n');
  const settings = {
    'openedxConfig.schemas': { lms: path.join(copy, 'workspace-schemas', 'lms.json') },
    'openedxConfig.sources': { lms: path.join(copy, 'demo-ida') },
    'openedxConfig.associations': { '*.conf.yml': 'lms' },
    // Not restricted: it must still apply, which shows the file is read and only the three above are withheld.
    'openedxConfig.rules': { 'unknown-key': 'error' },
  };
  writeFileSync(path.join(copy, '.vscode', 'settings.json'), JSON.stringify(settings, null, 2));
  return copy;
}
