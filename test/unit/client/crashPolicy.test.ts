import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CrashPolicy, crashMessage } from '../../../client/src/crashPolicy';

describe('CrashPolicy', () => {
  it('restarts up to the limit inside the window, then stops', () => {
    const policy = new CrashPolicy(2, 1000);
    assert.deepEqual(policy.onCrash(0), { restart: true, crashes: 1, limit: 2 });
    assert.deepEqual(policy.onCrash(10), { restart: true, crashes: 2, limit: 2 });
    assert.deepEqual(policy.onCrash(20), { restart: false, crashes: 3, limit: 2 });
  });

  it('forgets crashes older than the window', () => {
    const policy = new CrashPolicy(1, 1000);
    policy.onCrash(0);
    assert.deepEqual(policy.onCrash(1001), { restart: true, crashes: 1, limit: 1 });
  });

  it('forgets every crash on reset (a manual restart)', () => {
    const policy = new CrashPolicy(1, 1000);
    policy.onCrash(0);
    policy.onCrash(1);
    policy.reset();
    assert.equal(policy.onCrash(2).restart, true);
  });

  it('defaults to 4 restarts in 3 minutes', () => {
    const policy = new CrashPolicy();
    assert.equal(policy.limit, 4);
    assert.equal(policy.windowMillis, 180_000);
  });
});

describe('crashMessage', () => {
  it('says the server was restarted, and how many restarts remain allowed', () => {
    assert.equal(
      crashMessage({ restart: true, crashes: 1, limit: 4 }, 3),
      'The Open edX Config server stopped unexpectedly and was restarted (1 of 4 restarts allowed in 3 minutes).',
    );
  });

  it('says the server stays stopped and what to do', () => {
    assert.equal(
      crashMessage({ restart: false, crashes: 5, limit: 4 }, 3),
      'The Open edX Config server stopped unexpectedly 5 times in 3 minutes and will not be restarted. See the output for the cause, then restart it.',
    );
  });
});
