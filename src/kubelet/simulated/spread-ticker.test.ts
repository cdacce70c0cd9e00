import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FakeClock } from '../../client/workqueue/clock.js';
import { SpreadTicker } from './spread-ticker.js';

/** A ticker whose runs record (time since start, index) and finish after runMs. */
function recorded(count: number, periodMs: number, opts: { runMs?: number; maxInFlight?: number; fail?: boolean } = {}) {
  const clock = new FakeClock();
  const start = clock.now();
  const runs: [number, number][] = [];
  const errors: number[] = [];
  const ticker = new SpreadTicker({
    count,
    periodMs,
    maxInFlight: opts.maxInFlight ?? 100,
    clock,
    run: async (i) => {
      runs.push([clock.now() - start, i]);
      if (opts.runMs) await new Promise<void>((resolve) => clock.setTimer(resolve, opts.runMs!));
      if (opts.fail) throw new Error('boom');
    },
    onError: (i) => errors.push(i),
  });
  /** Stops the ticker, letting the runs under way finish on the fake clock. */
  const stop = async (): Promise<void> => {
    const stopped = ticker.stop();
    await clock.advance(opts.runMs ?? 0);
    await stopped;
  };
  return { clock, runs, errors, ticker, stop };
}

describe('SpreadTicker', () => {
  it('spreads one period over the items, then repeats', async () => {
    const { clock, runs, ticker } = recorded(4, 1000);
    ticker.start();
    await clock.advance(2000);
    assert.deepEqual(
      runs.map(([, i]) => i),
      [0, 1, 2, 3, 0, 1, 2, 3],
    );
    // Item i first runs about (i + 1) * period / count after the start.
    for (const [i, [at]] of runs.slice(0, 4).entries()) assert.ok(Math.abs(at - (i + 1) * 250) <= 250, `item ${i} at ${at}`);
    await ticker.stop();
  });

  it('keeps a steady rate for thousands of items', async () => {
    const { clock, runs, ticker } = recorded(5000, 10_000);
    ticker.start();
    await clock.advance(1000);
    assert.ok(runs.length >= 490 && runs.length <= 510, `${runs.length} runs in the first second`);
    await clock.advance(9000);
    assert.equal(runs.length, 5000);
    await ticker.stop();
  });

  it('never runs an item twice at once and counts the turns it skips', async () => {
    const { clock, runs, ticker, stop } = recorded(2, 100, { runMs: 250 });
    ticker.start();
    await clock.advance(600);
    const perItem = [0, 1].map((i) => runs.filter(([, j]) => j === i).length);
    assert.ok(perItem.every((n) => n <= 3), `runs per item ${perItem}`);
    assert.ok(ticker.skipped > 0);
    await stop();
  });

  it('limits the runs in flight, falling behind and catching up', async () => {
    // 10 runs a second are due; one at a time, each taking 150 ms, manages about 6.7.
    const { clock, runs, ticker, stop } = recorded(10, 1000, { runMs: 150, maxInFlight: 1 });
    ticker.start();
    await clock.advance(1000);
    assert.ok(runs.length <= 7, `${runs.length} runs`);
    for (let i = 1; i < runs.length; i++) assert.ok(runs[i]![0] - runs[i - 1]![0] >= 150, 'one at a time');
    assert.deepEqual(
      runs.map(([, i]) => i),
      runs.map((_, k) => k % 10),
      'in turn, none dropped while less than a period behind',
    );
    await stop();
  });

  it('reports failures and goes on', async () => {
    const { clock, errors, ticker } = recorded(2, 100, { fail: true });
    ticker.start();
    await clock.advance(200);
    assert.deepEqual(errors.slice(0, 4), [0, 1, 0, 1]);
    await ticker.stop();
  });

  it('does nothing after stop', async () => {
    const { clock, runs, ticker } = recorded(3, 300);
    ticker.start();
    await clock.advance(300);
    await ticker.stop();
    const before = runs.length;
    await clock.advance(3000);
    assert.equal(runs.length, before);
    assert.equal(clock.pendingTimers(), 0);
  });
});
