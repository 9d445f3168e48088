/**
 * Every request gets an answer: a handler that throws or rejects is logged (the error's message
 * and where it happened; never the request's parameters or document text, which may hold secrets)
 * and answered with an empty result.
 */
import { ResponseError, type CancellationToken, LSPErrorCodes } from 'vscode-languageserver';

/** Where the server writes its log lines (the client's output channel). */
export type Log = (message: string) => void;

/** A one-line description of an error, with its first stack frames, for the log. */
export function describeError(e: unknown): string {
  if (!(e instanceof Error)) return typeof e === 'string' ? e.slice(0, 200) : 'non-error thrown';
  const frames = (e.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l)).slice(0, 3).map((l) => l.trim());
  return `${e.name}: ${e.message.slice(0, 200)}${frames.length > 0 ? ` (${frames.join(' < ')})` : ''}`;
}

/**
 * Runs a request handler and always resolves: to its result, to `fallback` when it fails (logged),
 * or rejects with `RequestCancelled` when the client cancelled meanwhile (the client asked for that).
 */
export async function answer<T>(log: Log, name: string, token: CancellationToken | undefined, fallback: T, run: () => T | Promise<T>): Promise<T> {
  try {
    const result = await run();
    if (token?.isCancellationRequested === true) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
    return result;
  } catch (e) {
    if (e instanceof ResponseError) throw e;
    log(`${name} failed: ${describeError(e)}`);
    return fallback;
  }
}

/** Runs a notification handler, logging (never propagating) what it throws. */
export function guard(log: Log, name: string, run: () => unknown): void {
  try {
    const result = run();
    if (result instanceof Promise) result.catch((e: unknown) => log(`${name} failed: ${describeError(e)}`));
  } catch (e) {
    log(`${name} failed: ${describeError(e)}`);
  }
}
