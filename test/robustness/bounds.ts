/**
 * The bounds every pathological input must stay within (the "within 2 s and 300 MB"),
 * and how they are measured: wall time around the work, and the peak resident set size
 * (`VmHWM`) of the process doing it, read from `/proc/<pid>/status`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import type { TestContext } from 'node:test';

/** Longest a pathological input may take, from sending it to the last answer. */
export const MAX_MILLIS = 2_000;

/** Largest peak resident set size of the process handling a pathological input. */
export const MAX_PEAK_MB = 300;

/** Peak resident set size of a live process, in MB (`VmHWM` of `/proc/<pid>/status`). */
export function peakRssMb(pid: number | undefined): number {
  if (pid === undefined) throw new Error('no process id');
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kb === undefined) throw new Error(`no VmHWM in /proc/${pid}/status`);
  return Number(kb) / 1024;
}

/** What one pathological input cost. */
export interface Cost {
  millis: number;
  peakMb: number;
}

/** Runs `work` and returns its result and wall time. */
export async function timed<T>(work: () => Promise<T>): Promise<{ result: T; millis: number }> {
  const started = performance.now();
  const result = await work();
  return { result, millis: performance.now() - started };
}

/** Prints the cost as a test diagnostic (it lands in the TAP report) and asserts the bounds. */
export function assertWithinBounds(t: TestContext, cost: Cost): void {
  t.diagnostic(`wall ${Math.round(cost.millis)} ms, peak RSS ${Math.round(cost.peakMb)} MB`);
  assert.ok(cost.millis <= MAX_MILLIS, `took ${Math.round(cost.millis)} ms (bound ${MAX_MILLIS} ms)`);
  assert.ok(cost.peakMb <= MAX_PEAK_MB, `peak RSS ${Math.round(cost.peakMb)} MB (bound ${MAX_PEAK_MB} MB)`);
}
