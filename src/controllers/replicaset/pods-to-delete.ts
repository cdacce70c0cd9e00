// Which pods a ReplicaSet deletes when it has too many (Kubernetes' getPodsToDelete and
// getPodsRankedByRelatedPodsOnSameNode): the first `diff` pods of the ActivePodsWithRanks order
// (common/active-pods.ts), where a pod's rank is the number of active pods of related
// ReplicaSets (those with the same controller, e.g. every ReplicaSet of one Deployment) on its
// node. When every pod goes, no sorting is needed.

import type { Pod } from '../../api/types/core-v1.js';
import { rankPodsByRelatedPodsOnSameNode, sortActivePodsWithRanks } from '../common/active-pods.js';

export function getPodsToDelete(pods: readonly Pod[], relatedPods: readonly Pod[], diff: number, nowMs: number): Pod[] {
  if (diff >= pods.length) return pods.slice(0, diff);
  const ranks = rankPodsByRelatedPodsOnSameNode(pods, relatedPods);
  return sortActivePodsWithRanks(pods, ranks, nowMs).slice(0, diff);
}
