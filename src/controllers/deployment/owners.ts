// Who owns what, read from the informer caches (Kubernetes' resolveControllerRef,
// getDeploymentsForReplicaSet, getDeploymentForPod, getPodMapForDeployment), and claiming a
// Deployment's ReplicaSets (adopting orphans its selector matches, releasing owned ones it
// no longer matches) through the shared ControllerRefManager.

import { selectorFromObject } from '../../api/labels/index.js';
import type { OwnerReference } from '../../api/meta.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import type { ResourceClient } from '../../client/contract.js';
import type { Indexer } from '../../client/informer/indexer.js';
import type { Lister } from '../../client/informer/lister.js';
import { ControllerRefManager, getControllerOf, recheckOwner } from '../common/controller-ref.js';
import { podsByOwner } from '../common/pods-by-owner.js';
import { DEPLOYMENT_GVK, REPLICA_SET_GVK } from './kind.js';
import type { PodMap } from './recreate.js';

export interface OwnerListers {
  readonly deployments: Lister<Deployment>;
  readonly replicaSets: Lister<ReplicaSet>;
  /** The pod cache, with the controller index of common/pods-by-owner.ts. */
  readonly pods: Indexer<Pod>;
}

/** The Deployment a controller reference names, if it is still that Deployment. */
export function resolveControllerRef(listers: OwnerListers, namespace: string, ref: OwnerReference): Deployment | undefined {
  if (ref.kind !== DEPLOYMENT_GVK.kind) return undefined;
  const d = listers.deployments.get(namespace, ref.name);
  return d && d.metadata.uid === ref.uid ? d : undefined;
}

/** Deployments whose (non-empty) selector matches an orphan ReplicaSet's labels. */
export function deploymentsForReplicaSet(listers: OwnerListers, rs: ReplicaSet): Deployment[] {
  if (!rs.metadata.labels || Object.keys(rs.metadata.labels).length === 0) return [];
  return listers.deployments
    .byNamespace(rs.metadata.namespace ?? '')
    .list()
    .filter((d) => {
      try {
        const sel = selectorFromObject(d.spec?.selector);
        return !sel.isEmpty() && sel.matches(rs.metadata.labels);
      } catch {
        return false;
      }
    });
}

/** The Deployment controlling the ReplicaSet controlling the pod. */
export function deploymentForPod(listers: OwnerListers, pod: Pod): Deployment | undefined {
  const ref = getControllerOf(pod);
  if (!ref || ref.kind !== REPLICA_SET_GVK.kind) return undefined;
  const ns = pod.metadata.namespace ?? '';
  const rs = listers.replicaSets.get(ns, ref.name);
  if (!rs || rs.metadata.uid !== ref.uid) return undefined;
  const rsRef = getControllerOf(rs);
  return rsRef ? resolveControllerRef(listers, ns, rsRef) : undefined;
}

/** The ReplicaSets the Deployment controls, by its ownership in the cache (no claiming). */
export function ownedReplicaSets(listers: OwnerListers, d: Deployment): ReplicaSet[] {
  return listers.replicaSets
    .byNamespace(d.metadata.namespace ?? '')
    .list()
    .filter((rs) => getControllerOf(rs)?.uid === d.metadata.uid);
}

/** The pods the Deployment's selector covers, grouped by the ReplicaSet controlling them. */
export function podMapFor(listers: OwnerListers, d: Deployment, rsList: readonly ReplicaSet[]): PodMap {
  const selector = selectorFromObject(d.spec?.selector);
  const map = new Map<string, Pod[]>();
  for (const rs of rsList) {
    map.set(rs.metadata.uid ?? '', podsByOwner(listers.pods, rs, false).filter((pod) => selector.matches(pod.metadata.labels)));
  }
  return map;
}

export interface ClaimClients {
  readonly replicaSets: ResourceClient<ReplicaSet>;
  readonly deployments: ResourceClient<Deployment>;
}

/**
 * The Deployment's ReplicaSets after reconciling controller references: owned ones still
 * matching its selector, plus matching orphans it adopts. Rejects when the selector is
 * invalid or an adoption/release failed.
 */
export async function claimReplicaSets(listers: OwnerListers, clients: ClaimClients, d: Deployment): Promise<ReplicaSet[]> {
  const manager = new ControllerRefManager<ReplicaSet>({
    owner: d,
    ownerKind: DEPLOYMENT_GVK,
    selector: selectorFromObject(d.spec?.selector),
    ownedKind: REPLICA_SET_GVK.kind,
    ownedClient: clients.replicaSets,
    canAdopt: recheckOwner(clients.deployments, d, DEPLOYMENT_GVK.kind),
  });
  return manager.claim(listers.replicaSets.byNamespace(d.metadata.namespace ?? '').list());
}
