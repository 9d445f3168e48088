/**
 * Lines of reStructuredText as the block parser reads them: one newline form, tabs expanded to
 * the 8-column stops docutils uses, so indentation is a plain count of spaces.
 */

/** A line and its 1-based line number in the whole document. */
export interface SourceLine {
  text: string;
  line: number;
}

/** Tabs to spaces at 8-column stops (docutils' rule), in one pass. */
function expandTabs(text: string): string {
  if (!text.includes('\t')) return text;
  let out = '';
  for (const c of text) out += c === '\t' ? ' '.repeat(8 - (out.length % 8)) : c;
  return out;
}

/**
 * `text` split into lines numbered from `firstLine`, trailing whitespace removed (it never means
 * anything in reStructuredText) and tabs expanded.
 */
export function splitLines(text: string, firstLine = 1): SourceLine[] {
  return text.split(/\r\n?|\n/).map((t, i) => ({ text: expandTabs(t).trimEnd(), line: firstLine + i }));
}

/** Leading spaces of `text`. */
export function indentOf(text: string): number {
  let i = 0;
  while (i < text.length && text.charCodeAt(i) === 32) i++;
  return i;
}

/** Whether the line holds only whitespace (lines are right-trimmed, so: is empty). */
export function isBlank(line: SourceLine): boolean {
  return line.text.length === 0;
}

/** The lines with their smallest indentation (over non-blank lines) removed. */
export function dedent(lines: readonly SourceLine[]): SourceLine[] {
  let least = Infinity;
  for (const l of lines) if (!isBlank(l)) least = Math.min(least, indentOf(l.text));
  if (least === Infinity || least === 0) return lines.slice();
  return lines.map((l) => ({ text: l.text.slice(least), line: l.line }));
}

/** `lines` without blank lines at either end. */
export function trimBlankLines(lines: readonly SourceLine[]): SourceLine[] {
  let start = 0;
  let end = lines.length;
  while (start < end && isBlank(lines[start])) start++;
  while (end > start && isBlank(lines[end - 1])) end--;
  return lines.slice(start, end);
}
