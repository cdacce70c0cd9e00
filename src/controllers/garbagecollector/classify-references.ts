// Sorting a dependent's ownerReferences by what became of each owner, asking the API server
// (never the graph, which may lag) unless the owner is already known to be absent:
//  - solid: the owner exists and is not waiting for its dependents' deletion;
//  - dangling: no object has the reference's uid under its name — the owner is gone, or
//    never existed (a namespaced owner is looked up in the dependent's namespace: a
//    reference across namespaces is dangling);
//  - waitingForDependentsDeletion: the owner is being deleted with foregroundDeletion.
// A cluster-scoped dependent naming a namespaced owner kind is an error no retry can fix
// (NamespacedOwnerOfClusterScopedError); an unknown owner kind is a RestMappingError.

import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { AbsentOwnerCache } from './absent-owner-cache.js';
import { NamespacedOwnerOfClusterScopedError } from './errors.js';
import { FOREGROUND_FINALIZER, beingDeleted, hasFinalizer } from './graph-builder.js';
import { ownerIdentity, type ObjectIdentity } from './identity.js';
import type { GarbageCollectorOperations } from './operations.js';
import type { ResourceMapper } from './resource-mapper.js';

export interface ReferenceClassification {
  readonly solid: OwnerReference[];
  readonly dangling: OwnerReference[];
  readonly waitingForDependentsDeletion: OwnerReference[];
}

export type OwnerLookup = { readonly dangling: true } | { readonly dangling: false; readonly owner: KubeObject };

export class ReferenceClassifier {
  readonly #ops: GarbageCollectorOperations;
  readonly #mapper: ResourceMapper;
  readonly #absentOwners: AbsentOwnerCache;

  constructor(ops: GarbageCollectorOperations, mapper: ResourceMapper, absentOwners: AbsentOwnerCache) {
    this.#ops = ops;
    this.#mapper = mapper;
    this.#absentOwners = absentOwners;
  }

  async classify(item: ObjectIdentity, refs: readonly OwnerReference[]): Promise<ReferenceClassification> {
    const result: ReferenceClassification = { solid: [], dangling: [], waitingForDependentsDeletion: [] };
    for (const ref of refs) {
      const lookup = await this.lookupOwner(ref, item);
      if (lookup.dangling) result.dangling.push(ref);
      else if (beingDeleted(lookup.owner.metadata) && hasFinalizer(lookup.owner.metadata, FOREGROUND_FINALIZER)) result.waitingForDependentsDeletion.push(ref);
      else result.solid.push(ref);
    }
    return result;
  }

  /** Whether ref, as item names it, points at no existing object (Kubernetes' isDangling). */
  async lookupOwner(ref: OwnerReference, item: ObjectIdentity): Promise<OwnerLookup> {
    if (this.#absentOwners.has(ownerIdentity(ref, '')) || this.#absentOwners.has(ownerIdentity(ref, item.namespace))) {
      return { dangling: true };
    }
    const { namespaced } = this.#mapper.resolve(ref.apiVersion, ref.kind);
    if (namespaced && item.namespace === '') throw new NamespacedOwnerOfClusterScopedError(item, ref);
    const owner = ownerIdentity(ref, namespaced ? item.namespace : '');
    const live = await this.#ops.get(owner);
    if (!live || live.metadata.uid !== ref.uid) {
      this.#absentOwners.add(owner);
      return { dangling: true };
    }
    return { dangling: false, owner: live };
  }
}
