// PodTopologySpread's soft side (kube-scheduler podtopologyspread/scoring.go): ScheduleAnyway
// constraints rank nodes by how many matching pods their domains already hold, fewest best.
//
// Contract:
//  - Domains are those of the feasible nodes; pods are counted over all nodes of the cycle
//    (inclusion policies applied), except for kubernetes.io/hostname, whose per-node count
//    is taken at Score time from the node itself (no per-cycle map of thousands of hosts;
//    the count comes from the cross-cycle node table when the node is in it).
//  - With requireAllTopologies (the pod has constraints of its own, or the defaults are a
//    configured List), a feasible node missing any topology key is ignored: it scores 0
//    after normalizing. With the system defaults a node lacking a zone still gets host
//    spreading.
//  - A node's raw score: for each constraint whose key it carries,
//    count * log(domains + 2) + (maxSkew - 1), summed and rounded; the weight keeps small
//    topologies (few zones) from being drowned by large ones (thousands of hosts), and
//    maxSkew - 1 blunts differences the constraint tolerates anyway.
//  - normalize: 100 * (max + min - score) / max (integer division), so fewer matching pods
//    score higher; all raw scores 0 give 100 everywhere; ignored nodes get 0.
//  - Scoring a node allocates nothing.

import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { countMatchingPods, LABEL_HOSTNAME, NO_LABELS, NodeInclusion, nodeHasAllKeys, type Constraint } from './constraints.js';
import { NO_DOMAIN, type DomainIndex, type NodeTable, type SpreadCaches } from './node-cache.js';

/** One soft constraint's domains: those of the feasible nodes, with their matching pods. */
export class SoftDomains {
  constructor(
    readonly index: DomainIndex,
    /** Matching pods per domain id; -1 for a domain no feasible node is in. */
    readonly counts: Int32Array,
  ) {}

  /** Matching pods in the domain of this value (0 if no feasible node is in it). */
  countOf(value: string): number {
    const id = this.index.ids.get(value);
    return id === undefined || id >= this.counts.length ? 0 : Math.max(0, this.counts[id]!);
  }
}

export class PreScoreState {
  constructor(
    readonly constraints: readonly Constraint[],
    /** Index-aligned with the nodes PreScore saw: 1 for a node that scores 0. */
    readonly ignored: Uint8Array,
    /** The names of the ignored nodes (null when there are none), for per-node score(). */
    readonly ignoredNames: ReadonlySet<string> | null,
    /** Per constraint; null for the hostname key, counted per node at Score. */
    readonly domains: readonly (SoftDomains | null)[],
    readonly weights: Float64Array,
    readonly namespace: string,
    /** Per-node counts of these constraints, by position in the cycle's node list. */
    readonly table: NodeTable,
    /** Node -> position in that list (null without a hostname constraint: not needed). */
    readonly positions: ReadonlyMap<NodeInfo, number> | null,
  ) {}

  /** Constraint i's matching pods on nodeInfo itself (for the hostname key). */
  nodeCount(i: number, nodeInfo: NodeInfo): number {
    const k = this.positions?.get(nodeInfo);
    if (k === undefined) return countMatchingPods(nodeInfo.pods, this.constraints[i]!.selector, this.namespace);
    this.table.refresh(k, nodeInfo);
    return this.table.counts[k * this.table.width + i]!;
  }
}

/** Math.log(size + 2): in [log 2, ~8.5] for clusters of up to 5,000 nodes. */
export function topologyNormalizingWeight(size: number): number {
  return Math.log(size + 2);
}

/** The domains of the feasible nodes, then the counts over all nodes. */
export function computePreScoreState(
  constraints: readonly Constraint[],
  pod: PodInfo,
  feasible: readonly NodeInfo[],
  allNodes: readonly NodeInfo[],
  requireAllTopologies: boolean,
  caches: SpreadCaches,
): PreScoreState {
  // Fetched once: the interned values must not be reset between the two passes.
  const indexes = constraints.map((c) => caches.index(c.topologyKey, allNodes.length));
  const domains = constraints.map((c, i) => {
    if (c.topologyKey === LABEL_HOSTNAME) return null;
    const index = indexes[i]!;
    // Each feasible node interns at most one new value per key.
    return new SoftDomains(index, new Int32Array(index.size + feasible.length).fill(-1));
  });
  const ignored = new Uint8Array(feasible.length);
  let ignoredNames: Set<string> | null = null;
  const sizes = new Int32Array(constraints.length);
  for (let k = 0; k < feasible.length; k++) {
    const labels = feasible[k]!.node?.metadata.labels ?? NO_LABELS;
    if (requireAllTopologies && !nodeHasAllKeys(labels, constraints)) {
      ignored[k] = 1;
      (ignoredNames ??= new Set()).add(feasible[k]!.name);
      continue;
    }
    for (let i = 0; i < constraints.length; i++) {
      const d = domains[i];
      if (!d) continue;
      // A missing key is the '' domain, as upstream reads a missing label.
      const id = d.index.idOf(labels[constraints[i]!.topologyKey] ?? '');
      if (d.counts[id] === -1) {
        d.counts[id] = 0;
        sizes[i]!++;
      }
    }
  }
  const scored = feasible.length - (ignoredNames?.size ?? 0);
  const weights = Float64Array.from(constraints, (c, i) => topologyNormalizingWeight(c.topologyKey === LABEL_HOSTNAME ? scored : sizes[i]!));
  const table = caches.table(constraints, pod.namespace, allNodes.length, indexes);
  if (domains.some((d) => d !== null)) countDomains(constraints, domains, table, pod, allNodes, requireAllTopologies);
  const positions = domains.some((d) => d === null) ? caches.positions(allNodes) : null;
  return new PreScoreState(constraints, ignored, ignoredNames, domains, weights, pod.namespace, table, positions);
}

/** Adds every node's matching pods to the domains the feasible nodes registered. */
function countDomains(
  constraints: readonly Constraint[],
  domains: readonly (SoftDomains | null)[],
  table: NodeTable,
  pod: PodInfo,
  allNodes: readonly NodeInfo[],
  requireAllTopologies: boolean,
): void {
  const n = constraints.length;
  const len = allNodes.length;
  const inclusion = new NodeInclusion(pod.pod);
  const check = constraints.map((c) => inclusion.matters(c));
  // Nodes without a key are in the '' domain when they count at all.
  const emptyIds = domains.map((d) => d?.index.ids.get('') ?? NO_DOMAIN);
  nodes: for (let k = 0; k < len; k++) {
    const nodeInfo = allNodes[k]!;
    if (!nodeInfo.node) continue;
    table.refresh(k, nodeInfo);
    const base = k * n;
    if (requireAllTopologies) for (let i = 0; i < n; i++) if (table.ids[base + i] === NO_DOMAIN) continue nodes;
    for (let i = 0; i < n; i++) {
      const d = domains[i];
      if (!d || (check[i] && !inclusion.includes(constraints[i]!, nodeInfo))) continue;
      let id = table.ids[base + i]!;
      if (id === NO_DOMAIN) id = emptyIds[i]!;
      // A domain no feasible node is in cannot be scored: not worth counting.
      if (id === NO_DOMAIN || id >= d.counts.length || d.counts[id] === -1) continue;
      d.counts[id]! += table.counts[base + i]!;
    }
  }
}

/** The raw score of a node that is not ignored. */
export function scoreNode(s: PreScoreState, nodeInfo: NodeInfo): number {
  const labels = nodeInfo.node?.metadata.labels ?? NO_LABELS;
  const constraints = s.constraints;
  let score = 0;
  for (let i = 0; i < constraints.length; i++) {
    const c = constraints[i]!;
    const value = labels[c.topologyKey];
    if (value === undefined) continue;
    const d = s.domains[i];
    const cnt = d ? d.countOf(value) : s.nodeCount(i, nodeInfo);
    score += cnt * s.weights[i]! + (c.maxSkew - 1);
  }
  // Scores are never negative, where JS and Go rounding agree.
  return Math.round(score);
}
/** Rescales raw scores in place; ignored nodes end at 0, the fewest matching pods at 100. */
export function normalizeScores(s: PreScoreState, scores: Float64Array, maxNodeScore: number): void {
  const ignored = s.ignored;
  const n = Math.min(scores.length, ignored.length);
  let min = Number.MAX_SAFE_INTEGER;
  let max = 0;
  for (let i = 0; i < n; i++) {
    if (ignored[i]) continue;
    const v = scores[i]!;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  for (let i = 0; i < n; i++) {
    if (ignored[i]) scores[i] = 0;
    else if (max === 0) scores[i] = maxNodeScore;
    else scores[i] = Math.trunc((maxNodeScore * (max + min - scores[i]!)) / max);
  }
}
