/**
 * The validity pre-check that spares compiling Ajv validators (checkValue's `conforms`): it may
 * leave a valid value unproven, but must never call valid a value Ajv finds an error in.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAjv } from '../../../server/src/schema/ajv';
import { conforms } from '../../../server/src/service/checkValue';

const NAMES = ['a', 'b', 'c', 'constructor', 'toString', '__proto__'];
const TYPES = ['string', 'integer', 'number', 'boolean', 'array', 'object', 'null'];

/**
 * Schemas as our schemas write them (Ajv's strict mode compiles them: `properties`/`required`
 * only with an object type, `items` only with an array type), with now and then a keyword the
 * pre-check does not interpret, or a shape strict mode rejects.
 */
const extra = fc.oneof(
  { weight: 8, arbitrary: fc.constant({}) },
  fc.constant({ enum: [1, 'x'] }),
  fc.constant({ minimum: 1 }),
  fc.constant({ type: 'foo' }),
  fc.constant({ properties: { a: { type: 'string' } } }),
);
const types = fc.record({ list: fc.uniqueArray(fc.constantFrom(...TYPES), { minLength: 1, maxLength: 3 }), union: fc.boolean() });

const { schema } = fc.letrec<{ schema: Record<string, unknown> }>((tie) => ({
  schema: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'schema' },
    fc.record({ types, extra }).map(({ types: t, extra: x }) => ({ type: t.union ? t.list : t.list[0], description: 'A setting.', ...x })),
    fc
      .record({
        types,
        properties: fc.dictionary(fc.constantFrom(...NAMES), tie('schema'), { maxKeys: 3 }),
        items: tie('schema'),
        required: fc.uniqueArray(fc.constantFrom(...NAMES), { maxLength: 2 }),
        extra,
      })
      .map(({ types: t, properties, items, required, extra: x }) => {
        const list = t.union ? t.list : [t.list[0]];
        const out: Record<string, unknown> = { type: t.union ? t.list : t.list[0], description: 'A setting.' };
        if (list.includes('object') && Object.keys(properties).length > 0) {
          out.properties = properties;
          const req = required.filter((r) => Object.hasOwn(properties, r));
          if (req.length > 0) out.required = req;
        }
        if (list.includes('array')) out.items = items;
        return { ...out, ...x };
      }),
  ),
}));

const { value } = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom(1.5, Number.POSITIVE_INFINITY, Number.NaN),
    fc.constantFrom('', 'x', 'y'),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom(...NAMES), tie('value'), { maxKeys: 3 }),
  ),
}));

test('conforms is never true where Ajv reports an error', () => {
  const ajv = createAjv();
  fc.assert(
    fc.property(schema, value, (s, v) => {
      if (!conforms(s, v)) return;
      let validate;
      try {
        validate = ajv.compile(s);
      } catch {
        return; // Ajv cannot compile it: the server reports nothing for it either way.
      }
      assert.equal(validate(v), true, `Ajv errors: ${JSON.stringify(validate.errors)}`);
    }),
    { numRuns: 3000, seed: 20261125 },
  );
});

test('conforms proves the common shapes valid, and leaves the rest to Ajv', () => {
  const dict = { type: 'object', properties: { a: { type: 'integer', description: 'A.' }, b: { type: ['string', 'null'] } }, required: ['a'], 'x-openedx': {} };
  assert.equal(conforms(dict, { a: 1, b: null, other: [1] }), true);
  assert.equal(conforms(dict, { a: 'x' }), false);
  assert.equal(conforms(dict, { b: 'x' }), false);
  assert.equal(conforms(dict, 'x'), false);
  assert.equal(conforms({ type: 'array', items: { type: 'string' } }, ['x', 'y']), true);
  assert.equal(conforms({ type: 'array', items: { type: 'string' } }, ['x', 2]), false);
  // Keywords it does not interpret: unproven, whatever the value.
  assert.equal(conforms({ type: 'string', enum: ['x'] }, 'x'), false);
  assert.equal(conforms({ type: 'object', properties: { a: true } }, { a: 1 }), false);
  // Ajv would check `{}.constructor` against the subschema: unproven.
  assert.equal(conforms({ type: 'object', properties: { constructor: { type: 'string' } } }, {}), false);
});
