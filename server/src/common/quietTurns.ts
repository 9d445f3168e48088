/**
 * "Once the messages already received have been handled": the JSON-RPC layer dispatches one
 * message per event-loop turn, so when two turns pass with no new event (the next message is
 * queued behind the first turn), every message already received has been seen. Used instead of a
 * fixed debounce, which would add its delay to every single event.
 */

/**
 * Calls `then` once two event-loop turns pass with `generation()` unchanged, or at the first check
 * `maxWaitMs` after `since` (a steady stream of events must not defer it for ever).
 */
export function whenQuiet(generation: () => number, since: number, maxWaitMs: number, then: () => void): void {
  const turn = (seen: number): void => {
    setImmediate(() =>
      setImmediate(() => {
        if (generation() !== seen && Date.now() - since < maxWaitMs) turn(generation());
        else then();
      }),
    );
  };
  turn(generation());
}
