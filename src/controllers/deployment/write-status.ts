// Writing a Deployment's status (Kubernetes' syncDeploymentStatus, syncRolloutStatus and
// checkPausedConditions). Each computes the status from the ReplicaSets (status.ts,
// progress.ts) and writes it only when it differs from the recorded one:
//
//  - syncDeploymentStatus: counts and Available (scaling events, paused Deployments, a
//    Deployment being deleted).
//  - syncRolloutStatus: the same plus Progressing and ReplicaFailure; when nothing changed
//    and the rollout is stuck, the Deployment is queued again for its progress deadline.
//  - checkPausedConditions: Progressing DeploymentPaused/DeploymentResumed.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { setCondition } from './conditions.js';
import { pausedCondition, rolloutStatus, stuckRequeue } from './progress.js';
import { calculateStatus, statusEqual } from './status.js';
import { writeStatus, type SyncContext } from './sync-context.js';

export async function syncDeploymentStatus(ctx: SyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const next = calculateStatus(allRSs, newRS, d, ctx.now());
  if (statusEqual(d.status, next)) return;
  d.status = next;
  await writeStatus(ctx, d);
}

export async function syncRolloutStatus(ctx: SyncContext, allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment): Promise<void> {
  const now = ctx.now();
  const next = rolloutStatus(allRSs, newRS, d, now);
  if (statusEqual(d.status, next)) {
    const when = stuckRequeue(d, next, now);
    if (when === 'now') ctx.requeueRateLimited(d);
    else if (when !== undefined) ctx.requeueAfter(d, when);
    return;
  }
  d.status = next;
  await writeStatus(ctx, d);
}

export async function checkPausedConditions(ctx: SyncContext, d: Deployment): Promise<void> {
  const cond = pausedCondition(d, ctx.now());
  if (!cond) return;
  setCondition((d.status ??= {}), cond);
  await writeStatus(ctx, d);
}
