/**
 * A fast path for the commonest segment of a config file: one line, `KEY: value`, with a plain or
 * simply quoted scalar (or nothing) as the value. Such a line is turned into exactly the nodes
 * `yaml`'s `parseDocument` builds for it (same classes, values, ranges, sources, types and formats,
 * with scalars resolved by the same YAML 1.1 tags), without running its lexer, parser and composer.
 * Anything else, or anything the tags would complain about, is left to `yaml`.
 *
 * Why: most of a freshly opened document's first validation is the `yaml` package parsing hundreds
 * of one-line segments while V8 still interprets its code; config files are mostly such lines.
 * A differential test holds this module to `parseDocument`'s output.
 */
import { Document, isScalar, Pair, Scalar, YAMLMap, type DocumentOptions, type ParseOptions, type SchemaOptions } from 'yaml';

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

// KEY, `:`, spaces, then the value with its trailing spaces, then the line end. The value is a
// double-quoted string without escapes, a single-quoted string without quotes in it, or a plain
// scalar of printable ASCII that starts with no indicator, holds no `#`, `: ` or tab, and does
// not end with `:`. A `-` may start a plain scalar when a digit, letter or `.` follows (`-1`).
const SIMPLE_ENTRY =
  /^([A-Za-z_][A-Za-z0-9_]*):(?:( +)(?:"([ !#-[\]-~]*)"|'([ -&(-~]*)'|((?:[A-Za-z0-9_./+~$=()^;\\<]|-[A-Za-z0-9.])(?:[ !"$-9;-~]|:(?=[!-~]))*?)))?( *)(\r?\n)?$/;

/** Lines that are empty or start with `#`. */
const TRAILING_COMMENTS = /^(?:(?:#[^\r\n]*)?\r?\n)*(?:#[^\r\n]*)?$/;

function isEmptyValue(map: YAMLMap): boolean {
  const value = map.items[0]?.value;
  return isScalar(value) && value.source === '' && value.type === Scalar.PLAIN;
}

/**
 * The root of `parseDocument(text, options)` when `text` is one simple `KEY: value` line (see the
 * module comment), possibly followed by blank lines and column-0 comments, built directly;
 * undefined for any other text, which `yaml` must then parse.
 */
export function parseSimpleEntry(text: string, options: SegmentParseOptions): YAMLMap | undefined {
  if (text.length > 4096) return undefined;
  const newline = text.indexOf('\n');
  if (newline >= 0 && newline < text.length - 1) {
    // Blank lines and column-0 comments after a value become the document's comment in `yaml`,
    // and change none of the nodes; anything else (an indented comment joins the value) does.
    if (!TRAILING_COMMENTS.test(text.slice(newline + 1))) return undefined;
    const entry = parseSimpleEntry(text.slice(0, newline + 1), options);
    return entry !== undefined && !isEmptyValue(entry) ? entry : undefined;
  }
  const m = SIMPLE_ENTRY.exec(text);
  if (m === null) return undefined;
  const [, keySource, gap, doubleQuoted, singleQuoted, plain, trailing] = m;
  const resolved = schemaFor(options);

  let failed = false;
  const onError = (): void => {
    failed = true;
  };
  const key = plainScalar(keySource, 0, keySource.length, true, resolved, onError);
  if (key === undefined || typeof key.value !== 'string') return undefined;

  const valueStart = keySource.length + 1 + (gap?.length ?? 0);
  let value: Scalar | undefined;
  if (doubleQuoted !== undefined || singleQuoted !== undefined) {
    const content = doubleQuoted ?? singleQuoted ?? '';
    value = scalarOf(resolved.stringTag.resolve(content, onError, resolved.options), [valueStart, valueStart + content.length + 2, text.length], content);
    value.type = doubleQuoted !== undefined ? Scalar.QUOTE_DOUBLE : Scalar.QUOTE_SINGLE;
  } else if (plain !== undefined) {
    value = plainScalar(plain, valueStart, text.length, false, resolved, onError);
  } else {
    // No value: `yaml` places the empty scalar at the end of the line, after any spaces.
    const lineEnd = valueStart + trailing.length;
    value = plainScalar('', lineEnd, lineEnd, false, resolved, onError);
  }
  if (value === undefined) return undefined;
  if (failed) return undefined;

  const map = new YAMLMap(resolved.schema);
  map.items.push(new Pair(key, value));
  const end = value.range?.[2] ?? text.length;
  map.range = [0, end, end];
  return map;
}

/** A plain scalar resolved as `yaml`'s composer resolves it (first default tag whose test matches). */
function plainScalar(source: string, start: number, nodeEnd: number, atKey: boolean, resolved: ResolvedSchema, onError: () => void): Scalar | undefined {
  const tag = resolved.tags.find((t) => (t.default === true || (atKey && t.default === 'key')) && t.test?.test(source) === true) ?? resolved.stringTag;
  if (tag.collection !== undefined) return undefined;
  const scalar = scalarOf(tag.resolve(source, onError, resolved.options), [start, start + source.length, nodeEnd], source);
  scalar.type = Scalar.PLAIN;
  if (tag.format !== undefined) scalar.format = tag.format;
  return scalar;
}

/** A scalar with its range and source, set in the order `yaml` sets them (same property order). */
function scalarOf(resolvedValue: unknown, range: [number, number, number], source: string): Scalar {
  const scalar = isScalar(resolvedValue) ? resolvedValue : new Scalar(resolvedValue);
  scalar.range = range;
  scalar.source = source;
  return scalar;
}
