/**
 * The commit a checkout is at, read with git without letting the checkout run anything. A
 * repository's own `.git/config` (and the files it includes) can name programs git runs: a
 * `gpg.program` that `log.showSignature` calls on a signed commit, an fsmonitor hook, a pager, an
 * external diff, an SSH command for a lazy fetch of a partial clone. Every such key that `git log`
 * may honour is overridden on the command line (which wins over every config file), signatures,
 * external diffs, text conversion, pagers and transports are turned off by option too, system and
 * global config are not read, and no `GIT_*` variable of ours reaches git.
 */
import { execFileSync } from 'node:child_process';
import * as os from 'node:os';
import * as path from 'node:path';

/** The commit id and committer date (`YYYY-MM-DD`) of a checkout's HEAD. */
export interface GitHead {
  commit: string;
  date: string;
}

/** Config overrides, `-c key=value` each: the keys by which a repository could make `git log` run a program. */
const NEUTRAL_CONFIG: ReadonlyArray<readonly [string, string]> = [
  // Signature checks run the configured verifier (the attack reported in issue 15).
  ['log.showSignature', 'false'],
  ['gpg.program', 'false'],
  ['gpg.openpgp.program', 'false'],
  ['gpg.x509.program', 'false'],
  ['gpg.ssh.program', 'false'],
  // A hook run when the index is read; hooks at large.
  ['core.fsmonitor', 'false'],
  ['core.hooksPath', os.devNull],
  // Output through a program.
  ['core.pager', 'cat'],
  ['pager.log', 'false'],
  // Diff drivers (only with a patch, which is never asked for; set all the same).
  ['diff.external', ''],
  // A partial clone fetches missing objects on demand, through SSH or a remote helper.
  ['core.sshCommand', 'false'],
  ['protocol.allow', 'never'],
];

/** The `git` arguments that print HEAD's commit and date of `folder`'s repository. */
export function gitHeadArgs(folder: string): string[] {
  return [
    ...NEUTRAL_CONFIG.flatMap(([key, value]) => ['-c', `${key}=${value}`]),
    '--no-pager',
    '-C',
    folder,
    'log',
    '--no-show-signature',
    '--no-ext-diff',
    '--no-textconv',
    '--no-color',
    '--no-decorate',
    '--no-mailmap',
    '-1',
    '--format=%H %cs',
    'HEAD',
    '--',
  ];
}

/**
 * The environment git runs in: ours without any `GIT_*` variable (a `GIT_DIR`, `GIT_EXEC_PATH`,
 * `GIT_EXTERNAL_DIFF` or `GIT_CONFIG_*` of the caller must not steer it), no system or global
 * config, no prompts, no optional lock taking (so no index refresh written), no lazy fetches.
 */
export function gitEnvironment(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(env)) if (!/^GIT_/i.test(key)) out[key] = value;
  return {
    ...out,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: os.devNull,
    GIT_TERMINAL_PROMPT: '0',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_NO_LAZY_FETCH: '1',
    GIT_NO_REPLACE_OBJECTS: '1',
  };
}

/** How long git may take: a `log -1` answers in milliseconds. */
const GIT_TIMEOUT_MS = 10_000;

/**
 * HEAD's commit and date in the git work tree `folder`, or undefined when git is missing, fails
 * (not a repository, one owned by another user, no commit) or prints something else. Never throws.
 */
export function gitHead(folder: string): GitHead | undefined {
  let out: string;
  try {
    out = execFileSync('git', gitHeadArgs(folder), {
      encoding: 'utf8',
      // The checkout's own repository only: git must not go up to one holding it.
      env: { ...gitEnvironment(), GIT_CEILING_DIRECTORIES: path.dirname(path.resolve(folder)) },
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: GIT_TIMEOUT_MS,
      maxBuffer: 64 * 1024,
      windowsHide: true,
    });
  } catch {
    return undefined;
  }
  const m = /^([0-9a-f]{40}|[0-9a-f]{64}) (\d{4}-\d{2}-\d{2})$/.exec(out.trim());
  return m === null ? undefined : { commit: m[1], date: m[2] };
}
