// Empties a terminating namespace and then releases it (Kubernetes' namespacedResourcesDeleter).
//
// delete(name), called until it succeeds:
//  1. Reads the namespace live; nothing to do unless it has a deletionTimestamp and still
//     lists the `kubernetes` finalizer in spec.finalizers. Makes sure its phase is Terminating.
//  2. For every namespaced resource discovery reports with the delete verb: estimates how
//     long graceful pod termination may still take, deletes the collection (propagation
//     Background — the namespace goes whatever the dependents' owners say; objects one by one
//     when deletecollection is not served), then lists what remains and which finalizers
//     hold it.
//  3. Writes the status conditions (conditions.ts) when they changed.
//  4. Failures of this pass are thrown together (ContentDeletionError); remaining content
//     with an estimate (a pod's grace period, or 15 s for objects held by finalizers) throws
//     ResourcesRemainingError; otherwise the `kubernetes` finalizer is removed through the
//     finalize subresource, after which the API server deletes the namespace once its
//     metadata.finalizers are empty too.

import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { KUBERNETES_FINALIZER } from '../../api/strategy/namespaces.js';
import type { Client } from '../../client/client.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { ResourceClient, ResourceRef } from '../../client/contract.js';
import { formatTime } from '../../client/events/types.js';
import type { Clock } from '../../client/workqueue/clock.js';
import { parseTime } from '../common/time.js';
import { NamespaceConditionUpdater, type NamespaceCondition } from './conditions.js';
import { discoverNamespacedResources, type DiscoveredResource, type DiscoveryResult } from './discovery.js';
import { ContentDeletionError, RemainingItemsError, ResourcesRemainingError } from './errors.js';

/** How long Kubernetes assumes finalizers on remaining objects take. */
export const FINALIZER_ESTIMATE_SECONDS = 15;
/** Conflicts absorbed by one namespace update before the pass fails. */
const CONFLICT_RETRIES = 5;

interface NamespaceLike extends KubeObject {
  spec?: { finalizers?: string[] };
  status?: { phase?: string; conditions?: NamespaceCondition[] };
}

interface PodLike extends KubeObject {
  spec?: { terminationGracePeriodSeconds?: number };
  status?: { phase?: string };
}

export interface NamespacedResourcesDeleterOptions {
  readonly client: Client;
  readonly clock: Clock;
  /** The spec finalizer this deleter owns (default `kubernetes`). */
  readonly finalizerToken?: string;
  /** Replaces discovery (tests). */
  readonly discover?: () => Promise<DiscoveryResult>;
}

/** What one resource left behind after its deletion was requested. */
interface ResourceOutcome {
  readonly estimateSeconds: number;
  readonly remaining: number;
  readonly finalizers: ReadonlyMap<string, number>;
  readonly error?: unknown;
}

export class NamespacedResourcesDeleter {
  readonly #client: Client;
  readonly #clock: Clock;
  readonly #token: string;
  readonly #discover: () => Promise<DiscoveryResult>;
  readonly #namespaces: ResourceClient<NamespaceLike>;

  constructor(opts: NamespacedResourcesDeleterOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock;
    this.#token = opts.finalizerToken ?? KUBERNETES_FINALIZER;
    this.#discover = opts.discover ?? (() => discoverNamespacedResources(opts.client.transport));
    this.#namespaces = opts.client.resource<NamespaceLike>(builtinRef('', 'namespaces'));
  }

  async delete(name: string): Promise<void> {
    let ns = await this.#get(name);
    if (!ns?.metadata.deletionTimestamp) return;
    ns = await this.#retryOnConflict(ns, (n) => this.#markTerminating(n));
    if (!ns?.metadata.deletionTimestamp || (ns.spec?.finalizers ?? []).length === 0) return;
    const estimate = await this.#deleteAllContent(ns);
    if (estimate > 0) throw new ResourcesRemainingError(estimate);
    await this.#retryOnConflict(ns, (n) => this.#finalize(n));
  }

  async #get(name: string): Promise<NamespaceLike | undefined> {
    try {
      return await this.#namespaces.get(name);
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  /** Runs fn on the namespace, re-reading it after each conflict; undefined once it is gone. */
  async #retryOnConflict(ns: NamespaceLike, fn: (ns: NamespaceLike) => Promise<NamespaceLike>): Promise<NamespaceLike | undefined> {
    let latest = ns;
    for (let attempt = 1; ; attempt++) {
      try {
        return await fn(latest);
      } catch (err) {
        if (isStatus(err, 404)) return undefined;
        if (!isStatus(err, 409) || attempt >= CONFLICT_RETRIES) throw err;
      }
      const fresh = await this.#get(latest.metadata.name!);
      if (!fresh) return undefined;
      if (fresh.metadata.uid !== latest.metadata.uid) throw new Error('namespace uid has changed across retries');
      latest = fresh;
    }
  }

  async #markTerminating(ns: NamespaceLike): Promise<NamespaceLike> {
    if (!ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return ns;
    return this.#namespaces.updateStatus({ ...ns, status: { ...ns.status, phase: 'Terminating' } });
  }

  async #finalize(ns: NamespaceLike): Promise<NamespaceLike> {
    const finalizers = [...new Set((ns.spec?.finalizers ?? []).filter((f) => f !== this.#token))].sort();
    return this.#namespaces.subresource<NamespaceLike>(ns.metadata.name!, 'finalize', 'PUT', { ...ns, spec: { ...ns.spec, finalizers } });
  }

  /** One pass over every resource; answers the longest estimate of what remains. */
  async #deleteAllContent(ns: NamespaceLike): Promise<number> {
    const name = ns.metadata.name!;
    const deletedAt = parseTime(ns.metadata.deletionTimestamp) ?? this.#clock.now();
    const conditions = new NamespaceConditionUpdater();
    const errors: unknown[] = [];
    const discovery = await this.#discover();
    if (discovery.discoveryError) {
      errors.push(discovery.discoveryError);
      conditions.discoveryFailed(discovery.discoveryError);
    }
    for (const err of discovery.parseErrors) {
      errors.push(err);
      conditions.groupVersionParsingFailed(err);
    }
    let estimate = 0;
    const remainingByResource = new Map<string, number>();
    const remainingByFinalizer = new Map<string, number>();
    for (const resource of discovery.resources.filter((r) => r.verbs.includes('delete'))) {
      const outcome = await this.#deleteAllOf(resource, name, deletedAt);
      if (outcome.error !== undefined) {
        errors.push(outcome.error);
        conditions.contentDeletionFailed(outcome.error);
      }
      estimate = Math.max(estimate, outcome.estimateSeconds);
      if (outcome.remaining === 0) continue;
      remainingByResource.set(`${resource.ref.resource}.${resource.ref.group}`, outcome.remaining);
      for (const [f, n] of outcome.finalizers) remainingByFinalizer.set(f, (remainingByFinalizer.get(f) ?? 0) + n);
    }
    conditions.contentTotals({ remainingByResource, remainingByFinalizer });
    await this.#writeConditions(ns, conditions);
    if (errors.length > 0) throw new ContentDeletionError(errors);
    return estimate;
  }

  /** Status conditions are best effort: a failed write is retried by the next pass. */
  async #writeConditions(ns: NamespaceLike, conditions: NamespaceConditionUpdater): Promise<void> {
    const status = structuredClone(ns.status ?? {});
    if (!conditions.update(status, formatTime(this.#clock.now()))) return;
    try {
      await this.#namespaces.updateStatus({ ...ns, status });
    } catch {
      // The next pass writes them again.
    }
  }

  async #deleteAllOf(resource: DiscoveredResource, namespace: string, deletedAt: number): Promise<ResourceOutcome> {
    const client = this.#client.resource(resource.ref, namespace);
    let estimateSeconds = 0;
    try {
      estimateSeconds = await this.#estimateGracefulTermination(resource.ref, namespace, deletedAt);
      const collected = resource.verbs.includes('deletecollection') && (await deleteCollection(client));
      if (!collected) await deleteEachItem(client, resource);
      const items = await listItems(client, resource);
      if (items === undefined) return { estimateSeconds, remaining: 0, finalizers: new Map() };
      if (items.length === 0) return { estimateSeconds: 0, remaining: 0, finalizers: new Map() };
      const finalizers = countFinalizers(items);
      if (estimateSeconds !== 0) return { estimateSeconds, remaining: items.length, finalizers };
      // Finalizers are a normal reason to wait: give whoever owns them time.
      if (finalizers.size > 0) return { estimateSeconds: FINALIZER_ESTIMATE_SECONDS, remaining: items.length, finalizers };
      return { estimateSeconds, remaining: items.length, finalizers, error: new RemainingItemsError(namespace, gvrString(resource.ref)) };
    } catch (err) {
      return { estimateSeconds, remaining: 0, finalizers: new Map(), error: err };
    }
  }

  /** Pods may take their termination grace period to go; 0 once that has passed since the
   *  namespace's deletion (or for anything but pods). */
  async #estimateGracefulTermination(ref: ResourceRef, namespace: string, deletedAt: number): Promise<number> {
    if (ref.group !== '' || ref.resource !== 'pods') return 0;
    const pods = await this.#client.resource<PodLike>(ref, namespace).list({});
    let estimate = 0;
    for (const pod of pods.items) {
      const phase = pod.status?.phase;
      if (phase === 'Succeeded' || phase === 'Failed') continue;
      estimate = Math.max(estimate, pod.spec?.terminationGracePeriodSeconds ?? 0);
    }
    return this.#clock.now() - deletedAt >= estimate * 1000 ? 0 : estimate;
  }
}

/** True when the collection delete was served; false when the resource does not support it. */
async function deleteCollection(client: ResourceClient<KubeObject>): Promise<boolean> {
  try {
    await client.deleteCollection({ propagationPolicy: 'Background' });
    return true;
  } catch (err) {
    if (isStatus(err, 405) || isStatus(err, 404)) return false;
    throw err;
  }
}

/** The objects in the namespace; undefined when the resource cannot be listed. */
async function listItems(client: ResourceClient<KubeObject>, resource: DiscoveredResource): Promise<KubeObject[] | undefined> {
  if (!resource.verbs.includes('list')) return undefined;
  try {
    return (await client.list({})).items;
  } catch (err) {
    // As Kubernetes: a resource discovery lists that answers 404 or 405 cannot be listed.
    if (isStatus(err, 405) || isStatus(err, 404)) return undefined;
    throw err;
  }
}

async function deleteEachItem(client: ResourceClient<KubeObject>, resource: DiscoveredResource): Promise<void> {
  for (const item of (await listItems(client, resource)) ?? []) {
    try {
      await client.delete(item.metadata.name!, { propagationPolicy: 'Background' });
    } catch (err) {
      if (!isStatus(err, 404) && !isStatus(err, 405)) throw err;
    }
  }
}

function countFinalizers(items: readonly KubeObject[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) for (const f of item.metadata.finalizers ?? []) counts.set(f, (counts.get(f) ?? 0) + 1);
  return counts;
}

/** How Go prints a GroupVersionResource: `apps/v1, Resource=deployments`. */
function gvrString(ref: ResourceRef): string {
  return `${ref.group}/${ref.version}, Resource=${ref.resource}`;
}

function isStatus(err: unknown, code: number): boolean {
  return err instanceof StatusError && err.code === code;
}
