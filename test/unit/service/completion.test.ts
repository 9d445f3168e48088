import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompletionItemTag, InsertTextFormat, type CompletionItem, type TextEdit } from 'vscode-languageserver-types';
import type { IdaSchema } from '../../../server/src/schema/format';
import { createLanguageService } from '../../../server/src/service';
import { completeAt, MAX_KEY_ITEMS } from '../../../server/src/service/completion';
import { applyEdit, parseFromScratch } from '../../../server/src/yaml';
import { caretPosition } from '../../helpers/caret';
import { demoSchema } from '../../helpers/demoSchema';
import { rangeText } from '../../helpers/diagnostics';
import { prop, schemaOf } from '../../helpers/schema';

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

test('with itemDefaults, on a line that has its `:` already, items carry no textEditText: the label is the edit', () => {
  const lean = createLanguageService({ completionItemDefaults: true });
  const { text, position } = caretPosition('SEC|: x\n');
  const list = lean.complete(parseFromScratch(text), position, schema);
  assert.deepEqual(list.itemDefaults?.editRange, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
  const secret = list.items.find((i) => i.label === 'SECRET_KEY');
  assert.deepEqual(secret, { label: 'SECRET_KEY', kind: 10, detail: 'string = dev key', sortText: '0SECRET_KEY', labelDetails: { description: 'Secret used to sign sessions.' } });
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

// ------------------------------------------------------------------ bounded, ranked key lists

/**
 * Keys chosen so that typing `url` matches each ranking group: names starting with it, names
 * holding it from a word start, names holding it in pieces at word starts, and other
 * subsequences. Listed out of order on purpose: the schema's order must not matter.
 */
const ranking = schemaOf(
  {
    ZETA_URL: prop('string'),
    CURLY: prop('string'),
    URLCONF: prop('string'),
    LMS_ROOT_URL: prop('string'),
    USER_RESET_LINK: prop('string'),
    OLD_URL: prop('string', { deprecated: true }),
    UNRELATED_LIST: prop('string'),
    SECRET_URL_KEY: prop('string'),
    URL_PREFIX: prop('string'),
    BETA: prop('boolean'),
    ALPHA: prop('boolean'),
    ABANDONED: prop('boolean', { deprecated: true }),
    DEBUG: prop('boolean'),
    SERVICE: prop('object', {
      properties: { timeout: prop('integer'), url: prop('string'), urlPrefix: prop('string'), baseUrl: prop('string'), api_url: prop('string', { deprecated: true }) },
      required: ['baseUrl'],
    }),
    FEATURES: prop('object', { deprecated: true, facts: { freeFormKeys: true, roles: [{ kind: 'deprecated', reason: 'set them at the top level' }] } }),
  },
  { required: ['SECRET_URL_KEY', 'LMS_ROOT_URL'] },
);

function list(marked: string, maxItems: number, s: IdaSchema = ranking): { labels: string[]; isIncomplete: boolean } {
  const { text, position } = caretPosition(marked);
  const result = completeAt(parseFromScratch(text), position, s, { maxItems });
  return { labels: labels(result.items), isIncomplete: result.isIncomplete };
}

test('the default limit is 100 key items', () => {
  assert.equal(MAX_KEY_ITEMS, 100);
});

test('nothing typed, more keys than the limit: required keys, then the others alphabetically, cut and incomplete', () => {
  assert.deepEqual(list('|', 4), { labels: ['LMS_ROOT_URL', 'SECRET_URL_KEY', 'ALPHA', 'BETA'], isIncomplete: true });
  // Keys already set are not candidates.
  assert.deepEqual(list('ALPHA: true\nLMS_ROOT_URL: x\n|', 4), { labels: ['SECRET_URL_KEY', 'BETA', 'CURLY', 'DEBUG'], isIncomplete: true });
});

test('nothing typed: deprecated keys come after every other key', () => {
  // 15 candidates, 3 of them deprecated (ABANDONED, FEATURES, OLD_URL), which are the ones cut first.
  const thirteen = list('|', 13);
  assert.deepEqual(thirteen, {
    labels: ['LMS_ROOT_URL', 'SECRET_URL_KEY', 'ALPHA', 'BETA', 'CURLY', 'DEBUG', 'SERVICE', 'UNRELATED_LIST', 'URL_PREFIX', 'URLCONF', 'USER_RESET_LINK', 'ZETA_URL', 'ABANDONED'],
    isIncomplete: true,
  });
  assert.deepEqual(list('|', 14).labels.slice(-2), ['ABANDONED', 'FEATURES']);
  assert.equal(list('|', 14).isIncomplete, true);
});

test('every key fits: the whole list, unfiltered and complete, whatever is typed', () => {
  const all = list('|', 100);
  assert.equal(all.isIncomplete, false);
  assert.equal(all.labels.length, 15);
  // The client filters a complete list itself: the server sends keys that do not match `url` too.
  assert.deepEqual(list('url|', 15), { labels: list('|', 15).labels, isIncomplete: false });
  assert.ok(list('url|', 15).labels.includes('DEBUG'));
});

test('typed text, cut: names starting with it, then holding it from a word start, then in pieces at word starts, then anywhere', () => {
  assert.deepEqual(list('url|', 8), {
    labels: [
      // Start with `url` (case-insensitive).
      'URL_PREFIX',
      'URLCONF',
      // Hold `url` from the start of a word: required first, deprecated last.
      'LMS_ROOT_URL',
      'SECRET_URL_KEY',
      'ZETA_URL',
      'OLD_URL',
      // U…R…L at word starts.
      'USER_RESET_LINK',
      // Anywhere: cUrLy is cut before UNRELATED_LIST, alphabetically.
      'CURLY',
    ],
    isIncomplete: true,
  });
});

test('typed text, every match fits: all matches (and only they), best first, complete', () => {
  const expected = ['URL_PREFIX', 'URLCONF', 'LMS_ROOT_URL', 'SECRET_URL_KEY', 'ZETA_URL', 'OLD_URL', 'USER_RESET_LINK', 'CURLY', 'UNRELATED_LIST'];
  assert.deepEqual(list('url|', 9), { labels: expected, isIncomplete: false });
  assert.deepEqual(list('url|', 14), { labels: expected, isIncomplete: false });
  // Case does not matter, and the word after the cursor does not narrow the match.
  assert.deepEqual(list('URL|', 9).labels, expected);
  assert.deepEqual(list('Url|XYZ', 9).labels, expected);
});

test('typed text: matching is by subsequence, so nothing the editor\'s fuzzy filter would show is missing', () => {
  // `crl` is in CURLY and SECRET_URL_KEY, neither from word starts; `zu` only in ZETA_URL; `q` in nothing.
  assert.deepEqual(list('crl|', 2), { labels: ['SECRET_URL_KEY', 'CURLY'], isIncomplete: false });
  assert.deepEqual(list('zu|', 2), { labels: ['ZETA_URL'], isIncomplete: false });
  assert.deepEqual(list('q|', 2), { labels: [], isIncomplete: false });
});

test('typed text with an underscore matches across words; pieces at word starts beat other subsequences', () => {
  assert.deepEqual(list('root_u|', 1), { labels: ['LMS_ROOT_URL'], isIncomplete: false });
  // `lr`: L and R start words of LMS_ROOT_URL; URL_PREFIX and OLD_URL (deprecated) hold them elsewhere.
  assert.deepEqual(list('lr|', 1), { labels: ['LMS_ROOT_URL'], isIncomplete: true });
  assert.deepEqual(list('lr|', 3), { labels: ['LMS_ROOT_URL', 'URL_PREFIX', 'OLD_URL'], isIncomplete: false });
  assert.deepEqual(list('lru|', 2), { labels: ['LMS_ROOT_URL'], isIncomplete: false });
});

test('typing narrows an incomplete list on each request', () => {
  assert.deepEqual(list('|', 3), { labels: ['LMS_ROOT_URL', 'SECRET_URL_KEY', 'ALPHA'], isIncomplete: true });
  assert.deepEqual(list('u|', 3), { labels: ['UNRELATED_LIST', 'URL_PREFIX', 'URLCONF'], isIncomplete: true });
  assert.deepEqual(list('ur|', 3), { labels: ['URL_PREFIX', 'URLCONF', 'LMS_ROOT_URL'], isIncomplete: true });
  assert.deepEqual(list('urlc|', 3), { labels: ['URLCONF'], isIncomplete: false });
});

test('the key being edited is offered again, and ranked like the others', () => {
  assert.deepEqual(list('ZETA|_URL: y\n', 1), { labels: ['ZETA_URL'], isIncomplete: false });
  assert.deepEqual(list('ZETA_URL: x\nZETA|_URL: y\n', 1), { labels: ['ZETA_URL'], isIncomplete: false });
  // Set on another line and not the word at the cursor: not offered.
  assert.deepEqual(list('ZETA_URL: x\nZETA|\n', 1), { labels: [], isIncomplete: false });
});

test('nested keys are ranked and cut the same way: required, then the others, deprecated last; camelCase words', () => {
  assert.deepEqual(list('SERVICE:\n  |\n', 3), { labels: ['baseUrl', 'timeout', 'url'], isIncomplete: true });
  assert.deepEqual(list('SERVICE:\n  |\n', 4), { labels: ['baseUrl', 'timeout', 'url', 'urlPrefix'], isIncomplete: true });
  // `url`: url and urlPrefix start with it; baseUrl holds it from a camelCase word start; api_url (deprecated) from a word start.
  assert.deepEqual(list('SERVICE:\n  url|\n', 3), { labels: ['url', 'urlPrefix', 'baseUrl'], isIncomplete: true });
  assert.deepEqual(list('SERVICE:\n  url|\n', 4), { labels: ['url', 'urlPrefix', 'baseUrl', 'api_url'], isIncomplete: false });
  // Keys already there are not offered.
  assert.deepEqual(list('SERVICE:\n  baseUrl: x\n  |\n', 2), { labels: ['timeout', 'url'], isIncomplete: true });
});

test('FEATURES keys are ranked and cut the same way, deprecated settings last', () => {
  // Boolean settings not set: ABANDONED (deprecated), ALPHA, BETA, DEBUG.
  assert.deepEqual(list('FEATURES:\n  |\n', 3), { labels: ['ALPHA', 'BETA', 'DEBUG'], isIncomplete: true });
  assert.deepEqual(list('FEATURES:\n  |\n', 4), { labels: ['ALPHA', 'BETA', 'DEBUG', 'ABANDONED'], isIncomplete: false });
  // `b`: BETA starts with it; deBug and aBandoned hold it elsewhere, the deprecated one last.
  assert.deepEqual(list('FEATURES:\n  b|\n', 2), { labels: ['BETA', 'DEBUG'], isIncomplete: true });
  assert.deepEqual(list('FEATURES:\n  b|\n', 3), { labels: ['BETA', 'DEBUG', 'ABANDONED'], isIncomplete: false });
  assert.deepEqual(list('DEBUG: true\nFEATURES:\n  a|\n', 1), { labels: ['ALPHA'], isIncomplete: true });
});

test('a cut list keeps the items lean and the shared itemDefaults', () => {
  const { text, position } = caretPosition('url|');
  const result = completeAt(parseFromScratch(text), position, ranking, { itemDefaults: true, maxItems: 2 });
  assert.deepEqual(result, {
    isIncomplete: true,
    itemDefaults: { editRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } }, data: { parent: [] } },
    items: [
      { label: 'URL_PREFIX', kind: 10, detail: 'string', textEditText: 'URL_PREFIX: ' },
      { label: 'URLCONF', kind: 10, detail: 'string', textEditText: 'URLCONF: ' },
    ],
  });
});

test('a limit below 1 is taken as 1', () => {
  assert.deepEqual(list('|', 0), { labels: ['LMS_ROOT_URL'], isIncomplete: true });
});

test('pieces at word starts may need a shorter first piece: `abcd` is AB + CD in ABC_CD', () => {
  const s = schemaOf({ XABCD: prop('string'), ABC_CD: prop('string'), A_B_C_X: prop('string') });
  // ABC_CD: `abc` from its start leaves `d`, which starts no word; `ab` leaves `cd`, which does.
  assert.deepEqual(list('abcd|', 1, s), { labels: ['ABC_CD'], isIncomplete: true });
  assert.deepEqual(list('abcd|', 2, s), { labels: ['ABC_CD', 'XABCD'], isIncomplete: false });
});

test('a long typed word against long names answers at once (hang guard), still by subsequence', () => {
  const long = `${'A_'.repeat(3_000)}B`;
  const s = schemaOf({ [long]: prop('string'), [`${long}C`]: prop('string'), OTHER: prop('string') });
  const started = performance.now();
  const typed = `${'a'.repeat(300)}b`;
  assert.deepEqual(list(`${typed}|`, 1, s), { labels: [long], isIncomplete: true });
  assert.deepEqual(list(`${typed}|`, 2, s), { labels: [long, `${long}C`], isIncomplete: false });
  assert.ok(performance.now() - started < 2_000, `${performance.now() - started} ms`);
});
