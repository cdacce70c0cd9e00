// The pods a controller may own, read from the pod informer's index instead of a scan of the
// namespace (Kubernetes' PodControllerUIDIndex and FilterPodsByOwner, controller_utils.go).
//
// Contract:
//  - podControllerIndexers files every pod under the uid of its controlling owner, and a pod
//    without one under orphanIndexKey(its namespace) (Kubernetes files all orphans under one
//    key; per namespace, a sync never walks other namespaces' orphans).
//  - podsByOwner(indexer, owner, includeOrphans) is the pods controlled by owner (checked
//    again against the reference, not only the index), plus, when asked, every orphan of the
//    owner's namespace — the candidates for adoption. Order is the index's, not sorted.
//
// A controller whose pods number in the thousands syncs once per pod event; reading only its
// own pods and the orphans keeps each sync proportional to what it owns, not to everything
// else in the namespace (another ReplicaSet's pods during a rollout).

import type { KubeObject } from '../../api/meta.js';
import { controllerUidIndexFunc, type Indexer, type Indexers } from '../../client/informer/indexer.js';
import { getControllerOf } from './controller-ref.js';

export const POD_CONTROLLER_UID_INDEX = 'podControllerUID';
/** Where a namespace's pods without a controller are filed ('/' occurs in no uid). */
export function orphanIndexKey(namespace: string): string {
  return `orphans/${namespace}`;
}

/** The informer library's controller-uid index, with orphans filed too. */
export function podControllerUidIndexFunc(obj: KubeObject): string[] {
  const uids = controllerUidIndexFunc(obj);
  return uids.length > 0 ? uids : [orphanIndexKey(obj.metadata.namespace ?? '')];
}

export function podControllerIndexers<T extends KubeObject>(): Indexers<T> {
  return { [POD_CONTROLLER_UID_INDEX]: podControllerUidIndexFunc };
}

export function podsByOwner<T extends KubeObject>(indexer: Indexer<T>, owner: KubeObject, includeOrphans: boolean): T[] {
  const uid = owner.metadata.uid ?? '';
  const namespace = owner.metadata.namespace ?? '';
  const out: T[] = [];
  if (uid !== '') {
    for (const pod of indexer.byIndex(POD_CONTROLLER_UID_INDEX, uid)) {
      if (getControllerOf(pod)?.uid === uid && pod.metadata.namespace === namespace) out.push(pod);
    }
  }
  if (includeOrphans) {
    for (const pod of indexer.byIndex(POD_CONTROLLER_UID_INDEX, orphanIndexKey(namespace))) out.push(pod);
  }
  return out;
}
