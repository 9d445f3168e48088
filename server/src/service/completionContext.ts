/**
 * What is being typed at a position, read from the text around it (indentation, dashes, the key
 * lines above), never from a parse: a half-typed line is exactly when the parse is least useful.
 */
import { touchesTemplate, segmentAt, type YamlModel } from '../yaml';
import type { ValuePath } from './schemaIndex';

/** A key is being typed under `path` (`[]` for the top level). */
export interface KeyContext {
  readonly kind: 'key';
  readonly path: ValuePath;
  /** The word to replace (absolute offsets). */
  readonly replace: { readonly start: number; readonly end: number };
  /** The word typed so far (before the cursor). */
  readonly prefix: string;
  /** The whole word at the cursor (the key being edited). */
  readonly word: string;
  /** Whether the line already has a `:` after the word (then only the name is inserted). */
  readonly hasColon: boolean;
  /** Keys already present beside the one being typed (nested levels only). */
  readonly siblings: ReadonlySet<string>;
}

/** A value is being typed for the key at `path`. */
export interface ValueContext {
  readonly kind: 'value';
  readonly path: ValuePath;
  readonly replace: { readonly start: number; readonly end: number };
  readonly prefix: string;
}

/** What completion should offer at a position. */
export type CompletionContext = KeyContext | ValueContext | { readonly kind: 'none' };

const NONE: CompletionContext = { kind: 'none' };
/** Matches every line: `s`, since a line may hold U+2028 or U+2029, which LSP does not count as line breaks but `.` does. */
const LINE_SHAPE = /^([ ]*)((?:-[ ]+)*)(.*)$/s;
const KEY_WORD = /^[^\s:#'"[\]{},&*!|>%@`]*$/;
const KEY_THEN_VALUE = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#'"[\]{},][^:#]*?)[ \t]*:[ \t]+(.*)$/;
/** A line that opens a nested block: `key:` with nothing (or only an anchor, a tag or a comment) after it. */
const PARENT_KEY = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#'"[\]{},][^:#]*?)[ \t]*:[ \t]*(?:[&!][^\s]*[ \t]*)*(?:#.*)?$/;
const MAX_SCAN_LINES = 5_000;

interface LineShape {
  readonly indent: number;
  readonly dashes: string;
  readonly content: string;
  /** Column where the content (after dashes) starts. */
  readonly column: number;
}

function shapeOf(line: string): LineShape {
  const m = LINE_SHAPE.exec(line) as RegExpExecArray;
  return { indent: m[1].length, dashes: m[2], content: m[3], column: m[1].length + m[2].length };
}

function isTrivia(line: string): boolean {
  const t = line.trim();
  return t === '' || t.startsWith('#') || t.startsWith('{%') || t.startsWith('{{') || t.startsWith('{#');
}

/** Unquotes a key as written. */
export function unquoteKey(raw: string): string {
  if (raw.startsWith('"') && raw.endsWith('"') && raw.length >= 2) {
    try {
      return JSON.parse(raw) as string;
    } catch {
      return raw.slice(1, -1);
    }
  }
  if (raw.startsWith("'") && raw.endsWith("'") && raw.length >= 2) return raw.slice(1, -1).replace(/''/g, "'");
  return raw.trim();
}

/** The completion context at `offset`. */
export function completionContext(model: YamlModel, offset: number): CompletionContext {
  const { lines } = model;
  const lineNo = lines.lineAt(offset);
  const lineStart = lines.lineStart(lineNo);
  const line = lines.lineText(lineNo).replace(/^\uFEFF/, '');
  const bom = lines.lineText(lineNo).length - line.length;
  const column = offset - lineStart - bom;
  if (column < 0) return NONE;
  const before = line.slice(0, column);
  const after = line.slice(column);
  if (/(^|\s)#/.test(before) || /^\s*\t/.test(before)) return NONE;
  const { segment, base } = segmentAt(model, offset);
  if (touchesTemplate(offset - base - 1, offset - base + 1, segment.templateSpans)) return NONE;
  const shape = shapeOf(before);
  const rest = shape.content;
  const wordAfter = /^[^\s:#]*/.exec(after)?.[0] ?? '';
  if (KEY_WORD.test(rest)) {
    if (!/^[ \t]*$/.test(after.slice(wordAfter.length)) && !/^[ \t]*:/.test(after.slice(wordAfter.length))) return NONE;
    const path = parentPath(model, lineNo, shape);
    if (path === undefined) return NONE;
    const start = lineStart + bom + shape.column;
    return {
      kind: 'key',
      path,
      replace: { start, end: offset + wordAfter.length },
      prefix: rest,
      word: rest + wordAfter,
      hasColon: /^[ \t]*:/.test(after.slice(wordAfter.length)),
      siblings: path.length === 0 ? new Set() : siblingKeys(model, lineNo, shape.column),
    };
  }
  const kv = KEY_THEN_VALUE.exec(rest);
  if (kv === null) return NONE;
  const typed = kv[2];
  if (/^[[{"'|>&*!]/.test(typed) || /\s#/.test(typed)) return NONE;
  const parent = parentPath(model, lineNo, shape);
  if (parent === undefined) return NONE;
  const valueEnd = after.search(/\s+#|$/);
  return {
    kind: 'value',
    path: [...parent, unquoteKey(kv[1])],
    replace: { start: offset - typed.length, end: offset + valueEnd },
    prefix: typed,
  };
}

/**
 * The path of the mapping a key at `shape.column` on `lineNo` belongs to, found by walking up to
 * less indented `key:` lines (and through `- ` items of lists). `undefined` when the lines above
 * do not make a block the key could belong to.
 */
function parentPath(model: YamlModel, lineNo: number, shape: LineShape): ValuePath | undefined {
  const path: Array<string | number> = [];
  let column = shape.column;
  // Inside a list whose dashes are at `column`: the parent key is at that column or left of it.
  let inList = false;
  if (shape.dashes !== '') {
    path.unshift(0);
    column = shape.indent;
    inList = true;
  }
  if (column === 0 && !inList) return path;
  const stop = Math.max(0, lineNo - MAX_SCAN_LINES);
  for (let l = lineNo - 1; l >= stop; l--) {
    const text = model.lines.lineText(l);
    if (isTrivia(text)) continue;
    const s = shapeOf(text.replace(/^\uFEFF/, ''));
    if (inList) {
      if (s.dashes !== '' && s.indent === column) continue;
      if (s.column > column) continue;
    } else {
      if (s.column > column) continue;
      if (s.column === column) {
        if (s.dashes !== '' && s.indent < column) {
          path.unshift(0);
          column = s.indent;
          inList = true;
        }
        continue;
      }
    }
    const m = PARENT_KEY.exec(s.content);
    if (m === null) return undefined;
    path.unshift(unquoteKey(m[1]));
    column = s.column;
    inList = false;
    if (s.dashes !== '') {
      path.unshift(0);
      column = s.indent;
      inList = true;
    }
    if (column === 0 && !inList) return path;
  }
  return undefined;
}

/** Keys at `column` in the block around `lineNo` (stops at a less indented line). */
function siblingKeys(model: YamlModel, lineNo: number, column: number): Set<string> {
  const keys = new Set<string>();
  const collect = (l: number): boolean => {
    const text = model.lines.lineText(l);
    if (isTrivia(text)) return true;
    const s = shapeOf(text);
    if (s.column < column) return false;
    if (s.column === column) {
      const m = /^("(?:[^"\\]|\\.)*"|'(?:[^']|'')*'|[^\s:#][^:#]*?)[ \t]*:(?:[ \t]|$)/.exec(s.content);
      if (m !== null) keys.add(unquoteKey(m[1]));
    }
    return true;
  };
  for (let l = lineNo - 1; l >= 0 && lineNo - l < MAX_SCAN_LINES && collect(l); l--);
  for (let l = lineNo + 1; l < model.lines.lineCount && l - lineNo < MAX_SCAN_LINES && collect(l); l++);
  return keys;
}
