// NodeName: a pod that names its node (spec.nodeName) fits only that node.

import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import type { CycleState } from '../../framework/cycle-state.js';
import type { Node, Pod } from '../../../api/types/core-v1.js';
import { Names } from '../names.js';

export const ERR_REASON_NODE_NAME = "node(s) didn't match the requested node name";

export class NodeName implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodeName;
  readonly #rejected = Status.unresolvable(ERR_REASON_NODE_NAME);

  /** A pod naming no node passes every node: leave the Filter out of the cycle. */
  preFilter(_state: CycleState, pod: PodInfo): Status | null {
    return pod.pod.spec?.nodeName ? null : Status.skip();
  }

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const want = pod.pod.spec?.nodeName;
    if (!want || want === nodeInfo.name) return null;
    return this.#rejected;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add },
        hint: (pod: Pod, _old, added) => ((added as Node).metadata.name === pod.spec?.nodeName ? QueueingHint.Queue : QueueingHint.QueueSkip),
      },
    ];
  }
}

export function newNodeName(): NodeName {
  return new NodeName();
}
