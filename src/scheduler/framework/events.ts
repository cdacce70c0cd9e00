// Cluster events: what changed in the cluster, as the scheduling queue matches it against
// what a rejected pod is waiting for (kube-scheduler framework ClusterEvent, QueueingHint).
//
// Contract:
//  - An event is a resource ('Pod', 'Node', the storage resources the volume plugins wait
//    on, or '*' for all) and an action bit set; a registration matches an incoming event
//    when the resources match and the incoming action's bits are a subset of the registered
//    ones (Update matches every kind of update; UpdateNodeLabel only label changes).
//  - Plugins that reject pods register the events that could make such a pod schedulable,
//    each with an optional QueueingHint function deciding, for one pod and one concrete
//    change, whether the change is worth a retry (Queue) or not (QueueSkip). No function:
//    always Queue.
//  - nodeUpdateActions(old, new) classifies a Node update into the changes that matter to
//    scheduling; an update that changes none of them (a status heartbeat) moves nothing.

import type { Node, Pod } from '../../api/types/core-v1.js';

export const ActionType = {
  Add: 1 << 0,
  Delete: 1 << 1,
  UpdateNodeAllocatable: 1 << 2,
  UpdateNodeLabel: 1 << 3,
  UpdateNodeTaint: 1 << 4,
  UpdateNodeCondition: 1 << 5,
  UpdateNodeAnnotation: 1 << 6,
  UpdatePodLabel: 1 << 7,
  UpdatePodScaleDown: 1 << 8,
  UpdatePodToleration: 1 << 9,
  UpdatePodSchedulingGatesEliminated: 1 << 10,
  /** A pod update that is none of the above (its status, say): only registrations of every
   *  kind of update see it. */
  UpdatePodOther: 1 << 11,
  /** Any update of an object (every Update* bit); updates of the storage resources are
   *  always reported as this. */
  Update: ((1 << 12) - 1) & ~((1 << 0) | (1 << 1)),
  All: (1 << 12) - 1,
} as const;

export type EventResource = 'Pod' | 'Node' | 'PersistentVolumeClaim' | 'PersistentVolume' | 'StorageClass' | '*';

export interface ClusterEvent {
  readonly resource: EventResource;
  readonly actionType: number;
  /** For logs: e.g. NodeAdd, AssignedPodDelete. */
  readonly label: string;
}

export const QueueingHint = { QueueSkip: 0, Queue: 1 } as const;
export type QueueingHint = (typeof QueueingHint)[keyof typeof QueueingHint];

/** Decides whether a change may make pod schedulable. oldObj is undefined for adds, newObj
 *  for deletes. */
export type QueueingHintFn = (pod: Pod, oldObj: unknown, newObj: unknown) => QueueingHint;

export interface ClusterEventWithHint {
  readonly event: { readonly resource: EventResource; readonly actionType: number };
  readonly hint?: QueueingHintFn;
}

export const EVENTS = {
  NodeAdd: { resource: 'Node', actionType: ActionType.Add, label: 'NodeAdd' },
  NodeDelete: { resource: 'Node', actionType: ActionType.Delete, label: 'NodeDelete' },
  AssignedPodAdd: { resource: 'Pod', actionType: ActionType.Add, label: 'AssignedPodAdd' },
  AssignedPodUpdate: { resource: 'Pod', actionType: ActionType.Update, label: 'AssignedPodUpdate' },
  AssignedPodDelete: { resource: 'Pod', actionType: ActionType.Delete, label: 'AssignedPodDelete' },
  PersistentVolumeClaimAdd: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add, label: 'PersistentVolumeClaimAdd' },
  PersistentVolumeClaimUpdate: { resource: 'PersistentVolumeClaim', actionType: ActionType.Update, label: 'PersistentVolumeClaimUpdate' },
  PersistentVolumeAdd: { resource: 'PersistentVolume', actionType: ActionType.Add, label: 'PersistentVolumeAdd' },
  PersistentVolumeUpdate: { resource: 'PersistentVolume', actionType: ActionType.Update, label: 'PersistentVolumeUpdate' },
  StorageClassAdd: { resource: 'StorageClass', actionType: ActionType.Add, label: 'StorageClassAdd' },
  StorageClassUpdate: { resource: 'StorageClass', actionType: ActionType.Update, label: 'StorageClassUpdate' },
  /** The leftover flush of pods parked longer than podMaxInUnschedulablePodsDuration. */
  UnschedulableTimeout: { resource: '*', actionType: ActionType.All, label: 'UnschedulableTimeout' },
  /** Forces every parked pod back (e.g. an assumed pod was forgotten). */
  ForceActivate: { resource: '*', actionType: ActionType.All, label: 'ForceActivate' },
} as const satisfies Record<string, ClusterEvent>;

export function isWildCard(e: ClusterEvent): boolean {
  return e.resource === '*' && e.actionType === ActionType.All;
}

/** Whether a registration (registered) covers an incoming event. */
export function eventMatches(registered: ClusterEventWithHint['event'], incoming: ClusterEvent): boolean {
  if (registered.resource === '*' && registered.actionType === ActionType.All) return true;
  if (registered.resource !== '*' && registered.resource !== incoming.resource) return false;
  return (registered.actionType & incoming.actionType) !== 0 && (incoming.actionType & ~registered.actionType) === 0;
}

function sameRecord(a: Readonly<Record<string, string>> | undefined, b: Readonly<Record<string, string>> | undefined): boolean {
  if (a === b) return true;
  const ka = a ? Object.keys(a) : [];
  const kb = b ? Object.keys(b) : [];
  if (ka.length !== kb.length) return false;
  for (const k of ka) if (a![k] !== b?.[k]) return false;
  return true;
}

function sameJSON(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function conditionStatuses(n: Node): string {
  return (n.status?.conditions ?? [])
    .map((c) => `${c.type}=${c.status}`)
    .sort()
    .join(',');
}

/** The scheduling-relevant changes of a node update, as one ClusterEvent each. */
export function nodeUpdateEvents(oldNode: Node, newNode: Node): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (!!oldNode.spec?.unschedulable !== !!newNode.spec?.unschedulable) {
    out.push({ resource: 'Node', actionType: ActionType.UpdateNodeTaint, label: 'NodeSpecUnschedulableChange' });
  }
  if (!sameRecord(oldNode.status?.allocatable as Record<string, string> | undefined, newNode.status?.allocatable as Record<string, string> | undefined)) {
    out.push({ resource: 'Node', actionType: ActionType.UpdateNodeAllocatable, label: 'NodeAllocatableChange' });
  }
  if (!sameRecord(oldNode.metadata.labels, newNode.metadata.labels)) {
    out.push({ resource: 'Node', actionType: ActionType.UpdateNodeLabel, label: 'NodeLabelChange' });
  }
  if (!sameJSON(oldNode.spec?.taints, newNode.spec?.taints)) {
    out.push({ resource: 'Node', actionType: ActionType.UpdateNodeTaint, label: 'NodeTaintChange' });
  }
  if (conditionStatuses(oldNode) !== conditionStatuses(newNode)) {
    out.push({ resource: 'Node', actionType: ActionType.UpdateNodeCondition, label: 'NodeConditionChange' });
  }
  if (!sameRecord(oldNode.metadata.annotations, newNode.metadata.annotations)) {
    out.push({ resource: 'Node', actionType: ActionType.UpdateNodeAnnotation, label: 'NodeAnnotationChange' });
  }
  return out;
}

/** What an update of a pod changed that matters to scheduling, as one ClusterEvent each
 *  (PodSchedulingPropertiesChange): labels, tolerations, scheduling gates removed; anything
 *  else is UpdatePodOther. (Resources cannot shrink in place: in-place resize is off in 1.32.) */
export function podUpdateEvents(oldPod: Pod, newPod: Pod): ClusterEvent[] {
  const out: ClusterEvent[] = [];
  if (!sameRecord(oldPod.metadata.labels, newPod.metadata.labels)) {
    out.push({ resource: 'Pod', actionType: ActionType.UpdatePodLabel, label: 'PodLabelChange' });
  }
  if (!sameJSON(oldPod.spec?.tolerations, newPod.spec?.tolerations)) {
    out.push({ resource: 'Pod', actionType: ActionType.UpdatePodToleration, label: 'PodTolerationChange' });
  }
  if ((oldPod.spec?.schedulingGates?.length ?? 0) > 0 && (newPod.spec?.schedulingGates?.length ?? 0) === 0) {
    out.push({ resource: 'Pod', actionType: ActionType.UpdatePodSchedulingGatesEliminated, label: 'PodSchedulingGateEliminatedChange' });
  }
  if (out.length === 0) out.push({ resource: 'Pod', actionType: ActionType.UpdatePodOther, label: 'PodOtherUpdate' });
  return out;
}

/**
 * Whether an update of a pod changed anything but its status and bookkeeping metadata
 * (isPodUpdated): the scheduler's own status writes must not send a pod back to be retried.
 */
export function isPodUpdated(oldPod: Pod, newPod: Pod): boolean {
  const strip = (p: Pod): unknown => {
    const { resourceVersion: _rv, generation: _g, managedFields: _mf, finalizers: _f, ...meta } = p.metadata;
    return { ...p, metadata: meta, status: undefined };
  };
  return JSON.stringify(strip(oldPod)) !== JSON.stringify(strip(newPod));
}
