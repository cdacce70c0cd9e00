// Reading a Deployment's ReplicaSets (Kubernetes' deployment util and controller_utils):
//
//  - Sizes: specReplicas (spec.replicas, 1 when unset, as defaulting fills it); counts summed
//    over ReplicaSets of spec.replicas, status.replicas, readyReplicas, availableReplicas.
//  - Orders: by creation time (name breaks ties), by revision (creation time breaks ties and
//    unparsable revisions), by size with newer or older first.
//  - The new ReplicaSet is the oldest one whose template equals the Deployment's (ignoring the
//    hash label); every other one is old. Active ReplicaSets are those with replicas > 0.
//  - Revisions: the `deployment.kubernetes.io/revision` annotation, 0 when absent, skipped
//    when unparsable; maxRevision and lastRevision (the second highest) over a list.
//
// Every function returns new arrays; ReplicaSets themselves are never modified.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { parseTime } from '../common/time.js';
import { REVISION_ANNOTATION } from './annotations.js';
import { equalIgnoreHash } from './template-equality.js';

type MaybeRS = ReplicaSet | undefined | null;

/** spec.replicas of a Deployment or ReplicaSet (1 when unset: the API server defaults it). */
export function specReplicas(obj: Deployment | ReplicaSet): number {
  return obj.spec?.replicas ?? 1;
}

function sum(rss: readonly MaybeRS[], f: (rs: ReplicaSet) => number): number {
  let n = 0;
  for (const rs of rss) if (rs) n += f(rs);
  return n;
}

/** Sum of spec.replicas. */
export function replicaCount(rss: readonly MaybeRS[]): number {
  return sum(rss, specReplicas);
}

/** Sum of status.replicas (pods that exist). */
export function actualReplicaCount(rss: readonly MaybeRS[]): number {
  return sum(rss, (rs) => rs.status?.replicas ?? 0);
}

export function readyReplicaCount(rss: readonly MaybeRS[]): number {
  return sum(rss, (rs) => rs.status?.readyReplicas ?? 0);
}

export function availableReplicaCount(rss: readonly MaybeRS[]): number {
  return sum(rss, (rs) => rs.status?.availableReplicas ?? 0);
}

/** ReplicaSets with spec.replicas > 0. */
export function filterActive(rss: readonly MaybeRS[]): ReplicaSet[] {
  return rss.filter((rs): rs is ReplicaSet => !!rs && specReplicas(rs) > 0);
}

function created(rs: ReplicaSet): number {
  return parseTime(rs.metadata.creationTimestamp) ?? Number.NEGATIVE_INFINITY;
}

/** Older first; equal times by name. */
export function compareByCreation(a: ReplicaSet, b: ReplicaSet): number {
  const ta = created(a);
  const tb = created(b);
  if (ta !== tb) return ta < tb ? -1 : 1;
  const na = a.metadata.name ?? '';
  const nb = b.metadata.name ?? '';
  return na < nb ? -1 : na > nb ? 1 : 0;
}

export function sortByCreation(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort(compareByCreation);
}

/** Lower revision first; equal or unparsable revisions by creation. */
export function sortByRevision(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort((a, b) => {
    const ra = revisionOf(a);
    const rb = revisionOf(b);
    if (ra === undefined || rb === undefined || ra === rb) return compareByCreation(a, b);
    return ra < rb ? -1 : 1;
  });
}

/** Larger first; equal sizes newer first (the order proportional scale-up hands out replicas). */
export function sortBySizeNewer(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort((a, b) => specReplicas(b) - specReplicas(a) || compareByCreation(b, a));
}

/** Larger first; equal sizes older first (the order proportional scale-down takes replicas). */
export function sortBySizeOlder(rss: readonly ReplicaSet[]): ReplicaSet[] {
  return [...rss].sort((a, b) => specReplicas(b) - specReplicas(a) || compareByCreation(a, b));
}

/** The revision annotation: 0 when absent, undefined when it is not an integer. */
export function revisionOf(obj: { metadata: { annotations?: Record<string, string> } }): number | undefined {
  const v = obj.metadata.annotations?.[REVISION_ANNOTATION];
  if (v === undefined) return 0;
  return /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

/** The highest revision among the ReplicaSets (0 when none has one). */
export function maxRevision(rss: readonly MaybeRS[]): number {
  let max = 0;
  for (const rs of rss) {
    const v = rs ? revisionOf(rs) : undefined;
    if (v !== undefined && v > max) max = v;
  }
  return max;
}

/** The second highest revision: the one `rollout undo` without --to-revision goes back to. */
export function lastRevision(rss: readonly MaybeRS[]): number {
  let max = 0;
  let second = 0;
  for (const rs of rss) {
    const v = rs ? revisionOf(rs) : undefined;
    if (v === undefined) continue;
    if (v >= max) {
      second = max;
      max = v;
    } else if (v > second) second = v;
  }
  return second;
}

/** The oldest ReplicaSet running the Deployment's current template, if any. */
export function findNewReplicaSet(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet | undefined {
  return sortByCreation(rss).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

/** Every ReplicaSet but the new one. */
export function findOldReplicaSets(d: Deployment, rss: readonly ReplicaSet[]): ReplicaSet[] {
  const newRS = findNewReplicaSet(d, rss);
  return rss.filter((rs) => !newRS || rs.metadata.uid !== newRS.metadata.uid);
}

/**
 * The one ReplicaSet a plain scale applies to: the only active one, or when none is active the
 * newest (the new one if it exists). Undefined when several are active: then scaling is
 * proportional.
 */
export function findActiveOrLatest(newRS: ReplicaSet | undefined, oldRSs: readonly ReplicaSet[]): ReplicaSet | undefined {
  if (!newRS && oldRSs.length === 0) return undefined;
  const newestFirst = sortByCreation(oldRSs).reverse();
  const active = filterActive([...newestFirst, newRS]);
  if (active.length === 0) return newRS ?? newestFirst[0];
  return active.length === 1 ? active[0] : undefined;
}
