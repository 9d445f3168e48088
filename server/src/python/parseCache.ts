/**
 * Parsed Python files kept across extractions, so that re-extracting after one settings file
 * changed re-parses only the statements of that file that the edit touched, instead of parsing
 * and reading every module of the chain again.
 *
 * Per file (keyed by absolute path) the cache keeps the text and its syntax tree copied into plain
 * JavaScript objects ({@link SyntaxNode}), plus whatever per-version work callers derive from it
 * ({@link ParsedFile.derive}). No tree-sitter tree is kept: wasm memory is not garbage-collected
 * and never shrinks. The cache is bounded in files and characters, least recently used first out.
 * Files it does not keep (over the per-file bound, or with `maxFiles` 0: one-shot extractions) are
 * read through tree-sitter's own nodes, their trees deleted when the extraction ends ({@link
 * ParseCache.release}).
 *
 * Kept files are copied from the first read on, although a one-shot read through tree-sitter's
 * nodes costs about as much: the interpreter's code then sees one kind of node only, so V8
 * optimises it once (the server optimises on its main thread, `--no-concurrent-recompilation`:
 * every deoptimisation is a visible pause), and full extractions warm up the code later ones run.
 *
 * A changed file is re-parsed by region (see {@link ParseCache.parse}): Python's top-level
 * statements start at column 0 and do not depend on one another's syntax, so the statements
 * around the edit are parsed alone and the others are the previous copies, moved by the edit's
 * length. Measured on openedx-platform's `lms/envs/common.py` (135 KB) with one setting
 * appended: about 0.3 ms, against some 3 ms for tree-sitter's own incremental re-parse (which
 * walks every top-level node) and 30 ms for a fresh parse.
 */
import { ServerError } from '../common/describeError';
import type { Parser, Tree } from 'web-tree-sitter';
import { parseAroundCommentRuns } from './commentRuns';
import { commaEndsLine, mayContinue } from './continuedLines';
import { copyTree, SourceText, SyntaxNode, type PyNode } from './syntaxTree';

/** A slot of per-version derived data (see {@link ParsedFile.derive}). */
export interface DerivedKey<T> {
  readonly name: string;
  /** Never set: carries the slot's type. */
  readonly _type?: T;
}

/** Creates a {@link DerivedKey}. */
export function derivedKey<T>(name: string): DerivedKey<T> {
  return { name };
}

/**
 * How a version was made from the previous one by re-parsing a region (see {@link ParseCache}):
 * what derived work may take over from the previous version.
 */
export interface RegionChange {
  /**
   * The 0-based row where the last statement kept from the previous version ends; every node on
   * this row and above is a kept one, and the rows above it are unchanged. -1 when none was kept.
   */
  headEndRow: number;
  /** The row of the first statement moved from the previous version, there and here (it starts at column 0); absent when none was. */
  tailRow?: { before: number; after: number };
  /** The re-parsed statements: indices `from..to` (exclusive) of the root's children. */
  middle: { from: number; to: number };
}

/** One version of a parsed file. */
export class ParsedFile {
  private readonly derived = new Map<DerivedKey<unknown>, unknown>();
  /**
   * @param root the copy of the tree (a kept file), or tree-sitter's root node (a file read once:
   *   its tree lives until the extraction ends).
   * @param previous the file's version before this one, whose derived data may be reused; only
   *   one version back is kept (older ones would pile up).
   * @param region set when this version was re-parsed by region from `previous`.
   */
  constructor(
    readonly text: string,
    readonly root: PyNode,
    private previous: ParsedFile | undefined = undefined,
    readonly region?: RegionChange,
  ) {
    if (previous !== undefined) previous.previous = undefined;
  }

  /** The copy of the tree (a kept file's version). */
  get copy(): SyntaxNode | undefined {
    return this.root instanceof SyntaxNode ? this.root : undefined;
  }

  /**
   * Work that depends on this version's text only (comments, annotation blocks, …), computed once
   * per version. `compute` receives what the previous version derived, to reuse its unchanged parts.
   */
  derive<T>(key: DerivedKey<T>, compute: (previous: T | undefined) => T): T {
    if (this.derived.has(key)) return this.derived.get(key) as T;
    const value = compute(this.previous?.derived.get(key) as T | undefined);
    this.derived.set(key, value);
    return value;
  }
}

/** Bounds of a {@link ParseCache}. */
export interface ParseCacheLimits {
  /** Files kept (least recently used evicted first). */
  maxFiles: number;
  /** Characters of text kept in all files together. */
  maxChars: number;
  /** Files longer than this are never kept (their copies are large). */
  maxFileChars: number;
}

/**
 * Default bounds: a settings chain is a handful of modules of some 100 KB, plus (for the LMS and
 * Studio) some 40 small files of plugin apps (`pyproject.toml`, `apps.py`, their settings
 * modules); a workspace holds a few services. A copied tree costs some 15 bytes of JavaScript heap
 * per character of source, so the cache holds at most some 60 MB.
 */
export const DEFAULT_PARSE_CACHE_LIMITS: ParseCacheLimits = { maxFiles: 160, maxChars: 4_000_000, maxFileChars: 1_000_000 };

/** How the cache answered, for tests and measurements. */
export interface ParseCacheStats {
  /** Same text as last time: nothing parsed. */
  hits: number;
  /** Parsed whole. */
  fresh: number;
  /** Re-parsed by region from the previous version. */
  incremental: number;
  /** Top-level statements (and comments) taken from the previous version instead of re-parsed. */
  reusedStatements: number;
}

interface Entry {
  parsed: ParsedFile;
  /** The text object of the file's nodes: kept nodes see the new text through it after an edit. */
  source: SourceText;
  /** Versions re-parsed by region since the file was last parsed whole. */
  regions: number;
}

/**
 * A file is parsed whole again after this many re-parses by region. Nodes kept from older
 * versions, and what was derived from them (evaluated literals, comments), hold strings sliced
 * from the text they were parsed from, which keeps that whole text alive: a whole parse now and
 * then bounds how many old texts an editing session keeps (here 64 of them, some 9 MB for a
 * 135 KB module).
 */
const MAX_REGION_PARSES = 64;

/** See the module comment. */
export class ParseCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;
  private disposed = false;
  /** Trees of the files read by the running extraction but not kept. */
  private readonly transient: Tree[] = [];
  readonly stats: ParseCacheStats = { hits: 0, fresh: 0, incremental: 0, reusedStatements: 0 };

  constructor(private readonly limits: ParseCacheLimits = DEFAULT_PARSE_CACHE_LIMITS) {}

  /** Number of files kept. */
  get size(): number {
    return this.entries.size;
  }

  /** Whether the file's kept version is this text. */
  holds(key: string, text: string): boolean {
    return this.entries.get(key)?.parsed.text === text;
  }

  /**
   * The parsed version of `text` for the file `key`: kept if the text is the same, re-parsed by
   * region from the previous version, or parsed whole.
   */
  parse(parser: Parser, key: string, text: string): ParsedFile {
    const entry = this.entries.get(key);
    if (entry !== undefined) {
      // Most recently used last: eviction takes the first.
      this.entries.delete(key);
      this.chars -= entry.parsed.text.length;
      if (entry.parsed.text === text) {
        this.stats.hits++;
        return this.keep(key, entry);
      }
      const next = text.length <= this.limits.maxFileChars && entry.regions < MAX_REGION_PARSES ? this.byRegion(parser, entry, text) : undefined;
      if (next !== undefined) return this.keep(key, next);
    }
    this.stats.fresh++;
    const keep = !(this.disposed || text.length > this.limits.maxFileChars || this.limits.maxFiles === 0);
    const around = new SourceText(text);
    const copied = parseAroundCommentRuns(parser, text, around);
    if (copied !== undefined) {
      const parsed = new ParsedFile(text, copied, entry?.parsed);
      return keep ? this.keep(key, { parsed, source: around, regions: 0 }) : parsed;
    }
    const tree = parseOrThrow(parser, text);
    if (!keep) {
      // Not kept: read through tree-sitter's nodes, its tree deleted when the extraction ends (release).
      this.transient.push(tree);
      return new ParsedFile(text, tree.rootNode, entry?.parsed);
    }
    const source = new SourceText(text);
    try {
      return this.keep(key, { parsed: new ParsedFile(text, copyTree(tree, text, source), entry?.parsed), source, regions: 0 });
    } finally {
      tree.delete();
    }
  }

  /** Deletes the trees of the files read by the extraction that just ended but not kept. */
  release(): void {
    for (const tree of this.transient.splice(0)) tree.delete();
  }

  /** Forgets every file (and deletes the trees of the running extraction's files not kept). */
  clear(): void {
    this.release();
    this.entries.clear();
    this.chars = 0;
  }

  /** Clears the cache for good: from now on nothing is kept (an extraction may still be running). */
  dispose(): void {
    this.disposed = true;
    this.clear();
  }

  private keep(key: string, entry: Entry): ParsedFile {
    this.entries.set(key, entry);
    this.chars += entry.parsed.text.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= this.limits.maxFiles && this.chars <= this.limits.maxChars) break;
      if (k === key) continue;
      this.entries.delete(k);
      this.chars -= e.parsed.text.length;
    }
    return entry.parsed;
  }

  /**
   * Re-parses the region of `text` around the edit and takes the other top-level statements from
   * the previous version. The region grows until its boundaries are ones a whole parse would
   * also see as statement boundaries (see {@link cleanStart}, {@link cleanEnd}); undefined (parse
   * whole) when either version has a syntax error, so that a damaged module is always read as a
   * fresh parse reads it.
   */
  private byRegion(parser: Parser, entry: Entry, text: string): Entry | undefined {
    const old = entry.parsed;
    const oldRoot = old.copy;
    if (oldRoot === undefined || oldRoot.hasError) return undefined;
    const { start, oldEnd, newEnd } = changedRange(old.text, text);
    const delta = newEnd - oldEnd;
    const statements = oldRoot.children;
    // Statements strictly before the edit keep their text and place; strictly after it, their
    // text, moved by `delta`. A statement that touches the edit may have grown into it.
    let head = 0;
    while (head < statements.length && statements[head].endIndex < start) head++;
    let tail = statements.length;
    while (tail > head && statements[tail - 1].startIndex > oldEnd) tail--;
    for (;;) {
      // Comments at the region's edges go where the code around them says: re-read them with it.
      // So does a `\` line continuation kept as a node of its own: the line it joins may belong
      // to a block the edit opened (`if DEBUG:` typed above `\` + an indented statement).
      while (head > 0 && isLoose(statements[head - 1])) head--;
      while (tail < statements.length && isLoose(statements[tail])) tail++;
      const from = head === 0 ? 0 : lineAfter(text, statements[head - 1].endIndex);
      const to = tail === statements.length ? text.length : statements[tail].startIndex + delta;
      if (head > 0 && (from === undefined || !cleanStart(text, from, to))) {
        head--;
        continue;
      }
      if (tail < statements.length && !cleanEnd(text, to)) {
        tail++;
        continue;
      }
      const regionStart = from ?? 0;
      // A backslash before the end of the file: an error in a whole parse, not at a range's end.
      if (to === text.length && /\\\s*$/.test(text.slice(Math.max(regionStart, to - 64)))) return undefined;
      if (statements.slice(tail).some(commaEndsLine)) return undefined;
      // Rows of the kept statements, read before the text object changes (the moved ones move).
      const headEndRow = head > 0 ? statements[head - 1].endPosition.row : -1;
      const tailBefore = tail < statements.length ? statements[tail].startPosition.row : undefined;
      // Parsed in place (tree-sitter's included ranges): the nodes get their final positions.
      entry.source.replace(text);
      const copied = parseAroundCommentRuns(parser, text, entry.source, regionStart, to) ?? parseRange(parser, text, entry.source, regionStart, to);
      if (copied === undefined) return undefined;
      const middle = copied.children;
      // Statements that may read the next line differently after the edit: parse the whole file.
      if (middle.some(commaEndsLine)) return undefined;
      const kids = [...statements.slice(0, head), ...middle, ...statements.slice(tail).map((s) => s.shifted(delta, entry.source))];
      // An empty module is parsed whole: nothing to save, and its node's extent is tree-sitter's to tell.
      if (kids.length === 0) return undefined;
      // The module node spans its statements, from the first token to the end of the text.
      const root = new SyntaxNode(entry.source, oldRoot.type, oldRoot.isNamed, false, kids[0].startIndex, text.length, kids, undefined);
      this.stats.incremental++;
      this.stats.reusedStatements += head + statements.length - tail;
      const region: RegionChange = {
        headEndRow,
        ...(tailBefore !== undefined ? { tailRow: { before: tailBefore, after: kids[head + middle.length].startPosition.row } } : {}),
        middle: { from: head, to: head + middle.length },
      };
      return { parsed: new ParsedFile(text, root, old, region), source: entry.source, regions: entry.regions + 1 };
    }
  }
}

/**
 * The start of the line after `index` when only blank space follows `index` on its line (the
 * statement ending there ends its line); undefined otherwise (`A = 1; B = 2`).
 */
function lineAfter(text: string, index: number): number | undefined {
  for (let i = index; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) return i + 1;
    if (c !== 32 && c !== 9 && c !== 13 && c !== 12) return undefined;
  }
  return text.length;
}

/** A line of the text between `from` and `to`, each in turn. */
function* linesOf(text: string, from: number, to: number): Generator<string> {
  let at = from;
  while (at < to) {
    let end = text.indexOf('\n', at);
    if (end === -1 || end > to) end = to;
    yield text.slice(at, end);
    at = end + 1;
  }
}

/** Python's blank or comment-only line (a form feed counts as blank space). */
const NOT_CODE = /^[ \t\f\r]*(?:#.*)?$/;
/** Keywords that continue the statement above (`else:` after an `if` block, …). */
const CONTINUATION = /^(?:else|elif|except|finally|case)\b/;

/** The last line before `index` (a line start) that holds code, if any. */
function lastCodeLineBefore(text: string, index: number): string | undefined {
  // `end` is where a line ends (its `\n`, or `index` past the text's last line).
  let end = index - 1;
  while (end >= 0) {
    const start = end === 0 ? 0 : text.lastIndexOf('\n', end - 1) + 1;
    const line = text.slice(start, end);
    if (!NOT_CODE.test(line)) return line;
    end = start - 1;
  }
  return undefined;
}

/** A top-level child that is no statement of its own: a comment, a `\` line continuation. */
function isLoose(node: SyntaxNode): boolean {
  return node.type === 'comment' || node.type === 'line_continuation';
}

/**
 * Whether a region starting at `from` (a line start) begins a statement of its own in a whole
 * parse: its first code line starts at column 0 (an indented one would continue the block above,
 * and comments before it would go into that block), does not continue a compound statement,
 * and the statement above cannot run on into it.
 */
function cleanStart(text: string, from: number, to: number): boolean {
  if (mayContinue(lastCodeLineBefore(text, from))) return false;
  for (const line of linesOf(text, from, to)) {
    if (NOT_CODE.test(line)) continue;
    return !/^\s/.test(line) && !CONTINUATION.test(line);
  }
  return true;
}

/**
 * Whether a region ending at `to` (the start of the first statement kept after it) ends where a
 * whole parse ends a statement: that statement starts a line, at column 0, and the region's last
 * line does not continue onto it (a backslash, a trailing comma).
 */
function cleanEnd(text: string, to: number): boolean {
  if (to > 0 && text.charCodeAt(to - 1) !== 10) return false;
  const lineStart = text.lastIndexOf('\n', to - 2) + 1;
  const previous = text.slice(lineStart, Math.max(lineStart, to - 1)).replace(/\r$/, '');
  // A backslash joins the next line, blank or not: `\` then a blank line runs on into the statement after it.
  const code = lastCodeLineBefore(text, to)?.replace(/\r$/, '');
  return !previous.endsWith('\\') && !(code?.endsWith('\\') ?? false) && !mayContinue(code);
}

/**
 * Parses `from..to` of `text` in place (tree-sitter's included ranges: the nodes get their final
 * positions) and copies the tree; undefined when it has a syntax error.
 */
function parseRange(parser: Parser, text: string, source: SourceText, from: number, to: number): SyntaxNode | undefined {
  const range = { startIndex: from, endIndex: to, startPosition: source.pointAt(from), endPosition: source.pointAt(to) };
  const tree = parser.parse(text, null, { includedRanges: [range] });
  if (!tree) return undefined;
  try {
    return tree.rootNode.hasError ? undefined : copyTree(tree, text, source);
  } finally {
    tree.delete();
  }
}

/** Parses and copies `text`, deleting the tree at once (nothing kept). */
export function parseOnce(parser: Parser, text: string, previous?: ParsedFile): ParsedFile {
  const copied = parseAroundCommentRuns(parser, text, new SourceText(text));
  if (copied !== undefined) return new ParsedFile(text, copied, previous);
  const tree = parseOrThrow(parser, text);
  try {
    return new ParsedFile(text, copyTree(tree, text), previous);
  } finally {
    tree.delete();
  }
}

/**
 * Parses a fragment and copies it only when it parsed without a syntax error (recovery re-reads
 * damaged regions piece by piece; a fragment that fails is not read, so not copied).
 */
export function parseClean(parser: Parser, text: string): SyntaxNode | undefined {
  const copied = parseAroundCommentRuns(parser, text, new SourceText(text));
  if (copied !== undefined) return copied;
  const tree = parseOrThrow(parser, text);
  try {
    return tree.rootNode.hasError ? undefined : copyTree(tree, text);
  } finally {
    tree.delete();
  }
}

function parseOrThrow(parser: Parser, text: string): Tree {
  const tree = parser.parse(text);
  if (!tree) throw new ServerError('tree-sitter returned no tree');
  return tree;
}

/** Compared at once: long equal prefixes are compared chunk by chunk, in native code. */
const CHUNK = 2048;

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/**
 * The one range that changed between `before` and `after`: their common prefix and suffix are
 * unchanged; `start..oldEnd` of `before` became `start..newEnd` of `after`. Never splits a
 * surrogate pair.
 */
export function changedRange(before: string, after: string): { start: number; oldEnd: number; newEnd: number } {
  const max = Math.min(before.length, after.length);
  let start = 0;
  while (start + CHUNK <= max && before.slice(start, start + CHUNK) === after.slice(start, start + CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  if (start > 0 && isHighSurrogate(before.charCodeAt(start - 1))) start--;
  const room = max - start;
  let suffix = 0;
  while (suffix + CHUNK <= room && before.slice(before.length - suffix - CHUNK, before.length - suffix) === after.slice(after.length - suffix - CHUNK, after.length - suffix)) suffix += CHUNK;
  while (suffix < room && before.charCodeAt(before.length - 1 - suffix) === after.charCodeAt(after.length - 1 - suffix)) suffix++;
  if (suffix > 0 && isLowSurrogate(before.charCodeAt(before.length - suffix))) suffix--;
  return { start, oldEnd: before.length - suffix, newEnd: after.length - suffix };
}
