// Scaling ReplicaSets on a Deployment's behalf (Kubernetes' scaleReplicaSet,
// scaleReplicaSetAndRecordEvent and scale):
//
//  - scaleReplicaSet writes spec.replicas and the desired/max-replicas annotations (replicas,
//    replicas + maxSurge) whenever either differs, and records Normal ScalingReplicaSet
//    "Scaled up|down replica set X from A to B" on the Deployment when the size changed.
//  - scale handles a scaling event (spec.replicas changed, or the Deployment is paused): the
//    only active ReplicaSet (or the newest when none is active) takes the new size; when the
//    new ReplicaSet is saturated the old ones go to 0; otherwise, under RollingUpdate, every
//    active ReplicaSet gets its proportional share (proportion.ts).

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { desiredReplicasAnnotation, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.js';
import { isRollingUpdate, maxSurge } from './fenceposts.js';
import { proportionalSizes } from './proportion.js';
import { filterActive, findActiveOrLatest, specReplicas } from './replica-sets.js';
import type { SyncContext } from './sync-context.js';

export interface ScaleResult {
  /** The size changed. */
  readonly scaled: boolean;
  /** The ReplicaSet as stored (the input when nothing was written). */
  readonly rs: ReplicaSet;
}

/** Sets rs to newScale replicas (and its replicas annotations) if either differs. */
export async function scaleReplicaSet(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): Promise<ScaleResult> {
  const oldScale = specReplicas(rs);
  const sizeNeedsUpdate = oldScale !== newScale;
  const desired = specReplicas(d);
  const max = desired + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return { scaled: false, rs };
  const copy = structuredClone(rs);
  copy.spec = { ...copy.spec!, replicas: newScale };
  setReplicasAnnotations(copy, desired, max);
  const stored = await ctx.control.updateReplicaSet(copy);
  if (sizeNeedsUpdate) {
    const op = oldScale < newScale ? 'up' : 'down';
    ctx.control.event(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${oldScale} to ${newScale}`);
  }
  return { scaled: sizeNeedsUpdate, rs: stored };
}

/** As scaleReplicaSet, but writes nothing when the size is already right. */
export async function scaleReplicaSetAndRecordEvent(ctx: SyncContext, rs: ReplicaSet, newScale: number, d: Deployment): Promise<ScaleResult> {
  if (specReplicas(rs) === newScale) return { scaled: false, rs };
  return scaleReplicaSet(ctx, rs, newScale, d);
}

/** The new ReplicaSet has all the Deployment's replicas, all available, for this size. */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (!rs) return false;
  const replicas = specReplicas(d);
  return specReplicas(rs) === replicas && desiredReplicasAnnotation(rs) === replicas && (rs.status?.availableReplicas ?? 0) === replicas;
}

/** Applies a scaling event to the Deployment's ReplicaSets. */
export async function scale(ctx: SyncContext, d: Deployment, newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): Promise<void> {
  const replicas = specReplicas(d);
  const single = findActiveOrLatest(newRS, oldRSs);
  if (single) {
    if (specReplicas(single) !== replicas) await scaleReplicaSetAndRecordEvent(ctx, single, replicas, d);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const old of filterActive(oldRSs)) await scaleReplicaSetAndRecordEvent(ctx, old, 0, d);
    return;
  }
  if (!isRollingUpdate(d)) return;
  const plan = proportionalSizes(d, [...oldRSs, newRS]);
  // Sequential, as Kubernetes does: a failure stops the rest and the sync is retried.
  for (const { rs, size } of plan.sizes) await scaleReplicaSet(ctx, rs, size, d);
}
