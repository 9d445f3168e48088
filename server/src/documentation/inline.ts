/**
 * Inline reStructuredText rendered as Markdown (for hovers) or as plain text (for values such as
 * a setting's default). Every piece of source text passes through `common/markdown.ts`, so the
 * source can never produce live Markdown of its own: no images, no HTML, no links but ours.
 */
import { codeLink, escapeMarkdownText, inlineCode, markdownLink } from '../common/markdown';
import type { RenderContext } from './context';
import { scanInline, type InlineToken } from './inlineScan';
import { viewRole, type RoleView } from './roles';
import { isSafeUrl, resolveTarget } from './targets';

/** Bare web addresses in plain text; their trailing punctuation is the sentence's. */
const BARE_URL = /\bhttps?:\/\/[^\s<>`"]+/g;
/** A simple reference `name_` or `name__`, after a non-word character; the name is bounded so a long word costs little. */
const SIMPLE_REFERENCE = /(^|[^\w`])([A-Za-z0-9](?:[\w.+-]{0,80}[A-Za-z0-9])?)__?(?![\w])/g;

/** A reference's label and destination: `text <url>`, `text <name_>` or a target's name. */
function viewReference(content: string, ctx: RenderContext): { label: string; url?: string } {
  const flat = content.replace(/\s+/g, ' ').trim();
  const open = flat.lastIndexOf('<');
  if (flat.endsWith('>') && open !== -1 && (open === 0 || flat[open - 1] === ' ')) {
    const label = flat.slice(0, open).trim();
    // Whitespace inside an embedded URI is line wrapping, not part of it.
    const target = flat.slice(open + 1, -1).replace(/ /g, '');
    const url = target.endsWith('_') ? resolveTarget(ctx.targets, target.slice(0, -1).replace(/^`|`$/g, '')) : target;
    const shown = label === '' ? target : label;
    return url !== undefined && isSafeUrl(url) ? { label: shown, url } : { label: shown };
  }
  const url = resolveTarget(ctx.targets, flat);
  return url !== undefined && isSafeUrl(url) ? { label: flat, url } : { label: flat };
}

/** Characters that end a sentence rather than a URL when they come last. */
const TRAILING = '.,;:!?\'")]';

/** `url` without the sentence punctuation after it; a `)` stays when the URL opened one (Wikipedia-style paths). */
function withoutTrailingPunctuation(url: string): string {
  const balanced = url.includes('(');
  let end = url.length;
  while (end > 0 && TRAILING.includes(url[end - 1]) && !(balanced && url[end - 1] === ')')) end--;
  return url.slice(0, end);
}

/** Plain text with its bare URLs and known simple references as links, the rest escaped. */
function plainToMarkdown(text: string, ctx: RenderContext): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(BARE_URL)) {
    const url = withoutTrailingPunctuation(m[0]);
    const at = m.index ?? 0;
    out += referencesToMarkdown(text.slice(last, at), ctx) + markdownLink(url, url);
    last = at + url.length;
  }
  return out + referencesToMarkdown(text.slice(last), ctx);
}

/** Escaped text with `name_` references to known targets as links. */
function referencesToMarkdown(text: string, ctx: RenderContext): string {
  if (ctx.targets.size === 0 || !text.includes('_')) return escapeMarkdownText(text);
  let out = '';
  let last = 0;
  for (const m of text.matchAll(SIMPLE_REFERENCE)) {
    const url = resolveTarget(ctx.targets, m[2]);
    if (url === undefined || !isSafeUrl(url)) continue;
    const at = (m.index ?? 0) + m[1].length;
    out += escapeMarkdownText(text.slice(last, at)) + markdownLink(m[2], url);
    last = (m.index ?? 0) + m[0].length;
  }
  return out + escapeMarkdownText(text.slice(last));
}

/** A role as Markdown. */
function roleToMarkdown(view: RoleView): string {
  switch (view.style) {
    case 'code':
      return view.url === undefined ? inlineCode(view.label) : codeLink(view.label, view.url);
    case 'emphasis':
      return `*${escapeMarkdownText(view.label)}*`;
    case 'strong':
      return `**${escapeMarkdownText(view.label)}**`;
    case 'text':
      return view.url === undefined ? escapeMarkdownText(view.label) : markdownLink(view.label, view.url);
  }
}

/** One token as Markdown. */
function tokenToMarkdown(token: InlineToken, ctx: RenderContext): string {
  switch (token.kind) {
    case 'text':
      return plainToMarkdown(token.text, ctx);
    case 'literal':
      return inlineCode(token.text);
    case 'emphasis':
      return `*${escapeMarkdownText(token.text)}*`;
    case 'strong':
      return `**${escapeMarkdownText(token.text)}**`;
    case 'role':
      return roleToMarkdown(viewRole(token.role, token.content, ctx));
    case 'reference': {
      const { label, url } = viewReference(token.content, ctx);
      return url === undefined ? escapeMarkdownText(label) : markdownLink(label, url);
    }
    case 'interpreted':
      return `*${escapeMarkdownText(token.content)}*`;
  }
}

/** One token as the text a reader sees. */
function tokenToPlainText(token: InlineToken, ctx: RenderContext): string {
  switch (token.kind) {
    case 'text':
    case 'literal':
    case 'emphasis':
    case 'strong':
      return token.text;
    case 'role':
      return viewRole(token.role, token.content, ctx).label;
    case 'reference':
      return viewReference(token.content, ctx).label;
    case 'interpreted':
      return token.content;
  }
}

/**
 * A paragraph's inline reStructuredText as one line of Markdown: literals and code-like roles
 * as code spans, emphasis kept, links only to web addresses, everything else escaped text.
 */
export function inlineToMarkdown(text: string, ctx: RenderContext): string {
  return scanInline(text)
    .map((t) => tokenToMarkdown(t, ctx))
    .join('');
}

/** Inline reStructuredText as the plain text it shows (literals unwrapped, roles as their labels): not Markdown. */
export function inlineToPlainText(text: string, ctx: RenderContext): string {
  return scanInline(text)
    .map((t) => tokenToPlainText(t, ctx))
    .join('');
}
