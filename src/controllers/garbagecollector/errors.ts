// The garbage collector's typed errors. A worker's outcome depends on the type:
//  - RestMappingError: an apiVersion/kind no served resource matches; retried with backoff
//    (a kind may be served later), as Kubernetes does.
//  - NamespacedOwnerOfClusterScopedError: a cluster-scoped object names a namespaced owner
//    (or a virtual owner was guessed from such a reference); no retry can fix that, so the
//    item is dropped and the objects left alone.
//  - NotYetObservedError: a virtual node whose object exists but no informer has reported
//    yet; retried with backoff until the informer catches up.

import type { OwnerReference } from '../../api/meta.js';
import { describeIdentity, type ObjectIdentity } from './identity.js';

export class RestMappingError extends Error {
  override name = 'RestMappingError';
  constructor(
    readonly apiVersion: string,
    readonly kind: string,
  ) {
    super(`unable to get REST mapping for ${apiVersion}/${kind}`);
  }
}

export class NamespacedOwnerOfClusterScopedError extends Error {
  override name = 'NamespacedOwnerOfClusterScopedError';
  /** item: the cluster-scoped dependent, or a virtual owner guessed from one; owner: the
   *  offending reference, when the dependent is the item. */
  constructor(
    readonly item: ObjectIdentity,
    readonly owner?: OwnerReference,
  ) {
    super(
      owner
        ? `cluster-scoped object ${describeIdentity(item)} cannot refer to the namespaced owner ${owner.apiVersion}/${owner.kind} ${owner.name}`
        : `cluster-scoped objects cannot refer to namespaced owners: ${describeIdentity(item)} names a namespaced kind without a namespace`,
    );
  }
}

export class NotYetObservedError extends Error {
  override name = 'NotYetObservedError';
  constructor(readonly item: ObjectIdentity) {
    super(`item ${describeIdentity(item)} has not been observed by an informer yet`);
  }
}

/** Errors that only mean "try again later", not worth reporting. */
export function isExpectedRetry(err: unknown): boolean {
  return err instanceof NotYetObservedError || err instanceof RestMappingError;
}
