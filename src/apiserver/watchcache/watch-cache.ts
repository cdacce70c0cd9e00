// WatchCache mirrors one storage prefix (one resource) in memory, fed by a single storage
// watch, and serves that resource's lists and watches:
//
// - `start()` lists the prefix and watches from the list's revision; `ready` settles then.
// - The current objects, sorted by key on demand, answer lists; snapshots of that sorted
//   view are immutable, so a paginated list can keep reading the revision it started at.
// - An EventWindow of recent events lets a watch start at a recent resourceVersion; older
//   ones get TooOldError (410 Expired in the API).
// - Watchers get events synchronously as the storage delivers them, already filtered and
//   converted to what a filtered watcher must see (an object leaving the selector is
//   DELETED for that watcher, one entering it is ADDED).
// - `waitUntilFresh(rev)` resolves once the cache has seen every event up to rev; storage
//   progress (`notifyProgress`) advances freshness when no event for this prefix happened.

import type { KubeObject } from '../../api/meta.js';
import type { KV, KeyValue, Watch, WatchEvent } from '../../storage/kv.js';
import { CachedObject } from './cached-object.js';
import { type CacheEvent, DEFAULT_WINDOW, EventWindow, type WindowLimits } from './event-window.js';

export type ObjectFilter = (obj: KubeObject) => boolean;

/** How often old events leave the window of a resource that has gone quiet. */
const EXPIRY_INTERVAL_MS = 10_000;

/** An event as one watcher receives it. */
export interface WatcherEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: CachedObject;
}

export interface CacheWatcherOptions {
  /** Only keys under this prefix (e.g. a namespace's). */
  readonly keyPrefix: string;
  readonly filter?: ObjectFilter;
  readonly onEvents: (events: readonly WatcherEvent[]) => void;
  /** The cache stopped (server shutdown or storage failure); the watch must end. */
  readonly onClose: (err?: Error) => void;
}

export interface CacheWatcher {
  close(): void;
}

export class TooOldError extends Error {
  override name = 'TooOldError';
  constructor(readonly requested: number, readonly oldest: number) {
    super(`too old resource version: ${requested} (${oldest})`);
  }
}

export class NotFreshError extends Error {
  override name = 'NotFreshError';
  constructor(readonly requested: number, readonly current: number) {
    super(`Too large resource version: ${requested}, current: ${current}`);
  }
}

/** An immutable, key-sorted view of the cache at one revision. */
export interface Snapshot {
  readonly revision: number;
  readonly objects: readonly CachedObject[];
}

interface FreshWaiter {
  readonly revision: number;
  readonly resolve: () => void;
}

interface Registered {
  readonly opts: CacheWatcherOptions;
  closed: boolean;
}

export class WatchCache {
  readonly #kv: KV;
  readonly #prefix: string;
  readonly #decode: (kv: KeyValue) => CachedObject;
  /** Objects the store is writing right now, by key: the event of that write reuses them
   *  instead of parsing the value back. */
  readonly #adopted = new Map<string, { value: string; obj: KubeObject }>();
  readonly #limits: WindowLimits;
  #objects = new Map<string, CachedObject>();
  #sorted: CachedObject[] | null = null;
  #window!: EventWindow;
  #revision = 0;
  #storageWatch: Watch | undefined;
  #watchers = new Set<Registered>();
  #freshWaiters: FreshWaiter[] = [];
  #stopped = false;
  #expiry: NodeJS.Timeout | undefined;
  readonly ready: Promise<void>;
  #resolveReady!: () => void;
  #rejectReady!: (err: Error) => void;

  constructor(kv: KV, prefix: string, decode: (kv: KeyValue) => CachedObject, limits: WindowLimits = DEFAULT_WINDOW) {
    this.#kv = kv;
    this.#prefix = prefix;
    this.#decode = decode;
    this.#limits = limits;
    this.ready = new Promise((resolve, reject) => {
      this.#resolveReady = resolve;
      this.#rejectReady = reject;
    });
    this.ready.catch(() => {});
  }

  get prefix(): string {
    return this.#prefix;
  }

  /** The newest revision the cache is known to be complete at. */
  get revision(): number {
    return this.#revision;
  }

  async start(): Promise<void> {
    try {
      const list = await this.#kv.list(this.#prefix);
      for (const kv of list.kvs) this.#objects.set(kv.key, this.#toCached(kv));
      this.#revision = list.revision;
      this.#window = new EventWindow(list.revision, this.#limits);
      this.#storageWatch = this.#kv.watch(this.#prefix, list.revision, {
        onEvents: (events) => this.#apply(events),
        onProgress: (revision) => this.notifyProgress(revision),
        onError: (err) => this.stop(err),
      });
      this.#expiry = setInterval(() => this.#window.expire(Date.now()), EXPIRY_INTERVAL_MS);
      this.#expiry.unref();
      this.#resolveReady();
    } catch (err) {
      this.#rejectReady(err as Error);
      throw err;
    }
  }

  stop(err?: Error): void {
    if (this.#stopped) return;
    this.#stopped = true;
    clearInterval(this.#expiry);
    this.#storageWatch?.close();
    for (const w of this.#watchers) {
      w.closed = true;
      w.opts.onClose(err);
    }
    this.#watchers.clear();
    for (const waiter of this.#freshWaiters) waiter.resolve();
    this.#freshWaiters = [];
  }

  get(key: string): CachedObject | undefined {
    return this.#objects.get(key);
  }

  get size(): number {
    return this.#objects.size;
  }

  /** All current objects sorted by key, at the cache's revision. */
  snapshot(): Snapshot {
    this.#sorted ??= [...this.#objects.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    return { revision: this.#revision, objects: this.#sorted };
  }

  /** Storage says every event up to revision has been delivered. */
  notifyProgress(revision: number): void {
    if (revision <= this.#revision) return;
    this.#revision = revision;
    this.#wakeFreshWaiters();
  }

  /** Resolves once the cache is complete at revision; rejects with NotFreshError after timeoutMs. */
  waitUntilFresh(revision: number, timeoutMs: number): Promise<void> {
    if (revision <= this.#revision || this.#stopped) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = { revision, resolve: () => { clearTimeout(timer); resolve(); } };
      const timer = setTimeout(() => {
        this.#freshWaiters = this.#freshWaiters.filter((w) => w !== waiter);
        reject(new NotFreshError(revision, this.#revision));
      }, timeoutMs);
      this.#freshWaiters.push(waiter);
    });
  }

  /**
   * Starts a watcher. With `fromRevision` undefined, it first receives an ADDED event for
   * every current object (the initial state) and then every change; otherwise every change
   * after fromRevision. Throws TooOldError when the window no longer holds those events.
   * Call only after waitUntilFresh(fromRevision) when fromRevision may be in the future.
   */
  watch(fromRevision: number | undefined, opts: CacheWatcherOptions): CacheWatcher {
    if (this.#stopped) throw new Error('watch cache is stopped');
    const registered: Registered = { opts, closed: false };
    let initial: WatcherEvent[];
    if (fromRevision === undefined) {
      initial = [];
      for (const obj of this.#objectsUnder(opts.keyPrefix)) {
        if (!opts.filter || opts.filter(obj.obj)) initial.push({ type: 'ADDED', object: obj });
      }
    } else {
      const events = this.#window.since(fromRevision);
      if (!events) throw new TooOldError(fromRevision, this.#window.from);
      initial = [];
      for (const e of events) {
        const out = forWatcher(e, opts);
        if (out) initial.push(out);
      }
    }
    this.#watchers.add(registered);
    if (initial.length > 0) opts.onEvents(initial);
    return {
      close: () => {
        registered.closed = true;
        this.#watchers.delete(registered);
      },
    };
  }

  /** Objects whose key starts with keyPrefix, sorted by key, from a snapshot. */
  *#objectsUnder(keyPrefix: string): Iterable<CachedObject> {
    const { objects } = this.snapshot();
    for (let i = lowerBound(objects, keyPrefix); i < objects.length && objects[i].key.startsWith(keyPrefix); i++) {
      yield objects[i];
    }
  }

  /** The store is about to write value (the encoding of obj) under key: when its event
   *  arrives, obj becomes the cached object as it is. obj must not change afterwards. */
  adopt(key: string, value: string, obj: KubeObject): void {
    this.#adopted.set(key, { value, obj });
  }

  #toCached(kv: KeyValue): CachedObject {
    const adopted = this.#adopted.get(kv.key);
    if (adopted) {
      this.#adopted.delete(kv.key);
      if (adopted.value === kv.value) {
        adopted.obj.metadata.resourceVersion = String(kv.modRevision);
        return CachedObject.fromStored(kv.key, kv.value, adopted.obj, kv.modRevision);
      }
    }
    return this.#decode(kv);
  }

  #apply(events: readonly WatchEvent[]): void {
    const now = Date.now();
    const out: CacheEvent[] = [];
    this.#sorted = null;
    for (const e of events) {
      let ce: CacheEvent;
      if (e.type === 'delete') {
        const prev = this.#objects.get(e.key) ?? this.#toCached(e.prevKv);
        this.#objects.delete(e.key);
        ce = { type: 'DELETED', revision: e.revision, object: prev.atRevision(e.revision), prevObject: prev, time: now };
      } else {
        const cur = this.#toCached(e.kv);
        const prev = this.#objects.get(e.kv.key);
        this.#objects.set(e.kv.key, cur);
        ce = prev
          ? { type: 'MODIFIED', revision: e.revision, object: cur, prevObject: prev, time: now }
          : { type: 'ADDED', revision: e.revision, object: cur, time: now };
      }
      this.#window.push(ce);
      this.#revision = Math.max(this.#revision, e.revision);
      out.push(ce);
    }
    this.#dispatch(out);
    // The versions these events replaced are history now (the window's): JSON is enough.
    for (const ce of out) ce.prevObject?.release();
    this.#wakeFreshWaiters();
  }

  #dispatch(events: readonly CacheEvent[]): void {
    for (const w of this.#watchers) {
      const batch: WatcherEvent[] = [];
      for (const e of events) {
        const ev = forWatcher(e, w.opts);
        if (ev) batch.push(ev);
      }
      if (batch.length > 0 && !w.closed) {
        try {
          w.opts.onEvents(batch);
        } catch {
          // A failing watcher must not stop delivery to the others; it closes itself.
        }
      }
    }
  }

  #wakeFreshWaiters(): void {
    if (this.#freshWaiters.length === 0) return;
    const still: FreshWaiter[] = [];
    for (const w of this.#freshWaiters) {
      if (w.revision <= this.#revision) w.resolve();
      else still.push(w);
    }
    this.#freshWaiters = still;
  }
}

/** What a watcher with a key prefix and filter sees of an event, if anything. */
function forWatcher(e: CacheEvent, opts: CacheWatcherOptions): WatcherEvent | undefined {
  if (!e.object.key.startsWith(opts.keyPrefix)) return undefined;
  const filter = opts.filter;
  if (!filter) return { type: e.type, object: e.object };
  switch (e.type) {
    case 'ADDED':
      return filter(e.object.obj) ? { type: 'ADDED', object: e.object } : undefined;
    case 'DELETED':
      return filter(e.object.obj) ? { type: 'DELETED', object: e.object } : undefined;
    case 'MODIFIED': {
      const cur = filter(e.object.obj);
      const old = filter(e.prevObject!.obj);
      if (cur && old) return { type: 'MODIFIED', object: e.object };
      if (cur) return { type: 'ADDED', object: e.object };
      if (old) return { type: 'DELETED', object: e.prevObject!.atRevision(e.revision) };
      return undefined;
    }
  }
}

/** Index of the first object whose key is >= key. */
export function lowerBound(objects: readonly CachedObject[], key: string): number {
  let lo = 0;
  let hi = objects.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (objects[mid].key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
