// Rate limiters decide how long an item waits before it is retried (client-go
// default_rate_limiters.go).
//
// Contract: when(item) answers the delay for this attempt and counts it; forget(item) says
// the item succeeded, so its per-item history is dropped (overall limits are not per item
// and keep their state); numRequeues(item) is how many times when() was asked since the
// last forget. The controller default is the max of a per-item exponential backoff (5 ms
// doubling to 1000 s) and an overall token bucket (10 qps, burst 100): one failing key
// backs off on its own, and a storm of failures cannot exceed the bucket's rate.

import { realClock, type Clock } from './clock.js';

export interface RateLimiter<T> {
  when(item: T): number;
  forget(item: T): void;
  numRequeues(item: T): number;
}

/** baseDelayMs * 2^failures, capped at maxDelayMs. */
export class ItemExponentialFailureRateLimiter<T> implements RateLimiter<T> {
  readonly #failures = new Map<T, number>();

  constructor(
    readonly baseDelayMs: number,
    readonly maxDelayMs: number,
  ) {}

  when(item: T): number {
    const exp = this.#failures.get(item) ?? 0;
    this.#failures.set(item, exp + 1);
    const backoff = this.baseDelayMs * 2 ** exp;
    // Past 2^53 the product is no longer meaningful; the cap applies long before that.
    return Number.isFinite(backoff) && backoff <= this.maxDelayMs ? backoff : this.maxDelayMs;
  }

  forget(item: T): void {
    this.#failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.#failures.get(item) ?? 0;
  }
}

/** fastDelayMs for the first maxFastAttempts attempts, slowDelayMs after. */
export class ItemFastSlowRateLimiter<T> implements RateLimiter<T> {
  readonly #failures = new Map<T, number>();

  constructor(
    readonly fastDelayMs: number,
    readonly slowDelayMs: number,
    readonly maxFastAttempts: number,
  ) {}

  when(item: T): number {
    const n = (this.#failures.get(item) ?? 0) + 1;
    this.#failures.set(item, n);
    return n <= this.maxFastAttempts ? this.fastDelayMs : this.slowDelayMs;
  }

  forget(item: T): void {
    this.#failures.delete(item);
  }

  numRequeues(item: T): number {
    return this.#failures.get(item) ?? 0;
  }
}

export interface BucketOptions {
  readonly qps: number;
  readonly burst: number;
  readonly clock?: Clock;
}

/**
 * An overall token bucket, as golang.org/x/time/rate reserves: the bucket starts full, every
 * when() takes a token (possibly going into debt) and answers how long until that token
 * exists. Per-item methods are no-ops.
 */
export class BucketRateLimiter<T> implements RateLimiter<T> {
  readonly #qps: number;
  readonly #burst: number;
  readonly #clock: Clock;
  #tokens: number;
  #last: number;

  constructor(opts: BucketOptions) {
    this.#qps = opts.qps;
    this.#burst = opts.burst;
    this.#clock = opts.clock ?? realClock;
    this.#tokens = opts.burst;
    this.#last = this.#clock.now();
  }

  when(_item: T): number {
    const now = this.#clock.now();
    const elapsed = Math.max(0, now - this.#last);
    this.#last = Math.max(this.#last, now);
    this.#tokens = Math.min(this.#burst, this.#tokens + (elapsed * this.#qps) / 1000);
    this.#tokens -= 1;
    return this.#tokens >= 0 ? 0 : (-this.#tokens / this.#qps) * 1000;
  }

  forget(_item: T): void {}

  numRequeues(_item: T): number {
    return 0;
  }
}

/** The longest delay of its limiters; requeues counted as the largest count among them. */
export class MaxOfRateLimiter<T> implements RateLimiter<T> {
  readonly #limiters: readonly RateLimiter<T>[];

  constructor(...limiters: RateLimiter<T>[]) {
    this.#limiters = limiters;
  }

  when(item: T): number {
    let max = 0;
    // Every limiter is asked: each one counts the attempt.
    for (const l of this.#limiters) max = Math.max(max, l.when(item));
    return max;
  }

  forget(item: T): void {
    for (const l of this.#limiters) l.forget(item);
  }

  numRequeues(item: T): number {
    let max = 0;
    for (const l of this.#limiters) max = Math.max(max, l.numRequeues(item));
    return max;
  }
}

export const DEFAULT_BASE_DELAY_MS = 5;
export const DEFAULT_MAX_DELAY_MS = 1000 * 1000;
export const DEFAULT_QPS = 10;
export const DEFAULT_BURST = 100;

/** client-go's DefaultControllerRateLimiter. */
export function defaultControllerRateLimiter<T>(clock: Clock = realClock): RateLimiter<T> {
  return new MaxOfRateLimiter<T>(
    new ItemExponentialFailureRateLimiter<T>(DEFAULT_BASE_DELAY_MS, DEFAULT_MAX_DELAY_MS),
    new BucketRateLimiter<T>({ qps: DEFAULT_QPS, burst: DEFAULT_BURST, clock }),
  );
}
