import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Diagnostic } from 'vscode-languageserver-types';
import { createLanguageService } from '../../../server/src/service';
import { applyEdit, parseFromScratch, type YamlModel } from '../../../server/src/yaml';
import { corpusFiles } from '../../helpers/corpus';
import { demoSchema } from '../../helpers/demoSchema';
import { prop, schemaOf } from '../../helpers/schema';

const schema = demoSchema();
const service = createLanguageService();

/** Runs every feature once and checks that nothing throws and every range is inside the document. */
function exercise(model: YamlModel, s = schema): Diagnostic[] {
  const diagnostics = service.validate(model, s);
  const end = model.lines.positionAt(model.text.length);
  const inside = (p: { line: number; character: number }): boolean => p.line < end.line || (p.line === end.line && p.character <= end.character);
  for (const d of diagnostics) assert.ok(inside(d.range.start) && inside(d.range.end), JSON.stringify(d.range));
  const probes = [0, Math.floor(model.text.length / 2), model.text.length].map((o) => model.lines.positionAt(o));
  for (const p of probes) {
    service.complete(model, p, s);
    service.hover(model, p, s);
    service.definition(model, p, s);
  }
  service.documentSymbols(model);
  service.codeActions(model, { start: probes[0], end: probes[2] }, diagnostics, s);
  return diagnostics;
}

test('a 10 MB file: calm degraded mode with one information, fast, still editable', () => {
  const [, mock] = corpusFiles(false).find(([n]) => n.endsWith('lms/mock.yml')) as [string, string];
  let text = '';
  for (let i = 0; text.length < 10_000_000; i++) text += mock.replace(/^([A-Z])/gm, `K${i}_$1`);
  const started = Date.now();
  const model = parseFromScratch(text);
  const diagnostics = exercise(model);
  assert.equal(diagnostics[0].code, 'file-too-large');
  assert.match(String(diagnostics[0].message), /^File too large \(\d+\.\d MB, limit 1\.0 MB\): YAML syntax is not checked \(only characters PyYAML refuses are\), and settings are not validated\.$/);
  const edited = applyEdit(model, [{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, text: 'X' }]);
  assert.equal(edited.degraded?.reason, 'too-large');
  assert.ok(Date.now() - started < 5_000, `took ${Date.now() - started} ms`);
});

test('10,000-deep flow nesting and 1,000-deep block nesting never throw', () => {
  exercise(parseFromScratch(`PORT: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`));
  exercise(parseFromScratch(`YOUTUBE: ${'{a: '.repeat(10_000)}1${'}'.repeat(10_000)}\n`));
  let block = 'YOUTUBE:\n';
  for (let i = 1; i <= 1_000; i++) block += `${' '.repeat(i)}k${i}:\n`;
  const model = parseFromScratch(block);
  exercise(model);
  assert.ok(service.hover(model, { line: 900, character: 901 }, schema) === null || true);
});

test('an alias bomb ("billion laughs") is parsed and validated in bounded time', () => {
  let text = 'L0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n';
  for (let i = 1; i <= 9; i++) text += `L${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(', ')}]\n`;
  text += 'PORT: *a9\nHOSTS: *a9\n';
  const started = Date.now();
  const bomb = schemaOf({ PORT: prop('integer'), HOSTS: prop('array', { items: { type: 'string' } }) });
  exercise(parseFromScratch(text), bomb);
  assert.ok(Date.now() - started < 2_000);
});

test('binary garbage and invalid UTF-8 give a few syntax errors, never an exception', () => {
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const garbage = Array.from({ length: 200_000 }, () => String.fromCharCode(Math.floor(random() * 256))).join('');
  const diagnostics = exercise(parseFromScratch(garbage));
  const syntax = diagnostics.filter((d) => d.code === 'yaml-syntax');
  assert.equal(syntax.length, 101);
  assert.match(String(syntax[100].message), /^\d+ more syntax errors are not shown \(only the first 100 are\)\.$/);
  exercise(parseFromScratch('A: \uFFFD\uFFFD\nB: "\uD800"\n'));
});

test('BOM, CRLF, tabs and several documents: exact positions', () => {
  const model = parseFromScratch('\uFEFFSECRET_KEY: x\r\nLMS_ROOT_URL: y\r\nPORT: ten\r\nYOUTUBE:\r\n\tAPI: x\r\n---\r\nA: 1\r\n');
  const diagnostics = exercise(model).map((d) => [d.code, d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character]);
  assert.deepEqual(diagnostics, [
    ['type-mismatch', 2, 6, 2, 9],
    ['yaml-syntax', 4, 0, 4, 1],
    ['yaml-syntax', 5, 0, 5, 3],
    ['unknown-key', 6, 0, 6, 1],
  ]);
});

test('empty and whitespace-only documents', () => {
  for (const text of ['', '\n', '   ', '# only a comment\n', '---\n', '...\n']) {
    const diagnostics = exercise(parseFromScratch(text)).map((d) => d.code);
    assert.deepEqual(diagnostics, ['missing-required'], JSON.stringify(text));
  }
});
