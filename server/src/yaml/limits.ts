/**
 * Limits that keep the document model calm on pathological input. They are
 * constants rather than settings: they protect the process, not a preference.
 */

/** Documents longer than this (UTF-16 code units) are not parsed: only line checks run. */
export const MAX_PARSED_DOCUMENT_LENGTH = 1_048_576;

/**
 * Lines one unparsed segment spans at most: a document too large to parse is held as runs of
 * lines, not as a segment per line, so its model stays a small multiple of its text.
 */
export const MAX_UNPARSED_SEGMENT_LINES = 256;

/** Syntax problems kept per segment; the first ones are what a user fixes first. */
export const MAX_PROBLEMS_PER_SEGMENT = 5;

/** A template statement left open (`{% if` without `%}`) swallows at most this many lines. */
export const MAX_TEMPLATE_HEAD_LINES = 100;

/** Deepest node nesting any walker descends into; deeper content is left unchecked. */
export const MAX_WALK_DEPTH = 128;

/** Alias dereferences allowed in one walk over a value (guards "billion laughs" documents). */
export const MAX_ALIAS_EXPANSIONS = 1_000;

/** Nodes visited in one walk over a value before the walk gives up. */
export const MAX_WALK_NODES = 200_000;
