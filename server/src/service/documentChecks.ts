/**
 * Checks that need the whole document: extra YAML documents, aliases to missing anchors,
 * duplicate top-level keys, missing required keys, and the confirmation of per-entry findings
 * that depend on other entries (conditions), the file (development or not) or the date.
 * All of them run on per-entry summaries, never on a re-parse.
 */
import { isMap, isScalar, isSeq, type Node } from 'yaml';
import { aliasLookup, entriesWithKey, isTruthy, keyText, mergeMessage, nodeKindWord, repeatedKeys, resolveScalar, unhashableMessage, type AliasRole, type YamlModel } from '../yaml';
import { conditionNames, evaluateCondition, formatCondition, type Truth } from './conditions';
import { RULES } from './rules';
import type { SchemaIndex } from './schemaIndex';
import type { Finding } from './types';

/** Syntax errors shown per document; garbage input would otherwise produce thousands. */
export const MAX_SYNTAX_FINDINGS = 100;

/** Syntax problems of every segment, placed, plus extra-document and unknown-alias problems. */
export function syntaxFindings(model: YamlModel, out: Finding[]): void {
  const lookup = aliasLookup(model);
  let reportedExtraDocument = false;
  let shown = 0;
  let hidden = 0;
  let firstHidden: Finding | undefined;
  const add = (f: Finding): void => {
    if (f.rule !== 'yaml-syntax' || shown < MAX_SYNTAX_FINDINGS) {
      if (f.rule === 'yaml-syntax') shown++;
      out.push(f);
      return;
    }
    hidden++;
    firstHidden ??= f;
  };
  for (let i = 0; i < model.segments.length; i++) {
    const segment = model.segments[i];
    const base = model.segmentStarts[i];
    for (const p of segment.problems) add({ rule: p.rule, start: base + p.start, end: base + p.end, message: p.message });
    for (const alias of segment.aliases) {
      const target = lookup(alias.name, i, alias.start);
      if (target !== undefined) {
        const message = aliasRoleProblem(alias.role, target);
        if (message !== undefined) add({ rule: 'yaml-syntax', start: base + alias.start, end: base + alias.end, message });
        continue;
      }
      add({
        rule: 'yaml-syntax',
        start: base + alias.start,
        end: base + alias.end,
        message: RULES['yaml-syntax'].message({ message: `Unknown alias \`*${alias.name}\`: no anchor \`&${alias.name}\` is defined before it.` }),
      });
    }
    if (!reportedExtraDocument && model.segmentDocuments[i] > 0 && (segment.hasContent || segment.kind === 'marker')) {
      reportedExtraDocument = true;
      const end = model.lines.lineEnd(model.lines.lineAt(base));
      add({
        rule: 'yaml-syntax',
        start: base,
        end: Math.max(end, base),
        message: "This file holds more than one YAML document; PyYAML's safe_load reads exactly one (\"expected a single document in the stream\").",
      });
    }
  }
  const encoding = encodingFinding(model);
  if (encoding !== undefined) add(encoding);
  if (firstHidden !== undefined) {
    out.push({
      ...firstHidden,
      severity: 'information',
      message: `${hidden} more syntax ${hidden === 1 ? 'error is' : 'errors are'} not shown (only the first ${MAX_SYNTAX_FINDINGS} are).`,
    });
  }
}

/**
 * Bytes that are not UTF-8, which PyYAML refuses (it stops at the first one, and so does this).
 * When the caller decoded the file (the CLI), it knows where they are: an error. An editor's text
 * was decoded by the client, which put U+FFFD in their place; a real U+FFFD is valid, so the first
 * one is only a warning.
 */
function encodingFinding(model: YamlModel): Finding | undefined {
  const decoded = model.options.decoded;
  if (decoded !== undefined) {
    const at = decoded.invalidAt;
    if (at === undefined) return undefined;
    const byte = `0x${(decoded.byte ?? 0).toString(16).toUpperCase().padStart(2, '0')}`;
    return {
      rule: 'yaml-syntax',
      start: at,
      end: Math.min(at + 1, model.text.length),
      message: `The file is not valid UTF-8 here (byte ${byte}): PyYAML refuses to load it ("'utf-8' codec can't decode byte ${byte.toLowerCase()}").`,
    };
  }
  const at = model.text.indexOf('\uFFFD');
  if (at < 0) return undefined;
  return {
    rule: 'yaml-syntax',
    severity: 'warning',
    start: at,
    end: at + 1,
    message: 'U+FFFD (replacement character): the editor shows it for bytes that are not valid UTF-8, which PyYAML refuses to load; check the file\'s encoding (a real U+FFFD character is accepted).',
  };
}

/**
 * What PyYAML's safe loader says of an alias in a place where it needs a mapping (a merge value or
 * merge list item) or anything but a collection (a key), once the alias is resolved; `undefined` when it is fine.
 */
function aliasRoleProblem(role: AliasRole | undefined, target: Node): string | undefined {
  if (role === undefined) return undefined;
  if (role === 'key') return isMap(target) || isSeq(target) ? unhashableMessage(isSeq(target) ? 'sequence' : 'mapping') : undefined;
  return isMap(target) ? undefined : mergeMessage(role, nodeKindWord(target));
}

/** Later occurrences of a top-level key (per YAML document). Skipped in templated files with control statements. */
export function duplicateFindings(model: YamlModel, out: Finding[]): void {
  const repeated = repeatedKeys(model);
  if (repeated.size === 0 || model.segments.some((s) => s.hasTemplateControl)) return;
  for (const key of repeated.keys()) {
    const first = new Map<number, number>();
    for (const entry of entriesWithKey(model, key)) {
      if (entry.pair.templatedKey || entry.pair.incomplete) continue;
      // Pairs after the first of a broken segment are the parser's recovery, not the author's keys.
      if (entry.pair !== entry.segment.pairs[0] && entry.segment.problems.some((p) => p.rule === 'yaml-syntax')) continue;
      const seen = first.get(entry.documentIndex);
      if (seen === undefined) {
        first.set(entry.documentIndex, entry.keyRange.start);
        continue;
      }
      out.push({
        rule: 'duplicate-key',
        start: entry.keyRange.start,
        end: entry.keyRange.end,
        message: RULES['duplicate-key'].message({ key: entry.key, firstLine: model.lines.lineAt(seen) }),
        data: { key: entry.key },
      });
    }
  }
}

/** One finding on the first line naming every required key the file does not set. */
export function missingRequiredFinding(model: YamlModel, index: SchemaIndex, out: Finding[]): void {
  if (index.required.length === 0) return;
  // A template line (`{{ patch(...) }}`, `{% include %}`) may provide any key.
  if (model.segments.some((s) => s.hasTemplateLine)) return;
  const missing = index.required.filter((r) => entriesWithKey(model, r.name).length === 0 && !setInFeatures(model, r.name)).map((r) => r.name);
  if (missing.length === 0) return;
  out.push({
    rule: 'missing-required',
    start: 0,
    end: model.lines.lineEnd(0),
    message: RULES['missing-required'].message({ keys: missing }),
    data: { missing },
  });
}

function setInFeatures(model: YamlModel, name: string): boolean {
  return featureValue(model, name) !== undefined;
}

/** The node a `FEATURES:` mapping of the file gives `name`, if any. */
function featureValue(model: YamlModel, name: string): Node | null | undefined {
  const features = entriesWithKey(model, 'FEATURES');
  for (let i = features.length - 1; i >= 0; i--) {
    const value = features[i].value;
    if (value === null || !isMap(value)) continue;
    for (let p = value.items.length - 1; p >= 0; p--) {
      const pair = value.items[p];
      if (keyText(pair.key, '') === name) return (pair.value as Node | null) ?? null;
    }
  }
  return undefined;
}

/** Python truthiness of a node as loaded (`undefined` for aliases and other unknowns). */
function truthOfNode(node: Node | null): Truth {
  if (node === null) return false;
  if (isScalar(node)) return isTruthy(resolveScalar(node));
  if (isMap(node) || isSeq(node)) return node.items.length > 0;
  return undefined;
}

/** What the file sets `name` to (top level, else a FEATURES entry); `undefined` when it does not. */
export function fileTruth(model: YamlModel, name: string): Truth {
  const entries = entriesWithKey(model, name);
  if (entries.length > 0) return truthOfNode(entries[entries.length - 1].value);
  const feature = featureValue(model, name);
  return feature === undefined ? undefined : truthOfNode(feature);
}

/**
 * Confirms a pending finding, or returns `undefined` to drop it.
 * `today` is `YYYY-MM-DD`; `development` says whether placeholder secrets are expected here.
 */
export function confirmPending(finding: Finding, model: YamlModel, index: SchemaIndex, today: string, development: boolean): Finding | undefined {
  const pending = finding.pending;
  if (pending === undefined) return finding;
  switch (pending.kind) {
    case 'date':
      return pending.date < today.slice(0, pending.date.length) ? finding : undefined;
    case 'production-only':
      return development ? undefined : finding;
    case 'condition': {
      const names = conditionNames(pending.condition);
      const offBy = names.find((n) => fileTruth(model, n) === false);
      if (offBy === undefined) return undefined;
      const value = evaluateCondition(pending.condition, (n) => fileTruth(model, n) ?? defaultTruth(index, n));
      if (value !== false) return undefined;
      const key = finding.data?.key ?? '';
      return { ...finding, message: RULES['conditional-key'].message({ key, condition: formatCondition(pending.condition), setting: offBy }) };
    }
  }
}

/** Truthiness of a setting's literal default (unknown when it has none). */
function defaultTruth(index: SchemaIndex, name: string): Truth {
  const prop = index.property(name);
  if (prop === undefined || !Object.hasOwn(prop, 'default')) return undefined;
  const d = prop.default;
  if (d === null || d === false || d === 0 || d === '') return false;
  if (Array.isArray(d)) return d.length > 0;
  if (typeof d === 'object') return Object.keys(d).length > 0;
  return true;
}
