import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyOverlay, loadOverlay, parseOverlay } from '../../../server/src/schema/overlay';
import { buildSchema } from '../../../server/src/schema/build';
import { catalog, json, setting } from './fixtures';

function withDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'overlay-test-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const OVERLAY_TEXT = '{\n  "ida": "demo",\n  "required": {\n    "SECRET_KEY": "Invented reason one.",\n    "MISSING_ONE": "Invented reason two."\n  }\n}\n';

test('loadOverlay: a missing file is undefined', () => {
  withDir((dir) => {
    assert.equal(loadOverlay(dir, 'demo'), undefined);
    assert.equal(loadOverlay(join(dir, 'no-such-folder'), 'demo'), undefined);
  });
});

test('loadOverlay: reads the file, with the line of each key', () => {
  withDir((dir) => {
    writeFileSync(join(dir, 'demo.json'), OVERLAY_TEXT);
    assert.deepStrictEqual(loadOverlay(dir, 'demo'), {
      overlay: {
        ida: 'demo',
        required: { SECRET_KEY: 'Invented reason one.', MISSING_ONE: 'Invented reason two.' },
        path: join(dir, 'demo.json'),
        lines: { SECRET_KEY: 4, MISSING_ONE: 5 },
      },
    });
  });
});

test('loadOverlay: malformed files give a clear error value', () => {
  withDir((dir) => {
    const cases: Array<[string, RegExp]> = [
      ['{ "ida": "demo", ', /demo\.json: not valid JSON/],
      ['[]', /expected a JSON object/],
      ['{"ida": "demo", "requried": {}}', /unknown field "requried"/],
      ['{"ida": "other", "required": {}}', /"ida" is "other" but the file is for "demo"/],
      ['{"ida": "", "required": {}}', /"ida" must be a non-empty string/],
      ['{"ida": "demo", "required": ["A"]}', /"required" must be an object/],
      ['{"ida": "demo", "required": {"A": 3}}', /the reason for "A" must be a non-empty string/],
      ['{"ida": "demo", "required": {"A": " "}}', /the reason for "A" must be a non-empty string/],
      ['{"ida": "demo", "required": {"A": "two\\nlines"}}', /the reason for "A" must be one line/],
      ['{"ida": "demo", "required": {"": "x"}}', /empty setting name/],
    ];
    for (const [text, expected] of cases) {
      writeFileSync(join(dir, 'demo.json'), text);
      const result = loadOverlay(dir, 'demo');
      assert.equal(result?.overlay, undefined, text);
      assert.match(result?.error ?? '', expected, text);
    }
  });
});

test('loadOverlay: an unreadable path or a bad IDA name is an error value, never a throw', () => {
  withDir((dir) => {
    mkdirSync(join(dir, 'demo.json'));
    assert.match(loadOverlay(dir, 'demo')?.error ?? '', /cannot read the overlay/);
    assert.match(loadOverlay(dir, '../etc/passwd')?.error ?? '', /Invalid IDA name/);
  });
});

test('parseOverlay: "$comment" is allowed and reasons are trimmed', () => {
  assert.deepStrictEqual(parseOverlay('{"$comment": "ours", "ida": "demo", "required": {"A": "  Invented.  "}}'), {
    overlay: { ida: 'demo', required: { A: 'Invented.' }, lines: { A: 1 } },
  });
});

test('applyOverlay: marks settings required, keeps a required-module reason, reports unknown keys', () => {
  const base = catalog([
    setting('SECRET_KEY', 3, { type: json(['string']), default: 'dev' }),
    setting('ROOT_URL', 4, { type: json(['string']), required: { source: 'required-module', reason: 'In required.py.' } }),
    setting('SECRET_KEY', 5, { path: ['SECRET_KEY', 'SUB'], type: json(['string']) }),
  ]);
  const snapshot = JSON.stringify(base);
  const { overlay } = parseOverlay(OVERLAY_TEXT.replace('MISSING_ONE', 'ROOT_URL').replace('}\n}', ', "NOT_A_SETTING": "Invented."}\n}'), { path: 'schemas/overlays/demo.json' });
  assert.ok(overlay);
  const applied = applyOverlay(base, overlay);
  assert.equal(JSON.stringify(base), snapshot, 'input not modified');
  assert.deepStrictEqual(applied.settings[0].required, { source: 'overlay', reason: 'Invented reason one.' });
  assert.deepStrictEqual(applied.settings[1].required, { source: 'required-module', reason: 'In required.py.' });
  assert.equal(applied.settings[2].required, undefined);
  assert.deepStrictEqual(applied.problems, [
    { code: 'overlay-unknown-key', message: 'The overlay requires NOT_A_SETTING, which is not a setting of demo.', file: 'schemas/overlays/demo.json', line: 6, column: 0 },
  ]);
  assert.deepStrictEqual(buildSchema(applied, { factsOnly: true }).required, ['ROOT_URL', 'SECRET_KEY']);
});

test('applyOverlay: an overlay parsed without a path names the conventional file', () => {
  const applied = applyOverlay(catalog([]), { ida: 'demo', required: { X: 'Invented.' } });
  assert.deepStrictEqual(applied.problems.map((p) => [p.file, p.line]), [['overlays/demo.json', 1]]);
});
