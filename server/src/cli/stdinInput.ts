/**
 * Standard input for `check -`: read to its end, up to the size `check` accepts for a file.
 */
import { errorMessage, fail, ok, type Result } from '../common/result';
import { MAX_CHECKED_FILE_BYTES } from './checkEngine';

/**
 * The process's standard input, whole. Past {@link MAX_CHECKED_FILE_BYTES} reading stops and the
 * promise rejects: a config file that large is refused as a file would be.
 */
export function readProcessStdin(): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const stdin = process.stdin;
    stdin.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > MAX_CHECKED_FILE_BYTES) {
        stdin.destroy();
        reject(new Error(`standard input is over the ${MAX_CHECKED_FILE_BYTES.toLocaleString('en-US')} bytes limit`));
        return;
      }
      chunks.push(chunk);
    });
    stdin.once('end', () => resolve(Buffer.concat(chunks, total)));
    stdin.once('error', reject);
  });
}

/** Reads standard input with `read`; a failure (a closed or oversized input) becomes an error message. */
export async function readStdinSafely(read: () => Promise<Uint8Array>): Promise<Result<Uint8Array>> {
  try {
    return ok(await read());
  } catch (e) {
    return fail(errorMessage(e));
  }
}
