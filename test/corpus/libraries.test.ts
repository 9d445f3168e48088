/**
 * What the libraries layer (docs/libraries.md) changes on the real platform files: keys no
 * settings module defines, counted as `unknown-key`, with the shipped layer alone and with
 * Debian's `dist-packages` as the Python environment (scanned for real, as `check --python-env`
 * does). The figures are the ones docs/libraries.md reports.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Checker } from '../../server/src/cli/checkEngine';
import { pythonEnvironmentSettings } from '../../server/src/cli/checkCommand';
import { inProcessEnvironments } from '../../server/src/registry/environmentSupport';
import { DEFAULT_SETTINGS } from '../../server/src/registry/settings';
import { corpusFiles, SHIPPED_DIR, type CorpusFile } from './corpus';

const DIST_PACKAGES = '/usr/lib/python3/dist-packages';
const files = corpusFiles();
let cache: string;

before(() => {
  cache = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-config-corpus-libraries-'));
});
after(() => fs.rmSync(cache, { recursive: true, force: true }));

function corpusFile(rel: string): CorpusFile {
  const file = files.find((f) => f.rel === rel);
  assert.ok(file !== undefined, `${rel} is not in the corpus`);
  return file;
}

async function unknownKeys(checker: Checker, file: CorpusFile): Promise<number> {
  const report = await checker.checkText(file.abs, file.text, file.ida);
  return report.diagnostics.filter((d) => d.code === 'unknown-key').length;
}

/** The same files checked without any libraries layer: a shipped-schemas folder without `libraries.json`. */
function withoutLayer(): string {
  const dir = path.join(cache, 'schemas-without-libraries');
  fs.mkdirSync(path.join(dir, 'overlays'), { recursive: true });
  for (const name of fs.readdirSync(SHIPPED_DIR)) if (name.endsWith('.json') && name !== 'libraries.json') fs.copyFileSync(path.join(SHIPPED_DIR, name), path.join(dir, name));
  for (const name of fs.readdirSync(path.join(SHIPPED_DIR, 'overlays'))) fs.copyFileSync(path.join(SHIPPED_DIR, 'overlays', name), path.join(dir, 'overlays', name));
  return dir;
}

const EXPECTED = [
  // file, without the layer (the platform's own plugin apps included: 163 and 58 without them), shipped layer, Debian environment
  { rel: 'openedx-platform/lms/mock.yml', none: 156, shipped: 79, debian: 156 },
  { rel: 'openedx-platform/cms/mock.yml', none: 55, shipped: 32, debian: 55 },
];

test('unknown keys without the libraries layer, with the shipped one, and with Debian\'s dist-packages', async () => {
  const none = new Checker({ shippedDir: withoutLayer(), settings: DEFAULT_SETTINGS });
  const shipped = new Checker({ shippedDir: SHIPPED_DIR, settings: DEFAULT_SETTINGS });
  const settings = pythonEnvironmentSettings(DIST_PACKAGES, path.join(cache, 'scans'));
  assert.ok(settings.ok && settings.value !== undefined, `${DIST_PACKAGES}: run scripts/provision-system.sh`);
  const debian = new Checker({ shippedDir: SHIPPED_DIR, settings: settings.value, environments: inProcessEnvironments() });
  try {
    const scanned = await debian.environmentScanned();
    assert.equal(scanned?.state, 'ready', scanned?.error);
    const found = [];
    for (const e of EXPECTED) {
      const file = corpusFile(e.rel);
      found.push({ rel: e.rel, none: await unknownKeys(none, file), shipped: await unknownKeys(shipped, file), debian: await unknownKeys(debian, file) });
    }
    assert.deepEqual(found, EXPECTED);
  } finally {
    none.dispose();
    shipped.dispose();
    debian.dispose();
  }
});
