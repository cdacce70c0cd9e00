// A ReplicaSet's status, computed from the pods it owns and written through the status
// subresource (Kubernetes' replica_set_utils.go).
//
//  - calculateStatus: replicas = active owned pods; fullyLabeledReplicas = those whose labels
//    include every label of the template; readyReplicas = those ready; availableReplicas = those
//    ready for longer than spec.minReadySeconds. The ReplicaFailure condition (status True,
//    reason FailedCreate when pods were missing, FailedDelete when there were too many, the error
//    as message) is added when managing replicas failed and there is none, and removed when it
//    succeeded; an existing one is left alone while failures go on. Other conditions are kept.
//  - updateReplicaSetStatus: nothing is written when the counts and conditions are unchanged and
//    observedGeneration is current. Otherwise the status (with observedGeneration = generation)
//    is PUT to the status subresource; on failure the ReplicaSet is read again and the PUT retried
//    once. Resolves the ReplicaSet as stored.

import { selectorFromSet } from '../../api/labels/index.js';
import type { ReplicaSet, ReplicaSetCondition, ReplicaSetStatus } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import type { ResourceClient } from '../../client/contract.js';
import { errorMessage } from '../common/api-errors.js';
import { isPodAvailable, isPodReady } from '../common/pod-status.js';
import { formatTime } from '../common/time.js';

export const REPLICA_FAILURE = 'ReplicaFailure';
export const FAILED_CREATE_REASON = 'FailedCreate';
export const FAILED_DELETE_REASON = 'FailedDelete';

/** Status PUTs after the first that may fail before the sync gives up (Kubernetes' statusUpdateRetries). */
export const STATUS_UPDATE_RETRIES = 1;

/** spec.replicas, defaulted as the API server defaults it. */
export function desiredReplicas(rs: ReplicaSet): number {
  return rs.spec?.replicas ?? 1;
}

export function getCondition(status: ReplicaSetStatus | undefined, type: string): ReplicaSetCondition | undefined {
  return status?.conditions?.find((c) => c.type === type);
}

/** Adds or replaces the condition of its type, unless one with the same status and reason exists. */
export function setCondition(status: ReplicaSetStatus, condition: ReplicaSetCondition): void {
  const current = getCondition(status, condition.type);
  if (current && current.status === condition.status && current.reason === condition.reason) return;
  status.conditions = [...(status.conditions ?? []).filter((c) => c.type !== condition.type), condition];
}

export function removeCondition(status: ReplicaSetStatus, type: string): void {
  const kept = (status.conditions ?? []).filter((c) => c.type !== type);
  if (kept.length > 0) status.conditions = kept;
  else delete status.conditions;
}

export function calculateStatus(rs: ReplicaSet, pods: readonly Pod[], manageReplicasErr: unknown, nowMs: number): ReplicaSetStatus {
  const status: ReplicaSetStatus = structuredClone(rs.status ?? { replicas: 0 });
  const templateLabels = selectorFromSet(rs.spec?.template?.metadata?.labels);
  const minReadySeconds = rs.spec?.minReadySeconds ?? 0;
  let fullyLabeled = 0;
  let ready = 0;
  let available = 0;
  for (const pod of pods) {
    if (templateLabels.matches(pod.metadata.labels)) fullyLabeled++;
    if (!isPodReady(pod)) continue;
    ready++;
    if (isPodAvailable(pod, minReadySeconds, nowMs)) available++;
  }
  const failure = getCondition(rs.status, REPLICA_FAILURE);
  if (manageReplicasErr !== undefined && !failure) {
    const diff = pods.length - desiredReplicas(rs);
    const reason = diff < 0 ? FAILED_CREATE_REASON : diff > 0 ? FAILED_DELETE_REASON : '';
    setCondition(status, { type: REPLICA_FAILURE, status: 'True', lastTransitionTime: formatTime(nowMs), reason, message: errorMessage(manageReplicasErr) });
  } else if (manageReplicasErr === undefined && failure) {
    removeCondition(status, REPLICA_FAILURE);
  }
  status.replicas = pods.length;
  status.fullyLabeledReplicas = fullyLabeled;
  status.readyReplicas = ready;
  status.availableReplicas = available;
  return status;
}

function conditionsEqual(a: readonly ReplicaSetCondition[] | undefined, b: readonly ReplicaSetCondition[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  if (x.length !== y.length) return false;
  return x.every((c, i) => {
    const d = y[i]!;
    return c.type === d.type && c.status === d.status && c.reason === d.reason && c.message === d.message && c.lastTransitionTime === d.lastTransitionTime;
  });
}

/** True when writing `next` would change nothing Kubernetes compares. */
export function statusUpToDate(rs: ReplicaSet, next: ReplicaSetStatus): boolean {
  const cur = rs.status;
  return (
    (cur?.replicas ?? 0) === next.replicas &&
    (cur?.fullyLabeledReplicas ?? 0) === (next.fullyLabeledReplicas ?? 0) &&
    (cur?.readyReplicas ?? 0) === (next.readyReplicas ?? 0) &&
    (cur?.availableReplicas ?? 0) === (next.availableReplicas ?? 0) &&
    (rs.metadata.generation ?? 0) === (cur?.observedGeneration ?? 0) &&
    conditionsEqual(cur?.conditions, next.conditions)
  );
}

export async function updateReplicaSetStatus(client: ResourceClient<ReplicaSet>, rs: ReplicaSet, next: ReplicaSetStatus): Promise<ReplicaSet> {
  if (statusUpToDate(rs, next)) return rs;
  const status: ReplicaSetStatus = { ...next, observedGeneration: rs.metadata.generation ?? 0 };
  const namespaced = client.namespace(rs.metadata.namespace ?? '');
  let current = rs;
  for (let attempt = 0; ; attempt++) {
    try {
      return await namespaced.updateStatus({ ...current, status });
    } catch (err) {
      if (attempt >= STATUS_UPDATE_RETRIES) throw err;
    }
    current = await namespaced.get(rs.metadata.name ?? '');
  }
}
