import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { detectIdas } from '../../../server/src/extractor/detect';
import { FolderDetector, MAX_LEVELS_OUTSIDE_WORKSPACE, ownsFolder } from '../../../server/src/registry/folders';
import { makeTree, oep45, platform, removeTree } from './tree';

const root = makeTree({
  ...Object.fromEntries(Object.entries(oep45('demo')).map(([k, v]) => [`demo-ida/${k}`, v])),
  'demo-ida/demo/settings/devstack.yml': 'DEBUG: true\n',
  'demo-ida/demo/devstack.yml': 'DEBUG: true\n',
  'demo-ida/minimal.yml': 'SECRET_KEY: x\n',
  'demo-ida/docker-compose.yml': 'services: {}\n',
  'demo-ida/docs/example.yml': 'A: 1\n',
  ...Object.fromEntries(Object.entries(platform()).map(([k, v]) => [`platform/${k}`, v])),
  'platform/lms/envs/devstack.yml': 'A: 1\n',
  'platform/cms/envs/devstack.yml': 'A: 1\n',
  'platform/minimal.yml': 'A: 1\n',
  'loose/deep/er/still/x.yml': 'A: 1\n',
});
after(() => removeTree(root));

test('a YAML file inside or beside a settings package, or at its checkout root, belongs to its IDA', () => {
  const folders = new FolderDetector();
  const ws = [root];
  assert.equal(folders.idaForFile(path.join(root, 'demo-ida/demo/settings/devstack.yml'), ws)?.ida, 'demo');
  assert.equal(folders.idaForFile(path.join(root, 'demo-ida/demo/devstack.yml'), ws)?.ida, 'demo');
  assert.equal(folders.idaForFile(path.join(root, 'demo-ida/docker-compose.yml'), ws), undefined, 'the checkout root is not the package');
  assert.equal(folders.idaForFile(path.join(root, 'demo-ida/docs/example.yml'), ws), undefined, 'docs/ is not beside the package');
  assert.equal(folders.idaForFile(path.join(root, 'platform/lms/envs/devstack.yml'), ws)?.ida, 'lms');
  assert.equal(folders.idaForFile(path.join(root, 'platform/cms/envs/devstack.yml'), ws)?.ida, 'studio');
  assert.equal(folders.idaForFile(path.join(root, 'platform/minimal.yml'), ws), undefined, 'the platform root holds two IDAs: undecided');
  assert.equal(folders.idaForFile(path.join(root, 'loose/deep/er/still/x.yml'), ws), undefined);
});

test('detection is cached per folder and never climbs above the workspace folder', () => {
  const calls: string[] = [];
  const folders = new FolderDetector((f) => {
    calls.push(f);
    return detectIdas(f);
  });
  const file = path.join(root, 'demo-ida/docs/example.yml');
  folders.idaForFile(file, [path.join(root, 'demo-ida')]);
  assert.deepEqual(calls, [path.join(root, 'demo-ida/docs'), path.join(root, 'demo-ida')]);
  folders.idaForFile(file, [path.join(root, 'demo-ida')]);
  assert.equal(calls.length, 2, 'cached');
  folders.clear();
  folders.idaForFile(file, [path.join(root, 'demo-ida')]);
  assert.equal(calls.length, 4, 'cleared');
});

test('outside any workspace folder, a bounded number of ancestors is searched', () => {
  const folders = new FolderDetector(() => []);
  const searched = folders.searchedFolders(path.join(root, 'loose/deep/er/still/x.yml'), []);
  assert.equal(searched.length, MAX_LEVELS_OUTSIDE_WORKSPACE + 1);
  assert.equal(searched[0], path.join(root, 'loose/deep/er/still'));
});

test('nearestSource finds the IDA above a file, whatever decided the association', () => {
  const folders = new FolderDetector();
  const near = folders.nearestSource(path.join(root, 'platform/lms/envs/devstack.yml'), 'lms', [root]);
  assert.equal(near?.root, path.join(root, 'platform'));
  assert.equal(folders.nearestSource(path.join(root, 'platform/lms/envs/devstack.yml'), 'credentials', [root]), undefined);
  assert.equal(folders.nearestSource(path.join(root, 'platform/deploy/lms.yml'), 'lms', [root])?.root, path.join(root, 'platform'), 'anywhere in the checkout');
  assert.equal(folders.nearestSource(path.join(root, 'loose/lms.yml'), 'lms', [root]), undefined, 'not from a sibling checkout');
});

test('the file-system root, home and temporary folders are never scanned', () => {
  const calls: string[] = [];
  const folders = new FolderDetector((f) => {
    calls.push(f);
    return [];
  });
  assert.deepEqual(folders.detectedIn('/'), []);
  assert.deepEqual(folders.detectedIn(os.tmpdir()), []);
  assert.deepEqual(folders.detectedIn(os.homedir()), []);
  assert.deepEqual(calls, []);
});

test('a detector that throws counts as nothing found', () => {
  const folders = new FolderDetector(() => {
    throw new Error('EACCES');
  });
  assert.deepEqual(folders.detectedIn(root), []);
});

test('ownsFolder', () => {
  const d: DetectedIda = { ida: 'x', layout: 'ida', root: '/r', entryFiles: ['x/settings/production.py'] };
  assert.equal(ownsFolder(d, '/r'), false);
  assert.equal(ownsFolder(d, '/r/x'), true);
  assert.equal(ownsFolder(d, '/r/x/settings'), true);
  assert.equal(ownsFolder(d, '/r/x/settings/sub'), true);
  assert.equal(ownsFolder(d, '/r/y'), false);
  assert.equal(ownsFolder(d, '/'), false);
});
