import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { detectIdas, idaFromEnvVar } from '../../../server/src/extractor/detect';
import { fixturePath, repoPath } from './helpers';

const DEMO_ROOT = repoPath('examples', 'demo-ida');
const LITE_ROOT = repoPath('examples', 'openedx-platform-lite');
const LEGACY_ROOT = fixturePath('platform-legacy');

const demo = (root: string, prefix = ''): DetectedIda => ({
  ida: 'demo',
  layout: 'oep45',
  root,
  entryFiles: [`${prefix}demo/settings/required.py`, `${prefix}demo/settings/defaults.py`, `${prefix}demo/settings/__init__.py`],
  yamlModule: `${prefix}demo/settings/__init__.py`,
});
const lite: DetectedIda = { ida: 'lms', layout: 'platform', root: LITE_ROOT, entryFiles: ['lms/envs/production.py'], yamlModule: 'lms/envs/production.py' };

test('OEP-45: the settings package, its three modules in import order, the IDA named by DEMO_CFG', () => {
  assert.deepStrictEqual(detectIdas(DEMO_ROOT), [demo(DEMO_ROOT)]);
});

test('openedx-platform: production.py is the entry module and loads the YAML', () => {
  assert.deepStrictEqual(detectIdas(LITE_ROOT), [lite]);
});

test('openedx-platform is found from a folder inside the checkout, with the checkout as root', () => {
  assert.deepStrictEqual(detectIdas(path.join(LITE_ROOT, 'lms', 'envs')), [lite]);
});

test('older openedx-platform: LMS with production.py, Studio with only common.py', () => {
  assert.deepStrictEqual(detectIdas(LEGACY_ROOT), [
    { ida: 'lms', layout: 'platform', root: LEGACY_ROOT, entryFiles: ['lms/envs/production.py'], yamlModule: 'lms/envs/production.py' },
    { ida: 'studio', layout: 'platform', root: LEGACY_ROOT, entryFiles: ['cms/envs/common.py'] },
  ]);
});

test('IDA cookiecutter layout: production.py reading SAMPLE_CFG', () => {
  const root = fixturePath('ida');
  assert.deepStrictEqual(detectIdas(root), [
    { ida: 'sample', layout: 'ida', root, entryFiles: ['sample/settings/production.py'], yamlModule: 'sample/settings/production.py' },
  ]);
});

test('Django: a folder holding global_settings.py', () => {
  const root = fixturePath('django');
  assert.deepStrictEqual(detectIdas(root), [{ ida: 'django', layout: 'django', root, entryFiles: ['global_settings.py'] }]);
});

test('Django: django/conf/global_settings.py below the folder (a checkout or a virtualenv)', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-detect-'));
  try {
    fs.mkdirSync(path.join(root, 'django', 'conf'), { recursive: true });
    fs.copyFileSync(fixturePath('django', 'global_settings.py'), path.join(root, 'django', 'conf', 'global_settings.py'));
    assert.deepStrictEqual(detectIdas(root), [{ ida: 'django', layout: 'django', root, entryFiles: ['django/conf/global_settings.py'] }]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test('the broken fixture is still detected from its file names and text', () => {
  const root = fixturePath('broken');
  assert.deepStrictEqual(detectIdas(root), [
    { ida: 'brk', layout: 'ida', root, entryFiles: ['brk/settings/production.py'], yamlModule: 'brk/settings/production.py' },
  ]);
});

test('the example workspace holds two services: the demo IDA and a platform checkout with its own root', () => {
  // The platform's production.py also reads a *_CFG variable; it must not pass for a cookiecutter IDA.
  const root = repoPath('examples');
  assert.deepStrictEqual(detectIdas(root), [demo(root, 'demo-ida/'), lite]);
});

test('a folder of fixtures lists every service below it, each platform once', () => {
  const root = fixturePath();
  assert.deepStrictEqual(detectIdas(root), [
    { ida: 'lms', layout: 'platform', root: LEGACY_ROOT, entryFiles: ['lms/envs/production.py'], yamlModule: 'lms/envs/production.py' },
    { ida: 'studio', layout: 'platform', root: LEGACY_ROOT, entryFiles: ['cms/envs/common.py'] },
    { ida: 'brk', layout: 'ida', root, entryFiles: ['broken/brk/settings/production.py'], yamlModule: 'broken/brk/settings/production.py' },
    { ida: 'sample', layout: 'ida', root, entryFiles: ['ida/sample/settings/production.py'], yamlModule: 'ida/sample/settings/production.py' },
  ]);
});

test('no settings sources, or no folder at all: an empty list, never an exception', () => {
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-detect-'));
  try {
    assert.deepStrictEqual(detectIdas(empty), []);
    assert.deepStrictEqual(detectIdas(path.join(empty, 'missing')), []);
  } finally {
    fs.rmSync(empty, { recursive: true, force: true });
  }
});

test('IDA names from environment variables: known ones mapped, others derived', () => {
  assert.equal(idaFromEnvVar('CMS_CFG'), 'studio');
  assert.equal(idaFromEnvVar('STUDIO_CFG'), 'studio');
  assert.equal(idaFromEnvVar('DISCOVERY_CFG'), 'discovery');
  assert.equal(idaFromEnvVar('EDXNOTES_CONFIG_ROOT'), 'edx-notes-api');
  assert.equal(idaFromEnvVar('DEMO_CFG'), 'demo');
  assert.equal(idaFromEnvVar('MY_NEW_SERVICE_CFG'), 'my-new-service');
});
