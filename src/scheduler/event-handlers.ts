// The scheduler's informer event handlers (kube-scheduler eventhandlers.go). Like every
// handler, they only update in-memory state, synchronously; no I/O.
//
//  - Pods without spec.nodeName whose schedulerName one of our profiles serves: into the
//    scheduling queue (add, update unless the pod is assumed, delete; a deleted pod held at
//    Permit is rejected there).
//  - Pods with spec.nodeName (bound by us or anyone): into the cache (confirming an assumed
//    pod), and the queue is told, so pods that waited for room or for such a pod may retry.
//    A bound pod's deletion is the AssignedPodDelete event.
//  - Nodes: into the cache; adds, and updates that change something scheduling looks at
//    (allocatable, labels, taints, unschedulable, conditions, annotations), are cluster
//    events for the queue; heartbeats are not.
//  - A pod that turns from pending to bound arrives as a delete for the queue handler and an
//    add for the cache handler (the filters below), which is what confirms it.
//  - PersistentVolumeClaims, PersistentVolumes and StorageClasses (only those some plugin
//    registered events for): adds and updates are cluster events for the queue, so pods the
//    volume plugins rejected are retried when a claim, volume or class appears or changes.
//    Deletions help no rejected pod, so they move nothing.
// Cache inconsistencies (events out of the order the cache expects) are reported through
// onError and otherwise ignored, as kube-scheduler logs them.

import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../api/types/core-v1.js';
import type { StorageClass } from '../api/types/storage-v1.js';
import { filteringResourceEventHandler, type SharedIndexInformer } from '../client/informer/shared-informer.js';
import { unwrapTombstone, type DeletedFinalStateUnknown } from '../client/informer/store.js';
import type { SchedulerCache } from './cache/cache.js';
import { EVENTS, nodeUpdateEvents, type ClusterEvent } from './framework/events.js';
import type { Framework } from './framework/framework.js';
import type { SchedulingQueue } from './queue/scheduling-queue.js';

export interface EventHandlerTarget {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly profiles: ReadonlyMap<string, Framework>;
  onError(err: unknown): void;
}

export function assignedPod(pod: Pod): boolean {
  return !!pod.spec?.nodeName;
}

export function responsibleForPod(pod: Pod, profiles: ReadonlyMap<string, Framework>): boolean {
  return profiles.has(pod.spec?.schedulerName ?? '');
}

export function registerEventHandlers(t: EventHandlerTarget, pods: SharedIndexInformer<Pod>, nodes: SharedIndexInformer<Node>): void {
  const guard = (fn: () => void): void => {
    try {
      fn();
    } catch (err) {
      t.onError(err);
    }
  };

  // Bound pods: the cache.
  pods.addEventHandler(
    filteringResourceEventHandler<Pod>(assignedPod, {
      onAdd: (pod) => {
        guard(() => t.cache.addPod(pod));
        t.queue.assignedPodAdded(pod);
      },
      onUpdate: (oldPod, newPod) => {
        if (oldPod.metadata.uid !== newPod.metadata.uid) {
          // Deleted and re-created under the same name, seen as one update.
          guard(() => t.cache.removePod(oldPod));
          guard(() => t.cache.addPod(newPod));
          t.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete, oldPod, undefined);
          t.queue.assignedPodAdded(newPod);
          return;
        }
        guard(() => t.cache.updatePod(oldPod, newPod));
        t.queue.assignedPodUpdated(oldPod, newPod);
      },
      onDelete: (obj: Pod | DeletedFinalStateUnknown<Pod>) => {
        const pod = unwrapTombstone(obj);
        guard(() => t.cache.removePod(pod));
        t.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete, pod, undefined);
      },
    }),
  );

  // Pending pods of our profiles: the queue.
  pods.addEventHandler(
    filteringResourceEventHandler<Pod>((pod) => !assignedPod(pod) && responsibleForPod(pod, t.profiles), {
      onAdd: (pod) => t.queue.add(pod),
      onUpdate: (oldPod, newPod) => {
        if (oldPod.metadata.resourceVersion === newPod.metadata.resourceVersion) return;
        // Being bound: the binding cycle owns it until the cache confirms or forgets it.
        if (t.cache.isAssumedPod(newPod)) return;
        t.queue.update(oldPod, newPod);
      },
      onDelete: (obj: Pod | DeletedFinalStateUnknown<Pod>) => {
        const pod = unwrapTombstone(obj);
        t.queue.delete(pod);
        const fwk = t.profiles.get(pod.spec?.schedulerName ?? '');
        // A pod held at Permit that is deleted was assumed: its room is free again.
        if (fwk?.rejectWaitingPod(pod.metadata.uid ?? '')) t.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete, pod, undefined);
      },
    }),
  );

  nodes.addEventHandler({
    onAdd: (node) => {
      guard(() => t.cache.addNode(node));
      t.queue.moveAllToActiveOrBackoffQueue(EVENTS.NodeAdd, undefined, node);
    },
    onUpdate: (oldNode, newNode) => {
      guard(() => t.cache.updateNode(oldNode, newNode));
      for (const event of nodeUpdateEvents(oldNode, newNode)) t.queue.moveAllToActiveOrBackoffQueue(event, oldNode, newNode);
    },
    onDelete: (obj) => {
      const node = unwrapTombstone(obj);
      guard(() => t.cache.removeNode(node));
      // Fewer nodes can lower a topology domain's minimum (PodTopologySpread).
      t.queue.moveAllToActiveOrBackoffQueue(EVENTS.NodeDelete, node, undefined);
    },
  });
}

/** The storage informers whose changes may make rejected pods schedulable. */
export interface StorageEventInformers {
  readonly claims?: SharedIndexInformer<PersistentVolumeClaim>;
  readonly volumes?: SharedIndexInformer<PersistentVolume>;
  readonly classes?: SharedIndexInformer<StorageClass>;
}

function moveOnChange<T extends { metadata: { resourceVersion?: string } }>(queue: SchedulingQueue, informer: SharedIndexInformer<T>, add: ClusterEvent, update: ClusterEvent): void {
  informer.addEventHandler({
    onAdd: (obj) => queue.moveAllToActiveOrBackoffQueue(add, undefined, obj),
    onUpdate: (oldObj, newObj) => {
      // A resync carries nothing new.
      if (oldObj.metadata.resourceVersion === newObj.metadata.resourceVersion) return;
      queue.moveAllToActiveOrBackoffQueue(update, oldObj, newObj);
    },
  });
}

export function registerStorageEventHandlers(queue: SchedulingQueue, informers: StorageEventInformers): void {
  if (informers.claims) moveOnChange(queue, informers.claims, EVENTS.PersistentVolumeClaimAdd, EVENTS.PersistentVolumeClaimUpdate);
  if (informers.volumes) moveOnChange(queue, informers.volumes, EVENTS.PersistentVolumeAdd, EVENTS.PersistentVolumeUpdate);
  if (informers.classes) moveOnChange(queue, informers.classes, EVENTS.StorageClassAdd, EVENTS.StorageClassUpdate);
}
