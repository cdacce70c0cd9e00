// Pod predicates controllers share (Kubernetes' pkg/api/v1/pod and controller_utils.go):
//
//  - isPodActive: neither Succeeded nor Failed, and not being deleted. Only active pods count
//    toward a ReplicaSet's replicas.
//  - isPodReady: the Ready condition is "True".
//  - isPodAvailable(pod, minReadySeconds, now): ready, and ready for longer than minReadySeconds
//    (strictly: lastTransitionTime + minReadySeconds is before now). With minReadySeconds 0 a
//    ready pod is available at once.
//  - podKey: `namespace/name`, the key expectations track deletions by.

import type { KubeObject } from '../../api/meta.js';
import type { Pod, PodCondition } from '../../api/types/core-v1.js';
import { parseTime } from './time.js';

export const POD_SUCCEEDED = 'Succeeded';
export const POD_FAILED = 'Failed';
export const POD_RUNNING = 'Running';
export const POD_PENDING = 'Pending';
export const POD_UNKNOWN = 'Unknown';
export const POD_READY = 'Ready';

export function isPodActive(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase !== POD_SUCCEEDED && phase !== POD_FAILED && !pod.metadata.deletionTimestamp;
}

export function filterActivePods<P extends Pod>(pods: readonly P[]): P[] {
  return pods.filter(isPodActive);
}

export function isPodTerminating(pod: Pod): boolean {
  return !!pod.metadata.deletionTimestamp;
}

export function getPodReadyCondition(pod: Pod): PodCondition | undefined {
  return pod.status?.conditions?.find((c) => c.type === POD_READY);
}

export function isPodReady(pod: Pod): boolean {
  return getPodReadyCondition(pod)?.status === 'True';
}

/** When the pod last became ready (ms), if it is ready and the time is known. */
export function podReadyTime(pod: Pod): number | undefined {
  const c = getPodReadyCondition(pod);
  return c?.status === 'True' ? parseTime(c.lastTransitionTime) : undefined;
}

export function isPodAvailable(pod: Pod, minReadySeconds: number, nowMs: number): boolean {
  if (!isPodReady(pod)) return false;
  if (!minReadySeconds) return true;
  const since = parseTime(getPodReadyCondition(pod)?.lastTransitionTime);
  return since !== undefined && since + minReadySeconds * 1000 < nowMs;
}

export function podKey(pod: KubeObject): string {
  return `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}
