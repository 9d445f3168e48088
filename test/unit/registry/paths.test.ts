import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'node:os';
import * as path from 'node:path';
import { resolveSettingPath } from '../../../server/src/registry/paths';

test('setting paths: ~, ${userHome}, ${workspaceFolder}, relative and absolute', () => {
  const ws = ['/work/site', '/work/other'];
  assert.equal(resolveSettingPath('~/src/platform', ws), path.join(os.homedir(), 'src/platform'));
  assert.equal(resolveSettingPath('${userHome}/src', ws), path.join(os.homedir(), 'src'));
  assert.equal(resolveSettingPath('${workspaceFolder}/schemas/lms.json', ws), '/work/site/schemas/lms.json');
  assert.equal(resolveSettingPath('../credentials', ws), '/work/credentials');
  assert.equal(resolveSettingPath('/abs/path', ws), '/abs/path');
  assert.equal(resolveSettingPath('rel', []), path.resolve(process.cwd(), 'rel'));
});
