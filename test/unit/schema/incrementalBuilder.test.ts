/**
 * The incremental catalog → schema builder of live sources: after any edit of the catalog, its
 * schema is exactly the one a whole build gives, and unchanged properties are the same objects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Catalog, Setting } from '../../../server/src/catalog/types';
import { buildSchema } from '../../../server/src/schema/build';
import { sameJson } from '../../../server/src/common/sameJson';
import { IncrementalSchemaBuilder } from '../../../server/src/schema/incrementalBuilder';
import { extractFrom, fixturePath } from '../extractor/helpers';

const OPTIONS = { factsOnly: false };

let catalogs: Promise<Catalog[]> | undefined;
function fixtureCatalogs(): Promise<Catalog[]> {
  catalogs ??= Promise.all([
    extractFrom(fixturePath('platform-legacy'), 'lms').then((r) => r.catalog),
    extractFrom(fixturePath('platform-legacy'), 'studio').then((r) => r.catalog),
    extractFrom(fixturePath('ida')).then((r) => r.catalog),
    extractFrom(fixturePath('django')).then((r) => r.catalog),
    extractFrom(fixturePath('broken')).then((r) => r.catalog),
  ]);
  return catalogs;
}

/** One edit of a catalog, as an edit of its sources would make it. */
type Edit = { kind: 'default' | 'doc' | 'remove' | 'require' | 'role' | 'add' | 'nested' | 'problem' | 'move'; at: number; value: number };

const editArb: fc.Arbitrary<Edit> = fc.record({
  kind: fc.constantFrom('default', 'doc', 'remove', 'require', 'role', 'add', 'nested', 'problem', 'move'),
  at: fc.nat(),
  value: fc.integer({ min: 0, max: 5 }),
});

function applyEdit(c: Catalog, e: Edit): Catalog {
  const settings = [...c.settings];
  const i = settings.length === 0 ? 0 : e.at % settings.length;
  const s: Setting | undefined = settings[i];
  const edited = (patch: Partial<Setting>): Catalog => {
    if (s === undefined) return c;
    settings[i] = { ...s, ...patch };
    return { ...c, settings };
  };
  switch (e.kind) {
    case 'default':
      return edited({ default: e.value === 0 ? { nested: { key: e.value } } : e.value, type: { kind: 'json', types: e.value === 0 ? ['object'] : ['integer'], nullable: false, from: 'literal' } });
    case 'doc':
      return edited({ doc: { source: 'comment', description: `Edited ${e.value}.`, fields: {}, line: 1 } });
    case 'remove':
      settings.splice(i, 1);
      return { ...c, settings };
    case 'require':
      return edited({ required: { source: 'overlay', reason: `reason ${e.value}` } });
    case 'role':
      return edited({ roles: [...(s?.roles ?? []), e.value % 2 === 0 ? { kind: 'deprecated', reason: 'old' } : { kind: 'overwritten', line: e.value, file: 'x.py' }] });
    case 'add': {
      const name = `ADDED_${e.value}`;
      settings.splice(i, 0, { name, path: [name], type: { kind: 'json', types: ['string'], nullable: false, from: 'literal' }, default: 'x', origin: { file: 'a.py', line: e.value + 1, column: 0 }, roles: [] });
      return { ...c, settings };
    }
    case 'nested': {
      if (s === undefined) return c;
      settings.push({ name: s.name, path: [s.name, `KEY_${e.value}`], type: { kind: 'json', types: ['boolean'], nullable: false, from: 'literal' }, default: true, origin: s.origin, roles: [], doc: { source: 'annotation', description: 'A key.', fields: {}, line: 2 } });
      return { ...c, settings };
    }
    case 'problem':
      return { ...c, problems: [...c.problems, { code: 'syntax-error', message: `broken ${e.value}`, file: 'a.py', line: 1, column: 0 }] };
    case 'move':
      // Definition order across names does not matter; it must not change the schema.
      if (s === undefined) return c;
      settings.splice(i, 1);
      settings.push(s);
      return { ...c, settings };
  }
}

test('after any edits, the incremental schema is exactly the whole build', async () => {
  const fixtures = await fixtureCatalogs();
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 5 }), async (which, rounds) => {
      let catalog = fixtures[which % fixtures.length];
      const builder = new IncrementalSchemaBuilder(OPTIONS);
      builder.build(catalog);
      for (const edits of rounds) {
        catalog = edits.reduce(applyEdit, catalog);
        const incremental = builder.build(catalog);
        assert.equal(JSON.stringify(incremental), JSON.stringify(buildSchema(catalog, OPTIONS)));
      }
    }),
    { numRuns: 150 },
  );
});

test('one changed setting: built again alone, every other property the same object', async () => {
  const lms = (await fixtureCatalogs())[2];
  const builder = new IncrementalSchemaBuilder(OPTIONS);
  const first = builder.build(lms);
  assert.deepEqual(builder.lastBuild, { kind: 'whole' });
  const index = lms.settings.findIndex((s) => s.path.length === 1 && s.name === 'SECRET_KEY');
  assert.ok(index >= 0);
  const settings = [...lms.settings];
  settings[index] = { ...settings[index], default: 'Edited' };
  const second = builder.build({ ...lms, settings });
  assert.deepEqual(builder.lastBuild, { kind: 'incremental', changed: 1 });
  assert.equal(second.properties.SECRET_KEY.default, 'Edited');
  const names = Object.keys(first.properties).filter((n) => n !== 'SECRET_KEY');
  assert.ok(names.length >= 20, `${names.length} other properties`);
  assert.deepEqual(names.filter((n) => second.properties[n] !== first.properties[n]), []);
  assert.equal(JSON.stringify(second), JSON.stringify(buildSchema({ ...lms, settings }, OPTIONS)));
});

test('sameJson: deep, with key order', () => {
  assert.equal(sameJson({ a: [1, { b: null }] }, { a: [1, { b: null }] }), true);
  assert.equal(sameJson({ a: 1, b: 2 }, { b: 2, a: 1 }), false);
  assert.equal(sameJson([1, 2], [1, 2, 3]), false);
  assert.equal(sameJson({ a: [] }, { a: {} }), false);
  assert.equal(sameJson(undefined, {}), false);
});
