// The Recreate strategy (Kubernetes' recreate.go): every old pod is gone before a new one
// starts.
//
//  1. Scale every active old ReplicaSet to 0; if any was scaled, write the status and stop.
//  2. While an old ReplicaSet still reports replicas, or any pod of an old ReplicaSet is not
//     Succeeded/Failed (terminating pods count: they may still run), write the status and
//     stop. A pod deletion event of a Recreate Deployment brings the next sync.
//  3. Create the new ReplicaSet if needed (not before: it would start at full size while old
//     pods run) and scale it to spec.replicas; once complete, clean up old ReplicaSets; write
//     the status.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import { cleanupDeployment } from './cleanup.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { actualReplicaCount, filterActive, specReplicas } from './replica-sets.js';
import { scaleReplicaSetAndRecordEvent } from './scale.js';
import { deploymentComplete } from './status.js';
import type { SyncContext } from './sync-context.js';
import { syncRolloutStatus } from './write-status.js';

/** Pods of the Deployment's ReplicaSets, by ReplicaSet uid. */
export type PodMap = ReadonlyMap<string, readonly Pod[]>;

export async function rolloutRecreate(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[], podMap: PodMap): Promise<void> {
  let { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, false);
  if (await scaleDownOldReplicaSets(ctx, filterActive(oldRSs), d)) return syncRolloutStatus(ctx, [...oldRSs, newRS], newRS, d);
  if (oldPodsRunning(newRS, oldRSs, podMap)) return syncRolloutStatus(ctx, [...oldRSs, newRS], newRS, d);
  if (!newRS) ({ newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true));
  if (newRS) await scaleReplicaSetAndRecordEvent(ctx, newRS, specReplicas(d), d);
  if (deploymentComplete(d, d.status)) await cleanupDeployment(ctx, oldRSs, d);
  return syncRolloutStatus(ctx, [...oldRSs, newRS], newRS, d);
}

async function scaleDownOldReplicaSets(ctx: SyncContext, activeOldRSs: readonly ReplicaSet[], d: Deployment): Promise<boolean> {
  let scaled = false;
  for (const rs of activeOldRSs) {
    if (specReplicas(rs) === 0) continue;
    if ((await scaleReplicaSetAndRecordEvent(ctx, rs, 0, d)).scaled) scaled = true;
  }
  return scaled;
}

/** Whether any old pod may still be running. */
export function oldPodsRunning(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[], podMap: PodMap): boolean {
  if (actualReplicaCount(oldRSs) > 0) return true;
  for (const [uid, pods] of podMap) {
    if (newRS && newRS.metadata.uid === uid) continue;
    for (const pod of pods) {
      const phase = pod.status?.phase;
      if (phase !== 'Failed' && phase !== 'Succeeded') return true;
    }
  }
  return false;
}
