// NodeResourcesFit: a pod goes only to nodes with room for its requests (Filter): cpu,
// memory, ephemeral-storage, every extended/hugepages resource it asks for, and one more pod
// than the node holds. Among those, the scoring strategy ranks nodes (Score):
// LeastAllocated (default: spread, the emptier the better) or MostAllocated (bin-pack), over
// weighted resources (default cpu and memory, weight 1 each), on requests with the spreading
// defaults (100m / 200Mi) for containers that name none.
//
// Messages (Filter reasons, in this order): "Too many pods", "Insufficient cpu",
// "Insufficient memory", "Insufficient ephemeral-storage", "Insufficient <resource>".

import type { Node, Pod } from '../../../api/types/core-v1.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import { MAX_NODE_SCORE, type EnqueueExtensions, type FilterPlugin, type PreFilterPlugin, type PreScorePlugin, type ScorePlugin } from '../../framework/interface.js';
import { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { isExtendedResourceName, podRequests, Resource } from '../../framework/resource.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { ResourceAllocationScorer, type ResourceSpec } from '../helper/resource-allocation.js';

export type ScoringStrategyType = 'LeastAllocated' | 'MostAllocated';

export interface NodeResourcesFitArgs {
  readonly ignoredResources?: readonly string[];
  readonly ignoredResourceGroups?: readonly string[];
  readonly scoringStrategy?: { readonly type?: ScoringStrategyType; readonly resources?: readonly ResourceSpec[] };
}

export const DEFAULT_SCORING_RESOURCES: readonly ResourceSpec[] = [
  { name: 'cpu', weight: 1 },
  { name: 'memory', weight: 1 },
];

export interface InsufficientResource {
  readonly resourceName: string;
  readonly reason: string;
  readonly requested: number;
  readonly used: number;
  readonly capacity: number;
}

const preFilterKey = stateKey<Resource>(`PreFilter${Names.NodeResourcesFit}`);

/** What does not fit (fitsRequest); empty when the pod fits. */
export function fitsRequest(req: Resource, nodeInfo: NodeInfo, ignored?: ReadonlySet<string>, ignoredGroups?: ReadonlySet<string>): InsufficientResource[] {
  const out: InsufficientResource[] = [];
  const alloc = nodeInfo.allocatable;
  const used = nodeInfo.requested;
  if (nodeInfo.pods.length + 1 > alloc.allowedPodNumber) {
    out.push({ resourceName: 'pods', reason: 'Too many pods', requested: 1, used: nodeInfo.pods.length, capacity: alloc.allowedPodNumber });
  }
  if (req.isZero()) return out;
  if (req.milliCPU > 0 && req.milliCPU > alloc.milliCPU - used.milliCPU) {
    out.push({ resourceName: 'cpu', reason: 'Insufficient cpu', requested: req.milliCPU, used: used.milliCPU, capacity: alloc.milliCPU });
  }
  if (req.memory > 0 && req.memory > alloc.memory - used.memory) {
    out.push({ resourceName: 'memory', reason: 'Insufficient memory', requested: req.memory, used: used.memory, capacity: alloc.memory });
  }
  if (req.ephemeralStorage > 0 && req.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
    out.push({
      resourceName: 'ephemeral-storage',
      reason: 'Insufficient ephemeral-storage',
      requested: req.ephemeralStorage,
      used: used.ephemeralStorage,
      capacity: alloc.ephemeralStorage,
    });
  }
  if (req.scalar) {
    for (const [name, q] of req.scalar) {
      if (q === 0) continue;
      if (isExtendedResourceName(name)) {
        if (ignored?.has(name)) continue;
        if (ignoredGroups && ignoredGroups.size > 0 && ignoredGroups.has(name.split('/')[0]!)) continue;
      }
      const free = alloc.scalarValue(name) - used.scalarValue(name);
      if (q > free) out.push({ resourceName: name, reason: `Insufficient ${name}`, requested: q, used: used.scalarValue(name), capacity: alloc.scalarValue(name) });
    }
  }
  return out;
}

/** Whether pod would fit node were the node empty (for queueing hints). */
function fitsEmptyNode(pod: Pod, node: Node): boolean {
  return fitsRequest(podRequests(pod), new NodeInfo(node.metadata.name ?? '', node)).length === 0;
}

export class NodeResourcesFit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {
  readonly name = Names.NodeResourcesFit;
  readonly #ignored: ReadonlySet<string>;
  readonly #ignoredGroups: ReadonlySet<string>;
  readonly #scorer: ResourceAllocationScorer;
  /** One Status per distinct reason list: rejections of many nodes share them. */
  readonly #statuses = new Map<string, Status>();

  constructor(args: NodeResourcesFitArgs = {}) {
    this.#ignored = new Set(args.ignoredResources ?? []);
    this.#ignoredGroups = new Set(args.ignoredResourceGroups ?? []);
    const strategy = args.scoringStrategy?.type ?? 'LeastAllocated';
    const resources = args.scoringStrategy?.resources ?? DEFAULT_SCORING_RESOURCES;
    const most = strategy === 'MostAllocated';
    this.#scorer = new ResourceAllocationScorer(this.name, resources, false, most ? mostAllocatedScore : leastAllocatedScore, most ? mostAllocatedPair : leastAllocatedPair);
  }

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    state.write(preFilterKey, pod.requests);
    return null;
  }

  filter(_state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    // What PreFilter recorded is the pod's precomputed requests: read them directly.
    const req = pod.requests;
    // The common case, inlined: enough of everything.
    const alloc = nodeInfo.allocatable;
    const used = nodeInfo.requested;
    if (
      nodeInfo.pods.length < alloc.allowedPodNumber &&
      req.milliCPU <= alloc.milliCPU - used.milliCPU &&
      req.memory <= alloc.memory - used.memory &&
      req.ephemeralStorage <= alloc.ephemeralStorage - used.ephemeralStorage &&
      !req.scalar
    ) {
      return null;
    }
    const insufficient = fitsRequest(req, nodeInfo, this.#ignored, this.#ignoredGroups);
    if (insufficient.length === 0) return null;
    const reasons = insufficient.map((r) => r.reason);
    const key = reasons.join('\n');
    let s = this.#statuses.get(key);
    if (!s) {
      if (this.#statuses.size > 1000) this.#statuses.clear();
      this.#statuses.set(key, (s = Status.unschedulable(...reasons)));
    }
    return s;
  }

  preScore(state: CycleState, pod: PodInfo): Status | null {
    this.#scorer.preScore(state, pod);
    return null;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number | Status {
    return this.#scorer.score(state, pod, nodeInfo);
  }

  scoreAll(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): Status | null {
    this.#scorer.scoreAll(state, pod, nodes, scores);
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      {
        event: { resource: 'Pod', actionType: ActionType.Delete },
        // Any bound pod going away may free what the pod needs.
        hint: (_pod, deleted) => ((deleted as Pod).spec?.nodeName ? QueueingHint.Queue : QueueingHint.QueueSkip),
      },
      {
        event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeAllocatable | ActionType.UpdateNodeTaint | ActionType.UpdateNodeLabel },
        hint: (pod: Pod, oldObj, newObj) => {
          const node = newObj as Node;
          if (!fitsEmptyNode(pod, node)) return QueueingHint.QueueSkip;
          if (oldObj === undefined) return QueueingHint.Queue;
          return anyRequestedResourceIncreased(pod, oldObj as Node, node) ? QueueingHint.Queue : QueueingHint.QueueSkip;
        },
      },
    ];
  }
}

function anyRequestedResourceIncreased(pod: Pod, oldNode: Node, newNode: Node): boolean {
  const req = podRequests(pod);
  const before = Resource.fromList(oldNode.status?.allocatable);
  const after = Resource.fromList(newNode.status?.allocatable);
  if (after.allowedPodNumber > before.allowedPodNumber) return true;
  if (req.milliCPU > 0 && after.milliCPU > before.milliCPU) return true;
  if (req.memory > 0 && after.memory > before.memory) return true;
  if (req.ephemeralStorage > 0 && after.ephemeralStorage > before.ephemeralStorage) return true;
  if (req.scalar) for (const [name, q] of req.scalar) if (q > 0 && after.scalarValue(name) > before.scalarValue(name)) return true;
  return false;
}

/** (allocatable - requested) * 100 / allocatable; 0 when over-requested. */
export function leastRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0 || requested > capacity) return 0;
  return Math.trunc(((capacity - requested) * MAX_NODE_SCORE) / capacity);
}

/** requested * 100 / allocatable, requests capped at the allocatable. */
export function mostRequestedScore(requested: number, capacity: number): number {
  if (capacity === 0) return 0;
  if (requested > capacity) requested = capacity;
  return Math.trunc((requested * MAX_NODE_SCORE) / capacity);
}

/** The weighted average of per-resource scores (integer division, as Go's int64). */
function weightedScore(most: boolean, requested: Float64Array, allocatable: Float64Array, weights: readonly number[]): number {
  let score = 0;
  let weightSum = 0;
  for (let i = 0; i < requested.length; i++) {
    const cap = allocatable[i]!;
    if (cap === 0) continue;
    const w = weights[i]!;
    score += (most ? mostRequestedScore(requested[i]!, cap) : leastRequestedScore(requested[i]!, cap)) * w;
    weightSum += w;
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}

export const leastAllocatedScore = (requested: Float64Array, allocatable: Float64Array, weights: readonly number[]): number =>
  weightedScore(false, requested, allocatable, weights);
export const mostAllocatedScore = (requested: Float64Array, allocatable: Float64Array, weights: readonly number[]): number =>
  weightedScore(true, requested, allocatable, weights);

function weightedPair(most: boolean, req0: number, cap0: number, req1: number, cap1: number, w0: number, w1: number): number {
  let score = 0;
  let weightSum = 0;
  if (cap0 !== 0) {
    score += (most ? mostRequestedScore(req0, cap0) : leastRequestedScore(req0, cap0)) * w0;
    weightSum += w0;
  }
  if (cap1 !== 0) {
    score += (most ? mostRequestedScore(req1, cap1) : leastRequestedScore(req1, cap1)) * w1;
    weightSum += w1;
  }
  return weightSum === 0 ? 0 : Math.trunc(score / weightSum);
}

const leastAllocatedPair = (r0: number, c0: number, r1: number, c1: number, w0: number, w1: number): number => weightedPair(false, r0, c0, r1, c1, w0, w1);
const mostAllocatedPair = (r0: number, c0: number, r1: number, c1: number, w0: number, w1: number): number => weightedPair(true, r0, c0, r1, c1, w0, w1);

export function newNodeResourcesFit(args: unknown): NodeResourcesFit {
  return new NodeResourcesFit((args ?? {}) as NodeResourcesFitArgs);
}
