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
    const suffixes = ['\n', '\n# c\n', '# c\n', '\n\n# a\n# b\n', '# c', '\n#', '  # c\n', '   \n', '\t\n', '# c\r\n\r\n', 'X: 1\n', '- x\n', '  nested: 1\n'];
    const taken: string[] = [];
    for (const first of ['KEY: value\n', 'KEY: "q"\n', 'KEY: 1\r\n', 'KEY:\n', 'KEY:  \n']) {
      for (const suffix of suffixes) if (agrees(first + suffix)) taken.push(first + suffix);
    }
    const expected: string[] = [];
    for (const first of ['KEY: value\n', 'KEY: "q"\n', 'KEY: 1\r\n']) for (const suffix of suffixes.slice(0, 6)) expected.push(first + suffix);
    expected.push('KEY: value\n# c\r\n\r\n', 'KEY: "q"\n# c\r\n\r\n', 'KEY: 1\r\n# c\r\n\r\n');
    assert.deepEqual(new Set(taken), new Set(expected));
  });

  it('takes exactly the simple lines', () => {
    const simple = ['KEY: value\n', 'KEY: -1\n', 'KEY: "a b"\n', "KEY: 'a b'\n", 'KEY:\n', 'KEY:   \n', 'KEY: yes', 'KEY: 1:30\r\n', 'KEY: http://h:80/x\n', 'KEY: a,b  \n', 'KEY: v\n\n', 'KEY: v\n# c\n'];
    const other = [
      'KEY: a # c\n', 'KEY: [1]\n', 'KEY: {a: 1}\n', 'ON: 1\n', 'Null: x\n', 'KEY: "a\\nb"\n', "KEY: 'it''s'\n", 'KEY:\tv\n', 'KEY: a: b\n', 'KEY: x:\n', 'KEY: &a x\n', 'KEY: *a\n',
      'KEY: !!str 1\n', 'KEY: |\n', 'KEY: >\n', '- x\n', 'KEY:value\n', ' KEY: v\n', 'KEY: v\nOTHER: w\n', 'KEY:\n  nested: 1\n', 'KEY: caf\u00e9\n', '\uFEFFKEY: v\n', 'KEY:\n\n', 'KEY: -\n', 'KEY: ? x\n',
    ];
    assert.deepEqual(simple.filter((t) => !agrees(t)), []);
    assert.deepEqual(other.filter((t) => parseSimpleEntry(t, PARSE_OPTIONS) !== undefined), []);
  });

  it('agrees with yaml on every line of the corpus, and takes most of the top-level ones', () => {
    let taken = 0;
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
      for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (agrees(`${line}\n`)) taken++;
        agrees(line);
      }
    }
    // lms/mock.yml alone has 380 one-line scalar settings; cms/mock.yml 171.
    assert.ok(taken >= 551, `fast path taken for ${taken} corpus lines`);
  });
});
