/**
 * *Insert missing required settings* writes each default as YAML that loads back as that default:
 * checked by reading the edited document with the project's model, with `yaml` in YAML 1.1 mode,
 * and with PyYAML itself, for defaults that are awkward to write.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import type { TextEdit } from 'vscode-languageserver-types';
import type { JsonValue } from '../../../server/src/catalog/types';
import { createLanguageService } from '../../../server/src/service';
import { toJsonValue } from '../../../server/src/service/yamlValue';
import { applyEdit, entriesWithKey, parseFromScratch } from '../../../server/src/yaml';
import { pyyamlLoad } from '../../helpers/pyyaml';
import { prop, schemaOf } from '../../helpers/schema';

const URI = 'file:///srv/lms.yml';
const service = createLanguageService();

const AWKWARD: ReadonlyArray<readonly [string, JsonValue]> = [
  ['two lines', 'line1\nline2'],
  ['a trailing line break', 'line1\n'],
  ['trailing blank lines', 'line1\n\n\n'],
  ['leading blank lines', '\n\nline3'],
  ['leading spaces', '  indented'],
  ['leading spaces on a second line', 'a\n  b'],
  ['trailing spaces', 'end  '],
  ['a comment sign', 'a # not a comment'],
  ['a leading comment sign', '#hash'],
  ['a colon and space', 'key: value'],
  ['unicode and a bidi override', 'café ünï 😀 \u202e'],
  ['yes', 'yes'],
  ['on', 'on'],
  ['No', 'No'],
  ['y', 'y'],
  ['octal-looking', '0777'],
  ['sexagesimal-looking', '1:20'],
  ['underscored number', '1_000'],
  ['a string "null"', 'null'],
  ['a tilde', '~'],
  ['a date-looking string', '2001-12-14'],
  ['=', '='],
  ['<<', '<<'],
  ['a tab inside', 'a\tb'],
  ['NEL', 'a\u0085b'],
  ['U+2028', 'a\u2028b'],
  ['a control character', 'bell\u0007'],
  ['indicators at the start', '- [x] {y} *z &w !v %u @t `s'],
  ['quotes', `it's "quoted"`],
  ['empty string', ''],
  ['a very long string', 'word '.repeat(400).trim()],
  ['a very long line of one word', 'x'.repeat(5000)],
  ['nested dicts and lists', { A: { B: [1, 'yes', null, { C: 'line1\nline2' }] }, 'key: with colon': ['#', ''] }],
  ['an empty dict', {}],
  ['an empty list', []],
  ['a list of lists', [['x'], []]],
  ['numbers and booleans', [0, -1, 1.5, true, false]],
  ['floats with exponents', [1e21, 1e-7, 2.5e-8, -3e-9]],
];

/** The document `PORT: 1` after the quick fix inserts `WELCOME_TEXT` with `value` as its default. */
function fixed(value: JsonValue): string {
  const schema = schemaOf({ PORT: prop('integer'), WELCOME_TEXT: prop(undefined, { default: value }) }, { required: ['WELCOME_TEXT'] });
  const model = parseFromScratch('PORT: 1\n', { uri: URI });
  const diagnostics = service.validate(model, schema);
  const [action] = service.codeActions(model, { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, diagnostics, schema);
  assert.ok(action !== undefined, 'a quick fix is offered');
  const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
  return applyEdit(model, edits.map((e) => ({ range: e.range, text: e.newText }))).text;
}

test('a multi-line default is inserted as a block scalar indented under its key', () => {
  assert.equal(fixed('line1\nline2'), 'PORT: 1\nWELCOME_TEXT: |-\n  line1\n  line2\n');
});

test('awkward defaults inserted by the quick fix load back as themselves: the project model, yaml 1.1 and PyYAML agree', () => {
  const texts = AWKWARD.map(([, value]) => fixed(value));
  const pyyaml = pyyamlLoad(texts);
  const problems: string[] = [];
  AWKWARD.forEach(([name, value], i) => {
    const text = texts[i];
    const model = parseFromScratch(text, { uri: URI });
    const syntax = service.validate(model, undefined).filter((d) => d.code === 'yaml-syntax');
    if (syntax.length > 0) problems.push(`${name}: the model reports ${syntax.map((d) => d.message).join(' ')}`);
    const [entry] = entriesWithKey(model, 'WELCOME_TEXT');
    const modelValue = entry === undefined ? undefined : toJsonValue(entry.value, () => undefined).value;
    if (!same(modelValue, value)) problems.push(`${name}: the model reads ${JSON.stringify(modelValue)}`);
    const yaml11 = (parse(text, { version: '1.1' }) as Record<string, unknown>).WELCOME_TEXT;
    if (!same(yaml11, value)) problems.push(`${name}: yaml 1.1 reads ${JSON.stringify(yaml11)}`);
    const py = pyyaml[i];
    const pyValue = py.ok ? (py.value as Record<string, unknown>).WELCOME_TEXT : `error ${py.error}`;
    if (!same(pyValue, value)) problems.push(`${name}: PyYAML reads ${JSON.stringify(pyValue)} from ${JSON.stringify(text)}`);
  });
  assert.deepEqual(problems, []);
});

function same(a: unknown, b: unknown): boolean {
  try {
    assert.deepStrictEqual(a, b);
    return true;
  } catch {
    return false;
  }
}
