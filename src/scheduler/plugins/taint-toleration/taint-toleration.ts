// TaintToleration: a node's NoSchedule and NoExecute taints keep off every pod that does not
// tolerate them (Filter); PreferNoSchedule taints the pod does not tolerate lower the node's
// score, fewest untolerated first (Score, reversed normalization). Evicting running pods for
// NoExecute taints is the node lifecycle controller's business, not the scheduler's.

import type { Node, Pod, Taint, Toleration } from '../../../api/types/core-v1.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import { MAX_NODE_SCORE, type EnqueueExtensions, type FilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { findUntoleratedTaint, tolerationsTolerateTaint } from '../helper/taints.js';
import { Names } from '../names.js';

const preScoreKey = stateKey<readonly Toleration[]>(`PreScore${Names.TaintToleration}`);

function doNotScheduleTaints(node: Node | undefined): Taint[] {
  return (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
}

export class TaintToleration implements FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.TaintToleration;
  /** One Status per distinct message: rejections of many nodes share them. */
  readonly #statuses = new Map<string, Status>();

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (nodeInfo.noScheduleTaints.length === 0) return null;
    const taint = findUntoleratedTaint(nodeInfo.noScheduleTaints, pod.tolerations);
    if (!taint) return null;
    const reason = `node(s) had untolerated taint {${taint.key}: ${taint.value ?? ''}}`;
    let s = this.#statuses.get(reason);
    if (!s) {
      if (this.#statuses.size > 1000) this.#statuses.clear();
      this.#statuses.set(reason, (s = Status.unresolvable(reason)));
    }
    return s;
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    // Without PreferNoSchedule taints every node would score the same (100 after the
    // reversed normalization): leaving the plugin out changes no ranking, and saves a pass.
    let any = false;
    for (const n of nodes) {
      if (n.preferNoScheduleTaints.length > 0) {
        any = true;
        break;
      }
    }
    if (!any) return Status.skip();
    state.write(
      preScoreKey,
      pod.tolerations.filter((t) => !t.effect || t.effect === 'PreferNoSchedule'),
    );
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    const taints = nodeInfo.preferNoScheduleTaints;
    if (taints.length === 0) return 0;
    const tolerations = state.read(preScoreKey) ?? [];
    let n = 0;
    for (const t of taints) if (!tolerationsTolerateTaint(tolerations, t)) n++;
    return n;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): Status | null {
    return defaultNormalizeScore(MAX_NODE_SCORE, true, scores);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeTaint },
        hint: (pod: Pod, oldObj, newObj) => {
          const tolerations = pod.spec?.tolerations ?? [];
          const was = oldObj === undefined || findUntoleratedTaint(doNotScheduleTaints(oldObj as Node), tolerations) !== undefined;
          const is = findUntoleratedTaint(doNotScheduleTaints(newObj as Node), tolerations) !== undefined;
          return was && !is ? QueueingHint.Queue : QueueingHint.QueueSkip;
        },
      },
    ];
  }
}

export function newTaintToleration(): TaintToleration {
  return new TaintToleration();
}
