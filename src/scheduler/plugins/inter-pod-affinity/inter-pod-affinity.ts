// InterPodAffinity (kube-scheduler 1.32 plugins/interpodaffinity): places a pod relative to
// the pods already running, by topology domain (nodes sharing a label value).
//
// Contract:
//  - PreFilter counts, per domain, the existing pods relevant to the pod's required terms and
//    the existing pods whose required anti-affinity selects the pod (filtering.ts). Skip when
//    the pod has no required terms and no existing anti-affinity selects it.
//  - Filter rejects, in this order and with kube-scheduler's reasons and codes:
//      affinity not satisfied            -> UnschedulableAndUnresolvable
//      the pod's anti-affinity violated  -> Unschedulable
//      an existing pod's anti-affinity   -> Unschedulable
//  - PreFilterExtensions addPod / removePod apply one pod's delta to the counts (preemption,
//    nominated pods). They need this cycle's PreFilter state: a framework must not call them
//    for a cycle whose PreFilter answered Skip (kube-scheduler does not either).
//  - PreScore / Score / NormalizeScore rank by preferred terms (scoring.ts); Skip when there
//    are no candidate nodes, when ignorePreferredTermsOfExistingPods is set and the pod has
//    no preferred terms, or when no domain got any weight.
//  - The incoming pod's namespaceSelectors are resolved to names once per cycle; existing
//    pods' namespaceSelectors are matched against the labels of the incoming pod's namespace.
//  - Existing pods are looked up through a ClusterIndex kept in step with the snapshot across
//    cycles (cluster-index.ts) rather than walked node by node every cycle.
//  - Queueing hints follow 1.32, plus requeues 1.32 misses for pods kept out by existing
//    pods' anti-affinity (the deletion of such a pod; any node change for a pod without
//    required terms of its own).
//  - Args: hardPodAffinityWeight (integer 0..100, default 1) and
//    ignorePreferredTermsOfExistingPods (default false); anything else throws when the
//    plugin is made.

import type { Namespace, Node, Pod } from '../../../api/types/core-v1.js';
import { builtinRef } from '../../../client/builtin-resources.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type {
  EnqueueExtensions,
  FilterPlugin,
  Handle,
  PreFilterExtensions,
  PreFilterPlugin,
  PreFilterResult,
  PreScorePlugin,
  ScorePlugin,
} from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
  PreFilterState,
} from './filtering.js';
import { ClusterIndex } from './cluster-index.js';
import { computeTopologyScores, normalizeMinMax } from './scoring.js';
import type { TopologyCounts } from './topology-counts.js';
import {
  labelValue,
  matchesAllTerms,
  namespaceSourceFromLister,
  namespaceSourceFromMap,
  resolveAll,
  resolveAllWeighted,
  termsOf,
  type AffinityTerm,
  type NamespaceSource,
} from './terms.js';

export {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH,
} from './filtering.js';
export { namespaceSourceFromMap, type NamespaceSource } from './terms.js';

export const DEFAULT_HARD_POD_AFFINITY_WEIGHT = 1;
export const MIN_HARD_POD_AFFINITY_WEIGHT = 0;
export const MAX_HARD_POD_AFFINITY_WEIGHT = 100;

export interface InterPodAffinityArgs {
  readonly hardPodAffinityWeight?: number;
  readonly ignorePreferredTermsOfExistingPods?: boolean;
}

const ARG_FIELDS: ReadonlySet<string> = new Set(['hardPodAffinityWeight', 'ignorePreferredTermsOfExistingPods', 'apiVersion', 'kind']);

/** The args with defaults applied; throws on anything kube-scheduler would refuse. */
export function validateArgs(raw: unknown): Required<InterPodAffinityArgs> {
  if (raw === undefined || raw === null) return { hardPodAffinityWeight: DEFAULT_HARD_POD_AFFINITY_WEIGHT, ignorePreferredTermsOfExistingPods: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new Error(`${Names.InterPodAffinity} args: want an object, got ${JSON.stringify(raw)}`);
  const args = raw as Record<string, unknown>;
  for (const k of Object.keys(args)) if (!ARG_FIELDS.has(k)) throw new Error(`${Names.InterPodAffinity} args: unknown field "${k}"`);
  if (args['kind'] !== undefined && args['kind'] !== 'InterPodAffinityArgs') {
    throw new Error(`${Names.InterPodAffinity} args: want kind InterPodAffinityArgs, got ${JSON.stringify(args['kind'])}`);
  }
  const w = args['hardPodAffinityWeight'] ?? DEFAULT_HARD_POD_AFFINITY_WEIGHT;
  if (typeof w !== 'number' || !Number.isInteger(w)) throw new Error(`${Names.InterPodAffinity} args: hardPodAffinityWeight: want an integer, got ${JSON.stringify(w)}`);
  if (w < MIN_HARD_POD_AFFINITY_WEIGHT || w > MAX_HARD_POD_AFFINITY_WEIGHT) {
    throw new Error(`hardPodAffinityWeight: Invalid value: ${w}: not in valid range [${MIN_HARD_POD_AFFINITY_WEIGHT}, ${MAX_HARD_POD_AFFINITY_WEIGHT}]`);
  }
  const ignore = args['ignorePreferredTermsOfExistingPods'] ?? false;
  if (typeof ignore !== 'boolean') throw new Error(`${Names.InterPodAffinity} args: ignorePreferredTermsOfExistingPods: want a boolean, got ${JSON.stringify(ignore)}`);
  return { hardPodAffinityWeight: w, ignorePreferredTermsOfExistingPods: ignore };
}

const preFilterKey = stateKey<PreFilterState>(`PreFilter${Names.InterPodAffinity}`);
const preScoreKey = stateKey<TopologyCounts>(`PreScore${Names.InterPodAffinity}`);

function missingState(key: { name: string }): Status {
  return Status.error(new Error(`reading "${key.name}" from cycleState: not found`));
}

export class InterPodAffinity implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions, PreFilterExtensions {
  readonly name = Names.InterPodAffinity;
  readonly args: Required<InterPodAffinityArgs>;
  readonly #handle: Pick<Handle, 'snapshot'>;
  readonly #namespaces: NamespaceSource;
  /** The snapshot's pods as this plugin looks them up, kept in step at PreFilter and PreScore. */
  readonly #index = new ClusterIndex();
  /** The cycle the index was last synced for: the snapshot does not change within one. */
  #syncedFor: CycleState | null = null;
  // One Status per reason, shared by every rejected node.
  readonly #affinityRejected = Status.unresolvable(ERR_REASON_AFFINITY_RULES_NOT_MATCH);
  readonly #antiAffinityRejected = Status.unschedulable(ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH);
  readonly #existingAntiAffinityRejected = Status.unschedulable(ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH);

  constructor(args: unknown, handle: Pick<Handle, 'snapshot'>, namespaces: NamespaceSource = namespaceSourceFromMap({})) {
    this.args = validateArgs(args);
    this.#handle = handle;
    this.#namespaces = namespaces;
  }

  #sync(state: CycleState): void {
    if (this.#syncedFor === state) return;
    this.#index.sync(this.#handle.snapshot().list());
    this.#syncedFor = state;
  }

  // ---- PreFilter / Filter ----

  preFilter(state: CycleState, pod: PodInfo): PreFilterResult | Status | null {
    // No terms of its own and no pod anywhere with required anti-affinity: nothing to count
    // (the common case; the cache keeps that list, so the index need not be synced).
    if (!pod.hasAffinity && this.#handle.snapshot().havePodsWithRequiredAntiAffinityList().length === 0) return Status.skip();
    const terms = termsOf(pod.pod);
    if (terms.errors.length > 0) return Status.unresolvable(`parsing pod: ${terms.errors.join(', ')}`);
    const s = new PreFilterState(
      pod,
      resolveAll(terms.requiredAffinity, this.#namespaces),
      resolveAll(terms.requiredAntiAffinity, this.#namespaces),
      this.#namespaces.namespaceLabels(pod.namespace),
    );
    this.#sync(state);
    s.countExistingAntiAffinity(this.#index);
    s.countIncoming(this.#index);
    if (s.existingAntiAffinity.size === 0 && s.requiredAffinity.length === 0 && s.requiredAntiAffinity.length === 0) return Status.skip();
    state.write(preFilterKey, s);
    return null;
  }

  preFilterExtensions(): PreFilterExtensions {
    return this;
  }

  addPod(state: CycleState, _podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.#update(state, podToAdd, nodeInfo, 1);
  }

  removePod(state: CycleState, _podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.#update(state, podToRemove, nodeInfo, -1);
  }

  #update(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, multiplier: 1 | -1): Status | null {
    const s = state.read(preFilterKey);
    if (!s) return missingState(preFilterKey);
    s.updateWithPod(pod, nodeInfo.node, multiplier);
    return null;
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read(preFilterKey);
    if (!s) return missingState(preFilterKey);
    const node = nodeInfo.node;
    if (!node) return Status.error(new Error('node not found'));
    const labels = node.metadata.labels;
    if (!s.satisfiesAffinity(labels)) return this.#affinityRejected;
    if (!s.satisfiesAntiAffinity(labels)) return this.#antiAffinityRejected;
    if (!s.satisfiesExistingAntiAffinity(labels)) return this.#existingAntiAffinityRejected;
    return null;
  }

  // ---- PreScore / Score ----

  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    if (nodes.length === 0) return Status.skip();
    const podAffinity = pod.pod.spec?.affinity;
    const hasPreferred =
      (podAffinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0 ||
      (podAffinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
    if (this.args.ignorePreferredTermsOfExistingPods && !hasPreferred) return Status.skip();
    // Without preferred terms only pods with affinity terms weigh (kube-scheduler then looks
    // at havePodsWithAffinity nodes only): none anywhere, nothing to score.
    if (!hasPreferred && this.#handle.snapshot().havePodsWithAffinityList().length === 0) return Status.skip();
    const terms = termsOf(pod.pod);
    if (terms.errors.length > 0) return Status.error(new Error(`failed to parse pod: ${terms.errors.join(', ')}`));
    this.#sync(state);
    const scores = computeTopologyScores(
      {
        pod,
        preferredAffinity: resolveAllWeighted(terms.preferredAffinity, this.#namespaces),
        preferredAntiAffinity: resolveAllWeighted(terms.preferredAntiAffinity, this.#namespaces),
        namespaceLabels: this.#namespaces.namespaceLabels(pod.namespace),
        hardPodAffinityWeight: this.args.hardPodAffinityWeight,
      },
      this.#index,
    );
    if (scores.isEmpty()) return Status.skip();
    state.write(preScoreKey, scores);
    return null;
  }

  score(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    const s = state.read(preScoreKey);
    if (!s) return missingState(preScoreKey);
    return s.sum(nodeInfo.node?.metadata.labels);
  }

  scoreAll(state: CycleState, _pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): Status | null {
    const s = state.read(preScoreKey);
    if (!s) return missingState(preScoreKey);
    for (let i = 0; i < nodes.length; i++) scores[i] = s.sum(nodes[i]!.node?.metadata.labels);
    return null;
  }

  normalizeScore(state: CycleState, _pod: PodInfo, scores: Float64Array): Status | null {
    const s = state.read(preScoreKey);
    if (!s) return missingState(preScoreKey);
    if (s.isEmpty()) return null;
    normalizeMinMax(scores);
    return null;
  }

  // ---- queueing hints ----

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // As 1.32: a bound pod's status writes do not wake pods this plugin rejected.
      { event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete }, hint: (pod, o, n) => podChangeHint(pod, o as Pod | undefined, n as Pod | undefined) },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel }, hint: (pod, o, n) => nodeChangeHint(pod, o as Node | undefined, n as Node) },
    ];
  }
}

function bound(p: Pod | undefined): boolean {
  return p === undefined || !!p.spec?.nodeName;
}

/** A term of the target pod no longer, or newly, selecting a bound pod. */
export function podChangeHint(pod: Pod, oldPod: Pod | undefined, newPod: Pod | undefined): QueueingHint {
  // Pods not on a node are in no domain: they change nothing.
  if (!bound(oldPod) || !bound(newPod)) return QueueingHint.QueueSkip;
  const terms = termsOf(pod);
  const affinity = terms.requiredAffinity;
  const anti = terms.requiredAntiAffinity;
  if (oldPod && newPod) {
    if (!matchesAllTerms(affinity, oldPod) && matchesAllTerms(affinity, newPod)) return QueueingHint.Queue;
    if (matchesAllTerms(anti, oldPod) && !matchesAllTerms(anti, newPod)) return QueueingHint.Queue;
    return QueueingHint.QueueSkip;
  }
  if (newPod) return matchesAllTerms(affinity, newPod) ? QueueingHint.Queue : QueueingHint.QueueSkip;
  if (!oldPod) return QueueingHint.Queue;
  if (matchesAllTerms(anti, oldPod)) return QueueingHint.Queue;
  // Beyond 1.32's hint: the deleted pod's own anti-affinity may have been what kept the
  // target out ("existing pods anti-affinity"); without this the target waits for the
  // periodic flush of unschedulable pods.
  return deletedPodRepelledTarget(oldPod, pod) ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

function deletedPodRepelledTarget(deleted: Pod, target: Pod): boolean {
  const ns = target.metadata.namespace ?? '';
  const labels = target.metadata.labels;
  // The target's namespace labels are unknown here: a selector needing them counts as a match.
  const anyNamespace = (t: AffinityTerm): boolean => t.namespaces.has(ns) || !t.namespaceSelector.matchesNothing();
  return termsOf(deleted).requiredAntiAffinity.some((t) => anyNamespace(t) && t.selector.matches(labels));
}

/** A node entering, or changing, a domain the target pod's required terms look at. */
export function nodeChangeHint(pod: Pod, oldNode: Node | undefined, newNode: Node): QueueingHint {
  const terms = termsOf(pod);
  // Beyond 1.32's hint: a pod without required terms was kept out only by existing pods'
  // anti-affinity, which a new node, or a node leaving a domain, may escape.
  if (terms.requiredAffinity.length === 0 && terms.requiredAntiAffinity.length === 0) return QueueingHint.Queue;
  const newLabels = newNode.metadata.labels;
  const oldLabels = oldNode?.metadata.labels;
  for (const t of terms.requiredAffinity) {
    const now = labelValue(newLabels, t.topologyKey);
    if (now === undefined) continue;
    // A new node in some domain, a node joining one, or one moving between domains.
    if (!oldNode) return QueueingHint.Queue;
    const before = labelValue(oldLabels, t.topologyKey);
    if (before !== now) return QueueingHint.Queue;
  }
  for (const t of terms.requiredAntiAffinity) {
    // Any new node may be free of the pods the target avoids; working out which domain it
    // joins is beyond a hint.
    if (!oldNode) return QueueingHint.Queue;
    const before = labelValue(oldLabels, t.topologyKey);
    if (before === undefined) continue;
    // Leaving a domain, or moving to another one.
    if (labelValue(newLabels, t.topologyKey) !== before) return QueueingHint.Queue;
  }
  return QueueingHint.QueueSkip;
}

/** The plugin with the scheduler's Namespace lister, when the framework has informers. */
export function newInterPodAffinity(args: unknown, handle: Handle): InterPodAffinity {
  const namespaces = handle.informers ? namespaceSourceFromLister(handle.informers.listerFor<Namespace>(builtinRef('', 'namespaces'))) : namespaceSourceFromMap({});
  return new InterPodAffinity(args, handle, namespaces);
}
