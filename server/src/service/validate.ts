/**
 * `validate`: gathers syntax findings, cached per-entry findings and document-level findings,
 * confirms the pending ones, applies severities, the allowlist and `disable` comments, and
 * places everything as LSP diagnostics.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import type { IdaSchema } from '../schema/format';
import { isSuppressed, presentKeys, suppressionsOf, toRange, type YamlModel } from '../yaml';
import { confirmPending, duplicateFindings, missingRequiredFinding, syntaxFindings } from './documentChecks';
import { segmentFindings } from './entryFindings';
import { RULES, type RuleSeverity } from './rules';
import { schemaIndex } from './schemaIndex';
import type { DiagnosticData, Finding, ValidationSettings } from './types';
import { environmentFromPath } from './environment';

/** The `source` of every diagnostic of this service. */
export const DIAGNOSTIC_SOURCE = 'openedx-config';

const SEVERITY: Readonly<Record<RuleSeverity, DiagnosticSeverity>> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Validates `model` against `schema` (syntax only when there is none). */
export function validateModel(model: YamlModel, schema: IdaSchema | undefined, settings: ValidationSettings, now: Date): Diagnostic[] {
  const findings: Finding[] = [];
  if (model.degraded !== undefined) {
    findings.push({
      rule: 'file-too-large',
      start: 0,
      end: model.lines.lineEnd(0),
      message: RULES['file-too-large'].message({ size: model.degraded.length, limit: model.degraded.limit }),
    });
    syntaxFindings(model, findings);
    return place(model, findings, settings);
  }
  syntaxFindings(model, findings);
  duplicateFindings(model, findings);
  if (schema !== undefined) {
    const index = schemaIndex(schema);
    const today = isoDate(now);
    const development = (settings.environment ?? environmentFromPath(model.uri)) !== 'production';
    for (let i = 0; i < model.segments.length; i++) {
      const base = model.segmentStarts[i];
      for (const f of segmentFindings(model, i, index)) {
        const confirmed = confirmPending(f, model, index, today, development);
        if (confirmed !== undefined) findings.push({ ...withoutPresentSuggestion(confirmed, model, index.ida), start: base + f.start, end: base + f.end });
      }
    }
    missingRequiredFinding(model, index, findings);
  }
  return place(model, findings, settings);
}

/**
 * A top-level key is no typo of a key the file also sets (`CMS_ROOT_URL` beside `LMS_ROOT_URL`):
 * such a suggestion is dropped, and the finding becomes the plain "not defined" information.
 */
function withoutPresentSuggestion(f: Finding, model: YamlModel, ida: string): Finding {
  const key = f.data?.key;
  const suggestion = f.data?.suggestion;
  if (f.rule !== 'unknown-key' || key === undefined || suggestion === undefined || keepsSuggestion(model, key, suggestion)) return f;
  return { ...f, message: RULES['unknown-key'].message({ key, ida }), severity: 'information', data: { key } };
}

/**
 * Whether the `unknown-key` diagnostic on `key` keeps `suggestion` as its *did you mean*: not when
 * `key` is a top-level key and the file already sets the suggested one. Hover asks it too, so
 * both word the same key the same way.
 */
export function keepsSuggestion(model: YamlModel, key: string, suggestion: string): boolean {
  return key.includes('.') || !presentKeys(model).has(suggestion);
}

/**
 * Applies severities, the allowlist and suppressions, keeps the first `settings.maxProblems` in
 * document order, and converts offsets to positions. Only the kept findings become diagnostics:
 * a file with an error on each of its 100,000 lines costs 1,000 objects per edit, not 200,000.
 */
function place(model: YamlModel, findings: Finding[], settings: ValidationSettings): Diagnostic[] {
  const suppressions = suppressionsOf(model);
  const allowed = allowlist(settings.allowedUnknownKeys);
  const candidates: Array<{ finding: Finding; severity: RuleSeverity }> = [];
  for (const f of findings) {
    const severity = severityOf(f, settings);
    if (severity === undefined) continue;
    if (f.rule === 'unknown-key' && f.data?.key !== undefined && allowed(f.data.key)) continue;
    candidates.push({ finding: f, severity });
  }
  // Stable: findings at one offset keep the order the rules produced them in.
  candidates.sort((a, b) => a.finding.start - b.finding.start);
  const max = settings.maxProblems ?? Infinity;
  const out: Diagnostic[] = [];
  let hidden = 0;
  let firstHidden: Finding | undefined;
  for (const { finding, severity } of candidates) {
    // The line is looked up only when some line has a `disable` comment: most files have none.
    const line = suppressions.lines.size === 0 ? -1 : model.lines.lineAt(finding.start);
    if (isSuppressed(suppressions, finding.rule, line)) continue;
    if (out.length < max) out.push(diagnosticOf(model, finding, severity));
    else {
      hidden++;
      firstHidden ??= finding;
    }
  }
  if (firstHidden !== undefined) {
    const rest: Finding = { rule: 'too-many-problems', start: firstHidden.start, end: firstHidden.end, message: RULES['too-many-problems'].message({ hidden, shown: out.length }) };
    const severity = severityOf(rest, settings);
    if (severity !== undefined) out.push(diagnosticOf(model, rest, severity));
  }
  return out;
}

function diagnosticOf(model: YamlModel, f: Finding, severity: RuleSeverity): Diagnostic {
  const data: DiagnosticData = { rule: f.rule, ...f.data };
  const diagnostic: Diagnostic = {
    range: toRange(model, f),
    severity: SEVERITY[severity],
    code: f.rule,
    source: DIAGNOSTIC_SOURCE,
    message: f.message,
    data,
  };
  if (f.tags !== undefined) diagnostic.tags = f.tags;
  return diagnostic;
}

function severityOf(f: Finding, settings: ValidationSettings): RuleSeverity | undefined {
  const configured = settings.severities?.[f.rule];
  if (configured === 'off') return undefined;
  return configured ?? f.severity ?? RULES[f.rule].defaultSeverity;
}

const allowlists = new WeakMap<readonly string[], (key: string) => boolean>();

/** A matcher for allowlisted keys: exact names, dotted paths, `*` wildcards. */
function allowlist(patterns: readonly string[] | undefined): (key: string) => boolean {
  if (patterns === undefined || patterns.length === 0) return () => false;
  let matcher = allowlists.get(patterns);
  if (matcher === undefined) {
    const exact = new Set(patterns.filter((p) => !p.includes('*')));
    const globs = patterns.filter((p) => p.includes('*')).map((p) => new RegExp(`^${p.split('*').map(escapeRegExp).join('.*')}$`));
    matcher = (key) => exact.has(key) || globs.some((g) => g.test(key));
    allowlists.set(patterns, matcher);
  }
  return matcher;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function isoDate(d: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
