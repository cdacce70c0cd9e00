// EventCorrelator decides what an event becomes before it is written (client-go
// tools/record/events_cache.go), so a controller that says the same thing over and over does
// not flood the API:
//  1. Aggregation: events that differ only in message (same source, object, type, reason,
//     reporting component/instance) are counted per 10-minute window; from the 10th distinct
//     message on, they are folded into one event whose message is
//     "(combined from similar events): <latest message>".
//  2. Deduplication: an event identical to one already written (same source, object, type,
//     reason, message) is not created again: the existing event's count goes up and its
//     lastTimestamp moves, through a patch.
//  3. Spam filter: each source+object has a token bucket (burst 25, one token per 5 minutes);
//     an event finding it empty is dropped.
// Caches are LRU with 4096 entries, so memory is bounded however many objects there are.

import { realClock, type Clock } from '../workqueue/clock.js';
import { formatTime, type CoreEvent } from './types.js';

export const MAX_LRU_CACHE_ENTRIES = 4096;
export const DEFAULT_AGGREGATE_MAX_EVENTS = 10;
export const DEFAULT_AGGREGATE_INTERVAL_SECONDS = 600;
export const DEFAULT_SPAM_BURST = 25;
export const DEFAULT_SPAM_QPS = 1 / 300;
export const AGGREGATE_MESSAGE_PREFIX = '(combined from similar events): ';

export interface CorrelatorOptions {
  readonly lruCacheSize?: number;
  readonly burstSize?: number;
  readonly qps?: number;
  readonly maxEvents?: number;
  readonly maxIntervalSeconds?: number;
  readonly clock?: Clock;
  /** Names a new event; the recorder's generator keeps names unique. */
  readonly nameFor?: (refName: string) => string;
}

/** A least-recently-used map: get and set refresh an entry; the oldest goes past capacity. */
export class LruCache<V> {
  readonly #max: number;
  readonly #map = new Map<string, V>();

  constructor(max: number) {
    this.#max = max;
  }

  get(key: string): V | undefined {
    const v = this.#map.get(key);
    if (v === undefined) return undefined;
    this.#map.delete(key);
    this.#map.set(key, v);
    return v;
  }

  set(key: string, v: V): void {
    this.#map.delete(key);
    this.#map.set(key, v);
    if (this.#map.size > this.#max) this.#map.delete(this.#map.keys().next().value!);
  }

  get size(): number {
    return this.#map.size;
  }
}

/** A token bucket that answers yes/no now (flowcontrol's TryAccept), starting full. */
class TokenBucket {
  #tokens: number;
  #last: number;

  constructor(
    readonly qps: number,
    readonly burst: number,
    now: number,
  ) {
    this.#tokens = burst;
    this.#last = now;
  }

  tryAccept(now: number): boolean {
    this.#tokens = Math.min(this.burst, this.#tokens + (Math.max(0, now - this.#last) * this.qps) / 1000);
    this.#last = Math.max(this.#last, now);
    if (this.#tokens < 1) return false;
    this.#tokens -= 1;
    return true;
  }
}

const join = (parts: (string | undefined)[]): string => parts.map((p) => p ?? '').join('');

/** Same source, object, type, reason and message: the same event. */
export function getEventKey(e: CoreEvent): string {
  const o = e.involvedObject ?? {};
  return join([e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.fieldPath, o.uid, o.apiVersion, e.type, e.reason, e.message]);
}

/** Same source and object: one spam budget. */
export function getSpamKey(e: CoreEvent): string {
  const o = e.involvedObject ?? {};
  return join([e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion]);
}

/** Similar events: all but the message equal. Answers [aggregate key, local key]. */
export function aggregateKeys(e: CoreEvent): [string, string] {
  const o = e.involvedObject ?? {};
  return [
    join([e.source?.component, e.source?.host, o.kind, o.namespace, o.name, o.uid, o.apiVersion, e.type, e.reason, e.reportingComponent, e.reportingInstance]),
    e.message ?? '',
  ];
}

interface AggregateRecord {
  readonly localKeys: Set<string>;
  lastTimestamp: number;
}

interface EventLog {
  readonly count: number;
  readonly firstTimestamp: string | null | undefined;
  readonly name: string;
  readonly resourceVersion: string | undefined;
}

export interface CorrelateResult {
  /** What to write; undefined when skipped. */
  readonly event?: CoreEvent;
  /** When set, patch the existing event (by name) with it instead of creating one. */
  readonly patch?: { count: number; lastTimestamp: string | null | undefined; message: string | undefined };
  readonly skip: boolean;
}

export class EventCorrelator {
  readonly #clock: Clock;
  readonly #maxEvents: number;
  readonly #maxInterval: number;
  readonly #burst: number;
  readonly #qps: number;
  readonly #nameFor: (refName: string) => string;
  readonly #spam: LruCache<TokenBucket>;
  readonly #aggregates: LruCache<AggregateRecord>;
  readonly #logs: LruCache<EventLog>;

  constructor(opts: CorrelatorOptions = {}) {
    const size = opts.lruCacheSize || MAX_LRU_CACHE_ENTRIES;
    this.#clock = opts.clock ?? realClock;
    this.#maxEvents = opts.maxEvents || DEFAULT_AGGREGATE_MAX_EVENTS;
    this.#maxInterval = (opts.maxIntervalSeconds || DEFAULT_AGGREGATE_INTERVAL_SECONDS) * 1000;
    this.#burst = opts.burstSize || DEFAULT_SPAM_BURST;
    this.#qps = opts.qps || DEFAULT_SPAM_QPS;
    this.#nameFor = opts.nameFor ?? ((name) => `${name}.${(BigInt(this.#clock.now()) * 1_000_000n).toString(16)}`);
    this.#spam = new LruCache(size);
    this.#aggregates = new LruCache(size);
    this.#logs = new LruCache(size);
  }

  /** Aggregates, counts, de-duplicates and filters one event (a fresh object, count 1). */
  correlate(newEvent: CoreEvent): CorrelateResult {
    const [aggregated, key] = this.#aggregate(newEvent);
    const { event, patch } = this.#observe(aggregated, key);
    if (this.#filtered(event)) return { skip: true };
    return patch ? { event, patch, skip: false } : { event, skip: false };
  }

  /** Learns the server's answer (name, resourceVersion, count) for the event just written. */
  updateState(written: CoreEvent): void {
    this.#logs.set(getEventKey(written), {
      count: written.count ?? 1,
      firstTimestamp: written.firstTimestamp,
      name: written.metadata.name!,
      resourceVersion: written.metadata.resourceVersion,
    });
  }

  #aggregate(e: CoreEvent): [CoreEvent, string] {
    const now = this.#clock.now();
    const eventKey = getEventKey(e);
    const [aggregateKey, localKey] = aggregateKeys(e);
    let record = this.#aggregates.get(aggregateKey);
    if (!record || now - record.lastTimestamp > this.#maxInterval) record = { localKeys: new Set(), lastTimestamp: 0 };
    record.localKeys.add(localKey);
    record.lastTimestamp = now;
    this.#aggregates.set(aggregateKey, record);
    if (record.localKeys.size < this.#maxEvents) return [e, eventKey];
    // Keep the set at the threshold: from here on every similar event is aggregated.
    record.localKeys.delete(record.localKeys.values().next().value!);
    const ts = formatTime(now);
    const aggregate: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: this.#nameFor(e.involvedObject.name ?? ''), namespace: e.metadata.namespace },
      involvedObject: e.involvedObject,
      reason: e.reason,
      message: AGGREGATE_MESSAGE_PREFIX + (e.message ?? ''),
      source: e.source,
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type: e.type,
      reportingComponent: e.reportingComponent,
      reportingInstance: e.reportingInstance,
    };
    return [aggregate, aggregateKey];
  }

  #observe(e: CoreEvent, key: string): Pick<CorrelateResult, 'event' | 'patch'> & { event: CoreEvent } {
    const event: CoreEvent = { ...e, metadata: { ...e.metadata } };
    const last = this.#logs.get(key);
    let patch: CorrelateResult['patch'];
    if (last && last.count > 0) {
      event.metadata.name = last.name;
      if (last.resourceVersion) event.metadata.resourceVersion = last.resourceVersion;
      event.firstTimestamp = last.firstTimestamp;
      event.count = last.count + 1;
      // What a two-way strategic merge patch between the event without and with its
      // changing fields (count, lastTimestamp, message) comes to.
      patch = { count: event.count, lastTimestamp: event.lastTimestamp, message: event.message };
    }
    this.#logs.set(key, {
      count: event.count ?? 1,
      firstTimestamp: event.firstTimestamp,
      name: event.metadata.name!,
      resourceVersion: event.metadata.resourceVersion,
    });
    return patch ? { event, patch } : { event };
  }

  #filtered(e: CoreEvent): boolean {
    const key = getSpamKey(e);
    const now = this.#clock.now();
    let bucket = this.#spam.get(key);
    if (!bucket) bucket = new TokenBucket(this.#qps, this.#burst, now);
    const accepted = bucket.tryAccept(now);
    this.#spam.set(key, bucket);
    return !accepted;
  }
}
