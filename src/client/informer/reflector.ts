// Reflector keeps a store in step with one resource on the server (client-go reflector.go).
//
// Contract:
//  - List, with the resourceVersion client-go's relistResourceVersion picks: "0" for the
//    first list (any recent state, served from the API server's watch cache), the last-seen
//    resourceVersion for a relist (a state not older than what the store already holds, so
//    the store never goes back in time), and "" (a consistent read of the latest state) when
//    the last list or watch said that resourceVersion is unavailable: a list answering 410
//    Expired or 504 "Too large resource version" is retried at once with "". Lists with "" or
//    "0" come in pages of `pageSize` that all read one snapshot (a continue token that
//    expires mid-list restarts the list unpaged, as client-go's pager does); a list at a
//    specific resourceVersion is one request, as client-go sends it so the watch cache can
//    answer. The items replace the store's contents at the list's resourceVersion.
//  - Then watch from that resourceVersion with allowWatchBookmarks and timeoutSeconds (a
//    random time in [min, 2*min)); every event (bookmarks included) advances the last-seen
//    resourceVersion, and ADDED/MODIFIED/DELETED go to the store in order.
//  - A watch that ends cleanly (server timeout, connection closed, server restart) is resumed
//    from the last-seen resourceVersion: nothing is lost and nothing is repeated. A watch
//    that ended without a single event in under a second is resumed only after a backoff, so
//    a server that closes watches at once is not hammered.
//  - A transport error (the stream broke, the connection was refused) or 429/5xx also resumes
//    the watch from the last-seen resourceVersion, after a backoff.
//  - 410 Expired/Gone (the resourceVersion left the server's history window) or any other
//    API error on the watch means events may have been missed: list again (after a backoff)
//    from the last-seen resourceVersion, and the store's replace works out what changed
//    meanwhile (the informer turns that into adds, updates and tombstoned deletes).
//  - A failed list is retried after a backoff (800 ms doubling to 30 s, jittered).
//  - run(signal) returns once signal aborts; the open watch is closed and nothing reaches the
//    store after that.
// Time (backoffs, watch durations) comes from the injected clock, so tests drive it.

import type { KubeObject } from '../../api/meta.js';
import type { ListerWatcher, ListOptions, WatchEvent, WatchStream } from '../contract.js';
import { realClock, sleep, type Clock } from '../workqueue/clock.js';
import { Backoff, type BackoffOptions } from './backoff.js';
import { statusCode } from '../errors.js';

/** Where a reflector writes: a Store, or an informer that turns writes into notifications. */
export interface ReflectorStore<T> {
  add(obj: T): void;
  update(obj: T): void;
  delete(obj: T): void;
  replace(items: T[], resourceVersion: string): void;
}

export interface ReflectorOptions<T extends KubeObject = KubeObject> {
  /** Names the reflector in error messages, e.g. "pods". */
  readonly name?: string;
  readonly clock?: Clock;
  /** Items per list page; 0 lists in one request. */
  readonly pageSize?: number;
  readonly backoff?: BackoffOptions;
  /** Watches ask the server to end them after a random time in [min, 2*min) seconds. */
  readonly minWatchTimeoutSeconds?: number;
  readonly random?: () => number;
  /** Filled in on objects that arrive without apiVersion/kind (list items usually do). */
  readonly typeMeta?: { readonly apiVersion: string; readonly kind: string };
  /** Applied to every object before it reaches the store (e.g. dropping managedFields). */
  readonly transform?: (obj: T) => T;
  /** Told about every failed list or watch; the reflector recovers on its own regardless. */
  readonly onError?: (err: unknown) => void;
}

export const DEFAULT_PAGE_SIZE = 500;

/** 410: the requested resourceVersion (or continue token) is older than the server keeps. */
export function isExpiredError(err: unknown): boolean {
  return statusCode(err) === 410;
}

/** 504 "Too large resource version": the server has not caught up with (or, after losing its
 *  data, never reached) the resourceVersion asked for. */
export function isTooLargeResourceVersionError(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; message?: unknown; details?: { causes?: readonly { reason?: string }[] } };
  if (e.details?.causes?.some((c) => c.reason === 'ResourceVersionTooLarge')) return true;
  return e.code === 504 && typeof e.message === 'string' && e.message.includes('Too large resource version');
}

/** A watch error after which resuming from the last resourceVersion is still correct. */
function isResumable(err: unknown): boolean {
  const code = statusCode(err);
  // No API status code: the transport failed, not the request.
  if (code === undefined) return true;
  return code === 429 || code === 500 || code === 502 || code === 503 || code === 504;
}

type WatchOutcome = { readonly kind: 'ended'; readonly productive: boolean } | { readonly kind: 'error'; readonly err: unknown };

export function defaultReflectorErrorHandler(name: string): (err: unknown) => void {
  return (err) => {
    // Expiry is routine (history is compacted, watch caches have a window); it is not news.
    if (isExpiredError(err)) return;
    console.warn(`reflector ${name}: ${err instanceof Error ? err.message : String(err)}`);
  };
}

export class Reflector<T extends KubeObject> {
  readonly name: string;
  readonly #lw: ListerWatcher<T>;
  readonly #store: ReflectorStore<T>;
  readonly #clock: Clock;
  readonly #pageSize: number;
  readonly #backoff: Backoff;
  readonly #minWatchTimeout: number;
  readonly #random: () => number;
  readonly #typeMeta: { readonly apiVersion: string; readonly kind: string } | undefined;
  readonly #transform: ((obj: T) => T) | undefined;
  readonly #onError: (err: unknown) => void;
  #lastSyncResourceVersion = '';
  /** The last list or watch said #lastSyncResourceVersion is gone or not yet reached. */
  #lastSyncResourceVersionUnavailable = false;
  #running = false;

  constructor(lw: ListerWatcher<T>, store: ReflectorStore<T>, opts: ReflectorOptions<T> = {}) {
    this.name = opts.name ?? 'reflector';
    this.#lw = lw;
    this.#store = store;
    this.#clock = opts.clock ?? realClock;
    this.#pageSize = opts.pageSize ?? DEFAULT_PAGE_SIZE;
    this.#random = opts.random ?? Math.random;
    this.#backoff = new Backoff(this.#clock, { random: this.#random, ...opts.backoff });
    this.#minWatchTimeout = opts.minWatchTimeoutSeconds ?? 300;
    this.#typeMeta = opts.typeMeta;
    this.#transform = opts.transform;
    this.#onError = opts.onError ?? defaultReflectorErrorHandler(this.name);
  }

  /** The resourceVersion of the last list, event or bookmark seen ('' before the first list). */
  get lastSyncResourceVersion(): string {
    return this.#lastSyncResourceVersion;
  }

  /** Lists and watches until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#running) throw new Error(`reflector ${this.name} is already running`);
    this.#running = true;
    try {
      while (!signal.aborted) {
        try {
          await this.#listAndWatch(signal);
        } catch (err) {
          if (signal.aborted) break;
          this.#report(err);
        }
        if (signal.aborted) break;
        if (!(await sleep(this.#clock, this.#backoff.next(), signal))) break;
      }
    } finally {
      this.#running = false;
    }
  }

  /** One list, then watches until one needs a relist (returns) or the list fails (throws). */
  async #listAndWatch(signal: AbortSignal): Promise<void> {
    await this.#list(signal);
    while (!signal.aborted) {
      const outcome = await this.#watch(signal);
      if (signal.aborted) return;
      if (outcome.kind === 'ended') {
        if (!outcome.productive && !(await sleep(this.#clock, this.#backoff.next(), signal))) return;
        continue;
      }
      this.#report(outcome.err);
      if (isExpiredError(outcome.err)) return;
      if (!isResumable(outcome.err)) return;
      if (!(await sleep(this.#clock, this.#backoff.next(), signal))) return;
    }
  }

  /** client-go's relistResourceVersion: what the next list asks for. */
  #relistResourceVersion(): string {
    if (this.#lastSyncResourceVersionUnavailable) return '';
    return this.#lastSyncResourceVersion === '' ? '0' : this.#lastSyncResourceVersion;
  }

  async #list(signal: AbortSignal): Promise<void> {
    let result: { items: T[]; resourceVersion: string } | undefined;
    try {
      result = await this.#listAt(this.#relistResourceVersion(), signal);
    } catch (err) {
      if (!isExpiredError(err) && !isTooLargeResourceVersionError(err)) throw err;
      // The resourceVersion we asked for is gone (or ahead of the server): read the latest.
      this.#lastSyncResourceVersionUnavailable = true;
      result = await this.#listAt('', signal);
    }
    if (!result || signal.aborted) return;
    this.#lastSyncResourceVersionUnavailable = false;
    this.#store.replace(result.items, result.resourceVersion);
    this.#lastSyncResourceVersion = result.resourceVersion;
  }

  /** Every item at one resourceVersion ('' latest, '0' any, N not older than N). */
  async #listAt(rv: string, signal: AbortSignal): Promise<{ items: T[]; resourceVersion: string } | undefined> {
    // As client-go: a list at a specific resourceVersion is not paged, so the watch cache can
    // answer it; the consistent and the "any" list are.
    let paged = this.#pageSize > 0 && (rv === '' || rv === '0');
    let items: T[] = [];
    let resourceVersion: string | undefined;
    let cont: string | undefined;
    for (;;) {
      const opts: ListOptions = {
        ...(rv !== '' && !cont ? { resourceVersion: rv } : {}),
        ...(paged ? { limit: this.#pageSize } : {}),
        ...(cont ? { continue: cont } : {}),
      };
      let page;
      try {
        page = await this.#lw.list(opts);
      } catch (err) {
        if (cont && isExpiredError(err)) {
          // The snapshot the pages read is gone: read everything again in one request (the
          // pager has dropped the resourceVersion by now, as client-go's does).
          paged = false;
          rv = '';
          items = [];
          resourceVersion = undefined;
          cont = undefined;
          continue;
        }
        throw err;
      }
      if (signal.aborted) return undefined;
      resourceVersion ??= page.metadata?.resourceVersion ?? '';
      for (const item of page.items ?? []) items.push(this.#prepare(item));
      cont = paged ? page.metadata?.continue || undefined : undefined;
      if (!cont) break;
    }
    return { items, resourceVersion: resourceVersion ?? '' };
  }

  #watch(signal: AbortSignal): Promise<WatchOutcome> {
    const started = this.#clock.now();
    let events = 0;
    let closed = false;
    const opts: ListOptions = {
      resourceVersion: this.#lastSyncResourceVersion,
      allowWatchBookmarks: true,
      timeoutSeconds: Math.floor(this.#minWatchTimeout * (1 + this.#random())),
    };
    let stream: WatchStream;
    try {
      stream = this.#lw.watch(opts, (event) => {
        if (closed) return;
        events++;
        this.#handle(event);
      });
    } catch (err) {
      return Promise.resolve({ kind: 'error', err });
    }
    return new Promise<WatchOutcome>((resolve) => {
      const finish = (outcome: WatchOutcome): void => {
        if (closed) return;
        closed = true;
        signal.removeEventListener('abort', onAbort);
        resolve(outcome);
      };
      const onAbort = (): void => {
        stream.close();
        finish({ kind: 'ended', productive: true });
      };
      signal.addEventListener('abort', onAbort, { once: true });
      if (signal.aborted) onAbort();
      stream.done.then(
        () => finish({ kind: 'ended', productive: events > 0 || this.#clock.now() - started >= 1000 }),
        (err: unknown) => finish({ kind: 'error', err }),
      );
    });
  }

  #handle(event: WatchEvent<T>): void {
    const obj = event.object;
    const rv = obj?.metadata?.resourceVersion;
    if (event.type === 'BOOKMARK') {
      if (rv) this.#lastSyncResourceVersion = rv;
      return;
    }
    if (!obj || typeof obj !== 'object' || !obj.metadata) {
      this.#report(new Error(`${this.name}: watch event ${event.type} without an object`));
      return;
    }
    const prepared = this.#prepare(obj);
    try {
      switch (event.type) {
        case 'ADDED':
          this.#store.add(prepared);
          break;
        case 'MODIFIED':
          this.#store.update(prepared);
          break;
        case 'DELETED':
          this.#store.delete(prepared);
          break;
        default:
          this.#report(new Error(`${this.name}: unknown watch event type ${String((event as { type: unknown }).type)}`));
          return;
      }
    } catch (err) {
      // The event is still consumed (its resourceVersion advances); one bad object must not
      // wedge the watch.
      this.#report(err);
    }
    if (rv) this.#lastSyncResourceVersion = rv;
  }

  #prepare(obj: T): T {
    if (this.#typeMeta && (!obj.apiVersion || !obj.kind)) {
      obj.apiVersion ||= this.#typeMeta.apiVersion;
      obj.kind ||= this.#typeMeta.kind;
    }
    return this.#transform ? this.#transform(obj) : obj;
  }

  #report(err: unknown): void {
    try {
      this.#onError(err);
    } catch {
      // An error handler that throws must not stop the reflector.
    }
  }
}
