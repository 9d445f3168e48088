import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BurstCollector } from '../../../server/src/registry/burst';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test('a burst is flushed once, with distinct items in arrival order', async () => {
  const batches: string[][] = [];
  const burst = new BurstCollector<string>(20, 1000, (items) => batches.push(items));
  burst.add(['a', 'b']);
  await sleep(5);
  burst.add(['a', 'c']);
  assert.deepEqual(batches, []);
  await sleep(40);
  assert.deepEqual(batches, [['a', 'b', 'c']]);
  burst.dispose();
});

test('a steady stream still flushes after maxWait', async () => {
  const batches: number[][] = [];
  const burst = new BurstCollector<number>(30, 60, (items) => batches.push(items));
  for (let i = 0; i < 10; i++) {
    burst.add([i]);
    await sleep(15);
  }
  assert.ok(batches.length >= 1, 'flushed during the stream');
  burst.flushNow();
  assert.deepEqual(batches.flat(), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  burst.dispose();
});

test('dispose drops the pending batch', async () => {
  const batches: number[][] = [];
  const burst = new BurstCollector<number>(5, 100, (items) => batches.push(items));
  burst.add([1]);
  burst.dispose();
  await sleep(20);
  assert.deepEqual(batches, []);
});
