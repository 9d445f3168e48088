/**
 * The schemas shipped in schemas/: each compiles in ajv strict mode, carries facts only, records
 * its source revision, and agrees with the manifest and the required-key overlays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileSchema } from '../../../server/src/schema/ajv';
import type { IdaSchema, PropertySchema } from '../../../server/src/schema/format';
import { applyOverlay } from '../../../server/src/schema/layers';
import { loadOverlay } from '../../../server/src/schema/overlay';

const SCHEMAS = path.resolve(__dirname, '..', '..', '..', '..', 'schemas');
const manifest = JSON.parse(fs.readFileSync(path.join(SCHEMAS, 'sources.json'), 'utf8')) as {
  schemas: { ida: string; repo: string }[];
  libraries: { folder: string; packages: { name: string; version?: string; repo: string; commit?: string; folder: string; home?: string; idas?: string[] }[] };
};
/** The IDA schemas; `libraries.json` is the layer under them (tested below). */
const files = fs.readdirSync(SCHEMAS).filter((f) => f.endsWith('.json') && f !== 'sources.json' && f !== 'libraries.json').sort();

function load(file: string): IdaSchema {
  return JSON.parse(fs.readFileSync(path.join(SCHEMAS, file), 'utf8')) as IdaSchema;
}

/** Every subschema, with its JSON path, for keyword checks. */
function* walk(props: Record<string, PropertySchema> | undefined, at: string): Generator<[string, PropertySchema]> {
  for (const [k, v] of Object.entries(props ?? {})) {
    yield [`${at}.${k}`, v];
    yield* walk(v.properties, `${at}.${k}`);
    if (v.items) yield [`${at}.${k}[]`, v.items];
  }
}

test('the manifest lists exactly the shipped schemas', () => {
  assert.deepStrictEqual(files, manifest.schemas.map((e) => `${e.ida}.json`).sort());
  assert.equal(files.length, 12);
});

for (const file of files) {
  test(`${file} compiles in ajv strict mode and validates a value of each type`, () => {
    const schema = load(file);
    const validate = compileSchema(schema);
    assert.equal(validate({}), schema.required.length === 0);
    const typed = Object.entries(schema.properties).find(([, p]) => p.type === 'integer');
    if (typed) assert.equal(validate({ [typed[0]]: 'not a number' }), false);
  });

  test(`${file} carries facts only and records its source`, () => {
    const schema = load(file);
    const facts = schema['x-openedx-schema'];
    const entry = manifest.schemas.find((e) => `${e.ida}.json` === file);
    assert.equal(facts.factsOnly, true);
    assert.equal(facts.ida, entry?.ida);
    assert.equal(facts.source.repo, entry?.repo);
    assert.match(facts.source.commit ?? '', /^[0-9a-f]{40}$/);
    assert.match(facts.source.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
    assert.equal(facts.source.root, undefined, 'no local path in a shipped schema');
    for (const [at, p] of walk(schema.properties, '')) {
      assert.equal(p.description, undefined, `${at} has a description`);
      assert.equal(p.markdownDescription, undefined, `${at} has a markdownDescription`);
      const doc = p['x-openedx']?.doc;
      assert.equal(doc !== undefined && 'description' in doc, false, `${at} keeps documentation prose`);
    }
    // Counts include documented nested keys as well as top-level settings.
    assert.ok(facts.counts.settings >= Object.keys(schema.properties).length);
  });
}

test('libraries.json: facts only, the packages of the manifest, every reader pinned to a commit of its repository', () => {
  const schema = load('libraries.json');
  const facts = schema['x-openedx-schema'];
  assert.equal(facts.ida, 'libraries');
  assert.equal(facts.layout, 'library');
  assert.equal(facts.factsOnly, true);
  assert.equal(facts.source.root, undefined, 'no local path in a shipped schema');
  assert.match(facts.source.date ?? '', /^\d{4}-\d{2}-\d{2}$/);
  assert.deepStrictEqual(
    facts.packages?.map((p) => p.name),
    manifest.libraries.packages.map((p) => p.name).sort(),
  );
  for (const p of facts.packages ?? []) {
    const entry = manifest.libraries.packages.find((e) => e.name === p.name);
    assert.deepStrictEqual([p.version, p.repo, p.commit, p.folder, p.home, p.idas], [entry?.version, entry?.repo, entry?.commit, entry?.folder, entry?.home, entry?.idas], p.name);
  }
  const pins = new Map((facts.source.pinned ?? []).map((pin) => [`${pin.repo} ${pin.path}`, pin]));
  for (const pin of pins.values()) assert.match(pin.commit, /^[0-9a-f]{40}$/);
  const compiled = compileSchema(schema);
  assert.equal(compiled({}), true, 'nothing is required');
  let readers = 0;
  for (const [at, p] of walk(schema.properties, '')) {
    assert.equal(p.description, undefined, `${at} has a description`);
    assert.equal(p['x-openedx']?.required, undefined, `${at} is required`);
    for (const reader of p['x-openedx']?.readers ?? []) {
      readers++;
      const pkg = facts.packages?.find((q) => q.name === reader.package);
      assert.ok(pkg !== undefined, `${at}: ${reader.package} is not a package of the layer`);
      assert.ok(reader.file.startsWith(`${pkg.folder}/`), `${at}: ${reader.file} outside ${pkg.folder}`);
      assert.ok(pins.has(`${pkg.repo} ${reader.file.slice(`${pkg.folder}/`.length)}`), `${at}: ${reader.file} is not pinned`);
    }
  }
  assert.ok(readers > Object.keys(schema.properties).length, `${readers} readers`);
});

test('every overlay key is a required property of its shipped schema, with our reason', () => {
  const dir = path.join(SCHEMAS, 'overlays');
  for (const f of fs.readdirSync(dir)) {
    const overlay = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { ida: string; required: Record<string, string> };
    const schema = load(`${overlay.ida}.json`);
    for (const [key, reason] of Object.entries(overlay.required)) {
      assert.ok(schema.required.includes(key), `${overlay.ida}: ${key} not required`);
      assert.deepStrictEqual(schema.properties[key]['x-openedx']?.required, { source: 'overlay', reason });
    }
  }
});

test('the LMS schema knows the platform, the YAML roles and the Django built-ins', () => {
  const lms = load('lms.json');
  const p = lms.properties;
  assert.deepStrictEqual(lms['x-openedx-schema'].yaml, { envVar: 'LMS_CFG', module: 'lms/envs/production.py', line: 62 });
  assert.deepStrictEqual(p.ENABLE_MASQUERADE.type, 'boolean');
  assert.equal(p.ENABLE_MASQUERADE.default, true);
  assert.deepStrictEqual(p.CELERY_QUEUES.type, ['array', 'object', 'null']);
  assert.deepStrictEqual(p.JWT_AUTH['x-openedx']?.roles?.map((r) => r.kind), ['merged']);
  assert.deepStrictEqual(p.SEGMENT_KEY['x-openedx']?.roles?.map((r) => (r.kind === 'renamed' ? `renamed:${r.target}` : r.kind)), ['renamed:LMS_SEGMENT_KEY']);
  assert.ok(p.TIME_ZONE['x-openedx']?.roles?.some((r) => r.kind === 'overwritten'));
  assert.equal(p.EMAIL_HOST['x-openedx']?.origin.layer, 'django');
  assert.equal(lms['x-openedx-schema'].counts.settings > 900, true);
});

test('the LMS and Studio schemas include the platform\'s own plugin apps: origins in their settings modules, readers, the overwrite after the YAML', () => {
  const ace = 'openedx/core/djangoapps/ace_common/settings';
  for (const file of ['lms.json', 'studio.json']) {
    const schema = load(file);
    const p = schema.properties;
    assert.deepStrictEqual(p.ACE_ROUTING_KEY['x-openedx']?.origin, { file: `${ace}/common.py`, line: 25, column: 13 }, file);
    assert.equal(p.ACE_ROUTING_KEY.default, 'edx.lms.core.default', file);
    assert.deepStrictEqual(p.ACE_ROUTING_KEY['x-openedx']?.readers, [
      { package: 'openedx-platform', file: `${ace}/common.py`, line: 25, how: 'plugin' },
      { package: 'openedx-platform', file: `${ace}/production.py`, line: 22, how: 'plugin' },
    ], file);
    assert.deepStrictEqual(p.ACE_ROUTING_KEY['x-openedx']?.roles, [{ kind: 'yaml-only', line: 22, file: `${ace}/production.py` }], file);
    // Set by the plugin's production module after the YAML is loaded.
    assert.deepStrictEqual(p.FIREBASE_APP['x-openedx']?.roles, [{ kind: 'overwritten', line: 36, file: `${ace}/production.py` }], file);
    const files = schema['x-openedx-schema'].source.files;
    assert.ok(['pyproject.toml', 'openedx/core/djangoapps/ace_common/apps.py', `${ace}/common.py`, `${ace}/production.py`].every((f) => files.includes(f)), file);
  }
  // LMS-only plugin apps, among them FEATURES entries the proxy makes top-level settings.
  const lms = load('lms.json').properties;
  const studio = load('studio.json').properties;
  assert.equal(lms.MAX_BOOKMARKS_PER_COURSE.default, 100);
  assert.equal(studio.MAX_BOOKMARKS_PER_COURSE, undefined);
  assert.deepStrictEqual(lms.ENABLE_GRADE_DOWNLOADS['x-openedx']?.origin.file, 'lms/djangoapps/instructor/settings/common.py');
  assert.equal(lms.ENABLE_GRADE_DOWNLOADS['x-openedx']?.doc?.annotationKind, 'toggle');
});

test('the overlay, applied to a shipped schema without it, gives the shipped file byte for byte (as `composeSchema` applies it)', () => {
  const overlays = path.join(SCHEMAS, 'overlays');
  const idas = fs.readdirSync(overlays).map((f) => f.replace(/\.json$/, '')).sort();
  assert.deepEqual(idas, ['credentials', 'discovery', 'lms', 'studio']);
  for (const ida of idas) {
    const text = fs.readFileSync(path.join(SCHEMAS, `${ida}.json`), 'utf8');
    const shipped = JSON.parse(text) as IdaSchema;
    const loaded = loadOverlay(overlays, ida);
    assert.ok(loaded?.ok, ida);
    const overlay = loaded.value;
    // The schema as built before the overlay: the requirements it added taken out again.
    const bare: IdaSchema = JSON.parse(text) as IdaSchema;
    for (const name of Object.keys(overlay.required)) {
      const facts = bare.properties[name]['x-openedx'];
      assert.ok(facts !== undefined, `${ida}: ${name}`);
      if (facts.required?.source !== 'overlay') continue;
      delete facts.required;
      bare.required = bare.required.filter((r) => r !== name);
      bare['x-openedx-schema'].counts.required--;
    }
    assert.notEqual(JSON.stringify(bare), JSON.stringify(shipped), `${ida}: the overlay adds something`);
    assert.equal(JSON.stringify(applyOverlay(bare, overlay), null, 1) + '\n', text, ida);
  }
});
