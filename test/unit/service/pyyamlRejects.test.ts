/**
 * YAML that PyYAML's `safe_load` (YAML 1.1) refuses although `yaml` parses it: each shape is a
 * `yaml-syntax` error with its exact range and message. (test/unit/yaml/pyyamlVerdicts.test.ts
 * holds the same shapes against PyYAML itself.)
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanguageService } from '../../../server/src/service';
import { applyEdit, decodeUtf8, parseFromScratch, type ModelOptions } from '../../../server/src/yaml';
import { demoSchema } from '../../helpers/demoSchema';
import { brief } from '../../helpers/diagnostics';

const schema = demoSchema();
const REQUIRED = 'SECRET_KEY: s3cr3t\nLMS_ROOT_URL: https://lms.test\n';
const service = createLanguageService({ now: () => new Date('2025-06-01T12:00:00Z') });

function checkBody(body: string, options: ModelOptions = {}): Array<[string, string, string, string]> {
  return service.validate(parseFromScratch(REQUIRED + body, { uri: 'file:///srv/demo.yml', ...options }), schema).map(brief);
}

const MERGE_SCALAR = 'A merge key (`<<`) takes a mapping, an alias of one, or a list of them: PyYAML\'s safe_load fails here ("expected a mapping or list of mappings for merging, but found scalar").';
const MERGE_ITEM_SCALAR = 'Each item of a merge list (`<<: [...]`) must be a mapping or an alias of one: PyYAML\'s safe_load fails here ("expected a mapping for merging, but found scalar").';
const LIST_KEY = 'A list cannot be a mapping key: PyYAML\'s safe_load fails here ("found unhashable key").';
const MAP_KEY = 'A mapping cannot be a mapping key: PyYAML\'s safe_load fails here ("found unhashable key").';

test('a merge key whose value is a scalar (`<<: 5`): a yaml-syntax error on the value', () => {
  assert.deepEqual(checkBody('YOUTUBE:\n  API: x\n  <<: 5\n'), [['yaml-syntax', '4:6-4:7', 'error', MERGE_SCALAR]]);
});

test('a merge key with nothing after it: a yaml-syntax error on the key (PyYAML finds a null scalar)', () => {
  assert.deepEqual(checkBody('YOUTUBE:\n  API: x\n  <<:\n'), [['yaml-syntax', '4:2-4:4', 'error', MERGE_SCALAR]]);
});

test('a merge list with a scalar item: a yaml-syntax error on that item', () => {
  assert.deepEqual(checkBody('YOUTUBE:\n  API: x\n  <<: [{TIMEOUT: 1}, 3]\n'), [['yaml-syntax', '4:21-4:22', 'error', MERGE_ITEM_SCALAR]]);
});

test('a merge of an alias to a scalar, anchored in another segment: a yaml-syntax error on the alias', () => {
  assert.deepEqual(checkBody('PORT: &p 80\nYOUTUBE:\n  API: x\n  <<: *p\n'), [['yaml-syntax', '5:6-5:8', 'error', MERGE_SCALAR]]);
});

test('a merge of an alias to a mapping, or a mapping, passes', () => {
  assert.deepEqual(checkBody('YOUTUBE: &y\n  API: x\nPLUGIN:\n  <<: *y\nOTHER:\n  <<: [*y, {B: 1}]\n').filter((d) => d[0] === 'yaml-syntax'), []);
});

test('a list as a key (`? [a, b]`): a yaml-syntax error on the key, and no unknown-key for it', () => {
  assert.deepEqual(checkBody('? [a, b]\n: 1\n'), [['yaml-syntax', '2:2-2:8', 'error', LIST_KEY]]);
});

test('a flow list as an implicit key, a mapping as an explicit one, nested: a yaml-syntax error on the key', () => {
  assert.deepEqual(checkBody('YOUTUBE:\n  [a]: 1\n  ? {b: 1}\n  : 2\n'), [
    ['yaml-syntax', '3:2-3:5', 'error', LIST_KEY],
    ['yaml-syntax', '4:4-4:10', 'error', MAP_KEY],
  ]);
});

test('an alias to a list as a key: a yaml-syntax error on the alias; an alias to a scalar passes', () => {
  assert.deepEqual(checkBody('HOSTS: &h [a]\nYOUTUBE:\n  API: x\n  ? *h\n  : 1\n').filter((d) => d[0] === 'yaml-syntax'), [['yaml-syntax', '5:4-5:6', 'error', LIST_KEY]]);
  assert.deepEqual(checkBody('PORT: &p 80\nYOUTUBE:\n  API: x\n  *p : 1\n').filter((d) => d[0] === 'yaml-syntax'), []);
});

test('`%YAML 9.9`: a yaml-syntax error on the version; `%YAML 1.2` passes, as in PyYAML (1.x minor versions are not checked)', () => {
  const refused = 'PyYAML reads YAML 1.x only and refuses version 9.9 ("found incompatible YAML document (version 1.* is required)").';
  assert.deepEqual(service.validate(parseFromScratch(`%YAML 9.9\n---\n${REQUIRED}`), schema).map(brief), [['yaml-syntax', '0:6-0:9', 'error', refused]]);
  assert.deepEqual(service.validate(parseFromScratch(`%YAML 1.2\n---\n${REQUIRED}`), schema).map(brief), []);
  assert.deepEqual(service.validate(parseFromScratch(`%YAML 2\n---\n${REQUIRED}`), schema).map(brief), [
    ['yaml-syntax', '0:0-0:7', 'error', 'Malformed `%YAML` directive: PyYAML expects a version such as `%YAML 1.1` (major and minor number).'],
  ]);
});

test('a byte order mark before a key past the first line: the key keeps it, an unknown key with a visible hint', () => {
  assert.deepEqual(checkBody('\uFEFFPORT: 80\n'), [
    [
      'unknown-key',
      '2:0-2:5',
      'warning',
      'Unknown setting `\uFEFFPORT`: did you mean `PORT`? The key starts with an invisible U+FEFF (byte order mark), which PyYAML keeps in its name.',
    ],
  ]);
  // At the very start of the file, PyYAML skips it: the key is `SECRET_KEY`.
  assert.deepEqual(service.validate(parseFromScratch(`\uFEFF${REQUIRED}`), schema).map(brief), []);
});

test('a byte order mark typed before a key, then removed: incremental edits agree with a parse from scratch', () => {
  const text = `${REQUIRED}PORT: 80\n`;
  const withBom = applyEdit(parseFromScratch(text), [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } }, text: '\uFEFF' }]);
  assert.deepEqual(withBom.entries.map((e) => e.key), ['SECRET_KEY', 'LMS_ROOT_URL', '\uFEFFPORT']);
  const atStart = applyEdit(withBom, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: '\uFEFF' }]);
  assert.deepEqual(atStart.entries.map((e) => e.key), ['SECRET_KEY', 'LMS_ROOT_URL', '\uFEFFPORT']);
  const moved = applyEdit(atStart, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'PORT: 1\n' }]);
  assert.deepEqual(moved.entries.map((e) => e.key), parseFromScratch(moved.text).entries.map((e) => e.key));
  assert.deepEqual(moved.entries.map((e) => e.key), ['PORT', '\uFEFFSECRET_KEY', 'LMS_ROOT_URL', '\uFEFFPORT']);
});

test('invalid UTF-8 read by the CLI: a yaml-syntax error on the first invalid byte, whose U+FFFD is not reported again', () => {
  const bytes = Buffer.concat([Buffer.from(`${REQUIRED}NAME: caf`), Buffer.from([0xe9, 0x0a]), Buffer.from('OTHER: \xff', 'latin1'), Buffer.from('\n')]);
  const { text, decoded } = decodeUtf8(bytes);
  assert.deepEqual(decoded, { invalidAt: REQUIRED.length + 9, byte: 0xe9 });
  assert.deepEqual(
    service.validate(parseFromScratch(text, { uri: 'file:///srv/demo.yml', decoded }), schema).map(brief).filter((d) => d[0] === 'yaml-syntax'),
    [['yaml-syntax', '2:9-2:10', 'error', `The file is not valid UTF-8 here (byte 0xE9): PyYAML refuses to load it ("'utf-8' codec can't decode byte 0xe9").`]],
  );
});

test('valid UTF-8 read by the CLI: a real U+FFFD and a leading byte order mark are kept and accepted', () => {
  const { text, decoded } = decodeUtf8(Buffer.from(`\uFEFF${REQUIRED}NAME: \uFFFD\n`));
  assert.equal(text, `\uFEFF${REQUIRED}NAME: \uFFFD\n`);
  assert.deepEqual(decoded, {});
  assert.deepEqual(service.validate(parseFromScratch(text, { decoded }), schema).map(brief).filter((d) => d[0] === 'yaml-syntax'), []);
});

test("a U+FFFD in an editor's text (the client replaced bytes it could not decode): a yaml-syntax warning on the first one", () => {
  assert.deepEqual(checkBody('NAME: caf\uFFFD\nOTHER: \uFFFD\n').filter((d) => d[0] === 'yaml-syntax'), [
    [
      'yaml-syntax',
      '2:9-2:10',
      'warning',
      "U+FFFD (replacement character): the editor shows it for bytes that are not valid UTF-8, which PyYAML refuses to load; check the file's encoding (a real U+FFFD character is accepted).",
    ],
  ]);
});
