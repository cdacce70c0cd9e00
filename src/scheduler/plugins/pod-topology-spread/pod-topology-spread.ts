// PodTopologySpread (kube-scheduler 1.32 podtopologyspread): spreads pods over topology
// domains (zones, hosts, any node label) as their topologySpreadConstraints ask.
//  - DoNotSchedule constraints are hard: PreFilter counts matching pods per domain over all
//    nodes, Filter rejects a node whose domain would exceed maxSkew over the global minimum
//    (Unschedulable: removing pods may help) or that lacks a topology key (unresolvable).
//    PreFilterExtensions keep the counts right in what-if evaluations.
//  - ScheduleAnyway constraints are soft: PreScore/Score/NormalizeScore prefer nodes whose
//    domains hold fewer matching pods (scoring.ts).
//  - A pod without constraints of its own gets the default constraints (args.ts; by default
//    the system's ScheduleAnyway host and zone spreading), with a selector deduced from the
//    Services and controller selecting it (default-selector.ts); nothing selecting it means
//    no default spreading.
//  - Each point answers Skip when the pod has no constraints of that kind.
//  - Queueing hints: an assigned pod of the same namespace added, deleted or relabelled so
//    that it matches (or stops matching) a constraint's selector; a node added, deleted, or
//    updated in its topology labels or taints, when it carries the constraints' keys.
//
// The pod's own constraints are parsed once per Pod object (pods are immutable once in the
// informer's cache); default constraints are rebuilt each time, since the Services and
// controllers behind them change independently of the pod.

import type { Node, Pod, TopologySpreadConstraint } from '../../../api/types/core-v1.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import {
  MAX_NODE_SCORE,
  type EnqueueExtensions,
  type FilterPlugin,
  type Handle,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreFilterResult,
  type PreScorePlugin,
  type ScorePlugin,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { resolveArgs, type PodTopologySpreadArgs } from './args.js';
import { DO_NOT_SCHEDULE, labelsMatchAnyConstraint, NO_LABELS, nodeHasAllKeys, parseConstraints, SCHEDULE_ANYWAY, type Constraint, type UnsatisfiableAction } from './constraints.js';
import { defaultSelector, NO_SOURCES, sourcesFromInformers, type SelectorSources } from './default-selector.js';
import { computePreFilterState, FITS, MISSING_LABEL, type PreFilterState } from './filtering.js';
import { SpreadCaches } from './node-cache.js';
import { computePreScoreState, normalizeScores, scoreNode, type PreScoreState } from './scoring.js';

export const ERR_REASON_CONSTRAINTS_NOT_MATCH = "node(s) didn't match pod topology spread constraints";
export const ERR_REASON_NODE_LABEL_NOT_MATCH = `${ERR_REASON_CONSTRAINTS_NOT_MATCH} (missing required label)`;

const preFilterKey = stateKey<PreFilterState>(`PreFilter${Names.PodTopologySpread}`);
const preScoreKey = stateKey<PreScoreState>(`PreScore${Names.PodTopologySpread}`);

export interface PodTopologySpreadOptions {
  /** Every node of the cycle (the snapshot's); soft constraints count pods over them. Absent:
   *  the nodes PreScore is given. */
  readonly allNodes?: () => readonly NodeInfo[];
  /** Services and controllers for the default selector. Absent: none, so default
   *  constraints never apply. */
  readonly sources?: SelectorSources;
}

export class PodTopologySpread implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.PodTopologySpread;
  readonly #defaults: readonly TopologySpreadConstraint[];
  readonly #systemDefaulted: boolean;
  readonly #allNodes: (() => readonly NodeInfo[]) | undefined;
  readonly #sources: SelectorSources;
  /** The pod's own constraints, parsed, per Pod object and action. */
  readonly #parsed = { [DO_NOT_SCHEDULE]: new WeakMap<Pod, Constraint[]>(), [SCHEDULE_ANYWAY]: new WeakMap<Pod, Constraint[]>() };
  readonly #unsatisfied = Status.unschedulable(ERR_REASON_CONSTRAINTS_NOT_MATCH);
  readonly #missingLabel = Status.unresolvable(ERR_REASON_NODE_LABEL_NOT_MATCH);
  readonly #extensions: PreFilterExtensions;
  /** Domains and per-node counts carried from one cycle to the next (node-cache.ts). */
  readonly #caches = new SpreadCaches();

  /** Throws when args are invalid. */
  constructor(args?: PodTopologySpreadArgs, opts: PodTopologySpreadOptions = {}) {
    const resolved = resolveArgs(args);
    this.#defaults = resolved.defaultConstraints;
    this.#systemDefaulted = resolved.systemDefaulted;
    this.#allNodes = opts.allNodes;
    this.#sources = opts.sources ?? NO_SOURCES;
    this.#extensions = {
      addPod: (state, _pod, podToAdd, nodeInfo) => this.#updateWithPod(state, podToAdd, nodeInfo, 1),
      removePod: (state, _pod, podToRemove, nodeInfo) => this.#updateWithPod(state, podToRemove, nodeInfo, -1),
    };
  }

  // ---- constraints ----

  /** The constraints of one kind that apply to pod: its own, else the defaults. Throws on
   *  an invalid selector. */
  constraints(pod: Pod, action: UnsatisfiableAction): readonly Constraint[] {
    const own = pod.spec?.topologySpreadConstraints;
    if (own && own.length > 0) {
      const memo = this.#parsed[action];
      let parsed = memo.get(pod);
      if (!parsed) {
        parsed = parseConstraints(own, pod.metadata.labels ?? NO_LABELS, action);
        memo.set(pod, parsed);
      }
      return parsed;
    }
    return this.#defaultConstraints(pod, action);
  }

  #defaultConstraints(pod: Pod, action: UnsatisfiableAction): readonly Constraint[] {
    const parsed = parseConstraints(this.#defaults, pod.metadata.labels ?? NO_LABELS, action);
    if (parsed.length === 0) return parsed;
    const selector = defaultSelector(pod, this.#sources);
    if (selector.isEmpty()) return [];
    return parsed.map((c) => ({ ...c, selector }));
  }

  #constraintsOrError(pod: Pod, action: UnsatisfiableAction): readonly Constraint[] | Status {
    try {
      return this.constraints(pod, action);
    } catch (err) {
      const what = pod.spec?.topologySpreadConstraints?.length ? "obtaining pod's" : 'setting default';
      const kind = action === DO_NOT_SCHEDULE ? 'hard' : 'soft';
      return Status.error(new Error(`${what} ${kind} topology spread constraints: ${err instanceof Error ? err.message : String(err)}`));
    }
  }

  // ---- PreFilter / Filter ----

  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterResult | Status | null {
    const constraints = this.#constraintsOrError(pod.pod, DO_NOT_SCHEDULE);
    if (constraints instanceof Status) return constraints;
    if (constraints.length === 0) return Status.skip();
    state.write(preFilterKey, computePreFilterState(constraints, pod, nodes, this.#caches));
    return null;
  }

  preFilterExtensions(): PreFilterExtensions {
    return this.#extensions;
  }

  #updateWithPod(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, delta: 1 | -1): Status | null {
    const s = state.read(preFilterKey);
    if (!s) return Status.error(new Error(`reading "${preFilterKey.name}" from cycleState: not found`));
    s.updateWithPod(pod.pod, nodeInfo, delta);
    return null;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    let s = state.read(preFilterKey);
    if (!s) {
      // PreFilter did not run (an evaluation outside a scheduling cycle): count now.
      const r = this.preFilter(state, pod, this.#allNodes?.() ?? [nodeInfo]);
      if (r instanceof Status) return r.isSkip() ? null : r;
      s = state.read(preFilterKey)!;
    }
    const outcome = s.checkNode(nodeInfo);
    if (outcome === FITS) return null;
    return outcome === MISSING_LABEL ? this.#missingLabel : this.#unsatisfied;
  }

  // ---- PreScore / Score ----

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    const allNodes = this.#allNodes?.() ?? nodes;
    if (allNodes.length === 0) return Status.skip();
    const constraints = this.#constraintsOrError(pod.pod, SCHEDULE_ANYWAY);
    if (constraints instanceof Status) return constraints;
    if (constraints.length === 0) return Status.skip();
    // Only the system defaults let a node without a zone still be spread over by host.
    const requireAll = (pod.pod.spec?.topologySpreadConstraints?.length ?? 0) > 0 || !this.#systemDefaulted;
    state.write(preScoreKey, computePreScoreState(constraints, pod, nodes, allNodes, requireAll, this.#caches));
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    const s = state.read(preScoreKey);
    if (!s) return Status.error(new Error(`reading "${preScoreKey.name}" from cycleState: not found`));
    if (s.ignoredNames?.has(nodeInfo.name)) return 0;
    return scoreNode(s, nodeInfo);
  }

  scoreAll(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): Status | null {
    const s = state.read(preScoreKey);
    if (!s) return Status.error(new Error(`reading "${preScoreKey.name}" from cycleState: not found`));
    const ignored = s.ignored;
    for (let i = 0; i < nodes.length; i++) scores[i] = ignored[i] ? 0 : scoreNode(s, nodes[i]!);
    return null;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: Float64Array): Status | null {
    const s = state.read(preScoreKey);
    if (!s) return Status.error(new Error(`reading "${preScoreKey.name}" from cycleState: not found`));
    normalizeScores(s, scores, MAX_NODE_SCORE);
    return null;
  }

  // ---- queueing hints ----

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // Assigned pods coming, going, or relabelled change the counts (as 1.32).
      { event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete }, hint: (pod, oldObj, newObj) => this.podChangeHint(pod, oldObj as Pod | undefined, newObj as Pod | undefined) },
      // Nodes bring, take away or move domains; a taint change matters to nodeTaintsPolicy
      // Honor, and stands in for a node becoming ready after it was added.
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint },
        hint: (pod, oldObj, newObj) => this.nodeChangeHint(pod, oldObj as Node | undefined, newObj as Node | undefined),
      },
    ];
  }

  /** Whether an assigned pod's add (old undefined), update or delete (new undefined) may
   *  let pod, rejected by the hard constraints, fit. */
  podChangeHint(pod: Pod, oldPod: Pod | undefined, newPod: Pod | undefined): QueueingHint {
    if ((newPod && !involvedInSpreading(newPod, pod)) || (oldPod && !involvedInSpreading(oldPod, pod))) return QueueingHint.QueueSkip;
    const constraints = this.#constraintsOrError(pod, DO_NOT_SCHEDULE);
    if (constraints instanceof Status) return QueueingHint.Queue;
    if (oldPod && newPod) return updatedPodHint(pod, oldPod, newPod, constraints);
    const changed = newPod ?? oldPod;
    if (!changed) return QueueingHint.Queue;
    return labelsMatchAnyConstraint(constraints, changed.metadata.labels ?? NO_LABELS) ? QueueingHint.Queue : QueueingHint.QueueSkip;
  }

  /** Whether a node's add (old undefined), update or delete (new undefined) may let pod fit. */
  nodeChangeHint(pod: Pod, oldNode: Node | undefined, newNode: Node | undefined): QueueingHint {
    const constraints = this.#constraintsOrError(pod, DO_NOT_SCHEDULE);
    if (constraints instanceof Status) return QueueingHint.Queue;
    const oldMatching = !!oldNode && nodeHasAllKeys(oldNode.metadata.labels ?? NO_LABELS, constraints);
    const newMatching = !!newNode && nodeHasAllKeys(newNode.metadata.labels ?? NO_LABELS, constraints);
    if (oldNode && newNode) {
      if (oldMatching !== newMatching) return QueueingHint.Queue;
      if (newMatching && (topologyLabelsChanged(oldNode, newNode, constraints) || !sameTaints(oldNode, newNode))) return QueueingHint.Queue;
      return QueueingHint.QueueSkip;
    }
    return (newNode ? newMatching : oldMatching) ? QueueingHint.Queue : QueueingHint.QueueSkip;
  }
}

/** The changed pod can affect pod's spreading: it is pod itself, or an assigned pod of its
 *  namespace (only those are counted). */
function involvedInSpreading(changed: Pod, pod: Pod): boolean {
  if (changed.metadata.uid !== undefined && changed.metadata.uid === pod.metadata.uid) return true;
  return !!changed.spec?.nodeName && (changed.metadata.namespace ?? '') === (pod.metadata.namespace ?? '');
}

function updatedPodHint(pod: Pod, oldPod: Pod, newPod: Pod, constraints: readonly Constraint[]): QueueingHint {
  // The pod itself tolerating more may let in nodes a Honor taints policy left out.
  if (newPod.metadata.uid === pod.metadata.uid && !sameJSON(oldPod.spec?.tolerations, newPod.spec?.tolerations) && constraints.some((c) => c.honorNodeTaints)) {
    return QueueingHint.Queue;
  }
  const oldLabels = oldPod.metadata.labels ?? NO_LABELS;
  const newLabels = newPod.metadata.labels ?? NO_LABELS;
  if (sameJSON(oldLabels, newLabels)) return QueueingHint.QueueSkip;
  for (const c of constraints) if (c.selector.matches(oldLabels) !== c.selector.matches(newLabels)) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

function topologyLabelsChanged(oldNode: Node, newNode: Node, constraints: readonly Constraint[]): boolean {
  const a = oldNode.metadata.labels ?? NO_LABELS;
  const b = newNode.metadata.labels ?? NO_LABELS;
  for (const c of constraints) if (a[c.topologyKey] !== b[c.topologyKey]) return true;
  return false;
}

function sameTaints(a: Node, b: Node): boolean {
  const ta = a.spec?.taints ?? [];
  const tb = b.spec?.taints ?? [];
  return ta === tb || (ta.length === tb.length && sameJSON(ta, tb));
}

/** Equality of plain API data; key order of labels does not matter. */
function sameJSON(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a) && !Array.isArray(b)) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const ka = Object.keys(ra);
    if (ka.length !== Object.keys(rb).length) return false;
    for (const k of ka) if (!sameJSON(ra[k], rb[k])) return false;
    return true;
  }
  return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

/** The registry's factory: listers of Services, ReplicationControllers, ReplicaSets and
 *  StatefulSets from the scheduler's informers (none without a factory, as in unit tests). */
export function newPodTopologySpread(args: unknown, handle: Handle): PodTopologySpread {
  // Informers cost a list and a watch each: only ask for them when defaults can apply.
  const needsSources = resolveArgs(args).defaultConstraints.length > 0 && handle.informers !== undefined;
  const opts: PodTopologySpreadOptions = {
    allNodes: () => handle.snapshot().list(),
    ...(needsSources ? { sources: sourcesFromInformers(handle.informers!) } : {}),
  };
  return new PodTopologySpread(args as PodTopologySpreadArgs | undefined, opts);
}
