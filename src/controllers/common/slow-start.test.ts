import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { slowStartBatch } from './slow-start.js';

describe('slowStartBatch', () => {
  const cases: { name: string; count: number; initial: number; failAt?: number; successes: number; calls: number; batches: number[] }[] = [
    { name: 'zero calls', count: 0, initial: 1, successes: 0, calls: 0, batches: [] },
    { name: 'doubling batches, last one capped', count: 10, initial: 1, successes: 10, calls: 10, batches: [1, 2, 4, 3] },
    { name: 'larger first batch', count: 10, initial: 5, successes: 10, calls: 10, batches: [5, 5] },
    { name: 'a failure ends the run after its batch', count: 10, initial: 1, failAt: 2, successes: 2, calls: 3, batches: [1, 2] },
    { name: 'a failure in a later batch', count: 20, initial: 1, failAt: 5, successes: 6, calls: 7, batches: [1, 2, 4] },
    { name: 'the first call fails', count: 500, initial: 1, failAt: 0, successes: 0, calls: 1, batches: [1] },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      let calls = 0;
      let inFlight = 0;
      const batches: number[] = [];
      const result = await slowStartBatch(c.count, c.initial, async (i) => {
        calls++;
        inFlight++;
        if (inFlight === 1) batches.push(0);
        batches[batches.length - 1]!++;
        await new Promise((r) => setImmediate(r));
        inFlight--;
        if (i === c.failAt) throw new Error(`call ${i} failed`);
      });
      assert.equal(result.successes, c.successes);
      assert.equal(calls, c.calls);
      assert.deepEqual(batches, c.batches);
      if (c.failAt === undefined) assert.equal(result.error, undefined);
      else assert.equal((result.error as Error).message, `call ${c.failAt} failed`);
    });
  }
});
