/**
 * Shared helpers of the extractor tests: where the fixtures are, extraction of a fixture
 * folder or of in-memory sources, and compact views of a catalog for exact comparisons.
 */
import * as path from 'node:path';
import assert from 'node:assert/strict';
import type { Catalog, DocSource, ExtractionProblem, JsonType, JsonValue, Setting, SettingType, YamlRole } from '../../../server/src/catalog/types';
import type { DetectedIda } from '../../../server/src/extractor/api';
import { extractFolder, extractIda, type ExtractionResult } from '../../../server/src/extractor/extract';
import { fileSystemReader } from '../../../server/src/extractor/sourceReader';

/** The repository root (tests run compiled, from `out/test/unit/extractor/`). */
export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** Absolute path of a folder or file under the repository root, from POSIX segments. */
export function repoPath(...segments: string[]): string {
  return path.join(REPO_ROOT, ...segments);
}

/** Absolute path under `test/fixtures/extractor/`. */
export function fixturePath(...segments: string[]): string {
  return repoPath('test', 'fixtures', 'extractor', ...segments);
}

/** Extracts an IDA from a folder, failing the test when nothing is found there. */
export async function extractFrom(folder: string, ida?: string): Promise<ExtractionResult> {
  const result = await extractFolder(folder, ida);
  assert.ok(result, `no settings sources found in ${folder}`);
  return result;
}

/**
 * Extracts in-memory Python sources, as an IDA of the given layout whose entry modules are
 * `entryFiles` (POSIX paths, keys of `files`). Nothing on disk is read.
 */
export async function extractSources(
  files: Record<string, string>,
  entryFiles: string[],
  extra: Partial<DetectedIda> = {},
): Promise<Catalog> {
  const root = path.join(REPO_ROOT, 'no-such-folder-in-memory-only');
  const ida: DetectedIda = { ida: 'mem', layout: 'ida', root, entryFiles, ...extra };
  const reader = fileSystemReader(root, undefined, new Map(Object.entries(files)));
  return (await extractIda(ida, {}, reader)).catalog;
}

/** The type facts of a setting, the way the tests write them. */
export function json(types: JsonType[], nullable = false, from: SettingType['from'] = 'literal'): SettingType {
  return { kind: 'json', types, nullable, from };
}

/** A computed type (`Derived`, a call, …). */
export const COMPUTED: SettingType = { kind: 'computed', types: [], nullable: false, from: 'none' };

/** An unknown type; `nullable` for a bare `None` default. */
export function unknown(nullable: boolean): SettingType {
  return { kind: 'unknown', types: [], nullable, from: 'none' };
}

/** One row of the main comparison: what the setting is and its default. */
export interface SettingRow {
  name: string;
  path: string[];
  type: SettingType;
  default?: JsonValue;
}

/** A row; `default` is left out when the setting has no literal default. */
export function row(name: string, type: SettingType, ...rest: [] | [JsonValue]): SettingRow {
  return { name, path: [name], type, ...(rest.length === 1 ? { default: rest[0] } : {}) };
}

/** A row for a documented key inside a dict setting. */
export function nestedRow(keyPath: string[], type: SettingType, ...rest: [] | [JsonValue]): SettingRow {
  return { name: keyPath[0], path: keyPath, type, ...(rest.length === 1 ? { default: rest[0] } : {}) };
}

/** The catalog as rows, in catalog order. */
export function rows(catalog: Catalog): SettingRow[] {
  return catalog.settings.map((s) => ({ name: s.name, path: s.path, type: s.type, ...('default' in s ? { default: s.default } : {}) }));
}

function key(s: Setting): string {
  return s.path.join('.');
}

/** Documentation of every documented setting: path → [source, description, first comment line]. */
export function docs(catalog: Catalog): Record<string, [DocSource, string, number]> {
  const out: Record<string, [DocSource, string, number]> = {};
  for (const s of catalog.settings) if (s.doc) out[key(s)] = [s.doc.source, s.doc.description, s.doc.line];
  return out;
}

/** Origins of every setting: path → `file:line:column`. */
export function origins(catalog: Catalog): Record<string, string> {
  const out: Record<string, string> = {};
  for (const s of catalog.settings) out[key(s)] = `${s.origin.file}:${s.origin.line}:${s.origin.column}`;
  return out;
}

/** YAML roles of the settings that have any: path → roles. */
export function roles(catalog: Catalog): Record<string, YamlRole[]> {
  const out: Record<string, YamlRole[]> = {};
  for (const s of catalog.settings) if (s.roles.length > 0) out[key(s)] = s.roles;
  return out;
}

/** Code outside the settings modules that reads or sets each setting that has any: path → `package how file:line`. */
export function readers(catalog: Catalog): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of catalog.settings) if (s.readers) out[key(s)] = s.readers.map((r) => `${r.package}${r.version !== undefined ? ` ${r.version}` : ''} ${r.how} ${r.file}:${r.line}`);
  return out;
}

/** Paths of the required settings. */
export function required(catalog: Catalog): string[] {
  return catalog.settings.filter((s) => s.required).map(key);
}

/** `computedFrom` of the settings that have it: path → names. */
export function computedFrom(catalog: Catalog): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const s of catalog.settings) if (s.computedFrom) out[key(s)] = s.computedFrom;
  return out;
}

/** A problem without its message: `[code, file, line, column]`. */
export type ProblemRow = [ExtractionProblem['code'], string, number, number];

/** The problems as rows, in report order. */
export function problems(catalog: Catalog): ProblemRow[] {
  return catalog.problems.map((p) => [p.code, p.file, p.line, p.column]);
}

/** The setting at a dotted path; fails the test when it is missing. */
export function setting(catalog: Catalog, dotted: string): Setting {
  const s = catalog.settings.find((x) => key(x) === dotted);
  assert.ok(s, `no setting ${dotted}`);
  return s;
}
