/**
 * Coalesces bursts of events (a `git checkout` touches hundreds of settings files, which the
 * client reports in one or several `didChangeWatchedFiles` notifications) into one flush, without
 * a fixed quiet period: the JSON-RPC layer dispatches one message per event-loop turn, so once a
 * turn passes with no new event, every notification already received has been seen. A single
 * change is thus flushed within microseconds, a burst once; a steady stream still flushes every
 * `maxWaitMs`. The same rule as `lsp/validationScheduler.ts` (`common/quietTurns.ts`).
 */
import { whenQuiet } from '../common/quietTurns';

/** Collects items and hands them over in one batch once events stop arriving. */
export class BurstCollector<T> {
  private readonly items = new Set<T>();
  /** Bumped by every {@link add}: a check that sees it unchanged knows a turn passed quietly. */
  private generation = 0;
  private waiting = false;
  private disposed = false;

  /**
   * @param flush receives the distinct items of a batch, in arrival order.
   * @param maxWaitMs flush no later than this after the first item of a batch, even while items keep coming.
   */
  constructor(
    private readonly flush: (items: T[]) => void,
    private readonly maxWaitMs = 250,
  ) {}

  /** Adds items to the current batch. */
  add(items: Iterable<T>): void {
    if (this.disposed) return;
    for (const item of items) this.items.add(item);
    if (this.items.size === 0) return;
    this.generation++;
    if (!this.waiting) {
      this.waiting = true;
      whenQuiet(() => this.generation, Date.now(), this.maxWaitMs, () => {
        this.waiting = false;
        if (!this.disposed) this.fire();
      });
    }
  }

  /** Flushes the pending batch now (if any). */
  flushNow(): void {
    this.fire();
  }

  /** Drops the pending batch; nothing is flushed any more. */
  dispose(): void {
    this.disposed = true;
    this.items.clear();
  }

  private fire(): void {
    if (this.items.size === 0) return;
    const batch = [...this.items];
    this.items.clear();
    this.flush(batch);
  }
}
