// The patch documents the garbage collector sends, as Kubernetes' collector builds them:
//  - strategic merge patches on metadata.ownerReferences (merge key: uid), so removing or
//    unblocking one reference never races with other writers of the list; the dependent's
//    uid rides along in metadata, as in Kubernetes;
//  - a JSON merge patch of metadata.finalizers carrying the resourceVersion it was computed
//    from, so a concurrent change to the finalizers is a 409 and is recomputed, never lost.

import type { OwnerReference } from '../../api/meta.js';

/** Removes the references to ownerUids from a dependent's ownerReferences. */
export function deleteOwnerReferencesPatch(dependentUid: string, ownerUids: readonly string[]): object {
  return {
    metadata: {
      ownerReferences: ownerUids.map((uid) => ({ $patch: 'delete', uid })),
      uid: dependentUid,
    },
  };
}

/** Sets blockOwnerDeletion to false on every blocking reference of the dependent. */
export function unblockOwnerReferencesPatch(dependentUid: string, owners: readonly OwnerReference[]): object {
  const blocking = owners.filter((o) => o.blockOwnerDeletion === true).map((o) => ({ ...o, blockOwnerDeletion: false }));
  return { metadata: { ownerReferences: blocking, uid: dependentUid } };
}

/** Replaces metadata.finalizers, conditional on the object still being at resourceVersion. */
export function finalizersPatch(resourceVersion: string, finalizers: readonly string[]): object {
  return { metadata: { resourceVersion, finalizers: finalizers.length > 0 ? finalizers : null } };
}
