/**
 * `# openedx-config: …` comments: the modeline (`ida=lms`) and rule silencing
 * (`disable=unknown-key,type-mismatch`, or `disable` alone for every rule).
 *
 * Where a `disable` comment applies:
 * - in the leading comment block (before any setting): the whole file;
 * - on a line of its own elsewhere: the next line that has content;
 * - after content on the same line: that line.
 */
import type { Directive } from './types';

const MARKER = 'openedx-config:';
const DIRECTIVE_COMMENT = /(^|\s)#\s*openedx-config:\s*(.*)$/;

/** Reads the directives in `text` (a segment), with lines relative to it. */
export function findDirectives(text: string): Directive[] {
  if (!text.includes(MARKER)) return [];
  const out: Directive[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.includes(MARKER)) continue;
    const match = DIRECTIVE_COMMENT.exec(line);
    if (match === null) continue;
    const hashAt = match.index + match[1].length;
    const trailing = line.slice(0, hashAt).trim().length > 0;
    const parsed = parseDirectiveBody(match[2]);
    if (parsed.ida === undefined && parsed.disable === undefined) continue;
    out.push({ line: i, trailing, ...parsed });
  }
  return out;
}

/** Parses `ida=lms disable=a,b` (entries separated by spaces or `;`). */
export function parseDirectiveBody(body: string): { ida?: string; disable?: string[] } {
  const result: { ida?: string; disable?: string[] } = {};
  for (const part of body.split(/[\s;]+/)) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const name = (eq < 0 ? part : part.slice(0, eq)).toLowerCase();
    const value = eq < 0 ? '' : part.slice(eq + 1);
    if (name === 'ida' && value !== '') result.ida = value;
    else if (name === 'disable') {
      const rules = value === '' || value === 'all' ? ['*'] : value.split(',').filter((r) => r !== '');
      result.disable = [...(result.disable ?? []), ...rules];
    }
  }
  return result;
}
