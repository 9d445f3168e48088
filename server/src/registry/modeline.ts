/**
 * The first-line modeline `# openedx-config: ida=lms`, which names a document's IDA from inside
 * the file (for files whose name and folder say nothing).
 */

/** The first line: a comment whose body starts with `openedx-config:`. */
const MODELINE = /^\uFEFF?[ \t]*#[ \t]*openedx-config:(.*)$/;
/** `ida=NAME` among the modeline's space- or `;`-separated entries. */
const IDA_ENTRY = /(?:^|[\s;])ida=([A-Za-z0-9][A-Za-z0-9_.-]*)(?=$|[\s;])/;

/** Only this much of the text is looked at: the first line of a huge document costs nothing more. */
const FIRST_LINE_LIMIT = 1000;

/** The IDA named by the document's first-line modeline, or undefined when there is none. */
export function idaFromModeline(text: string): string | undefined {
  const head = text.slice(0, FIRST_LINE_LIMIT);
  const end = head.search(/\r\n|\r|\n/);
  const firstLine = end < 0 ? head : head.slice(0, end);
  const match = MODELINE.exec(firstLine);
  if (match === null) return undefined;
  return IDA_ENTRY.exec(match[1])?.[1];
}
