// SpreadTicker runs a periodic job for each of `count` items, spread evenly over the period
// rather than all at once: item i runs at start + (i + 1) * period / count, then every period
// after. It is how thousands of simulated nodes renew their leases at a steady write rate
// (5,000 nodes renewing every 10 s make 500 writes a second, not a burst of 5,000).
//
// Contract:
//  - At most maxInFlight runs are under way at once. When runs take longer than their share of
//    the period the ticker falls behind and catches up later; it never falls more than one
//    period behind (older turns are dropped) and never runs an item while its previous run is
//    still under way (that turn is skipped and counted).
//  - A run that throws or rejects is reported to onError; the item runs again next period.
//  - stop() ends the ticking and resolves once the runs under way have finished.
// Time comes from the injected Clock, so tests drive it with a FakeClock.

import { realClock, type Clock, type Timer } from '../../client/workqueue/clock.js';

export interface SpreadTickerOptions {
  readonly count: number;
  readonly periodMs: number;
  readonly maxInFlight: number;
  readonly run: (index: number) => Promise<void>;
  readonly onError: (index: number, err: unknown) => void;
  readonly clock?: Clock;
  /** How often the ticker wakes up (default: the spacing of items, between 5 and 100 ms). */
  readonly tickMs?: number;
}

export class SpreadTicker {
  readonly #opts: SpreadTickerOptions;
  readonly #clock: Clock;
  readonly #tickMs: number;
  readonly #running = new Map<number, Promise<void>>();
  #start = 0;
  /** Turns handed out since start: turn k is item k % count. */
  #turn = 0;
  #timer: Timer | undefined;
  #stopped = false;
  #skipped = 0;

  constructor(opts: SpreadTickerOptions) {
    this.#opts = opts;
    this.#clock = opts.clock ?? realClock;
    this.#tickMs = opts.tickMs ?? Math.min(100, Math.max(5, opts.periodMs / Math.max(1, opts.count)));
  }

  /** Turns skipped because the item was still running or the ticker fell too far behind. */
  get skipped(): number {
    return this.#skipped;
  }

  start(): void {
    if (this.#opts.count === 0 || this.#timer || this.#stopped) return;
    this.#start = this.#clock.now();
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#timer?.cancel();
    this.#timer = undefined;
    await Promise.all(this.#running.values());
  }

  #schedule(): void {
    if (this.#stopped) return;
    this.#timer = this.#clock.setTimer(() => {
      this.#timer = undefined;
      this.#tick();
      this.#schedule();
    }, this.#tickMs);
  }

  #tick(): void {
    const { count, periodMs, maxInFlight } = this.#opts;
    const due = Math.floor(((this.#clock.now() - this.#start) * count) / periodMs);
    if (due - this.#turn > count) {
      this.#skipped += due - count - this.#turn;
      this.#turn = due - count;
    }
    while (this.#turn < due && this.#running.size < maxInFlight) {
      const index = this.#turn % count;
      this.#turn++;
      if (this.#running.has(index)) {
        this.#skipped++;
        continue;
      }
      this.#launch(index);
    }
  }

  #launch(index: number): void {
    const run = (async () => {
      try {
        await this.#opts.run(index);
      } catch (err) {
        this.#opts.onError(index, err);
      } finally {
        this.#running.delete(index);
      }
    })();
    this.#running.set(index, run);
  }
}
