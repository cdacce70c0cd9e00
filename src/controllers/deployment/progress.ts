// Rollout progress (Kubernetes' progress.go and deployment util), as pure functions of a
// Deployment, its ReplicaSets and the time:
//
//  - rolloutStatus: the status calculateStatus gives, plus the Progressing condition when
//    spec.progressDeadlineSeconds is set (it is removed when not): True/NewReplicaSetAvailable
//    once the rollout is complete, True/ReplicaSetUpdated whenever it moved (keeping the
//    transition time, bumping lastUpdateTime), False/ProgressDeadlineExceeded when it has not
//    moved for progressDeadlineSeconds since lastUpdateTime. A completed rollout's condition
//    stays until a new rollout begins. A ReplicaSet's ReplicaFailure condition (the new
//    ReplicaSet's first) is copied to the Deployment, and removed when none has one.
//  - stuckRequeue: when a rollout is neither complete nor timed out, how long until the
//    deadline would pass, so the controller looks again then (the informer will not tell it:
//    nothing changes when a rollout is stuck).
//  - pausedCondition: Progressing Unknown/DeploymentPaused while paused, Unknown/
//    DeploymentResumed once resumed (so time spent paused never counts against the deadline);
//    a timed-out condition is left alone.

import type { Deployment, DeploymentCondition, DeploymentStatus, ReplicaSet } from '../../api/types/apps-v1.js';
import { parseTime } from '../common/time.js';
import {
  DEPLOYMENT_PAUSED,
  DEPLOYMENT_RESUMED,
  getCondition,
  NEW_RS_AVAILABLE,
  newCondition,
  PROGRESSING,
  REPLICA_FAILURE,
  REPLICA_SET_UPDATED,
  fromReplicaSetCondition,
  removeCondition,
  setCondition,
  TIMED_OUT,
} from './conditions.js';
import { calculateStatus, compactStatus, deploymentComplete, deploymentProgressing } from './status.js';

const MAX_INT32 = 2147483647;

/** A deadline is set (Kubernetes treats MaxInt32 as none). */
export function hasProgressDeadline(d: Deployment): boolean {
  const s = d.spec?.progressDeadlineSeconds;
  return s !== undefined && s !== null && s !== MAX_INT32;
}

/** The rollout has made no progress for progressDeadlineSeconds (or was already reported). */
export function deploymentTimedOut(d: Deployment, next: DeploymentStatus, nowMs: number): boolean {
  if (!hasProgressDeadline(d)) return false;
  const cond = getCondition(next, PROGRESSING);
  if (!cond) return false;
  // A completed rollout's condition is no reference point for a new one; wait for the
  // condition to catch up (a new ReplicaSet's creation resets it).
  if (cond.reason === NEW_RS_AVAILABLE) return false;
  if (cond.reason === TIMED_OUT) return true;
  const from = parseTime(cond.lastUpdateTime) ?? 0;
  return from + d.spec!.progressDeadlineSeconds! * 1000 < nowMs;
}

/** ReplicaFailure conditions: the new ReplicaSet's, else any old ReplicaSet's. */
export function replicaFailures(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined): DeploymentCondition[] {
  const of = (rs: ReplicaSet | undefined) => (rs?.status?.conditions ?? []).filter((c) => c.type === REPLICA_FAILURE).map(fromReplicaSetCondition);
  const fromNew = of(newRS);
  return fromNew.length > 0 ? fromNew : allRSs.flatMap((rs) => of(rs));
}

function progressCondition(d: Deployment, next: DeploymentStatus, newRS: ReplicaSet | undefined, nowMs: number): void {
  const current = getCondition(d.status, PROGRESSING);
  const complete = next.replicas === next.updatedReplicas && current?.reason === NEW_RS_AVAILABLE;
  if (complete) return;
  const subject = newRS ? `ReplicaSet "${newRS.metadata.name}"` : `Deployment "${d.metadata.name}"`;
  if (deploymentComplete(d, next)) {
    setCondition(next, newCondition(PROGRESSING, 'True', NEW_RS_AVAILABLE, `${subject} has successfully progressed.`, nowMs));
  } else if (deploymentProgressing(d, next)) {
    const cond = newCondition(PROGRESSING, 'True', REPLICA_SET_UPDATED, `${subject} is progressing.`, nowMs);
    if (current) {
      if (current.status === 'True') cond.lastTransitionTime = current.lastTransitionTime;
      removeCondition(next, PROGRESSING);
    }
    setCondition(next, cond);
  } else if (deploymentTimedOut(d, next, nowMs)) {
    setCondition(next, newCondition(PROGRESSING, 'False', TIMED_OUT, `${subject} has timed out progressing.`, nowMs));
  }
}

/** The status syncRolloutStatus would write. */
export function rolloutStatus(allRSs: readonly (ReplicaSet | undefined)[], newRS: ReplicaSet | undefined, d: Deployment, nowMs: number): DeploymentStatus {
  const next = calculateStatus(allRSs, newRS, d, nowMs);
  if (!hasProgressDeadline(d)) removeCondition(next, PROGRESSING);
  else progressCondition(d, next, newRS, nowMs);
  const failures = replicaFailures(allRSs, newRS);
  if (failures.length > 0) setCondition(next, failures[0]!);
  else removeCondition(next, REPLICA_FAILURE);
  return compactStatus(next);
}

/** When to look at a stuck rollout again: 'now' (rate limited), a delay in ms, or undefined
 *  when there is nothing to wait for. */
export function stuckRequeue(d: Deployment, next: DeploymentStatus, nowMs: number): 'now' | number | undefined {
  const current = getCondition(d.status, PROGRESSING);
  if (!hasProgressDeadline(d) || !current) return undefined;
  if (deploymentComplete(d, next) || current.reason === TIMED_OUT) return undefined;
  const after = (parseTime(current.lastUpdateTime) ?? 0) + d.spec!.progressDeadlineSeconds! * 1000 - nowMs;
  // A second more than the deadline: a timer firing a little early must find it passed.
  return after < 1000 ? 'now' : after + 1000;
}

/** The Progressing condition pausing or resuming calls for, if it changes. */
export function pausedCondition(d: Deployment, nowMs: number): DeploymentCondition | undefined {
  if (!hasProgressDeadline(d)) return undefined;
  const cond = getCondition(d.status, PROGRESSING);
  if (cond?.reason === TIMED_OUT) return undefined;
  const pausedRecorded = cond?.reason === DEPLOYMENT_PAUSED;
  if (d.spec?.paused && !pausedRecorded) return newCondition(PROGRESSING, 'Unknown', DEPLOYMENT_PAUSED, 'Deployment is paused', nowMs);
  if (!d.spec?.paused && pausedRecorded) return newCondition(PROGRESSING, 'Unknown', DEPLOYMENT_RESUMED, 'Deployment is resumed', nowMs);
  return undefined;
}
