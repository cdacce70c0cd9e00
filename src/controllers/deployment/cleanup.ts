// Old ReplicaSet cleanup (Kubernetes' cleanupDeployment): a Deployment keeps at most
// spec.revisionHistoryLimit old ReplicaSets (the history `kubectl rollout history` lists and
// `rollout undo` returns to). The lowest revisions go first, and only ReplicaSets that are
// fully scaled down (spec and status replicas 0, the latest spec observed) and not already
// being deleted are removed; a busy one is skipped, not waited for. No limit (unset, or
// MaxInt32) keeps everything. Runs only when the rollout is complete or the Deployment paused.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { isNotFound } from '../common/api-errors.js';
import { sortByRevision, specReplicas } from './replica-sets.js';
import type { SyncContext } from './sync-context.js';

const MAX_INT32 = 2147483647;

function historyLimit(d: Deployment): number | undefined {
  const limit = d.spec?.revisionHistoryLimit;
  return limit === undefined || limit === null || limit === MAX_INT32 ? undefined : limit;
}

function removable(rs: ReplicaSet): boolean {
  return (
    (rs.status?.replicas ?? 0) === 0 &&
    specReplicas(rs) === 0 &&
    (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0) &&
    !rs.metadata.deletionTimestamp
  );
}

/** The old ReplicaSets cleanup would delete, lowest revision first. */
export function replicaSetsToClean(d: Deployment, oldRSs: readonly ReplicaSet[]): ReplicaSet[] {
  const limit = historyLimit(d);
  if (limit === undefined) return [];
  const alive = oldRSs.filter((rs) => !rs.metadata.deletionTimestamp);
  const excess = alive.length - limit;
  if (excess <= 0) return [];
  return sortByRevision(alive).slice(0, excess).filter(removable);
}

export async function cleanupDeployment(ctx: SyncContext, oldRSs: readonly ReplicaSet[], d: Deployment): Promise<void> {
  for (const rs of replicaSetsToClean(d, oldRSs)) {
    try {
      await ctx.control.deleteReplicaSet(rs.metadata.namespace ?? '', rs.metadata.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
