/**
 * Parses one segment's text into a {@link Segment}: YAML 1.1 with `yaml`, after masking template
 * spans and marker lines, collecting problems with exact (segment-relative) ranges. Never throws.
 */
import { isAlias, isMap, isScalar, parseDocument, Scalar, type Node, type YAMLError } from 'yaml';
import { findDirectives } from './directives';
import { MAX_PROBLEMS_PER_SEGMENT } from './limits';
import { isNode, keyText, walkNodes } from './nodes';
import { findTemplateSpans, maskTemplates, unclosedTemplateCloser } from './templates';
import type { AliasUse, AnchorDefinition, MarkerKind, OffsetRange, Segment, SegmentKind, SegmentPair, SegmentProblem } from './types';

/** Characters PyYAML's reader refuses ("special characters are not allowed"). */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BLANK_OR_COMMENT_ONLY = /^(?:[ \t]*(?:#[^\n\r]*)?(?:\r\n|\r|\n|$))*$/;

const PARSE_OPTIONS = {
  version: '1.1',
  prettyErrors: false,
  keepSourceTokens: false,
  uniqueKeys: true,
  strict: true,
} as const;

/** Parses a segment of the given kind. */
export function parseSegment(text: string, kind: SegmentKind, marker?: MarkerKind): Segment {
  const problems: SegmentProblem[] = [];
  const templateSpans = findTemplateSpans(text);
  let masked = maskTemplates(text, templateSpans);
  if (kind === 'marker') masked = maskMarkerLine(masked, problems);
  else if (kind === 'template') masked = maskFirstLines(masked, text);
  checkCharacters(text, problems);

  let root: Node | null = null;
  const pairs: SegmentPair[] = [];
  let anchors: AnchorDefinition[] = [];
  let aliases: AliasUse[] = [];
  if (kind === 'entry' || !BLANK_OR_COMMENT_ONLY.test(masked)) {
    root = parseRoot(masked, problems);
    if (root !== null) {
      collectPairs(root, kind, text, templateSpans, pairs, problems);
      if (masked.includes('&') || masked.includes('*')) ({ anchors, aliases } = collectAnchors(root));
    }
  }
  return {
    kind,
    ...(marker === undefined ? {} : { marker }),
    text,
    root,
    pairs,
    problems: problems.slice(0, MAX_PROBLEMS_PER_SEGMENT),
    templateSpans,
    hasTemplateLine: kind === 'template' || templateSpans.some((s) => isWholeLine(text, s)),
    hasTemplateControl: templateSpans.some((s) => text.startsWith('{%', s.start)),
    directives: findDirectives(text),
    anchors,
    aliases,
    hasContent: root !== null,
    unparsed: false,
  };
}

function parseRoot(masked: string, problems: SegmentProblem[]): Node | null {
  try {
    const doc = parseDocument(masked, PARSE_OPTIONS);
    for (const error of doc.errors) problems.push(problemOf(error, masked));
    for (const warning of doc.warnings) {
      if (warning.code === 'TAG_RESOLVE_FAILED') {
        const [start, end] = clampPos(warning.pos, masked);
        problems.push({ rule: 'yaml-syntax', start, end, message: `PyYAML's safe loader cannot construct the tag \`${masked.slice(start, end)}\`.` });
      }
    }
    return isNode(doc.contents) ? doc.contents : null;
  } catch (error) {
    // `yaml` reports its own failures as errors; this is the last line of defence.
    problems.push({ rule: 'yaml-syntax', start: 0, end: Math.min(masked.length, firstLineLength(masked)), message: `Could not parse this part: ${String(error)}` });
    return null;
  }
}

function problemOf(error: YAMLError, text: string): SegmentProblem {
  const [start, end] = clampPos(error.pos, text);
  if (error.code === 'DUPLICATE_KEY') {
    const key = text.slice(start, end).trim() || text.slice(start, lineEndAt(text, start)).split(':')[0].trim();
    return { rule: 'duplicate-key', start, end: Math.max(end, start + key.length), message: `Duplicate key \`${key}\`: PyYAML keeps only the last value.` };
  }
  let message = error.message.split('\n')[0];
  if (/call stack/i.test(message)) message = 'Nesting is too deep to parse.';
  return { rule: 'yaml-syntax', start, end, message: sentence(message) };
}

function sentence(message: string): string {
  const m = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(m) ? m : `${m}.`;
}

/**
 * Clamps a `yaml` error position to the text and gives it at least one character, so editors
 * underline something: at the very end of a segment, the last non-blank character.
 */
function clampPos(pos: [number, number], text: string): [number, number] {
  const length = text.length;
  let start = Math.max(0, Math.min(pos[0], length));
  let end = Math.max(start, Math.min(pos[1], length));
  if (end > start) return [start, end];
  if (start < length && !/\s/.test(text[start])) return [start, start + 1];
  let i = start - 1;
  while (i >= 0 && /\s/.test(text[i])) i--;
  if (i < 0) return start < length ? [start, start + 1] : [start, end];
  start = i;
  end = i + 1;
  return [start, end];
}

function collectPairs(root: Node, kind: SegmentKind, text: string, spans: readonly OffsetRange[], pairs: SegmentPair[], problems: SegmentProblem[]): void {
  if (isMap(root)) {
    for (const pair of root.items) {
      const keyNode = isNode(pair.key) ? pair.key : null;
      if (keyNode === null || keyNode.range === undefined || keyNode.range === null) continue;
      const value = isNode(pair.value) ? pair.value : null;
      const keyRange = { start: keyNode.range[0], end: keyNode.range[1] };
      const end = value?.range ? Math.max(value.range[1], keyRange.end) : keyRange.end;
      const incomplete = pair.value === null || pair.value === undefined;
      pairs.push({
        key: keyText(keyNode, text),
        keyNode,
        value,
        keyRange,
        range: { start: keyRange.start, end },
        templatedKey: spans.some((s) => s.start < keyRange.end && s.end > keyRange.start),
        incomplete,
      });
    }
    return;
  }
  const r = root.range;
  if (!r) return;
  if (kind === 'entry' && isScalar(root) && !text.slice(r[0], r[1]).includes('\n')) {
    // A column-0 word with no `:` yet: someone is typing a key. Keep it as a key, so completion,
    // hover and the outline see it, and say what is missing.
    const keyRange = { start: r[0], end: r[1] };
    pairs.push({ key: keyText(root, text), keyNode: root, value: null, keyRange, range: keyRange, templatedKey: false, incomplete: true });
    problems.push({ rule: 'yaml-syntax', start: r[0], end: r[1], message: `Expected \`:\` after the key \`${keyText(root, text)}\`.` });
    return;
  }
  if (isScalar(root) && (root.value === null || root.value === undefined)) return;
  problems.push({
    rule: 'yaml-syntax',
    start: r[0],
    end: Math.min(r[1], lineEndAt(text, r[0])),
    message: 'Expected `KEY: value` settings: the file must be a mapping at the top level.',
  });
}

function collectAnchors(root: Node): { anchors: AnchorDefinition[]; aliases: AliasUse[] } {
  const anchors: AnchorDefinition[] = [];
  const aliases: AliasUse[] = [];
  walkNodes(root, (node) => {
    const r = node.range;
    if (!r) return;
    if (isAlias(node)) aliases.push({ name: node.source, start: r[0], end: r[1] });
    else if (typeof node.anchor === 'string' && node.anchor !== '') anchors.push({ name: node.anchor, offset: r[0], node });
  });
  return { anchors, aliases };
}

/** Masks a `---`/`...`/`%` line as a comment; content after a document marker is reported. */
function maskMarkerLine(text: string, problems: SegmentProblem[]): string {
  const end = lineEndAt(text, 0);
  const line = text.slice(0, end);
  if (!line.startsWith('%')) {
    const rest = line.slice(3);
    const content = rest.trimStart();
    if (content !== '' && !content.startsWith('#')) {
      const start = 3 + (rest.length - content.length);
      problems.push({ rule: 'yaml-syntax', start, end, message: 'Put content after a document marker on the next line.' });
    }
  }
  return commentOut(text, 0, end);
}

/** Masks a template segment's head (up to the line where the statement closes) as comments. */
function maskFirstLines(masked: string, text: string): string {
  const firstEnd = lineEndAt(text, 0);
  const closer = unclosedTemplateCloser(text.slice(0, firstEnd));
  if (closer === undefined) return masked;
  let out = commentOut(masked, 0, firstEnd);
  const close = text.indexOf(closer, firstEnd);
  if (close < 0) return out;
  let lineStart = nextLineStart(text, firstEnd);
  while (lineStart < text.length && lineStart <= close) {
    const lineEnd = lineEndAt(text, lineStart);
    out = commentOut(out, lineStart, lineEnd);
    lineStart = nextLineStart(text, lineEnd);
  }
  return out;
}

function commentOut(text: string, start: number, end: number): string {
  if (end <= start) return text;
  return text.slice(0, start) + '#' + ' '.repeat(end - start - 1) + text.slice(end);
}

function lineEndAt(text: string, from: number): number {
  let i = from;
  while (i < text.length && text[i] !== '\n' && text[i] !== '\r') i++;
  return i;
}

function nextLineStart(text: string, lineEnd: number): number {
  if (text[lineEnd] === '\r' && text[lineEnd + 1] === '\n') return lineEnd + 2;
  return lineEnd + 1;
}

function firstLineLength(text: string): number {
  return lineEndAt(text, 0);
}

function isWholeLine(text: string, span: OffsetRange): boolean {
  let i = span.start - 1;
  while (i >= 0 && (text[i] === ' ' || text[i] === '\t')) i--;
  if (i >= 0 && text[i] !== '\n' && text[i] !== '\r') return false;
  const end = lineEndAt(text, span.end);
  return text.slice(span.end, end).trim() === '';
}

function checkCharacters(text: string, problems: SegmentProblem[]): void {
  const match = NON_PRINTABLE.exec(text);
  if (match === null) return;
  const code = match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  problems.push({
    rule: 'yaml-syntax',
    start: match.index,
    end: match.index + match[0].length,
    message: `PyYAML refuses the control character U+${code} (special characters are not allowed).`,
  });
}

const DEGRADED_KEY = /^(\uFEFF?)("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s#:][^#]*?)[ \t]*:(?=[ \t]|$)/;

/**
 * A segment that is not parsed (degraded mode for huge documents): the key of an `entry` segment
 * comes from its first line, so the outline, hover and completion still know the keys.
 */
export function unparsedSegment(text: string, kind: SegmentKind, marker?: MarkerKind): Segment {
  const pairs: SegmentPair[] = [];
  const problems: SegmentProblem[] = [];
  checkCharacters(text, problems);
  if (kind === 'entry') {
    const match = DEGRADED_KEY.exec(text.slice(0, lineEndAt(text, 0)));
    if (match !== null) {
      const start = match[1].length;
      const raw = match[2];
      const key = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
      const keyNode = new Scalar(key);
      keyNode.range = [start, start + raw.length, start + raw.length];
      const keyRange = { start, end: start + raw.length };
      pairs.push({ key, keyNode, value: null, keyRange, range: keyRange, templatedKey: false, incomplete: false });
    }
  }
  return {
    kind,
    ...(marker === undefined ? {} : { marker }),
    text,
    root: null,
    pairs,
    problems,
    templateSpans: [],
    hasTemplateLine: kind === 'template',
    hasTemplateControl: false,
    directives: findDirectives(text),
    anchors: [],
    aliases: [],
    hasContent: pairs.length > 0,
    unparsed: true,
  };
}
