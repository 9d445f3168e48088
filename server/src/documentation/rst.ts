/**
 * reStructuredText → Markdown for hovers: the subset Django's reference documentation uses.
 */
import { MAX_INPUT_CHARS } from './bounds';
import { parseBlocks } from './blocks';
import type { RstOptions } from './context';
import { splitLines } from './lines';
import { renderBlocks } from './render';
import { collectTargets } from './targets';

export type { RstOptions } from './context';

/**
 * Converts a block of reStructuredText (the subset Django's settings reference uses) to Markdown
 * for VS Code hovers. `options.settingUrl(name)` gives the link for a `:setting:` role
 * (undefined → a plain code span); `options.docBaseUrl` is the root absolute `:doc:` paths link
 * into. All text of the source is escaped: it cannot produce images, HTML or links of its own.
 * Input longer than 2 MB gives the empty string. Never throws.
 */
export function rstToMarkdown(rst: string, options: RstOptions = {}): string {
  if (rst.length > MAX_INPUT_CHARS) return '';
  const lines = splitLines(rst);
  return renderBlocks(parseBlocks(lines), { ...options, targets: collectTargets(lines) });
}
