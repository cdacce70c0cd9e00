// The RollingUpdate strategy (Kubernetes' rolling.go). One sync takes one step:
//
//  1. Create the new ReplicaSet if needed, then scale it up as far as maxSurge allows
//     (fenceposts.ts); if it grew, write the status and stop.
//  2. Otherwise scale old ReplicaSets down as far as maxUnavailable allows: first replicas
//     that are not available anyway (they cost no availability), then available ones, oldest
//     ReplicaSet first, never below replicas - maxUnavailable available pods counting the new
//     ReplicaSet's unavailable ones as missing. If any shrank, write the status and stop.
//  3. Otherwise, once the rollout is complete, delete old ReplicaSets beyond the history
//     limit; write the status (Progressing, and a requeue at the deadline when stuck).
//
// Each step's writes change ReplicaSets whose informer events bring the next sync.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { cleanupDeployment } from './cleanup.js';
import { InvalidScaleError } from './errors.js';
import { maxUnavailable, newRSNewReplicas } from './fenceposts.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { availableReplicaCount, filterActive, replicaCount, sortByCreation, specReplicas } from './replica-sets.js';
import { scaleReplicaSetAndRecordEvent } from './scale.js';
import { deploymentComplete } from './status.js';
import type { SyncContext } from './sync-context.js';
import { syncRolloutStatus } from './write-status.js';

export async function rolloutRolling(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const allRSs = [...oldRSs, newRS];
  if (newRS && (await reconcileNewReplicaSet(ctx, allRSs, newRS, d))) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (newRS && (await reconcileOldReplicaSets(ctx, allRSs, filterActive(oldRSs), newRS, d))) return syncRolloutStatus(ctx, allRSs, newRS, d);
  if (deploymentComplete(d, d.status)) await cleanupDeployment(ctx, oldRSs, d);
  return syncRolloutStatus(ctx, allRSs, newRS, d);
}

/** Scales the new ReplicaSet toward spec.replicas within the surge; true when it changed. */
export async function reconcileNewReplicaSet(ctx: SyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): Promise<boolean> {
  const replicas = specReplicas(d);
  const current = specReplicas(newRS);
  if (current === replicas) return false;
  const target = current > replicas ? replicas : newRSNewReplicas(d, allRSs, newRS);
  return (await scaleReplicaSetAndRecordEvent(ctx, newRS, target, d)).scaled;
}

/** How many old replicas may go now without availability dropping below the minimum. */
export function maxScaledDown(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet, d: Deployment): number {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0);
  return replicaCount(allRSs) - minAvailable - newUnavailable;
}

/** Scales old ReplicaSets down; true when any shrank. */
export async function reconcileOldReplicaSets(
  ctx: SyncContext,
  allRSs: readonly (ReplicaSet | undefined)[],
  oldRSs: readonly ReplicaSet[],
  newRS: ReplicaSet,
  d: Deployment,
): Promise<boolean> {
  if (replicaCount(oldRSs) === 0) return false;
  const budget = maxScaledDown(allRSs, newRS, d);
  if (budget <= 0) return false;
  // Kubernetes swallows these errors here (the status write and the next sync follow).
  try {
    const cleaned = await cleanupUnhealthyReplicas(ctx, oldRSs, d, budget);
    const scaledDown = await scaleDownOldReplicaSets(ctx, [...cleaned.oldRSs, newRS], cleaned.oldRSs, d);
    return cleaned.count + scaledDown > 0;
  } catch {
    return false;
  }
}

/** Removes old replicas that are not available, oldest ReplicaSet first, up to maxCleanup. */
export async function cleanupUnhealthyReplicas(
  ctx: SyncContext,
  oldRSs: readonly ReplicaSet[],
  d: Deployment,
  maxCleanup: number,
): Promise<{ oldRSs: ReplicaSet[]; count: number }> {
  const sorted = sortByCreation(oldRSs);
  let total = 0;
  for (let i = 0; i < sorted.length && total < maxCleanup; i++) {
    const rs = sorted[i]!;
    const size = specReplicas(rs);
    const unhealthy = size - (rs.status?.availableReplicas ?? 0);
    if (size === 0 || unhealthy === 0) continue;
    const count = Math.min(maxCleanup - total, unhealthy);
    const target = size - count;
    if (target > size) throw new InvalidScaleError('cleaning up unhealthy replicas', rs.metadata.namespace ?? '', rs.metadata.name ?? '', size, target);
    sorted[i] = (await scaleReplicaSetAndRecordEvent(ctx, rs, target, d)).rs;
    total += count;
  }
  return { oldRSs: sorted, count: total };
}

/** Scales available old replicas down while more than the minimum are available. */
export async function scaleDownOldReplicaSets(ctx: SyncContext, allRSs: readonly (ReplicaSet | undefined)[], oldRSs: readonly ReplicaSet[], d: Deployment): Promise<number> {
  const minAvailable = specReplicas(d) - maxUnavailable(d);
  const available = availableReplicaCount(allRSs);
  if (available <= minAvailable) return 0;
  const budget = available - minAvailable;
  let total = 0;
  for (const rs of sortByCreation(oldRSs)) {
    if (total >= budget) break;
    const size = specReplicas(rs);
    if (size === 0) continue;
    const count = Math.min(size, budget - total);
    const target = size - count;
    if (target > size) throw new InvalidScaleError('scaling down old RS', rs.metadata.namespace ?? '', rs.metadata.name ?? '', size, target);
    await scaleReplicaSetAndRecordEvent(ctx, rs, target, d);
    total += count;
  }
  return total;
}
