/**
 * Extraction with the language server's cache (parsed modules, re-parsing by region, module
 * snapshots): after any edits of the sources, the catalog is exactly the one a fresh extraction
 * gives, and the cache is actually used.
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Catalog } from '../../../server/src/catalog/types';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { detectIdas } from '../../../server/src/extractor/detect';
import { extractIda } from '../../../server/src/extractor/extract';
import { ExtractionCache } from '../../../server/src/extractor/extractionCache';
import { fixturePath } from './helpers';

const workspaces: string[] = [];
after(() => workspaces.forEach((w) => fs.rmSync(w, { recursive: true, force: true })));

/** A copy of a fixture folder, and the IDA detected there. */
function copyOf(fixture: string, ida?: string): DetectedIda {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'oxc-incremental-'));
  workspaces.push(ws);
  fs.cpSync(fixturePath(fixture), ws, { recursive: true });
  const found = detectIdas(ws).find((d) => ida === undefined || d.ida === ida);
  assert.ok(found, `no IDA in ${fixture}`);
  return found;
}

/** Lines an edit may insert: settings, edits of settings, comments, annotations, damage. */
const INSERTS = [
  'NEW_SETTING = 1\n',
  "PLATFORM_NAME = 'Edited'\n",
  '#: Documented.\nDOCUMENTED = [1, 2]\n',
  '# .. setting_name: ANNOTATED\n# .. setting_default: 3\n# .. setting_description: An annotated setting.\nANNOTATED = 3\n',
  "FEATURES['ENABLE_NEW'] = True\n",
  'DEBUG = True\n',
  'if DEBUG:\n    CONDITIONAL = 1\n',
  'BROKEN = [1,\n',
  'X = \n',
  '\n',
  '    INDENTED = 1\n',
  '# a comment\n',
];

const editArb = fc.record({
  file: fc.nat(),
  // Often at the end: editing the same place again is what head checkpoints are for.
  line: fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constant(1), fc.constant(1)),
  kind: fc.constantFrom('insert', 'delete', 'replace'),
  insert: fc.constantFrom(...INSERTS),
});

/** Applies an edit to one of the IDA's source files, at the start of a line. */
function applyEdit(ida: DetectedIda, files: readonly string[], e: { file: number; line: number; kind: string; insert: string }): void {
  const file = path.join(ida.root, files[e.file % files.length]);
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const at = Math.floor(e.line * lines.length);
  if (e.kind === 'insert') lines.splice(at, 0, e.insert.replace(/\n$/, ''));
  else if (e.kind === 'delete') lines.splice(at, 1);
  else lines.splice(at, 1, e.insert.replace(/\n$/, ''));
  fs.writeFileSync(file, lines.join('\n'));
}

const SUBJECTS: [string, string | undefined][] = [
  ['platform-legacy', 'lms'],
  ['ida', undefined],
  ['broken', undefined],
];

test('after any edits of the sources, an extraction through the cache gives exactly the fresh catalog', { timeout: 120_000 }, async () => {
  const subjects = SUBJECTS.map(([fixture, ida]) => copyOf(fixture, ida));
  const originals = new Map<string, string>();
  for (const s of subjects) {
    for (const f of (await extractIda(s)).catalog.files) originals.set(path.join(s.root, f), fs.readFileSync(path.join(s.root, f), 'utf8'));
  }
  let replayed = 0;
  let resumed = 0;
  let regions = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.array(fc.array(editArb, { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 6 }), async (which, rounds) => {
      const ida = subjects[which % subjects.length];
      for (const [file, text] of originals) fs.writeFileSync(file, text);
      // Every module is snapshotted, however short (the fixtures are).
      const cache = new ExtractionCache({ minSnapshotChars: 0 });
      const files = (await extractIda(ida, { cache })).catalog.files.filter((f) => !/binary|empty/.test(f));
      for (const edits of rounds) {
        for (const e of edits) applyEdit(ida, files, e);
        const cached = (await extractIda(ida, { cache })).catalog;
        const fresh = (await extractIda(ida)).catalog;
        assert.deepEqual(cached, fresh);
      }
      replayed += cache.snapshots.replayed;
      resumed += cache.snapshots.resumed;
      regions += cache.parses.stats.incremental;
    }),
    { numRuns: 100 },
  );
  for (const [file, text] of originals) fs.writeFileSync(file, text);
  assert.ok(replayed > 0, 'some modules were replayed');
  // Resuming from a head checkpoint needs two rounds editing the same place: random edits make
  // that rare (some runs have none), so it is covered by its own test below, not asserted here.
  console.log(`${replayed} modules replayed, ${resumed} resumed from a head checkpoint, ${regions} re-parsed by region`);
  assert.ok(regions > 0, 'some modules were re-parsed by region');
});

test('appending a setting to the imported module: the importer is not parsed again, the new setting is there', async () => {
  const ida = copyOf('platform-legacy', 'lms');
  const cache = new ExtractionCache({ minSnapshotChars: 0 });
  const first = (await extractIda(ida, { cache })).catalog;
  const common = path.join(ida.root, 'lms/envs/common.py');
  fs.appendFileSync(common, '\n#: Added by the test.\nADDED_BY_TEST = 7\n');
  const second = (await extractIda(ida, { cache })).catalog;
  assert.deepEqual(second, (await extractIda(ida)).catalog);
  assert.deepEqual(second.settings.find((s) => s.name === 'ADDED_BY_TEST')?.doc?.description, 'Added by the test.');
  assert.equal(second.settings.length, first.settings.length + 1);
  // Parsed once each: the two settings modules, setup.py, two apps.py and three plugin settings
  // modules (an extraction reads each file once, also for its second add_plugins call); the
  // second extraction finds all but common.py unchanged.
  assert.deepEqual(cache.parses.stats, { hits: 7, fresh: 8, incremental: 1, reusedStatements: cache.parses.stats.reusedStatements });
  // Editing production.py after its import: common.py calls add_plugins, so what it leaves depends
  // on the plugin apps' files too; it is read again rather than replayed (as a module with a star import).
  const production = path.join(ida.root, 'lms/envs/production.py');
  fs.appendFileSync(production, '\nLATE = 1\n');
  const replayedBefore = cache.snapshots.replayed;
  const third = (await extractIda(ida, { cache })).catalog;
  assert.equal(cache.snapshots.replayed, replayedBefore);
  assert.deepEqual(third, (await extractIda(ida)).catalog);
  // Editing a plugin settings module: the next extraction sees it, as a fresh one does.
  const notes = path.join(ida.root, 'lms/djangoapps/notes/settings/common.py');
  fs.appendFileSync(notes, "    settings.NOTES_ADDED_BY_TEST = 'added'\n");
  const fourth = (await extractIda(ida, { cache })).catalog;
  assert.deepEqual(fourth, (await extractIda(ida)).catalog);
  assert.equal(fourth.settings.find((s) => s.name === 'NOTES_ADDED_BY_TEST')?.default, 'added');
});

test('editing the same place again: the module resumes from the statement before the edit', async () => {
  const ida = copyOf('platform-legacy', 'lms');
  const cache = new ExtractionCache({ minSnapshotChars: 0 });
  const common = path.join(ida.root, 'lms/envs/common.py');
  const original = fs.readFileSync(common, 'utf8');
  await extractIda(ida, { cache });
  await extractIda(ida, { cache });
  for (let i = 0; i < 4; i++) {
    fs.writeFileSync(common, `${original}\n#: Added ${i}.\nADDED_${i} = ${i}\n`);
    const catalog = (await extractIda(ida, { cache })).catalog;
    assert.deepEqual(catalog, (await extractIda(ida)).catalog);
    assert.equal(catalog.settings.find((s) => s.name === `ADDED_${i}`)?.doc?.description, `Added ${i}.`);
  }
  // The first extraction keeps a checkpoint before common.py's add_plugins call: the second
  // (nothing changed) and the first edit resume from it. The first edit keeps another before the
  // new statements; the next three resume from that one.
  assert.equal(cache.snapshots.resumed, 5);
  // An edit above both checkpoints: read from the start again, the same catalog.
  fs.writeFileSync(common, `EARLY = 1\n${original}`);
  assert.deepEqual((await extractIda(ida, { cache })).catalog, (await extractIda(ida)).catalog);
  assert.equal(cache.snapshots.resumed, 5);
});

test('a cleared cache extracts from nothing (what openedxConfig/reextract measures)', async () => {
  const ida = copyOf('ida');
  const cache = new ExtractionCache({ minSnapshotChars: 0 });
  await extractIda(ida, { cache });
  cache.clear();
  assert.equal(cache.parses.size, 0);
  assert.equal(cache.snapshots.size, 0);
  const again = (await extractIda(ida, { cache })).catalog;
  assert.deepEqual(again, (await extractIda(ida)).catalog);
  assert.equal(cache.parses.stats.hits, 0);
});

test('a head checkpoint past add_plugins holds only while the plugin apps, their packaging and their files are unchanged', async () => {
  const ida = copyOf('platform-legacy', 'lms');
  const cache = new ExtractionCache({ minSnapshotChars: 0 });
  const at = (rel: string): string => path.join(ida.root, rel);
  const common = at('lms/envs/common.py');
  const original = fs.readFileSync(common, 'utf8');
  const edit = (i: number): void => fs.writeFileSync(common, `${original}\nADDED_${i} = ${i}\n`);
  const same = async (): Promise<Catalog> => {
    const catalog = (await extractIda(ida, { cache })).catalog;
    assert.deepEqual(catalog, (await extractIda(ida)).catalog);
    return catalog;
  };
  await extractIda(ida, { cache });
  edit(0);
  await same();
  edit(1);
  await same();
  // Edit 0 resumed before add_plugins, edit 1 after edit 0's statements.
  assert.equal(cache.snapshots.resumed, 2);
  // A plugin settings module read before the checkpoint changed.
  fs.appendFileSync(at('lms/djangoapps/notes/settings/common.py'), '    settings.NOTES_LATE = 1\n');
  edit(2);
  assert.equal((await same()).settings.some((s) => s.name === 'NOTES_LATE'), true);
  // The packaging changed: the badges app is gone.
  fs.writeFileSync(at('setup.py'), fs.readFileSync(at('setup.py'), 'utf8').replace(/^.*badges = .*$/m, ''));
  edit(3);
  assert.equal((await same()).settings.some((s) => s.name === 'BADGING_BACKEND'), false);
  // A settings module found by convention disappears.
  fs.writeFileSync(at('setup.py'), fs.readFileSync(at('setup.py'), 'utf8').replace('"notes = lms.djangoapps.notes', '"badges = openedx.core.djangoapps.badges.apps:BadgesConfig",\n            "notes = lms.djangoapps.notes'));
  edit(4);
  assert.equal((await same()).settings.some((s) => s.name === 'BADGING_BACKEND'), true);
  edit(5);
  await same();
  const badges = at('openedx/core/djangoapps/badges/settings/common.py');
  const badgesText = fs.readFileSync(badges, 'utf8');
  fs.rmSync(badges);
  edit(6);
  assert.equal((await same()).settings.some((s) => s.name === 'BADGING_BACKEND'), false);
  edit(7);
  await same();
  // ... and appears again: a file that did not exist when the checkpoint was taken.
  fs.writeFileSync(badges, badgesText);
  edit(8);
  assert.equal((await same()).settings.some((s) => s.name === 'BADGING_BACKEND'), true);
  // Each later edit resumes: after the previous edit's statements (edits 5 and 7) when nothing
  // that checkpoint depends on changed, else before add_plugins (edits 2, 3, 4, 6 and 8), whose
  // statements read no plugin file.
  assert.equal(cache.snapshots.resumed, 9);
});
