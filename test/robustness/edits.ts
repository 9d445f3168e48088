/**
 * Random edits of a config file, as an editor sends them: insertions, deletions and replacements
 * at any position, with the fragments that stress a YAML model (line breaks, colons, quotes, tabs,
 * templates, document markers, unicode), turned into LSP content changes.
 */
import fc from 'fast-check';
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol';
import { positionOf } from '../helpers/caret';

/** Fragments typed or pasted into a config file. */
export const FRAGMENTS: readonly string[] = [
  '\n', '\r\n', ' ', '  ', '\t', '\t\t', ':', ': ', '::', '#', '- ', '---\n', '---', '...\n', '%YAML 1.1\n',
  '"', "'", '""', '"\\', '[', ']', '{', '}', ',', '&a ', '*a', '<<: *a\n', '|\n', '>-\n', '? ',
  '{{', '}}', '{{ patch("lms-env") }}\n', '{% if ENABLE_X %}\n', '{% endif %}\n', '{#', '#}',
  'PLATFORM_NAME: x\n', 'LMS_ROOT_URL: https://lms.example.com\n', 'FEATURES:\n  ENABLE_X: yes\n', 'SECRET_KEY: changeme\n',
  'yes', 'no', '0777', '1e5', '~', 'null', '2020-01-01', 'é', 'ü: ö', '日本語', '🎓', '\u00A0', '\u2028', '\uFEFF', '\u0007',
];

/**
 * A fraction in [0, 1], uniform (fast-check's own doubles crowd at the ends), with the two ends
 * now and then: where in a text an edit or a probe goes.
 */
export const fractionArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 9, arbitrary: fc.noBias(fc.integer({ min: 0, max: 1_000_000 })).map((n) => n / 1_000_000) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1) },
);

/** One edit, relative to the text it applies to (so it fits any text). */
export interface RelativeEdit {
  /** Where the edit starts, as a fraction of the text length. */
  at: number;
  /** How many UTF-16 units it removes. */
  deleteLength: number;
  insert: string;
}

/** An edit: an insertion, a deletion or a replacement. */
export const editArb: fc.Arbitrary<RelativeEdit> = fc.record({
  at: fractionArb,
  deleteLength: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 120 })),
  insert: fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
    { weight: 2, arbitrary: fc.array(fc.constantFrom(...FRAGMENTS), { minLength: 2, maxLength: 4 }).map((parts) => parts.join('')) },
    { weight: 1, arbitrary: fc.string({ maxLength: 8, unit: 'grapheme' }) },
    { weight: 1, arbitrary: fc.constant('') },
  ),
});

/** A batch of edits sent as one `didChange` (each change relative to the text after the previous one). */
export const batchArb: fc.Arbitrary<RelativeEdit[]> = fc.array(editArb, { minLength: 1, maxLength: 3 });

/** The LSP change for `edit` against `text`, and the text after it. Offsets never split a `\r\n` pair (LSP positions cannot). */
export function toChange(text: string, edit: RelativeEdit): { change: TextDocumentContentChangeEvent; next: string } {
  const offBreak = (o: number): number => (o > 0 && text[o - 1] === '\r' && text[o] === '\n' ? o - 1 : o);
  const start = offBreak(Math.min(text.length, Math.floor(edit.at * (text.length + 1))));
  const end = offBreak(Math.min(text.length, start + edit.deleteLength));
  return {
    change: { range: { start: positionOf(text, start), end: positionOf(text, end) }, text: edit.insert },
    next: text.slice(0, start) + edit.insert + text.slice(end),
  };
}

/** A position in `text` at fraction `at` of its length (for requests). */
export function probeAt(text: string, at: number): { line: number; character: number } {
  return positionOf(text, Math.floor(at * text.length));
}
