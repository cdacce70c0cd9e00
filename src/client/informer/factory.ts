// SharedInformerFactory hands out one informer per resource — per (resource, namespace,
// label selector, field selector) variant — to every in-process consumer, so ten controllers
// watching pods cost one list, one watch and one cache (client-go informers/factory.go).
//
// Contract:
//  - informerFor(ref, opts) returns the same informer for the same variant; the first caller's
//    resync period is the informer's default, indexers of later callers are added to it.
//  - start(signal) runs every informer created so far that is not yet running; informers
//    created afterwards need another start() (as in client-go), so construct controllers
//    first, then start.
//  - waitForCacheSync(signal) waits for every started informer's first list.
//  - shutdown() stops them and waits until they have.
// Every informer has the `namespace` index.

import { setMaxListeners } from 'node:events';
import type { KubeObject } from '../../api/meta.js';
import type { ListerWatcher, ListOptions, ResourceRef, WatchEvent, WatchStream } from '../contract.js';
import { realClock, type Clock } from '../workqueue/clock.js';
import { defaultIndexers, type Indexers } from './indexer.js';
import { CacheLister, type Lister } from './lister.js';
import type { ReflectorOptions } from './reflector.js';
import { DefaultSharedIndexInformer, type SharedIndexInformer } from './shared-informer.js';

/** A ListerWatcher that can narrow to a namespace; a ResourceClient is one. */
export interface NamespaceableListerWatcher<T extends KubeObject> extends ListerWatcher<T> {
  namespace(ns: string): ListerWatcher<T>;
}

export interface InformerVariant {
  /** Only this namespace ('' or absent: all namespaces). */
  readonly namespace?: string;
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface InformerForOptions<T extends KubeObject> extends InformerVariant {
  readonly resyncPeriodMs?: number;
  readonly indexers?: Indexers<T>;
}

export interface SharedInformerFactoryOptions {
  /** The ListerWatcher of a resource across all namespaces (e.g. the typed client's
   *  ResourceClient for ref). */
  readonly client: (ref: ResourceRef) => NamespaceableListerWatcher<KubeObject>;
  /** Default resync period of informers, ms (0: none). */
  readonly defaultResyncMs?: number;
  /** Restricts every informer of the factory to one namespace (client-go WithNamespace). */
  readonly namespace?: string;
  readonly clock?: Clock;
  /** Reflector settings for every informer (paging, backoff, transform, error reporting). */
  readonly reflector?: Omit<ReflectorOptions<KubeObject>, 'name' | 'typeMeta' | 'clock'>;
  readonly onHandlerError?: (err: unknown) => void;
}

/** Adds a variant's selectors to every list and watch. */
function withSelectors<T extends KubeObject>(lw: ListerWatcher<T>, variant: InformerVariant): ListerWatcher<T> {
  if (!variant.labelSelector && !variant.fieldSelector) return lw;
  const extra: ListOptions = {
    ...(variant.labelSelector ? { labelSelector: variant.labelSelector } : {}),
    ...(variant.fieldSelector ? { fieldSelector: variant.fieldSelector } : {}),
  };
  return {
    list: (opts) => lw.list({ ...opts, ...extra }),
    watch: (opts: ListOptions, onEvent: (e: WatchEvent<T>) => void): WatchStream => lw.watch({ ...opts, ...extra }, onEvent),
  };
}

export function groupVersion(ref: ResourceRef): string {
  return ref.group ? `${ref.group}/${ref.version}` : ref.version;
}

interface Entry {
  readonly key: string;
  readonly informer: DefaultSharedIndexInformer<KubeObject>;
  running?: Promise<void>;
}

export class SharedInformerFactory {
  readonly #opts: SharedInformerFactoryOptions;
  readonly #clock: Clock;
  readonly #entries = new Map<string, Entry>();
  readonly #controller = new AbortController();
  #shutDown = false;

  constructor(opts: SharedInformerFactoryOptions) {
    this.#opts = opts;
    this.#clock = opts.clock ?? realClock;
  }

  informerFor<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: InformerForOptions<T> = {}): SharedIndexInformer<T> {
    const namespace = ref.namespaced ? (opts.namespace ?? this.#opts.namespace ?? '') : '';
    const variant: InformerVariant = { namespace, labelSelector: opts.labelSelector ?? '', fieldSelector: opts.fieldSelector ?? '' };
    const key = `${groupVersion(ref)}/${ref.resource}|${namespace}|${variant.labelSelector}|${variant.fieldSelector}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      const base = this.#opts.client(ref);
      const lw = withSelectors(namespace ? base.namespace(namespace) : base, variant);
      const informer = new DefaultSharedIndexInformer<KubeObject>(lw, {
        resyncPeriodMs: opts.resyncPeriodMs ?? this.#opts.defaultResyncMs ?? 0,
        indexers: defaultIndexers(),
        clock: this.#clock,
        reflector: {
          ...this.#opts.reflector,
          name: key,
          typeMeta: { apiVersion: groupVersion(ref), kind: ref.kind },
        },
        ...(this.#opts.onHandlerError ? { onHandlerError: this.#opts.onHandlerError } : {}),
      });
      entry = { key, informer };
      this.#entries.set(key, entry);
    }
    if (opts.indexers) {
      const existing = entry.informer.getIndexer().getIndexers();
      const fresh = Object.fromEntries(Object.entries(opts.indexers).filter(([name]) => !(name in existing)));
      if (Object.keys(fresh).length > 0) entry.informer.addIndexers(fresh as Indexers<KubeObject>);
    }
    return entry.informer as unknown as SharedIndexInformer<T>;
  }

  listerFor<T extends KubeObject = KubeObject>(ref: ResourceRef, opts: InformerForOptions<T> = {}): Lister<T> {
    return new CacheLister<T>(this.informerFor<T>(ref, opts).getIndexer());
  }

  /** Runs the informers not yet running; they stop when signal aborts or on shutdown(). */
  start(signal?: AbortSignal): void {
    if (this.#shutDown) return;
    const combined = signal ? AbortSignal.any([signal, this.#controller.signal]) : this.#controller.signal;
    // Every informer's reflector listens on it: dozens of listeners are the design, not a leak.
    setMaxListeners(0, combined);
    for (const entry of this.#entries.values()) {
      if (entry.running || entry.informer.isStarted()) continue;
      entry.running = entry.informer.run(combined).catch((err: unknown) => {
        console.error(`informer ${entry.key} stopped with an error:`, err);
      });
    }
  }

  /** Waits for the first list of every started informer; answers each one's outcome by key. */
  async waitForCacheSync(signal?: AbortSignal): Promise<Map<string, boolean>> {
    const started = [...this.#entries.values()].filter((e) => e.running);
    const results = await Promise.all(started.map((e) => e.informer.waitForSync(signal)));
    return new Map(started.map((e, i) => [e.key, results[i]!]));
  }

  /** Stops every informer and waits until all have stopped. Start() does nothing after. */
  async shutdown(): Promise<void> {
    this.#shutDown = true;
    this.#controller.abort();
    await Promise.all([...this.#entries.values()].map((e) => e.running));
  }
}

/**
 * Waits until every hasSynced answers true (client-go cache.WaitForCacheSync), checking every
 * 100 ms on the clock; false if signal aborts first.
 */
export async function waitForCacheSync(
  signal: AbortSignal | undefined,
  hasSynced: readonly (() => boolean)[],
  clock: Clock = realClock,
): Promise<boolean> {
  for (;;) {
    if (hasSynced.every((f) => f())) return true;
    if (signal?.aborted) return false;
    await new Promise<void>((resolve) => {
      const onAbort = (): void => {
        t.cancel();
        resolve();
      };
      // The listener goes when the tick does: a long wait must not pile them up.
      const t = clock.setTimer(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, 100);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
