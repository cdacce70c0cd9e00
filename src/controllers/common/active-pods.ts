// The order in which a controller gives up pods (Kubernetes' ActivePods and
// ActivePodsWithRanks in pkg/controller/controller_utils.go): sorting puts the pods to delete
// first. Victims are, in order of precedence:
//
//   1. unassigned (no spec.nodeName) before assigned;
//   2. Pending before Unknown before Running;
//   3. not ready before ready;
//   4. (ranked only) lower controller.kubernetes.io/pod-deletion-cost before higher;
//   5. (ranked only) higher rank before lower — the rank is how many related active pods share
//      the pod's node, so doubled-up nodes lose pods first;
//   6. both ready: ready more recently before ready longer (a missing time counts as most
//      recent). Ranked order compares the times on a log2 scale of their age
//      (LogarithmicScaleDown), breaking a tie by uid;
//   7. more container restarts before fewer (regular containers, then sidecar init containers);
//   8. newer before older (a missing creationTimestamp first); ranked order again compares
//      ages on a log2 scale, breaking a tie by uid.
//
// Sorting never mutates its input. Derived values are computed once per pod, so sorting ten
// thousand pods stays cheap.

import type { Pod } from '../../api/types/core-v1.js';
import { isPodActive, isPodReady, podReadyTime, POD_PENDING, POD_RUNNING, POD_UNKNOWN } from './pod-status.js';
import { parseTime } from './time.js';

export const POD_DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';

const PHASE_ORDINAL: Readonly<Record<string, number>> = { [POD_PENDING]: 0, [POD_UNKNOWN]: 1, [POD_RUNNING]: 2 };

const INT32_MIN = -2147483648;
const INT32_MAX = 2147483647;

/** The pod's deletion cost: the annotation as a base-10 int32 (no '+', no leading zeros), else 0. */
export function getDeletionCost(pod: Pod): number {
  const value = pod.metadata.annotations?.[POD_DELETION_COST_ANNOTATION];
  if (value === undefined || !/^(0|-?[1-9][0-9]*|-0)$/.test(value)) return 0;
  const n = Number(value);
  return n >= INT32_MIN && n <= INT32_MAX ? n : 0;
}

/** The highest restart count among regular containers and among restartable (sidecar) init containers. */
export function maxContainerRestarts(pod: Pod): { regular: number; sidecar: number } {
  let regular = 0;
  for (const c of pod.status?.containerStatuses ?? []) regular = Math.max(regular, c.restartCount ?? 0);
  const sidecars = new Set((pod.spec?.initContainers ?? []).filter((c) => c.restartPolicy === 'Always').map((c) => c.name));
  let sidecar = 0;
  for (const c of pod.status?.initContainerStatuses ?? []) if (sidecars.has(c.name)) sidecar = Math.max(sidecar, c.restartCount ?? 0);
  return { regular, sidecar };
}

interface Facts {
  readonly pod: Pod;
  readonly rank: number;
  readonly assigned: boolean;
  readonly phase: number;
  readonly ready: boolean;
  readonly readyAt: number | undefined;
  readonly cost: number;
  readonly restarts: { regular: number; sidecar: number };
  readonly createdAt: number | undefined;
}

function facts(pod: Pod, rank: number): Facts {
  return {
    pod,
    rank,
    assigned: !!pod.spec?.nodeName,
    phase: PHASE_ORDINAL[pod.status?.phase ?? ''] ?? 0,
    ready: isPodReady(pod),
    readyAt: podReadyTime(pod),
    cost: getDeletionCost(pod),
    restarts: maxContainerRestarts(pod),
    createdAt: parseTime(pod.metadata.creationTimestamp),
  };
}

/** Go's afterOrZero as a comparison: a missing time sorts first, then later before earlier. */
function laterFirst(a: number | undefined, b: number | undefined): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return b - a;
}

/** floor(log2(age in ns)), -1 for no positive age: Kubernetes' logarithmic rank of a time. */
function logRank(t: number, nowMs: number): number {
  const ns = (nowMs - t) * 1e6;
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1;
}

/** Ranked comparison of two times: newer first, ages equal on a log2 scale tie (0). */
function laterFirstLogarithmic(a: number | undefined, b: number | undefined, nowMs: number | undefined): number {
  if (nowMs === undefined || a === undefined || b === undefined) return laterFirst(a, b);
  return logRank(a, nowMs) - logRank(b, nowMs);
}

/** Steps 1–3, shared by both orders. */
function compareLifecycle(a: Facts, b: Facts): number {
  if (a.assigned !== b.assigned) return a.assigned ? 1 : -1;
  if (a.phase !== b.phase) return a.phase - b.phase;
  if (a.ready !== b.ready) return a.ready ? 1 : -1;
  return 0;
}

function compareRestarts(a: Facts, b: Facts): number {
  if (a.restarts.regular !== b.restarts.regular) return b.restarts.regular - a.restarts.regular;
  return b.restarts.sidecar - a.restarts.sidecar;
}

function compareUid(a: Facts, b: Facts): number {
  const x = a.pod.metadata.uid ?? '';
  const y = b.pod.metadata.uid ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

function compareRanked(a: Facts, b: Facts, nowMs: number | undefined): number {
  const lifecycle = compareLifecycle(a, b);
  if (lifecycle !== 0) return lifecycle;
  if (a.cost !== b.cost) return a.cost - b.cost;
  if (a.rank !== b.rank) return b.rank - a.rank;
  if (a.ready && b.ready && a.readyAt !== b.readyAt) {
    const c = laterFirstLogarithmic(a.readyAt, b.readyAt, nowMs);
    if (c !== 0) return c;
    return compareUid(a, b);
  }
  const restarts = compareRestarts(a, b);
  if (restarts !== 0) return restarts;
  if (a.createdAt !== b.createdAt) {
    const c = laterFirstLogarithmic(a.createdAt, b.createdAt, nowMs);
    return c !== 0 ? c : compareUid(a, b);
  }
  return 0;
}

function comparePlain(a: Facts, b: Facts): number {
  const lifecycle = compareLifecycle(a, b);
  if (lifecycle !== 0) return lifecycle;
  if (a.ready && b.ready && a.readyAt !== b.readyAt) return laterFirst(a.readyAt, b.readyAt);
  const restarts = compareRestarts(a, b);
  if (restarts !== 0) return restarts;
  return laterFirst(a.createdAt, b.createdAt);
}

/** ActivePods: the plain order (steps 1–3, 6, 7, 8 without logarithmic scaling), victims first. */
export function sortActivePods<P extends Pod>(pods: readonly P[]): P[] {
  return pods
    .map((p) => facts(p, 0))
    .sort(comparePlain)
    .map((f) => f.pod as P);
}

/**
 * ActivePodsWithRanks: the order ReplicaSets delete in, victims first. ranks[i] belongs to
 * pods[i]; nowMs drives the logarithmic comparisons (undefined: exact comparisons).
 */
export function sortActivePodsWithRanks<P extends Pod>(pods: readonly P[], ranks: readonly number[], nowMs: number | undefined): P[] {
  return pods
    .map((p, i) => facts(p, ranks[i] ?? 0))
    .sort((a, b) => compareRanked(a, b, nowMs))
    .map((f) => f.pod as P);
}

/** Each pod's rank: how many active pods of relatedPods run on the pod's node ('' counts too). */
export function rankPodsByRelatedPodsOnSameNode(podsToRank: readonly Pod[], relatedPods: readonly Pod[]): number[] {
  const onNode = new Map<string, number>();
  for (const p of relatedPods) {
    if (!isPodActive(p)) continue;
    const node = p.spec?.nodeName ?? '';
    onNode.set(node, (onNode.get(node) ?? 0) + 1);
  }
  return podsToRank.map((p) => onNode.get(p.spec?.nodeName ?? '') ?? 0);
}
