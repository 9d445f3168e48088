/**
 * The block structure of reStructuredText that rendering and the settings reference need.
 * Inline text is kept as source (lines joined by spaces) and rendered later, when the links it
 * needs are known.
 */

/** How a version directive names its change. */
export type VersionChange = 'added' | 'changed' | 'deprecated';

/** A block of a document; `line` is the 1-based line it starts on. */
export type Block =
  /** Inline text; `field` is a field list's name (`:Name: text`), degraded to a paragraph. */
  | { kind: 'paragraph'; line: number; text: string; field?: string; introducesLiteral?: boolean }
  /** Preformatted text; `language` undefined means the document's current highlight language. */
  | { kind: 'literal'; line: number; text: string; language?: string }
  /** A section title; `style` is its adornment (`o=` over- and underlined with `=`, `-` underlined only). */
  | { kind: 'heading'; line: number; text: string; style: string }
  | { kind: 'list'; line: number; ordered: boolean; start: number; items: Block[][] }
  /** A note, warning, seealso or titled admonition; `title` is inline source. */
  | { kind: 'admonition'; line: number; title: string; body: Block[] }
  | { kind: 'version'; line: number; change: VersionChange; version: string; body: Block[] }
  /** A `.. setting:: NAME` target; `column0` tells a top-level target from one nested in another block. */
  | { kind: 'setting'; line: number; name: string; column0: boolean }
  /** `.. highlight:: language`: the language of later literal blocks. */
  | { kind: 'highlight'; line: number; language: string };
