import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { jsonTerminalSafe, terminalSafe } from '../../../server/src/cli/terminalText';
import { runCli } from '../../helpers/cli';

/** Any character a terminal acts on: C0, DEL, C1, bidi controls. */
const UNSAFE_OUTPUT = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

test('terminalSafe escapes C0, DEL, C1 and bidi controls, and leaves other text alone', () => {
  assert.equal(terminalSafe('a\u001b[2Jb'), 'a\\x1b[2Jb');
  assert.equal(terminalSafe('\u001b]0;title\u0007'), '\\x1b]0;title\\x07');
  assert.equal(terminalSafe('\u0000\t\n\r\u007f\u0085\u009b'), '\\x00\\x09\\x0a\\x0d\\x7f\\x85\\x9b');
  assert.equal(terminalSafe('abc\u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c\u2028'), 'abc\\u202eevil\\u202c \\u2066x\\u2069 \\u200e\\u200f\\u061c\\u2028');
  assert.equal(terminalSafe('Müller — 日本 \u{1F600} `KEY`'), 'Müller — 日本 \u{1F600} `KEY`');
});

test('jsonTerminalSafe escapes what JSON.stringify leaves raw, and the value stays the same', () => {
  const value = { key: 'a\u001b[2J\u007f\u009b\u202eb\u2066' };
  const json = jsonTerminalSafe(JSON.stringify(value));
  assert.equal(json, '{"key":"a\\u001b[2J\\u007f\\u009b\\u202eb\\u2066"}');
  assert.deepEqual(JSON.parse(json), value);
});

let dir: string;
before(() => (dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-terminal-')))));
after(() => fs.rmSync(dir, { recursive: true, force: true }));

test('check in text format: a quoted YAML key and a file name holding escape sequences and U+202E are printed escaped', async () => {
  const file = path.join(dir, 'evil\u001b[31m\u202e.yml');
  fs.writeFileSync(file, 'LMS_ROOT_URL: https://x\n"\\e[2J\\e]0;pwned\\a\\u202eKEY": 1\n');
  const r = await runCli('check', '--ida', 'lms', file);
  const shown = `${dir}/evil\\x1b[31m\\u202e.yml`;
  assert.equal(r.stdout, `${shown}:2:1 information unknown-key \`\\x1b[2J\\x1b]0;pwned\\x07\\u202eKEY\` is not defined by lms settings; only a plugin could read it.\n`);
  assert.doesNotMatch(r.stdout + r.stderr, UNSAFE_OUTPUT);
  const missing = await runCli('check', '--ida', 'lms', path.join(dir, 'gone\u001b[2J.yml'));
  assert.match(missing.stderr, /gone\\x1b\[2J\.yml/);
  assert.doesNotMatch(missing.stderr, UNSAFE_OUTPUT);
});

test('check in JSON format: the same key comes out as JSON escapes, and parses back to the key', async () => {
  const file = path.join(dir, 'json\u202e.yml');
  fs.writeFileSync(file, 'LMS_ROOT_URL: https://x\n"\\e[2J\\x9b\\u202eKEY": 1\n');
  const r = await runCli('check', '--ida', 'lms', '--format', 'json', file);
  assert.doesNotMatch(r.stdout, UNSAFE_OUTPUT);
  const parsed = JSON.parse(r.stdout) as Array<{ file: string; message: string }>;
  assert.equal(parsed[0].file, file);
  assert.equal(parsed[0].message, '`\u001b[2J\u009b\u202eKEY` is not defined by lms settings; only a plugin could read it.');
});
