import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { IDA_BY_FILE_STEM } from '../../server/src/registry/fileNames';

const REPO = path.resolve(__dirname, '..', '..', '..');
let dir: string;

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env, encoding: 'utf8', timeout: 120_000 });
}

before(() => {
  // Debian's pre-commit and nodeenv (scripts/provision-system.sh); without them this layer fails, never skips.
  assert.equal(run('pre-commit', ['--version'], REPO).status, 0, 'pre-commit is not installed: run scripts/provision-system.sh');
  // Debian's Python, the one pre-commit runs on (another python3 may come first on the PATH).
  assert.equal(run('/usr/bin/python3', ['-m', 'nodeenv', '--version'], REPO).status, 0, 'nodeenv is not installed: run scripts/provision-system.sh');
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-precommit-')));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the hook\'s files pattern matches every config file name the extension knows, and no other YAML', () => {
  const hooks = fs.readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8');
  const files = new RegExp(/^ {2}files: (.*)$/m.exec(hooks)?.[1] ?? 'missing');
  for (const stem of Object.keys(IDA_BY_FILE_STEM)) {
    for (const name of [`${stem}.yml`, `deploy/${stem}.env.yml`, `${stem}.yaml`]) assert.ok(files.test(name), name);
  }
  for (const name of ['devstack.yml', 'notlms.yml', 'lms.yml.bak', '.github/workflows/ci.yml']) assert.ok(!files.test(name), name);
});

test('pre-commit try-repo on a fresh clone: a bad lms.yml fails the hook with our message, a good one passes', () => {
  // A fresh clone of this commit: pre-commit reads the hook definition from it as users' configs will.
  const clone = path.join(dir, 'clone');
  assert.equal(run('git', ['clone', '-q', REPO, clone], dir).status, 0);
  // `language: node`: pre-commit makes a node environment (Debian's nodeenv, with the system
  // Node), installs the clone with npm, packs it (`prepack` builds the CLI) and installs the
  // tarball there. npm works offline, from the cache `npm ci` filled: a test never leaves the machine.
  const cache = path.join(dir, 'cache');
  const env = { ...process.env, PRE_COMMIT_HOME: cache, npm_config_offline: 'true', GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  const work = path.join(dir, 'work');
  fs.mkdirSync(path.join(work, 'good'), { recursive: true });
  fs.mkdirSync(path.join(work, 'bad'));
  fs.writeFileSync(path.join(work, 'good', 'lms.yml'), 'LMS_ROOT_URL: https://lms.example\n');
  // production.py converts SOCIAL_AUTH_PIPELINE_TIMEOUT to a number: a word there is an error.
  fs.writeFileSync(path.join(work, 'bad', 'lms.yml'), 'LMS_ROOT_URL: https://lms.example\nSOCIAL_AUTH_PIPELINE_TIMEOUT: ten\n');
  assert.equal(run('git', ['init', '-q'], work, env).status, 0);
  assert.equal(run('git', ['add', '.'], work, env).status, 0);

  // No openedx-config on the PATH: what runs is the one pre-commit installed in its node environment
  // (try-repo installs it in a temporary store of its own, removed afterwards).
  assert.notEqual(run('sh', ['-c', 'command -v openedx-config'], work, env).status, 0, 'an openedx-config on the PATH would hide the hook install');
  const bad = run('pre-commit', ['try-repo', clone, 'openedx-config-check', '--files', 'bad/lms.yml'], work, env);
  assert.equal(bad.status, 1, bad.stdout + bad.stderr);
  assert.match(bad.stdout, /Open edX config files\.+Failed/);
  assert.ok(bad.stdout.includes('bad/lms.yml:2:31 error type-mismatch Expected integer, found string "ten".'), bad.stdout);

  const good = run('pre-commit', ['try-repo', clone, 'openedx-config-check', '--files', 'good/lms.yml'], work, env);
  assert.equal(good.status, 0, good.stdout + good.stderr);
  assert.match(good.stdout, /Open edX config files\.+Passed/);

});
