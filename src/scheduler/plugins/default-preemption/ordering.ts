// The orderings preemption decides by (kube-scheduler 1.32 preemption.go, default_preemption.go,
// scheduler/util): which victims matter more, which violate a PodDisruptionBudget, and which
// candidate node to preempt on.
//
// Contract:
//  - moreImportantPod(a, b): higher priority first; equal priorities, the one running longer
//    (earlier status.startTime; a pod that has not started counts as starting now).
//  - splitByPdbViolation(pods, pdbs): keeps the input order within each group. A pod violates
//    when some PDB of its namespace whose non-empty selector matches its labels has no
//    disruption left once the pods before it in the list are counted against it; a pod
//    already listed in the PDB's status.disruptedPods is counted against nothing.
//  - pickOneNodeForPreemption(candidates): fewest PDB violations, then the lowest
//    highest-priority victim, the smallest sum of priorities, the fewest victims, the latest
//    earliest start among the highest-priority victims; ties go to the first candidate in
//    the list (Go takes the first of a map, i.e. any).
//  - podTerminatingByPreemption(pod): being deleted with DisruptionTarget=True reason
//    PreemptionByScheduler.

import type { Pod } from '../../../api/types/core-v1.js';
import type { PodDisruptionBudget } from '../../../api/types/policy-v1.js';
import { selectorFromObject } from '../../../api/labels/label-selector-object.js';
import type { LabelSelector } from '../../../api/labels/selector.js';
import type { PodInfo } from '../../framework/pod-info.js';

export const DISRUPTION_TARGET = 'DisruptionTarget';
export const REASON_PREEMPTION_BY_SCHEDULER = 'PreemptionByScheduler';

/** Go's math.MaxInt32 + 1: added to every priority so sums of negative ones still order. */
const PRIORITY_OFFSET = 2 ** 31;

/** A node preemption could use, and the pods it would evict there (most important first). */
export interface Candidate {
  readonly name: string;
  readonly victims: readonly PodInfo[];
  readonly numPDBViolations: number;
}

/** When the pod started (ms), or now if it has not. */
export function podStartTime(pod: Pod, now: number): number {
  const t = pod.status?.startTime;
  if (!t) return now;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? now : ms;
}

export function moreImportantPod(a: PodInfo, b: PodInfo, now: number): boolean {
  if (a.priority !== b.priority) return a.priority > b.priority;
  return podStartTime(a.pod, now) < podStartTime(b.pod, now);
}

/** Sorts pods most important first (stable for equals). */
export function sortByImportance(pods: PodInfo[], now: number): void {
  pods.sort((a, b) => (moreImportantPod(a, b, now) ? -1 : moreImportantPod(b, a, now) ? 1 : 0));
}

export function podTerminatingByPreemption(pod: Pod): boolean {
  if (!pod.metadata.deletionTimestamp) return false;
  const c = pod.status?.conditions?.find((x) => x.type === DISRUPTION_TARGET);
  return c !== undefined && c.status === 'True' && c.reason === REASON_PREEMPTION_BY_SCHEDULER;
}

function pdbSelector(pdb: PodDisruptionBudget): LabelSelector | undefined {
  try {
    return selectorFromObject(pdb.spec?.selector);
  } catch {
    // An invalid selector matches no pod.
    return undefined;
  }
}

/** The pods whose eviction would violate a PDB, and the others, each in input order. */
export function splitByPdbViolation(pods: readonly PodInfo[], pdbs: readonly PodDisruptionBudget[]): { violating: PodInfo[]; nonViolating: PodInfo[] } {
  const allowed = pdbs.map((p) => p.status?.disruptionsAllowed ?? 0);
  const selectors = pdbs.map(pdbSelector);
  const violating: PodInfo[] = [];
  const nonViolating: PodInfo[] = [];
  for (const pi of pods) {
    const labels = pi.pod.metadata.labels;
    let violated = false;
    // A pod without labels matches no PDB.
    if (labels && Object.keys(labels).length > 0) {
      pdbs.forEach((pdb, i) => {
        if ((pdb.metadata.namespace ?? '') !== pi.namespace) return;
        const sel = selectors[i];
        // A missing or empty selector matches nothing here.
        if (!sel || sel.isEmpty() || !sel.matches(labels)) return;
        // Already disrupted as far as the API server knows: not counted twice.
        if (pdb.status?.disruptedPods && Object.prototype.hasOwnProperty.call(pdb.status.disruptedPods, pi.name)) return;
        allowed[i]!--;
        if (allowed[i]! < 0) violated = true;
      });
    }
    (violated ? violating : nonViolating).push(pi);
  }
  return { violating, nonViolating };
}

/** The earliest start among the highest-priority victims (GetEarliestPodStartTime). */
function earliestStartOfTopVictims(victims: readonly PodInfo[], now: number): number {
  let maxPriority = victims[0]!.priority;
  let earliest = podStartTime(victims[0]!.pod, now);
  for (const v of victims) {
    if (v.priority === maxPriority) {
      earliest = Math.min(earliest, podStartTime(v.pod, now));
    } else if (v.priority > maxPriority) {
      maxPriority = v.priority;
      earliest = podStartTime(v.pod, now);
    }
  }
  return earliest;
}

/** The candidate to preempt on; undefined for none. Victims are most important first. */
export function pickOneNodeForPreemption(candidates: readonly Candidate[], now: number): Candidate | undefined {
  if (candidates.length <= 1) return candidates[0];
  const scores: ((c: Candidate) => number)[] = [
    (c) => -c.numPDBViolations,
    (c) => -c.victims[0]!.priority,
    (c) => -c.victims.reduce((sum, v) => sum + v.priority + PRIORITY_OFFSET, 0),
    (c) => -c.victims.length,
    (c) => earliestStartOfTopVictims(c.victims, now),
  ];
  let remaining = candidates.filter((c) => c.victims.length > 0);
  if (remaining.length === 0) return candidates[0];
  for (const score of scores) {
    let best = -Infinity;
    let selected: Candidate[] = [];
    for (const c of remaining) {
      const s = score(c);
      if (s > best) {
        best = s;
        selected = [c];
      } else if (s === best) {
        selected.push(c);
      }
    }
    if (selected.length === 1) return selected[0];
    remaining = selected;
  }
  return remaining[0];
}
