import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { applyEdit, parseFromScratch } from '../../../server/src/yaml';
import { caretPosition } from '../../helpers/caret';
import { demoSchema } from '../../helpers/demoSchema';
import { rangeText } from '../../helpers/diagnostics';

const schema = demoSchema();
const service = createLanguageService();

function complete(marked: string, marker = '|'): CompletionItem[] {
  const { text, position } = caretPosition(marked, marker);
  return service.complete(parseFromScratch(text), position, schema).items;
}

function labels(items: CompletionItem[]): string[] {
  return items.map((i) => i.label);
}

function edit(item: CompletionItem | undefined): TextEdit {
  assert.ok(item?.textEdit !== undefined && 'range' in item.textEdit);
  return item.textEdit as TextEdit;
}

function sorted(items: CompletionItem[]): CompletionItem[] {
  return [...items].sort((a, b) => (a.sortText ?? a.label).localeCompare(b.sortText ?? b.label));
}

test('top-level keys on an empty line: keys not yet present, required ones first', () => {
  const items = complete('PORT: 1\n|\n');
  assert.ok(!labels(items).includes('PORT'));
  assert.deepEqual(labels(sorted(items)).slice(0, 2), ['LMS_ROOT_URL', 'SECRET_KEY']);
  const secret = items.find((i) => i.label === 'SECRET_KEY');
  assert.equal(secret?.detail, 'string = dev key');
  assert.deepEqual(secret?.labelDetails, { description: 'Secret used to sign sessions.' });
  assert.deepEqual(edit(secret), { range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: 'SECRET_KEY: ' });
});

test('after a partial word the word is replaced, in a half-typed document', () => {
  const items = complete('PORT: [1,\nSEC|\nDEBUG: tru');
  const secret = items.find((i) => i.label === 'SECRET_KEY');
  assert.equal(rangeText(edit(secret).range), '1:0-1:3');
});

test('on an existing key only the name is replaced (the `:` and value stay)', () => {
  const items = complete('POR|T: 1\n');
  const port = items.find((i) => i.label === 'PORT');
  assert.deepEqual(edit(port), { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 4 } }, newText: 'PORT' });
});

test('scalar keys trigger value suggestions; dict and list keys insert their default structure as a snippet', () => {
  const items = complete('|');
  const debug = items.find((i) => i.label === 'DEBUG');
  assert.equal(debug?.command?.command, 'editor.action.triggerSuggest');
  const youtube = items.find((i) => i.label === 'YOUTUBE');
  assert.equal(youtube?.insertTextFormat, InsertTextFormat.Snippet);
  assert.equal(edit(youtube).newText, "YOUTUBE:\n  API: https://youtube.test\n  TIMEOUT: 5\n$0");
  assert.equal(edit(items.find((i) => i.label === 'JWT_AUTH')).newText, 'JWT_AUTH:\n  $0');
  assert.equal(edit(items.find((i) => i.label === 'CORS_ORIGIN_WHITELIST')).newText, 'CORS_ORIGIN_WHITELIST:\n  - $0');
  assert.equal(edit(items.find((i) => i.label === 'HOSTS')).newText, 'HOSTS:\n  - localhost\n$0');
});

test('nested keys of a dict setting, without the ones already there', () => {
  const items = complete('YOUTUBE:\n  API: x\n  |\n');
  assert.deepEqual(labels(items), ['TIMEOUT']);
  assert.equal(rangeText(edit(items[0]).range), '2:2-2:2');
});

test('nested keys inside list items', () => {
  assert.deepEqual(labels(complete('AUTH_PASSWORD_VALIDATORS:\n- NAME: a\n  |\n')), ['OPTIONS']);
  assert.deepEqual(labels(complete('AUTH_PASSWORD_VALIDATORS:\n- |\n')), ['NAME', 'OPTIONS']);
});

test('keys inside FEATURES: boolean settings, marked deprecated there', () => {
  const items = complete('DEBUG: true\nFEATURES:\n  ENABLE_CORS_HEADERS: true\n  EN|\n');
  assert.ok(labels(items).includes('ENABLE_CROSS_DOMAIN_CSRF_COOKIE'));
  assert.ok(!labels(items).includes('DEBUG'), 'already set at the top level');
  assert.ok(!labels(items).includes('ENABLE_CORS_HEADERS'), 'already in FEATURES');
  assert.ok(!labels(items).includes('PORT'), 'not a feature flag');
  assert.deepEqual(items[0].tags, [CompletionItemTag.Deprecated]);
});

test('values: booleans, null, enumerations and the default first', () => {
  assert.deepEqual(labels(complete('DEBUG: |')), ['false', 'true']);
  assert.deepEqual(labels(complete('LEVEL: |')), ['info', 'debug', 'warning']);
  assert.deepEqual(labels(complete('NAME: |')), ['null']);
  const port = complete('PORT: 8|');
  assert.deepEqual(labels(port), ['8000']);
  assert.equal(port[0].detail, 'default');
  assert.equal(rangeText(edit(port[0]).range), '0:6-0:7');
  assert.deepEqual(labels(complete('YOUTUBE:\n  TIMEOUT: |\n')), []);
  assert.deepEqual(labels(complete('FEATURES:\n  DEBUG: |\n')), ['false', 'true']);
});

test('no completion inside comments, block scalars or unknown parents', () => {
  assert.deepEqual(complete('# PO|'), []);
  assert.deepEqual(complete('UNKNOWN:\n  |\n'), []);
  assert.deepEqual(complete('NAME: |\n  text\n  §\n', '§'), []);
  assert.deepEqual(complete('PORT: "8|"'), []);
});

test('completion right after an incremental edit sees the new text', () => {
  const model = parseFromScratch('PORT: 1\n');
  const next = applyEdit(model, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: 'D' }]);
  const items = service.complete(next, { line: 1, character: 1 }, schema).items;
  assert.ok(labels(items).includes('DEBUG'));
  assert.equal(rangeText(edit(items.find((i) => i.label === 'DEBUG')).range), '1:0-1:1');
});

test('resolveCompletion adds the full documentation', () => {
  const secret = complete('|').find((i) => i.label === 'SECRET_KEY');
  assert.ok(secret !== undefined);
  const resolved = service.resolveCompletion(secret, schema);
  const doc = resolved.documentation;
  assert.ok(typeof doc === 'object' && doc.kind === 'markdown');
  assert.match(doc.value, /\*\*`SECRET_KEY`\*\* · `string` · required/);
  assert.match(doc.value, /Django refuses to start without it/);
});

test('with itemDefaults, key items carry only textEditText; the range and data are shared', () => {
  const lean = createLanguageService({ completionItemDefaults: true });
  const { text, position } = caretPosition('PORT: 1\nSEC|\n');
  const list = lean.complete(parseFromScratch(text), position, schema);
  assert.deepEqual(list.itemDefaults, { editRange: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, data: { parent: [] } });
  const secret = list.items.find((i) => i.label === 'SECRET_KEY');
  assert.deepEqual(secret, { label: 'SECRET_KEY', kind: 10, detail: 'string = dev key', sortText: '0SECRET_KEY', labelDetails: { description: 'Secret used to sign sessions.' }, textEditText: 'SECRET_KEY: ' });
  const resolved = lean.resolveCompletion({ ...secret, data: list.itemDefaults?.data }, schema);
  assert.ok(typeof resolved.documentation === 'object');
});

test('no schema, no completion', () => {
  assert.deepEqual(service.complete(parseFromScratch(''), { line: 0, character: 0 }, undefined).items, []);
});
