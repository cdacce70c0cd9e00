// SchedulingGates: a pod with spec.schedulingGates is held out of the active queue (it is
// not even tried) until its gates are all removed, which arrives as an update of the pod.

import type { PreEnqueuePlugin } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export class SchedulingGates implements PreEnqueuePlugin {
  readonly name = Names.SchedulingGates;

  preEnqueue(pod: PodInfo): Status | null {
    const gates = pod.pod.spec?.schedulingGates ?? [];
    if (gates.length === 0) return null;
    return Status.unresolvable(`waiting for scheduling gates: [${gates.map((g) => g.name).join(' ')}]`);
  }
}

export function newSchedulingGates(): SchedulingGates {
  return new SchedulingGates();
}
