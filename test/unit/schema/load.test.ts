import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSchema } from '../../../server/src/schema/build';
import { loadSchemaFile, parseSchemaText } from '../../../server/src/schema/load';
import { catalog, json, setting } from './fixtures';

function withFile(text: string, fn: (path: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'schema-load-test-'));
  try {
    const path = join(dir, 'demo.schema.json');
    writeFileSync(path, text);
    fn(path);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const facts = '"x-openedx-schema": {"formatVersion": 1, "ida": "demo"}';

test('a built schema round-trips through a file unchanged', () => {
  const schema = buildSchema(catalog([setting('A', 1, { type: json(['string']), default: 'a', required: { source: 'overlay', reason: 'Invented.' } })]), { factsOnly: true });
  withFile(JSON.stringify(schema, null, 2), (path) => {
    assert.deepStrictEqual(loadSchemaFile(path), { ok: true, value: schema });
  });
});

test('a minimal hand-written schema is filled in', () => {
  assert.deepStrictEqual(parseSchemaText(`{${facts}, "properties": {"A": {"type": "string"}}}`), {
    ok: true,
    value: {
      $schema: 'http://json-schema.org/draft-07/schema#',
      $id: 'openedx-config:demo',
      title: 'Open edX configuration: demo',
      type: 'object',
      properties: { A: { type: 'string' } },
      required: [],
      additionalProperties: true,
      'x-openedx-schema': {
        formatVersion: 1,
        ida: 'demo',
        layout: 'ida',
        source: { files: [] },
        factsOnly: true,
        yaml: {},
        generator: 'unknown',
        counts: { settings: 1, documented: 0, typed: 0, computed: 0, required: 0, problems: 0 },
        problems: [],
      },
    },
  });
});

test('garbage gives one clear message naming the file', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /not valid JSON/],
    ['not json at all', /not valid JSON/],
    ['[1, 2]', /expected a JSON object/],
    ['{"properties": {}}', /missing "x-openedx-schema" object/],
    ['{"x-openedx-schema": {"formatVersion": "1", "ida": "demo"}, "properties": {}}', /formatVersion" must be a positive integer/],
    ['{"x-openedx-schema": {"formatVersion": 99, "ida": "demo"}, "properties": {}}', /format version 99 is newer than this extension reads \(1\)/],
    ['{"x-openedx-schema": {"formatVersion": 1}, "properties": {}}', /"x-openedx-schema.ida" must be a non-empty string/],
    [`{${facts}}`, /"properties" must be an object/],
    [`{${facts}, "properties": []}`, /"properties" must be an object/],
    [`{${facts}, "properties": {"A": 3}}`, /"properties.A" must be an object/],
    [`{${facts}, "properties": {"A": {"x-openedx": "facts"}}}`, /"properties.A.x-openedx" must be an object/],
    [`{${facts}, "properties": {}, "required": "A"}`, /"required" must be an array/],
    [`{${facts}, "properties": {}, "required": ["A"]}`, /"required" names "A", which is not in "properties"/],
    [`{${facts}, "type": "array", "properties": {}}`, /top-level "type" must be "object"/],
    [`{"$schema": "https://json-schema.org/draft/2020-12/schema", ${facts}, "properties": {}}`, /unsupported "\$schema"/],
    [`{${facts}, "properties": {"A": {"type": "strin"}}}`, /not a valid JSON Schema \(draft-07\): \/properties\/A\/type/],
  ];
  for (const [text, expected] of cases) {
    withFile(text, (path) => {
      const result = loadSchemaFile(path);
      assert.ok(!result.ok, text);
      assert.deepStrictEqual(Object.keys(result), ['ok', 'error'], text);
      assert.ok(result.error.startsWith(`${path}: `), text);
      assert.match(result.error, expected, text);
    });
  }
});

test('a missing file is an error value', () => {
  const path = join(tmpdir(), 'no-such-dir-for-schema-test', 'x.json');
  const result = loadSchemaFile(path);
  assert.ok(!result.ok);
  assert.match(result.error, /^\S+x\.json: cannot read the schema file: ENOENT/);
  assert.ok(result.error.startsWith(`${path}: `));
});
