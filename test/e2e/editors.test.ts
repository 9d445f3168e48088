/**
 * The language server in editors we did not write: Debian's Neovim 0.7 (built-in LSP client) and
 * Emacs with eglot, each run headless with the set-up snippet of docs/editors.md (only the
 * command's path changed, to this checkout's `bin/openedx-config.js`), on a copy of the example
 * workspace `examples/openedx-platform-lite`. A probe script in each editor reads back what the
 * editor got through its own API and writes it as JSON. Missing editors fail the test with the
 * install command (scripts/provision-system.sh installs them).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const BIN = path.join(ROOT, 'bin', 'openedx-config.js');
const PROBES = path.join(ROOT, 'test', 'e2e', 'editors');

/** The diagnostics of the example lms.yml, as `line:column message` (1-based). */
const EXPECTED = [
  '1:1 Missing required setting: `LMS_ROOT_URL`.',
  '11:1 Unknown setting `LMS_ROOT_ULR`: did you mean `LMS_ROOT_URL`?',
  '13:1 `TIME_ZONE` has no effect: lms overwrites it after loading this file (lms/envs/production.py:72).',
  '20:31 Expected integer, found string "ten minutes".',
  '26:3 `FEATURES: ENABLE_COURSE_NOTES` is deprecated: `ENABLE_COURSE_NOTES` is now a top-level setting; set it at the top level.',
  '27:3 `FEATURES: ENABLE_LEARNER_RECORDS` is deprecated: `ENABLE_LEARNER_RECORDS` is now a top-level setting; set it at the top level.',
];

interface Probed {
  diagnostics: { line: number; col: number; message: string }[];
  hover?: string | { value: string };
  completion?: string[];
}

/** The code block after `<!-- snippet: NAME -->` in docs/editors.md, run on this checkout's command. */
function snippet(name: string, command: string): string {
  const doc = fs.readFileSync(path.join(ROOT, 'docs', 'editors.md'), 'utf8');
  const m = new RegExp(`<!-- snippet: ${name} -->\\n\`\`\`\\w+\\n([\\s\\S]*?)\\n\`\`\``).exec(doc);
  assert.ok(m, `docs/editors.md has the snippet ${name}`);
  assert.ok(m[1].includes(command), `the snippet ${name} runs ${command}`);
  return m[1].replace(command, command.replace('openedx-config', BIN));
}

/** Fails loudly when an editor is not installed: the layer must not skip. */
function requireTool(tool: string, packages: string): void {
  const r = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  assert.equal(r.status, 0, `${tool} is missing: run scripts/provision-system.sh (apt-get install ${packages})`);
}

let tmp: string;
let ws: string;

before(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'openedx-editors-'));
  ws = path.join(tmp, 'ws');
  fs.cpSync(path.join(ROOT, 'examples', 'openedx-platform-lite'), ws, { recursive: true });
  fs.mkdirSync(path.join(tmp, 'home'));
});

after(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** Runs an editor in the workspace copy with a private home; returns what its probe wrote. */
function runEditor(command: string, args: string[]): Probed {
  const out = path.join(tmp, `${command}.json`);
  const home = path.join(tmp, 'home');
  const r = spawnSync(command, args, {
    cwd: ws,
    encoding: 'utf8',
    // A hang guard: both finish in a few seconds.
    timeout: 90_000,
    env: { ...process.env, PROBE_OUT: out, HOME: home, XDG_CONFIG_HOME: home, XDG_DATA_HOME: home, XDG_STATE_HOME: home, XDG_CACHE_HOME: home },
  });
  assert.ok(fs.existsSync(out), `${command} wrote no result (exit ${r.status}):\n${(r.stdout + r.stderr).slice(-3000)}`);
  return JSON.parse(fs.readFileSync(out, 'utf8')) as Probed;
}

function lines(probed: Probed, strip: RegExp = /^/): string[] {
  return probed.diagnostics.map((d) => `${d.line}:${d.col} ${d.message.replace(strip, '')}`);
}

describe('Neovim 0.7 with the docs/editors.md Lua set-up', () => {
  let probed: Probed;
  before(() => {
    requireTool('nvim', 'neovim');
    const init = path.join(tmp, 'init.lua');
    fs.writeFileSync(init, snippet('nvim-0.7', "'openedx-config', 'lsp', '--stdio'"));
    probed = runEditor('nvim', ['--headless', '-n', '-i', 'NONE', '-u', init, '-c', `luafile ${path.join(PROBES, 'probe.lua')}`, 'lms.yml']);
  });

  it('shows the exact diagnostics of the example lms.yml', () => {
    assert.deepEqual(lines(probed), EXPECTED);
  });

  it('hovers a setting with its name and type', () => {
    const value = typeof probed.hover === 'string' ? probed.hover : probed.hover?.value;
    assert.match(value ?? '', /^\*\*`SITE_NAME`\*\* · `string`\n/);
  });

  it('completes setting names on an empty line: the first 100, the missing required key first, then by name', () => {
    const labels = probed.completion ?? [];
    assert.equal(labels.length, 100, JSON.stringify(labels.slice(0, 10)));
    assert.equal(labels[0], 'LMS_ROOT_URL');
    const rest = labels.slice(1);
    // By name as the server ranks keys: lower case, by code point (`AUTH_…` before `AUTHENTICATION_…`).
    const lower = (x: string): string => x.toLowerCase();
    assert.deepEqual(rest, [...rest].sort((a, b) => (lower(a) < lower(b) ? -1 : lower(a) > lower(b) ? 1 : 0)), 'by name');
    assert.ok(!rest.includes('SITE_NAME'), 'keys the file sets are not offered');
  });
});

describe('Emacs with eglot and the docs/editors.md set-up', () => {
  let probed: Probed;
  before(() => {
    requireTool('emacs', 'emacs-nox elpa-eglot');
    const init = path.join(tmp, 'init.el');
    fs.writeFileSync(init, snippet('eglot', '"openedx-config" "lsp" "--stdio"'));
    // --batch without -Q: Debian's site-start puts elpa-eglot on the load path.
    probed = runEditor('emacs', ['--batch', '-l', init, '-l', path.join(PROBES, 'probe.el')]);
  });

  it('shows the exact diagnostics of the example lms.yml (flymake)', () => {
    // eglot prefixes each message with the server's name and the rule id.
    assert.deepEqual(lines(probed, /^openedx-config \[[a-z-]+\]: /), EXPECTED);
    assert.equal(probed.diagnostics[0].message, 'openedx-config [missing-required]: Missing required setting: `LMS_ROOT_URL`.');
  });

  it('hovers a setting with its name and type', () => {
    assert.match(typeof probed.hover === 'string' ? probed.hover : '', /^\*\*`SITE_NAME`\*\* · `string`\n/);
  });

  it('completes a typed key through completion-at-point (eglot\'s table, filtered by what was typed)', () => {
    assert.deepEqual(probed.completion, ['LMS_ROOT_URL']);
  });
});
