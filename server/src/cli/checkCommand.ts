/**
 * `openedx-config check [options] FILE...|-`: the language server's diagnostics on the command
 * line, for CI and pre-commit hooks.
 *
 * Output: text lines `file:line:col severity rule message` (1-based line and column), or with
 * `--format json` one JSON array of `{ file, range, severity, rule, message }` (LSP range: 0-based
 * lines and UTF-16 characters), `--format sarif` a SARIF 2.1.0 log (`sarifFormat.ts`),
 * `--format github` GitHub Actions workflow commands (`githubFormat.ts`), `--format gitlab` a GitLab
 * Code Quality report (`gitlabFormat.ts`). `-` reads standard
 * input, named (and associated) by `--stdin-filename`. Exit code: 1 when any error is reported or
 * the warnings exceed `--max-warnings`, 2 on usage or IO errors, 0 otherwise.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { flagValue, parseArgs, UsageError } from './args';
import { Checker, loadCheckSchema, type FileReport } from './checkEngine';
import { messageText, ruleOf, severityWord, type SeverityWord } from './diagnosticText';
import type { CliIO } from './extractCommand';
import { githubCommand } from './githubFormat';
import { codeQualityReport } from './gitlabFormat';
import { sarifLog } from './sarifFormat';
import { readProcessStdin, readStdinSafely } from './stdinInput';
import { toolInfo } from './toolInfo';
import type { Environment } from '../protocol/types';
import type { IdaSchema } from '../schema/format';
import { canonicalIda } from '../registry/idaAliases';
import { schemaProblems } from '../schema/unsupported';
import { jsonTerminalSafe, terminalSafe } from './terminalText';
import * as path from 'node:path';
import { fail, ok, type Result } from '../common/result';
import { resolveEnvironment } from '../libraries/environment';
import { inProcessEnvironments } from '../registry/environmentSupport';
import { DEFAULT_SETTINGS, type OpenedxConfigSettings } from '../registry/settings';

export { messageText, severityWord, type SeverityWord } from './diagnosticText';

/** Usage text of the check command. */
export const CHECK_USAGE = `usage: openedx-config check [--ida NAME] [--format text|json|sarif|github|gitlab] [--schema FILE] [--max-warnings N] FILE...
       openedx-config check [options] --stdin-filename NAME -    (the file's content on standard input)`;

const FORMATS = ['text', 'json', 'sarif', 'github', 'gitlab'] as const;

/** The name a report gives standard input without `--stdin-filename`. */
const STDIN_NAME = '<stdin>';

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

/**
 * The settings for `--python-env DIR` (and `--libraries-cache DIR`): undefined without it; a
 * failure when DIR is no Python environment (a virtualenv, a site-packages folder, a Python executable).
 */
export function pythonEnvironmentSettings(given: string | undefined, cache: string | undefined): Result<OpenedxConfigSettings | undefined> {
  if (given === undefined) {
    if (cache !== undefined) return fail('--libraries-cache needs --python-env');
    return ok(undefined);
  }
  const dir = path.resolve(given);
  const found = resolveEnvironment(dir);
  if (!found.ok) return fail(`--python-env: ${found.error}`);
  return ok({ ...DEFAULT_SETTINGS, pythonEnvironment: dir, ...(cache !== undefined ? { librariesCache: path.resolve(cache) } : {}) });
}

/** Runs the check command; resolves to the exit code. */
export async function runCheck(argv: readonly string[], io: CliIO): Promise<number> {
  const args = parseArgs(argv, {
    ida: { value: true },
    format: { value: true, choices: FORMATS },
    schema: { value: true },
    'max-warnings': { value: true },
    'stdin-filename': { value: true },
    'python-env': { value: true },
    'libraries-cache': { value: true },
  });
  if (args.positionals.length === 0) throw new UsageError('no FILE given');
  const stdinCount = args.positionals.filter((p) => p === '-').length;
  if (stdinCount > 1) throw new UsageError('standard input (-) given more than once');
  const stdinName = flagValue(args, 'stdin-filename');
  if (stdinName !== undefined && stdinCount === 0) throw new UsageError('--stdin-filename names standard input: give - as the FILE');
  const maxWarnings = parseMaxWarnings(flagValue(args, 'max-warnings'));
  const idaFlag = flagValue(args, 'ida');
  const ida = idaFlag !== undefined ? canonicalIda(idaFlag) : undefined;
  const schemaFile = flagValue(args, 'schema');
  const format = flagValue(args, 'format') ?? 'text';
  let schema: IdaSchema | undefined;
  if (schemaFile !== undefined) {
    const loaded = loadCheckSchema(schemaFile, ida);
    if (!loaded.ok) {
      io.stderr(`openedx-config: ${terminalSafe(loaded.error)}\n`);
      return 2;
    }
    schema = loaded.value;
    // The schema is used; properties it cannot check are said once, and leave the exit code alone.
    for (const problem of schemaProblems(schema)) io.stderr(`openedx-config: ${terminalSafe(`${schemaFile}: warning: ${problem}`)}\n`);
  }
  const environment = pythonEnvironmentSettings(flagValue(args, 'python-env'), flagValue(args, 'libraries-cache'));
  if (!environment.ok) {
    io.stderr(`openedx-config: ${terminalSafe(environment.error)}\n`);
    return 2;
  }
  const checker = new Checker({
    ...(ida !== undefined ? { ida } : {}),
    ...(schema !== undefined ? { schema } : {}),
    fixes: format === 'sarif',
    ...(environment.value !== undefined ? { settings: environment.value, environments: inProcessEnvironments() } : {}),
  });
  if (environment.value !== undefined) {
    const scanned = await checker.environmentScanned();
    if (scanned?.state !== 'ready') {
      checker.dispose();
      io.stderr(`openedx-config: ${terminalSafe(`--python-env: the scan failed: ${scanned?.error ?? 'no site-packages folder'}`)}\n`);
      return 2;
    }
    io.stderr(`openedx-config: ${terminalSafe(`libraries: ${scanned.keys} settings read by ${scanned.packages} packages in ${scanned.folder ?? ''}`)}\n`);
  }
  const reports: FileReport[] = [];
  try {
    for (const file of args.positionals) {
      if (file !== '-') {
        reports.push(await checker.checkFile(file));
        continue;
      }
      const name = stdinName ?? STDIN_NAME;
      const input = await readStdinSafely(io.readStdin ?? readProcessStdin);
      reports.push(input.ok ? await checker.checkBytes(name, input.value) : { file: name, diagnostics: [], error: `cannot read standard input: ${input.error}` });
    }
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
      if (ida !== undefined) ioError = true;
    }
    for (const d of report.diagnostics) {
      const word = severityWord(d.severity);
      if (word === 'error') totals.errors++;
      else if (word === 'warning') totals.warnings++;
      else totals.infos++;
    }
  }
  const cwd = process.cwd();
  if (format === 'json') {
    io.stdout(`${jsonTerminalSafe(JSON.stringify(reports.flatMap(toJson), null, 2))}\n`);
  } else if (format === 'sarif') {
    io.stdout(`${jsonTerminalSafe(JSON.stringify(sarifLog(reports, toolInfo(), cwd, !ioError), null, 2))}\n`);
  } else if (format === 'gitlab') {
    io.stdout(`${jsonTerminalSafe(JSON.stringify(codeQualityReport(reports, cwd), null, 2))}\n`);
  } else {
    for (const report of reports) for (const d of report.diagnostics) io.stdout(`${format === 'github' ? githubCommand(report.file, d, cwd) : formatTextLine(report.file, d)}\n`);
    const checked = reports.filter((r) => r.error === undefined && r.skipped === undefined).length;
    io.stderr(`${checked} of ${reports.length} ${reports.length === 1 ? 'file' : 'files'} checked: ${totals.errors} errors, ${totals.warnings} warnings, ${totals.infos} infos\n`);
  }
  if (ioError) return 2;
  if (totals.errors > 0) return 1;
  if (maxWarnings !== undefined && totals.warnings > maxWarnings) {
    io.stderr(`openedx-config: ${totals.warnings} warnings, more than --max-warnings ${maxWarnings}\n`);
    return 1;
  }
  return 0;
}

function parseMaxWarnings(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--max-warnings needs a whole number of warnings, 0 or more (got "${value}")`);
  return Number(value);
}
