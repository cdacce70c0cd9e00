// Backoff is the reflector's wait between failed attempts (client-go's
// exponentialBackoffManager, as the reflector configures it): 800 ms doubling to 30 s, with
// jitter so many clients do not retry in lockstep after a server restart, and a reset to the
// initial delay once no backoff was needed for two minutes (a healthy stretch forgives
// earlier failures).

import type { Clock } from '../workqueue/clock.js';

export interface BackoffOptions {
  readonly initialMs?: number;
  readonly maxMs?: number;
  readonly factor?: number;
  /** Each delay grows by up to this fraction of itself, at random (0: no jitter). */
  readonly jitter?: number;
  readonly resetAfterMs?: number;
  /** A random source in [0, 1); tests pin it. */
  readonly random?: () => number;
}

export class Backoff {
  readonly #clock: Clock;
  readonly #initial: number;
  readonly #max: number;
  readonly #factor: number;
  readonly #jitter: number;
  readonly #resetAfter: number;
  readonly #random: () => number;
  #next: number;
  #lastAt: number | undefined;

  constructor(clock: Clock, opts: BackoffOptions = {}) {
    this.#clock = clock;
    this.#initial = opts.initialMs ?? 800;
    this.#max = opts.maxMs ?? 30_000;
    this.#factor = opts.factor ?? 2;
    this.#jitter = opts.jitter ?? 1.0;
    this.#resetAfter = opts.resetAfterMs ?? 120_000;
    this.#random = opts.random ?? Math.random;
    this.#next = this.#initial;
  }

  /** The delay before the next attempt; each call grows the one after. */
  next(): number {
    const now = this.#clock.now();
    if (this.#lastAt !== undefined && now - this.#lastAt > this.#resetAfter) this.#next = this.#initial;
    this.#lastAt = now;
    const base = this.#next;
    this.#next = Math.min(this.#max, this.#next * this.#factor);
    return this.#jitter > 0 ? base + base * this.#jitter * this.#random() : base;
  }

  /** Forgets past failures. */
  reset(): void {
    this.#next = this.#initial;
    this.#lastAt = undefined;
  }
}
