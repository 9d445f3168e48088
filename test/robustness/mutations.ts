/**
 * Random damage to a Python settings module, at the byte level (so it can produce invalid UTF-8
 * and truncate inside a character): lines deleted or duplicated, brackets, quotes, indentation
 * and keywords inserted, raw bytes inserted, the file truncated. Never a NUL byte: a NUL makes
 * the file binary, which the reader refuses on purpose (the pathological tests cover that).
 */
import fc from 'fast-check';
import { fractionArb } from './edits';

/** Text inserted into a line or as a line of its own. */
export const PY_FRAGMENTS: readonly string[] = [
  '(', ')', '[', ']', '{', '}', '"', "'", '"""', "'''", '    ', '  ', '\t', ':', '=', '==', '+=', '\\', '#', ',', '.', '@', '*', '**',
  'if X:', 'else:', 'try:', 'def f(', 'class C:', 'lambda x:', 'with open(f) as g:', 'from . import *', 'import os', 'FOO = ', 'BAR = [',
  "f'{", "b'", 'None', 'True', 'é', '日本', '🎓', '\r', '\r\n', '\n',
];

/** One mutation; positions are fractions, so a mutation fits any file. */
export type Mutation =
  | { kind: 'delete-lines'; at: number; count: number }
  | { kind: 'duplicate-lines'; at: number; count: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'insert-line'; at: number; text: string }
  | { kind: 'bytes'; at: number; bytes: number[] }
  | { kind: 'truncate'; at: number };

const at = fractionArb;
const fragment = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...PY_FRAGMENTS) }, { weight: 1, arbitrary: fc.string({ maxLength: 6 }).map((s) => s.replace(/\0/g, '')) });

/** A random mutation. */
export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('delete-lines' as const), at, count: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('duplicate-lines' as const), at, count: fc.integer({ min: 1, max: 4 }) }),
  fc.record({ kind: fc.constant('insert' as const), at, text: fragment }),
  fc.record({ kind: fc.constant('insert-line' as const), at, text: fc.array(fragment, { minLength: 1, maxLength: 3 }).map((p) => p.join('')) }),
  fc.record({ kind: fc.constant('bytes' as const), at, bytes: fc.array(fc.oneof(fc.integer({ min: 0x80, max: 0xff }), fc.constantFrom(0x0d, 0x09, 0x0c, 0x1b)), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at }),
);

/** Byte offsets where lines start (after each `\n`). */
function lineStarts(buf: Buffer): number[] {
  const starts = [0];
  for (let i = 0; i < buf.length; i++) if (buf[i] === 0x0a && i + 1 < buf.length) starts.push(i + 1);
  return starts;
}

/** Applies one mutation to a file's bytes. */
export function mutate(buf: Buffer, m: Mutation): Buffer {
  const starts = lineStarts(buf);
  const line = Math.min(starts.length - 1, Math.floor(m.at * starts.length));
  const lineStart = starts[line];
  const offset = Math.min(buf.length, Math.floor(m.at * (buf.length + 1)));
  switch (m.kind) {
    case 'delete-lines': {
      const end = line + m.count < starts.length ? starts[line + m.count] : buf.length;
      return Buffer.concat([buf.subarray(0, lineStart), buf.subarray(end)]);
    }
    case 'duplicate-lines': {
      const end = line + m.count < starts.length ? starts[line + m.count] : buf.length;
      const copy = buf.subarray(lineStart, end);
      const sep = copy.length > 0 && copy[copy.length - 1] !== 0x0a ? Buffer.from('\n') : Buffer.alloc(0);
      return Buffer.concat([buf.subarray(0, end), sep, copy]);
    }
    case 'insert':
      return Buffer.concat([buf.subarray(0, offset), Buffer.from(m.text), buf.subarray(offset)]);
    case 'insert-line':
      return Buffer.concat([buf.subarray(0, lineStart), Buffer.from(`${m.text}\n`), buf.subarray(lineStart)]);
    case 'bytes':
      return Buffer.concat([buf.subarray(0, offset), Buffer.from(m.bytes), buf.subarray(offset)]);
    case 'truncate':
      return buf.subarray(0, offset);
  }
}

/** Index of the first line (split at `\n`) where two texts differ; the line count of the shorter when one extends the other. */
export function firstDamagedLine(original: string, mutated: string): number {
  const a = original.split('\n');
  const b = mutated.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return a.length;
}
