/**
 * Compact views of diagnostics for exact assertions: `[rule, 'line:col-line:col', severity, message]`.
 */
import type { Diagnostic, Range } from 'vscode-languageserver-types';

/** `l:c-l:c`, 0-based, for compact range assertions. */
export function rangeText(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

const SEVERITY = ['', 'error', 'warning', 'information', 'hint'];

/** One diagnostic as `[rule, range, severity, message]`. */
export function brief(d: Diagnostic): [string, string, string, string] {
  return [String(d.code), rangeText(d.range), SEVERITY[d.severity ?? 0], typeof d.message === 'string' ? d.message : d.message.value];
}
