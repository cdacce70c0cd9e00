// EventRecorder records core/v1 Events about objects, as client-go's tools/record does.
//
// Contract:
//  - recorder.event(obj, type, reason, message) never blocks and never throws: the event is
//    queued (up to 1000; beyond that it is dropped, as a flood of events must not take memory
//    without bound) and written in order by the broadcaster.
//  - The Event: named `<object name>.<unique hex>` in the object's namespace ('default' for
//    cluster-scoped objects), involvedObject referencing the object (kind, apiVersion,
//    namespace, name, uid, resourceVersion), source.component/host from the recorder,
//    reportingComponent/reportingInstance likewise, firstTimestamp = lastTimestamp = now,
//    count 1, type Normal or Warning (anything else is refused).
//  - Before writing, the EventCorrelator (correlator.ts) aggregates similar events, turns
//    repeats into count increments (a strategic merge patch of count, lastTimestamp and
//    message on the existing Event), and drops spam. A patch that finds the Event gone (404)
//    creates it afresh.
//  - Writes: an API error (the server refused: AlreadyExists, a terminating namespace,
//    invalid) drops the event; a transport error is retried up to 12 times, 10 s apart (the
//    first wait randomised so clients do not retry in lockstep after an outage).

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isDNS1123Subdomain } from '../../api/labels/index.js';
import type { KubeObject } from '../../api/meta.js';
import type { ResourceClient } from '../contract.js';
import { realClock, sleep, type Clock } from '../workqueue/clock.js';
import { EventCorrelator, type CorrelatorOptions } from './correlator.js';
import { formatTime, type CoreEvent, type EventSource, type EventType, type ObjectReference } from './types.js';
import { statusCode } from '../errors.js';

export const MAX_TRIES_PER_EVENT = 12;
export const DEFAULT_RETRY_SLEEP_MS = 10_000;
export const MAX_QUEUED_EVENTS = 1000;

export interface EventRecorder {
  /** Records an event about obj (an object, or a reference to one). */
  event(obj: KubeObject | ObjectReference, type: EventType, reason: string, message: string): void;
  /** As event(), with annotations on the Event object. */
  annotatedEvent(obj: KubeObject | ObjectReference, annotations: Record<string, string>, type: EventType, reason: string, message: string): void;
}

export interface EventBroadcasterOptions {
  /** The core/v1 events client (namespaced views are taken per event). */
  readonly client: ResourceClient<CoreEvent>;
  readonly clock?: Clock;
  readonly correlator?: Omit<CorrelatorOptions, 'clock' | 'nameFor'>;
  readonly retrySleepMs?: number;
  readonly random?: () => number;
  readonly maxQueued?: number;
  /** apiVersion/kind for objects that arrive without them (list items often do). */
  readonly typeMetaFor?: (obj: KubeObject) => { apiVersion: string; kind: string } | undefined;
  /** Told about events that could not be made or written. */
  readonly onError?: (err: unknown, event?: CoreEvent) => void;
}

/** A reference to obj, as client-go's reference.GetReference makes it. */
export function getReference(
  obj: KubeObject | ObjectReference,
  typeMetaFor?: (obj: KubeObject) => { apiVersion: string; kind: string } | undefined,
): ObjectReference {
  if (!('metadata' in obj) || typeof obj.metadata !== 'object' || obj.metadata === null) {
    const ref = obj as ObjectReference;
    if (!ref.name) throw new Error('could not construct reference: the reference has no name');
    return { ...ref };
  }
  const o = obj as KubeObject;
  let { apiVersion, kind } = o;
  if (!apiVersion || !kind) {
    const tm = typeMetaFor?.(o);
    apiVersion ||= tm?.apiVersion;
    kind ||= tm?.kind;
  }
  if (!kind) throw new Error(`could not construct reference to ${o.metadata.name ?? '<unnamed>'}: the object has no kind`);
  const ref: ObjectReference = { kind, name: o.metadata.name };
  if (o.metadata.namespace) ref.namespace = o.metadata.namespace;
  if (o.metadata.uid) ref.uid = o.metadata.uid;
  if (apiVersion) ref.apiVersion = apiVersion;
  if (o.metadata.resourceVersion) ref.resourceVersion = o.metadata.resourceVersion;
  return ref;
}

/**
 * Event names: `<name>.<hex of the time in ns>`, made strictly increasing so two events of
 * one millisecond cannot collide (Go's clock has ns precision; ours has ms). A name that is
 * not a valid DNS subdomain (a reference name with ':', or too long) becomes a UUID.
 */
export class EventNamer {
  #last = 0n;

  constructor(private readonly clock: Clock) {}

  next(refName: string): string {
    let ns = BigInt(this.clock.now()) * 1_000_000n;
    if (ns <= this.#last) ns = this.#last + 1n;
    this.#last = ns;
    const name = `${refName}.${ns.toString(16)}`;
    return isDNS1123Subdomain(name) ? name : randomUUID();
  }
}

export class EventBroadcaster {
  readonly #client: ResourceClient<CoreEvent>;
  readonly #clock: Clock;
  readonly #correlator: EventCorrelator;
  readonly #namer: EventNamer;
  readonly #retrySleep: number;
  readonly #random: () => number;
  readonly #maxQueued: number;
  readonly #typeMetaFor: EventBroadcasterOptions['typeMetaFor'];
  readonly #onError: (err: unknown, event?: CoreEvent) => void;
  readonly #watchers = new Set<(e: CoreEvent) => void>();
  #queue: CoreEvent[] = [];
  #draining: Promise<void> | undefined;
  #shutDown = false;
  #stop = new AbortController();

  constructor(opts: EventBroadcasterOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock ?? realClock;
    this.#namer = new EventNamer(this.#clock);
    this.#correlator = new EventCorrelator({ ...opts.correlator, clock: this.#clock, nameFor: (n) => this.#namer.next(n) });
    this.#retrySleep = opts.retrySleepMs ?? DEFAULT_RETRY_SLEEP_MS;
    this.#random = opts.random ?? Math.random;
    this.#maxQueued = opts.maxQueued ?? MAX_QUEUED_EVENTS;
    this.#typeMetaFor = opts.typeMetaFor;
    this.#onError = opts.onError ?? ((err) => console.warn(`event recorder: ${err instanceof Error ? err.message : String(err)}`));
  }

  /** A recorder whose events carry this source (component: the controller's name). */
  newRecorder(source: EventSource): EventRecorder {
    const make = (obj: KubeObject | ObjectReference, annotations: Record<string, string> | undefined, type: EventType, reason: string, message: string): void => {
      this.#generate(source, obj, annotations, type, reason, message);
    };
    return {
      event: (obj, type, reason, message) => make(obj, undefined, type, reason, message),
      annotatedEvent: (obj, annotations, type, reason, message) => make(obj, annotations, type, reason, message),
    };
  }

  /** Also hands every recorded event (before correlation) to fn, e.g. to log it. */
  startEventWatcher(fn: (event: CoreEvent) => void): () => void {
    this.#watchers.add(fn);
    return () => this.#watchers.delete(fn);
  }

  /** Resolves once every event queued so far has been written (or given up on). */
  async flush(): Promise<void> {
    while (this.#draining) await this.#draining;
  }

  /** Stops accepting events; queued ones are still written, each tried once. */
  shutdown(): void {
    this.#shutDown = true;
    this.#stop.abort();
  }

  #generate(source: EventSource, obj: KubeObject | ObjectReference, annotations: Record<string, string> | undefined, type: EventType, reason: string, message: string): void {
    if (this.#shutDown) return;
    let ref: ObjectReference;
    try {
      if (type !== 'Normal' && type !== 'Warning') throw new Error(`unsupported event type: '${String(type)}'`);
      ref = getReference(obj, this.#typeMetaFor);
    } catch (err) {
      this.#onError(err);
      return;
    }
    const ts = formatTime(this.#clock.now());
    const event: CoreEvent = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: {
        name: this.#namer.next(ref.name ?? ''),
        namespace: ref.namespace || 'default',
        ...(annotations ? { annotations: { ...annotations } } : {}),
      },
      involvedObject: ref,
      reason,
      message,
      source: { ...source },
      firstTimestamp: ts,
      lastTimestamp: ts,
      count: 1,
      type,
      reportingComponent: source.component ?? '',
      reportingInstance: source.host ?? '',
    };
    for (const w of this.#watchers) {
      try {
        w(event);
      } catch (err) {
        this.#onError(err, event);
      }
    }
    if (this.#queue.length >= this.#maxQueued) {
      this.#onError(new Error('unable to record event: too many queued events, dropped event'), event);
      return;
    }
    this.#queue.push(event);
    this.#draining ??= this.#drain();
  }

  async #drain(): Promise<void> {
    try {
      for (let e = this.#queue.shift(); e; e = this.#queue.shift()) await this.#recordToSink(e);
    } finally {
      this.#draining = undefined;
    }
  }

  async #recordToSink(event: CoreEvent): Promise<void> {
    const result = this.#correlator.correlate(event);
    if (result.skip || !result.event) return;
    for (let tries = 1; ; tries++) {
      if (await this.#write(result.event, result.patch)) return;
      if (tries >= MAX_TRIES_PER_EVENT || this.#shutDown) {
        this.#onError(new Error('unable to write event (retry limit exceeded)'), result.event);
        return;
      }
      const delay = tries === 1 ? this.#retrySleep * this.#random() : this.#retrySleep;
      if (!(await this.#sleep(delay))) return;
    }
  }

  /** True when done with the event (written, or refused for good); false to retry. */
  async #write(event: CoreEvent, patch: { count: number; lastTimestamp: string | null | undefined; message: string | undefined } | undefined): Promise<boolean> {
    const ns = event.metadata.namespace ?? 'default';
    const client = this.#client.namespace(ns);
    let written: CoreEvent | undefined;
    try {
      if (patch) {
        try {
          written = await client.patch(event.metadata.name!, 'strategic', patch);
        } catch (err) {
          // Gone (expired, or deleted): create it again.
          if (statusCode(err) !== 404) throw err;
        }
      }
      if (!written) {
        const body: CoreEvent = { ...event, metadata: { ...event.metadata } };
        delete body.metadata.resourceVersion;
        written = await client.create(body);
      }
      this.#correlator.updateState(written);
      return true;
    } catch (err) {
      if (statusCode(err) !== undefined) {
        // The server answered: asking again the same way will not change its mind.
        if (statusCode(err) !== 409) this.#onError(err, event);
        return true;
      }
      this.#onError(err, event);
      return false;
    }
  }

  #sleep(ms: number): Promise<boolean> {
    return sleep(this.#clock, ms, this.#stop.signal);
  }
}

/** This host's name, as components report it in source.host. */
export function defaultHost(): string {
  return hostname();
}
