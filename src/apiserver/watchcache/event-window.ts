// EventWindow keeps the recent history of one resource's changes so that a watch may start
// from a recent resourceVersion without going to storage. It holds every event with
// revision > `from`; older ones have been dropped and a watch that needs them is "too old".
// Events older than `maxAgeMs` are dropped once more than `minEvents` are held, and the
// window never holds more than `maxEvents`.

import type { CachedObject } from './cached-object.js';

export type CacheEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface CacheEvent {
  readonly type: CacheEventType;
  readonly revision: number;
  /** The object after the event; for DELETED, its last state at the deletion's revision. */
  readonly object: CachedObject;
  /** The object before the event (MODIFIED and DELETED). */
  readonly prevObject?: CachedObject;
  readonly time: number;
}

export interface WindowLimits {
  readonly minEvents: number;
  readonly maxEvents: number;
  readonly maxAgeMs: number;
}

/** At least 1,000 events, and 75 s of history beyond that (Kubernetes' watch cache keeps
 *  eventFreshDuration = 75 s when it can), at most 100,000 events. */
export const DEFAULT_WINDOW: WindowLimits = { minEvents: 1000, maxEvents: 100_000, maxAgeMs: 75_000 };

export class EventWindow {
  #events: CacheEvent[] = [];
  #head = 0;
  #from: number;

  constructor(from: number, readonly limits: WindowLimits = DEFAULT_WINDOW) {
    this.#from = from;
  }

  /** The window holds every event with revision > from. */
  get from(): number {
    return this.#from;
  }

  get size(): number {
    return this.#events.length - this.#head;
  }

  push(event: CacheEvent): void {
    this.#events.push(event);
    this.#trim(event.time);
  }

  /** Drops events that aged out while no new ones arrived. */
  expire(now: number): void {
    this.#trim(now);
  }

  /** Events with revision > revision, oldest first; undefined when some were dropped. */
  since(revision: number): CacheEvent[] | undefined {
    if (revision < this.#from) return undefined;
    let lo = this.#head;
    let hi = this.#events.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#events[mid].revision <= revision) lo = mid + 1;
      else hi = mid;
    }
    return this.#events.slice(lo);
  }

  #trim(now: number): void {
    const { minEvents, maxEvents, maxAgeMs } = this.limits;
    while (this.size > maxEvents || (this.size > minEvents && now - this.#events[this.#head].time > maxAgeMs)) {
      this.#from = this.#events[this.#head].revision;
      this.#head++;
    }
    // Compact the backing array once the dropped prefix dominates it.
    if (this.#head > 1024 && this.#head * 2 > this.#events.length) {
      this.#events = this.#events.slice(this.#head);
      this.#head = 0;
    }
  }
}
