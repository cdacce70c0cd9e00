// scheduling.k8s.io/v1 defaults, as Kubernetes 1.32 fills them: a PriorityClass's pods may
// preempt lower-priority pods unless it says Never.

import { defaultPointer, type Obj } from './values.js';

export const SCHEDULING_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  PriorityClass: (pc) => defaultPointer(pc, 'preemptionPolicy', 'PreemptLowerPriority'),
};
