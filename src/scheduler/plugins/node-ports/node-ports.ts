// NodePorts: a pod asking for host ports goes only to nodes where none of them is taken by
// another pod (same protocol and port, on the same host IP or either side on 0.0.0.0).

import type { Pod } from '../../../api/types/core-v1.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, PreFilterPlugin } from '../../framework/interface.js';
import { HostPortInfo, type NodeInfo } from '../../framework/node-info.js';
import { podHostPorts, type HostPort, type PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';

export const ERR_REASON_PORTS = "node(s) didn't have free ports for the requested pod ports";

const preFilterKey = stateKey<readonly HostPort[]>(`PreFilter${Names.NodePorts}`);

export function fitsPorts(want: readonly HostPort[], used: HostPortInfo): boolean {
  for (const p of want) if (used.conflicts(p)) return false;
  return true;
}

export class NodePorts implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.NodePorts;
  readonly #rejected = Status.unschedulable(ERR_REASON_PORTS);

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    if (pod.hostPorts.length === 0) return Status.skip();
    state.write(preFilterKey, pod.hostPorts);
    return null;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const want = state.read(preFilterKey) ?? pod.hostPorts;
    return fitsPorts(want, nodeInfo.usedPorts) ? null : this.#rejected;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        // Container ports are immutable, so only a deletion can free one.
        event: { resource: 'Pod', actionType: ActionType.Delete },
        hint: (pod: Pod, deleted) => {
          const d = deleted as Pod;
          if (!d.spec?.nodeName) return QueueingHint.QueueSkip;
          const used = new HostPortInfo();
          for (const p of podHostPorts(d)) used.add(p);
          return fitsPorts(podHostPorts(pod), used) ? QueueingHint.QueueSkip : QueueingHint.Queue;
        },
      },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.Update } },
    ];
  }
}

export function newNodePorts(): NodePorts {
  return new NodePorts();
}
