/**
 * The limits every parse of reStructuredText keeps, so that a hostile or broken document costs
 * bounded time and memory.
 */

/** Longest input read, in UTF-16 code units (≈ 2 MB): Django's settings reference is about 130 kB. */
export const MAX_INPUT_CHARS = 2 * 1024 * 1024;

/** Deepest nesting of lists, directives and indented blocks parsed as structure; deeper text stays paragraphs. */
export const MAX_NESTING = 16;

/** Most problems reported for one document. */
export const MAX_PROBLEMS = 100;
