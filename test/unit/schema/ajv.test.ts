import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileSchema, createAjv, getPropertyValidator } from '../../../server/src/schema/ajv';
import { buildSchema } from '../../../server/src/schema/build';
import type { IdaSchema } from '../../../server/src/schema/format';
import { catalog, doc, json, setting } from './fixtures';

/** A catalog that exercises every shape the builder emits. */
function richCatalog() {
  return catalog([
    setting('PAGE_SIZE', 1, { type: json(['integer']), default: 30, defaultText: '30', doc: doc('Invented.', { use_cases: 'open_edx' }, 1), required: { source: 'overlay', reason: 'Invented.' } }),
    setting('HOST', 2, { type: json(['string'], true, 'hint'), default: null, defaultText: 'None' }),
    setting('RATIO', 3, { type: json(['number']), default: 0.5, defaultText: '0.5' }),
    setting('AUTH', 4, { type: json(['object']), default: { TTL: 3, INNER: { ON: true } }, defaultText: "{'TTL': 3, 'INNER': {'ON': True}}" }),
    setting('AUTH', 5, { path: ['AUTH', 'INNER', 'LEVEL'], type: json(['integer']), default: 1, required: { source: 'overlay', reason: 'Invented.' } }),
    setting('CACHES', 6, { type: json(['object']), default: { default: { BACKEND: 'x' } }, defaultText: '{…}' }),
    setting('DERIVED', 7, { type: { kind: 'computed', types: [], nullable: false, from: 'none' }, roles: [{ kind: 'deprecated', reason: 'Invented.' }] }),
    setting('DERIVED', 8, { path: ['DERIVED', 'k', 'j'], type: json(['string']) }),
    setting('ORPHAN', 9, { path: ['ORPHAN', 'KEY'], type: { kind: 'unknown', types: [], nullable: true, from: 'none' } }),
    setting('LIST', 10, { type: json(['array']), default: ['a'], defaultText: "('a',)" }),
  ]);
}

test('ajv strict mode compiles every schema the builder emits, live and facts-only', () => {
  for (const factsOnly of [false, true]) {
    const validate = compileSchema(buildSchema(richCatalog(), { factsOnly }));
    assert.equal(validate({ PAGE_SIZE: 10, UNKNOWN_PLUGIN_KEY: 'fine' }), true, JSON.stringify(validate.errors));
  }
});

test('strict mode is on: an unknown keyword fails to compile, our keywords do not', () => {
  const ajv = createAjv();
  assert.throws(() => ajv.compile({ type: 'string', 'x-unknown': 1 }), /strict mode: unknown keyword/);
  assert.doesNotThrow(() => ajv.compile({ type: 'string', markdownDescription: 'x', 'x-openedx': {} }));
});

test('the whole-document validator reports a wrong type and a missing required key', () => {
  const validate = compileSchema(buildSchema(richCatalog(), { factsOnly: true }));
  assert.equal(validate({ PAGE_SIZE: 'thirty' }), false);
  assert.deepStrictEqual(
    validate.errors?.map((e) => [e.instancePath, e.keyword]),
    [['/PAGE_SIZE', 'type']],
  );
  assert.equal(validate({}), false);
  assert.deepStrictEqual(validate.errors?.map((e) => [e.keyword, e.params]), [['required', { missingProperty: 'PAGE_SIZE' }]]);
});

test('property validators catch wrong types, accept null where nullable, and are cached', () => {
  const schema = buildSchema(richCatalog(), { factsOnly: true });
  const page = getPropertyValidator(schema, 'PAGE_SIZE');
  assert.ok(page?.ok);
  assert.equal(page.value(30), true);
  assert.equal(page.value('30'), false);
  assert.equal(page.value.errors?.[0].keyword, 'type');
  assert.strictEqual(getPropertyValidator(schema, 'PAGE_SIZE'), page);

  const host = getPropertyValidator(schema, 'HOST');
  assert.ok(host?.ok);
  assert.equal(host.value(null), true);
  assert.equal(host.value(3), false);

  const ratio = getPropertyValidator(schema, 'RATIO');
  assert.ok(ratio?.ok);
  assert.equal(ratio.value(1), true);

  const auth = getPropertyValidator(schema, 'AUTH');
  assert.ok(auth?.ok);
  assert.equal(auth.value({ TTL: 3, INNER: { LEVEL: 2 }, OTHER: 1 }), true);
  assert.equal(auth.value({ TTL: 'x', INNER: {} }), false);
  assert.deepStrictEqual(
    auth.value.errors?.map((e) => [e.instancePath, e.keyword]),
    [['/INNER', 'required'], ['/TTL', 'type']].sort(),
  );
});

test('property validators: computed settings accept anything; a missing property is undefined', () => {
  const schema = buildSchema(richCatalog(), { factsOnly: true });
  const derived = getPropertyValidator(schema, 'DERIVED');
  assert.ok(derived?.ok);
  assert.equal(derived.value({ k: { j: 's' } }), true);
  assert.equal(getPropertyValidator(schema, 'NOT_THERE'), undefined);
  assert.equal(getPropertyValidator(schema, 'constructor'), undefined);
});

test('a subschema that does not compile gives an error value, not an exception', () => {
  const schema = buildSchema(catalog([]), { factsOnly: true });
  const broken = { ...schema, properties: { BAD: { type: 'strin' } } } as unknown as IdaSchema;
  const result = getPropertyValidator(broken, 'BAD');
  assert.ok(result && !result.ok);
  assert.match(result.error, /^Schema of "BAD" does not compile: /);
  assert.deepStrictEqual(Object.keys(result), ['ok', 'error'], 'a plain failed Result');
  assert.strictEqual(getPropertyValidator(broken, 'BAD'), result, 'the failure is cached too');
});

test('properties that differ only in annotations share one compiled validator; data keywords are untouched', () => {
  const schema = buildSchema(
    catalog([
      setting('ONE', 1, { type: json(['string']), default: 'a', doc: doc('Invented one.', {}, 1) }),
      setting('TWO', 2, { type: json(['string']), default: 'b' }),
      setting('THREE', 3, { type: json(['integer']), default: 3 }),
    ]),
    { factsOnly: false },
  );
  const one = getPropertyValidator(schema, 'ONE');
  const two = getPropertyValidator(schema, 'TWO');
  const three = getPropertyValidator(schema, 'THREE');
  assert.ok(one?.ok && two?.ok && three?.ok);
  assert.strictEqual(one.value, two.value);
  assert.notStrictEqual(one.value, three.value);

  const withEnum = { ...schema, properties: { E: { enum: [{ description: 'kept', n: 1 }], properties: { default: { type: 'string' } }, type: 'object' } } } as unknown as IdaSchema;
  const e = getPropertyValidator(withEnum, 'E');
  assert.ok(e?.ok);
  assert.equal(e.value({ description: 'kept', n: 1 }), true);
  assert.equal(e.value({ n: 1 }), false);
});
