/**
 * Coalesces bursts of events (a `git checkout` touches hundreds of settings files at once) into
 * one flush after a short quiet period, bounded so a steady stream still flushes. Used only off the
 * editing path: document edits are never delayed by it.
 */

/** Collects items and hands them over in one batch once events stop arriving. */
export class BurstCollector<T> {
  private readonly items = new Set<T>();
  private timer: NodeJS.Timeout | undefined;
  private firstAt = 0;

  /**
   * @param quietMs flush once no item arrived for this long;
   * @param maxWaitMs but never later than this after the first item of a batch;
   * @param flush receives the distinct items of a batch, in arrival order.
   */
  constructor(
    private readonly quietMs: number,
    private readonly maxWaitMs: number,
    private readonly flush: (items: T[]) => void,
  ) {}

  /** Adds items to the current batch. */
  add(items: Iterable<T>): void {
    const now = Date.now();
    if (this.items.size === 0) this.firstAt = now;
    for (const item of items) this.items.add(item);
    if (this.items.size === 0) return;
    if (this.timer !== undefined) clearTimeout(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstAt + this.maxWaitMs - now));
    this.timer = setTimeout(() => this.fire(), wait);
  }

  /** Flushes the pending batch now (if any). */
  flushNow(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.fire();
  }

  /** Drops the pending batch and stops the timer. */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.items.clear();
  }

  private fire(): void {
    this.timer = undefined;
    if (this.items.size === 0) return;
    const batch = [...this.items];
    this.items.clear();
    this.flush(batch);
  }
}
