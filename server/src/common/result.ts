/**
 * The one shape of "a value, or why there is none": every step that can fail on bad input (a
 * schema file, an overlay, an extraction, a subschema that does not compile) returns a
 * {@link Result} instead of throwing, so one bad input costs its own feature and nothing else.
 */

/** A value, or a message for the user saying what went wrong (names, never setting values). */
export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

/** A successful {@link Result}. */
export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

/** A failed {@link Result}. */
export function fail(error: string): { readonly ok: false; readonly error: string } {
  return { ok: false, error };
}

/** The message of anything thrown (an `Error`'s message, else its string form). */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
