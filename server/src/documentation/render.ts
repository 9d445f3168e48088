/**
 * Blocks → Markdown for hovers: paragraphs one line each, literal blocks fenced, titles bold
 * (a hover has no room for headings), admonitions and version notes as block quotes.
 */
import { codeBlock, escapeMarkdownText } from '../common/markdown';
import type { Block, VersionChange } from './blockTypes';
import type { RenderContext } from './context';
import { inlineToMarkdown } from './inline';

/** What a version note says before its version. */
const VERSION_LABELS: Readonly<Record<VersionChange, string>> = {
  added: 'New in version',
  changed: 'Changed in version',
  deprecated: 'Deprecated since version',
};

/** Rendering state that runs on through a document: `.. highlight::` sets the language of later literal blocks. */
interface RenderState {
  ctx: RenderContext;
  language: string;
}

/** `markdown` inside a block quote. */
function quote(markdown: string): string {
  return markdown
    .split('\n')
    .map((l) => (l === '' ? '>' : `> ${l}`))
    .join('\n');
}

/** A quoted block with a bold title line, then its body. */
function titledQuote(title: string, body: string): string {
  return quote(body === '' ? `**${title}**` : `**${title}**\n\n${body}`);
}

/** A list item: the marker before its first line, its other lines indented to the text. */
function listItem(marker: string, body: string): string {
  if (body === '') return marker.trimEnd();
  const pad = ' '.repeat(marker.length);
  return body
    .split('\n')
    .map((l, n) => (n === 0 ? marker + l : l === '' ? '' : pad + l))
    .join('\n');
}

function renderBlock(block: Block, state: RenderState): string {
  switch (block.kind) {
    case 'paragraph': {
      const text = inlineToMarkdown(block.text, state.ctx);
      return block.field === undefined ? text : `**${escapeMarkdownText(block.field)}:** ${text}`.trimEnd();
    }
    case 'literal':
      return codeBlock(block.text, block.language ?? state.language);
    case 'heading':
      return `**${inlineToMarkdown(block.text, state.ctx)}**`;
    case 'list':
      return block.items.map((item, n) => listItem(block.ordered ? `${block.start + n}. ` : '- ', renderAll(item, state))).join('\n');
    case 'admonition':
      return titledQuote(inlineToMarkdown(block.title, state.ctx), renderAll(block.body, state));
    case 'version':
      return titledQuote(escapeMarkdownText(`${VERSION_LABELS[block.change]} ${block.version}`), renderAll(block.body, state));
    case 'highlight':
      state.language = block.language;
      return '';
    case 'setting':
      return '';
  }
}

function renderAll(blocks: readonly Block[], state: RenderState): string {
  const parts: string[] = [];
  for (const b of blocks) {
    const md = renderBlock(b, state);
    if (md !== '') parts.push(md);
  }
  return parts.join('\n\n');
}

/** `blocks` as Markdown, separated by blank lines; literal blocks without a language start with none. */
export function renderBlocks(blocks: readonly Block[], ctx: RenderContext): string {
  return renderAll(blocks, { ctx, language: '' });
}
