import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { CodeAction, TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { applyEdit, parseFromScratch, type YamlModel } from '../../../server/src/yaml';
import { demoSchema } from '../../helpers/demoSchema';

const schema = demoSchema();
const service = createLanguageService();
const URI = 'file:///srv/lms.yml';

function actions(text: string): { model: YamlModel; actions: CodeAction[] } {
  const model = parseFromScratch(text, { uri: URI });
  const diagnostics = service.validate(model, schema);
  const range = { start: { line: 0, character: 0 }, end: model.lines.positionAt(text.length) };
  return { model, actions: service.codeActions(model, range, diagnostics, schema) };
}

/** Applies an action's edits and returns the new text. */
function apply(model: YamlModel, action: CodeAction): string {
  const edits: TextEdit[] = action.edit?.changes?.[URI] ?? [];
  return applyEdit(model, edits.map((e) => ({ range: e.range, text: e.newText }))).text;
}

test('insert missing required keys: the default, or a placeholder for secrets and unknown types', () => {
  const { model, actions: list } = actions('PORT: 1');
  assert.equal(list.length, 1);
  assert.equal(list[0].title, 'Insert the missing required settings `SECRET_KEY`, `LMS_ROOT_URL`');
  assert.equal(list[0].kind, 'quickfix');
  assert.equal(apply(model, list[0]), 'PORT: 1\nSECRET_KEY: ""\nLMS_ROOT_URL: ""\n');
});

test('replace an unknown key with the suggestion', () => {
  const { model, actions: list } = actions("SECRET_KEY: x\nLMS_ROOT_URL: y\nPROT: 1\n");
  assert.deepEqual(list.map((a) => [a.title, a.isPreferred]), [['Change to `PORT`', true]]);
  assert.equal(apply(model, list[0]), 'SECRET_KEY: x\nLMS_ROOT_URL: y\nPORT: 1\n');
});

test('convert a quoted boolean or number, quote a value YAML 1.1 reads as a boolean', () => {
  const { model, actions: list } = actions("SECRET_KEY: x\nLMS_ROOT_URL: y\nDEBUG: 'false'\nPORT: \"80\"\nNAME: off\n");
  assert.deepEqual(list.map((a) => a.title), ['Convert to boolean false', 'Convert to integer 80', 'Quote as the string "off"']);
  let text = model.text;
  let current = model;
  for (const a of list) {
    const next = service.codeActions(current, { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } }, service.validate(current, schema), schema).find((x) => x.title === a.title);
    assert.ok(next !== undefined);
    text = apply(current, next);
    current = parseFromScratch(text, { uri: URI });
  }
  assert.equal(text, "SECRET_KEY: x\nLMS_ROOT_URL: y\nDEBUG: false\nPORT: 80\nNAME: 'off'\n");
  assert.deepEqual(service.validate(current, schema), []);
});

test('diagnostics of other sources are ignored', () => {
  const model = parseFromScratch('PROT: 1\n', { uri: URI });
  const foreign = { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, message: 'x', source: 'other', data: { rule: 'unknown-key', suggestion: 'PORT' } };
  assert.deepEqual(service.codeActions(model, foreign.range, [foreign], schema), []);
});
