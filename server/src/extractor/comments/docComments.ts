/**
 * Documentation of one assignment from the comments around it: a code-annotations block,
 * OEP-45 `#:` lines, or, failing both, the plain comment block directly above.
 */
import type { Documentation } from '../../catalog/types';
import { isAnnotationTokenLine, type AnnotationBlock } from './annotations';
import { commentBody, type CommentLine } from './commentLines';

/** Text of a documentation comment and the 1-based line it starts on. */
export interface DocText {
  text: string;
  line: number;
}

/**
 * Tool directives, which say nothing about the setting. Case-sensitive (the tools are), so
 * that prose such as `# Type: a backend name` is kept; only `noqa` is read in any case.
 */
const DIRECTIVE = /^(?:(?:pylint|type|fmt|pragma|isort)\s*:|[Nn][Oo][Qq][Aa]\b|-\*-.*-\*-$)/;
/** A banner made only of decoration: `#####`, `# =====`, `# -----`. */
const DECORATION_ONLY = /^[#=\-\s]+$/;
/** A section title between decorations: `###### FEATURES ######`, `# ---- Email ----`. */
const TITLE_BANNER = /^[#=-]{2,}(?:\s|$)|(?:^|\s)[#=-]{3,}$/;

/**
 * OEP-45 doc comment: one trailing `#:` on the assignment line, or else the `#:` lines
 * immediately before the assignment, i.e. the run of `#:` lines that ends `blockAbove`.
 * Like Sphinx autodoc, which OEP-45 writes these for, the trailing comment wins, and
 * plain comment lines above the run (a section header, say) do not void it.
 * Returns the text without `#:` and one following space, lines joined with `\n`, or
 * `undefined` when there is no `#:` comment or it holds no text.
 */
export function oep45Doc(blockAbove: CommentLine[] | undefined, trailing: CommentLine | undefined): DocText | undefined {
  if (trailing !== undefined && trailing.text.startsWith('#:')) {
    return docText([stripOep45(trailing.text)], trailing.line);
  }
  const lines = blockAbove ?? [];
  let start = lines.length;
  while (start > 0 && (lines[start - 1]?.text.startsWith('#:') ?? false)) start--;
  const run = lines.slice(start);
  const first = run[0];
  return first === undefined ? undefined : docText(run.map((c) => stripOep45(c.text)), first.line);
}

/**
 * Plain comment block directly above an assignment, as a fallback documentation. A block
 * holding annotation tokens is not plain documentation (`undefined`). Tool directives
 * (`pylint:`, `noqa`, `type:`, …) and banner lines (`# ======`, `###### FEATURES ######`)
 * are dropped: a banner titles a section of the file, not the setting below it.
 */
export function plainDoc(blockAbove: CommentLine[] | undefined): DocText | undefined {
  const first = blockAbove?.[0];
  if (blockAbove === undefined || first === undefined) return undefined;
  const kept: string[] = [];
  for (const comment of blockAbove) {
    // `#:` lines read as plain text here, so an empty `#:` line is a paragraph break.
    const body = comment.text.startsWith('#:') ? comment.text.slice(2) : commentBody(comment).text;
    if (isAnnotationTokenLine(body)) return undefined;
    const trimmed = body.trim();
    if (trimmed === '') kept.push('');
    else if (!isDirective(trimmed, comment.line) && !isBanner(trimmed)) kept.push(body);
  }
  return docText(dedent(kept), first.line);
}

/** Turns an annotation block into Documentation (source `annotation`, description = the description field). */
export function annotationDoc(block: AnnotationBlock): Documentation {
  return {
    source: 'annotation',
    description: block.fields.description ?? '',
    annotationKind: block.kind,
    fields: { ...block.fields },
    line: block.startLine,
  };
}

/** The comments that may document one assignment. */
export interface DocCandidates {
  /** The annotation block matched to the assignment, if any. */
  annotation?: AnnotationBlock;
  /** The comment block ending on the line directly above the assignment. */
  blockAbove?: CommentLine[];
  /** The trailing comment on the assignment's line. */
  trailing?: CommentLine;
}

/**
 * Chooses the Documentation for an assignment: code-annotations first (the richest and the
 * convention of openedx-platform), then OEP-45 `#:`, then the plain comment above.
 */
export function chooseDocumentation(candidates: DocCandidates): Documentation | undefined {
  if (candidates.annotation !== undefined) return annotationDoc(candidates.annotation);
  const oep45 = oep45Doc(candidates.blockAbove, candidates.trailing);
  if (oep45 !== undefined) return { source: 'oep45', description: oep45.text, fields: {}, line: oep45.line };
  const plain = plainDoc(candidates.blockAbove);
  if (plain !== undefined) return { source: 'comment', description: plain.text, fields: {}, line: plain.line };
  return undefined;
}

function stripOep45(text: string): string {
  const rest = text.slice(2);
  return rest.startsWith(' ') ? rest.slice(1) : rest;
}

/** Joins lines, dropping trailing spaces, outer blank lines and repeated blank lines; `undefined` if empty. */
function docText(lines: string[], line: number): DocText | undefined {
  const out: string[] = [];
  for (const l of lines.map((s) => s.trimEnd())) {
    if (l === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(l);
  }
  if (out[out.length - 1] === '') out.pop();
  return out.length === 0 ? undefined : { text: out.join('\n'), line };
}

/** Removes the indentation common to the non-blank lines. */
function dedent(lines: string[]): string[] {
  let common = Infinity;
  for (const l of lines) if (l.trim() !== '') common = Math.min(common, l.length - l.trimStart().length);
  return common === Infinity ? lines : lines.map((l) => l.slice(common));
}

function isDirective(trimmed: string, line: number): boolean {
  // A shebang only means something on the first line of a file.
  return DIRECTIVE.test(trimmed) || (line === 1 && trimmed.startsWith('!'));
}

function isBanner(trimmed: string): boolean {
  return DECORATION_ONLY.test(trimmed) || TITLE_BANNER.test(trimmed);
}
