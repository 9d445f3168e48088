import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BurstCollector } from '../../../server/src/registry/burst';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** One event-loop turn, as the JSON-RPC layer takes one to dispatch each message. */
const turn = () => new Promise<void>((r) => setImmediate(r));

test('a burst over consecutive turns is flushed once, with distinct items in arrival order', async () => {
  const batches: string[][] = [];
  const burst = new BurstCollector<string>((items) => batches.push(items));
  // Hundreds of notifications, each dispatched in its own turn (a `git checkout`).
  for (let i = 0; i < 300; i++) {
    burst.add(i % 2 === 0 ? ['a', 'b'] : ['a', `f${i}`]);
    await turn();
  }
  assert.equal(batches.length, 0);
  await turn();
  await turn();
  assert.equal(batches.length, 1);
  assert.deepEqual(batches[0].slice(0, 3), ['a', 'b', 'f1']);
  assert.equal(batches[0].length, 2 + 150);
  burst.dispose();
});

test('a single change is flushed two turns later, not after a fixed wait', async () => {
  const batches: number[][] = [];
  const burst = new BurstCollector<number>((items) => batches.push(items));
  burst.add([1]);
  await turn();
  assert.equal(batches.length, 0, 'the next message may still add to the batch');
  await turn();
  assert.deepEqual(batches, [[1]]);
  burst.dispose();
});

test('a steady stream (a change every turn) still flushes every maxWait, and loses nothing', async () => {
  const batches: number[][] = [];
  const burst = new BurstCollector<number>((items) => batches.push(items), 20);
  const started = Date.now();
  let i = 0;
  while (Date.now() - started < 70) {
    burst.add([i++]);
    await turn();
  }
  assert.ok(batches.length >= 2 && batches.length <= 5, `${batches.length} flushes in 70 ms`);
  burst.flushNow();
  assert.deepEqual(batches.flat(), Array.from({ length: i }, (_, k) => k));
  burst.dispose();
});

test('an empty add schedules nothing; dispose drops the pending batch for good', async () => {
  const batches: number[][] = [];
  const burst = new BurstCollector<number>((items) => batches.push(items));
  burst.add([]);
  burst.add([1]);
  burst.dispose();
  burst.add([2]);
  await sleep(5);
  assert.deepEqual(batches, []);
});
