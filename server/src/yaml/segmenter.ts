/**
 * Splits a document into segments at column-0 lines. Whether a line starts a segment depends on
 * that line alone, except inside a multi-line template statement, so segmentation can restart
 * from any segment start: this is what makes incremental re-parsing exact.
 *
 * Why column 0 is a safe place to split: in a top-level block mapping, everything that belongs
 * to a key's value (nested mappings, block scalars, multi-line flow collections and quoted
 * scalars) must be indented; the only column-0 continuations are comments, compact sequences
 * (`- item`), and flow closers, none of which start a segment. (`yaml` rejects unindented flow
 * and quoted continuations anyway, so splitting there changes no verdict.)
 */
import type { LineIndex } from './lineIndex';
import { MAX_TEMPLATE_HEAD_LINES, MAX_UNPARSED_SEGMENT_LINES } from './limits';
import { unclosedTemplateCloser } from './templates';
import type { MarkerKind, SegmentKind } from './types';

/** How a line takes part in segmentation. */
export type LineRole =
  | { readonly kind: 'continuation' }
  | { readonly kind: 'entry' }
  | { readonly kind: 'marker'; readonly marker: MarkerKind }
  | { readonly kind: 'template'; readonly closer?: string };

const CONTINUATION: LineRole = { kind: 'continuation' };
const ENTRY: LineRole = { kind: 'entry' };
const DOC_START: LineRole = { kind: 'marker', marker: 'document-start' };
const DOC_END: LineRole = { kind: 'marker', marker: 'document-end' };
const DIRECTIVE: LineRole = { kind: 'marker', marker: 'directive' };

/** Classifies one line (without its line break); `first` is true for the document's first line. */
export function classifyLine(line: string, first: boolean): LineRole {
  let text = line;
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.length === 0) return CONTINUATION;
  const c = text[0];
  switch (c) {
    case ' ':
    case '\t':
    case '#':
    case '[':
    case ']':
    case '{':
      if (c === '{' && (text[1] === '{' || text[1] === '%' || text[1] === '#')) {
        return { kind: 'template', closer: unclosedTemplateCloser(text) };
      }
      return CONTINUATION;
    case '}':
    case ',':
    case '?':
    case ':':
      return CONTINUATION;
    case '-':
      if (text.startsWith('---') && isMarkerEnd(text, 3)) return DOC_START;
      // `- item` is a compact sequence under the previous key; `-foo: 1` is a key.
      return text.length === 1 || text[1] === ' ' || text[1] === '\t' ? CONTINUATION : ENTRY;
    case '.':
      return text.startsWith('...') && isMarkerEnd(text, 3) ? DOC_END : ENTRY;
    case '%':
      return DIRECTIVE;
    default:
      return ENTRY;
  }
}

function isMarkerEnd(text: string, at: number): boolean {
  return text.length === at || text[at] === ' ' || text[at] === '\t';
}

/** A segment's extent in lines and what starts it. */
export interface SegmentSpan {
  readonly kind: SegmentKind;
  readonly marker?: MarkerKind;
  readonly startLine: number;
  /** Exclusive. */
  readonly endLine: number;
}

/**
 * The segment that starts at `startLine`: its kind comes from that line, and it runs until the
 * next line that starts a segment (a multi-line template statement first runs to its closer).
 */
export function nextSegment(lines: LineIndex, startLine: number): SegmentSpan {
  const total = lines.lineCount;
  const role = classifyLine(lines.lineText(startLine), startLine === 0);
  let kind: SegmentKind;
  let marker: MarkerKind | undefined;
  let line = startLine + 1;
  switch (role.kind) {
    case 'continuation':
      kind = 'start';
      break;
    case 'entry':
      kind = 'entry';
      break;
    case 'marker':
      kind = 'marker';
      marker = role.marker;
      break;
    case 'template':
      kind = 'template';
      if (role.closer !== undefined) {
        const limit = Math.min(total, startLine + MAX_TEMPLATE_HEAD_LINES);
        while (line < limit && !lines.lineText(line).includes(role.closer)) line++;
        if (line < limit) line++;
      }
      break;
  }
  while (line < total && classifyLine(lines.lineText(line), false).kind === 'continuation') line++;
  return marker === undefined ? { kind, startLine, endLine: line } : { kind, marker, startLine, endLine: line };
}

/**
 * The span of an unparsed segment (degraded mode) starting at `startLine`: as {@link nextSegment},
 * but the entry segments that follow are merged into it, up to {@link MAX_UNPARSED_SEGMENT_LINES}
 * lines. Markers and template segments are never merged. Like {@link nextSegment}, the result
 * depends only on the lines from `startLine` on, so incremental re-segmentation stays exact.
 */
export function nextUnparsedSpan(lines: LineIndex, startLine: number): SegmentSpan {
  const first = nextSegment(lines, startLine);
  if (first.kind !== 'entry' && first.kind !== 'start') return first;
  let endLine = first.endLine;
  while (endLine < lines.lineCount && endLine - startLine < MAX_UNPARSED_SEGMENT_LINES) {
    const next = nextSegment(lines, endLine);
    if (next.kind !== 'entry') break;
    endLine = next.endLine;
  }
  return { kind: first.kind, startLine, endLine };
}

/** All segments of a document, in order (`next`: {@link nextSegment}, or {@link nextUnparsedSpan} in degraded mode). */
export function segmentAll(lines: LineIndex, next: (lines: LineIndex, startLine: number) => SegmentSpan = nextSegment): SegmentSpan[] {
  const spans: SegmentSpan[] = [];
  let line = 0;
  while (line < lines.lineCount) {
    const span = next(lines, line);
    spans.push(span);
    line = span.endLine;
  }
  return spans;
}
