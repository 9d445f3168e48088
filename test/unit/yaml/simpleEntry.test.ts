import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { isMap, isScalar, parseDocument, type Node } from 'yaml';
import { PARSE_OPTIONS } from '../../../server/src/yaml/parseSegment';
import { parseSimpleEntry } from '../../../server/src/yaml/simpleEntry';

const CORPUS = path.resolve(__dirname, '../../../../../shared/corpus');

/** Everything a consumer can see of a node: class, own properties in order, values, ranges. */
function projection(node: unknown): unknown {
  if (isMap(node)) {
    return {
      class: node.constructor.name,
      names: Object.getOwnPropertyNames(node),
      symbols: Object.getOwnPropertySymbols(node).map(String),
      range: node.range,
      items: node.items.map((pair) => ({ class: pair.constructor.name, names: Object.getOwnPropertyNames(pair), key: projection(pair.key), value: projection(pair.value) })),
    };
  }
  if (isScalar(node)) {
    const value: unknown = node.value;
    return {
      class: node.constructor.name,
      names: Object.getOwnPropertyNames(node),
      symbols: Object.getOwnPropertySymbols(node).map(String),
      value: value instanceof Date ? `Date ${value.toISOString()}` : typeof value === 'number' && Number.isNaN(value) ? 'NaN' : value,
      valueType: typeof value,
      range: node.range,
      source: node.source,
      type: node.type,
      format: node.format,
      tag: node.tag,
      comment: node.comment,
    };
  }
  return { other: String(node) };
}

/** Checks the fast path against `yaml` on one text; returns whether the fast path took it. */
function agrees(text: string): boolean {
  const fast = parseSimpleEntry(text, PARSE_OPTIONS);
  if (fast === undefined) return false;
  const doc = parseDocument(text, PARSE_OPTIONS);
  assert.deepEqual(doc.errors.map((e) => e.message), [], `yaml reports errors for ${JSON.stringify(text)}`);
  assert.deepEqual(doc.warnings.map((e) => e.message), [], `yaml reports warnings for ${JSON.stringify(text)}`);
  assert.deepStrictEqual(projection(fast), projection(doc.contents as Node), `fast path differs from yaml for ${JSON.stringify(text)}`);
  return true;
}

const VALUES = [
  'value', 'two words', 'a  b', 'x', '-1', '-1.5', '+1', '1', '0', '007', '014', '0o14', '0x1F', '0b101', '1_000', '1:30', '190:20:30',
  '1.5', '.5', '1e3', '1.0e+3', '.inf', '-.inf', '.Inf', '.nan', '.NaN', 'inf', 'nan', 'NaN',
  'true', 'false', 'True', 'FALSE', 'yes', 'no', 'Yes', 'NO', 'on', 'off', 'On', 'OFF', 'y', 'n', 'Y', 'N',
  'null', 'Null', 'NULL', '~', 'none', 'None',
  '2026-11-26', '2026-11-26T10:00:00Z', '2026-11-26 10:00:00.5 +01:00', '2026-1-1',
  'http://example.com:8000/path?q=1&r=2', 'redis://:pass@host:6379/0', 'a:b', 'a,b', 'a]b', 'a}b', 'a{b', "it's", 'say "hi"', 'a|b', 'a>b', 'a*b', 'a&b', 'a!b', 'a%b', 'a@b', 'a`b',
  '/edx/var/log', './relative', '../up', '(paren)', '^caret', ';semi', '\\back', '<angle>', '$VAR', '=eq', '~tilde', '_under', '.dot',
  '-foo', '-.5', '-', '- x', '?', '? x', ':', ':x', 'x:', 'a : b', 'a # c', 'a#b', '#c', '&a x', '*a', '!!str 1', '!tag x', '|', '>', '[1, 2]', '{a: 1}', '[]', '{}', '%x', '@x', '`x',
  '"double"', '""', '"with \\n escape"', '"a#b"', '"a: b"', "'single'", "''", "'it''s'", "'a # b'", '"unterminated', "'unterminated",
];
/** Keys `yaml` reads as strings, and keys YAML 1.1 reads as booleans or null (never taken: the fast path is for string keys). */
const KEYS = ['KEY', 'lower_case', '_PRIVATE', 'K1', 'A'];
const NON_STRING_KEYS = ['ON', 'on', 'Yes', 'NULL', 'Null', 'n', 'Y', 'true', 'TRUE', '~'];

describe('yaml/simpleEntry', () => {
  it('builds exactly what yaml builds for every key, value, spacing and line end it accepts', () => {
    let taken = 0;
    let total = 0;
    for (const key of NON_STRING_KEYS) assert.equal(parseSimpleEntry(`${key}: 1\n`, PARSE_OPTIONS), undefined, key);
    for (const key of KEYS) {
      for (const value of VALUES) {
        for (const [gap, trailing, end] of [[' ', '', '\n'], ['   ', '  ', '\r\n'], [' ', ' ', '']] as const) {
          total++;
          if (agrees(`${key}:${gap}${value}${trailing}${end}`)) taken++;
        }
      }
      for (const empty of [':', ':   ', ':\n', ':  \n', ':\r\n', ':  \r\n']) {
        total++;
        if (agrees(`${key}${empty}`)) taken++;
      }
    }
    // Most combinations are simple; the rest (indicators, comments, escapes) fall back.
    assert.ok(taken > total * 0.7, `fast path taken for ${taken} of ${total}`);
  });

  it('agrees with yaml when blank lines and comments follow, and takes the column-0 ones after a value', () => {
    const suffixes = ['\n', '\n# c\n', '# c\n', '\n\n# a\n# b\n', '# c', '\n#', '  # c\n', '   \n', '\t\n', '# c\r\n\r\n'];
    const taken: string[] = [];
    for (const first of ['KEY: value\n', 'KEY: "q"\n', 'KEY: 1\r\n', 'KEY:\n', 'KEY:  \n', 'KEY:\n  a: 1\n', 'KEY:\n- x\n', 'KEY:\n  a:\n']) {
      for (const suffix of suffixes) if (agrees(first + suffix)) taken.push(first + suffix);
    }
    const expected: string[] = [];
    // Column-0 comments and blank lines after a value; not after an empty value (the comment joins it).
    for (const first of ['KEY: value\n', 'KEY: "q"\n', 'KEY: 1\r\n', 'KEY:\n  a: 1\n', 'KEY:\n- x\n']) for (const suffix of [...suffixes.slice(0, 6), suffixes[9]]) expected.push(first + suffix);
    assert.deepEqual(new Set(taken), new Set(expected));
  });

  it('takes exactly the simple segments', () => {
    const simple = [
      'KEY: value\n', 'KEY: -1\n', 'KEY: "a b"\n', "KEY: 'a b'\n", 'KEY:\n', 'KEY:   \n', 'KEY: yes', 'KEY: 1:30\r\n', 'KEY: http://h:80/x\n', 'KEY: a,b  \n', 'KEY: v\n\n', 'KEY: v\n# c\n',
      'KEY:\n  nested: 1\n', 'KEY:\n  a: 1\n  b:\n  c: x\n', 'KEY:\n    a.b-c: 1\n', 'KEY:\n- x\n- "y"\n', 'KEY:\n  - x\n', 'KEY:\n  a:\n    b:\n      c: 1\n  d:\n  - 1\n  - 2\n  e: 3\n', 'KEY:\r\n  a: 1\r\n  b: 2\r\n', 'KEY: v\nOTHER: w\n',
    ];
    const other = [
      'KEY: a # c\n', 'KEY: [1]\n', 'KEY: {a: 1}\n', 'ON: 1\n', 'Null: x\n', 'KEY: "a\\nb"\n', "KEY: 'it''s'\n", 'KEY:\tv\n', 'KEY: a: b\n', 'KEY: x:\n', 'KEY: &a x\n', 'KEY: *a\n',
      'KEY: !!str 1\n', 'KEY: |\n', 'KEY: >\n', '- x\n', 'KEY:value\n', ' KEY: v\n', 'KEY: caf\u00e9\n', '\uFEFFKEY: v\n', 'KEY:\n\n', 'KEY: -\n', 'KEY: ? x\n',
      'KEY:\n  a: 1\n\n  b: 2\n', 'KEY:\n  # c\n  a: 1\n', 'KEY:\n  a: 1\n  a: 2\n', 'KEY:\n  a: 1\n   b: 2\n', 'KEY:\n    a: 1\n  b: 2\n', 'KEY:\n  a: long\n    text\n', 'KEY:\n- a: 1\n', 'KEY:\n-\n', 'KEY:\n  on: 1\n',
      'KEY: v\n  a: 1\n', 'KEY:\n\ta: 1\n', 'KEY:\n  a: 1\n  - x\n',
    ];
    assert.deepEqual(simple.filter((t) => !agrees(t)), []);
    assert.deepEqual(other.filter((t) => parseSimpleEntry(t, PARSE_OPTIONS) !== undefined), []);
  });

  it('agrees with yaml on 3,000 generated nested segments', () => {
    // mulberry32: the same segments every run.
    let seed = 20261126;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
    const names = ['a', 'b', 'BACKEND', 'KEY_PREFIX', 'django.db', 'x-y', 'on', 'Null', 'c1'];
    const block = (indent: number, depth: number): string[] => {
      const out: string[] = [];
      const asSeq = random() < 0.3;
      const pad = ' '.repeat(indent);
      for (let i = 0, n = 1 + Math.floor(random() * 4); i < n; i++) {
        if (asSeq) {
          out.push(`${pad}- ${pick(VALUES)}${pick(['', ' '])}`);
          continue;
        }
        const name = pick(names);
        const r = random();
        if (depth < 3 && r < 0.3) out.push(`${pad}${name}:`, ...block(indent + pick([2, 4]), depth + 1));
        else if (depth < 3 && r < 0.4) out.push(`${pad}${name}:`, ...block(indent, depth + 1).map((l) => (l.trimStart().startsWith('- ') ? l : `${l}`)).filter((l) => l.trimStart().startsWith('- ')));
        else if (r < 0.5) out.push(`${pad}${name}:${pick(['', '  '])}`);
        else out.push(`${pad}${name}: ${pick(VALUES)}`);
      }
      return out;
    };
    let taken = 0;
    for (let i = 0; i < 3000; i++) {
      const lines = [`${pick(KEYS)}:`, ...block(pick([0, 2, 4]), 1)].filter((l, j) => j === 0 || l.trim() !== '');
      const text = lines.join(pick(['\n', '\r\n'])) + pick(['\n', '', '\n\n# trailing\n']);
      if (agrees(text)) taken++;
    }
    assert.ok(taken > 300, `fast path taken for ${taken} of 3,000 generated segments`);
  });

  it('agrees with yaml on every segment and line of the corpus, and takes most segments', () => {
    let taken = 0;
    let segments = 0;
    const files: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(p);
        else files.push(p);
      }
    };
    walk(CORPUS);
    assert.ok(files.length >= 7, `corpus files found: ${files.length}`);
    for (const file of files) {
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      for (const line of lines) {
        agrees(`${line}\n`);
        agrees(line);
      }
      // Segments as the segmenter cuts them: a column-0 key line and the lines up to the next one.
      let current: string[] = [];
      const flush = (): void => {
        if (current.length === 0) return;
        segments++;
        if (agrees(`${current.join('\n')}\n`)) taken++;
        current = [];
      };
      for (const line of lines) {
        if (/^[A-Za-z_]/.test(line)) flush();
        current.push(line);
      }
      flush();
    }
    // lms/mock.yml alone: 373 of its 477 segments (measured when this test was written).
    assert.ok(taken >= 0.8 * segments, `fast path taken for ${taken} of ${segments} corpus segments`);
  });
});
