// A node of the ownership graph: one object the garbage collector knows, by uid.
//
//  - `owners` are the object's ownerReferences as last observed; `dependents` are the nodes
//    whose ownerReferences name this node's uid.
//  - A virtual node stands for an owner that some dependent references but that no informer
//    has reported (yet): its identity is the dependent's guess (coordinates from the
//    reference, namespace from the dependent). The collector verifies it with a live GET.
//  - beingDeleted and deletingDependents only ever go from false to true: deletion is a
//    one-way trip.
//
// Only the graph builder changes nodes; workers read them. Node runs one thread, so a worker
// that awaits may see a node change between two reads; workers therefore capture the
// identity they act on (identities are immutable values).

import type { OwnerReference } from '../../api/meta.js';
import type { ObjectIdentity } from './identity.js';

export interface GraphNodeInit {
  readonly identity: ObjectIdentity;
  readonly owners?: readonly OwnerReference[];
  readonly virtual?: boolean;
  readonly beingDeleted?: boolean;
  readonly deletingDependents?: boolean;
}

export class GraphNode {
  identity: ObjectIdentity;
  owners: readonly OwnerReference[];
  readonly dependents = new Set<GraphNode>();
  virtual: boolean;
  beingDeleted: boolean;
  /** Being deleted with the foregroundDeletion finalizer: waits for its dependents. */
  deletingDependents: boolean;

  constructor(init: GraphNodeInit) {
    this.identity = init.identity;
    this.owners = init.owners ?? [];
    this.virtual = init.virtual ?? false;
    this.beingDeleted = init.beingDeleted ?? false;
    this.deletingDependents = init.deletingDependents ?? false;
  }

  get uid(): string {
    return this.identity.uid;
  }

  get observed(): boolean {
    return !this.virtual;
  }

  /** The dependents whose reference to this node has blockOwnerDeletion: true. */
  blockingDependents(): GraphNode[] {
    const uid = this.uid;
    return [...this.dependents].filter((dep) => dep.owners.some((o) => o.uid === uid && o.blockOwnerDeletion === true));
  }
}
