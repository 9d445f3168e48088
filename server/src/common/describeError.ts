/**
 * How a caught error is written to the log. The rule: an error's class, its code (`ENOENT`,
 * `ERR_INVALID_URL`) and its stack frames (function names, file:line) are logged, never its message;
 * a {@link ServerError}, whose message this server writes itself and which names no values, is
 * logged by its message alone. Any other message may quote what the code was working on: the `yaml`
 * library quotes the source line, `JSON.parse` the text, ajv the data, V8 a property key
 * (`reading 'AKIA…'`), `BigInt()` its argument; a config file or settings module may hold secrets.
 */

/** An error whose message is written by this server and names no setting values: it is logged whole. */
export class ServerError extends Error {
  override name = 'ServerError';
}

const MAX_FRAMES = 3;

/** A one-line description of an error for the log: a {@link ServerError}'s message, else class, code and first stack frames. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return `non-error thrown (${e === null ? 'null' : typeof e})`;
  // A report of a known condition (an extraction over its budget), not a bug: no stack to follow.
  if (e instanceof ServerError) return e.message.slice(0, 500);
  const name = /^[\w$.]{1,60}$/.test(e.name) ? e.name : 'Error';
  const rawCode = (e as { code?: unknown }).code;
  const code = typeof rawCode === 'string' && /^[A-Z][A-Z0-9_]{0,60}$/.test(rawCode) ? ` [${rawCode}]` : '';
  const frames = stackFrames(e);
  return `${name}${code} (message not logged)${frames.length > 0 ? ` (${frames.join(' < ')})` : ''}`;
}

/**
 * The first stack frames: the stack starts with the message, which may span lines (and a line of
 * a document could look like a frame), so frames are read only after it.
 */
function stackFrames(e: Error): string[] {
  const stack = typeof e.stack === 'string' ? e.stack : '';
  // The header is `Name: message` as the name was when the error was made (a subclass may rename it later).
  const at = e.message === '' ? 0 : stack.indexOf(e.message);
  const rest = at < 0 ? '' : stack.slice(at + e.message.length);
  return rest
    .split('\n')
    .filter((l) => /^\s+at /.test(l))
    .slice(0, MAX_FRAMES)
    .map((l) => l.trim().slice(0, 200));
}
