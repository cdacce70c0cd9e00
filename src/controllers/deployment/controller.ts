// The Deployment controller (Kubernetes' pkg/controller/deployment/deployment_controller.go):
// it runs each Deployment through ReplicaSets, one per pod template, rolling from the old to
// the new ones by its strategy, and reports progress in the Deployment's status.
//
//  - Watches Deployments (every change), ReplicaSets (the Deployment controlling one, or for an
//    orphan every Deployment whose selector matches it) and pod deletions (a Recreate
//    Deployment whose last old pod is gone). Handlers only compute keys.
//  - sync(key), in Kubernetes' order: a missing Deployment is done (the garbage collector
//    deletes its ReplicaSets); an empty selector only records a Warning SelectingAll; the
//    ReplicaSets are claimed; a Deployment being deleted only gets its status; paused/resumed
//    conditions; then a paused Deployment or a scaling event is scaled without a rollout, a
//    rollback request (deprecated annotation) is carried out, and otherwise the strategy
//    (Recreate or RollingUpdate) takes its next step.
//  - A failed sync is retried with per-key backoff, up to 5 times (then the next event
//    brings the Deployment back). Not failures: a create refused because the namespace is
//    terminating, and a conflict (the cache was behind; the informer brings the newer version
//    and the Deployment with it). A sync that finds the cache still showing a version of the
//    Deployment the controller itself has since rewritten waits for the informer instead
//    (superseded.ts).

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { DeletedFinalStateUnknown } from '../../client/informer/store.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey, unwrapTombstone } from '../../client/informer/store.js';
import type { ResourceEventHandlerRegistration } from '../../client/informer/shared-informer.js';
import { waitForCacheSync } from '../../client/informer/factory.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import { hasStatusCause, isConflict, NAMESPACE_TERMINATING_CAUSE } from '../common/api-errors.js';
import { getControllerOf } from '../common/controller-ref.js';
import { podControllerIndexers } from '../common/pods-by-owner.js';
import type { Controller, ControllerContext } from '../controller.js';
import { runWorkers } from '../worker.js';
import { RealDeploymentControl, type DeploymentControl } from './control.js';
import { UnsupportedStrategyError } from './errors.js';
import { RECREATE, ROLLING_UPDATE } from './fenceposts.js';
import { COMPONENT } from './kind.js';
import {
  claimReplicaSets,
  deploymentForPod,
  deploymentsForReplicaSet,
  ownedReplicaSets,
  podMapFor,
  resolveControllerRef,
  type ClaimClients,
  type OwnerListers,
} from './owners.js';
import { rolloutRecreate } from './recreate.js';
import { rollback, rollbackTo } from './rollback.js';
import { rolloutRolling } from './rolling.js';
import { RecordingControl, SupersededVersions } from './superseded.js';
import { isScalingEvent, syncScaling, syncStatusOnly } from './sync.js';
import type { SyncContext } from './sync-context.js';
import { checkPausedConditions } from './write-status.js';

export const CONTROLLER_NAME = 'deployment';
const MAX_RETRIES = 5;
const CONFLICT_RECHECK_MS = 1000;

const DEPLOYMENTS = builtinRef('apps', 'deployments');
const REPLICA_SETS = builtinRef('apps', 'replicasets');
const PODS = builtinRef('', 'pods');

type Tombstoned<T> = T | DeletedFinalStateUnknown<T>;

export class DeploymentController implements Controller {
  readonly name = CONTROLLER_NAME;
  readonly queue: RateLimitingQueue<string>;
  readonly #ctx: ControllerContext;
  readonly #listers: OwnerListers;
  readonly #clients: ClaimClients;
  readonly #control: DeploymentControl;
  readonly #superseded = new SupersededVersions();
  readonly #registrations: ResourceEventHandlerRegistration[] = [];

  constructor(ctx: ControllerContext, control?: DeploymentControl) {
    this.#ctx = ctx;
    this.queue = new RateLimitingQueue<string>({ clock: ctx.clock });
    this.#control = new RecordingControl(control ?? new RealDeploymentControl(ctx.client, ctx.recorder(COMPONENT)), this.#superseded);
    this.#clients = { replicaSets: ctx.client.apps.replicasets(), deployments: ctx.client.apps.deployments() };
    const dInformer = ctx.informers.informerFor<Deployment>(DEPLOYMENTS);
    const rsInformer = ctx.informers.informerFor<ReplicaSet>(REPLICA_SETS);
    const podInformer = ctx.informers.informerFor<Pod>(PODS);
    this.#listers = {
      deployments: ctx.informers.listerFor<Deployment>(DEPLOYMENTS),
      replicaSets: ctx.informers.listerFor<ReplicaSet>(REPLICA_SETS),
      pods: ctx.informers.informerFor<Pod>(PODS, { indexers: podControllerIndexers() }).getIndexer(),
    };
    this.#registrations.push(
      dInformer.addEventHandler({
        onAdd: (d) => this.#enqueue(d),
        onUpdate: (_old, d) => this.#enqueue(d),
        onDelete: (d) => this.#enqueue(unwrapTombstone(d)),
      }),
      rsInformer.addEventHandler({
        onAdd: (rs) => this.#addReplicaSet(rs),
        onUpdate: (old, cur) => this.#updateReplicaSet(old, cur),
        onDelete: (rs) => this.#deleteReplicaSet(rs),
      }),
      podInformer.addEventHandler({ onDelete: (pod) => this.#deletePod(pod) }),
    );
  }

  async run(signal: AbortSignal): Promise<void> {
    const synced = await waitForCacheSync(signal, this.#registrations.map((r) => () => r.hasSynced()), this.#ctx.clock);
    if (!synced) return;
    await runWorkers(this.queue, { name: this.name, workers: this.#ctx.workers, sync: (key) => this.sync(key), onError: this.#ctx.onError, maxRetries: MAX_RETRIES }, signal);
  }

  // --- event handlers: compute keys, nothing else ---------------------------------------

  #enqueue(d: Deployment): void {
    this.queue.add(metaNamespaceKeyFunc(d));
  }

  #addReplicaSet(rs: ReplicaSet): void {
    if (rs.metadata.deletionTimestamp) return this.#deleteReplicaSet(rs);
    const ref = getControllerOf(rs);
    if (ref) {
      const d = resolveControllerRef(this.#listers, rs.metadata.namespace ?? '', ref);
      if (d) this.#enqueue(d);
      return;
    }
    for (const d of deploymentsForReplicaSet(this.#listers, rs)) this.#enqueue(d);
  }

  #updateReplicaSet(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata.resourceVersion === cur.metadata.resourceVersion) return;
    const ns = cur.metadata.namespace ?? '';
    const curRef = getControllerOf(cur);
    const oldRef = getControllerOf(old);
    const refChanged = curRef?.uid !== oldRef?.uid || curRef?.name !== oldRef?.name || curRef?.kind !== oldRef?.kind;
    if (refChanged && oldRef) {
      const d = resolveControllerRef(this.#listers, ns, oldRef);
      if (d) this.#enqueue(d);
    }
    if (curRef) {
      const d = resolveControllerRef(this.#listers, ns, curRef);
      if (d) this.#enqueue(d);
      return;
    }
    const labelsChanged = JSON.stringify(old.metadata.labels ?? {}) !== JSON.stringify(cur.metadata.labels ?? {});
    if (labelsChanged || refChanged) for (const d of deploymentsForReplicaSet(this.#listers, cur)) this.#enqueue(d);
  }

  #deleteReplicaSet(obj: Tombstoned<ReplicaSet>): void {
    const rs = unwrapTombstone(obj);
    const ref = getControllerOf(rs);
    if (!ref) return;
    const d = resolveControllerRef(this.#listers, rs.metadata.namespace ?? '', ref);
    if (d) this.#enqueue(d);
  }

  #deletePod(obj: Tombstoned<Pod>): void {
    const d = deploymentForPod(this.#listers, unwrapTombstone(obj));
    if (!d || d.spec?.strategy?.type !== RECREATE) return;
    const rsList = ownedReplicaSets(this.#listers, d);
    let pods = 0;
    for (const list of podMapFor(this.#listers, d, rsList).values()) pods += list.length;
    if (pods === 0) this.#enqueue(d);
  }

  // --- sync -------------------------------------------------------------------------------

  #syncContext(): SyncContext {
    return {
      control: this.#control,
      now: () => this.#ctx.clock.now(),
      cachedReplicaSet: (ns, name) => this.#listers.replicaSets.get(ns, name),
      requeueAfter: (d, ms) => this.queue.addAfter(metaNamespaceKeyFunc(d), ms),
      requeueRateLimited: (d) => this.queue.addRateLimited(metaNamespaceKeyFunc(d)),
    };
  }

  async sync(key: string): Promise<void> {
    try {
      await this.#syncDeployment(key);
    } catch (err) {
      // Every later create would fail the same way until the namespace is gone.
      if (hasStatusCause(err, NAMESPACE_TERMINATING_CAUSE)) return;
      // A conflict means the cache is behind the server (a ReplicaSet's status moved on, say):
      // the informer's event for the newer version brings the Deployment back. A late recheck
      // stands in for it should the event have been missed; nothing is reported.
      if (isConflict(err)) return this.queue.addAfter(key, CONFLICT_RECHECK_MS);
      throw err;
    }
  }

  async #syncDeployment(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const cached = this.#listers.deployments.get(namespace, name);
    if (!cached) return this.#superseded.forget(key);
    if (this.#superseded.isSuperseded(key, cached.metadata.resourceVersion)) return;
    const d = structuredClone(cached);
    const ctx = this.#syncContext();
    if (selectsEverything(d)) return this.#refuseSelectingAll(ctx, d);
    const rsList = await claimReplicaSets(this.#listers, this.#clients, d);
    if (d.metadata.deletionTimestamp) return syncStatusOnly(ctx, d, rsList);
    await checkPausedConditions(ctx, d);
    if (d.spec?.paused) return syncScaling(ctx, d, rsList);
    if (rollbackTo(d) !== undefined) return rollback(ctx, d, rsList);
    if (await isScalingEvent(ctx, d, rsList)) return syncScaling(ctx, d, rsList);
    switch (d.spec?.strategy?.type) {
      case RECREATE:
        // Only Recreate reads the pods (Kubernetes maps them on every sync and uses them here).
        return rolloutRecreate(ctx, d, rsList, podMapFor(this.#listers, d, rsList));
      case ROLLING_UPDATE:
        return rolloutRolling(ctx, d, rsList);
      default:
        throw new UnsupportedStrategyError(d.spec?.strategy?.type);
    }
  }

  async #refuseSelectingAll(ctx: SyncContext, d: Deployment): Promise<void> {
    ctx.control.event(d, 'Warning', 'SelectingAll', 'This deployment is selecting all pods. A non-empty selector is required.');
    if ((d.status?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)) return;
    (d.status ??= {}).observedGeneration = d.metadata.generation;
    await ctx.control.updateDeploymentStatus(d).catch(() => undefined);
  }
}

/** An empty selector ({}) selects every pod; validation normally refuses it. */
function selectsEverything(d: Deployment): boolean {
  const s = d.spec?.selector;
  return !!s && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;
}
