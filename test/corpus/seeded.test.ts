/**
 * Seeded mistakes in in-memory copies of the corpus files (a type flipped, a key misspelled by one
 * letter, a required key deleted): each is reported at the right line with the right rule, and
 * nothing changes elsewhere (the diagnostic sets before and after are compared).
 */
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { check, checker, corpusFiles, key, shippedSchema, type CorpusFile } from './corpus';
import { deleteRequired, flipType, misspellKey, type Seed } from './seeds';

after(() => checker.dispose());

const files = corpusFiles();
const applied: Record<Seed['kind'], string[]> = { type: [], misspelling: [], deletion: [] };

/** The IDA a file is checked against (Tutor's templates: from their names). */
async function idaOf(file: CorpusFile): Promise<string> {
  return file.ida ?? (await check(file)).ida ?? '';
}

/** Before-diagnostics as they must read after the seed (lines moved up past a deletion; none inside it). */
function expectedUnchanged(before: readonly Diagnostic[], seed: Seed): string[] {
  const removed = seed.removedLines;
  const out: string[] = [];
  for (const d of before) {
    const line = d.range.start.line;
    if (removed !== undefined && line >= removed.from && line < removed.from + removed.count) continue;
    if (removed === undefined && line === seed.line) continue;
    out.push(key(d, removed !== undefined && line >= removed.from + removed.count ? -removed.count : 0));
  }
  return out.sort();
}

async function verify(file: CorpusFile, seed: Seed, before: readonly Diagnostic[]): Promise<void> {
  const after = (await check(file, seed.text)).diagnostics;
  const text = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);
  const onLine = after.filter((d) => d.range.start.line === seed.line && d.code === seed.rule);
  const rest = after.filter((d) => !onLine.includes(d));
  switch (seed.kind) {
    case 'type':
      assert.equal(onLine.length, 1, `one type mismatch on line ${seed.line + 1} (${seed.what}): ${JSON.stringify(after.filter((d) => d.range.start.line === seed.line).map(text))}`);
      assert.equal(onLine[0].severity, seed.severity, text(onLine[0]));
      assert.match(text(onLine[0]), /^Expected .+, found [^:]+(: the default is .+, and the code may accept a .+ too)?\.$/);
      break;
    case 'misspelling': {
      assert.equal(onLine.length, 1, `one unknown key on line ${seed.line + 1} (${seed.what})`);
      assert.equal(onLine[0].severity, DiagnosticSeverity.Warning);
      assert.match(text(onLine[0]), new RegExp(`did you mean \`${seed.key}\`\\?$`));
      assert.equal(onLine[0].range.start.character, 0);
      break;
    }
    case 'deletion':
      assert.equal(onLine.length, 1, `one missing-required at the top (${seed.what})`);
      assert.equal(onLine[0].severity, DiagnosticSeverity.Error);
      assert.ok(text(onLine[0]).includes(`\`${seed.key}\``), text(onLine[0]));
      break;
  }
  assert.deepEqual(rest.map((d) => key(d)).sort(), expectedUnchanged(before, seed), `nothing new elsewhere (${seed.what})`);
}

for (const file of files) {
  test(`${file.rel}: seeded mistakes are reported where they are, and nothing else changes`, async (t) => {
    const ida = await idaOf(file);
    const schema = shippedSchema(ida);
    const before = (await check(file)).diagnostics;
    const seeds = [flipType(file.text, schema, before), misspellKey(file.text, schema, before), deleteRequired(file.text, schema)].filter((s): s is Seed => s !== undefined);
    assert.ok(seeds.length > 0, 'at least one mistake can be seeded');
    for (const seed of seeds) {
      await verify(file, seed, before);
      applied[seed.kind].push(`${file.rel}: ${seed.what}`);
      t.diagnostic(`${seed.kind}: ${seed.what} → ${seed.rule} on line ${seed.line + 1}`);
    }
  });
}

test('in a template whose lines may provide keys, a deleted required key is not reported', async () => {
  for (const file of files.filter((f) => f.template)) {
    const schema = shippedSchema(await idaOf(file));
    const present = schema.required.filter((k) => new RegExp(`^${k}:`, 'm').test(file.text));
    assert.ok(present.length > 0, `${file.rel} sets a required key`);
    const lines = file.text.split('\n');
    const index = lines.findIndex((l) => l.startsWith(`${present[0]}:`));
    const seeded = [...lines.slice(0, index), ...lines.slice(index + 1)].join('\n');
    const before = (await check(file)).diagnostics;
    const after = (await check(file, seeded)).diagnostics;
    assert.deepEqual(after.filter((d) => d.code === 'missing-required'), [], file.rel);
    assert.equal(after.length, before.filter((d) => d.range.start.line !== index).length, `${file.rel}: nothing new`);
  }
});

test('every kind of seeded mistake was exercised on several files', () => {
  assert.ok(applied.type.length >= 5, JSON.stringify(applied.type));
  assert.ok(applied.misspelling.length >= 4, JSON.stringify(applied.misspelling));
  assert.ok(applied.deletion.length >= 5, JSON.stringify(applied.deletion));
  for (const file of files) assert.ok(Object.values(applied).some((list) => list.some((entry) => entry.startsWith(`${file.rel}:`))), `${file.rel} got a seeded mistake`);
});
