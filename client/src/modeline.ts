/**
 * The first-line modeline `# openedx-config: ida=lms`, written by "Choose the IDA for this
 * file". Pure (no `vscode` import). The server reads only the first line (see
 * server/src/registry/modeline.ts), so that is the only line this module edits.
 */

/** The modeline comment's marker. */
export const MODELINE_MARKER = 'openedx-config:';

/** Replace `[start, end)` of line `line` with `text` (an insertion when `start === end`). */
export interface LineEdit {
  line: number;
  start: number;
  end: number;
  text: string;
}

const MODELINE = /^([ \t]*#[ \t]*openedx-config:)(.*)$/;
const IDA_ENTRY = /(^|[\s;])ida=([^\s;]*)/;

/** Whether `ida` can be written in a modeline (the server reads `[A-Za-z0-9][A-Za-z0-9_.-]*`). */
export function isModelineIda(ida: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(ida);
}

/**
 * The edit that makes the document's first line name `ida`:
 * - a first line that is already a modeline gets its `ida=` value replaced, or `ida=` added,
 *   keeping its other entries (`disable=…`);
 * - otherwise a new first line `# openedx-config: ida=…` is inserted.
 *
 * @param firstLine - the document's first line, without its line break (`''` for an empty document).
 * @param eol - the document's line break, used after an inserted line.
 */
export function modelineEdit(firstLine: string, ida: string, eol: string): LineEdit {
  const match = MODELINE.exec(firstLine);
  if (match === null) return { line: 0, start: 0, end: 0, text: `# ${MODELINE_MARKER} ida=${ida}${eol}` };
  const bodyStart = match[1].length;
  const body = match[2];
  const entry = IDA_ENTRY.exec(body);
  if (entry !== null) {
    const start = bodyStart + entry.index + entry[1].length + 'ida='.length;
    return { line: 0, start, end: start + entry[2].length, text: ida };
  }
  const trimmedEnd = bodyStart + body.trimEnd().length;
  return { line: 0, start: trimmedEnd, end: firstLine.length, text: ` ida=${ida}` };
}
