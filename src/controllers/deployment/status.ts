// A Deployment's status computed from its ReplicaSets (Kubernetes' calculateStatus):
//
//  - replicas, readyReplicas, availableReplicas: summed status of every ReplicaSet;
//    updatedReplicas: the new ReplicaSet's status.replicas; unavailableReplicas:
//    sum of spec.replicas minus available, never negative; observedGeneration: the
//    Deployment's generation; collisionCount carried over.
//  - Available is True (MinimumReplicasAvailable) when available >= replicas - maxUnavailable,
//    else False (MinimumReplicasUnavailable); the other conditions are carried over.
//  - Zero counts are omitted, as Kubernetes' JSON omits them (omitempty), so that a status
//    read back compares equal to one computed afresh (statusEqual).

import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/types/apps-v1.js';
import { AVAILABLE, MINIMUM_REPLICAS_AVAILABLE, MINIMUM_REPLICAS_UNAVAILABLE, newCondition, setCondition } from './conditions.js';
import { maxUnavailable } from './fenceposts.js';
import { actualReplicaCount, availableReplicaCount, readyReplicaCount, replicaCount, specReplicas } from './replica-sets.js';
import { semanticEqual } from './template-equality.js';

const COUNT_FIELDS = ['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const;

/** The status with zero counts and empty conditions dropped (Kubernetes' omitempty). */
export function compactStatus(s: DeploymentStatus): DeploymentStatus {
  const out: DeploymentStatus = { ...s };
  for (const f of COUNT_FIELDS) if (!out[f]) delete out[f];
  if (out.collisionCount === undefined || out.collisionCount === null) delete out.collisionCount;
  if (!out.conditions || out.conditions.length === 0) delete out.conditions;
  return out;
}

/** Equal statuses, counting a missing count as zero. */
export function statusEqual(a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean {
  return semanticEqual(compactStatus(a ?? {}), compactStatus(b ?? {}));
}

export function calculateStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const available = availableReplicaCount(allRSs);
  const total = replicaCount(allRSs);
  const status: DeploymentStatus = {
    observedGeneration: d.metadata.generation ?? 0,
    replicas: actualReplicaCount(allRSs),
    updatedReplicas: actualReplicaCount([newRS]),
    readyReplicas: readyReplicaCount(allRSs),
    availableReplicas: available,
    unavailableReplicas: Math.max(0, total - available),
  };
  if (d.status?.collisionCount !== undefined && d.status.collisionCount !== null) status.collisionCount = d.status.collisionCount;
  if (d.status?.conditions?.length) status.conditions = d.status.conditions.map((c) => ({ ...c }));
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const cond =
    available >= minAvailable
      ? newCondition(AVAILABLE, 'True', MINIMUM_REPLICAS_AVAILABLE, 'Deployment has minimum availability.', nowMs)
      : newCondition(AVAILABLE, 'False', MINIMUM_REPLICAS_UNAVAILABLE, 'Deployment does not have minimum availability.', nowMs);
  setCondition(status, cond);
  return compactStatus(status);
}

/** Every replica updated, none old, all available, and the latest spec observed. */
export function deploymentComplete(d: Deployment, s: DeploymentStatus | undefined): boolean {
  const replicas = specReplicas(d);
  return (
    (s?.updatedReplicas ?? 0) === replicas &&
    (s?.replicas ?? 0) === replicas &&
    (s?.availableReplicas ?? 0) === replicas &&
    (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  );
}

/** Whether next shows progress over the Deployment's recorded status: more updated, ready or
 *  available replicas, or fewer old ones. */
export function deploymentProgressing(d: Deployment, next: DeploymentStatus): boolean {
  const prev = d.status ?? {};
  const n = (v: number | undefined) => v ?? 0;
  const prevOld = n(prev.replicas) - n(prev.updatedReplicas);
  const nextOld = n(next.replicas) - n(next.updatedReplicas);
  return (
    n(next.updatedReplicas) > n(prev.updatedReplicas) ||
    nextOld < prevOld ||
    n(next.readyReplicas) > n(prev.readyReplicas) ||
    n(next.availableReplicas) > n(prev.availableReplicas)
  );
}
