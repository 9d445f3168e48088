/**
 * `schemas --sources` reads each checkout's revision with git; a checkout's own `.git/config`
 * must not make that run a program. A real repository is made here (git is installed), with a
 * signed-looking HEAD commit and a config that names a script for every key `git log` could run:
 * the signature verifier `log.showSignature` calls (the reported attack), the fsmonitor hook, the
 * pagers, an external diff, hooks, an SSH command, and the same again through an included file.
 * The script would leave a marker file; the marker never appears, and the revision is still read.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gitEnvironment, gitHead } from '../../../server/src/cli/gitRevision';
import { revisionOf } from '../../../server/src/cli/schemasCommand';

let dir: string;
let repo: string;
let marker: string;
let evil: string;
let commit: string;

/** Runs git in the test's repository, with our identity and fixed dates, and no config of the machine. */
function git(...args: string[]): string {
  return execFileSync('git', ['-C', repo, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: os.devNull,
      GIT_AUTHOR_NAME: 'Test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'Test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_AUTHOR_DATE: '2024-05-06T07:08:09Z',
      GIT_COMMITTER_DATE: '2024-05-06T07:08:09Z',
    },
  }).trim();
}

before(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-git-')));
  repo = path.join(dir, 'checkout');
  marker = path.join(dir, 'MARKER');
  evil = path.join(dir, 'evil.sh');
  fs.writeFileSync(evil, `#!/bin/sh\necho "$0 $*" >> '${marker}'\n`, { mode: 0o755 });
  fs.mkdirSync(repo);
  git('init', '-q');
  fs.writeFileSync(path.join(repo, 'settings.py'), 'A = 1\n');
  git('add', 'settings.py');
  git('commit', '-q', '-m', 'base');
  // HEAD: a commit with a signature header, so that showing signatures calls the verifier.
  const body = [
    `tree ${git('rev-parse', 'HEAD^{tree}')}`,
    `parent ${git('rev-parse', 'HEAD')}`,
    'author Test <test@example.com> 1714979289 +0000',
    'committer Test <test@example.com> 1714979289 +0000',
    'gpgsig -----BEGIN PGP SIGNATURE-----',
    ' ',
    ' iQEzBAABCAAdFiEEnotARealSignature',
    ' -----END PGP SIGNATURE-----',
    '',
    'signed',
    '',
  ].join('\n');
  fs.writeFileSync(path.join(dir, 'commit.txt'), body);
  commit = git('hash-object', '-t', 'commit', '-w', path.join(dir, 'commit.txt'));
  git('update-ref', 'HEAD', commit);
  // Hooks that would run after any write.
  const hooks = path.join(dir, 'hooks');
  fs.mkdirSync(hooks);
  for (const hook of ['post-index-change', 'post-checkout', 'reference-transaction', 'fsmonitor-watchman']) fs.copyFileSync(evil, path.join(hooks, hook));
  fs.chmodSync(hooks, 0o755);
  for (const hook of fs.readdirSync(hooks)) fs.chmodSync(path.join(hooks, hook), 0o755);
  const hostile = (file: string): void => {
    for (const [key, value] of [
      ['log.showSignature', 'true'],
      ['gpg.program', evil],
      ['gpg.openpgp.program', evil],
      ['core.fsmonitor', evil],
      ['core.hooksPath', hooks],
      ['core.pager', evil],
      ['pager.log', evil],
      ['diff.external', evil],
      ['core.sshCommand', evil],
      ['log.decorate', 'full'],
    ]) {
      git('config', '--file', file, key, value);
    }
  };
  hostile(path.join(repo, '.git', 'config'));
  // The same keys again, through an include: a file the config names.
  hostile(path.join(dir, 'included.inc'));
  git('config', '--file', path.join(repo, '.git', 'config'), 'include.path', path.join(dir, 'included.inc'));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('the hostile config does run the script for a plain `git log` (the test is real)', () => {
  execFileSync('git', ['-C', repo, 'log', '-1', '--format=%H %cs'], { env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: os.devNull }, stdio: 'ignore' });
  assert.ok(fs.existsSync(marker), 'the verifier ran for a signed commit');
  fs.rmSync(marker);
});

test('a checkout whose .git/config names a gpg.program (and every other program key): the revision is read, nothing is run', () => {
  assert.deepEqual(gitHead(repo), { commit, date: '2024-05-06' });
  assert.deepEqual(revisionOf(repo, ['settings.py']), { commit, date: '2024-05-06' });
  assert.equal(fs.existsSync(marker), false, fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : '');
});

test('our own GIT_* variables do not reach git (a GIT_DIR elsewhere, an external diff)', () => {
  const env = gitEnvironment({ PATH: '/usr/bin', GIT_DIR: '/elsewhere/.git', GIT_EXTERNAL_DIFF: evil, git_exec_path: '/x', HOME: '/home/x' });
  assert.deepEqual([env.PATH, env.HOME], ['/usr/bin', '/home/x']);
  assert.deepEqual([env.GIT_DIR, env.GIT_EXTERNAL_DIFF, env.git_exec_path], [undefined, undefined, undefined]);
  // No system or global config: only the repository's, every program key of which is overridden.
  assert.deepEqual([env.GIT_CONFIG_NOSYSTEM, env.GIT_CONFIG_GLOBAL], ['1', os.devNull]);
});

test('a folder whose .git is no repository, alone or inside another repository: no revision from git, the recorded one instead', () => {
  const copy = path.join(dir, 'copy');
  fs.mkdirSync(path.join(copy, '.git'), { recursive: true });
  fs.writeFileSync(path.join(copy, '.source.json'), JSON.stringify({ commit: 'abc123', date: '2024-01-02' }));
  assert.equal(gitHead(copy), undefined);
  assert.deepEqual(revisionOf(copy, []), { commit: 'abc123', date: '2024-01-02' });
  // Inside another repository: git does not go up to it.
  const nested = path.join(repo, 'nested');
  fs.mkdirSync(path.join(nested, '.git'), { recursive: true });
  assert.equal(gitHead(nested), undefined);
  assert.equal(fs.existsSync(marker), false);
});
