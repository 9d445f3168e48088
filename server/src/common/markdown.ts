/**
 * Markdown escaping for text that comes from outside the extension (settings sources, schema
 * files, YAML keys): each function returns Markdown that renders the text literally, so it can
 * never open a heading, a link, an image, raw HTML or close a code block it is placed in.
 * CommonMark rules; GitHub's extensions (tables `|`, strikethrough `~`) are escaped too.
 */

/** Characters that can start inline or block structure anywhere on a line. */
const PUNCTUATION = /[\\`*_[\]<>#!|~{}&]/g;

/** Line starts that open a list, a setext underline or a thematic break (after the escaping above). */
const LINE_START = /^([ \t]*)([-+=])/gm;

/** `1.` / `1)` at a line start opens an ordered list. */
const ORDERED_LIST = /^([ \t]*\d{1,9})([.)])/gm;

/** CRLF and lone CR are line endings to CommonMark: one form, so line-start rules see every line. */
function normalizeNewlines(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}

/** Length of the longest run of `char` in `text`. */
function longestRun(text: string, char: string): number {
  let longest = 0;
  let run = 0;
  for (const c of text) {
    run = c === char ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  return longest;
}

/**
 * `text` as Markdown plain text: every character that could start structure is backslash-escaped.
 * Line breaks stay soft breaks (a single newline joins lines into one paragraph, a blank line
 * separates paragraphs), as the text's author wrapped it.
 */
export function escapeMarkdownText(text: string): string {
  return normalizeNewlines(text).replace(PUNCTUATION, '\\$&').replace(LINE_START, '$1\\$2').replace(ORDERED_LIST, '$1\\$2');
}

/**
 * `text` as an inline code span: delimited by one backtick more than its longest backtick run,
 * padded with a space where CommonMark would otherwise read an edge backtick as part of the
 * delimiter or strip the text's own edge spaces. Line breaks become spaces, because block
 * structure (a `# heading` line) is parsed before code spans and would break the span.
 */
export function inlineCode(text: string): string {
  const flat = normalizeNewlines(text).replace(/\n/g, ' ');
  const fence = '`'.repeat(longestRun(flat, '`') + 1);
  const edgeSpaces = flat.length > 1 && flat.startsWith(' ') && flat.endsWith(' ') && flat.trim() !== '';
  const pad = flat.startsWith('`') || flat.endsWith('`') || edgeSpaces ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * `text` as a fenced code block with info string `language`: the fence is longer than any run of
 * its character inside (a fence of N is closed only by N or more), in tildes when the text has
 * longer backtick runs than tilde runs.
 */
export function codeBlock(text: string, language = ''): string {
  const body = normalizeNewlines(text);
  const backticks = longestRun(body, '`');
  const tildes = longestRun(body, '~');
  const char = backticks > tildes && backticks >= 3 ? '~' : '`';
  const fence = char.repeat(Math.max(3, (char === '`' ? backticks : tildes) + 1));
  return `${fence}${language.replace(/[^\w+-]/g, '')}\n${body}\n${fence}`;
}

/**
 * A link the extension builds itself: `label` escaped as plain text, `target` percent-encoded
 * wherever a character could end the destination or start markup (spaces, parentheses, angle
 * brackets, quotes, backslashes, controls), so a file name cannot break out of it.
 */
export function markdownLink(label: string, target: string): string {
  return `[${escapeMarkdownText(label).replace(/\n/g, ' ')}](${linkDestination(target)})`;
}

/**
 * A link whose label is `code` as an inline code span (`[`NAME`](url)`), the destination
 * encoded as {@link markdownLink}'s. Code spans bind tighter than link brackets, so brackets in
 * `code` cannot end the label.
 */
export function codeLink(code: string, target: string): string {
  return `[${inlineCode(code)}](${linkDestination(target)})`;
}

/** `target` percent-encoded wherever a character could end a link destination or start markup. */
function linkDestination(target: string): string {
  return target.replace(/[\s()<>"'`\\\u0000-\u001f\u007f]/g, (c) => {
    const code = c.codePointAt(0) ?? 0;
    return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c);
  });
}

/**
 * `markdown` cut to at most `maxChars` characters at a paragraph break outside code blocks (a cut
 * inside a fence would turn the rest of a hover into code), or whole when it is short enough.
 * `clipped` says whether anything was left out; a text with no break early enough is cut at
 * its first paragraph break anyway, so the shown part is never empty nor a broken construct.
 */
export function clipMarkdown(markdown: string, maxChars: number): { text: string; clipped: boolean } {
  if (markdown.length <= maxChars) return { text: markdown, clipped: false };
  let fence: string | undefined;
  let offset = 0;
  let lastBreak: number | undefined;
  let firstBreak: number | undefined;
  let previousBlank = false;
  for (const line of markdown.split('\n')) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined) {
      if (fence === undefined) fence = marker;
      else if (marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
    }
    const blank = line.trim() === '';
    // A break is the start of a blank line that follows text, outside any fence.
    if (blank && !previousBlank && fence === undefined && offset > 0) {
      firstBreak ??= offset;
      if (offset <= maxChars) lastBreak = offset;
    }
    previousBlank = blank;
    offset += line.length + 1;
    if (offset > maxChars && lastBreak !== undefined) break;
  }
  const cut = lastBreak ?? firstBreak;
  if (cut === undefined) return { text: markdown, clipped: false };
  return { text: markdown.slice(0, cut).trimEnd(), clipped: true };
}
