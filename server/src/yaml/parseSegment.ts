/**
 * Parses one segment's text into a {@link Segment}: YAML 1.1 with `yaml`, after masking template
 * spans and marker lines, collecting problems with exact (segment-relative) ranges. Never throws.
 */
import { isAlias, isMap, isScalar, parseDocument, Scalar, type Node, type YAMLError } from 'yaml';
import { findDirectives } from './directives';
import { parseSimpleEntry, type SegmentParseOptions } from './simpleEntry';
import { MAX_PROBLEMS_PER_SEGMENT } from './limits';
import { isNode, keyText, walkNodes } from './nodes';
import { classifyLine } from './segmenter';
import { findTemplateSpans, maskTemplates, unclosedTemplateCloser } from './templates';
import { constructChecks, mayNeedConstructChecks } from './constructChecks';
import type { AliasRole, AliasUse, AnchorDefinition, MarkerKind, OffsetRange, Segment, SegmentKind, SegmentPair, SegmentProblem } from './types';

/** A private-use character `yaml` reads like any letter: it holds a kept byte order mark's place while parsing. */
const BOM_STAND_IN = '\uE000';
const NO_ROLES: ReadonlyMap<Node, AliasRole> = new Map();

/** Characters PyYAML's reader refuses ("special characters are not allowed"). */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const BLANK_OR_COMMENT_ONLY = /^(?:[ \t]*(?:#[^\n\r]*)?(?:\r\n|\r|\n|$))*$/;

/** How `yaml` parses segments: YAML 1.1 (PyYAML's), errors with plain positions. */
export const PARSE_OPTIONS: SegmentParseOptions = {
  version: '1.1',
  prettyErrors: false,
  keepSourceTokens: false,
  uniqueKeys: true,
  strict: true,
};

/**
 * Parses a segment of the given kind. `documentStart` says whether the segment starts the file:
 * PyYAML skips a byte order mark (U+FEFF) there only; anywhere else it is part of what follows.
 */
export function parseSegment(text: string, kind: SegmentKind, marker?: MarkerKind, documentStart = false): Segment {
  const problems: SegmentProblem[] = [];
  const templateSpans = findTemplateSpans(text);
  let masked = maskTemplates(text, templateSpans);
  if (kind === 'marker') masked = maskMarkerLine(masked, problems);
  else if (kind === 'template') masked = maskFirstLines(masked, text);
  masked = loneCrAsLf(masked);
  // `yaml` skips a byte order mark at the start of any text it parses, and each segment is parsed
  // on its own: past the file's start, the mark becomes a stand-in character that `yaml` keeps,
  // put back in the key's name after parsing.
  const keptBom = !documentStart && masked.charCodeAt(0) === 0xfeff;
  if (keptBom) masked = BOM_STAND_IN + masked.slice(1);
  checkCharacters(text, problems);

  let root: Node | null = null;
  const pairs: SegmentPair[] = [];
  let anchors: AnchorDefinition[] = [];
  let aliases: AliasUse[] = [];
  if (kind === 'entry' || !BLANK_OR_COMMENT_ONLY.test(masked)) {
    root = parseRoot(masked, problems);
    if (root !== null) {
      if (keptBom) restoreBom(root);
      let aliasRoles: ReadonlyMap<Node, AliasRole> = NO_ROLES;
      // After a parse error the nodes are the parser's recovery (`{{ X` reads as a mapping key):
      // PyYAML stops at the parse error, so only a tree without one is checked further.
      if (mayNeedConstructChecks(masked) && !problems.some((p) => p.rule === 'yaml-syntax')) {
        const checked = constructChecks(root, masked);
        problems.push(...checked.problems);
        aliasRoles = checked.aliasRoles;
      }
      collectPairs(root, kind, text, templateSpans, pairs, problems);
      if (masked.includes('&') || masked.includes('*')) ({ anchors, aliases } = collectAnchors(root, aliasRoles));
    }
  }
  return {
    kind,
    ...(marker === undefined ? {} : { marker }),
    text,
    root,
    pairs,
    problems: distinct(problems).slice(0, MAX_PROBLEMS_PER_SEGMENT),
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

/** The problems without repeats: `yaml` reports an unclosed `{{` once per brace, at the same place with the same words. */
function distinct(problems: readonly SegmentProblem[]): SegmentProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.rule}\u0000${p.start}\u0000${p.end}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A lone `\r` is a line break to PyYAML (and to the segmenter) but not to `yaml`: it becomes a
 * `\n`, which keeps every offset.
 */
function loneCrAsLf(text: string): string {
  return text.includes('\r') ? text.replace(/\r(?!\n)/g, '\n') : text;
}

function parseRoot(masked: string, problems: SegmentProblem[]): Node | null {
  // `yaml` reports problems as Error objects, and capturing their stack traces was a quarter of
  // the parse time of a file with an error on each of its 100,000 lines; no one reads those stacks.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const simple = parseSimpleEntry(masked, PARSE_OPTIONS);
    if (simple !== undefined) return simple;
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
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
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

function collectAnchors(root: Node, roles: ReadonlyMap<Node, AliasRole>): { anchors: AnchorDefinition[]; aliases: AliasUse[] } {
  const anchors: AnchorDefinition[] = [];
  const aliases: AliasUse[] = [];
  walkNodes(root, (node) => {
    const r = node.range;
    if (!r) return;
    if (isAlias(node)) {
      const role = roles.get(node);
      aliases.push(role === undefined ? { name: node.source, start: r[0], end: r[1] } : { name: node.source, start: r[0], end: r[1], role });
    }
    else if (typeof node.anchor === 'string' && node.anchor !== '') anchors.push({ name: node.anchor, offset: r[0], node });
  });
  return { anchors, aliases };
}

/**
 * Puts a kept byte order mark back where its stand-in was parsed: in the scalar at the segment's
 * start (the first key, or a lone scalar), as PyYAML keeps it (`\uFEFFKEY` is another key than `KEY`).
 */
function restoreBom(root: Node): void {
  const first = isMap(root) ? root.items[0]?.key : root;
  if (!isScalar(first) || first.range?.[0] !== 0) return;
  if (typeof first.value === 'string' && first.value.startsWith(BOM_STAND_IN)) first.value = '\uFEFF' + first.value.slice(1);
  if (typeof first.source === 'string' && first.source.startsWith(BOM_STAND_IN)) first.source = '\uFEFF' + first.source.slice(1);
}

/** `%YAML` then a version, as PyYAML's scanner reads it: spaces, digits `.` digits, then spaces and a comment at most. */
const YAML_DIRECTIVE = /^%YAML(?![\w-])/;
const YAML_VERSION = /^( +)(\d+)\.(\d+)(?: +(?:#.*)?)?$/;

/**
 * The problem PyYAML raises for a `%YAML` directive line, if any: a malformed version, or a major
 * version other than 1 (its parser's `process_directives`; a 1.x minor version above 1 passes silently).
 */
function yamlDirectiveProblem(line: string): SegmentProblem | undefined {
  if (!YAML_DIRECTIVE.test(line)) return undefined;
  const rest = line.slice('%YAML'.length);
  const m = YAML_VERSION.exec(rest);
  if (m === null) {
    return { rule: 'yaml-syntax', start: 0, end: line.length, message: 'Malformed `%YAML` directive: PyYAML expects a version such as `%YAML 1.1` (major and minor number).' };
  }
  if (Number(m[2]) === 1) return undefined;
  const start = '%YAML'.length + m[1].length;
  const end = start + m[2].length + 1 + m[3].length;
  return {
    rule: 'yaml-syntax',
    start,
    end,
    message: `PyYAML reads YAML 1.x only and refuses version ${line.slice(start, end)} ("found incompatible YAML document (version 1.* is required)").`,
  };
}

/** Masks a `---`/`...`/`%` line as a comment; content after a document marker and a `%YAML` version PyYAML refuses are reported. */
function maskMarkerLine(text: string, problems: SegmentProblem[]): string {
  const end = lineEndAt(text, 0);
  const line = text.slice(0, end);
  const directive = yamlDirectiveProblem(line);
  if (directive !== undefined) problems.push(directive);
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
  if (match !== null) problems.push(refusedProblem(match[0], match.index));
}

function refusedProblem(character: string, at: number): SegmentProblem {
  const code = character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return { rule: 'yaml-syntax', start: at, end: at + character.length, message: `PyYAML refuses the control character U+${code} (special characters are not allowed).` };
}

/** A key at the start of a line (sticky: matched at `lastIndex`, never past that line's break). */
const DEGRADED_KEY = /(\uFEFF?)("(?:[^"\\\r\n]|\\.)*"|'(?:[^'\r\n]|'')*'|[^\s#:][^#\r\n]*?)[ \t]*:(?=[ \t\r\n]|$)/y;

/** {@link NON_PRINTABLE}, to scan a text from a given offset. */
const NON_PRINTABLE_FROM = new RegExp(NON_PRINTABLE.source, 'g');

/**
 * The pair of an unparsed segment. Its key node is made on first use only: a degraded document
 * has one such pair per key line, and few of them are ever hovered or completed.
 */
class UnparsedPair implements SegmentPair {
  readonly value = null;
  readonly range: OffsetRange;
  readonly templatedKey = false;
  readonly incomplete = false;
  private node: Scalar | undefined;

  constructor(
    readonly key: string,
    readonly keyRange: OffsetRange,
  ) {
    this.range = keyRange;
  }

  get keyNode(): Node {
    if (this.node === undefined) {
      this.node = new Scalar(this.key);
      this.node.range = [this.keyRange.start, this.keyRange.end, this.keyRange.end];
    }
    return this.node;
  }
}

/** Shared by unparsed segments that have none of a kind of item: a huge document has one segment per line. */
const NONE: readonly never[] = Object.freeze([]);

/**
 * A segment that is not parsed (degraded mode for huge documents). An entry segment may span
 * several entries (see `nextUnparsedSpan`): each line that starts one gives a key, so the outline,
 * hover and completion still know the keys, and each entry's first refused character is reported.
 * Kept small (no per-segment empty arrays), since a degraded document holds many of them.
 */
export function unparsedSegment(text: string, kind: SegmentKind, marker?: MarkerKind, documentStart = false): Segment {
  const pairs: SegmentPair[] = [];
  const problems: SegmentProblem[] = [];
  // Where each entry starts: the first line of an entry segment, then every line that starts an entry.
  const starts = kind === 'entry' ? [0] : [];
  if (kind === 'entry' || kind === 'start') {
    for (let lineStart = nextLineStart(text, lineEndAt(text, 0)); lineStart < text.length; ) {
      const lineEnd = lineEndAt(text, lineStart);
      if (classifyLine(text.slice(lineStart, lineEnd), false).kind !== 'continuation') starts.push(lineStart);
      lineStart = nextLineStart(text, lineEnd);
    }
  }
  refusedCharacters(text, starts[0] === 0 ? starts : [0, ...starts], problems);
  for (const lineStart of starts) {
    DEGRADED_KEY.lastIndex = lineStart;
    const match = DEGRADED_KEY.exec(text);
    if (match === null) continue;
    if (match[1] !== '' && !(documentStart && lineStart === 0)) {
      // A byte order mark past the file's start is part of a plain key (see parseSegment).
      pairs.push(new UnparsedPair(match[1] + match[2], { start: lineStart, end: lineStart + match[1].length + match[2].length }));
      continue;
    }
    const start = lineStart + match[1].length;
    const raw = match[2];
    const key = /^["']/.test(raw) ? raw.slice(1, -1) : raw;
    pairs.push(new UnparsedPair(key, { start, end: start + raw.length }));
  }
  const directives = findDirectives(text);
  return {
    kind,
    ...(marker === undefined ? {} : { marker }),
    text,
    root: null,
    pairs: pairs.length === 0 ? NONE : pairs,
    problems: problems.length === 0 ? NONE : problems,
    templateSpans: NONE,
    hasTemplateLine: kind === 'template',
    hasTemplateControl: false,
    directives: directives.length === 0 ? NONE : directives,
    anchors: NONE,
    aliases: NONE,
    hasContent: pairs.length > 0,
    unparsed: true,
  };
}

/** Reports the first character PyYAML refuses after each of `bounds` (sorted), before the next one: one scan of `text`. */
function refusedCharacters(text: string, bounds: readonly number[], problems: SegmentProblem[]): void {
  NON_PRINTABLE_FROM.lastIndex = 0;
  let i = 0;
  for (let match = NON_PRINTABLE_FROM.exec(text); match !== null; match = NON_PRINTABLE_FROM.exec(text)) {
    while (i + 1 < bounds.length && bounds[i + 1] <= match.index) i++;
    problems.push(refusedProblem(match[0], match.index));
    if (i + 1 >= bounds.length) return;
    NON_PRINTABLE_FROM.lastIndex = bounds[++i];
  }
}
