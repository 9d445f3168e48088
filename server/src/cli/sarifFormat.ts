/**
 * `check --format sarif`: a SARIF 2.1.0 log (one run) for code scanning services. Columns are
 * LSP's UTF-16 code units, declared as `columnKind: utf16CodeUnits`; regions are 1-based with an
 * exclusive end column, as SARIF defines them; quick fixes become `fixes`.
 */
import type { CodeAction, Diagnostic, Range, TextEdit } from 'vscode-languageserver-types';
import { RULES, RULE_IDS, type RuleSeverity } from '../service/rules';
import type { FileReport } from './checkEngine';
import { messageText, ruleOf, severityWord } from './diagnosticText';
import { relativeReportUri } from './reportPaths';
import type { ToolInfo } from './toolInfo';

/** SARIF's result levels. */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

/** A SARIF region: 1-based lines and columns, end column exclusive. */
export interface SarifRegion {
  startLine: number;
  startColumn: number;
  endLine: number;
  endColumn: number;
}

interface ArtifactLocation {
  uri: string;
  uriBaseId: string;
}

/** The parts of SARIF 2.1.0 this tool writes. */
export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: [SarifRun];
}

interface SarifRun {
  tool: { driver: ToolInfo & { rules: SarifRule[] } };
  originalUriBaseIds: Record<string, { uri: string }>;
  columnKind: 'utf16CodeUnits';
  invocations: [{ executionSuccessful: boolean }];
  results: SarifResult[];
}

interface SarifRule {
  id: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  defaultConfiguration: { level: SarifLevel };
}

/** One SARIF result. */
export interface SarifResult {
  ruleId: string;
  ruleIndex?: number;
  level: SarifLevel;
  message: { text: string };
  locations: [{ physicalLocation: { artifactLocation: ArtifactLocation; region: SarifRegion } }];
  fixes?: SarifFix[];
}

interface SarifFix {
  description: { text: string };
  artifactChanges: [{ artifactLocation: ArtifactLocation; replacements: { deletedRegion: SarifRegion; insertedContent: { text: string } }[] }];
}

/** The schema URI GitHub code scanning and other consumers recognise. */
export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** The base every artifact URI is relative to: the working directory the check ran in. */
const SRCROOT = '%SRCROOT%';

/** The SARIF level of a severity: information and hints are notes. */
export function sarifLevel(severity: RuleSeverity): SarifLevel {
  return severity === 'error' || severity === 'warning' ? severity : 'note';
}

/** An LSP range (0-based, UTF-16, end exclusive) as a SARIF region (1-based, same units). */
export function sarifRegion(range: Range): SarifRegion {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/**
 * The SARIF log of a check run.
 * @param cwd the working directory: artifact URIs are relative to it (`%SRCROOT%`).
 * @param successful false when a file could not be read (SARIF's `executionSuccessful`).
 */
export function sarifLog(reports: readonly FileReport[], tool: ToolInfo, cwd: string, successful: boolean): SarifLog {
  const rules: SarifRule[] = RULE_IDS.map((id) => {
    const rule = RULES[id];
    return { id, shortDescription: { text: firstSentence(rule.description) }, fullDescription: { text: rule.description }, defaultConfiguration: { level: sarifLevel(rule.defaultSeverity) } };
  });
  const results = reports.flatMap((report) => {
    const location: ArtifactLocation = { uri: relativeReportUri(report.file, cwd), uriBaseId: SRCROOT };
    return report.diagnostics.map((d) => sarifResult(d, location, report.fixes ?? []));
  });
  const root = cwd.endsWith('/') ? cwd : `${cwd}/`;
  return {
    $schema: SARIF_SCHEMA_URI,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { ...tool, rules } },
        originalUriBaseIds: { [SRCROOT]: { uri: `file://${root.split('/').map(encodeURIComponent).join('/')}` } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: successful }],
        results,
      },
    ],
  };
}

function sarifResult(d: Diagnostic, location: ArtifactLocation, actions: readonly CodeAction[]): SarifResult {
  const ruleId = ruleOf(d);
  const index = RULE_IDS.indexOf(ruleId as (typeof RULE_IDS)[number]);
  const fixes = actions.filter((a) => a.diagnostics?.includes(d) === true).map((a) => sarifFix(a, location));
  return {
    ruleId,
    ...(index >= 0 ? { ruleIndex: index } : {}),
    level: sarifLevel(severityWord(d.severity)),
    message: { text: messageText(d) },
    locations: [{ physicalLocation: { artifactLocation: location, region: sarifRegion(d.range) } }],
    ...(fixes.length > 0 ? { fixes } : {}),
  };
}

function sarifFix(action: CodeAction, location: ArtifactLocation): SarifFix {
  // A check edits one file: the action's changes all belong to it, whatever URI the model had.
  const edits: TextEdit[] = Object.values(action.edit?.changes ?? {}).flat();
  return {
    description: { text: action.title },
    artifactChanges: [{ artifactLocation: location, replacements: edits.map((e) => ({ deletedRegion: sarifRegion(e.range), insertedContent: { text: e.newText } })) }],
  };
}

function firstSentence(text: string): string {
  const end = text.search(/[.:](\s|$)/);
  return end < 0 ? text : `${text.slice(0, end)}.`;
}
