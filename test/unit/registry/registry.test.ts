import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Catalog } from '../../../server/src/catalog/types';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { fileUri } from '../../../server/src/common/uris';
import type { IdaSchema } from '../../../server/src/schema/format';
import { SchemaRegistry } from '../../../server/src/registry/registry';
import { readSettings } from '../../../server/src/registry/settings';
import { locateShippedSchemas } from '../../../server/src/registry/shipped';
import { makeTree, oep45, removeTree } from './tree';

const shippedDir = locateShippedSchemas();
const root = makeTree({ 'ws/lms-src/README': '', 'ws/deploy/lms.yml': 'A: 1\n', 'ws/deploy/other.yml': 'A: 1\n', 'schemas/private.json': '' });
after(() => removeTree(root));
const ws = path.join(root, 'ws');
const lmsSource: DetectedIda = { ida: 'lms', layout: 'platform', root: path.join(ws, 'lms-src'), entryFiles: ['lms/envs/common.py'] };

function lmsCatalog(extraSetting = false): Catalog {
  const at = (line: number) => ({ file: 'lms/envs/common.py', line, column: 0 });
  const settings: Catalog['settings'] = [
    { name: 'PLATFORM_NAME', path: ['PLATFORM_NAME'], type: { kind: 'json', types: ['string'], nullable: false, from: 'literal' }, default: 'Your Platform', origin: at(3), roles: [], doc: { source: 'comment', description: 'Shown in page titles (invented).', fields: {}, line: 2 } },
    { name: 'LMS_ROOT_URL', path: ['LMS_ROOT_URL'], type: { kind: 'unknown', types: [], nullable: true, from: 'none' }, default: null, origin: at(5), roles: [] },
  ];
  if (extraSetting) settings.push({ name: 'BRAND_NEW', path: ['BRAND_NEW'], type: { kind: 'json', types: ['integer'], nullable: false, from: 'literal' }, default: 1, origin: at(7), roles: [] });
  return { ida: 'lms', layout: 'platform', root: lmsSource.root, settings, problems: [], files: ['lms/envs/common.py'], yaml: {} };
}

/**
 * Waits until `done()` holds (at most 5 s: a hang guard), then `quietMs` more, so a second
 * notification that should not come has the time to. Fixed sleeps failed on a loaded CI machine.
 */
async function settled(done: () => boolean, quietMs = 40): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (!done() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  await new Promise((r) => setTimeout(r, quietMs));
}

/** A registry over the fake `lms` source, counting extractions. */
function fakeRegistry(options: { live?: boolean } = {}): { registry: SchemaRegistry; extractions: () => number; logs: string[]; bump: () => void } {
  let count = 0;
  let version = 0;
  const logs: string[] = [];
  const registry = new SchemaRegistry({
    shippedDir,
    detect: (folder) => (options.live !== false && (folder === ws || folder === lmsSource.root) ? [lmsSource] : []),
    extract: async () => {
      count++;
      return { catalog: lmsCatalog(version > 0), millis: 1 };
    },
    log: (m) => logs.push(m),
  });
  return { registry, extractions: () => count, logs, bump: () => version++ };
}

test('the shipped schemas folder is found from compiled tests', () => {
  assert.ok(shippedDir !== undefined && fs.existsSync(path.join(shippedDir, 'lms.json')));
});

test('live first: extracted once, built with documentation, Django built-ins and the overlay', async () => {
  const { registry, extractions } = fakeRegistry();
  registry.configure(readSettings({}).settings, [ws]);
  const resolved = await registry.schemaFor('lms', path.join(ws, 'deploy/lms.yml'));
  assert.equal(resolved?.source, 'live');
  assert.equal(resolved?.revision, lmsSource.root);
  const schema = resolved!.schema;
  assert.equal(schema.properties.PLATFORM_NAME.description, 'Shown in page titles (invented).', 'prose kept (factsOnly: false)');
  assert.equal(schema['x-openedx-schema'].factsOnly, false);
  assert.equal(schema.properties.EMAIL_HOST?.['x-openedx']?.origin.layer, 'django', 'Django built-ins from the shipped django.json');
  assert.ok(schema.required.includes('LMS_ROOT_URL'), 'the lms overlay applies to live schemas');
  assert.equal(schema.properties.LMS_ROOT_URL['x-openedx']?.required?.source, 'overlay');
  const again = await registry.schemaFor('lms', path.join(ws, 'deploy/lms.yml'));
  assert.equal(again?.schema, schema, 'the same schema object (its compiled validators stay cached)');
  assert.equal(extractions(), 1);
  registry.dispose();
});

test('a change to a source file re-extracts on next use and tells listeners once per burst', async () => {
  const { registry, extractions, bump } = fakeRegistry();
  registry.configure(readSettings({}).settings, [ws]);
  const first = await registry.schemaFor('lms');
  const told: string[][] = [];
  registry.onDidChangeSchemas((idas) => told.push(idas));
  bump();
  const common = path.join(lmsSource.root, 'lms/envs/common.py');
  for (let i = 0; i < 20; i++) assert.deepEqual(registry.filesChanged([{ path: common, kind: 'changed' }]), i === 0 ? ['lms'] : []);
  const second = await registry.schemaFor('lms');
  assert.notEqual(second?.schema, first?.schema);
  assert.ok(second?.schema.properties.BRAND_NEW, 'the new setting is known at once, before the burst ends');
  assert.equal(extractions(), 2);
  await settled(() => told.length > 0);
  assert.deepEqual(told, [['lms']]);
  assert.deepEqual(registry.filesChanged([{ path: path.join(root, 'unrelated.py'), kind: 'changed' }]), []);
  registry.dispose();
});

test('a git checkout (hundreds of changes over many turns): listeners told once, one re-extraction', async () => {
  const { registry, extractions, bump } = fakeRegistry();
  registry.configure(readSettings({}).settings, [ws]);
  await registry.schemaFor('lms');
  const told: string[][] = [];
  // Like the session: every notification re-validates, which asks for the schema.
  registry.onDidChangeSchemas((idas) => {
    told.push(idas);
    void registry.schemaFor('lms');
  });
  bump();
  for (let i = 0; i < 300; i++) {
    registry.filesChanged([{ path: path.join(lmsSource.root, `lms/envs/m${i % 40}.py`), kind: 'changed' }, { path: path.join(lmsSource.root, 'lms/envs/common.py'), kind: 'changed' }]);
    // The JSON-RPC layer dispatches one notification per event-loop turn.
    await new Promise((r) => setImmediate(r));
  }
  await settled(() => told.length > 0);
  assert.deepEqual(told, [['lms']]);
  assert.equal(extractions(), 2, 'the first extraction, then one after the burst');
  assert.ok((await registry.schemaFor('lms'))?.schema.properties.BRAND_NEW);
  registry.dispose();
});

test('at the end of a burst the schemas in use are rebuilt before listeners are told', async () => {
  const { registry, extractions, bump } = fakeRegistry();
  registry.configure(readSettings({}).settings, [ws]);
  await registry.schemaFor('lms');
  let extractedWhenTold = -1;
  registry.onDidChangeSchemas(() => (extractedWhenTold = extractions()));
  bump();
  registry.filesChanged([{ path: path.join(lmsSource.root, 'lms/envs/common.py'), kind: 'changed' }]);
  await settled(() => extractedWhenTold !== -1, 0);
  assert.equal(extractedWhenTold, 2, 'extracted again before telling');
  assert.ok((await registry.schemaFor('lms'))?.schema.properties.BRAND_NEW);
  assert.equal(extractions(), 2, 'the request finds it done');
  registry.dispose();
});

test('user schema files win; a broken one falls back and is logged once, by name', async () => {
  const { registry, logs } = fakeRegistry();
  const file = path.join(root, 'schemas/private.json');
  fs.writeFileSync(file, '{ "not": "a schema" ');
  registry.configure(readSettings({ schemas: { lms: file } }).settings, [ws]);
  assert.equal((await registry.schemaFor('lms'))?.source, 'live');
  assert.equal((await registry.schemaFor('lms'))?.source, 'live');
  assert.equal(logs.filter((l) => l.startsWith('openedxConfig.schemas.lms:')).length, 1);
  fs.writeFileSync(file, JSON.stringify({ 'x-openedx-schema': { formatVersion: 1, ida: 'lms' }, properties: { ONLY_THIS: { type: 'string' } } }));
  const user = await registry.schemaFor('lms');
  assert.equal(user?.source, 'user');
  assert.equal(user?.revision, file);
  assert.deepEqual(Object.keys(user!.schema.properties), ['ONLY_THIS']);
  registry.dispose();
});

test('shipped schemas when nothing is live, unless turned off', async () => {
  const { registry } = fakeRegistry({ live: false });
  registry.configure(readSettings({}).settings, [ws]);
  const shipped = await registry.schemaFor('credentials');
  assert.equal(shipped?.source, 'shipped');
  assert.match(shipped!.revision, /^openedx\/credentials@[0-9a-f]{10} \(\d{4}-\d{2}-\d{2}\)$/);
  assert.equal(shipped?.schema.properties.PLATFORM_NAME?.description, undefined, 'facts only');
  assert.equal(await registry.schemaFor('no-such-ida'), undefined);
  registry.configure(readSettings({ shippedSchemas: false }).settings, [ws]);
  assert.equal(await registry.schemaFor('credentials'), undefined);
  registry.dispose();
});

test('association through the registry, with session choices per URI', () => {
  const { registry } = fakeRegistry({ live: false });
  registry.configure(readSettings({ associations: { 'deploy/other.yml': 'studio' } }).settings, [ws]);
  const lmsUri = fileUri(path.join(ws, 'deploy/lms.yml'));
  const otherUri = fileUri(path.join(ws, 'deploy/other.yml'));
  assert.deepEqual(registry.associate(lmsUri, ''), { ida: 'lms', reason: 'file name' });
  assert.deepEqual(registry.associate(otherUri, ''), { ida: 'studio', reason: 'setting' });
  registry.setSessionIda(lmsUri, 'credentials');
  assert.deepEqual(registry.associate(lmsUri, ''), { ida: 'credentials', reason: 'user choice' });
  registry.setSessionIda(lmsUri, undefined);
  assert.deepEqual(registry.associate(lmsUri, ''), { ida: 'lms', reason: 'file name' });
  // Documents without a path (untitled buffers) are associated by modeline only.
  assert.equal(registry.associate('untitled:Untitled-1', 'A: 1\n'), undefined);
  assert.deepEqual(registry.associate('untitled:Untitled-1', '# openedx-config: ida=lms\n'), { ida: 'lms', reason: 'modeline' });
  registry.dispose();
});

test('resolveDocument: association, schema and info in one step; an override wins; other files get nothing', async () => {
  const { registry } = fakeRegistry({ live: false });
  // An empty documentation cache (never the user's own).
  registry.configure(readSettings({ documentation: { cacheFolder: path.join(ws, 'no-documentation-here') } }).settings, [ws]);
  const uri = fileUri(path.join(ws, 'deploy/lms.yml'));
  const lms = await registry.resolveDocument(uri, 'PLATFORM_NAME: x\n');
  assert.ok(lms !== undefined && lms.schema !== undefined);
  assert.deepEqual(lms.association, { ida: 'lms', reason: 'file name' });
  assert.equal(lms.schema['x-openedx-schema'].ida, 'lms');
  assert.deepEqual(Object.keys(lms.info), ['uri', 'ida', 'reason', 'environment', 'source', 'revision', 'documentation', 'libraries']);
  const shippedLayer = JSON.parse(fs.readFileSync(path.join(locateShippedSchemas() ?? '', 'libraries.json'), 'utf8')) as IdaSchema;
  assert.deepEqual(lms.info.libraries, { source: 'shipped', state: 'ready', packages: shippedLayer['x-openedx-schema'].packages?.length, keys: Object.keys(shippedLayer.properties).length });
  assert.equal(lms.schema?.['x-openedx-schema'].source.bases?.at(-1)?.ida, 'libraries', 'the libraries layer is laid under the shipped schema');
  assert.deepEqual([lms.info.uri, lms.info.ida, lms.info.reason, lms.info.source, lms.info.documentation], [uri, 'lms', 'file name', 'shipped', 'missing']);
  assert.match(lms.info.revision ?? '', /^openedx\/openedx-platform@[0-9a-f]{7,} \(\d{4}-\d{2}-\d{2}\)$/);
  const forced = await registry.resolveDocument(uri, '', { ida: 'credentials', reason: 'option' });
  assert.deepEqual([forced?.association, forced?.schema?.['x-openedx-schema'].ida], [{ ida: 'credentials', reason: 'option' }, 'credentials']);
  const unknownIda = await registry.resolveDocument(uri, '', { ida: 'no-such-ida', reason: 'option' });
  assert.deepEqual(unknownIda, { association: { ida: 'no-such-ida', reason: 'option' }, schema: undefined, environment: 'production', info: { uri, ida: 'no-such-ida', reason: 'option', environment: 'production' } });
  assert.equal(await registry.resolveDocument(fileUri(path.join(ws, 'docker-compose.yml')), 'services: {}\n'), undefined);
  registry.dispose();
});

test('listIdas: live, user and shipped IDAs; Django (a base layer) only when configured', () => {
  const { registry } = fakeRegistry();
  registry.configure(readSettings({}).settings, [ws]);
  const list = registry.listIdas();
  assert.deepEqual(list.find((e) => e.ida === 'lms'), { ida: 'lms', source: 'live', revision: lmsSource.root });
  assert.equal(list.find((e) => e.ida === 'studio')?.source, 'shipped');
  assert.equal(list.find((e) => e.ida === 'django'), undefined);
  registry.dispose();
});

test('reextract drops everything, extracts again what was cached, and tells listeners', async () => {
  const { registry, extractions } = fakeRegistry();
  registry.configure(readSettings({}).settings, [ws]);
  await registry.schemaFor('lms');
  const told: string[][] = [];
  registry.onDidChangeSchemas((idas) => told.push(idas));
  const result = await registry.reextract();
  assert.deepEqual(result.idas, ['lms']);
  assert.equal(extractions(), 2);
  assert.deepEqual(told, [['lms']]);
  registry.dispose();
});

test('a failing extraction falls back to the shipped schema and is retried next time', async () => {
  let fail = true;
  const logs: string[] = [];
  const registry = new SchemaRegistry({
    shippedDir,
    detect: (folder) => (folder === ws ? [lmsSource] : []),
    extract: async () => {
      if (fail) throw new Error('parser crashed');
      return { catalog: lmsCatalog(), millis: 1 };
    },
    log: (m) => logs.push(m),
  });
  registry.configure(readSettings({}).settings, [ws]);
  assert.equal((await registry.schemaFor('lms'))?.source, 'shipped');
  // Logged by class and where it was thrown; a library's message may quote the sources.
  assert.ok(logs.some((l) => /Error \(message not logged\) \(at .*registry\.test\.js/.test(l)), logs.join('\n'));
  assert.ok(!logs.some((l) => l.includes('parser crashed')));
  fail = false;
  assert.equal((await registry.schemaFor('lms'))?.source, 'live');
  registry.dispose();
});

test('a configured source folder holding one other IDA is used under the configured name', async () => {
  const other: DetectedIda = { ...lmsSource, ida: 'lms-fork' };
  const registry = new SchemaRegistry({
    shippedDir,
    detect: (folder) => (folder === path.join(root, 'fork') ? [other] : []),
    extract: async (d) => ({ catalog: { ...lmsCatalog(), ida: d.ida }, millis: 1 }),
  });
  registry.configure(readSettings({ sources: { private: path.join(root, 'fork') } }).settings, [ws]);
  const resolved = await registry.schemaFor('private');
  assert.equal(resolved?.source, 'live');
  assert.equal(resolved?.schema['x-openedx-schema'].ida, 'private');
  registry.dispose();
});

test('a settings package created in the workspace is detected after the burst, and listeners are told', async () => {
  const tree = makeTree({ 'deploy/x.yml': 'A: 1\n' });
  const registry = new SchemaRegistry({ shippedDir, extract: async (d) => ({ catalog: { ...lmsCatalog(), ida: d.ida, root: d.root }, millis: 1 }) });
  try {
    registry.configure(readSettings({}).settings, [tree]);
    assert.equal(registry.listIdas().find((e) => e.ida === 'newida'), undefined);
    const told: string[][] = [];
    registry.onDidChangeSchemas((idas) => told.push(idas));
    const created = Object.entries(oep45('newida')).map(([rel, text]) => {
      fs.mkdirSync(path.dirname(path.join(tree, rel)), { recursive: true });
      fs.writeFileSync(path.join(tree, rel), text);
      return { path: path.join(tree, rel), kind: 'created' as const };
    });
    registry.filesChanged(created);
    await settled(() => told.length > 0);
    assert.deepEqual(told, [['newida']]);
    assert.equal(registry.listIdas().find((e) => e.ida === 'newida')?.source, 'live');
  } finally {
    registry.dispose();
    removeTree(tree);
  }
});
