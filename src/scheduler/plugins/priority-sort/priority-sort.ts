// PrioritySort: the default queue order — higher spec.priority first, then the pod queued
// earlier first.

import type { QueueSortPlugin } from '../../framework/interface.js';
import type { QueuedPodInfo } from '../../framework/pod-info.js';
import { Names } from '../names.js';

export class PrioritySort implements QueueSortPlugin {
  readonly name = Names.PrioritySort;

  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean {
    const pa = a.podInfo.priority;
    const pb = b.podInfo.priority;
    return pa > pb || (pa === pb && a.timestamp < b.timestamp);
  }
}

export function newPrioritySort(): PrioritySort {
  return new PrioritySort();
}
