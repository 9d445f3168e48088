/**
 * The document model's data types. A YAML config file is held as a sequence of *segments*:
 * each starts at a column-0 line (a top-level key, a `---`/`...` marker, a `%` directive, or a
 * template line) and runs to the next one. Segments are parsed on their own, with offsets
 * relative to their own text, so an edit re-parses only the segments it touched and every other
 * segment object is reused as is. The model places segments in the document.
 */
import type { Node } from 'yaml';
import type { LineIndex } from './lineIndex';

/** Half-open range `[start, end)` of UTF-16 offsets. */
export interface OffsetRange {
  readonly start: number;
  readonly end: number;
}

/**
 * What a segment's first line is.
 * - `entry`: a column-0 key (`NAME: value`, or a half-typed `NAME`);
 * - `marker`: `---`, `...` or a `%` directive;
 * - `template`: a column-0 Jinja line (`{{ patch("lms-env") }}`, `{% include … %}`);
 * - `start`: the lines before the first of those (leading comments, or a JSON-style document).
 */
export type SegmentKind = 'entry' | 'marker' | 'template' | 'start';

/** Which marker a `marker` segment starts with. */
export type MarkerKind = 'document-start' | 'document-end' | 'directive';

/** A problem found while parsing one segment; offsets relative to the segment. */
export interface SegmentProblem {
  readonly rule: 'yaml-syntax' | 'duplicate-key';
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** One top-level `key: value` pair of a segment; offsets relative to the segment. */
export interface SegmentPair {
  /** The key as PyYAML reads it (the scalar's value; source text for non-scalar keys). */
  readonly key: string;
  /** Key node (a `Scalar` for every ordinary key). */
  readonly keyNode: Node;
  /** Value node; `null` for `KEY:` with nothing after it, or a half-typed `KEY`. */
  readonly value: Node | null;
  readonly keyRange: OffsetRange;
  /** From the key's start to the value's end (comments after the value excluded). */
  readonly range: OffsetRange;
  /** Whether the key itself is (part of) a template expression. */
  readonly templatedKey: boolean;
  /** Whether the pair has no `:` (a half-typed key). */
  readonly incomplete: boolean;
}

/**
 * A `# openedx-config: …` comment. `ida` is the modeline; `disable` lists rule ids
 * (`*` for all rules).
 */
export interface Directive {
  /** Line relative to the segment's first line. */
  readonly line: number;
  /** Whether the comment follows content on its line (then it applies to that line). */
  readonly trailing: boolean;
  readonly ida?: string;
  readonly disable?: readonly string[];
}

/** An anchor (`&name`) defined in a segment; offset relative to the segment. */
export interface AnchorDefinition {
  readonly name: string;
  readonly offset: number;
  readonly node: Node;
}

/**
 * Where an alias stands when PyYAML's safe loader needs to know what it points to: as the value of
 * a merge key (`<<: *a`, must be a mapping), as an item of a merge list (`<<: [*a]`, likewise), or
 * as a mapping key (`*a : 1`, must not be a list or a mapping).
 */
export type AliasRole = 'merge' | 'merge-item' | 'key';

/** An alias (`*name`) used in a segment; offsets relative to the segment. */
export interface AliasUse {
  readonly name: string;
  readonly start: number;
  readonly end: number;
  readonly role?: AliasRole;
}

/** One parsed segment. Immutable, position-independent, and shared between model versions. */
export interface Segment {
  readonly kind: SegmentKind;
  readonly marker?: MarkerKind;
  /** The segment's source text, including the line break that ends its last line. */
  readonly text: string;
  /** The parsed top-level node (ranges relative to `text`); `null` when there is no content. */
  readonly root: Node | null;
  /** Top-level pairs, in order (usually one). */
  readonly pairs: readonly SegmentPair[];
  readonly problems: readonly SegmentProblem[];
  /** Template spans (relative), sorted. */
  readonly templateSpans: readonly OffsetRange[];
  /** Whether a line consists only of a template statement (`{% include %}`, `{{ patch() }}`). */
  readonly hasTemplateLine: boolean;
  /** Whether a template control statement (`{% if %}`, `{% for %}`) appears. */
  readonly hasTemplateControl: boolean;
  readonly directives: readonly Directive[];
  readonly anchors: readonly AnchorDefinition[];
  readonly aliases: readonly AliasUse[];
  /** Whether the segment holds YAML content (not only comments and blank lines). */
  readonly hasContent: boolean;
  /**
   * Whether the segment was not parsed (degraded mode): `pairs` then come from a line scan, and
   * the segment may hold a run of entries (up to `MAX_UNPARSED_SEGMENT_LINES` lines).
   */
  readonly unparsed: boolean;
}

/** A top-level key of the document, placed at its absolute position. */
export interface TopLevelEntry {
  readonly key: string;
  /** Absolute range of the key. */
  readonly keyRange: OffsetRange;
  /** Absolute range from the key to the end of its value. */
  readonly range: OffsetRange;
  /** The value node; its ranges are relative to the segment, add `base`. */
  readonly value: Node | null;
  readonly keyNode: Node;
  /** Absolute offset of the segment start: add it to node ranges. */
  readonly base: number;
  readonly segment: Segment;
  readonly segmentIndex: number;
  /** 0 for the (only) document PyYAML reads; higher for extra `---` documents. */
  readonly documentIndex: number;
  readonly pair: SegmentPair;
}

/** Why a document is only checked line by line. */
export interface DegradedMode {
  readonly reason: 'too-large';
  readonly length: number;
  readonly limit: number;
}

/** An edit, as in LSP's `TextDocumentContentChangeEvent`: a range replacement, or the whole text. */
export interface TextChange {
  readonly range?: { readonly start: { line: number; character: number }; readonly end: { line: number; character: number } };
  readonly text: string;
}

/** What is known of the bytes a text was decoded from (see {@link ModelOptions.decoded}). */
export interface DecodedText {
  /** Offset of the U+FFFD that stands for the first byte that is not valid UTF-8; absent when every byte was. */
  readonly invalidAt?: number;
  /** That byte's value. */
  readonly byte?: number;
}

/** Options that travel with a model through its edits. */
export interface ModelOptions {
  /**
   * Set when the text was decoded from the file's bytes by the caller (the CLI): every U+FFFD but
   * the one at `invalidAt` is then a real character, which PyYAML accepts. Absent (an editor's
   * text, which its client decoded), a U+FFFD may be the trace of a byte PyYAML refuses.
   */
  readonly decoded?: DecodedText;
  /** Document URI (used for code-action edits and the development-file check). */
  readonly uri?: string;
  /** Override of {@link MAX_PARSED_DOCUMENT_LENGTH} (tests). */
  readonly maxParsedLength?: number;
}

/** The whole document: immutable; {@link applyEdit} returns a new model sharing unchanged segments. */
export interface YamlModel {
  readonly uri: string;
  readonly text: string;
  readonly lines: LineIndex;
  readonly segments: readonly Segment[];
  /** Absolute start offset of each segment. */
  readonly segmentStarts: readonly number[];
  /** Absolute first line of each segment. */
  readonly segmentLines: readonly number[];
  /** YAML document index of each segment (see {@link TopLevelEntry.documentIndex}). */
  readonly segmentDocuments: readonly number[];
  readonly entries: readonly TopLevelEntry[];
  /** Set when the document is too large to parse. */
  readonly degraded?: DegradedMode;
  /** Whether any template span or template line exists. */
  readonly templated: boolean;
  readonly options: ModelOptions;
}
