// Rolling-update arithmetic (Kubernetes' deployment util: ResolveFenceposts, MaxSurge,
// MaxUnavailable, NewRSNewReplicas):
//
//  - maxSurge and maxUnavailable are an integer or "<n>%" of spec.replicas; a percentage of
//    maxSurge rounds up, of maxUnavailable rounds down; a missing value counts as 0.
//  - When both resolve to 0, maxUnavailable becomes 1 (a surge could be blocked by quota, and
//    a rollout must be able to move).
//  - maxUnavailable never exceeds spec.replicas; with 0 replicas, or under Recreate, both are 0.
//  - newRSNewReplicas: how large the new ReplicaSet may be now. RollingUpdate adds at most what
//    keeps every ReplicaSet's replicas together at or below replicas + maxSurge, and never past
//    spec.replicas; Recreate jumps to spec.replicas.

import type { IntOrString } from '../../api/types/apimachinery.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { InvalidIntOrPercentError, UnsupportedStrategyError } from './errors.js';
import { replicaCount, specReplicas } from './replica-sets.js';

export const ROLLING_UPDATE = 'RollingUpdate';
export const RECREATE = 'Recreate';

/** An IntOrString as an integer: itself, or the percentage of total rounded up or down. */
export function scaledValue(value: IntOrString | undefined | null, total: number, roundUp: boolean): number {
  if (value === undefined || value === null) throw new InvalidIntOrPercentError(value);
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new InvalidIntOrPercentError(value);
    return value;
  }
  const m = /^(-?\d+)%$/.exec(value);
  if (!m) throw new InvalidIntOrPercentError(value);
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

export interface Fenceposts {
  readonly maxSurge: number;
  readonly maxUnavailable: number;
}

/** Resolves maxSurge and maxUnavailable against the desired replicas (missing values are 0). */
export function resolveFenceposts(maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined, desired: number): Fenceposts {
  const surge = scaledValue(maxSurge ?? 0, desired, true);
  let unavailable = scaledValue(maxUnavailable ?? 0, desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { maxSurge: surge, maxUnavailable: unavailable };
}

export function isRollingUpdate(d: Deployment): boolean {
  return d.spec?.strategy?.type === ROLLING_UPDATE;
}

function fenceposts(d: Deployment): Fenceposts | undefined {
  if (!isRollingUpdate(d)) return undefined;
  const ru = d.spec?.strategy?.rollingUpdate;
  try {
    return resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, specReplicas(d));
  } catch {
    // Validation rejects such values; Kubernetes ignores the error here and uses 0.
    return { maxSurge: 0, maxUnavailable: 0 };
  }
}

/** How many pods above spec.replicas a rollout may run (0 unless RollingUpdate). */
export function maxSurge(d: Deployment): number {
  return fenceposts(d)?.maxSurge ?? 0;
}

/** How many of spec.replicas may be unavailable during a rollout (0 unless RollingUpdate). */
export function maxUnavailable(d: Deployment): number {
  const replicas = specReplicas(d);
  const f = fenceposts(d);
  if (!f || replicas === 0) return 0;
  return Math.min(f.maxUnavailable, replicas);
}

/** The size the new ReplicaSet may have now, given every ReplicaSet of the Deployment. */
export function newRSNewReplicas(d: Deployment, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet): number {
  const replicas = specReplicas(d);
  switch (d.spec?.strategy?.type) {
    case ROLLING_UPDATE: {
      const surge = scaledValue(d.spec?.strategy?.rollingUpdate?.maxSurge, replicas, true);
      const current = replicaCount(allRSs);
      const maxTotal = replicas + surge;
      const newReplicas = specReplicas(newRS);
      if (current >= maxTotal) return newReplicas;
      const scaleUp = Math.min(maxTotal - current, replicas - newReplicas);
      return newReplicas + scaleUp;
    }
    case RECREATE:
      return replicas;
    default:
      throw new UnsupportedStrategyError(d.spec?.strategy?.type);
  }
}
