/**
 * When diagnostics are computed. No fixed debounce: a validation starts as soon as the messages
 * already received have been handled (`common/quietTurns.ts`), which coalesces a burst of edits into one
 * validation at a cost of microseconds for a single keystroke. A validation that is overtaken by a
 * newer edit is told it is stale and publishes nothing; the newer one follows.
 */
import { whenQuiet } from '../common/quietTurns';

/** Runs one validation of a document; should check `isStale()` before publishing. */
export type Validate = (uri: string, isStale: () => boolean) => Promise<void>;

interface State {
  /** Bumped on every request to validate. */
  generation: number;
  /** A validation of the current generation is wanted. */
  wanted: boolean;
  /** A wait for the dispatcher to go quiet is under way. */
  waiting: boolean;
  running: boolean;
  closed: boolean;
}

/** Longest a continuous stream of edits may defer a validation. */
const MAX_DEFER_MS = 250;

/** Schedules validations per document. */
export class ValidationScheduler {
  private readonly states = new Map<string, State>();

  constructor(
    private readonly validate: Validate,
    private readonly onError: (uri: string, e: unknown) => void = () => undefined,
  ) {}

  /** Asks for a validation of `uri` (open, change, schema or settings change). */
  schedule(uri: string): void {
    let st = this.states.get(uri);
    if (st === undefined) {
      st = { generation: 0, wanted: false, waiting: false, running: false, closed: false };
      this.states.set(uri, st);
    }
    st.closed = false;
    st.generation++;
    st.wanted = true;
    // A running validation is now stale; when it ends it starts the wait itself.
    if (!st.waiting && !st.running) this.waitForQuiet(uri, st);
  }

  /** Forgets a document (closed): a running validation becomes stale, a pending one never starts. */
  cancel(uri: string): void {
    const st = this.states.get(uri);
    if (st === undefined) return;
    st.closed = true;
    st.wanted = false;
    st.generation++;
    this.cleanUp(uri, st);
  }

  /** Whether a validation of `uri` is pending or running (tests, shutdown). */
  isBusy(uri: string): boolean {
    const st = this.states.get(uri);
    return st !== undefined && (st.wanted || st.running);
  }

  private waitForQuiet(uri: string, st: State): void {
    st.waiting = true;
    whenQuiet(() => st.generation, Date.now(), MAX_DEFER_MS, () => this.quiet(uri, st));
  }

  private quiet(uri: string, st: State): void {
    st.waiting = false;
    if (st.closed) {
      this.cleanUp(uri, st);
      return;
    }
    if (st.running || !st.wanted) return;
    st.wanted = false;
    this.start(uri, st);
  }

  private start(uri: string, st: State): void {
    const generation = st.generation;
    st.running = true;
    const isStale = (): boolean => st.closed || st.generation !== generation;
    let run: Promise<void>;
    try {
      run = this.validate(uri, isStale);
    } catch (e) {
      run = Promise.reject(e);
    }
    run
      .catch((e: unknown) => this.onError(uri, e))
      .finally(() => {
        st.running = false;
        if (st.closed) this.cleanUp(uri, st);
        else if (st.wanted && !st.waiting) this.waitForQuiet(uri, st);
      });
  }

  private cleanUp(uri: string, st: State): void {
    if (!st.running && !st.waiting && this.states.get(uri) === st) this.states.delete(uri);
  }
}
