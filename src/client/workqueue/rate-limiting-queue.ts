// The queue controllers use (client-go rate_limiting_queue.go): a delaying queue whose
// addRateLimited(item) waits as long as the rate limiter says. A worker calls
// addRateLimited(key) when sync(key) failed and forget(key) when it succeeded, so the
// per-key backoff grows with consecutive failures and resets on the first success.

import { realClock, type Clock } from './clock.js';
import { DelayingQueue, type DelayingWorkQueue } from './delaying-queue.js';
import { defaultControllerRateLimiter, type RateLimiter } from './rate-limiter.js';

export interface RateLimitingWorkQueue<T> extends DelayingWorkQueue<T> {
  addRateLimited(item: T): void;
  /** Ends the item's backoff history (it still has to be done() if it was handed out). */
  forget(item: T): void;
  numRequeues(item: T): number;
}

export interface RateLimitingQueueOptions<T> {
  readonly rateLimiter?: RateLimiter<T>;
  readonly clock?: Clock;
}

export class RateLimitingQueue<T = string> extends DelayingQueue<T> implements RateLimitingWorkQueue<T> {
  readonly #limiter: RateLimiter<T>;

  constructor(opts: RateLimitingQueueOptions<T> = {}) {
    const clock = opts.clock ?? realClock;
    super({ clock });
    this.#limiter = opts.rateLimiter ?? defaultControllerRateLimiter<T>(clock);
  }

  addRateLimited(item: T): void {
    this.addAfter(item, this.#limiter.when(item));
  }

  forget(item: T): void {
    this.#limiter.forget(item);
  }

  numRequeues(item: T): number {
    return this.#limiter.numRequeues(item);
  }
}
