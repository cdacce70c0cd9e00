// The namespace controller (Kubernetes' pkg/controller/namespace): when a namespace is
// being deleted, empty it and release it.
//
//  - Namespaces with a deletionTimestamp are queued 5 s after each add/update event (the
//    delay lets other API servers see the deletion and refuse new content, and late
//    creations land before the sweep); a periodic resync re-queues them too.
//  - sync(name) runs the NamespacedResourcesDeleter. Content still going away is checked
//    again after half its estimate plus a second; any other failure retries with backoff
//    (exponential from 5 ms, capped at 60 s, as Kubernetes tunes this queue).

import type { KubeObject } from '../../api/meta.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { Lister } from '../../client/informer/lister.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import { BucketRateLimiter, ItemExponentialFailureRateLimiter, MaxOfRateLimiter } from '../../client/workqueue/rate-limiter.js';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.js';
import { runWorkers } from '../worker.js';
import { ResourcesRemainingError } from './errors.js';
import { NamespacedResourcesDeleter } from './namespaced-resources-deleter.js';

export const NAMESPACE_CONTROLLER = 'namespace-controller';
/** kube-controller-manager's --concurrent-namespace-syncs default. */
export const DEFAULT_NAMESPACE_WORKERS = 10;
/** namespaceDeletionGracePeriod: how long an event waits before the namespace is swept. */
export const NAMESPACE_DELETION_GRACE_PERIOD_MS = 5_000;
/** --namespace-sync-period default. */
export const NAMESPACE_RESYNC_MS = 5 * 60_000;

export interface NamespaceControllerOptions {
  readonly workers?: number;
  /** Delay between an event and the sweep (default 5 s). */
  readonly deletionGracePeriodMs?: number;
  /** The recheck delay for content estimated to go in estimateSeconds (default: half the
   *  estimate plus one second). */
  readonly recheckDelayMs?: (estimateSeconds: number) => number;
}

export class NamespaceController implements Controller {
  readonly name = NAMESPACE_CONTROLLER;
  readonly #ctx: ControllerContext;
  readonly #opts: NamespaceControllerOptions;
  readonly #namespaces: Lister<KubeObject>;
  readonly #queue: RateLimitingQueue<string>;
  readonly #deleter: NamespacedResourcesDeleter;

  constructor(ctx: ControllerContext, opts: NamespaceControllerOptions = {}) {
    this.#ctx = ctx;
    this.#opts = opts;
    this.#queue = new RateLimitingQueue<string>({ clock: ctx.clock, rateLimiter: namespaceRateLimiter(ctx) });
    this.#deleter = new NamespacedResourcesDeleter({ client: ctx.client, clock: ctx.clock });
    const ref = builtinRef('', 'namespaces');
    this.#namespaces = ctx.informers.listerFor(ref);
    ctx.informers.informerFor(ref).addEventHandler(
      {
        onAdd: (ns) => this.#enqueue(ns),
        onUpdate: (_old, ns) => this.#enqueue(ns),
      },
      { resyncPeriodMs: NAMESPACE_RESYNC_MS },
    );
  }

  run(signal: AbortSignal): Promise<void> {
    return runWorkers(
      this.#queue,
      { name: NAMESPACE_CONTROLLER, workers: this.#opts.workers ?? DEFAULT_NAMESPACE_WORKERS, sync: (key) => this.sync(key), onError: this.#ctx.onError },
      signal,
    );
  }

  /** Only namespaces being deleted are queued. */
  #enqueue(ns: KubeObject): void {
    if (!ns.metadata.deletionTimestamp || !ns.metadata.name) return;
    this.#queue.addAfter(ns.metadata.name, this.#opts.deletionGracePeriodMs ?? NAMESPACE_DELETION_GRACE_PERIOD_MS);
  }

  async sync(name: string): Promise<void> {
    if (!this.#namespaces.get('', name)) return;
    try {
      await this.#deleter.delete(name);
    } catch (err) {
      if (!(err instanceof ResourcesRemainingError)) throw err;
      this.#queue.addAfter(name, this.#recheckDelay(err.estimateSeconds));
    }
  }

  #recheckDelay(estimateSeconds: number): number {
    return this.#opts.recheckDelayMs?.(estimateSeconds) ?? (Math.floor(estimateSeconds / 2) + 1) * 1000;
  }
}

/** Faster than the default per-item backoff (retries at least every minute), same overall
 *  10 qps / 100 burst (Kubernetes' nsControllerRateLimiter). */
function namespaceRateLimiter(ctx: ControllerContext): MaxOfRateLimiter<string> {
  return new MaxOfRateLimiter<string>(new ItemExponentialFailureRateLimiter<string>(5, 60_000), new BucketRateLimiter<string>({ qps: 10, burst: 100, clock: ctx.clock }));
}

export function newNamespaceController(opts: NamespaceControllerOptions = {}): ControllerFactory {
  return (ctx) => new NamespaceController(ctx, opts);
}

/** The namespace controller as kite server runs it. */
export const namespaceControllerFactory: ControllerFactory = newNamespaceController();
