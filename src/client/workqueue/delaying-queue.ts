// A work queue that can also take an item "later" (client-go delaying_queue.go).
//
// Contract: addAfter(item, delayMs) adds the item once delayMs has passed on the injected
// clock (at once when delayMs <= 0). An item waiting with an earlier ready time keeps it; a
// later addAfter never postpones it, an earlier one brings it forward. Once ready, the item
// goes through add(), so the Queue's dedup and exclusivity rules apply. Shutting down
// forgets everything still waiting.

import { realClock, type Clock, type Timer } from './clock.js';
import { Queue, type WorkQueue } from './queue.js';

export interface DelayingWorkQueue<T> extends WorkQueue<T> {
  addAfter(item: T, delayMs: number): void;
}

export interface DelayingQueueOptions {
  readonly clock?: Clock;
}

interface Waiting<T> {
  readonly item: T;
  readonly readyAt: number;
  readonly seq: number;
}

/** A binary min-heap on (readyAt, seq): the waiting items, earliest first. */
class WaitHeap<T> {
  readonly #heap: Waiting<T>[] = [];

  get size(): number {
    return this.#heap.length;
  }

  peek(): Waiting<T> | undefined {
    return this.#heap[0];
  }

  push(w: Waiting<T>): void {
    const h = this.#heap;
    h.push(w);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i]!, h[p]!)) break;
      [h[i], h[p]] = [h[p]!, h[i]!];
      i = p;
    }
  }

  pop(): Waiting<T> | undefined {
    const h = this.#heap;
    const top = h[0];
    const last = h.pop();
    if (h.length > 0 && last) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && less(h[l]!, h[m]!)) m = l;
        if (r < h.length && less(h[r]!, h[m]!)) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m]!, h[i]!];
        i = m;
      }
    }
    return top;
  }

  clear(): void {
    this.#heap.length = 0;
  }
}

function less<T>(a: Waiting<T>, b: Waiting<T>): boolean {
  return a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq);
}

export class DelayingQueue<T = string> extends Queue<T> implements DelayingWorkQueue<T> {
  readonly #clock: Clock;
  readonly #heap = new WaitHeap<T>();
  /** The live entry per item; heap entries that are not live are stale and skipped. */
  readonly #waiting = new Map<T, Waiting<T>>();
  #seq = 0;
  #timer: Timer | undefined;
  #timerAt = Infinity;

  constructor(opts: DelayingQueueOptions = {}) {
    super();
    this.#clock = opts.clock ?? realClock;
  }

  addAfter(item: T, delayMs: number): void {
    if (this.shuttingDown()) return;
    if (delayMs <= 0) {
      this.add(item);
      return;
    }
    const readyAt = this.#clock.now() + delayMs;
    const existing = this.#waiting.get(item);
    if (existing && existing.readyAt <= readyAt) return;
    const w: Waiting<T> = { item, readyAt, seq: this.#seq++ };
    this.#waiting.set(item, w);
    this.#heap.push(w);
    this.#schedule();
  }

  /** Items waiting for their delay to pass. */
  waitingLen(): number {
    return this.#waiting.size;
  }

  override shutDown(): void {
    super.shutDown();
    this.#timer?.cancel();
    this.#timer = undefined;
    this.#timerAt = Infinity;
    this.#heap.clear();
    this.#waiting.clear();
  }

  #schedule(): void {
    this.#dropStale();
    const top = this.#heap.peek();
    if (!top) return;
    if (this.#timer && this.#timerAt <= top.readyAt) return;
    this.#timer?.cancel();
    this.#timerAt = top.readyAt;
    this.#timer = this.#clock.setTimer(() => this.#fire(), top.readyAt - this.#clock.now());
  }

  #fire(): void {
    this.#timer = undefined;
    this.#timerAt = Infinity;
    const now = this.#clock.now();
    for (;;) {
      this.#dropStale();
      const top = this.#heap.peek();
      if (!top || top.readyAt > now) break;
      this.#heap.pop();
      this.#waiting.delete(top.item);
      this.add(top.item);
    }
    this.#schedule();
  }

  #dropStale(): void {
    for (let top = this.#heap.peek(); top && this.#waiting.get(top.item) !== top; top = this.#heap.peek()) this.#heap.pop();
  }
}
