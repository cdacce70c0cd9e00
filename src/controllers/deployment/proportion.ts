// Proportional scaling (Kubernetes' DeploymentController.scale with GetProportion): when
// spec.replicas changes while several ReplicaSets are active (mid-rollout, or paused
// mid-rollout), the change is shared out among them in proportion to their sizes, so a
// scaling event neither hastens nor reverses the rollout.
//
//  - The total allowed is replicas + maxSurge (0 when scaling to 0); what is to be added (or
//    removed, when negative) is that minus the active ReplicaSets' current total.
//  - Scaling up visits the largest ReplicaSets first (newer first among equals), scaling down
//    the largest first (older first among equals). Each gets
//    round(size * (replicas + maxSurge) / its max-replicas annotation) - size, bounded by
//    what is left to hand out; the first one visited takes the rounding leftover, floored at 0.
//  - A ReplicaSet without a max-replicas annotation is estimated against the Deployment's
//    status.replicas.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { maxReplicasAnnotation } from './annotations.js';
import { maxSurge } from './fenceposts.js';
import { filterActive, replicaCount, sortBySizeNewer, sortBySizeOlder, specReplicas } from './replica-sets.js';

export interface ProportionalPlan {
  /** 'up', 'down', or '' when the total already fits (sizes then stay as they are). */
  readonly operation: 'up' | 'down' | '';
  /** Every active ReplicaSet in the order it is visited, with the size it is to get. */
  readonly sizes: readonly { readonly rs: ReplicaSet; readonly size: number }[];
}

/** Go's math.Round for the sizes involved (halves away from zero). */
function roundHalfAway(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** How far rs would move if it kept its share of the Deployment's new size. */
function fraction(rs: ReplicaSet, d: Deployment): number {
  const size = specReplicas(rs);
  if (specReplicas(d) === 0) return -size;
  const target = specReplicas(d) + maxSurge(d);
  const annotated = maxReplicasAnnotation(rs) ?? d.status?.replicas ?? 0;
  // Nothing to take a share of (Kubernetes would divide by zero): the leftover goes to the
  // first ReplicaSet visited instead.
  if (annotated <= 0) return 0;
  return roundHalfAway((size * target) / annotated) - size;
}

/** What rs gets of toAdd, given that added has been handed out already. */
export function proportion(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const f = fraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(f, allowed) : Math.max(f, allowed);
}

/** The sizes a scaling event gives the Deployment's active ReplicaSets. */
export function proportionalSizes(d: Deployment, rss: readonly (ReplicaSet | undefined)[]): ProportionalPlan {
  const active = filterActive(rss);
  const allowed = specReplicas(d) > 0 ? specReplicas(d) + maxSurge(d) : 0;
  const toAdd = allowed - replicaCount(active);
  if (toAdd === 0) return { operation: '', sizes: active.map((rs) => ({ rs, size: specReplicas(rs) })) };
  const ordered = toAdd > 0 ? sortBySizeNewer(active) : sortBySizeOlder(active);
  let added = 0;
  const sizes = ordered.map((rs) => {
    const p = proportion(rs, d, toAdd, added);
    added += p;
    return { rs, size: specReplicas(rs) + p };
  });
  if (sizes.length > 0) {
    const first = sizes[0]!;
    sizes[0] = { rs: first.rs, size: Math.max(0, first.size + toAdd - added) };
  }
  return { operation: toAdd > 0 ? 'up' : 'down', sizes };
}
