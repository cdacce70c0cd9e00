// The non-rollout paths of a Deployment sync (Kubernetes' sync.go):
//
//  - syncStatusOnly: a Deployment being deleted only has its status kept current (the garbage
//    collector removes its ReplicaSets).
//  - isScalingEvent: some active ReplicaSet records a desired-replicas annotation other than
//    spec.replicas — the Deployment was scaled, not changed.
//  - syncScaling: a scaling event or a paused Deployment: scale (proportionally when several
//    ReplicaSets are active) without rolling out; a paused Deployment's history is cleaned up
//    too. No new ReplicaSet is created on this path, so pausing stops a rollout where it is.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { desiredReplicasAnnotation } from './annotations.js';
import { cleanupDeployment } from './cleanup.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { filterActive, specReplicas } from './replica-sets.js';
import { rollbackTo } from './rollback.js';
import { scale } from './scale.js';
import type { SyncContext } from './sync-context.js';
import { syncDeploymentStatus } from './write-status.js';

export async function syncStatusOnly(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  return syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}

export async function isScalingEvent(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): Promise<boolean> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  const replicas = specReplicas(d);
  return filterActive([...oldRSs, newRS]).some((rs) => {
    const desired = desiredReplicasAnnotation(rs);
    return desired !== undefined && desired !== replicas;
  });
}

export async function syncScaling(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  await scale(ctx, d, newRS, oldRSs);
  if (d.spec?.paused && rollbackTo(d) === undefined) await cleanupDeployment(ctx, oldRSs, d);
  return syncDeploymentStatus(ctx, [...oldRSs, newRS], newRS, d);
}
