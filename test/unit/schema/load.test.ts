import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Condition } from '../../../server/src/catalog/types';
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
        // Read as version 1, held as version 2 (its conditions, had it any, are upgraded).
        formatVersion: 2,
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
    ['{"x-openedx-schema": {"formatVersion": 99, "ida": "demo"}, "properties": {}}', /format version 99 is newer than this extension reads \(2\)/],
    ['{"x-openedx-schema": {"formatVersion": 1}, "properties": {}}', /"x-openedx-schema.ida" must be a non-empty string/],
    [`{${facts}}`, /"properties" must be an object/],
    [`{${facts}, "properties": []}`, /"properties" must be an object/],
    [`{${facts}, "properties": {"A": 3}}`, /"properties.A" must be an object/],
    [`{${facts}, "properties": {"A": {"x-openedx": "facts"}}}`, /"properties.A.x-openedx" must be an object/],
    [`{${facts}, "properties": {}, "required": "A"}`, /"required" must be an array/],
    [`{${facts}, "properties": {}, "required": ["A"]}`, /"required" names "A", which is not in "properties"/],
    [`{${facts}, "type": "array", "properties": {}}`, /top-level "type" must be "object"/],
    [`{"$schema": "https://json-schema.org/draft/2020-12/schema", ${facts}, "properties": {}}`, /: not a draft-07 JSON Schema: "\$schema" is "https:\/\/json-schema\.org\/draft\/2020-12\/schema" \(JSON Schema 2020-12\); only draft-07 \("http:\/\/json-schema\.org\/draft-07\/schema#"\) is read$/],
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

/** The roles of each property of a schema text loaded with these roles, as loaded. */
function loadedRoles(formatVersion: number, roles: Record<string, unknown[]>): Record<string, unknown> {
  const properties = Object.fromEntries(Object.entries(roles).map(([name, r]) => [name, { 'x-openedx': { roles: r } }]));
  const loaded = parseSchemaText(JSON.stringify({ 'x-openedx-schema': { formatVersion, ida: 'demo' }, properties }));
  assert.ok(loaded.ok, loaded.ok ? '' : loaded.error);
  return Object.fromEntries(Object.entries(loaded.value.properties).map(([name, p]) => [name, p['x-openedx']?.roles]));
}

const at = { line: 12, file: 'demo/settings/production.py' };
const n = (name: string) => ({ kind: 'name', name });

test('format 1: condition texts become structures, `and` binding tighter than `or`', () => {
  const v1 = (condition: string) => [{ kind: 'conditional', condition, ...at }, { kind: 'yaml-only', ...at }];
  assert.deepStrictEqual(
    loadedRoles(1, {
      ONE: v1('ENABLE_THIRD_PARTY_AUTH'),
      OR: v1('ENABLE_CORS_HEADERS or ENABLE_CROSS_DOMAIN_CSRF_COOKIE'),
      AND: v1('A_1 and B_2'),
      MIXED: v1('A or B and C or D'),
      SPACES: v1('A  and\tB'),
    }),
    {
      ONE: [{ kind: 'conditional', condition: n('ENABLE_THIRD_PARTY_AUTH'), ...at }, { kind: 'yaml-only', ...at }],
      OR: [{ kind: 'conditional', condition: { kind: 'or', operands: [n('ENABLE_CORS_HEADERS'), n('ENABLE_CROSS_DOMAIN_CSRF_COOKIE')] }, ...at }, { kind: 'yaml-only', ...at }],
      AND: [{ kind: 'conditional', condition: { kind: 'and', operands: [n('A_1'), n('B_2')] }, ...at }, { kind: 'yaml-only', ...at }],
      MIXED: [{ kind: 'conditional', condition: { kind: 'or', operands: [n('A'), { kind: 'and', operands: [n('B'), n('C')] }, n('D')] }, ...at }, { kind: 'yaml-only', ...at }],
      SPACES: [{ kind: 'conditional', condition: { kind: 'and', operands: [n('A'), n('B')] }, ...at }, { kind: 'yaml-only', ...at }],
    },
  );
});

test('format 1: a condition text in any other form drops its role, and only that role', () => {
  const odd = ['not A', "FEATURES['A']", 'A or', '(A or B)', 'a or B', 'A OR B', 'A == 3', ''];
  const roles = Object.fromEntries(odd.map((text, i) => [`K${i}`, [{ kind: 'conditional', condition: text, ...at }, { kind: 'overwritten', ...at }]]));
  assert.deepStrictEqual(loadedRoles(1, roles), Object.fromEntries(odd.map((_, i) => [`K${i}`, [{ kind: 'overwritten', ...at }]])));
  // Not a string at all.
  assert.deepStrictEqual(loadedRoles(1, { K: [{ kind: 'conditional', condition: { kind: 'name', name: 'A' }, ...at }] }), { K: [] });
});

test('format 1: conditions of nested properties are upgraded too', () => {
  const text = JSON.stringify({
    'x-openedx-schema': { formatVersion: 1, ida: 'demo' },
    properties: { D: { type: 'object', properties: { K: { 'x-openedx': { roles: [{ kind: 'conditional', condition: 'A and B', ...at }] } } } } },
  });
  const loaded = parseSchemaText(text);
  assert.ok(loaded.ok);
  const roles = loaded.value.properties.D.properties?.K['x-openedx']?.roles;
  assert.deepStrictEqual(roles, [{ kind: 'conditional', condition: { kind: 'and', operands: [n('A'), n('B')] }, ...at }]);
});

test('format 2: conditions are read as they are; a role whose condition is no structure is dropped', () => {
  const good = { kind: 'or', operands: [{ kind: 'not', operand: n('A') }, { kind: 'literal', value: null }, { kind: 'and', operands: [n('B'), { kind: 'literal', value: 'x' }] }] };
  const bad = ['A or B', { kind: 'and' }, { kind: 'not', operand: 'A' }, { kind: 'literal', value: [] }, { kind: 'xor', operands: [] }, null];
  const roles = Object.fromEntries(bad.map((condition, i) => [`K${i}`, [{ kind: 'conditional', condition, ...at }]]));
  assert.deepStrictEqual(loadedRoles(2, { GOOD: [{ kind: 'conditional', condition: good, ...at }], ...roles }), {
    GOOD: [{ kind: 'conditional', condition: good, ...at }],
    ...Object.fromEntries(bad.map((_, i) => [`K${i}`, []])),
  });
});

test('a version 2 schema with conditions round-trips through a file unchanged', () => {
  const condition: Condition = { kind: 'not', operand: { kind: 'and', operands: [{ kind: 'name', name: 'A' }, { kind: 'name', name: 'B' }] } };
  const schema = buildSchema(catalog([setting('K', 1, { type: json(['string']), roles: [{ kind: 'conditional', condition, line: 3, file: 'p.py' }] })]), { factsOnly: true });
  assert.equal(schema['x-openedx-schema'].formatVersion, 2);
  withFile(JSON.stringify(schema), (path) => assert.deepStrictEqual(loadSchemaFile(path), { ok: true, value: schema }));
});

test('text that is not JSON: the place of the error, never the text around it', () => {
  const cases: Array<[string, string]> = [
    ['root:x:0:0:AKIAIOSFODNN7EXAMPLE:/root:/bin/bash\n', 'not valid JSON'],
    ['{\n  "SECRET" "hunter2"\n}', 'not valid JSON at line 2, column 12'],
    ['{"a": 1}\nhunter2', 'not valid JSON at line 2, column 1'],
    ['{"a": ', 'not valid JSON (it ends too early)'],
  ];
  for (const [text, message] of cases) {
    const result = parseSchemaText(text);
    assert.ok(!result.ok);
    assert.equal(result.error, message, JSON.stringify(text));
  }
});

test('a plain draft-07 schema stands for the IDA it is mapped to; unknown keys follow additionalProperties', () => {
  const plain = { $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { DB: { type: 'object', properties: { HOST: { type: 'string' } }, additionalProperties: false }, OPEN: { type: 'object', properties: { A: { type: 'string' } } } } };
  const open = parseSchemaText(JSON.stringify(plain), { ida: 'studio' });
  assert.ok(open.ok);
  assert.equal(open.value['x-openedx-schema'].ida, 'studio');
  assert.equal(open.value['x-openedx-schema'].unknownKeys, 'ignored');
  assert.equal('additionalProperties' in open.value.properties.DB, false);
  assert.equal(open.value.properties.DB['x-openedx']?.freeFormKeys, undefined);
  assert.equal(open.value.properties.OPEN['x-openedx']?.freeFormKeys, true);
  const closed = parseSchemaText(JSON.stringify({ ...plain, additionalProperties: false }), { ida: 'studio' });
  assert.ok(closed.ok);
  assert.equal(closed.value['x-openedx-schema'].unknownKeys, undefined);
  assert.equal('plainAdditionalProperties' in closed.value['x-openedx-schema'], false);
  assert.deepEqual(parseSchemaText(JSON.stringify(plain)), { ok: false, error: 'missing "x-openedx-schema" object: this is not an Open edX Config schema' });
});

test('a schema of another draft is refused with one message naming the draft', () => {
  const dir = mkdtempSync(join(tmpdir(), 'schema-draft-test-'));
  try {
    const file = join(dir, 'mine.json');
    writeFileSync(file, JSON.stringify({ $schema: 'https://json-schema.org/draft/2019-09/schema', type: 'object', properties: {} }));
    assert.deepEqual(loadSchemaFile(file, { ida: 'lms' }), {
      ok: false,
      error: `${file}: not a draft-07 JSON Schema: "$schema" is "https://json-schema.org/draft/2019-09/schema" (JSON Schema 2019-09); only draft-07 ("http://json-schema.org/draft-07/schema#") is read`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
