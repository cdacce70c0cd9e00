// EventsV1Broadcaster records events.k8s.io/v1 Events, as client-go's tools/events does: the
// newer Event API, where an event that keeps happening becomes an EventSeries rather than a
// count on a core/v1 Event (recorder.ts keeps that older API).
//
// Contract:
//  - recorder.eventf(regarding, related, type, reason, action, note) never blocks and never
//    throws; writes happen in order, in the background (up to 1000 queued; more are dropped).
//  - The Event: named `<regarding name>.<unique hex>` in regarding's namespace ('default' for
//    cluster-scoped objects); eventTime now (MicroTime); reportingController the recorder's
//    name and reportingInstance `<name>-<host>`; action, reason, note and type as given
//    (type Normal or Warning, anything else is refused); regarding and related as object
//    references (a related object that cannot be referenced is left out).
//  - Isomorphic events — same type, action, reason, reporting controller and instance,
//    regarding and related (the note does not count) — are one Event: the first is created;
//    the second starts its series (count 2, lastObservedTime now), written as a strategic
//    merge patch of `series`; later ones only count up in memory. A series is written again
//    every 30 minutes while it goes on, and once more when it ends (no occurrence for 6
//    minutes), after which it is forgotten, as is a single event after 6 minutes: the next
//    occurrence creates a new Event.
//  - Writes: a patch that finds the Event gone (404) creates it, series and all; an API
//    error drops the write, except AlreadyExists on a series' create (the first write has
//    not landed yet), which is retried; transport errors are retried up to 12 times, 10 s
//    (+25% jitter) apart.
// Time (eventTime, series, the 6 and 30 minute loops, retries) comes from the injected clock.

import type { KubeObject } from '../../api/meta.js';
import type { ResourceClient } from '../contract.js';
import { realClock, type Clock, type Timer } from '../workqueue/clock.js';
import { defaultHost, EventNamer, getReference, MAX_QUEUED_EVENTS, MAX_TRIES_PER_EVENT } from './recorder.js';
import { formatMicroTime, type EventType, type EventV1, type ObjectReference } from './types.js';
import { statusCode } from '../errors.js';

export const SERIES_FINISH_MS = 6 * 60_000;
export const SERIES_REFRESH_MS = 30 * 60_000;
export const DEFAULT_V1_RETRY_SLEEP_MS = 10_000;

export interface EventsV1Recorder {
  /** Records that `action` was taken on regarding (with related, if any) for `reason`. */
  eventf(regarding: KubeObject | ObjectReference, related: KubeObject | ObjectReference | undefined, type: EventType, reason: string, action: string, note: string): void;
}

export interface EventsV1BroadcasterOptions {
  /** The events.k8s.io/v1 events client (namespaced views are taken per event). */
  readonly client: ResourceClient<EventV1>;
  readonly clock?: Clock;
  readonly host?: string;
  readonly retrySleepMs?: number;
  readonly random?: () => number;
  readonly maxQueued?: number;
  /** apiVersion/kind for objects that arrive without them. */
  readonly typeMetaFor?: (obj: KubeObject) => { apiVersion: string; kind: string } | undefined;
  /** Told about events that could not be made or written. */
  readonly onError?: (err: unknown, event?: EventV1) => void;
}

/** The isomorphism key: everything but the note (and the name and times). */
export function isomorphicKey(e: EventV1): string {
  return JSON.stringify([e.type, e.action, e.reason, e.reportingController, e.reportingInstance, refKey(e.regarding), refKey(e.related)]);
}

function refKey(ref: ObjectReference | undefined): unknown[] {
  if (!ref) return [];
  return [ref.kind, ref.namespace, ref.name, ref.uid, ref.apiVersion, ref.resourceVersion, ref.fieldPath];
}

/** What became of one write: done (written or refused for good), or worth another try. */
type WriteOutcome = { readonly retry: false; readonly written?: EventV1 } | { readonly retry: true };

export class EventsV1Broadcaster {
  readonly #client: ResourceClient<EventV1>;
  readonly #clock: Clock;
  readonly #namer: EventNamer;
  readonly #host: string;
  readonly #retrySleep: number;
  readonly #random: () => number;
  readonly #maxQueued: number;
  readonly #typeMetaFor: EventsV1BroadcasterOptions['typeMetaFor'];
  readonly #onError: (err: unknown, event?: EventV1) => void;
  /** The last Event of each isomorphic key, as we last wrote it (or mean to). */
  readonly #cache = new Map<string, EventV1>();
  #queue: (() => Promise<void>)[] = [];
  #draining: Promise<void> | undefined;
  #timers: Timer[] = [];
  #shutDown = false;

  constructor(opts: EventsV1BroadcasterOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock ?? realClock;
    this.#namer = new EventNamer(this.#clock);
    this.#host = opts.host ?? defaultHost();
    this.#retrySleep = opts.retrySleepMs ?? DEFAULT_V1_RETRY_SLEEP_MS;
    this.#random = opts.random ?? Math.random;
    this.#maxQueued = opts.maxQueued ?? MAX_QUEUED_EVENTS;
    this.#typeMetaFor = opts.typeMetaFor;
    this.#onError = opts.onError ?? ((err) => console.warn(`event recorder: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** A recorder reporting as `reportingController` (a qualified name, e.g. my-operator). */
  newRecorder(reportingController: string): EventsV1Recorder {
    const instance = `${reportingController}-${this.#host}`;
    return {
      eventf: (regarding, related, type, reason, action, note) => this.#generate(reportingController, instance, regarding, related, type, reason, action, note),
    };
  }

  /** Resolves once every write queued so far has been done (or given up on). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Stops accepting events and stops the series loops; queued writes are still tried once. */
  shutdown(): void {
    this.#shutDown = true;
    for (const t of this.#timers) t.cancel();
    this.#timers = [];
  }

  #generate(controller: string, instance: string, regarding: KubeObject | ObjectReference, related: KubeObject | ObjectReference | undefined, type: EventType, reason: string, action: string, note: string): void {
    if (this.#shutDown) return;
    let event: EventV1;
    try {
      if (type !== 'Normal' && type !== 'Warning') throw new Error(`unsupported event type: '${String(type)}'`);
      const ref = getReference(regarding, this.#typeMetaFor);
      const relatedRef = this.#relatedReference(related);
      event = {
        apiVersion: 'events.k8s.io/v1',
        kind: 'Event',
        metadata: { name: this.#namer.next(ref.name ?? ''), namespace: ref.namespace || 'default' },
        eventTime: formatMicroTime(this.#clock.now()),
        reportingController: controller,
        reportingInstance: instance,
        action,
        reason,
        regarding: ref,
        ...(relatedRef ? { related: relatedRef } : {}),
        note,
        type,
      };
    } catch (err) {
      this.#onError(err);
      return;
    }
    this.#startLoops();
    const toWrite = this.#observe(event);
    if (toWrite) this.#enqueue(() => this.#attempt(toWrite));
  }

  #relatedReference(related: KubeObject | ObjectReference | undefined): ObjectReference | undefined {
    if (!related) return undefined;
    try {
      return getReference(related, this.#typeMetaFor);
    } catch {
      return undefined;
    }
  }

  /** Updates the cache for a new occurrence; answers what to write now, if anything. */
  #observe(event: EventV1): EventV1 | undefined {
    const key = isomorphicKey(event);
    const known = this.#cache.get(key);
    const now = formatMicroTime(this.#clock.now());
    if (!known) {
      this.#cache.set(key, event);
      return structuredClone(event);
    }
    if (known.series) {
      known.series = { count: known.series.count + 1, lastObservedTime: now };
      return undefined;
    }
    known.series = { count: 2, lastObservedTime: now };
    return structuredClone(known);
  }

  #enqueue(job: () => Promise<void>): void {
    if (this.#queue.length >= this.#maxQueued) {
      this.#onError(new Error('unable to record event: too many queued events, dropped event'));
      return;
    }
    this.#queue.push(job);
    this.#draining ??= this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      for (let job = this.#queue.shift(); job; job = this.#queue.shift()) await job();
    } finally {
      this.#draining = undefined;
    }
  }

  /** Writes one event, retrying transport failures. */
  async #attempt(event: EventV1): Promise<void> {
    for (let tries = 1; ; tries++) {
      const outcome = await this.#write(event);
      if (!outcome.retry) return;
      if (tries >= MAX_TRIES_PER_EVENT || this.#shutDown) {
        this.#onError(new Error('unable to write event (retry limit exceeded)'), event);
        return;
      }
      await this.#sleep(this.#retrySleep * (1 + 0.25 * this.#random()));
    }
  }

  /** client-go's recordEvent: patch a series (create it if gone), else create. */
  async #write(event: EventV1): Promise<WriteOutcome> {
    const client = this.#client.namespace(event.metadata.namespace ?? 'default');
    const isSeries = event.series !== undefined;
    try {
      if (isSeries) {
        try {
          return { retry: false, written: await client.patch(event.metadata.name!, 'strategic', { series: event.series }) };
        } catch (err) {
          if (statusCode(err) !== 404) throw err;
        }
      }
      const body: EventV1 = { ...event, metadata: { ...event.metadata } };
      delete body.metadata.resourceVersion;
      return { retry: false, written: await client.create(body) };
    } catch (err) {
      const code = statusCode(err);
      if (code === undefined) {
        this.#onError(err, event);
        return { retry: true };
      }
      // A series' create racing its own first write: try again. Other refusals are final.
      if (code === 409 && isSeries) return { retry: true };
      if (code !== 409) this.#onError(err, event);
      return { retry: false };
    }
  }

  #startLoops(): void {
    if (this.#timers.length > 0 || this.#shutDown) return;
    this.#every(SERIES_FINISH_MS, () => this.#finishSeries());
    this.#every(SERIES_REFRESH_MS, () => this.#refreshSeries());
  }

  #every(ms: number, fn: () => void): void {
    const index = this.#timers.length;
    const tick = (): void => {
      if (this.#shutDown) return;
      fn();
      this.#timers[index] = this.#clock.setTimer(tick, ms);
    };
    this.#timers[index] = this.#clock.setTimer(tick, ms);
  }

  /** Series with no occurrence for 6 minutes get their final count written and are
   *  forgotten; single events are forgotten 6 minutes after they happened. */
  #finishSeries(): void {
    const cutoff = this.#clock.now() - SERIES_FINISH_MS;
    for (const [key, event] of this.#cache) {
      const last = Date.parse(event.series ? event.series.lastObservedTime : event.eventTime);
      if (!(last < cutoff)) continue;
      this.#cache.delete(key);
      if (event.series) {
        const final = structuredClone(event);
        this.#enqueue(() => this.#attempt(final));
      }
    }
  }

  /** Ongoing series are written every 30 minutes, so their Events do not expire. */
  #refreshSeries(): void {
    for (const event of this.#cache.values()) {
      if (!event.series) continue;
      const current = structuredClone(event);
      this.#enqueue(() => this.#attempt(current));
    }
  }

  #sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.#clock.setTimer(resolve, ms));
  }
}
