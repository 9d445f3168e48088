/**
 * Completion, hover, code actions and document symbols over the protocol, with the shipped LMS
 * schema (the expected texts are derived from `schemas/lms.json`, so a regenerated schema does
 * not break them).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionResolveRequest, MarkupKind, type CompletionItem, type CompletionList, type Hover } from 'vscode-languageserver-protocol';
import type { IdaSchema } from '../../server/src/schema/format';
import { LspClient, REPO_ROOT } from './harness';
import { removeWorkspace, tempWorkspace } from './workspace';

const shippedLms = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'schemas', 'lms.json'), 'utf8')) as IdaSchema;
const gradebook = shippedLms.properties.GRADEBOOK_FREEZE_DAYS['x-openedx']!.origin;
const revision = shippedLms['x-openedx-schema'].source;

const TEXT = ['PLATFORM_NAME: Example Learning', 'ENABLE_MASQUERADE: "false"', 'SESSION_COOKIE_DOMAN: .example.com', 'GRADEBOOK_FREEZE_DAYS: 30', '', ''].join('\n');

let ws: string;
let client: LspClient;
let uri: string;

before(async () => {
  ws = tempWorkspace('features');
  client = await LspClient.start({ workspaceFolders: [ws] });
  uri = await client.open(path.join(ws, 'lms.yml'), TEXT);
  await client.diagnosticsFor(uri, 1);
});

after(async () => {
  await client.stop();
  removeWorkspace(ws);
});

function labels(result: CompletionList | CompletionItem[] | null): string[] {
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  return items.map((i) => i.label);
}

function markdown(hover: Hover | null): string {
  const contents = hover?.contents;
  assert.ok(contents !== undefined && typeof contents === 'object' && 'kind' in contents, 'markdown hover');
  assert.equal(contents.kind, MarkupKind.Markdown);
  return contents.value;
}

test('completion on an empty line: the first 100 keys not yet present, required ones first, marked incomplete', async () => {
  const result = await client.completion(uri, 4, 0);
  assert.ok(result !== null && !Array.isArray(result));
  const items = result.items;
  // The keys TEXT does not set, in the order a cut list keeps them: required, then the others
  // alphabetically (case-insensitive), deprecated ones last.
  const set = new Set(['PLATFORM_NAME', 'ENABLE_MASQUERADE', 'SESSION_COOKIE_DOMAN', 'GRADEBOOK_FREEZE_DAYS']);
  const group = (k: string): number =>
    (shippedLms.required.includes(k) || shippedLms.properties[k]['x-openedx']?.required !== undefined ? 0 : 2) + (shippedLms.properties[k].deprecated === true ? 1 : 0);
  const expected = Object.keys(shippedLms.properties)
    .filter((k) => !set.has(k))
    .sort((a, b) => group(a) - group(b) || (a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0))
    .slice(0, 100);
  assert.ok(Object.keys(shippedLms.properties).length - set.size > 100, 'the shipped LMS schema has more settings than one answer holds');
  assert.deepEqual([labels(result), result.isIncomplete], [expected, true]);
  assert.equal(labels(result)[0], 'LMS_ROOT_URL');
  const first = [...items].sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1))[0];
  assert.equal(first.label, 'LMS_ROOT_URL');
});

test('completion narrows on the server as the user types: every match when they fit, complete', async () => {
  const v = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'SESSION_COOKIE_' }]);
  await client.diagnosticsFor(uri, v);
  const result = await client.completion(uri, 4, 15);
  assert.ok(result !== null && !Array.isArray(result));
  // Every unset key holding S, E, S, S, I, O, N, _, C, O, O, K, I, E, _ in order (fewer than 100), those starting with it first.
  const matches = (k: string): boolean => {
    let at = 0;
    for (const c of 'session_cookie_') if ((at = k.toLowerCase().indexOf(c, at) + 1) === 0) return false;
    return true;
  };
  const expected = Object.keys(shippedLms.properties).filter((k) => k !== 'SESSION_COOKIE_DOMAN' && matches(k));
  assert.ok(expected.length > 0 && expected.length <= 100);
  assert.deepEqual([[...labels(result)].sort(), result.isIncomplete], [expected.sort(), false]);
  const starting = expected.filter((k) => k.startsWith('SESSION_COOKIE_'));
  assert.deepEqual(labels(result).slice(0, starting.length).sort(), starting.sort());
  for (const name of ['SESSION_COOKIE_DOMAIN', 'SESSION_COOKIE_NAME']) assert.ok(labels(result).includes(name), name);
  const back = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 15 } }, text: '' }]);
  await client.diagnosticsFor(uri, back);
});

test('completion after a partial word, and of values', async () => {
  const v = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 0 } }, text: 'SESSION_COOKIE_SEC' }]);
  await client.diagnosticsFor(uri, v);
  assert.ok(labels(await client.completion(uri, 4, 18)).includes('SESSION_COOKIE_SECURE'));
  assert.deepEqual(labels(await client.completion(uri, 1, 19)), ['true', 'false']);
  const back = await client.change(uri, [{ range: { start: { line: 4, character: 0 }, end: { line: 4, character: 18 } }, text: '' }]);
  await client.diagnosticsFor(uri, back);
});

test('completionItem/resolve fills in the documentation', async () => {
  const result = await client.completion(uri, 4, 0);
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  const item = items.find((i) => i.label === 'LMS_ROOT_URL');
  assert.ok(item);
  const resolved = await client.connection.sendRequest(CompletionResolveRequest.type, item);
  const doc = resolved.documentation;
  assert.ok(doc !== undefined && typeof doc === 'object' && doc.value.includes('**`LMS_ROOT_URL`**'));
});

test('hover on a key: name, type, default and origin, as Markdown', async () => {
  const text = markdown(await client.hover(uri, 3, 5));
  assert.ok(text.includes('**`GRADEBOOK_FREEZE_DAYS`** · `integer`'), text);
  assert.ok(text.includes('```yaml\nGRADEBOOK_FREEZE_DAYS: 30\n```'), text);
  // The shipped schema's pinned file: its permalink at the commit it was read at.
  const pin = revision.pinned?.find((p) => p.path === gradebook.file);
  assert.ok(pin !== undefined && revision.repo === 'openedx/openedx-platform');
  assert.ok(
    text.endsWith(`Defined in [${gradebook.file}:${gradebook.line}](https://github.com/openedx/openedx-platform/blob/${pin.commit}/${gradebook.file}#L${gradebook.line}) (openedx/openedx-platform@${pin.commit.slice(0, 7)})`),
    text,
  );
  assert.equal(await client.hover(uri, 4, 0), null, 'nothing on an empty line');
});

test('code actions: the suggested key, a converted value, the missing required key', async () => {
  const published = (client.published.get(uri) ?? []).at(-1)!;
  const unknown = published.diagnostics.find((d) => d.code === 'unknown-key')!;
  const actions = await client.codeActions(uri, unknown.range, [unknown]);
  assert.deepEqual(
    actions?.map((a) => ('edit' in a ? [a.title, a.kind, a.edit?.changes?.[uri]] : [a.title])),
    [['Change to `SESSION_COOKIE_DOMAIN`', 'quickfix', [{ range: { start: { line: 2, character: 0 }, end: { line: 2, character: 20 } }, newText: 'SESSION_COOKIE_DOMAIN' }]]],
  );
  const mismatch = published.diagnostics.find((d) => d.code === 'type-mismatch')!;
  const convert = await client.codeActions(uri, mismatch.range, [mismatch]);
  assert.deepEqual(convert?.map((a) => ('edit' in a ? [a.title, a.edit?.changes?.[uri]] : [a.title])), [
    ['Convert to boolean false', [{ range: { start: { line: 1, character: 19 }, end: { line: 1, character: 26 } }, newText: 'false' }]],
  ]);
  const missing = published.diagnostics.find((d) => d.code === 'missing-required')!;
  const insert = await client.codeActions(uri, missing.range, [missing]);
  assert.equal(insert?.[0]?.title, 'Insert the missing required setting `LMS_ROOT_URL`');
});

test('document symbols: the top-level keys', async () => {
  const symbols = await client.documentSymbols(uri);
  assert.deepEqual(symbols?.map((s) => s.name), ['PLATFORM_NAME', 'ENABLE_MASQUERADE', 'SESSION_COOKIE_DOMAN', 'GRADEBOOK_FREEZE_DAYS']);
});

test('definition needs a live schema: none for a shipped one', async () => {
  assert.deepEqual(await client.definition(uri, 3, 5), []);
});
