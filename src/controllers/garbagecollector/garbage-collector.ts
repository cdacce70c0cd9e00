// The garbage collector (Kubernetes' pkg/controller/garbagecollector): deletes objects whose
// owners are gone, and carries out the Foreground and Orphan deletion policies.
//
//  - Informers on every monitored resource (resource-mapper.ts) feed the ownership graph
//    (graph-builder.ts) directly from their handlers; the graph hands nodes to two queues,
//    keyed by uid.
//  - attemptToDelete(uid): re-reads the object from the API server; if its owners are all
//    gone it is deleted (Background, or the policy its finalizers ask for); references to
//    gone owners are removed from objects that keep another owner; an object deleting its
//    dependents in the foreground loses its foregroundDeletion finalizer once no dependent
//    blocks it (blockOwnerDeletion). A virtual owner (referenced, never observed) the API
//    server does not have becomes a virtual delete event, which releases its dependents.
//  - attemptToOrphan(uid): removes the owner from every dependent's ownerReferences, then
//    the orphan finalizer from the owner.
//  - Failures retry with per-item backoff; bad references (unknown uids, a cluster-scoped
//    object naming a namespaced owner) never stop the collector.

import type { OwnerReference } from '../../api/meta.js';
import { BUILTIN_RESOURCES } from '../../api/registry/index.js';
import type { ResourceDef } from '../../api/resource.js';
import type { ResourceRef } from '../../client/contract.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import { groupVersion } from '../../client/informer/factory.js';
import { unwrapTombstone } from '../../client/informer/store.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.js';
import { runWorkers } from '../worker.js';
import { AbsentOwnerCache } from './absent-owner-cache.js';
import { forEachBounded } from './bounded-parallel.js';
import { ReferenceClassifier } from './classify-references.js';
import { decideDeletion, type DeletionDecision } from './deletion-decision.js';
import { isExpectedRetry, NamespacedOwnerOfClusterScopedError, NotYetObservedError } from './errors.js';
import { FOREGROUND_FINALIZER, GraphBuilder, ORPHAN_FINALIZER, type GraphEvent, type GraphListener } from './graph-builder.js';
import type { GraphNode } from './graph-node.js';
import { describeIdentity, ownerIdentity, type ObjectIdentity } from './identity.js';
import { ClientOperations, type GarbageCollectorOperations } from './operations.js';
import { deleteOwnerReferencesPatch, unblockOwnerReferencesPatch } from './patches.js';
import { ResourceMapper } from './resource-mapper.js';

export const GARBAGE_COLLECTOR = 'garbage-collector-controller';
/** kube-controller-manager's --concurrent-gc-syncs default. */
export const DEFAULT_GC_WORKERS = 20;
/** Dependents orphaned at once for one owner. */
const ORPHAN_PARALLELISM = 20;

export interface GarbageCollectorOptions {
  /** Workers per queue (default 20, as --concurrent-gc-syncs). */
  readonly workers?: number;
  /** The resources whose objects the collector knows (default: kite's built-in resources). */
  readonly resources?: readonly ResourceDef[];
  /** Replaces the API side effects (tests). */
  readonly operations?: (ctx: ControllerContext, mapper: ResourceMapper) => GarbageCollectorOperations;
}

type AttemptOutcome = 'done' | 'virtualDeleteEnqueued' | 'dropped';

export class GarbageCollector implements Controller {
  readonly name = GARBAGE_COLLECTOR;
  readonly graph: GraphBuilder;
  readonly #ctx: ControllerContext;
  readonly #workers: number;
  readonly #ops: GarbageCollectorOperations;
  readonly #classifier: ReferenceClassifier;
  readonly #recorder: EventRecorder;
  readonly #attemptToDelete: RateLimitingQueue<string>;
  readonly #attemptToOrphan: RateLimitingQueue<string>;

  constructor(ctx: ControllerContext, opts: GarbageCollectorOptions = {}) {
    this.#ctx = ctx;
    this.#workers = opts.workers ?? DEFAULT_GC_WORKERS;
    const mapper = new ResourceMapper(opts.resources ?? BUILTIN_RESOURCES);
    const absentOwners = new AbsentOwnerCache();
    this.#ops = opts.operations?.(ctx, mapper) ?? new ClientOperations(ctx.client, mapper);
    this.#classifier = new ReferenceClassifier(this.#ops, mapper, absentOwners);
    this.#recorder = ctx.recorder(GARBAGE_COLLECTOR);
    this.#attemptToDelete = new RateLimitingQueue<string>({ clock: ctx.clock });
    this.#attemptToOrphan = new RateLimitingQueue<string>({ clock: ctx.clock });
    this.graph = new GraphBuilder(this.#listener(), absentOwners);
    for (const ref of mapper.monitored()) this.#monitor(ref);
  }

  async run(signal: AbortSignal): Promise<void> {
    const onError = (name: string, err: unknown): void => {
      if (!isExpectedRetry(err)) this.#ctx.onError(name, err);
    };
    await Promise.all([
      runWorkers(this.#attemptToDelete, { name: `${GARBAGE_COLLECTOR}/attempt-to-delete`, workers: this.#workers, sync: (uid) => this.attemptToDelete(uid), onError }, signal),
      runWorkers(this.#attemptToOrphan, { name: `${GARBAGE_COLLECTOR}/attempt-to-orphan`, workers: this.#workers, sync: (uid) => this.attemptToOrphan(uid), onError }, signal),
    ]);
  }

  /** Feeds one resource's informer events into the graph (no I/O: handlers stay cheap). */
  #monitor(ref: ResourceRef): void {
    const apiVersion = groupVersion(ref);
    const kind = ref.kind;
    const process = (event: GraphEvent): void => this.graph.process(event);
    this.#ctx.informers.informerFor(ref).addEventHandler({
      onAdd: (object) => process({ type: 'add', apiVersion, kind, object }),
      onUpdate: (oldObject, object) => process({ type: 'update', apiVersion, kind, object, oldObject }),
      onDelete: (object) => process({ type: 'delete', apiVersion, kind, object: unwrapTombstone(object) }),
    });
  }

  #listener(): GraphListener {
    return {
      attemptToDelete: (node) => this.#attemptToDelete.add(node.uid),
      attemptToDeleteRateLimited: (node) => this.#attemptToDelete.addRateLimited(node.uid),
      attemptToOrphan: (node) => this.#attemptToOrphan.add(node.uid),
      invalidOwnerNamespace: (dependent, owner) => this.#reportInvalidOwnerNamespace(dependent.identity, owner),
    };
  }

  /** One attemptToDelete item. Throws to be retried with backoff. */
  async attemptToDelete(uid: string): Promise<void> {
    const node = this.graph.node(uid);
    if (!node) return;
    const identity = node.identity;
    const outcome = await this.#attemptToDeleteItem(node, identity);
    // A virtual node whose object exists: wait for the informer to report it, or an owner
    // added and removed while a watch was down would stay in the graph forever.
    if (outcome === 'done' && node.virtual && this.graph.node(uid) === node) throw new NotYetObservedError(identity);
  }

  async #attemptToDeleteItem(node: GraphNode, identity: ObjectIdentity): Promise<AttemptOutcome> {
    try {
      return await this.#attemptToDeleteObject(node, identity);
    } catch (err) {
      if (!(err instanceof NamespacedOwnerOfClusterScopedError)) throw err;
      // No retry can make such a reference valid: report it and leave the objects alone.
      if (err.owner) this.#reportInvalidOwnerNamespace(identity, err.owner);
      return 'dropped';
    }
  }

  async #attemptToDeleteObject(node: GraphNode, identity: ObjectIdentity): Promise<AttemptOutcome> {
    // Deletion is a one-way trip: wait for the final delete, then handle the dependents.
    if (node.beingDeleted && !node.deletingDependents) return 'done';
    const latest = await this.#ops.get(identity);
    if (!latest || latest.metadata.uid !== identity.uid) {
      this.graph.process(virtualDeleteEvent(identity));
      return 'virtualDeleteEnqueued';
    }
    if (node.deletingDependents) {
      await this.#processDeletingDependents(node, identity);
      return 'done';
    }
    const refs = latest.metadata.ownerReferences ?? [];
    if (refs.length === 0) return 'done';
    const classification = await this.#classifier.classify(identity, refs);
    const decision = decideDeletion({
      classification,
      finalizers: latest.metadata.finalizers ?? [],
      dependentCount: node.dependents.size,
      dependentDeletingDependents: [...node.dependents].some((d) => d.deletingDependents),
    });
    await this.#carryOut(decision, node, identity);
    return 'done';
  }

  async #carryOut(decision: DeletionDecision, node: GraphNode, identity: ObjectIdentity): Promise<void> {
    switch (decision.action) {
      case 'keep':
        return;
      case 'removeReferences':
        return this.#ops.patchOwnerReferences(identity, deleteOwnerReferencesPatch(identity.uid, decision.ownerUids));
      case 'delete':
        // Breaks a possible cycle of owners waiting for each other in the foreground.
        if (decision.unblockReferencesFirst) await this.#ops.patchOwnerReferences(identity, unblockOwnerReferencesPatch(identity.uid, node.owners));
        return this.#ops.delete(identity, decision.policy);
    }
  }

  /** An owner deleting in the foreground: done once no dependent blocks it. */
  async #processDeletingDependents(node: GraphNode, identity: ObjectIdentity): Promise<void> {
    const blocking = node.blockingDependents();
    if (blocking.length === 0) {
      await this.#ops.removeFinalizer(identity, FOREGROUND_FINALIZER);
      return;
    }
    for (const dep of blocking) if (!dep.deletingDependents) this.#attemptToDelete.add(dep.uid);
  }

  /** One attemptToOrphan item: release every dependent, then the owner. */
  async attemptToOrphan(uid: string): Promise<void> {
    const owner = this.graph.node(uid);
    if (!owner) return;
    const identity = owner.identity;
    const dependents = [...owner.dependents];
    const errors = await forEachBounded(dependents, ORPHAN_PARALLELISM, (dep) =>
      this.#ops.patchOwnerReferences(dep.identity, deleteOwnerReferencesPatch(dep.uid, [uid])),
    );
    if (errors.length > 0) {
      throw new AggregateError(errors, `failed to orphan ${errors.length} dependents of owner ${describeIdentity(identity)}`);
    }
    await this.#ops.removeFinalizer(identity, ORPHAN_FINALIZER);
  }

  #reportInvalidOwnerNamespace(dependent: ObjectIdentity, owner: OwnerReference): void {
    const message = `ownerRef ${describeIdentity(ownerIdentity(owner, dependent.namespace))} does not exist in namespace ${JSON.stringify(dependent.namespace)}`;
    this.#recorder.event(
      { apiVersion: dependent.apiVersion, kind: dependent.kind, namespace: dependent.namespace, name: dependent.name, uid: dependent.uid },
      'Warning',
      'OwnerRefInvalidNamespace',
      message,
    );
  }
}

/** What the API server's "not found" means to the graph: the object under identity is gone. */
function virtualDeleteEvent(identity: ObjectIdentity): GraphEvent {
  return {
    type: 'delete',
    virtual: true,
    apiVersion: identity.apiVersion,
    kind: identity.kind,
    object: { apiVersion: identity.apiVersion, kind: identity.kind, metadata: { uid: identity.uid, name: identity.name, namespace: identity.namespace } },
  };
}

export function newGarbageCollector(opts: GarbageCollectorOptions = {}): ControllerFactory {
  return (ctx) => new GarbageCollector(ctx, opts);
}

/** The garbage collector as kite server runs it. */
export const garbageCollectorFactory: ControllerFactory = newGarbageCollector();
