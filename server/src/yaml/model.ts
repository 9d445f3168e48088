/**
 * Building and editing the document model. {@link parseFromScratch} segments and parses a whole
 * text; {@link applyEdit} re-segments from just before an edit until the segmentation meets an
 * old segment start past the edit, re-parses only the new segments, and reuses every other
 * segment object. Both produce identical models for the same text (the property tests check it).
 */
import { lastAtOrBefore } from '../common/search';
import { LineIndex } from './lineIndex';
import { MAX_PARSED_DOCUMENT_LENGTH } from './limits';
import { parseSegment, unparsedSegment } from './parseSegment';
import { nextSegment, nextUnparsedSpan, segmentAll, type SegmentSpan } from './segmenter';
import type { DegradedMode, ModelOptions, Segment, SegmentPair, TextChange, TopLevelEntry, YamlModel } from './types';

/** Parses `text` completely. */
export function parseFromScratch(text: string, options: ModelOptions = {}): YamlModel {
  const lines = LineIndex.of(text);
  const degraded = degradedMode(text, options);
  const spans = segmentAll(lines, degraded === undefined ? nextSegment : nextUnparsedSpan);
  const segments = spans.map((span) => makeSegment(text, lines, span, degraded));
  return assemble(text, lines, segments, spans.map((s) => s.startLine), options, degraded);
}

/**
 * Applies LSP content changes in order (each range refers to the text after the previous change)
 * and returns the new model. A change without a range replaces the whole text.
 */
export function applyEdit(model: YamlModel, changes: readonly TextChange[]): YamlModel {
  let current = model;
  for (const change of changes) current = applyOne(current, change);
  return current;
}

function applyOne(model: YamlModel, change: TextChange): YamlModel {
  if (change.range === undefined) return parseFromScratch(change.text, model.options);
  const a = model.lines.offsetAt(change.range.start);
  const b = model.lines.offsetAt(change.range.end);
  const start = Math.min(a, b);
  const end = Math.max(a, b);
  const text = model.text.slice(0, start) + change.text + model.text.slice(end);
  const degraded = degradedMode(text, model.options);
  if ((degraded === undefined) !== (model.degraded === undefined)) return parseFromScratch(text, model.options);

  const lines = model.lines.withEdit(start, end, change.text, text);
  const next = degraded === undefined ? nextSegment : nextUnparsedSpan;
  const oldFirstLine = model.lines.lineAt(start);
  const newLastLine = lines.lineAt(start + change.text.length);
  const lineDelta = lines.lineCount - model.lines.lineCount;

  // Whether a line starts a segment depends on its first four characters only. An edit within
  // them can turn the line into a continuation of the previous segment, so restart one line up.
  const column = start - model.lines.lineStart(oldFirstLine);
  const restartLine = column > 4 ? oldFirstLine : Math.max(0, oldFirstLine - 1);
  const first = segmentIndexOfLine(model.segmentLines, restartLine);
  const segments = model.segments.slice(0, first);
  const startLines = model.segmentLines.slice(0, first);
  let line = model.segmentLines[first] ?? 0;
  while (line < lines.lineCount) {
    if (line > newLastLine) {
      const old = exactIndexOfLine(model.segmentLines, line - lineDelta);
      if (old >= 0) {
        for (let i = old; i < model.segments.length; i++) {
          segments.push(model.segments[i]);
          startLines.push(model.segmentLines[i] + lineDelta);
        }
        break;
      }
    }
    const span = next(lines, line);
    segments.push(makeSegment(text, lines, span, degraded));
    startLines.push(span.startLine);
    line = span.endLine;
  }
  return assemble(text, lines, segments, startLines, model.options, degraded);
}

function degradedMode(text: string, options: ModelOptions): DegradedMode | undefined {
  const limit = options.maxParsedLength ?? MAX_PARSED_DOCUMENT_LENGTH;
  return text.length > limit ? { reason: 'too-large', length: text.length, limit } : undefined;
}

function makeSegment(text: string, lines: LineIndex, span: SegmentSpan, degraded: DegradedMode | undefined): Segment {
  const start = lines.lineStart(span.startLine);
  const end = span.endLine >= lines.lineCount ? text.length : lines.lineStart(span.endLine);
  // A copy, not a slice: V8 keeps a slice's whole parent string alive, and segments outlive the
  // text they were cut from (each edit reuses them), so a slice would pin one whole old version of
  // the document per segment.
  const segmentText = detached(text.slice(start, end));
  const documentStart = span.startLine === 0;
  return degraded === undefined
    ? parseSegment(segmentText, span.kind, span.marker, documentStart)
    : unparsedSegment(segmentText, span.kind, span.marker, documentStart);
}

/**
 * A string equal to `s` that shares no memory with a longer string `s` may have been sliced from.
 * (Concatenation makes a rope; slicing the rope flattens it into a new string first.)
 */
function detached(s: string): string {
  return (' ' + s).slice(1);
}

function assemble(
  text: string,
  lines: LineIndex,
  segments: Segment[],
  segmentLines: number[],
  options: ModelOptions,
  degraded: DegradedMode | undefined,
): YamlModel {
  const segmentStarts = segmentLines.map((l) => lines.lineStart(l));
  const segmentDocuments = documentIndexes(segments);
  const templated = segments.some((s) => s.templateSpans.length > 0 || s.kind === 'template');
  let entries: TopLevelEntry[] | undefined;
  const model: YamlModel = {
    uri: options.uri ?? '',
    text,
    lines,
    segments,
    segmentStarts,
    segmentLines,
    segmentDocuments,
    // Built on first use: a keystroke's validation never needs every entry placed.
    get entries(): readonly TopLevelEntry[] {
      entries ??= segments.flatMap((segment, i) => segment.pairs.map((pair) => placeEntry(model, i, pair)));
      return entries;
    },
    ...(degraded === undefined ? {} : { degraded }),
    templated,
    options,
  };
  return model;
}

/** The entry of `pair` (of segment `segmentIndex`), placed at its absolute position. */
export function placeEntry(model: YamlModel, segmentIndex: number, pair: SegmentPair): TopLevelEntry {
  const base = model.segmentStarts[segmentIndex];
  return {
    key: pair.key,
    keyRange: { start: base + pair.keyRange.start, end: base + pair.keyRange.end },
    range: { start: base + pair.range.start, end: base + pair.range.end },
    value: pair.value,
    keyNode: pair.keyNode,
    base,
    segment: model.segments[segmentIndex],
    segmentIndex,
    documentIndex: model.segmentDocuments[segmentIndex],
    pair,
  };
}

/**
 * The YAML document each segment belongs to: a `---` (or content after `...`) starts a new
 * document once the current one has content; a leading `---` does not.
 */
function documentIndexes(segments: readonly Segment[]): number[] {
  const out: number[] = [];
  let index = 0;
  let hasContent = false;
  let ended = false;
  for (const segment of segments) {
    if (segment.kind === 'marker' && segment.marker === 'document-start') {
      if (hasContent || ended) index++;
      hasContent = false;
      ended = false;
    } else if (segment.kind === 'marker' && segment.marker === 'document-end') {
      ended = true;
    }
    if (segment.hasContent) {
      if (ended) {
        index++;
        ended = false;
      }
      hasContent = true;
    }
    out.push(index);
  }
  return out;
}

/** Index of the segment containing `line` (segment start lines are sorted). */
export function segmentIndexOfLine(segmentLines: readonly number[], line: number): number {
  return Math.max(0, lastAtOrBefore(segmentLines, line));
}

function exactIndexOfLine(segmentLines: readonly number[], line: number): number {
  const i = segmentIndexOfLine(segmentLines, line);
  return segmentLines[i] === line ? i : -1;
}
