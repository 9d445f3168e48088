/**
 * A diagnostic's parts as every output format of `check` words them: severity, rule and message.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';

/** Severity names, as in settings (`openedxConfig.rules`). */
export type SeverityWord = 'error' | 'warning' | 'information' | 'hint';

/** The word for an LSP severity (missing means error, as LSP says). */
export function severityWord(severity: DiagnosticSeverity | undefined): SeverityWord {
  switch (severity) {
    case DiagnosticSeverity.Warning:
      return 'warning';
    case DiagnosticSeverity.Information:
      return 'information';
    case DiagnosticSeverity.Hint:
      return 'hint';
    default:
      return 'error';
  }
}

/** The message as plain text (LSP 3.18 allows Markdown messages; ours are strings). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

/** The rule id of a diagnostic (`unknown` for one without a code, which ours always have). */
export function ruleOf(d: Diagnostic): string {
  return d.code === undefined ? 'unknown' : String(d.code);
}
