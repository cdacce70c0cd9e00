// SharedIndexInformer: one reflector and one indexed cache for a resource, shared by every
// in-process consumer, with event handlers (client-go shared_informer.go).
//
// Guarantees:
//  - Eventual consistency: the cache converges on the server's state; what a consumer reads
//    can lag the server but never goes backwards for an object.
//  - Handlers are told about changes in the order they happened, per object; the cache is
//    updated before handlers run, so a handler reading the cache sees at least the state it
//    was told about.
//  - No duplicates, no gaps: an event whose object has the resourceVersion already cached is
//    not delivered again (a resumed watch or a relist repeating what was seen); a relist
//    delivers exactly the differences: onAdd for new objects, onUpdate for changed ones,
//    onDelete with a DeletedFinalStateUnknown tombstone for objects deleted while the watch
//    was down, and onDelete(tombstone) + onAdd when an object was deleted and re-created
//    under the same name (the uid changed). Changes that came and went entirely while the
//    watch was down (an object created and deleted, or updated twice) are seen as their
//    net effect, as in client-go.
//    Compared with client-go: there a relisted object whose resourceVersion is unchanged is
//    a "sync" update, delivered only to handlers whose resync happens to be due at that
//    moment — in effect dropped, as here (the periodic resync covers level-triggered
//    handlers). A re-created object found by a relist is an onUpdate across uids in
//    client-go; here it is a tombstoned delete of the old object and an add of the new, so
//    a handler never has to compare uids to notice.
//  - onAdd's isInInitialList is true for objects of the first list (and the synthetic adds a
//    late handler receives), false afterwards.
//  - A handler added after the informer started first receives onAdd for every cached
//    object, then live events.
//  - Resync: a handler registered with a resync period receives onUpdate(obj, obj) for every
//    cached object once per period (level-triggered controllers use it to re-check state).
//  - Handlers run synchronously, one after another; a handler must only do cheap work (compute
//    a key, enqueue it) and hand anything slow to a work queue. A handler that throws is
//    reported and the others still run.

import type { KubeObject } from '../../api/meta.js';
import type { ListerWatcher } from '../contract.js';
import { realClock, type Clock, type Timer } from '../workqueue/clock.js';
import { newIndexer, type CacheIndexer, type Indexer, type Indexers } from './indexer.js';
import { Reflector, type ReflectorOptions, type ReflectorStore } from './reflector.js';
import { DeletedFinalStateUnknown, metaNamespaceKeyFunc, type KeyFunc, type Store } from './store.js';

export interface ResourceEventHandler<T> {
  onAdd?(obj: T, isInInitialList: boolean): void;
  onUpdate?(oldObj: T, newObj: T): void;
  onDelete?(obj: T | DeletedFinalStateUnknown<T>): void;
}

export interface HandlerOptions {
  /** Resync period for this handler, ms (0: none; below 1 s is raised to 1 s). Defaults to
   *  the informer's. */
  readonly resyncPeriodMs?: number;
}

export interface ResourceEventHandlerRegistration {
  /** True once this handler has been told about everything in the informer's first list. */
  hasSynced(): boolean;
}

export interface SharedInformer<T> {
  addEventHandler(handler: ResourceEventHandler<T>, opts?: HandlerOptions): ResourceEventHandlerRegistration;
  removeEventHandler(registration: ResourceEventHandlerRegistration): void;
  getStore(): Store<T>;
  hasSynced(): boolean;
  /** Resolves true once synced, false if signal aborts or the informer stops first. */
  waitForSync(signal?: AbortSignal): Promise<boolean>;
  lastSyncResourceVersion(): string;
  /** Lists and watches until signal aborts; resolves after it has stopped. */
  run(signal: AbortSignal): Promise<void>;
  isStarted(): boolean;
  isStopped(): boolean;
}

export interface SharedIndexInformer<T> extends SharedInformer<T> {
  addIndexers(indexers: Indexers<T>): void;
  getIndexer(): Indexer<T>;
}

export interface SharedIndexInformerOptions<T extends KubeObject> {
  /** Default resync period of handlers, ms (0: none). */
  readonly resyncPeriodMs?: number;
  readonly indexers?: Indexers<T>;
  readonly keyFunc?: KeyFunc<T>;
  readonly clock?: Clock;
  /** Options of the reflector (paging, backoff, typeMeta, transform, error reporting). */
  readonly reflector?: ReflectorOptions<T>;
  /** Told when a handler throws; defaults to console.error. */
  readonly onHandlerError?: (err: unknown) => void;
}

export const MINIMUM_RESYNC_PERIOD_MS = 1000;

class Listener<T> implements ResourceEventHandlerRegistration {
  nextResyncAt = Infinity;
  removed = false;

  constructor(
    readonly handler: ResourceEventHandler<T>,
    readonly resyncPeriodMs: number,
    readonly informerSynced: () => boolean,
  ) {}

  /** Delivery is synchronous, so a handler has seen the first list exactly when the
   *  informer has processed it. */
  hasSynced(): boolean {
    return this.informerSynced();
  }
}

export class DefaultSharedIndexInformer<T extends KubeObject> implements SharedIndexInformer<T>, ReflectorStore<T> {
  readonly #indexer: CacheIndexer<T>;
  readonly #keyFunc: KeyFunc<T>;
  readonly #reflector: Reflector<T>;
  readonly #clock: Clock;
  readonly #defaultResync: number;
  readonly #onHandlerError: (err: unknown) => void;
  #listeners: Listener<T>[] = [];
  #synced = false;
  #started = false;
  #stopped = false;
  #syncWaiters: ((ok: boolean) => void)[] = [];
  #resyncTimer: Timer | undefined;
  #resyncTimerAt = Infinity;

  constructor(lw: ListerWatcher<T>, opts: SharedIndexInformerOptions<T> = {}) {
    this.#clock = opts.clock ?? opts.reflector?.clock ?? realClock;
    this.#defaultResync = opts.resyncPeriodMs ?? 0;
    this.#keyFunc = opts.keyFunc ?? metaNamespaceKeyFunc;
    this.#indexer = newIndexer<T>(opts.indexers ?? {}, this.#keyFunc);
    this.#reflector = new Reflector<T>(lw, this, { ...opts.reflector, clock: this.#clock });
    this.#onHandlerError = opts.onHandlerError ?? ((err) => console.error('informer event handler failed:', err));
  }

  // ---- SharedIndexInformer ----

  addEventHandler(handler: ResourceEventHandler<T>, opts: HandlerOptions = {}): ResourceEventHandlerRegistration {
    if (this.#stopped) throw new Error('handler was not added to the shared informer because it has stopped already');
    let period = opts.resyncPeriodMs ?? this.#defaultResync;
    if (period > 0 && period < MINIMUM_RESYNC_PERIOD_MS) period = MINIMUM_RESYNC_PERIOD_MS;
    const listener = new Listener<T>(handler, period, () => this.#synced);
    this.#listeners = [...this.#listeners, listener];
    if (this.#started) {
      // The handler missed what is already cached: tell it, as the initial list would have.
      for (const obj of this.#indexer.list()) this.#call(listener, 'onAdd', obj, true);
      if (this.#synced) this.#armResync(listener);
    }
    return listener;
  }

  removeEventHandler(registration: ResourceEventHandlerRegistration): void {
    const listener = registration as Listener<T>;
    if (!this.#listeners.includes(listener)) return;
    listener.removed = true;
    this.#listeners = this.#listeners.filter((l) => l !== listener);
    this.#scheduleResync();
  }

  getStore(): Store<T> {
    return this.#indexer;
  }

  getIndexer(): Indexer<T> {
    return this.#indexer;
  }

  addIndexers(indexers: Indexers<T>): void {
    this.#indexer.addIndexers(indexers);
  }

  hasSynced(): boolean {
    return this.#synced;
  }

  waitForSync(signal?: AbortSignal): Promise<boolean> {
    if (this.#synced) return Promise.resolve(true);
    if (this.#stopped || signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      const onAbort = (): void => {
        this.#syncWaiters = this.#syncWaiters.filter((w) => w !== waiter);
        resolve(false);
      };
      const waiter = (ok: boolean): void => {
        signal?.removeEventListener('abort', onAbort);
        resolve(ok);
      };
      this.#syncWaiters.push(waiter);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  lastSyncResourceVersion(): string {
    return this.#reflector.lastSyncResourceVersion;
  }

  isStarted(): boolean {
    return this.#started;
  }

  isStopped(): boolean {
    return this.#stopped;
  }

  async run(signal: AbortSignal): Promise<void> {
    if (this.#started) throw new Error('the shared informer has already been started');
    if (signal.aborted) {
      this.#stop();
      return;
    }
    this.#started = true;
    try {
      await this.#reflector.run(signal);
    } finally {
      this.#stop();
    }
  }

  // ---- ReflectorStore: what the reflector writes, turned into notifications ----

  add(obj: T): void {
    this.#upsert(obj);
  }

  update(obj: T): void {
    this.#upsert(obj);
  }

  delete(obj: T): void {
    const old = this.#indexer.get(obj);
    // A deletion of something never seen (or already forgotten) has nobody to tell.
    if (old === undefined) return;
    this.#indexer.delete(obj);
    this.#distribute('onDelete', obj);
  }

  replace(items: T[], _resourceVersion: string): void {
    const initial = !this.#synced;
    const listed = new Set<string>();
    for (const obj of items) {
      listed.add(this.#key(obj));
      this.#upsert(obj, initial);
    }
    // Whatever the cache holds that the list does not was deleted while we were not watching.
    for (const key of this.#indexer.listKeys()) {
      if (listed.has(key)) continue;
      const old = this.#indexer.getByKey(key)!;
      this.#indexer.deleteByKey(key);
      this.#distribute('onDelete', new DeletedFinalStateUnknown(key, old));
    }
    if (initial) this.#markSynced();
  }

  // ---- internals ----

  #key(obj: T): string {
    return this.#keyFunc(obj);
  }

  #upsert(obj: T, isInInitialList = false): void {
    const old = this.#indexer.get(obj);
    if (old === undefined) {
      this.#indexer.add(obj);
      this.#distribute('onAdd', obj, isInInitialList);
      return;
    }
    const oldUid = old.metadata?.uid;
    const newUid = obj.metadata?.uid;
    if (oldUid && newUid && oldUid !== newUid) {
      // Deleted and re-created while we were not watching: two facts, two notifications.
      const key = this.#key(obj);
      this.#indexer.deleteByKey(key);
      this.#distribute('onDelete', new DeletedFinalStateUnknown(key, old));
      this.#indexer.add(obj);
      this.#distribute('onAdd', obj, isInInitialList);
      return;
    }
    this.#indexer.update(obj);
    // Same resourceVersion: nothing happened that handlers have not been told (a resumed watch
    // or relist repeating known state).
    if (old.metadata?.resourceVersion && old.metadata.resourceVersion === obj.metadata?.resourceVersion) return;
    this.#distribute('onUpdate', old, obj);
  }

  #distribute(kind: 'onAdd', obj: T, isInInitialList: boolean): void;
  #distribute(kind: 'onUpdate', oldObj: T, newObj: T): void;
  #distribute(kind: 'onDelete', obj: T | DeletedFinalStateUnknown<T>): void;
  #distribute(kind: 'onAdd' | 'onUpdate' | 'onDelete', a: unknown, b?: unknown): void {
    for (const l of this.#listeners) this.#call(l, kind, a, b);
  }

  #call(l: Listener<T>, kind: 'onAdd' | 'onUpdate' | 'onDelete', a: unknown, b?: unknown): void {
    if (l.removed) return;
    const fn = l.handler[kind] as ((x: unknown, y?: unknown) => void) | undefined;
    if (!fn) return;
    try {
      fn.call(l.handler, a, b);
    } catch (err) {
      try {
        this.#onHandlerError(err);
      } catch {
        // Reporting must not break delivery to the other handlers.
      }
    }
  }

  #markSynced(): void {
    this.#synced = true;
    for (const l of this.#listeners) this.#armResync(l, false);
    this.#scheduleResync();
    const waiters = this.#syncWaiters;
    this.#syncWaiters = [];
    for (const w of waiters) w(true);
  }

  #armResync(l: Listener<T>, schedule = true): void {
    l.nextResyncAt = l.resyncPeriodMs > 0 ? this.#clock.now() + l.resyncPeriodMs : Infinity;
    if (schedule) this.#scheduleResync();
  }

  #scheduleResync(): void {
    if (this.#stopped || !this.#synced) return;
    let next = Infinity;
    for (const l of this.#listeners) next = Math.min(next, l.nextResyncAt);
    if (next === this.#resyncTimerAt) return;
    this.#resyncTimer?.cancel();
    this.#resyncTimer = undefined;
    this.#resyncTimerAt = next;
    if (next === Infinity) return;
    this.#resyncTimer = this.#clock.setTimer(() => this.#resync(), next - this.#clock.now());
  }

  #resync(): void {
    this.#resyncTimer = undefined;
    this.#resyncTimerAt = Infinity;
    if (this.#stopped) return;
    const now = this.#clock.now();
    const due = this.#listeners.filter((l) => l.nextResyncAt <= now);
    if (due.length > 0) {
      const objects = this.#indexer.list();
      for (const l of due) {
        for (const obj of objects) this.#call(l, 'onUpdate', obj, obj);
        l.nextResyncAt = now + l.resyncPeriodMs;
      }
    }
    this.#scheduleResync();
  }

  #stop(): void {
    this.#stopped = true;
    this.#resyncTimer?.cancel();
    this.#resyncTimer = undefined;
    this.#resyncTimerAt = Infinity;
    const waiters = this.#syncWaiters;
    this.#syncWaiters = [];
    for (const w of waiters) w(this.#synced);
  }
}

export function newSharedIndexInformer<T extends KubeObject>(
  lw: ListerWatcher<T>,
  opts: SharedIndexInformerOptions<T> = {},
): DefaultSharedIndexInformer<T> {
  return new DefaultSharedIndexInformer<T>(lw, opts);
}

/**
 * A handler that only sees objects passing filter (client-go FilteringResourceEventHandler):
 * an update that makes an object pass is an add, one that makes it fail is a delete.
 */
export function filteringResourceEventHandler<T>(filter: (obj: T) => boolean, handler: ResourceEventHandler<T>): ResourceEventHandler<T> {
  return {
    onAdd(obj, isInInitialList) {
      if (filter(obj)) handler.onAdd?.(obj, isInInitialList);
    },
    onUpdate(oldObj, newObj) {
      const was = filter(oldObj);
      const is = filter(newObj);
      if (was && is) handler.onUpdate?.(oldObj, newObj);
      else if (!was && is) handler.onAdd?.(newObj, false);
      else if (was && !is) handler.onDelete?.(oldObj);
    },
    onDelete(obj) {
      const inner = obj instanceof DeletedFinalStateUnknown ? (obj.obj as T) : obj;
      if (filter(inner)) handler.onDelete?.(obj);
    },
  };
}
