/**
 * The one shape of "a value, or why there is none": every step that can fail on bad input (a
 * schema file, an overlay, an extraction, a subschema that does not compile) returns a
 * {@link Result} instead of throwing, so one bad input costs its own feature and nothing else.
 */

/**
 * A value, or a message for the user saying what went wrong (names, never setting values). With
 * `Code`, a failure also carries a code for callers that tell kinds of failure apart (a file too
 * large to parse is reported differently from one that cannot be read).
 */
export type Result<T, Code extends string = never> = Success<T> | Failure<Code>;

/** A successful {@link Result}. */
export type Success<T> = { readonly ok: true; readonly value: T };

/** A failed {@link Result}: the message, and the code when the result has codes. */
export type Failure<Code extends string = never> = { readonly ok: false; readonly error: string } & ([Code] extends [never] ? unknown : { readonly code: Code });

/** A successful {@link Result}. */
export function ok<T>(value: T): Success<T> {
  return { ok: true, value };
}

/** A failed {@link Result}. */
export function fail(error: string): Failure {
  return { ok: false, error };
}

/** A failed {@link Result} with a code. */
export function failWith<Code extends string>(error: string, code: Code): Failure<Code> {
  return { ok: false, error, code } as Failure<Code>;
}

/** The message of anything thrown (an `Error`'s message, else its string form). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
