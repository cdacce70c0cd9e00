// The work queue every controller pulls keys from (client-go util/workqueue, queue.go).
//
// Contract:
//  - Fair: items are handed out in the order they were added.
//  - Stingy: an item added many times before it is handed out is handed out once (the
//    "dirty" set holds what is waiting or has been re-added).
//  - Exclusive: an item is never handed out while a worker is processing it (the
//    "processing" set). Adding it meanwhile marks it dirty, and done() queues it again
//    exactly once, so the change that arrived during processing is never lost.
//  - get() waits (asynchronously) for an item; after shutDown() it hands out what is still
//    queued and then answers shutdown to every caller. add() after shutdown is ignored.
//  - shutDownWithDrain() also waits until every handed-out item is done and nothing is left
//    to hand out.
// Items are compared by identity (Set semantics): controllers queue string keys.

/** What get() answers: an item, or that the queue has shut down. */
export type GetResult<T> = readonly [item: T, shutdown: false] | readonly [item: undefined, shutdown: true];

/** client-go's workqueue.Interface. */
export interface WorkQueue<T> {
  add(item: T): void;
  /** Items waiting to be handed out (not those being processed). */
  len(): number;
  get(): Promise<GetResult<T>>;
  /** Marks an item handed out by get() as finished; re-queues it if it was added meanwhile. */
  done(item: T): void;
  shutDown(): void;
  shutDownWithDrain(): Promise<void>;
  shuttingDown(): boolean;
}

/** A FIFO of items with O(1) push and shift. */
class Fifo<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  get length(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    if (this.#head >= this.#items.length) return undefined;
    const item = this.#items[this.#head];
    this.#items[this.#head++] = undefined;
    // Compact once the dead prefix dominates, so memory follows the live length.
    if (this.#head > 1024 && this.#head * 2 > this.#items.length) {
      this.#items = this.#items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }
}

const SHUTDOWN: GetResult<never> = Object.freeze([undefined, true] as const);

export class Queue<T = string> implements WorkQueue<T> {
  readonly #queue = new Fifo<T>();
  readonly #dirty = new Set<T>();
  readonly #processing = new Set<T>();
  readonly #waiters = new Fifo<(r: GetResult<T>) => void>();
  #shuttingDown = false;
  #drainWaiters: (() => void)[] = [];

  add(item: T): void {
    if (this.#shuttingDown) return;
    if (this.#dirty.has(item)) return;
    this.#dirty.add(item);
    if (this.#processing.has(item)) return;
    this.#enqueue(item);
  }

  len(): number {
    return this.#queue.length;
  }

  get(): Promise<GetResult<T>> {
    if (this.#queue.length > 0) return Promise.resolve(this.#handOut(this.#queue.shift() as T));
    if (this.#shuttingDown) return Promise.resolve(SHUTDOWN);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Hands out the next item if one is queued, without waiting (undefined otherwise). */
  tryGet(): T | undefined {
    if (this.#queue.length === 0) return undefined;
    const [item] = this.#handOut(this.#queue.shift() as T);
    return item;
  }

  done(item: T): void {
    this.#processing.delete(item);
    if (this.#dirty.has(item)) this.#enqueue(item);
    this.#checkDrained();
  }

  shutDown(): void {
    this.#shuttingDown = true;
    // Waiters exist only while the queue is empty, so every one of them is told to stop.
    for (let w = this.#waiters.shift(); w; w = this.#waiters.shift()) w(SHUTDOWN);
    this.#checkDrained();
  }

  shutDownWithDrain(): Promise<void> {
    const drained = new Promise<void>((resolve) => this.#drainWaiters.push(resolve));
    this.shutDown();
    this.#checkDrained();
    return drained;
  }

  shuttingDown(): boolean {
    return this.#shuttingDown;
  }

  /** True while a worker holds the item (between get() and done()). */
  isProcessing(item: T): boolean {
    return this.#processing.has(item);
  }

  #enqueue(item: T): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(this.#handOut(item));
    else this.#queue.push(item);
  }

  #handOut(item: T): GetResult<T> {
    this.#processing.add(item);
    this.#dirty.delete(item);
    return [item, false];
  }

  #checkDrained(): void {
    if (this.#drainWaiters.length === 0 || !this.#shuttingDown) return;
    if (this.#processing.size > 0 || this.#queue.length > 0) return;
    const waiters = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const w of waiters) w();
  }
}
