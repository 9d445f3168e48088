import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOverlay, parseOverlay } from '../../../server/src/schema/overlay';

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
      ok: true,
      value: {
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
      assert.ok(result !== undefined && !result.ok, text);
      assert.deepStrictEqual(Object.keys(result), ['ok', 'error'], text);
      assert.ok(result.error.startsWith(`${join(dir, 'demo.json')}: `), text);
      assert.match(result.error, expected, text);
    }
  });
});

test('loadOverlay: an unreadable path or a bad IDA name is an error value, never a throw', () => {
  withDir((dir) => {
    mkdirSync(join(dir, 'demo.json'));
    const unreadable = loadOverlay(dir, 'demo');
    assert.ok(unreadable !== undefined && !unreadable.ok);
    assert.ok(unreadable.error.startsWith(`${join(dir, 'demo.json')}: cannot read the overlay: `), unreadable.error);
    assert.deepStrictEqual(loadOverlay(dir, '../etc/passwd'), { ok: false, error: 'Invalid IDA name for an overlay: "../etc/passwd"' });
  });
});

test('parseOverlay: "$comment" is allowed and reasons are trimmed', () => {
  assert.deepStrictEqual(parseOverlay('{"$comment": "ours", "ida": "demo", "required": {"A": "  Invented.  "}}'), {
    ok: true,
    value: { ida: 'demo', required: { A: 'Invented.' }, lines: { A: 1 } },
  });
});
