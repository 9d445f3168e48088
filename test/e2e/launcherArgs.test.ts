/** The launcher understands the command line runTests gives a VS Code executable. */
import * as assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseLaunchArgs } from './launcher/args';
import { remoteUri, workbenchUrl } from './launcher/codeServer';

test('parses the arguments runTests passes, in both --flag=value and --flag value forms', () => {
  const args = parseLaunchArgs([
    '/ws/examples',
    '--user-data-dir=/tmp/ud',
    '--no-sandbox',
    '--disable-gpu-sandbox',
    '--extensionTestsPath=/repo/out/test/e2e/suite/index.js',
    '--extensionDevelopmentPath=/repo',
    '--extensions-dir',
    '/tmp/ext',
  ]);
  assert.deepEqual(args, {
    extensionDevelopmentPaths: ['/repo'],
    extensionTestsPath: '/repo/out/test/e2e/suite/index.js',
    userDataDir: '/tmp/ud',
    extensionsDir: '/tmp/ext',
    folder: '/ws/examples',
    ignored: ['--no-sandbox', '--disable-gpu-sandbox'],
  });
});

test('rejects a second folder and a flag without its value', () => {
  assert.throws(() => parseLaunchArgs(['/a', '/b']), /only one folder/);
  assert.throws(() => parseLaunchArgs(['--user-data-dir']), /needs a value/);
});

test('builds the workbench URL with the payload as vscode-remote URIs', () => {
  const origin = 'http://127.0.0.1:4567';
  const url = new URL(workbenchUrl(origin, '/ws/examples', [['extensionDevelopmentPath', remoteUri(origin, '/repo dir/x')]]));
  assert.equal(url.searchParams.get('folder'), '/ws/examples');
  assert.deepEqual(JSON.parse(url.searchParams.get('payload') ?? ''), [
    ['extensionDevelopmentPath', 'vscode-remote://127.0.0.1:4567/repo%20dir/x'],
  ]);
});
