import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { parseFromScratch } from '../../../server/src/yaml';
import { caretPosition } from '../../helpers/caret';
import { demoSchema } from '../../helpers/demoSchema';
import { rangeText } from '../../helpers/diagnostics';

const service = createLanguageService();

test('definition: from a key to the Python line that defines it, in a live schema', () => {
  const schema = demoSchema('/srv/demo');
  const { text, position } = caretPosition('YOUTUBE:\n  TIME|OUT: 1\nPO|RT: 1\n');
  const model = parseFromScratch(text);
  assert.deepEqual(service.definition(model, position, schema), [
    { uri: 'file:///srv/demo/demo/settings/base.py', range: { start: { line: 11, character: 0 }, end: { line: 11, character: 0 } } },
  ]);
});

test('definition: a setting from a base layer links into that layer root', () => {
  const schema = demoSchema('/srv/demo');
  schema['x-openedx-schema'].source.bases = [{ ida: 'django', root: '/usr/lib/python3/dist-packages', files: ['django/conf/global_settings.py'] }];
  const { text, position } = caretPosition('EMAIL_|HOST: x\n');
  assert.deepEqual(service.definition(parseFromScratch(text), position, schema).map((l) => [l.uri, rangeText(l.range)]), [
    ['file:///usr/lib/python3/dist-packages/django/conf/global_settings.py', '199:0-199:0'],
  ]);
});

test('definition: nothing for shipped schemas (no absolute root) or unknown keys', () => {
  const { text, position } = caretPosition('PO|RT: 1\n');
  assert.deepEqual(service.definition(parseFromScratch(text), position, demoSchema()), []);
  const unknown = caretPosition('NOPE|: 1\n');
  assert.deepEqual(service.definition(parseFromScratch(unknown.text), unknown.position, demoSchema('/srv/demo')), []);
});

function outline(symbols: DocumentSymbol[]): unknown[] {
  return symbols.map((s) => [s.name, s.kind, rangeText(s.range), rangeText(s.selectionRange), ...(s.children ? [outline(s.children)] : [])]);
}

test('document symbols: top-level keys with nested mapping keys as children', () => {
  const model = parseFromScratch('# c\nPORT: 1\nYOUTUBE:\n  API: x\n  T:\n    a: true\nHOSTS:\n- a\nNAME:\n');
  assert.deepEqual(outline(service.documentSymbols(model)), [
    ['PORT', SymbolKind.Number, '1:0-1:7', '1:0-1:4'],
    ['YOUTUBE', SymbolKind.Module, '2:0-6:0', '2:0-2:7', [
      ['API', SymbolKind.String, '3:2-3:8', '3:2-3:5'],
      ['T', SymbolKind.Module, '4:2-6:0', '4:2-4:3', [['a', SymbolKind.Boolean, '5:4-5:11', '5:4-5:5']]],
    ]],
    ['HOSTS', SymbolKind.Array, '6:0-8:0', '6:0-6:5'],
    ['NAME', SymbolKind.Null, '8:0-8:5', '8:0-8:4'],
  ]);
});
