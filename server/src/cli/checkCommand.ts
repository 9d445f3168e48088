/**
 * `openedx-config check [--ida NAME] [--format text|json] [--schema FILE] FILE...`: the language
 * server's diagnostics on the command line, for CI and pre-commit hooks.
 *
 * Output: text lines `file:line:col severity rule message` (1-based line and column) or, with
 * `--format json`, one JSON array of `{ file, range, severity, rule, message }` (LSP range:
 * 0-based lines and UTF-16 characters). Exit code: 1 when any error is reported, 2 on usage or
 * IO errors, 0 otherwise.
 */
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver-types';
import { parseArgs, UsageError } from './args';
import { Checker, loadCheckSchema, type FileReport } from './checkEngine';
import type { CliIO } from './extractCommand';
import type { Environment } from '../protocol/types';
import type { IdaSchema } from '../schema/format';
import { canonicalIda } from '../registry/idaAliases';
import { schemaProblems } from '../schema/unsupported';
import { jsonTerminalSafe, terminalSafe } from './terminalText';

/** Usage text of the check command. */
export const CHECK_USAGE = 'usage: openedx-config check [--ida NAME] [--format text|json] [--schema FILE] FILE...';

/** A diagnostic as the JSON format prints it. */
export interface JsonDiagnostic {
  file: string;
  range: Diagnostic['range'];
  severity: SeverityWord;
  rule: string;
  message: string;
  /** Where the file runs (`production`, `devstack`, `test`, `local`): rules such as `insecure-secret` depend on it. */
  environment?: Environment;
}

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

/**
 * One text line: `file:line:col severity rule message`, 1-based, the message on one line, with
 * control and bidi characters from the file name and the message escaped ({@link terminalSafe}).
 */
export function formatTextLine(file: string, d: Diagnostic): string {
  const message = messageText(d).replace(/\s*[\r\n]+\s*/g, ' ');
  return terminalSafe(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${severityWord(d.severity)} ${ruleOf(d)} ${message}`);
}

/** The JSON form of a report's diagnostics. */
export function toJson(report: FileReport): JsonDiagnostic[] {
  const environment = report.environment !== undefined ? { environment: report.environment } : {};
  return report.diagnostics.map((d) => ({ file: report.file, range: d.range, severity: severityWord(d.severity), rule: ruleOf(d), message: messageText(d), ...environment }));
}

/** The message as plain text (LSP 3.18 allows Markdown messages; ours are strings). */
export function messageText(d: Diagnostic): string {
  return typeof d.message === 'string' ? d.message : d.message.value;
}

function ruleOf(d: Diagnostic): string {
  return d.code === undefined ? 'unknown' : String(d.code);
}

/** Runs the check command; resolves to the exit code. */
export async function runCheck(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, { ida: { value: true }, format: { value: true, choices: ['text', 'json'] }, schema: { value: true } });
  if (args.positionals.length === 0) throw new UsageError('no FILE given');
  const idaFlag = args.flags.get('ida');
  const ida = typeof idaFlag === 'string' ? canonicalIda(idaFlag) : undefined;
  const schemaFile = args.flags.get('schema');
  const format = args.flags.get('format') ?? 'text';
  let schema: IdaSchema | undefined;
  if (typeof schemaFile === 'string') {
    const loaded = loadCheckSchema(schemaFile, ida);
    if (!loaded.ok) {
      io.stderr(`openedx-config: ${terminalSafe(loaded.error)}\n`);
      return 2;
    }
    schema = loaded.value;
    // The schema is used; properties it cannot check are said once, and leave the exit code alone.
    for (const problem of schemaProblems(schema)) io.stderr(`openedx-config: ${terminalSafe(`${schemaFile}: warning: ${problem}`)}\n`);
  }
  const checker = new Checker({ ...(typeof ida === 'string' ? { ida } : {}), ...(schema !== undefined ? { schema } : {}) });
  const reports: FileReport[] = [];
  try {
    for (const file of args.positionals) reports.push(await checker.checkFile(file));
  } finally {
    checker.dispose();
  }

  let ioError = false;
  const totals = { errors: 0, warnings: 0, infos: 0 };
  for (const report of reports) {
    if (report.error !== undefined) {
      ioError = true;
      io.stderr(`openedx-config: ${terminalSafe(`${report.file}: ${report.error}`)}\n`);
    } else if (report.skipped !== undefined) {
      io.stderr(`openedx-config: ${terminalSafe(`${report.file}: skipped: ${report.skipped}`)}\n`);
      // An IDA named on the command line that has no schema is a usage error, not a pass.
      if (typeof ida === 'string') ioError = true;
    }
    for (const d of report.diagnostics) {
      const word = severityWord(d.severity);
      if (word === 'error') totals.errors++;
      else if (word === 'warning') totals.warnings++;
      else totals.infos++;
    }
  }
  if (format === 'json') {
    io.stdout(`${jsonTerminalSafe(JSON.stringify(reports.flatMap(toJson), null, 2))}\n`);
  } else {
    for (const report of reports) for (const d of report.diagnostics) io.stdout(`${formatTextLine(report.file, d)}\n`);
    const checked = reports.filter((r) => r.error === undefined && r.skipped === undefined).length;
    io.stderr(`${checked} of ${reports.length} ${reports.length === 1 ? 'file' : 'files'} checked: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.infos} infos\n`);
  }
  if (ioError) return 2;
  return totals.errors > 0 ? 1 : 0;
}
