/**
 * When to restart the language server after it exits unexpectedly. Pure (no `vscode` import),
 * so the policy is unit-tested in plain Node.
 */

/** What to do about one crash. */
export interface CrashDecision {
  /** Restart the server (true) or leave it stopped until the user restarts it. */
  restart: boolean;
  /** Crashes inside the window, this one included. */
  crashes: number;
  /** The most crashes tolerated inside the window before giving up. */
  limit: number;
}

/**
 * Counts crashes in a sliding time window. A server that crashes on every start (a bad
 * build, a schema that kills it) must not restart forever, but a crash an hour should
 * always be recovered from, hence a window rather than a lifetime count.
 */
export class CrashPolicy {
  private readonly times: number[] = [];

  /**
   * @param limit - restarts allowed inside the window; the next crash stops the server.
   * @param windowMillis - how far back crashes count.
   */
  constructor(
    readonly limit = 4,
    readonly windowMillis = 3 * 60_000,
  ) {}

  /** Records a crash at `now` (epoch millis) and decides whether to restart. */
  onCrash(now: number): CrashDecision {
    this.times.push(now);
    while (this.times.length > 0 && now - (this.times[0] ?? now) > this.windowMillis) this.times.shift();
    const crashes = this.times.length;
    return { restart: crashes <= this.limit, crashes, limit: this.limit };
  }

  /** Forgets past crashes, e.g. after the user restarts the server by hand. */
  reset(): void {
    this.times.length = 0;
  }
}

/** The message shown to the user for a crash decision. */
export function crashMessage(decision: CrashDecision, windowMinutes: number): string {
  if (decision.restart) {
    return `The Open edX Config server stopped unexpectedly and was restarted (${decision.crashes} of ${decision.limit} restarts allowed in ${windowMinutes} minutes).`;
  }
  return `The Open edX Config server stopped unexpectedly ${decision.crashes} times in ${windowMinutes} minutes and will not be restarted. See the output for the cause, then restart it.`;
}
