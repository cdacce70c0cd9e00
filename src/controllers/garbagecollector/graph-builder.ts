// GraphBuilder keeps the ownership graph — every monitored object by uid, with edges from
// owners to dependents — current from informer events, and tells the collector which nodes
// may need work (Kubernetes' GraphBuilder.processGraphChanges).
//
// Contract:
//  - process(event) is synchronous, in-memory and cheap (no I/O), so informer handlers call
//    it directly; events of one object arrive in order (the informer guarantees it).
//  - A reference to a uid the graph does not hold creates a virtual owner node and queues it
//    for attemptToDelete: the collector verifies it with a live GET and, if the API server
//    says it is absent, feeds back a virtual delete event.
//  - Deleting a node queues its dependents for attemptToDelete (and records the owner as
//    absent, so they need no lookup), and queues owners waiting for their dependents.
//  - An object that starts being deleted with the orphan finalizer is queued for
//    attemptToOrphan; with foregroundDeletion it is marked deletingDependents and it and its
//    dependents are queued for attemptToDelete.
//  - A dependent whose reference cannot match its owner (coordinates differ, or a namespaced
//    owner in another namespace) is queued so the collector checks it against the API
//    server; a namespace mismatch with an observed owner is reported.
//  - The builder never throws for bad input: an object without a uid is ignored.

import type { KubeObject, ObjectMeta, OwnerReference } from '../../api/meta.js';
import type { AbsentOwnerCache } from './absent-owner-cache.js';
import { GraphNode } from './graph-node.js';
import { matchesCoordinates, ownerIdentity, sameIdentity, type ObjectIdentity } from './identity.js';
import { alternateOwnerIdentity, partitionDependents } from './owner-identity.js';
import { diffReferences, isEmptyDiff, unblockedOwnerUids } from './reference-diff.js';

export const ORPHAN_FINALIZER = 'orphan';
export const FOREGROUND_FINALIZER = 'foregroundDeletion';

export type GraphEventType = 'add' | 'update' | 'delete';

export interface GraphEvent {
  readonly type: GraphEventType;
  /** Made by the collector after the API server said the object does not exist. */
  readonly virtual?: boolean;
  /** The group/version and kind of the informer (or of the identity, for virtual events). */
  readonly apiVersion: string;
  readonly kind: string;
  readonly object: KubeObject;
  readonly oldObject?: KubeObject;
}

/** Where the builder hands work: the collector's queues and event recorder. */
export interface GraphListener {
  attemptToDelete(node: GraphNode): void;
  attemptToDeleteRateLimited(node: GraphNode): void;
  attemptToOrphan(node: GraphNode): void;
  /** dependent references owner, an observed namespaced object of another namespace. */
  invalidOwnerNamespace(dependent: GraphNode, owner: OwnerReference): void;
}

export class GraphBuilder {
  readonly #nodes = new Map<string, GraphNode>();
  readonly #listener: GraphListener;
  readonly #absentOwners: AbsentOwnerCache;

  constructor(listener: GraphListener, absentOwners: AbsentOwnerCache) {
    this.#listener = listener;
    this.#absentOwners = absentOwners;
  }

  node(uid: string): GraphNode | undefined {
    return this.#nodes.get(uid);
  }

  get size(): number {
    return this.#nodes.size;
  }

  process(event: GraphEvent): void {
    const meta = event.object?.metadata;
    if (!meta?.uid) return;
    let existing = this.#nodes.get(meta.uid);
    if (existing && !event.virtual && existing.virtual) this.#observe(existing, identityOf(event));
    if (event.type === 'delete') {
      if (existing) this.#delete(existing, event);
      return;
    }
    if (!existing) {
      existing = this.#insert(event);
    } else {
      this.#update(existing, event);
    }
    this.#processTransitions(event.oldObject, event.object, existing);
  }

  /** A virtual node's object was seen: it takes the observed identity; dependents that
   *  named it otherwise are checked again. */
  #observe(node: GraphNode, observed: ObjectIdentity): void {
    if (!sameIdentity(observed, node.identity)) {
      for (const dep of partitionDependents(node.dependents, observed).nonMatching) {
        if (observed.namespace !== '' && dep.identity.namespace !== observed.namespace) this.#reportInvalidNamespace(dep, observed.uid);
        this.#listener.attemptToDelete(dep);
      }
      node.identity = observed;
    }
    node.virtual = false;
  }

  #insert(event: GraphEvent): GraphNode {
    const meta = event.object.metadata;
    const deleting = beingDeleted(meta);
    const node = new GraphNode({
      identity: identityOf(event),
      owners: meta.ownerReferences ?? [],
      beingDeleted: deleting,
      deletingDependents: deleting && hasFinalizer(meta, FOREGROUND_FINALIZER),
    });
    this.#nodes.set(node.uid, node);
    this.#addDependentToOwners(node, node.owners);
    return node;
  }

  #update(node: GraphNode, event: GraphEvent): void {
    const meta = event.object.metadata;
    if (!event.virtual && (node.identity.apiVersion !== event.apiVersion || node.identity.kind !== event.kind)) {
      node.identity = { ...node.identity, apiVersion: event.apiVersion, kind: event.kind };
    }
    const owners = meta.ownerReferences ?? [];
    const diff = diffReferences(node.owners, owners);
    if (!isEmptyDiff(diff)) {
      for (const uid of unblockedOwnerUids(diff)) {
        const owner = this.#nodes.get(uid);
        if (owner) this.#listener.attemptToDelete(owner);
      }
      node.owners = owners;
      this.#addDependentToOwners(node, diff.added);
      this.#removeDependentFromOwners(node, diff.removed);
    }
    if (beingDeleted(meta)) node.beingDeleted = true;
  }

  #delete(node: GraphNode, event: GraphEvent): void {
    if (event.virtual && !this.#acceptVirtualDelete(node, identityOf(event))) return;
    this.#nodes.delete(node.uid);
    this.#removeDependentFromOwners(node, node.owners);
    if (node.dependents.size > 0) this.#absentOwners.add(identityOf(event));
    for (const dep of node.dependents) this.#listener.attemptToDelete(dep);
    for (const ref of node.owners) {
      const owner = this.#nodes.get(ref.uid);
      // The owner may be waiting for this dependent to go.
      if (owner?.deletingDependents) this.#listener.attemptToDelete(owner);
    }
  }

  /** Whether a virtual delete (the API server has no object under `deleted`) removes node.
   *  Dependents that named `deleted` are queued either way; a virtual node that other
   *  dependents name differently stays, to be verified under their identity next. */
  #acceptVirtualDelete(node: GraphNode, deleted: ObjectIdentity): boolean {
    const { matching, nonMatching } = partitionDependents(node.dependents, deleted);
    const keep = node.virtual ? nonMatching.length > 0 : !sameIdentity(node.identity, deleted);
    if (!keep) return true;
    if (matching.length > 0) {
      this.#absentOwners.add(deleted);
      for (const dep of matching) this.#listener.attemptToDelete(dep);
    }
    if (node.virtual && sameIdentity(node.identity, deleted)) {
      const replacement = alternateOwnerIdentity(nonMatching, deleted);
      if (replacement) {
        node.identity = replacement;
        this.#listener.attemptToDeleteRateLimited(node);
      }
    }
    return false;
  }

  #addDependentToOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    let potentiallyInvalid = false;
    for (const ref of owners) {
      let owner = this.#nodes.get(ref.uid);
      if (!owner) {
        owner = new GraphNode({ identity: ownerIdentity(ref, node.identity.namespace), virtual: true });
        this.#nodes.set(owner.uid, owner);
        owner.dependents.add(node);
        this.#listener.attemptToDelete(owner);
        continue;
      }
      owner.dependents.add(node);
      if (!potentiallyInvalid) potentiallyInvalid = this.#checkReference(node, ref, owner);
    }
    if (potentiallyInvalid) this.#listener.attemptToDelete(node);
  }

  /** Whether node's reference to a known owner may be invalid (then node is verified). */
  #checkReference(node: GraphNode, ref: OwnerReference, owner: GraphNode): boolean {
    const ownerNamespace = owner.identity.namespace;
    if (ownerNamespace !== '' && ownerNamespace !== node.identity.namespace) {
      if (owner.observed) this.#reportInvalidNamespace(node, ref.uid);
      return true;
    }
    if (!matchesCoordinates(ref, owner.identity)) return true;
    // A virtual "cluster-scoped" owner guessed from a cluster-scoped dependent may really be
    // a namespaced kind this dependent names from its namespace.
    return ownerNamespace === '' && node.identity.namespace !== '' && owner.virtual;
  }

  #removeDependentFromOwners(node: GraphNode, owners: readonly OwnerReference[]): void {
    for (const ref of owners) this.#nodes.get(ref.uid)?.dependents.delete(node);
  }

  #processTransitions(oldObject: KubeObject | undefined, object: KubeObject, node: GraphNode): void {
    if (deletionStartsWith(oldObject, object, ORPHAN_FINALIZER)) {
      this.#listener.attemptToOrphan(node);
      return;
    }
    if (deletionStartsWith(oldObject, object, FOREGROUND_FINALIZER)) {
      node.deletingDependents = true;
      for (const dep of node.dependents) this.#listener.attemptToDelete(dep);
      this.#listener.attemptToDelete(node);
    }
  }

  #reportInvalidNamespace(dependent: GraphNode, ownerUid: string): void {
    const ref = dependent.owners.find((o) => o.uid === ownerUid);
    if (ref) this.#listener.invalidOwnerNamespace(dependent, ref);
  }
}

function identityOf(event: GraphEvent): ObjectIdentity {
  const meta = event.object.metadata;
  return { apiVersion: event.apiVersion, kind: event.kind, name: meta.name ?? '', uid: meta.uid ?? '', namespace: meta.namespace ?? '' };
}

export function beingDeleted(meta: ObjectMeta | undefined): boolean {
  return !!meta?.deletionTimestamp;
}

export function hasFinalizer(meta: ObjectMeta | undefined, finalizer: string): boolean {
  return (meta?.finalizers ?? []).includes(finalizer);
}

/** The object is now being deleted with the finalizer, and was not before. */
function deletionStartsWith(oldObject: KubeObject | undefined, object: KubeObject, finalizer: string): boolean {
  if (!beingDeleted(object.metadata) || !hasFinalizer(object.metadata, finalizer)) return false;
  if (!oldObject) return true;
  return !beingDeleted(oldObject.metadata) || !hasFinalizer(oldObject.metadata, finalizer);
}
