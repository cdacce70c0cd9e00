// Deployment conditions (Kubernetes' deployment util): the types, the reasons kubectl and
// users match on, and the rules for changing a condition list.
//
//  - setCondition replaces the condition of the same type, moving it to the end of the list.
//    It does nothing when status and reason are unchanged (so lastUpdateTime only moves when
//    something does), and keeps lastTransitionTime when only the reason changed.
//  - Times are metav1.Time strings (whole seconds, UTC) made from the caller's clock.

import type { DeploymentCondition, DeploymentStatus, ReplicaSetCondition } from '../../api/types/apps-v1.js';
import { formatTime } from '../common/time.js';

export const AVAILABLE = 'Available';
export const PROGRESSING = 'Progressing';
export const REPLICA_FAILURE = 'ReplicaFailure';

// Progressing reasons.
export const REPLICA_SET_UPDATED = 'ReplicaSetUpdated';
export const FAILED_RS_CREATE = 'ReplicaSetCreateError';
export const NEW_REPLICA_SET_CREATED = 'NewReplicaSetCreated';
export const FOUND_NEW_REPLICA_SET = 'FoundNewReplicaSet';
export const NEW_RS_AVAILABLE = 'NewReplicaSetAvailable';
export const TIMED_OUT = 'ProgressDeadlineExceeded';
export const DEPLOYMENT_PAUSED = 'DeploymentPaused';
export const DEPLOYMENT_RESUMED = 'DeploymentResumed';
// Available reasons.
export const MINIMUM_REPLICAS_AVAILABLE = 'MinimumReplicasAvailable';
export const MINIMUM_REPLICAS_UNAVAILABLE = 'MinimumReplicasUnavailable';

export type ConditionStatus = 'True' | 'False' | 'Unknown';

export function newCondition(type: string, status: ConditionStatus, reason: string, message: string, nowMs: number): DeploymentCondition {
  const now = formatTime(nowMs);
  return { type, status, lastUpdateTime: now, lastTransitionTime: now, reason, message };
}

export function getCondition(status: DeploymentStatus | undefined, type: string): DeploymentCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

export function removeCondition(status: DeploymentStatus, type: string): void {
  const rest = (status.conditions ?? []).filter((c) => c.type !== type);
  if (rest.length > 0) status.conditions = rest;
  else delete status.conditions;
}

export function setCondition(status: DeploymentStatus, condition: DeploymentCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  const next = { ...condition };
  if (current && current.status === condition.status) next.lastTransitionTime = current.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), next];
}

/** A ReplicaSet's ReplicaFailure condition as the Deployment reports it. */
export function fromReplicaSetCondition(c: ReplicaSetCondition): DeploymentCondition {
  const out: DeploymentCondition = { type: c.type, status: c.status };
  if (c.lastTransitionTime) {
    out.lastUpdateTime = c.lastTransitionTime;
    out.lastTransitionTime = c.lastTransitionTime;
  }
  if (c.reason) out.reason = c.reason;
  if (c.message) out.message = c.message;
  return out;
}
