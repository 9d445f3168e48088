/**
 * The parts of one settings-reference entry's body: its `Default:` line, its version notes and
 * the rest, which is the description.
 */
import type { Block, VersionChange } from './blockTypes';
import type { RenderContext } from './context';
import { inlineToPlainText } from './inline';
import { renderBlocks } from './render';

/** A `versionadded`, `versionchanged` or `deprecated` directive of an entry. */
export interface VersionNote {
  kind: VersionChange;
  version: string;
  /** Markdown, may be empty. */
  text: string;
}

/** An entry's body split into its parts, rendered. */
export interface EntryParts {
  /** Markdown of the body without the default and the version notes. */
  description: string;
  /** The default as plain text (not Markdown), when the body states one. */
  defaultText?: string;
  versionNotes: VersionNote[];
}

const DEFAULT = /^Default:(?:\s+|$)/;

/** Blocks that come before the `Default:` line without being content: version notes and Sphinx settings. */
const isPreamble = (b: Block): boolean => b.kind === 'version' || b.kind === 'highlight' || b.kind === 'setting';

/**
 * Where the default is stated: the first content block when it is a `Default:` paragraph,
 * with the literal block a `Default::` introduces. `[start, end)` in `body`.
 */
function findDefault(body: readonly Block[], ctx: RenderContext): { start: number; end: number; text?: string } | undefined {
  const at = body.findIndex((b) => !isPreamble(b));
  const block = body[at];
  if (block === undefined || block.kind !== 'paragraph' || block.field !== undefined || !DEFAULT.test(block.text)) return undefined;
  const rest = block.text.replace(DEFAULT, '');
  const next = body[at + 1];
  if (block.introducesLiteral === true && rest === '' && next !== undefined && next.kind === 'literal') return { start: at, end: at + 2, text: next.text };
  // A `Default:` that states nothing is no description either.
  if (rest === '') return { start: at, end: at + 1 };
  return { start: at, end: at + 1, text: inlineToPlainText(rest, ctx).trim() };
}

/** Splits and renders an entry's body (the blocks after its title). */
export function entryParts(body: readonly Block[], ctx: RenderContext): EntryParts {
  const found = findDefault(body, ctx);
  const rest: Block[] = [];
  const versionNotes: VersionNote[] = [];
  body.forEach((b, n) => {
    if (found !== undefined && n >= found.start && n < found.end) return;
    if (b.kind === 'version') versionNotes.push({ kind: b.change, version: b.version, text: renderBlocks(b.body, ctx) });
    else rest.push(b);
  });
  const description = renderBlocks(rest, ctx);
  return found?.text === undefined ? { description, versionNotes } : { description, defaultText: found.text, versionNotes };
}
