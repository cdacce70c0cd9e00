// The ReplicaSet controller (Kubernetes' pkg/controller/replicaset/replica_set.go): keeps the
// number of active pods a ReplicaSet owns equal to spec.replicas, and reports them in status.
//
// Event handlers (synchronous, no I/O; they only adjust expectations and enqueue keys):
//  - ReplicaSet added/updated: enqueue it (a uid change under the same name is first handled
//    as the deletion of the old one; a change of status alone is batched, see below).
//    Deleted: forget its expectations, enqueue it.
//  - Pod added: if it is being deleted, handled as a deletion. Owned (controller reference to a
//    ReplicaSet we know, same uid): observe one creation for it, enqueue it. An orphan: enqueue
//    every ReplicaSet whose selector matches, so one may adopt it.
//  - Pod updated: a deletionTimestamp counts as the deletion; a changed controller reference
//    enqueues the old owner too; an owned pod enqueues its owner — and again after
//    minReadySeconds + 1 s when it just became ready, to see it become available; an orphan whose
//    labels or reference changed enqueues the matching ReplicaSets.
//  - Pod deleted (or tombstone): observe the deletion for its owner, enqueue the owner (batched
//    when the pod had already been seen terminating and nothing more was expected).
//  Pod events of a large ReplicaSet are batched (Kubernetes' Job controller batches pod
//  updates the same way): a pod event that can only change the status counts — an update
//  that keeps labels and owner, or a creation/deletion while more are still expected —
//  enqueues the owner after podEventBatchMs(replicas) (0 below 20 replicas); a later event
//  joins the waiting one. Every sync of a ReplicaSet walks all its pods, so without this a
//  10,000-pod ReplicaSet would be synced once per pod event. An event that completes the
//  expectations, or moves a pod between owners, enqueues at once.
//
// sync(key):
//  1. Read the ReplicaSet from the cache (gone: forget its expectations, done).
//  2. Take its active pods and the namespace's active orphans from the cache's controller
//     index (common/pods-by-owner.ts) and claim them (adopt orphans that match, release
//     owned pods that no longer match; common/controller-ref.ts).
//  3. If expectations are satisfied and the ReplicaSet is not being deleted, manage replicas:
//     too few -> create min(missing, burstReplicas) pods in slow-start batches, expecting them
//     first; too many -> delete min(extra, burstReplicas) victims chosen by pods-to-delete.ts,
//     expecting exactly those.
//  4. Compute and write the status (status.ts); when all replicas are ready but not all
//     available, sync again after minReadySeconds.
//  A failure to manage replicas still writes status (with the ReplicaFailure condition) and then
//  fails the sync, so the worker retries it with backoff.

import { selectorFromObject, type LabelSelector } from '../../api/labels/index.js';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { ReplicaSet } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { ResourceClient } from '../../client/contract.js';
import { CONTROLLER_UID_INDEX, controllerUidIndexFunc, type Indexer } from '../../client/informer/indexer.js';
import { waitForCacheSync } from '../../client/informer/factory.js';
import type { Lister } from '../../client/informer/lister.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey, unwrapTombstone, type DeletedFinalStateUnknown } from '../../client/informer/store.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import type { Clock } from '../../client/workqueue/clock.js';
import type { Controller, ControllerContext } from '../controller.js';
import { runWorkers } from '../worker.js';
import { hasStatusCause, isNotFound, NAMESPACE_TERMINATING_CAUSE } from '../common/api-errors.js';
import { ControllerRefManager, getControllerOf, newControllerRef, recheckOwner, type GroupVersionKind } from '../common/controller-ref.js';
import { UIDTrackingControllerExpectations, ControllerExpectations } from '../common/expectations.js';
import { RealPodControl, type PodControl } from '../common/pod-control.js';
import { filterActivePods, isPodReady, podKey } from '../common/pod-status.js';
import { podControllerIndexers, podsByOwner } from '../common/pods-by-owner.js';
import { slowStartBatch, SLOW_START_INITIAL_BATCH_SIZE } from '../common/slow-start.js';
import { getPodsToDelete } from './pods-to-delete.js';
import { calculateStatus, desiredReplicas, updateReplicaSetStatus } from './status.js';

export const REPLICASET_CONTROLLER = 'replicaset-controller';
export const REPLICASET_GVK: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };

/** Pods created or deleted per sync at most (Kubernetes' BurstReplicas). */
export const BURST_REPLICAS = 500;

/** How long a status-only pod event of a ReplicaSet of this size may wait for others (ms). */
export function podEventBatchMs(replicas: number): number {
  return Math.min(1000, Math.floor(replicas / 20));
}

export const REPLICASETS = builtinRef('apps', 'replicasets');
export const PODS = builtinRef('', 'pods');

export interface ReplicaSetControllerOptions {
  readonly burstReplicas?: number;
  /** Replaces the pod side effects (tests). */
  readonly podControl?: PodControl;
}

export class ReplicaSetController implements Controller {
  readonly name = REPLICASET_CONTROLLER;
  readonly queue: RateLimitingQueue<string>;
  readonly expectations: UIDTrackingControllerExpectations;
  readonly #ctx: ControllerContext;
  readonly #clock: Clock;
  readonly #burstReplicas: number;
  readonly #podControl: PodControl;
  readonly #rsClient: ResourceClient<ReplicaSet>;
  readonly #rsLister: Lister<ReplicaSet>;
  readonly #rsIndexer: Indexer<ReplicaSet>;
  readonly #podLister: Lister<Pod>;
  readonly #podIndexer: Indexer<Pod>;
  readonly #synced: (() => boolean)[];
  /** Parsed selectors by (immutable, cached) ReplicaSet object. */
  readonly #selectors = new WeakMap<ReplicaSet, LabelSelector>();

  constructor(ctx: ControllerContext, opts: ReplicaSetControllerOptions = {}) {
    this.#ctx = ctx;
    this.#clock = ctx.clock;
    this.#burstReplicas = opts.burstReplicas ?? BURST_REPLICAS;
    this.#rsClient = ctx.client.apps.replicasets();
    this.#podControl = opts.podControl ?? new RealPodControl(ctx.client.core.pods(), ctx.recorder(REPLICASET_CONTROLLER));
    this.expectations = new UIDTrackingControllerExpectations(new ControllerExpectations(ctx.clock));
    this.queue = new RateLimitingQueue<string>({ clock: ctx.clock });

    const rsInformer = ctx.informers.informerFor<ReplicaSet>(REPLICASETS, { indexers: { [CONTROLLER_UID_INDEX]: controllerUidIndexFunc } });
    rsInformer.addEventHandler({
      onAdd: (rs) => this.#enqueue(rs),
      onUpdate: (old, cur) => this.#updateRS(old, cur),
      onDelete: (obj) => this.#deleteRS(obj),
    });
    this.#rsIndexer = rsInformer.getIndexer();
    this.#rsLister = ctx.informers.listerFor<ReplicaSet>(REPLICASETS);

    const podInformer = ctx.informers.informerFor<Pod>(PODS, { indexers: podControllerIndexers() });
    podInformer.addEventHandler({
      onAdd: (pod) => this.#addPod(pod),
      onUpdate: (old, cur) => this.#updatePod(old, cur),
      onDelete: (obj) => this.#deletePod(obj, !!unwrapTombstone(obj).metadata.deletionTimestamp),
    });
    this.#podLister = ctx.informers.listerFor<Pod>(PODS);
    this.#podIndexer = podInformer.getIndexer();
    this.#synced = [() => rsInformer.hasSynced(), () => podInformer.hasSynced()];
  }

  async run(signal: AbortSignal): Promise<void> {
    if (!(await waitForCacheSync(signal, this.#synced, this.#clock))) return;
    await runWorkers(this.queue, { name: this.name, workers: this.#ctx.workers, sync: (key) => this.sync(key), onError: this.#ctx.onError }, signal);
  }

  // ---- event handlers ----

  #enqueue(rs: ReplicaSet): void {
    this.queue.add(metaNamespaceKeyFunc(rs));
  }

  #updateRS(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.uid !== cur.metadata.uid) this.#deleteRS(old);
    // Its own status writes come back here: they join the batch of pod events (see above)
    // instead of syncing once more per write.
    if (onlyStatusChanged(old, cur)) this.#enqueueBatched(cur);
    else this.#enqueue(cur);
  }

  #deleteRS(obj: ReplicaSet | DeletedFinalStateUnknown<ReplicaSet>): void {
    const key = metaNamespaceKeyFunc(obj);
    this.expectations.deleteExpectations(key);
    this.queue.add(key);
  }

  #addPod(pod: Pod): void {
    if (pod.metadata.deletionTimestamp) {
      // Seen for the first time already terminating (e.g. after a restart): not a creation.
      this.#deletePod(pod);
      return;
    }
    const ref = getControllerOf(pod);
    if (ref) {
      const rs = this.#resolveControllerRef(pod.metadata.namespace ?? '', ref);
      if (!rs) return;
      const key = metaNamespaceKeyFunc(rs);
      this.expectations.creationObserved(key);
      this.#enqueueObserved(rs, key);
      return;
    }
    for (const rs of this.#podReplicaSets(pod)) this.#enqueue(rs);
  }

  #updatePod(old: Pod, cur: Pod): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const labelChanged = !sameLabels(old.metadata.labels, cur.metadata.labels);
    if (cur.metadata.deletionTimestamp) {
      const known = !!old.metadata.deletionTimestamp;
      this.#deletePod(cur, known);
      if (labelChanged) this.#deletePod(old, known);
      return;
    }
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef) {
      const oldRS = this.#resolveControllerRef(old.metadata.namespace ?? '', oldRef);
      if (oldRS) this.#enqueue(oldRS);
    }
    if (curRef) {
      const rs = this.#resolveControllerRef(cur.metadata.namespace ?? '', curRef);
      if (!rs) return;
      if (labelChanged || refChanged) this.#enqueue(rs);
      else this.#enqueueBatched(rs);
      const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) {
        // One more second against millisecond skew between the pod's time and ours.
        this.queue.addAfter(metaNamespaceKeyFunc(rs), (minReadySeconds + 1) * 1000);
      }
      return;
    }
    if (labelChanged || refChanged) for (const rs of this.#podReplicaSets(cur)) this.#enqueue(rs);
  }

  /** A pod is being deleted or is gone. terminatingBefore: it was already seen terminating,
   *  so it stopped counting then; its removal now changes nothing the ReplicaSet acts on,
   *  unless it completes the expectations. */
  #deletePod(obj: Pod | DeletedFinalStateUnknown<Pod>, terminatingBefore = false): void {
    const pod = unwrapTombstone(obj);
    const ref = getControllerOf(pod);
    if (!ref) return;
    const rs = this.#resolveControllerRef(pod.metadata.namespace ?? '', ref);
    if (!rs) return;
    const key = metaNamespaceKeyFunc(rs);
    const wasSatisfied = this.expectations.satisfiedExpectations(key);
    this.expectations.deletionObserved(key, podKey(pod));
    if (terminatingBefore && wasSatisfied) this.#enqueueBatched(rs, key);
    else this.#enqueueObserved(rs, key);
  }

  /** After a creation or deletion was observed: at once if the ReplicaSet may act on it now,
   *  batched if it is still waiting for more. */
  #enqueueObserved(rs: ReplicaSet, key: string): void {
    if (this.expectations.satisfiedExpectations(key)) this.queue.add(key);
    else this.#enqueueBatched(rs, key);
  }

  /** Enqueues rs once its batch window has passed (joining a sync already waiting). */
  #enqueueBatched(rs: ReplicaSet, key = metaNamespaceKeyFunc(rs)): void {
    this.queue.addAfter(key, podEventBatchMs(desiredReplicas(rs)));
  }

  /** The ReplicaSet a controller reference names, if it is ours and still the same object. */
  #resolveControllerRef(namespace: string, ref: OwnerReference): ReplicaSet | undefined {
    if (ref.kind !== REPLICASET_GVK.kind) return undefined;
    const rs = this.#rsLister.get(namespace, ref.name);
    return rs && rs.metadata.uid === ref.uid ? rs : undefined;
  }

  /** The ReplicaSets of the pod's namespace whose (non-empty) selector matches its labels. */
  #podReplicaSets(pod: Pod): ReplicaSet[] {
    const labels = pod.metadata.labels;
    if (!labels || Object.keys(labels).length === 0) return [];
    const matching = this.#rsLister.byNamespace(pod.metadata.namespace ?? '').list().filter((rs) => {
      const selector = this.#selector(rs);
      return selector !== undefined && !selector.isEmpty() && selector.matches(labels);
    });
    if (matching.length > 1) {
      this.#ctx.onError(this.name, new Error(`user error! more than one ReplicaSet is selecting pods with labels: ${JSON.stringify(labels)}`));
    }
    return matching;
  }

  #selector(rs: ReplicaSet): LabelSelector | undefined {
    let selector = this.#selectors.get(rs);
    if (selector) return selector;
    try {
      selector = selectorFromObject(rs.spec?.selector);
    } catch {
      return undefined;
    }
    this.#selectors.set(rs, selector);
    return selector;
  }

  // ---- sync ----

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const rs = this.#rsLister.get(namespace, name);
    if (!rs) {
      this.expectations.deleteExpectations(key);
      return;
    }
    const needsSync = this.expectations.satisfiedExpectations(key);
    const selector = this.#selector(rs);
    if (!selector) {
      this.#ctx.onError(this.name, new Error(`error converting pod selector to selector for rs ${key}`));
      return;
    }
    // Its own pods and the namespace's orphans: the only ones a claim can keep or adopt.
    const active = filterActivePods(podsByOwner(this.#podIndexer, rs, true));
    const pods = await this.#claimPods(rs, selector, active);

    let manageErr: unknown;
    if (needsSync && !rs.metadata.deletionTimestamp) {
      try {
        await this.#manageReplicas(key, pods, rs);
      } catch (err) {
        manageErr = err;
      }
    }
    const status = calculateStatus(rs, pods, manageErr, this.#clock.now());
    const updated = await updateReplicaSetStatus(this.#rsClient, rs, status);
    const minReadySeconds = updated.spec?.minReadySeconds ?? 0;
    const replicas = desiredReplicas(updated);
    if (manageErr === undefined && minReadySeconds > 0 && updated.status?.readyReplicas === replicas && updated.status?.availableReplicas !== replicas) {
      this.queue.addAfter(key, minReadySeconds * 1000);
    }
    if (manageErr !== undefined) throw manageErr;
  }

  #claimPods(rs: ReplicaSet, selector: LabelSelector, pods: Pod[]): Promise<Pod[]> {
    const manager = new ControllerRefManager<Pod>({
      owner: rs,
      ownerKind: REPLICASET_GVK,
      selector,
      ownedKind: 'Pod',
      ownedClient: this.#ctx.client.core.pods(),
      canAdopt: recheckOwner(this.#rsClient as ResourceClient<KubeObject>, rs, REPLICASET_GVK.kind),
    });
    return manager.claim(pods);
  }

  async #manageReplicas(key: string, pods: readonly Pod[], rs: ReplicaSet): Promise<void> {
    const diff = pods.length - desiredReplicas(rs);
    if (diff < 0) await this.#createPods(key, rs, Math.min(-diff, this.#burstReplicas));
    else if (diff > 0) await this.#deletePods(key, rs, pods, Math.min(diff, this.#burstReplicas));
  }

  async #createPods(key: string, rs: ReplicaSet, count: number): Promise<void> {
    // Expect them before asking: the informer may see a pod before its create returns.
    this.expectations.expectCreations(key, count);
    const namespace = rs.metadata.namespace ?? '';
    const template = rs.spec?.template ?? {};
    const ref = newControllerRef(rs, REPLICASET_GVK);
    const { successes, error } = await slowStartBatch(count, SLOW_START_INITIAL_BATCH_SIZE, async () => {
      try {
        await this.#podControl.createPods(namespace, template, rs, ref);
      } catch (err) {
        // Every create in a terminating namespace fails; there is nothing to report.
        if (!hasStatusCause(err, NAMESPACE_TERMINATING_CAUSE)) throw err;
      }
    });
    // Pods never created will never be observed.
    this.expectations.lowerExpectations(key, count - successes, 0);
    if (error !== undefined) throw error;
  }

  async #deletePods(key: string, rs: ReplicaSet, pods: readonly Pod[], count: number): Promise<void> {
    const victims = getPodsToDelete(pods, this.#indirectlyRelatedPods(rs), count, this.#clock.now());
    this.expectations.expectDeletions(key, victims.map(podKey));
    const namespace = rs.metadata.namespace ?? '';
    const errors: unknown[] = [];
    await Promise.all(
      victims.map(async (pod) => {
        try {
          await this.#podControl.deletePod(namespace, pod.metadata.name ?? '', rs);
        } catch (err) {
          // This deletion will never be observed.
          this.expectations.deletionObserved(key, podKey(pod));
          if (!isNotFound(err)) errors.push(err);
        }
      }),
    );
    if (errors.length > 0) throw errors[0];
  }

  /** Pods of every ReplicaSet with the same controller as rs (rs included), each once. */
  #indirectlyRelatedPods(rs: ReplicaSet): Pod[] {
    const ref = getControllerOf(rs);
    if (!ref) return [];
    const seen = new Set<string>();
    const related: Pod[] = [];
    for (const other of this.#rsIndexer.byIndex(CONTROLLER_UID_INDEX, ref.uid)) {
      const selector = this.#selector(other);
      if (!selector) continue;
      for (const pod of this.#podLister.byNamespace(other.metadata.namespace ?? '').list(selector)) {
        const uid = pod.metadata.uid ?? podKey(pod);
        if (seen.has(uid)) continue;
        seen.add(uid);
        related.push(pod);
      }
    }
    return related;
  }
}

function sameLabels(a: Record<string, string> | undefined, b: Record<string, string> | undefined): boolean {
  const ka = Object.keys(a ?? {});
  if (ka.length !== Object.keys(b ?? {}).length) return false;
  return ka.every((k) => a![k] === b?.[k]);
}

/** Nothing but status (and the resourceVersion) differs: same generation, deletion state,
 *  labels, annotations and controller. */
function onlyStatusChanged(old: ReplicaSet, cur: ReplicaSet): boolean {
  const a = old.metadata;
  const b = cur.metadata;
  return (
    a.uid === b.uid &&
    a.generation === b.generation &&
    a.deletionTimestamp === b.deletionTimestamp &&
    sameLabels(a.labels, b.labels) &&
    sameLabels(a.annotations, b.annotations) &&
    sameRef(getControllerOf(old), getControllerOf(cur)) &&
    (a.ownerReferences?.length ?? 0) === (b.ownerReferences?.length ?? 0)
  );
}

function sameRef(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (!a || !b) return a === b;
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion && a.controller === b.controller && a.blockOwnerDeletion === b.blockOwnerDeletion;
}
