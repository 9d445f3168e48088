/**
 * `check --format github`: one GitHub Actions workflow command per problem
 * (`::error file=…,line=…::message`), which the runner shows as an annotation on the file.
 */
import type { Diagnostic } from 'vscode-languageserver-types';
import { messageText, ruleOf, severityWord } from './diagnosticText';
import { relativeReportPath } from './reportPaths';
import { terminalSafe } from './terminalText';

/** The message of a workflow command, escaped as GitHub's runner unescapes it. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property value of a workflow command: also `:` and `,`, which end a value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * The workflow command for one problem. Lines and columns are 1-based, columns in UTF-16 code
 * units as in the other formats, the end column exclusive; columns are given only for a
 * one-line range, as GitHub accepts them only then. Information and hints are notices.
 */
export function githubCommand(file: string, d: Diagnostic, cwd: string): string {
  const word = severityWord(d.severity);
  const command = word === 'error' || word === 'warning' ? word : 'notice';
  const { start, end } = d.range;
  const props = [`file=${escapeProperty(relativeReportPath(file, cwd))}`, `line=${start.line + 1}`];
  if (start.line === end.line) props.push(`col=${start.character + 1}`);
  props.push(`endLine=${end.line + 1}`);
  if (start.line === end.line) props.push(`endColumn=${end.character + 1}`);
  props.push(`title=${escapeProperty(ruleOf(d))}`);
  // Escaping first turns line breaks into %0A; what is left unsafe for a log is escaped after.
  return terminalSafe(`::${command} ${props.join(',')}::${escapeData(messageText(d))}`);
}
