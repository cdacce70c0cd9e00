// NodeAffinity: a pod goes only to nodes whose labels satisfy its spec.nodeSelector and its
// required node affinity (Filter), preferring nodes that match more of its preferred terms by
// weight (Score, normalized so the best node gets 100). Required terms that pin the pod to
// node names (matchFields metadata.name In) narrow the candidate nodes at PreFilter. A profile
// may add an affinity of its own (args.addedAffinity) that every pod must also satisfy.

import type { Node, NodeAffinity as NodeAffinitySpec, Pod } from '../../../api/types/core-v1.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import {
  MAX_NODE_SCORE,
  PreFilterResult,
  type EnqueueExtensions,
  type FilterPlugin,
  type PreFilterPlugin,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { defaultNormalizeScore } from '../helper/normalize-score.js';
import { CompiledNodeSelector, OBJECT_NAME_FIELD, PreferredSchedulingTerms, RequiredNodeAffinity } from '../helper/node-selector.js';
import { Names } from '../names.js';

export const ERR_REASON_POD = "node(s) didn't match Pod's node affinity/selector";
export const ERR_REASON_ENFORCED = "node(s) didn't match scheduler-enforced node affinity";
export const ERR_REASON_CONFLICT = 'pod affinity terms conflict';

export interface NodeAffinityArgs {
  /** Affinity every pod of the profile must also satisfy. */
  readonly addedAffinity?: NodeAffinitySpec;
}

const preFilterKey = stateKey<RequiredNodeAffinity>(`PreFilter${Names.NodeAffinity}`);
const preScoreKey = stateKey<PreferredSchedulingTerms>(`PreScore${Names.NodeAffinity}`);

export class NodeAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeAffinity;
  readonly #addedSelector: CompiledNodeSelector | null;
  readonly #addedPreferred: PreferredSchedulingTerms | null;
  readonly #rejected = Status.unresolvable(ERR_REASON_POD);
  readonly #rejectedEnforced = Status.unresolvable(ERR_REASON_ENFORCED);

  constructor(args: NodeAffinityArgs = {}) {
    const added = args.addedAffinity;
    this.#addedSelector = added?.requiredDuringSchedulingIgnoredDuringExecution ? new CompiledNodeSelector(added.requiredDuringSchedulingIgnoredDuringExecution) : null;
    const preferred = added?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    this.#addedPreferred = preferred.length > 0 ? new PreferredSchedulingTerms(preferred) : null;
  }

  preFilter(state: CycleState, pod: PodInfo): PreFilterResult | Status | null {
    const spec = pod.pod.spec;
    const required = spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution;
    const hasSelector = !!spec?.nodeSelector && Object.keys(spec.nodeSelector).length > 0;
    if (!required && !this.#addedSelector && !hasSelector) return Status.skip();
    state.write(preFilterKey, new RequiredNodeAffinity(pod.pod));
    const terms = required?.nodeSelectorTerms ?? [];
    if (terms.length === 0) return null;
    // Terms are ORed; within a term, name requirements are ANDed.
    let names: Set<string> | undefined;
    for (const t of terms) {
      let termNames: Set<string> | undefined;
      for (const r of t.matchFields ?? []) {
        if (r.key !== OBJECT_NAME_FIELD || r.operator !== 'In') continue;
        const s = new Set(r.values ?? []);
        termNames = termNames ? new Set([...termNames].filter((n) => s.has(n))) : s;
      }
      // A term without a name requirement allows every node.
      if (!termNames) return null;
      names = names ? new Set([...names, ...termNames]) : termNames;
    }
    if (names && names.size === 0) return Status.unresolvable(ERR_REASON_CONFLICT);
    return names ? new PreFilterResult(names) : null;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const node = nodeInfo.node!;
    if (this.#addedSelector && !this.#addedSelector.match(node)) return this.#rejectedEnforced;
    let required = state.read(preFilterKey);
    if (!required) {
      // PreFilter did not run (a what-if evaluation): compute here.
      required = new RequiredNodeAffinity(pod.pod);
      state.write(preFilterKey, required);
    }
    return required.match(node) ? null : this.#rejected;
  }

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return null;
    const preferred = pod.pod.spec?.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [];
    if (preferred.length === 0 && !this.#addedPreferred) return Status.skip();
    const terms = new PreferredSchedulingTerms(preferred);
    if (terms.errors.length > 0) return Status.error(terms.errors[0]);
    state.write(preScoreKey, terms);
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    const node = nodeInfo.node!;
    let s = 0;
    if (this.#addedPreferred) s += this.#addedPreferred.score(node);
    const terms = state.read(preScoreKey);
    if (terms) s += terms.score(node);
    return s;
  }

  normalizeScore(_state: CycleState, _pod: PodInfo, scores: Float64Array): Status | null {
    return defaultNormalizeScore(MAX_NODE_SCORE, false, scores);
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel },
        hint: (pod: Pod, oldObj, newObj) => {
          const node = newObj as Node;
          if (this.#addedSelector && !this.#addedSelector.match(node)) return QueueingHint.QueueSkip;
          const required = new RequiredNodeAffinity(pod);
          if (!required.match(node)) return QueueingHint.QueueSkip;
          if (oldObj === undefined) return QueueingHint.Queue;
          return required.match(oldObj as Node) ? QueueingHint.QueueSkip : QueueingHint.Queue;
        },
      },
    ];
  }
}

export function newNodeAffinity(args: unknown): NodeAffinity {
  return new NodeAffinity((args ?? {}) as NodeAffinityArgs);
}
