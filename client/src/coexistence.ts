/**
 * Living next to Red Hat's YAML extension (`redhat.vscode-yaml`). Pure (no `vscode` import).
 *
 * Both extensions validate the same `lms.yml`. Red Hat's reports YAML syntax errors and
 * duplicate keys on every YAML file it validates, whatever the schema; ours reports the same
 * two problems (in PyYAML's terms). Showing both puts two squiggles and two Problems entries on
 * one mistake, so while Red Hat's extension validates a document, the client drops our copies
 * of those two rules. Everything else (types, unknown keys, required keys, deprecations) only we
 * report: we never register our schemas with `yaml.schemas`, so Red Hat's extension does not
 * validate settings at all unless the user exports a schema and wires it up themselves.
 */
import type { ProblemCounts } from '../../server/src/protocol/messages';

/** The marketplace id of Red Hat's YAML extension. */
export const REDHAT_YAML_EXTENSION_ID = 'redhat.vscode-yaml';

/** Our rules whose problems Red Hat's extension reports too (on the same ranges). */
export const RULES_LEFT_TO_REDHAT: ReadonlySet<string> = new Set(['yaml-syntax', 'duplicate-key']);

/** Severities as numbered by `vscode.DiagnosticSeverity`. */
export const Severity = { Error: 0, Warning: 1, Information: 2, Hint: 3 } as const;

/** The parts of a `vscode.Diagnostic` this module reads. */
export interface DiagnosticLike {
  code?: string | number | { value: string | number };
  severity: number;
}

/** What is known about Red Hat's extension for one document. */
export interface RedHatState {
  /** The extension is installed and active. */
  active: boolean;
  /** Its `yaml.validate` setting for the document (default true). */
  validate: boolean;
  /** The document's language id: Red Hat's extension validates `yaml` documents only. */
  languageId: string | undefined;
}

/** Whether Red Hat's extension validates a document in this state. */
export function redHatValidates(state: RedHatState): boolean {
  return state.active && state.validate && state.languageId === 'yaml';
}

/** A diagnostic's rule id: its `code`, or the `value` of a code with a documentation link. */
export function ruleOf(diagnostic: DiagnosticLike): string | undefined {
  const code = diagnostic.code;
  if (code === undefined) return undefined;
  return typeof code === 'object' ? String(code.value) : String(code);
}

/** The diagnostics to show and the counts of those hidden (hints are not counted, as in the server's counts). */
export interface Partition<T> {
  shown: T[];
  hidden: ProblemCounts;
}

/** Splits a document's diagnostics into shown and hidden, given whether Red Hat's extension validates it. */
export function partitionForRedHat<T extends DiagnosticLike>(diagnostics: readonly T[], redHatIsValidating: boolean): Partition<T> {
  const hidden: ProblemCounts = { errors: 0, warnings: 0, infos: 0 };
  if (!redHatIsValidating) return { shown: [...diagnostics], hidden };
  const shown: T[] = [];
  for (const d of diagnostics) {
    const rule = ruleOf(d);
    if (rule === undefined || !RULES_LEFT_TO_REDHAT.has(rule)) {
      shown.push(d);
      continue;
    }
    if (d.severity === Severity.Error) hidden.errors++;
    else if (d.severity === Severity.Warning) hidden.warnings++;
    else if (d.severity === Severity.Information) hidden.infos++;
  }
  return { shown, hidden };
}
