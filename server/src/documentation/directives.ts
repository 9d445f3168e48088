/**
 * Directives (`.. name:: argument` with an indented body) as blocks: code, admonitions, version
 * notes and setting targets are understood; a few that only matter to Sphinx are dropped; any
 * other keeps its body as ordinary blocks, without its argument and options.
 */
import type { Block, VersionChange } from './blockTypes';
import { dedent, isBlank, trimBlankLines, type SourceLine } from './lines';

/** Parses body lines (already dedented) into blocks, one nesting level deeper. */
export type ParseBody = (lines: SourceLine[]) => Block[];

/** A directive as the block parser found it. */
export interface DirectiveSource {
  /** Lower-cased name, domain included (`py:function`). */
  name: string;
  /** Text after `::` on the first line. */
  argument: string;
  line: number;
  /** The indented body, dedented, options still at its start. */
  body: SourceLine[];
  /** Whether the directive starts in column 0 of the whole document (a setting target there starts an entry). */
  topLevel: boolean;
}

/** Admonitions without an argument, and their titles. */
const ADMONITIONS: ReadonlyMap<string, string> = new Map([
  ['note', 'Note'],
  ['warning', 'Warning'],
  ['seealso', 'See also'],
  ['tip', 'Tip'],
  ['hint', 'Hint'],
  ['important', 'Important'],
  ['caution', 'Caution'],
  ['danger', 'Danger'],
  ['error', 'Error'],
  ['attention', 'Attention'],
]);

/** Version directives and the change they record. */
const VERSIONS: ReadonlyMap<string, VersionChange> = new Map([
  ['versionadded', 'added'],
  ['versionchanged', 'changed'],
  ['deprecated', 'deprecated'],
]);

/** Directives whose body is code, and the language when they name none. */
const CODE: ReadonlyMap<string, string> = new Map([
  ['code-block', ''],
  ['code', ''],
  ['sourcecode', ''],
  ['console', 'console'],
  ['doctest', 'pycon'],
  ['parsed-literal', ''],
]);

/** Directives with nothing a hover reader needs: navigation, images, raw output, inclusion, indexing. */
const DROPPED: ReadonlySet<string> = new Set([
  'contents', 'toctree', 'image', 'figure', 'raw', 'include', 'literalinclude', 'index', 'meta', 'sectionauthor',
  'moduleauthor', 'currentmodule', 'module', 'default-role', 'role', 'tabularcolumns', 'target-notes', 'csv-table', 'list-table',
]);

/** A field marker (`:option: value`) opening a directive's body. */
const OPTION = /^:[A-Za-z][\w-]*:( |$)/;

/** `body` without the options at its start. */
function withoutOptions(body: readonly SourceLine[]): SourceLine[] {
  let i = 0;
  while (i < body.length && !isBlank(body[i]) && OPTION.test(body[i].text)) i++;
  return dedent(trimBlankLines(body.slice(i)));
}

/** The first line's text as the body's first line: admonitions and version notes may start there. */
function withFirstLine(text: string, line: number, body: readonly SourceLine[]): SourceLine[] {
  if (text === '') return body.slice();
  // A blank line between them in the source keeps them two paragraphs.
  const apart = body.length > 0 && body[0].line > line + 1;
  return apart ? [{ text, line }, { text: '', line: line + 1 }, ...body] : [{ text, line }, ...body];
}

/** The blocks a directive stands for (none, one, or its body's). */
export function directiveBlocks(d: DirectiveSource, parse: ParseBody): Block[] {
  const short = d.name.slice(d.name.lastIndexOf(':') + 1);
  const argument = d.argument.trim();
  if (short === 'setting') return [{ kind: 'setting', line: d.line, name: argument.split(/\s/, 1)[0], column0: d.topLevel }];
  if (short === 'highlight') return [{ kind: 'highlight', line: d.line, language: argument.split(/\s/, 1)[0] }];
  const body = withoutOptions(d.body);
  const codeLanguage = CODE.get(short);
  if (codeLanguage !== undefined) {
    const language = argument === '' ? codeLanguage : argument.split(/\s/, 1)[0];
    return body.length === 0 ? [] : [{ kind: 'literal', line: d.line, text: body.map((l) => l.text).join('\n'), language }];
  }
  const title = ADMONITIONS.get(short);
  if (title !== undefined) return [{ kind: 'admonition', line: d.line, title, body: parse(withFirstLine(argument, d.line, body)) }];
  if (short === 'admonition') return [{ kind: 'admonition', line: d.line, title: argument, body: parse(body) }];
  const change = VERSIONS.get(short);
  if (change !== undefined) {
    const space = argument.search(/\s/);
    const version = space === -1 ? argument : argument.slice(0, space);
    const rest = space === -1 ? '' : argument.slice(space).trim();
    return [{ kind: 'version', line: d.line, change, version, body: parse(withFirstLine(rest, d.line, body)) }];
  }
  if (DROPPED.has(short)) return [];
  return parse(body);
}
