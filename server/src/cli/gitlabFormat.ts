/**
 * `check --format gitlab`: a GitLab Code Quality report (the subset of the Code Climate issue
 * format GitLab reads from `artifacts: reports: codequality`): a JSON array with one issue per
 * problem, `description`, `check_name`, `fingerprint`, `severity` and `location` (`path`,
 * `lines.begin`). GitLab compares the fingerprints of a merge request's report with its target
 * branch's to tell new problems from fixed ones, so a fingerprint leaves the line out (an edit
 * above a problem does not make it new) and tells apart equal problems of one file by their order.
 */
import { createHash } from 'node:crypto';
import type { Diagnostic } from 'vscode-languageserver-types';
import { messageText, ruleOf, severityWord } from './diagnosticText';
import { relativeReportPath } from './reportPaths';

/** One issue of the report. */
export interface CodeQualityIssue {
  description: string;
  check_name: string;
  fingerprint: string;
  severity: 'info' | 'minor' | 'major' | 'critical' | 'blocker';
  location: { path: string; lines: { begin: number; end: number } };
}

/** GitLab's scale: errors are `major` (they fail `check`), warnings `minor`, the rest `info`. */
function severityOf(d: Diagnostic): CodeQualityIssue['severity'] {
  const word = severityWord(d.severity);
  return word === 'error' ? 'major' : word === 'warning' ? 'minor' : 'info';
}

/**
 * The report of every file's problems, in the order given.
 * @param cwd paths are relative to it (the repository root in a CI job).
 */
export function codeQualityReport(reports: readonly { file: string; diagnostics: readonly Diagnostic[] }[], cwd: string): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = [];
  const seen = new Map<string, number>();
  for (const report of reports) {
    const file = relativeReportPath(report.file, cwd);
    for (const d of report.diagnostics) {
      const rule = ruleOf(d);
      const description = messageText(d);
      const identity = `${file}\u0000${rule}\u0000${description}`;
      const occurrence = seen.get(identity) ?? 0;
      seen.set(identity, occurrence + 1);
      issues.push({
        description,
        check_name: rule,
        fingerprint: createHash('sha256').update(`${identity}\u0000${occurrence}`).digest('hex').slice(0, 32),
        severity: severityOf(d),
        location: { path: file, lines: { begin: d.range.start.line + 1, end: d.range.end.line + 1 } },
      });
    }
  }
  return issues;
}
