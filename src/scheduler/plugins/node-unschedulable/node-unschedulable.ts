// NodeUnschedulable: a cordoned node (spec.unschedulable) takes no new pods, unless the pod
// tolerates the node.kubernetes.io/unschedulable:NoSchedule taint.

import type { Node, Pod } from '../../../api/types/core-v1.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { tolerationsTolerateTaint } from '../helper/taints.js';
import { Names } from '../names.js';

export const ERR_REASON_UNSCHEDULABLE = 'node(s) were unschedulable';
export const TAINT_NODE_UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';

const UNSCHEDULABLE_TAINT = { key: TAINT_NODE_UNSCHEDULABLE, effect: 'NoSchedule' };

export class NodeUnschedulable implements FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodeUnschedulable;
  readonly #rejected = Status.unresolvable(ERR_REASON_UNSCHEDULABLE);

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (!nodeInfo.node?.spec?.unschedulable) return null;
    if (tolerationsTolerateTaint(pod.tolerations, UNSCHEDULABLE_TAINT)) return null;
    return this.#rejected;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        hint: (pod: Pod, oldObj, newObj) => {
          const node = newObj as Node;
          const old = oldObj as Node | undefined;
          const ok = !node.spec?.unschedulable || tolerationsTolerateTaint(pod.spec?.tolerations ?? [], UNSCHEDULABLE_TAINT);
          // An update matters only when it turned the node schedulable.
          if (ok && (!old || old.spec?.unschedulable)) return QueueingHint.Queue;
          return QueueingHint.QueueSkip;
        },
      },
    ];
  }
}

export function newNodeUnschedulable(): NodeUnschedulable {
  return new NodeUnschedulable();
}
