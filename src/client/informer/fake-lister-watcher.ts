// FakeListerWatcher plays a server for one resource, in memory, under a test's control:
// objects get increasing resourceVersions, lists page with limit/continue over a snapshot,
// watches replay history after their resourceVersion and then go live, and the test can end
// watches cleanly (a server restart), break them with an error (a transport failure, 410
// Expired), compact history so old resourceVersions answer 410, refuse the next watches or
// lists, and send bookmarks. Every list and watch request is recorded.
//
// It is the fake informer and controller tests drive; it answers synchronously or in
// microtasks, never on timers, so tests stay deterministic.

import { expired, StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import type { ListerWatcher, ListOptions, ObjectList, WatchEvent, WatchStream } from '../contract.js';
import { metaNamespaceKeyFunc } from './store.js';

interface HistoryEntry<T extends KubeObject> {
  readonly rv: number;
  readonly event: WatchEvent<T>;
}

interface ActiveWatch<T extends KubeObject> {
  readonly opts: ListOptions;
  readonly onEvent: (e: WatchEvent<T>) => void;
  /** Events not yet delivered: delivery happens in a microtask, in order, as off a wire. */
  readonly pending: WatchEvent<T>[];
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
  closed: boolean;
}

function copy<T>(v: T): T {
  return structuredClone(v);
}

export class FakeListerWatcher<T extends KubeObject = KubeObject> implements ListerWatcher<T> {
  readonly #objects = new Map<string, T>();
  readonly #history: HistoryEntry<T>[] = [];
  readonly #watches = new Set<ActiveWatch<T>>();
  readonly #snapshots = new Map<string, T[]>();
  #rv: number;
  #compactedRv = 0;
  #watchFailures: unknown[] = [];
  #listFailures: unknown[] = [];
  #uid = 0;
  /** Every list request, in order. */
  readonly listCalls: ListOptions[] = [];
  /** Every watch request, in order. */
  readonly watchCalls: ListOptions[] = [];

  constructor(opts: { startResourceVersion?: number } = {}) {
    this.#rv = opts.startResourceVersion ?? 100;
  }

  get resourceVersion(): string {
    return String(this.#rv);
  }

  /** Watches currently open. */
  get activeWatches(): number {
    return [...this.#watches].filter((w) => !w.closed).length;
  }

  // ---- the server's state, changed by the test ----

  create(obj: T): T {
    const key = metaNamespaceKeyFunc(obj);
    if (this.#objects.has(key)) throw new Error(`fake: ${key} already exists`);
    const stored = copy(obj);
    stored.metadata.uid ??= `uid-${++this.#uid}`;
    stored.metadata.resourceVersion = String(++this.#rv);
    this.#objects.set(key, stored);
    this.#emit('ADDED', stored);
    return copy(stored);
  }

  /** Replaces the object (merging metadata the test did not set: uid). */
  update(obj: T): T {
    const key = metaNamespaceKeyFunc(obj);
    const old = this.#objects.get(key);
    if (!old) throw new Error(`fake: ${key} not found`);
    const stored = copy(obj);
    stored.metadata.uid = old.metadata.uid;
    stored.metadata.resourceVersion = String(++this.#rv);
    this.#objects.set(key, stored);
    this.#emit('MODIFIED', stored);
    return copy(stored);
  }

  delete(namespace: string, name: string): T {
    const key = namespace ? `${namespace}/${name}` : name;
    const old = this.#objects.get(key);
    if (!old) throw new Error(`fake: ${key} not found`);
    this.#objects.delete(key);
    const final = copy(old);
    final.metadata.resourceVersion = String(++this.#rv);
    this.#emit('DELETED', final);
    return copy(final);
  }

  get(namespace: string, name: string): T | undefined {
    const o = this.#objects.get(namespace ? `${namespace}/${name}` : name);
    return o ? copy(o) : undefined;
  }

  /** Moves the resourceVersion on without a visible change (writes to objects outside this
   *  watch's selector), so a bookmark has something to report. */
  advanceResourceVersion(n = 1): void {
    this.#rv += n;
  }

  // ---- faults, injected by the test ----

  /** Ends every open watch cleanly, as a server restart or a watch timeout does. */
  endWatches(): void {
    for (const w of this.#watches) this.#finish(w);
  }

  /** Ends every open watch with err (a StatusError for an ERROR event, anything else for a
   *  transport failure). */
  failWatches(err: unknown): void {
    for (const w of this.#watches) this.#finish(w, err);
  }

  /** The next n watch requests fail at once with err. */
  failNextWatches(err: unknown, n = 1): void {
    for (let i = 0; i < n; i++) this.#watchFailures.push(err);
  }

  /** The next n list requests fail with err. */
  failNextLists(err: unknown, n = 1): void {
    for (let i = 0; i < n; i++) this.#listFailures.push(err);
  }

  /** Forgets history up to now: watches from an older resourceVersion answer 410 Expired,
   *  and continue tokens of older snapshots expire. */
  compact(): void {
    this.#compactedRv = this.#rv;
    this.#history.length = 0;
    this.#snapshots.clear();
  }

  /** Sends a BOOKMARK at the current resourceVersion to every open watch that asked for them. */
  bookmark(): void {
    for (const w of this.#watches) {
      if (w.closed || !w.opts.allowWatchBookmarks) continue;
      this.#send(w, { type: 'BOOKMARK', object: { metadata: { resourceVersion: String(this.#rv) } } as T });
    }
  }

  // ---- ListerWatcher ----

  async list(opts: ListOptions): Promise<ObjectList<T>> {
    this.listCalls.push({ ...opts });
    const failure = this.#listFailures.shift();
    if (failure !== undefined) throw failure;
    let snapshotRv: string;
    let items: T[];
    let offset = 0;
    if (opts.continue) {
      const [rv, off] = opts.continue.split(':');
      const snap = this.#snapshots.get(rv!);
      if (!snap) throw expired('The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.');
      snapshotRv = rv!;
      items = snap;
      offset = Number(off);
    } else {
      snapshotRv = String(this.#rv);
      items = [...this.#objects.values()].map(copy);
      items.sort((a, b) => metaNamespaceKeyFunc(a).localeCompare(metaNamespaceKeyFunc(b)));
      this.#snapshots.set(snapshotRv, items);
    }
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const page = items.slice(offset, offset + limit).map(copy);
    const next = offset + page.length;
    const metadata = next < items.length ? { resourceVersion: snapshotRv, continue: `${snapshotRv}:${next}` } : { resourceVersion: snapshotRv };
    return { apiVersion: 'v1', kind: 'List', metadata, items: page };
  }

  watch(opts: ListOptions, onEvent: (event: WatchEvent<T>) => void): WatchStream {
    this.watchCalls.push({ ...opts });
    let resolve!: () => void;
    let reject!: (err: unknown) => void;
    const done = new Promise<void>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Callers may not attach a handler before a synchronous rejection: keep it observed.
    done.catch(() => {});
    const w: ActiveWatch<T> = { opts, onEvent, pending: [], resolve, reject, closed: false };
    // close() is the client's: nothing is delivered after it returns.
    const stream: WatchStream = { close: () => this.#finish(w, undefined, true), done };
    const failure = this.#watchFailures.shift();
    if (failure !== undefined) {
      this.#finish(w, failure);
      return stream;
    }
    const from = Number(opts.resourceVersion ?? '0');
    if (opts.resourceVersion && from < this.#compactedRv) {
      this.#finish(w, expired(`too old resource version: ${from} (${this.#compactedRv})`));
      return stream;
    }
    this.#watches.add(w);
    for (const h of this.#history) if (h.rv > from) this.#send(w, h.event);
    return stream;
  }

  #emit(type: 'ADDED' | 'MODIFIED' | 'DELETED', obj: T): void {
    const event: WatchEvent<T> = { type, object: copy(obj) };
    this.#history.push({ rv: this.#rv, event });
    for (const w of this.#watches) this.#send(w, event);
  }

  #send(w: ActiveWatch<T>, event: WatchEvent<T>): void {
    if (w.closed) return;
    w.pending.push(copy(event));
    if (w.pending.length > 1) return;
    queueMicrotask(() => {
      while (w.pending.length > 0 && !w.closed) w.onEvent(w.pending.shift()!);
      w.pending.length = 0;
    });
  }

  /** Ends a watch: events already sent are delivered first, as a stream's bytes would be;
   *  immediate (the client's close()) drops them. */
  #finish(w: ActiveWatch<T>, err?: unknown, immediate = false): void {
    this.#watches.delete(w);
    const end = (): void => {
      if (w.closed) return;
      w.closed = true;
      w.pending.length = 0;
      if (err === undefined) w.resolve();
      else w.reject(err);
    };
    if (immediate) {
      end();
      return;
    }
    queueMicrotask(() => {
      while (w.pending.length > 0 && !w.closed) w.onEvent(w.pending.shift()!);
      end();
    });
  }
}

/** The StatusError an ERROR event with 410 Gone carries. */
export function goneError(): StatusError {
  return new StatusError(410, 'Gone', 'too old resource version');
}
