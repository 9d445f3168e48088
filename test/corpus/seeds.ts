/**
 * Seeded mistakes in in-memory copies of corpus files: a value whose type is flipped, a key
 * misspelled by one letter, a required key deleted. Candidates are chosen from the file and its
 * shipped schema by fixed rules (first eligible entry), never by trying until a test passes.
 */
import { isScalar } from 'yaml';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { IdaSchema, PropertySchema } from '../../server/src/schema/format';
import { isInferredOnly } from '../../server/src/service/checkValue';
import { conditionNames as namesIn } from '../../server/src/service/conditions';
import { editDistance } from '../../server/src/service/suggest';
import { parseFromScratch, type TopLevelEntry, type YamlModel } from '../../server/src/yaml';

/** A seeded copy: its text and what the checker must say about it. */
export interface Seed {
  kind: 'type' | 'misspelling' | 'deletion';
  /** What was done, for messages. */
  what: string;
  text: string;
  /** 0-based line where the new diagnostic must be. */
  line: number;
  rule: string;
  /** The key concerned. */
  key: string;
  /** Lines removed from the copy (deletion): diagnostics after them move up by this much. */
  removedLines?: { from: number; count: number };
  /**
   * The severity the new diagnostic must have (type): an error for a declared or read type, a
   * warning for one known from a default's literal only, information for a list given where that
   * default is a scalar (docs/rules.md, "Evidence for types").
   */
  severity?: DiagnosticSeverity;
}

/** Replacement values that PyYAML can never load as the named type. */
const WRONG_VALUE: Readonly<Record<string, string>> = {
  string: '[1, 2]',
  boolean: 'not-a-boolean',
  integer: 'not-a-number',
  number: 'not-a-number',
};

function singleType(prop: PropertySchema | undefined): string | undefined {
  const t = prop?.type;
  return typeof t === 'string' && Object.hasOwn(WRONG_VALUE, t) ? t : undefined;
}

function property(schema: IdaSchema, key: string): PropertySchema | undefined {
  return Object.hasOwn(schema.properties, key) ? schema.properties[key] : undefined;
}

/** Top-level entries of the first YAML document, outside templates. */
function entries(model: YamlModel): TopLevelEntry[] {
  return model.entries.filter((e) => e.documentIndex === 0 && !e.pair.templatedKey && !e.pair.incomplete);
}

/** Whether any diagnostic lies on the entry's lines. */
function hasDiagnostics(model: YamlModel, entry: TopLevelEntry, diagnostics: readonly Diagnostic[]): boolean {
  const first = model.lines.lineAt(entry.range.start);
  const last = model.lines.lineAt(Math.max(entry.range.start, entry.range.end - 1));
  return diagnostics.some((d) => d.range.start.line >= first && d.range.start.line <= last);
}

/** Settings other settings' conditions read: misspelling them would change unrelated diagnostics. */
function conditionNames(schema: IdaSchema): Set<string> {
  const out = new Set<string>();
  for (const prop of Object.values(schema.properties)) {
    for (const role of prop['x-openedx']?.roles ?? []) if (role.kind === 'conditional') for (const name of namesIn(role.condition)) out.add(name);
  }
  return out;
}

/**
 * (a) The first top-level entry whose setting has one known scalar type, whose value is a plain
 * scalar on the key's line (not templated), and which has no diagnostics: its value replaced by
 * one of another type.
 */
export function flipType(text: string, schema: IdaSchema, diagnostics: readonly Diagnostic[]): Seed | undefined {
  const model = parseFromScratch(text);
  for (const entry of entries(model)) {
    const type = singleType(property(schema, entry.key));
    const value = entry.value;
    if (type === undefined || value === null || !isScalar(value) || value.range === undefined || value.range === null) continue;
    const start = entry.base + value.range[0];
    const end = entry.base + value.range[1];
    const line = model.lines.lineAt(start);
    if (line !== model.lines.lineAt(entry.keyRange.start) || text.slice(start, end).includes('{{') || hasDiagnostics(model, entry, diagnostics)) continue;
    const inferred = isInferredOnly(property(schema, entry.key) as PropertySchema);
    const severity = !inferred ? DiagnosticSeverity.Error : type === 'string' ? DiagnosticSeverity.Information : DiagnosticSeverity.Warning;
    return { kind: 'type', what: `${entry.key}: ${WRONG_VALUE[type]} (a ${type} setting)`, text: text.slice(0, start) + WRONG_VALUE[type] + text.slice(end), line, rule: 'type-mismatch', key: entry.key, severity };
  }
  return undefined;
}

/**
 * (b) The first known, optional top-level key of 8+ characters with no diagnostics, that no
 * condition reads and that is not `FEATURES`, misspelled by dropping one letter in its middle —
 * chosen so that the intended key is the only known one within one edit.
 */
export function misspellKey(text: string, schema: IdaSchema, diagnostics: readonly Diagnostic[]): Seed | undefined {
  const model = parseFromScratch(text);
  const names = Object.keys(schema.properties);
  const required = new Set(schema.required);
  const conditions = conditionNames(schema);
  const present = new Set(model.entries.map((e) => e.key));
  for (const entry of entries(model)) {
    const key = entry.key;
    if (key.length < 8 || key === 'FEATURES' || required.has(key) || conditions.has(key) || property(schema, key) === undefined || hasDiagnostics(model, entry, diagnostics)) continue;
    const middle = Math.floor(key.length / 2);
    const typo = key.slice(0, middle) + key.slice(middle + 1);
    if (present.has(typo) || names.some((n) => n !== key && editDistance(n, typo, 1) <= 1)) continue;
    const start = entry.keyRange.start;
    return {
      kind: 'misspelling',
      what: `${key} → ${typo}`,
      text: text.slice(0, start) + typo + text.slice(entry.keyRange.end),
      line: model.lines.lineAt(start),
      rule: 'unknown-key',
      key,
    };
  }
  return undefined;
}

/**
 * (c) The first required top-level key present in the file, its whole entry (all its lines)
 * deleted. Not in templates with a line of their own (`{{ patch(...) }}`, `{% include %}`): such a
 * line may provide any key, so a missing key is not reported there (and must not be).
 */
export function deleteRequired(text: string, schema: IdaSchema): Seed | undefined {
  const model = parseFromScratch(text);
  if (model.segments.some((s) => s.hasTemplateLine || s.kind === 'template')) return undefined;
  const required = new Set(schema.required);
  for (const entry of entries(model)) {
    if (!required.has(entry.key) || model.entries.filter((e) => e.key === entry.key).length > 1) continue;
    const first = model.lines.lineAt(entry.range.start);
    const last = model.lines.lineAt(Math.max(entry.range.start, entry.range.end - 1));
    const from = model.lines.lineStart(first);
    const to = last + 1 < model.lines.lineCount ? model.lines.lineStart(last + 1) : text.length;
    return {
      kind: 'deletion',
      what: `${entry.key} deleted (lines ${first + 1}–${last + 1})`,
      text: text.slice(0, from) + text.slice(to),
      line: 0,
      rule: 'missing-required',
      key: entry.key,
      removedLines: { from: first, count: last - first + 1 },
    };
  }
  return undefined;
}
