import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { associate, associationValue, documentEnvironment } from '../../../server/src/registry/association';
import { FolderDetector } from '../../../server/src/registry/folders';
import { makeTree, oep45, removeTree } from './tree';

const root = makeTree({ ...oep45('demo'), 'demo/settings/lms.yml': 'A: 1\n', 'other/lms.yml': 'A: 1\n', 'other/x.yml': 'A: 1\n' });
after(() => removeTree(root));
const folders = new FolderDetector();
const base = { text: 'A: 1\n', associations: {}, workspaceFolders: [root], folders };

test('precedence: session choice > modeline > setting > folder > file name', () => {
  const inPackage = path.join(root, 'demo/settings/lms.yml');
  assert.deepEqual(associate({ ...base, filePath: inPackage }), { ida: 'demo', reason: 'folder' }, 'folder beats file name');
  assert.deepEqual(associate({ ...base, filePath: inPackage, associations: { '**/lms.yml': 'studio' } }), { ida: 'studio', reason: 'setting' });
  assert.deepEqual(
    associate({ ...base, filePath: inPackage, associations: { '**/lms.yml': 'studio' }, text: '# openedx-config: ida=credentials\n' }),
    { ida: 'credentials', reason: 'modeline' },
  );
  assert.deepEqual(
    associate({ ...base, filePath: inPackage, associations: { '**/lms.yml': 'studio' }, text: '# openedx-config: ida=credentials\n', sessionIda: 'xqueue' }),
    { ida: 'xqueue', reason: 'user choice' },
  );
  assert.deepEqual(associate({ ...base, filePath: path.join(root, 'other/lms.yml') }), { ida: 'lms', reason: 'file name' });
});

test('unmatched documents get no IDA; untitled ones only by modeline or choice', () => {
  assert.equal(associate({ ...base, filePath: path.join(root, 'other/x.yml') }), undefined);
  assert.equal(associate({ ...base, filePath: path.join(root, 'other/notes.txt') }), undefined);
  assert.equal(associate({ ...base }), undefined);
  assert.deepEqual(associate({ ...base, text: '# openedx-config: ida=lms\n' }), { ida: 'lms', reason: 'modeline' });
  assert.deepEqual(associate({ ...base, sessionIda: 'lms' }), { ida: 'lms', reason: 'user choice' });
});

test('folder detection runs only for YAML files', () => {
  const calls: string[] = [];
  const counting = new FolderDetector((f) => {
    calls.push(f);
    return [];
  });
  associate({ ...base, folders: counting, filePath: path.join(root, 'demo/settings/defaults.py') });
  assert.deepEqual(calls, []);
});

test('aliases in the modeline, the setting and the session choice: `cms` is Studio', () => {
  const base = { text: '', associations: { 'deploy-*.yml': 'cms:devstack' }, workspaceFolders: [], folders: new FolderDetector(() => []) };
  assert.deepEqual(associate({ ...base, text: '# openedx-config: ida=cms\n' }), { ida: 'studio', reason: 'modeline' });
  assert.deepEqual(associate({ ...base, filePath: '/srv/deploy-1.yml' }), { ida: 'studio', reason: 'setting' });
  assert.deepEqual(associate({ ...base, sessionIda: 'course-discovery' }), { ida: 'discovery', reason: 'user choice' });
});

test('environment: modeline env= > an association giving one > name and folder', () => {
  const base = { text: '', associations: { 'deploy-*.yml': 'lms:test', 'other.yml': 'lms' }, workspaceFolders: [] };
  assert.equal(documentEnvironment({ ...base, filePath: '/srv/deploy-1.yml', text: '# openedx-config: ida=lms env=local\n' }), 'local');
  assert.equal(documentEnvironment({ ...base, filePath: '/srv/deploy-1.yml' }), 'test');
  assert.equal(documentEnvironment({ ...base, filePath: '/srv/devstack/other.yml' }), 'devstack');
  assert.equal(documentEnvironment({ ...base, filePath: '/srv/other.yml' }), 'production');
  assert.equal(documentEnvironment({ ...base, filePath: '/srv/devstack.yml', text: '# openedx-config: env=production\n' }), 'production');
  assert.equal(documentEnvironment({ ...base, filePath: '/srv/lms.yml', text: '# openedx-config: env=staging\n' }), 'production');
  assert.equal(documentEnvironment({ ...base, text: '' }), 'production');
});

test('association values: IDA or IDA:ENV; an unknown environment word is dropped', () => {
  assert.deepEqual(associationValue('lms'), { ida: 'lms' });
  assert.deepEqual(associationValue('lms:devstack'), { ida: 'lms', environment: 'devstack' });
  assert.deepEqual(associationValue('lms:staging'), { ida: 'lms' });
});
