/**
 * The first-line modeline `# openedx-config: ida=lms env=devstack`, which names a document's IDA
 * and environment from inside the file (for files whose name and folder say nothing).
 */
import type { Environment } from '../protocol/types';
import { isEnvironment } from '../service/environment';

/** The first line: a comment whose body starts with `openedx-config:`. */
const MODELINE = /^\uFEFF?[ \t]*#[ \t]*openedx-config:(.*)$/;
/** `ida=NAME` among the modeline's space- or `;`-separated entries. */
const IDA_ENTRY = /(?:^|[\s;])ida=([A-Za-z0-9][A-Za-z0-9_.-]*)(?=$|[\s;])/;
/** `env=NAME` among the modeline's entries. */
const ENV_ENTRY = /(?:^|[\s;])env=([A-Za-z]+)(?=$|[\s;])/;

/** Only this much of the text is looked at: the first line of a huge document costs nothing more. */
const FIRST_LINE_LIMIT = 1000;

/** The entries of the document's first-line modeline, or undefined when there is none. */
function modelineBody(text: string): string | undefined {
  const head = text.slice(0, FIRST_LINE_LIMIT);
  const end = head.search(/\r\n|\r|\n/);
  const firstLine = end < 0 ? head : head.slice(0, end);
  return MODELINE.exec(firstLine)?.[1];
}

/** The IDA named by the document's first-line modeline (as typed: aliases are resolved by the caller), or undefined when there is none. */
export function idaFromModeline(text: string): string | undefined {
  const body = modelineBody(text);
  return body === undefined ? undefined : IDA_ENTRY.exec(body)?.[1];
}

/** The environment named by the modeline's `env=` entry; undefined when there is none or it names no {@link Environment}. */
export function environmentFromModeline(text: string): Environment | undefined {
  const body = modelineBody(text);
  const word = body === undefined ? undefined : ENV_ENTRY.exec(body)?.[1].toLowerCase();
  return word !== undefined && isEnvironment(word) ? word : undefined;
}
