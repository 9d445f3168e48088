/**
 * A fast path for the commonest segments of a config file: `KEY: value` lines, and block mappings
 * and block sequences of such values nested under a key, with plain or simply quoted scalars (or
 * nothing) as values. Such a segment is turned into exactly the nodes `yaml`'s `parseDocument`
 * builds for it (same classes, values, ranges, sources, types and formats, with scalars resolved by
 * the same YAML 1.1 tags), without running its lexer, parser and composer. Anything else (comments
 * or blank lines inside, flow collections, anchors, tags, block scalars, multi-line scalars, tabs,
 * duplicate or non-string keys, anything the tags would complain about) is left to `yaml`.
 *
 * Why: most of a freshly opened document's first validation is the `yaml` package parsing
 * hundreds of segments while V8 still interprets its code; config files are mostly such segments.
 * A differential test holds this module to `parseDocument`'s output.
 */
import { Document, isScalar, Pair, Scalar, YAMLMap, YAMLSeq, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

/** The options segments are parsed with (see parseSegment.ts). */
export type SegmentParseOptions = ParseOptions & DocumentOptions & SchemaOptions;

/** A tag of `yaml`'s schema, as far as scalar resolution uses it. */
interface ScalarTag {
  default?: boolean | 'key';
  test?: RegExp;
  format?: string;
  collection?: string;
  resolve(value: string, onError: (message: string) => void, options: unknown): unknown;
}

/** `yaml`'s schema for one set of options: its tags, the string tag, and the options tags receive. */
interface ResolvedSchema {
  schema: Document['schema'];
  tags: readonly ScalarTag[];
  stringTag: ScalarTag;
  options: unknown;
}

const schemas = new WeakMap<object, ResolvedSchema>();

function schemaFor(options: SegmentParseOptions): ResolvedSchema {
  let resolved = schemas.get(options);
  if (resolved === undefined) {
    const doc = new Document(null, options);
    const schema = doc.schema;
    // `yaml` keeps its tags and its fallback string tag in these (typed as internal) members.
    const internal = schema as unknown as { tags: ScalarTag[]; [key: symbol]: ScalarTag };
    const stringTag = internal[Symbol.for('yaml.scalar')];
    resolved = { schema, tags: internal.tags, stringTag, options: doc.options };
    schemas.set(options, resolved);
  }
  return resolved;
}

/** Longest segment tried: beyond that, the time saved no longer matters. */
const MAX_LENGTH = 65_536;

// The value after `KEY:` or `-`, then trailing spaces: a double-quoted string without escapes, a
// single-quoted string without quotes in it, or a plain scalar of printable ASCII that starts with
// no indicator, holds no `#`, `: ` or tab, and does not end with `:`. A `-` may start a plain
// scalar when a digit, letter or `.` follows (`-1`).
const VALUE = String.raw`(?:"([ !#-[\]-~]*)"|'([ -&(-~]*)'|((?:[A-Za-z0-9_./+~$=()^;\\<]|-[A-Za-z0-9.])(?:[ !"$-9;-~]|:(?=[!-~]))*?))`;
/** `KEY:`, optionally spaces and a value, then spaces: groups key, gap, double, single, plain, trailing. */
const MAP_LINE = new RegExp(String.raw`^([A-Za-z_][A-Za-z0-9_.-]*):(?:( +)${VALUE})?( *)$`);
/** `- value` then spaces: groups gap, double, single, plain, trailing. */
const SEQ_LINE = new RegExp(String.raw`^-( +)${VALUE}( *)$`);

/** One line of the segment: where its text starts and ends (before the line break) and the next begins. */
interface Line {
  readonly start: number;
  readonly end: number;
  readonly next: number;
  readonly indent: number;
  readonly text: string;
}

function splitLines(text: string): Line[] | undefined {
  const lines: Line[] = [];
  let start = 0;
  while (start < text.length) {
    let end = text.indexOf('\n', start);
    const next = end < 0 ? text.length : end + 1;
    if (end < 0) end = text.length;
    else if (end > start && text.charCodeAt(end - 1) === 13) end--;
    const raw = text.slice(start, end);
    if (raw.includes('\t') || raw.includes('\r')) return undefined;
    let indent = 0;
    while (indent < raw.length && raw.charCodeAt(indent) === 32) indent++;
    lines.push({ start, end, next, indent, text: raw.slice(indent) });
    start = next;
  }
  return lines;
}

/** A line `yaml` reads as nothing at the end of a document: empty, or a comment in column 0. */
function isTrailing(line: Line): boolean {
  return line.indent === 0 && (line.text === '' || line.text.startsWith('#'));
}

/**
 * The root of `parseDocument(text, options)` when `text` is a simple segment (see the module
 * comment), possibly followed by blank lines and column-0 comments, built directly; undefined for
 * any other text, which `yaml` must then parse.
 */
export function parseSimpleEntry(text: string, options: SegmentParseOptions): YAMLMap | undefined {
  if (text.length > MAX_LENGTH || text.charCodeAt(0) === 0xfeff) return undefined;
  const lines = splitLines(text);
  if (lines === undefined) return undefined;
  let count = lines.length;
  while (count > 0 && isTrailing(lines[count - 1])) count--;
  if (count === 0 || lines[0].indent !== 0) return undefined;
  const parser = new BlockParser(lines.slice(0, count), schemaFor(options));
  const root = parser.map(0);
  if (root === undefined || parser.failed || parser.at !== count) return undefined;
  // Blank lines and column-0 comments after a value become the document's comment in `yaml` and
  // change none of the nodes; after an empty value, a comment joins that value.
  if (count < lines.length && endsEmpty(root)) return undefined;
  return root;
}

/** Whether the last value of a collection, at any depth, is an empty scalar. */
function endsEmpty(node: YAMLMap | YAMLSeq): boolean {
  const last = node instanceof YAMLMap ? node.items[node.items.length - 1]?.value : node.items[node.items.length - 1];
  if (last instanceof YAMLMap || last instanceof YAMLSeq) return endsEmpty(last);
  return isScalar(last) && last.source === '' && last.type === Scalar.PLAIN;
}

/** Builds the nodes of simple block collections line by line; sets `failed` at anything else. */
class BlockParser {
  at = 0;
  failed = false;

  constructor(
    private readonly lines: readonly Line[],
    private readonly resolved: ResolvedSchema,
  ) {}

  private readonly onError = (): void => {
    this.failed = true;
  };

  /** A block mapping whose keys are at `indent`. */
  map(indent: number): YAMLMap | undefined {
    const map = new YAMLMap(this.resolved.schema);
    const keys = new Set<string>();
    while (this.at < this.lines.length && !this.failed) {
      const line = this.lines[this.at];
      if (line.indent < indent) break;
      const m = line.indent === indent ? MAP_LINE.exec(line.text) : null;
      if (m === null) return this.fail();
      const [, keySource, gap, doubleQuoted, singleQuoted, plain] = m;
      const keyStart = line.start + indent;
      const key = this.plain(keySource, keyStart, keyStart + keySource.length, true);
      if (key === undefined || typeof key.value !== 'string' || keys.has(key.value)) return this.fail();
      keys.add(key.value);
      this.at++;
      const valueStart = keyStart + keySource.length + 1 + (gap?.length ?? 0);
      let value: Scalar | YAMLMap | YAMLSeq | undefined;
      if (doubleQuoted !== undefined || singleQuoted !== undefined || plain !== undefined) {
        value = this.scalar(doubleQuoted, singleQuoted, plain, valueStart, line.next);
      } else {
        value = this.nested(indent, line.end);
      }
      if (value === undefined) return this.fail();
      map.items.push(new Pair(key, value));
    }
    return this.close(map, (map.items[0]?.key as Scalar | undefined)?.range?.[0]);
  }

  /** A block sequence whose dashes are at `indent`. */
  seq(indent: number): YAMLSeq | undefined {
    const seq = new YAMLSeq(this.resolved.schema);
    let first: number | undefined;
    while (this.at < this.lines.length && !this.failed) {
      const line = this.lines[this.at];
      if (line.indent < indent || (line.indent === indent && !line.text.startsWith('-'))) break;
      const m = line.indent === indent ? SEQ_LINE.exec(line.text) : null;
      if (m === null) return this.fail();
      const [, gap, doubleQuoted, singleQuoted, plain] = m;
      first ??= line.start + indent;
      this.at++;
      const item = this.scalar(doubleQuoted, singleQuoted, plain, line.start + indent + 1 + gap.length, line.next);
      if (item === undefined) return this.fail();
      seq.items.push(item);
    }
    return this.close(seq, first);
  }

  /** The value of a key with nothing after its `:`: what the next lines hold, or an empty scalar at `lineEnd`. */
  private nested(indent: number, lineEnd: number): Scalar | YAMLMap | YAMLSeq | undefined {
    const next = this.lines[this.at];
    const isSeq = next !== undefined && next.text.startsWith('-');
    // A sequence may sit at its key's own indentation; a mapping may not.
    if (next !== undefined && (next.indent > indent || (next.indent === indent && isSeq))) return isSeq ? this.seq(next.indent) : this.map(next.indent);
    return this.plain('', lineEnd, lineEnd, false);
  }

  /** Sets the range of a finished collection: from its first item to the end of its last value. */
  private close<T extends YAMLMap | YAMLSeq>(node: T, start: number | undefined): T | undefined {
    const last: unknown = node instanceof YAMLMap ? node.items[node.items.length - 1]?.value : node.items[node.items.length - 1];
    const end = (last as { range?: [number, number, number] } | undefined)?.range?.[2];
    if (start === undefined || end === undefined || this.failed) return this.fail();
    node.range = [start, end, end];
    return node;
  }

  private fail(): undefined {
    this.failed = true;
    return undefined;
  }

  private scalar(doubleQuoted: string | undefined, singleQuoted: string | undefined, plain: string | undefined, start: number, nodeEnd: number): Scalar | undefined {
    if (plain !== undefined) return this.plain(plain, start, nodeEnd, false);
    const content = doubleQuoted ?? singleQuoted ?? '';
    const scalar = scalarOf(this.resolved.stringTag.resolve(content, this.onError, this.resolved.options), [start, start + content.length + 2, nodeEnd], content);
    scalar.type = doubleQuoted !== undefined ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
    return scalar;
  }

  /** A plain scalar resolved as `yaml`'s composer resolves it (first default tag whose test matches). */
  private plain(source: string, start: number, nodeEnd: number, atKey: boolean): Scalar | undefined {
    const tag = this.resolved.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source) === true) ?? this.resolved.stringTag;
    if (tag.collection !== undefined) return undefined;
    const scalar = scalarOf(tag.resolve(source, this.onError, this.resolved.options), [start, start + source.length, nodeEnd], source);
    scalar.type = Scalar.PLAIN;
    if (tag.format !== undefined) scalar.format = tag.format;
    return scalar;
  }
}

/** A scalar with its range and source, set in the order `yaml` sets them (same property order). */
function scalarOf(resolvedValue: unknown, range: [number, number, number], source: string): Scalar {
  const scalar = isScalar(resolvedValue) ? resolvedValue : new Scalar(resolvedValue);
  scalar.range = range;
  scalar.source = source;
  return scalar;
}
