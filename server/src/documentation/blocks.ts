/**
 * The block parser: reStructuredText lines → blocks (paragraphs, literal blocks, titles, lists,
 * directives). Indentation decides nesting, as in docutils; indented text that is neither a
 * literal block nor a directive's body (block quotes, definitions) is read as if it were not
 * indented, which is how a hover shows it best. Nesting deeper than `MAX_NESTING` is read as
 * plain paragraphs, which also bounds the work: each level copies its lines once.
 */
import type { Block } from './blockTypes';
import { MAX_NESTING } from './bounds';
import { directiveBlocks } from './directives';
import { dedent, indentOf, isBlank, type SourceLine } from './lines';

const BULLET = /^([-*+\u2022])(?: +|$)/;
const ENUMERATOR = /^(?:(\d{1,9}|#)[.)]|\((\d{1,9}|#)\))(?: +|$)/;
/** A line of one repeated ASCII punctuation character: a title's over- or underline, or a transition. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1+$/;
/** `.. name:: argument`; the name may carry a domain (`py:function`), bounded in length. */
const DIRECTIVE = /^\.\. +([A-Za-z0-9](?:[\w+.-]|:(?!:)){0,60})::(?:\s+(.*))?$/;
const FIELD = /^:([^:\s`][^:`]{0,80}):(?: +(.*))?$/;
const SIMPLE_TABLE_BORDER = /^=+(?: +=+)+$/;
const GRID_TABLE_BORDER = /^\+[-=+]*\+$/;

interface ListMarker {
  ordered: boolean;
  bullet: string;
  start: number;
  /** Columns up to the item's text. */
  width: number;
}

function isExplicitMarkup(text: string): boolean {
  return text.startsWith('..') && (text.length === 2 || text[2] === ' ');
}

function markerOf(text: string): ListMarker | undefined {
  const b = BULLET.exec(text);
  if (b !== null) return { ordered: false, bullet: b[1], start: 1, width: b[0].length };
  const e = ENUMERATOR.exec(text);
  if (e === null) return undefined;
  const n = e[1] ?? e[2];
  return { ordered: true, bullet: '', start: n === '#' ? 1 : Number(n), width: e[0].length };
}

/** End (exclusive) of the run from `start` of lines blank or indented at least `min`, trailing blank lines left out. */
function indentedEnd(lines: readonly SourceLine[], start: number, min: number): number {
  let end = start;
  for (let k = start; k < lines.length; k++) {
    const t = lines[k].text;
    if (t === '') continue;
    if (indentOf(t) < min) break;
    end = k + 1;
  }
  return end;
}

/** Paragraph text: the lines trimmed and joined by spaces (hover Markdown reflows anyway). */
function joinLines(lines: readonly SourceLine[]): string {
  return lines.map((l) => l.text.trim()).join(' ');
}

function literalOf(lines: readonly SourceLine[], language?: string): Block {
  const text = dedent(lines)
    .map((l) => l.text)
    .join('\n');
  return language === undefined ? { kind: 'literal', line: lines[0].line, text } : { kind: 'literal', line: lines[0].line, text, language };
}

/** A title at `i`, over- and underlined or underlined only. */
function headingAt(lines: readonly SourceLine[], i: number): { block: Block; next: number } | undefined {
  const t = lines[i].text;
  if (ADORNMENT.test(t)) {
    if (i + 2 >= lines.length) return undefined;
    const title = lines[i + 1].text.trim();
    const under = lines[i + 2].text;
    if (title === '' || isExplicitMarkup(title) || under[0] !== t[0] || !ADORNMENT.test(under)) return undefined;
    return { block: { kind: 'heading', line: lines[i + 1].line, text: title, style: `o${t[0]}` }, next: i + 3 };
  }
  if (i + 1 >= lines.length) return undefined;
  const under = lines[i + 1].text;
  // Docutils accepts a short underline only with a warning; `Text` over `::` is no title.
  if (!ADORNMENT.test(under) || (under.length < 4 && under.length < t.length)) return undefined;
  return { block: { kind: 'heading', line: lines[i].line, text: t.trim(), style: under[0] }, next: i + 2 };
}

/** Consecutive items with the same kind of marker. */
function parseList(lines: readonly SourceLine[], i: number, depth: number, out: Block[]): number {
  const first = markerOf(lines[i].text) as ListMarker;
  const items: Block[][] = [];
  let k = i;
  for (;;) {
    const marker = markerOf(lines[k].text) as ListMarker;
    const end = indentedEnd(lines, k + 1, 1);
    const body = lines.slice(k + 1, end).map((l) => ({ text: l.text.slice(Math.min(indentOf(l.text), marker.width)), line: l.line }));
    items.push(parseBlocks([{ text: lines[k].text.slice(marker.width), line: lines[k].line }, ...body], depth + 1));
    let next = end;
    while (next < lines.length && isBlank(lines[next])) next++;
    const following = next < lines.length ? markerOf(lines[next].text) : undefined;
    if (following === undefined || following.ordered !== first.ordered || following.bullet !== first.bullet) {
      k = end;
      break;
    }
    k = next;
  }
  out.push({ kind: 'list', line: lines[i].line, ordered: first.ordered, start: first.start, items });
  return k;
}

/** A simple table (`===  ===` borders) up to its closing border, or undefined when it never closes. */
function simpleTableEnd(lines: readonly SourceLine[], i: number): number | undefined {
  let borders = 1;
  for (let k = i + 1; k < lines.length; k++) {
    const t = lines[k].text;
    if (isExplicitMarkup(t)) return undefined;
    if (!SIMPLE_TABLE_BORDER.test(t)) continue;
    borders++;
    if (borders >= 3 || k + 1 >= lines.length || isBlank(lines[k + 1])) return k + 1;
  }
  return undefined;
}

/** Lines from `i` until a blank line or explicit markup. */
function runEnd(lines: readonly SourceLine[], i: number, stopAtIndented: boolean): number {
  let end = i + 1;
  while (end < lines.length) {
    const t = lines[end].text;
    if (t === '' || isExplicitMarkup(t) || (stopAtIndented && indentOf(t) > 0)) break;
    end++;
  }
  return end;
}

/** A paragraph, and the literal block it introduces when it ends in `::`. */
function parseParagraph(lines: readonly SourceLine[], i: number, out: Block[]): number {
  const end = runEnd(lines, i, true);
  const text = joinLines(lines.slice(i, end));
  const line = lines[i].line;
  if (!text.endsWith('::')) {
    out.push({ kind: 'paragraph', line, text });
    return end;
  }
  // `::` alone disappears, ` ::` goes with its space, `text::` keeps one colon.
  const intro = text === '::' ? '' : text.endsWith(' ::') ? text.slice(0, -3).trimEnd() : text.slice(0, -1);
  let k = end;
  while (k < lines.length && isBlank(lines[k])) k++;
  const literal = k < lines.length && indentOf(lines[k].text) > 0;
  if (intro !== '') out.push(literal ? { kind: 'paragraph', line, text: intro, introducesLiteral: true } : { kind: 'paragraph', line, text: intro });
  if (!literal) return end;
  const literalEnd = indentedEnd(lines, k, 1);
  out.push(literalOf(lines.slice(k, literalEnd)));
  return literalEnd;
}

/** One construct at `i` (not blank, not indented); returns where the next starts. */
function parseUnindented(lines: readonly SourceLine[], i: number, depth: number, out: Block[]): number {
  const t = lines[i].text;
  if (isExplicitMarkup(t)) {
    const end = Math.max(indentedEnd(lines, i + 1, 1), i + 1);
    const m = DIRECTIVE.exec(t);
    if (m === null) return end; // a comment, a hyperlink target or a substitution definition
    const source = { name: m[1].toLowerCase(), argument: m[2] ?? '', line: lines[i].line, body: dedent(lines.slice(i + 1, end)), topLevel: depth === 0 };
    for (const b of directiveBlocks(source, (body) => parseBlocks(body, depth + 1))) out.push(b);
    return end;
  }
  if (markerOf(t) !== undefined) return parseList(lines, i, depth, out);
  if (GRID_TABLE_BORDER.test(t)) {
    let end = i + 1;
    while (end < lines.length && (lines[end].text.startsWith('+') || lines[end].text.startsWith('|'))) end++;
    out.push(literalOf(lines.slice(i, end), ''));
    return end;
  }
  if (SIMPLE_TABLE_BORDER.test(t)) {
    const end = simpleTableEnd(lines, i);
    if (end !== undefined) {
      out.push(literalOf(lines.slice(i, end), ''));
      return end;
    }
  }
  const heading = headingAt(lines, i);
  if (heading !== undefined) {
    out.push(heading.block);
    return heading.next;
  }
  if (ADORNMENT.test(t) && t.length >= 4) return i + 1; // a transition: nothing to show in a hover
  if (t.startsWith('>>>')) {
    const end = runEnd(lines, i, false);
    out.push(literalOf(lines.slice(i, end), 'pycon'));
    return end;
  }
  const field = FIELD.exec(t);
  if (field !== null) {
    const end = indentedEnd(lines, i + 1, 1);
    const text = joinLines([{ text: field[2] ?? '', line: lines[i].line }, ...lines.slice(i + 1, end)]).trim();
    out.push({ kind: 'paragraph', line: lines[i].line, text, field: field[1] });
    return end;
  }
  return parseParagraph(lines, i, out);
}

/** Past the nesting bound: each run of non-blank lines is one paragraph. */
function flatParagraphs(lines: readonly SourceLine[]): Block[] {
  const out: Block[] = [];
  let start = -1;
  for (let k = 0; k <= lines.length; k++) {
    const blank = k === lines.length || isBlank(lines[k]);
    if (!blank && start === -1) start = k;
    if (blank && start !== -1) {
      out.push({ kind: 'paragraph', line: lines[start].line, text: joinLines(lines.slice(start, k)) });
      start = -1;
    }
  }
  return out;
}

/**
 * The blocks of `lines` (a document, or a body already dedented). `depth` counts the nesting
 * above: 0 for a whole document, whose column-0 `.. setting::` targets start entries.
 */
export function parseBlocks(lines: readonly SourceLine[], depth = 0): Block[] {
  if (depth > MAX_NESTING) return flatParagraphs(lines);
  const out: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const t = lines[i].text;
    if (t === '') {
      i++;
    } else if (indentOf(t) > 0) {
      const end = indentedEnd(lines, i, 1);
      for (const b of parseBlocks(dedent(lines.slice(i, end)), depth + 1)) out.push(b);
      i = end;
    } else {
      i = parseUnindented(lines, i, depth, out);
    }
  }
  return out;
}
