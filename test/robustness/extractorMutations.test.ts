/**
 * Property: random damage to the settings sources of the fixture and example IDAs (copied to a
 * temporary folder; the originals are never touched). Extraction never throws; every problem and
 * every setting origin points inside its file; and every untouched top-level assignment above the
 * first damaged line still defines its setting, a `NAME = literal` line with its value when
 * nothing else in the file names that setting. A failure prints the fast-check seed (replay with
 * `FUZZ_SEED=<seed>`).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import type { Catalog } from '../../server/src/catalog/types';
import type { DetectedIda } from '../../server/src/extractor/api';
import { detectIdas } from '../../server/src/extractor/detect';
import { extractIda } from '../../server/src/extractor/extract';
import { getPythonParser } from '../../server/src/python/parser';
import { REPO_ROOT } from '../protocol/harness';
import { removeWorkspace, tempWorkspace } from '../protocol/workspace';
import { firstDamagedLine, mutate, mutationArb } from './mutations';

const SCALE = Number(process.env.FUZZ_SCALE ?? '1');
const SEED = process.env.FUZZ_SEED === undefined ? undefined : Number(process.env.FUZZ_SEED);

/** The IDAs whose sources are damaged: folder (relative to the repository) and IDA name. */
const SUBJECTS: ReadonlyArray<[string, string]> = [
  ['test/fixtures/extractor/ida', 'sample'],
  ['examples/demo-ida', 'demo'],
  ['examples/openedx-platform-lite', 'lms'],
  ['test/fixtures/extractor/platform-legacy', 'lms'],
  ['test/fixtures/extractor/django', 'django'],
];

/** A top-level assignment of a literal, alone on its line. */
const LITERAL_LINE = /^([A-Z][A-Z0-9_]*) = (-?\d+(?:\.\d+)?|'[^'\\]*'|"[^"\\]*"|True|False|None|\[\]|\{\}|\(\))\s*(?:#.*)?$/;

/** A top-level `NAME = …` statement of an undamaged module that defines a setting. */
interface Assignment {
  name: string;
  /** 0-based rows of its first and last line. */
  firstRow: number;
  lastRow: number;
  /** Whether it is a `NAME = literal` line. */
  literal: boolean;
}

/** One damaged-source subject: its copy, its detection, the undamaged catalog, and the modules it reads with their assignments. */
interface Subject {
  label: string;
  ida: DetectedIda;
  original: Catalog;
  modules: string[];
  assignments: Map<string, Assignment[]>;
}

let ws: string;
const subjects: Subject[] = [];

before(async () => {
  ws = tempWorkspace('robust-mutations');
  for (const [folder, name] of SUBJECTS) {
    const copy = path.join(ws, path.basename(folder));
    fs.cpSync(path.join(REPO_ROOT, folder), copy, { recursive: true });
    const ida = detectIdas(copy).find((d) => d.ida === name);
    assert.ok(ida, `no ${name} in ${folder}`);
    const original = (await extractIda(ida)).catalog;
    assert.deepEqual(original.problems.filter((p) => p.code === 'syntax-error'), [], `${folder} has syntax errors before any damage`);
    const assignments = new Map<string, Assignment[]>();
    for (const file of original.files) assignments.set(file, await topLevelAssignments(fs.readFileSync(path.join(copy, file), 'utf8'), original));
    subjects.push({ label: `${folder} (${name})`, ida, original, modules: original.files, assignments });
  }
});

after(() => removeWorkspace(ws));

/** The top-level assignments of a module's text whose target is a setting of the catalog. */
async function topLevelAssignments(text: string, catalog: Catalog): Promise<Assignment[]> {
  const settings = new Set(catalog.settings.filter((s) => s.path.length === 1).map((s) => s.name));
  const lines = text.split('\n');
  const tree = (await getPythonParser()).parse(text);
  assert.ok(tree);
  try {
    const out: Assignment[] = [];
    for (const statement of tree.rootNode.namedChildren) {
      const assignment = statement?.type === 'expression_statement' ? statement.namedChildren[0] : undefined;
      const target = assignment?.type === 'assignment' ? assignment.childForFieldName('left') : undefined;
      if (statement === null || target === null || target === undefined || target.type !== 'identifier' || !settings.has(target.text)) continue;
      const firstRow = statement.startPosition.row;
      const lastRow = statement.endPosition.row;
      const match = firstRow === lastRow ? LITERAL_LINE.exec(lines[firstRow]) : null;
      out.push({ name: target.text, firstRow, lastRow, literal: match !== null && match[1] === target.text });
    }
    return out;
  } finally {
    tree.delete();
  }
}

/** How often `name` occurs as a word in `text`. */
function occurrences(text: string, name: string): number {
  return text.match(new RegExp(`\\b${name}\\b`, 'g'))?.length ?? 0;
}

/** Asserts a 1-based line and 0-based column lie inside `text` (rows end at `\n`, as the parser counts them). */
function assertPositionInside(text: string, line: number, column: number, what: string): void {
  const lines = text.split('\n');
  assert.ok(Number.isInteger(line) && line >= 1 && line <= lines.length, `${what}: line ${line} of ${lines.length}`);
  assert.ok(Number.isInteger(column) && column >= 0 && column <= lines[line - 1].length, `${what}: column ${column} of ${lines[line - 1].length} on line ${line}`);
}

test('damaged settings sources: no exception, positions inside the files, and every untouched literal above the damage is read', { timeout: 120_000 }, async (t) => {
  let runs = 0;
  let recovered = 0;
  let values = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat(), fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 3 }), async (which, fileIndex, mutations) => {
      runs++;
      const subject = subjects[which % subjects.length];
      const file = subject.modules[fileIndex % subject.modules.length];
      const abs = path.join(subject.ida.root, file);
      const originalBytes = fs.readFileSync(abs);
      const damaged = mutations.reduce<Buffer>((buf, m) => mutate(buf, m), originalBytes);
      const originalText = originalBytes.toString('utf8');
      const damagedText = damaged.toString('utf8');
      fs.writeFileSync(abs, damaged);
      let catalog: Catalog;
      try {
        catalog = (await extractIda(subject.ida)).catalog;
      } finally {
        fs.writeFileSync(abs, originalBytes);
      }
      const textOf = (rel: string): string => (rel === file ? damagedText : fs.readFileSync(path.join(subject.ida.root, rel), 'utf8'));
      for (const p of catalog.problems) {
        assert.ok(fs.existsSync(path.join(subject.ida.root, p.file)), `problem in a file that does not exist: ${JSON.stringify(p)}`);
        assertPositionInside(textOf(p.file), p.line, p.column, `${p.code} problem in ${p.file}`);
      }
      for (const s of catalog.settings) assertPositionInside(textOf(s.origin.file), s.origin.line, s.origin.column, `origin of ${s.path.join('.')}`);
      const damage = firstDamagedLine(originalText, damagedText);
      const byName = new Map(catalog.settings.filter((s) => s.path.length === 1).map((s) => [s.name, s]));
      for (const { name, firstRow, lastRow, literal } of subject.assignments.get(file) ?? []) {
        if (lastRow >= damage) continue;
        const found = byName.get(name);
        assert.ok(found !== undefined, `${subject.label} ${file}:${firstRow + 1}: ${name} is no longer defined (damage from line ${damage + 1})`);
        recovered++;
        if (literal && occurrences(damagedText, name) === 1 && occurrences(originalText, name) === 1) {
          const before = subject.original.settings.find((s) => s.name === name && s.path.length === 1);
          assert.deepEqual(found.default, before?.default, `${subject.label} ${file}:${firstRow + 1}: the value of ${name} changed`);
          values++;
        }
      }
    }),
    { numRuns: Math.round(300 * SCALE), endOnFailure: true, includeErrorInReport: true, ...(SEED === undefined ? {} : { seed: SEED }) },
  );
  t.diagnostic(`${runs} damaged sources extracted; ${recovered} untouched assignments above the damage read again, ${values} of them with their value checked`);
});
