// A queue for controller unit tests: add/get/done behave as the real Queue (dedup,
// exclusivity), while every call is recorded so a test can assert what a handler or a sync
// asked for. Delayed and rate-limited adds are recorded, not scheduled: a test decides
// whether to act on them (flushDelayed), and no clock is involved.

import { Queue, type GetResult } from './queue.js';
import type { RateLimitingWorkQueue } from './rate-limiting-queue.js';

export class FakeQueue<T = string> implements RateLimitingWorkQueue<T> {
  readonly #queue = new Queue<T>();
  readonly #requeues = new Map<T, number>();
  /** Every add(), in order (including duplicates the queue itself dropped). */
  readonly added: T[] = [];
  readonly addedAfter: { item: T; delayMs: number }[] = [];
  readonly addedRateLimited: T[] = [];
  readonly forgotten: T[] = [];
  readonly doneItems: T[] = [];

  add(item: T): void {
    this.added.push(item);
    this.#queue.add(item);
  }

  addAfter(item: T, delayMs: number): void {
    this.addedAfter.push({ item, delayMs });
  }

  addRateLimited(item: T): void {
    this.addedRateLimited.push(item);
    this.#requeues.set(item, (this.#requeues.get(item) ?? 0) + 1);
  }

  forget(item: T): void {
    this.forgotten.push(item);
    this.#requeues.delete(item);
  }

  numRequeues(item: T): number {
    return this.#requeues.get(item) ?? 0;
  }

  len(): number {
    return this.#queue.len();
  }

  get(): Promise<GetResult<T>> {
    return this.#queue.get();
  }

  done(item: T): void {
    this.doneItems.push(item);
    this.#queue.done(item);
  }

  shutDown(): void {
    this.#queue.shutDown();
  }

  shutDownWithDrain(): Promise<void> {
    return this.#queue.shutDownWithDrain();
  }

  shuttingDown(): boolean {
    return this.#queue.shuttingDown();
  }

  /** Moves every recorded delayed or rate-limited add into the queue, as if time passed. */
  flushDelayed(): void {
    for (const { item } of this.addedAfter.splice(0)) this.#queue.add(item);
    for (const item of this.addedRateLimited.splice(0)) this.#queue.add(item);
  }

  /** Takes every queued item (marking each done at once): what handlers enqueued so far. */
  drain(): T[] {
    const out: T[] = [];
    for (let item = this.#queue.tryGet(); item !== undefined; item = this.#queue.tryGet()) {
      this.#queue.done(item);
      out.push(item);
    }
    return out;
  }
}
