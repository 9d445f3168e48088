import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ValidationScheduler } from '../../../server/src/lsp/validationScheduler';

const turns = (n: number) => new Promise<void>((resolve) => {
  const step = (left: number): void => (left === 0 ? resolve() : void setImmediate(() => step(left - 1)));
  step(n);
});

/** Schedules like the JSON-RPC dispatcher does: one message per event-loop turn. */
async function burst(scheduler: ValidationScheduler, uri: string, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    scheduler.schedule(uri);
    await turns(1);
  }
}

test('a burst of changes, one per turn, gives one validation', async () => {
  const runs: string[] = [];
  const scheduler = new ValidationScheduler(async (uri) => void runs.push(uri));
  await burst(scheduler, 'a', 50);
  await turns(10);
  assert.deepEqual(runs, ['a']);
});

test('a single change validates within a few turns (no fixed delay)', async () => {
  const runs: number[] = [];
  const started = Date.now();
  const scheduler = new ValidationScheduler(async () => void runs.push(Date.now() - started));
  scheduler.schedule('a');
  await turns(4);
  assert.equal(runs.length, 1);
  assert.ok(runs[0] < 50);
});

test('a running validation overtaken by a change is stale, and a fresh one follows', async () => {
  const seen: boolean[] = [];
  let release: () => void = () => undefined;
  let first = true;
  const scheduler = new ValidationScheduler(async (_uri, isStale) => {
    if (first) {
      first = false;
      await new Promise<void>((r) => (release = r));
    }
    seen.push(isStale());
  });
  scheduler.schedule('a');
  await turns(4);
  scheduler.schedule('a');
  release();
  await turns(10);
  assert.deepEqual(seen, [true, false]);
  assert.equal(scheduler.isBusy('a'), false);
});

test('closing cancels pending and running validations', async () => {
  const seen: boolean[] = [];
  let release: () => void = () => undefined;
  const scheduler = new ValidationScheduler(async (_uri, isStale) => {
    await new Promise<void>((r) => (release = r));
    seen.push(isStale());
  });
  scheduler.schedule('a');
  await turns(4);
  scheduler.cancel('a');
  release();
  await turns(4);
  assert.deepEqual(seen, [true]);
  scheduler.schedule('b');
  scheduler.cancel('b');
  await turns(6);
  assert.equal(seen.length, 1, 'b never started');
});

test('a throwing validation is reported and does not stop later ones', async () => {
  const errors: unknown[] = [];
  let n = 0;
  const scheduler = new ValidationScheduler(
    async () => {
      n++;
      if (n === 1) throw new Error('boom');
    },
    (_uri, e) => errors.push(e),
  );
  scheduler.schedule('a');
  await turns(6);
  scheduler.schedule('a');
  await turns(6);
  assert.equal(n, 2);
  assert.equal(errors.length, 1);
});
