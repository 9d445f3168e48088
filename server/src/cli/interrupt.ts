/**
 * Ctrl-C during a long command: an AbortController aborted by SIGINT, so that work in flight
 * (a download) stops cleanly and the command reports it, instead of Node killing the process
 * halfway through a write.
 */

/**
 * Runs `work` with a signal that SIGINT aborts; the SIGINT listener is removed when `work` ends,
 * so a later Ctrl-C is Node's default again.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onSigint = (): void => controller.abort();
  process.on('SIGINT', onSigint);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener('SIGINT', onSigint);
  }
}
