import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from './clock.js';
import {
  BucketRateLimiter,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  ItemFastSlowRateLimiter,
  MaxOfRateLimiter,
} from './rate-limiter.js';
import { RateLimitingQueue } from './rate-limiting-queue.js';

describe('ItemExponentialFailureRateLimiter', () => {
  test('doubles per failure from the base, capped, per item; forget resets', () => {
    const l = new ItemExponentialFailureRateLimiter<string>(5, 1000);
    const delays = Array.from({ length: 10 }, () => l.when('a'));
    assert.deepEqual(delays, [5, 10, 20, 40, 80, 160, 320, 640, 1000, 1000]);
    assert.equal(l.numRequeues('a'), 10);
    assert.equal(l.when('b'), 5, 'items back off independently');
    l.forget('a');
    assert.equal(l.numRequeues('a'), 0);
    assert.equal(l.when('a'), 5);
  });

  test('huge failure counts stay at the cap', () => {
    const l = new ItemExponentialFailureRateLimiter<string>(5, 1000 * 1000);
    let last = 0;
    for (let i = 0; i < 2000; i++) last = l.when('x');
    assert.equal(last, 1000 * 1000);
  });
});

describe('ItemFastSlowRateLimiter', () => {
  test('fast attempts then slow', () => {
    const l = new ItemFastSlowRateLimiter<string>(5, 10_000, 3);
    assert.deepEqual([l.when('a'), l.when('a'), l.when('a'), l.when('a')], [5, 5, 5, 10_000]);
  });
});

describe('BucketRateLimiter', () => {
  test('burst passes at once, then one token per 1/qps', async () => {
    const clock = new FakeClock();
    const l = new BucketRateLimiter<string>({ qps: 10, burst: 3, clock });
    assert.deepEqual([l.when('a'), l.when('b'), l.when('c')], [0, 0, 0]);
    assert.equal(Math.round(l.when('d')), 100);
    assert.equal(Math.round(l.when('e')), 200);
    await clock.advance(1000);
    // 1 s refills 10 tokens, minus the 2 owed, capped at the burst of 3.
    assert.deepEqual([l.when('f'), l.when('g'), l.when('h')], [0, 0, 0]);
    assert.equal(Math.round(l.when('i')), 100);
  });
});

describe('MaxOfRateLimiter and the controller default', () => {
  test('answers the longest delay and counts in every limiter', () => {
    const clock = new FakeClock();
    const l = new MaxOfRateLimiter<string>(
      new ItemExponentialFailureRateLimiter<string>(5, 1000),
      new BucketRateLimiter<string>({ qps: 1, burst: 1, clock }),
    );
    assert.equal(l.when('a'), 5);
    assert.equal(l.when('a'), 1000, 'the bucket is empty: one token per second');
    assert.equal(l.numRequeues('a'), 2);
    l.forget('a');
    assert.equal(l.numRequeues('a'), 0);
  });

  test('default: 5 ms doubling per item, 100 burst at 10 qps overall', () => {
    const clock = new FakeClock();
    const l = defaultControllerRateLimiter<string>(clock);
    assert.deepEqual([l.when('a'), l.when('a'), l.when('a')], [5, 10, 20]);
    for (let i = 0; i < 97; i++) l.when(`k${i}`);
    // 100 tokens spent: the next distinct key waits on the bucket, not its own backoff.
    assert.equal(Math.round(l.when('fresh')), 100);
  });
});

describe('RateLimitingQueue', () => {
  test('addRateLimited backs off a failing key; forget resets it', async () => {
    const clock = new FakeClock();
    const q = new RateLimitingQueue<string>({ clock, rateLimiter: new ItemExponentialFailureRateLimiter<string>(5, 1000) });
    const cycle = async (): Promise<number> => {
      const start = clock.now();
      q.addRateLimited('a');
      while (q.len() === 0) await clock.advance(1);
      const [key] = await q.get();
      q.done(key!);
      return clock.now() - start;
    };
    assert.deepEqual([await cycle(), await cycle(), await cycle(), await cycle()], [5, 10, 20, 40]);
    assert.equal(q.numRequeues('a'), 4);
    q.forget('a');
    assert.equal(q.numRequeues('a'), 0);
    assert.equal(await cycle(), 5);
  });
});
