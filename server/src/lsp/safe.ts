/**
 * Every request gets an answer: a handler that throws or rejects is logged (the error's class and
 * where it happened, by {@link describeError}'s rule: never the request's parameters, document text
 * or a library's message, which may quote them) and answered with an empty result.
 */
import { ResponseError, type CancellationToken, LSPErrorCodes } from 'vscode-languageserver';
import { describeError } from '../common/describeError';

export { describeError };

/** Where the server writes its log lines (the client's output channel). */
export type Log = (message: string) => void;

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
