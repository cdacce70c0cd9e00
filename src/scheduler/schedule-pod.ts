// schedulePod: the placement algorithm of one scheduling cycle (kube-scheduler
// schedule_one.go schedulePod / findNodesThatFitPod / prioritizeNodes / selectHost), with no
// side effects: it reads the cycle's snapshot and answers a node, or throws a FitError.
//
// Contract:
//  - No nodes at all: NoNodesAvailableError ("no nodes available to schedule pods").
//  - PreFilter rejecting the pod fails it on every node (FitError with the PreFilter message);
//    a PreFilterResult narrows the nodes (the others count as "didn't satisfy plugin(s)").
//  - A pod nominated to a node (status.nominatedNodeName, set after its preemption) tries
//    that node first, and takes it if it passes the filters (evaluateNominatedNode).
//  - Filters run node by node starting where the previous cycle stopped (round robin over
//    the snapshot's zone-interleaved list) until numFeasibleNodesToFind nodes pass:
//    all nodes below 100; else percentageOfNodesToScore of them (adaptive default
//    50% - nodes/125, at least 5%), never fewer than 100. Just 1 when nothing scores.
//  - One feasible node is chosen without scoring; otherwise PreScore and Score run over the
//    feasible nodes and the highest total wins, ties broken uniformly at random.
//  - A node that other pods are nominated to is filtered with those of priority >= the
//    pod's counted as running there, and without them (Framework
//    runFilterPluginsWithNominatedPods); while nobody is nominated anywhere the node loop
//    is the plain one.
//  - Nothing is allocated per node for nodes that pass; buffers are reused across cycles.

import type { CycleState } from './framework/cycle-state.js';
import { Diagnosis, ERR_NO_NODES_AVAILABLE, FitError } from './framework/fit-error.js';
import type { Framework } from './framework/framework.js';
import type { FilterPlugin } from './framework/interface.js';
import type { NodeInfo } from './framework/node-info.js';
import type { PodInfo } from './framework/pod-info.js';
import { Code, Status } from './framework/status.js';
import type { Snapshot } from './cache/snapshot.js';

export const MIN_FEASIBLE_NODES_TO_FIND = 100;
export const MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;

export class NoNodesAvailableError extends Error {
  constructor() {
    super(ERR_NO_NODES_AVAILABLE);
    this.name = 'NoNodesAvailableError';
  }
}

/** A plugin failed (not a rejection): the pod is retried after backoff. */
export class SchedulingError extends Error {
  constructor(readonly status: Status) {
    super(status.message());
    this.name = 'SchedulingError';
  }
}

export interface ScheduleResult {
  readonly suggestedHost: string;
  /** Nodes the filters looked at. */
  readonly evaluatedNodes: number;
  readonly feasibleNodes: number;
}

/** How many feasible nodes are enough to stop filtering (numFeasibleNodesToFind). */
export function numFeasibleNodesToFind(percentageOfNodesToScore: number, numAllNodes: number): number {
  if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) return numAllNodes;
  let percentage = percentageOfNodesToScore;
  if (percentage === 0) {
    percentage = 50 - Math.trunc(numAllNodes / 125);
    if (percentage < MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND) percentage = MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND;
  }
  const n = Math.trunc((numAllNodes * percentage) / 100);
  return n < MIN_FEASIBLE_NODES_TO_FIND ? MIN_FEASIBLE_NODES_TO_FIND : n;
}

export class PodPlacer {
  /** Where the next cycle's filtering starts (round robin). */
  nextStartNodeIndex = 0;
  readonly #percentageOfNodesToScore: number;
  readonly #random: () => number;
  #feasible: NodeInfo[] = [];
  #totals = new Float64Array(0);

  constructor(opts: { percentageOfNodesToScore?: number; random?: () => number } = {}) {
    this.#percentageOfNodesToScore = opts.percentageOfNodesToScore ?? 0;
    this.#random = opts.random ?? Math.random;
  }

  schedulePod(fwk: Framework, state: CycleState, pod: PodInfo, snapshot: Snapshot): ScheduleResult {
    const numNodes = snapshot.numNodes();
    if (numNodes === 0) throw new NoNodesAvailableError();
    const { feasible, diagnosis } = this.findNodesThatFitPod(fwk, state, pod, snapshot);
    if (feasible.length === 0) throw new FitError(pod.name, numNodes, diagnosis);
    if (feasible.length === 1) {
      return { suggestedHost: feasible[0]!.name, evaluatedNodes: 1 + diagnosis.nodeToStatus.size, feasibleNodes: 1 };
    }
    const host = this.#prioritize(fwk, state, pod, feasible);
    return { suggestedHost: host, evaluatedNodes: feasible.length + diagnosis.nodeToStatus.size, feasibleNodes: feasible.length };
  }

  /** The nodes passing every filter (at most numFeasibleNodesToFind), and why others failed.
   *  The returned array is reused by the next call. */
  findNodesThatFitPod(fwk: Framework, state: CycleState, pod: PodInfo, snapshot: Snapshot): { feasible: NodeInfo[]; diagnosis: Diagnosis } {
    const diagnosis = new Diagnosis();
    const allNodes = snapshot.list();
    const pre = fwk.runPreFilterPlugins(state, pod, allNodes);
    // The plugins that narrowed or rejected at PreFilter are among those to wait on.
    for (const p of pre.plugins) diagnosis.unschedulablePlugins.add(p);
    if (pre.status !== null) {
      if (!pre.status.isRejected()) throw new SchedulingError(pre.status);
      diagnosis.nodeToStatus.absentNodesStatus = pre.status;
      diagnosis.preFilterMsg = pre.status.message();
      if (pre.status.plugin) diagnosis.addPluginStatus(pre.status);
      return { feasible: [], diagnosis };
    }
    const nominated = this.#evaluateNominatedNode(fwk, state, pod, diagnosis, snapshot);
    if (nominated.length > 0) return { feasible: nominated, diagnosis };
    let nodes: readonly NodeInfo[] = allNodes;
    if (pre.result) {
      const narrowed: NodeInfo[] = [];
      for (const name of pre.result.nodeNames) {
        const n = snapshot.get(name);
        if (n) narrowed.push(n);
      }
      nodes = narrowed;
      diagnosis.nodeToStatus.absentNodesStatus = Status.unresolvable(`node(s) didn't satisfy plugin(s) [${[...pre.plugins].sort().join(' ')}]`);
    }
    const feasible = this.#findNodesThatPassFilters(fwk, state, pod, diagnosis, nodes);
    const processed = feasible.length + diagnosis.nodeToStatus.size;
    if (allNodes.length > 0) this.nextStartNodeIndex = (this.nextStartNodeIndex + processed) % allNodes.length;
    return { feasible, diagnosis };
  }

  /** The pod's nominated node alone, if it has one and the node passes the filters: that
   *  node is where its preemption made room. A failure there is recorded and the full
   *  search follows. */
  #evaluateNominatedNode(fwk: Framework, state: CycleState, pod: PodInfo, diagnosis: Diagnosis, snapshot: Snapshot): NodeInfo[] {
    const nnn = pod.pod.status?.nominatedNodeName;
    if (!nnn) return [];
    const nodeInfo = snapshot.get(nnn);
    if (!nodeInfo) return [];
    try {
      return this.#findNodesThatPassFilters(fwk, state, pod, diagnosis, [nodeInfo]);
    } catch (err) {
      // As kube-scheduler logs and moves on: the full search decides.
      if (err instanceof SchedulingError) return [];
      throw err;
    }
  }

  #findNodesThatPassFilters(fwk: Framework, state: CycleState, pod: PodInfo, diagnosis: Diagnosis, nodes: readonly NodeInfo[]): NodeInfo[] {
    const numAll = nodes.length;
    let toFind = numFeasibleNodesToFind(fwk.percentageOfNodesToScore ?? this.#percentageOfNodesToScore, numAll);
    if (!fwk.hasScorePlugins()) toFind = Math.min(1, numAll);
    const feasible = this.#feasible;
    feasible.length = 0;
    if (numAll === 0) return feasible;
    const start = this.nextStartNodeIndex % numAll;
    const filters = fwk.filterPluginsFor(state);
    if (filters.length === 0) {
      for (let i = 0; i < toFind; i++) feasible.push(nodes[(start + i) % numAll]!);
      return feasible;
    }
    if (fwk.hasNominatedPods()) return this.#findWithNominatedPods(fwk, state, pod, diagnosis, nodes, start, toFind, filters);
    const nf = filters.length;
    let i = 0;
    let f = 0;
    try {
      for (; i < numAll && feasible.length < toFind; i++) {
        let idx = start + i;
        if (idx >= numAll) idx -= numAll;
        const nodeInfo = nodes[idx]!;
        // The filters in order until one rejects; a node that passes costs no allocation.
        let status: Status | null = null;
        for (f = 0; f < nf; f++) {
          const s = filters[f]!.filter(state, pod, nodeInfo);
          if (s !== null && s.code !== Code.Success) {
            s.plugin = filters[f]!.name;
            status = s;
            break;
          }
        }
        if (status === null) {
          feasible.push(nodeInfo);
          continue;
        }
        if (!status.isRejected()) {
          throw new SchedulingError(Status.error(new Error(`running "${status.plugin}" filter plugin: ${status.message()}`)).withPlugin(status.plugin));
        }
        diagnosis.nodeToStatus.set(nodeInfo.name, status);
        diagnosis.addPluginStatus(status);
      }
    } catch (err) {
      if (err instanceof SchedulingError) throw err;
      const name = filters[f]?.name ?? '';
      throw new SchedulingError(Status.error(new Error(`running "${name}" filter plugin: ${err instanceof Error ? err.message : String(err)}`)).withPlugin(name));
    }
    return feasible;
  }

  /** The node loop when some pods are nominated somewhere: each node through
   *  runFilterPluginsWithNominatedPods (which costs a map lookup on nodes nobody is
   *  nominated to). */
  #findWithNominatedPods(
    fwk: Framework,
    state: CycleState,
    pod: PodInfo,
    diagnosis: Diagnosis,
    nodes: readonly NodeInfo[],
    start: number,
    toFind: number,
    filters: readonly FilterPlugin[],
  ): NodeInfo[] {
    const feasible = this.#feasible;
    const numAll = nodes.length;
    for (let i = 0; i < numAll && feasible.length < toFind; i++) {
      const nodeInfo = nodes[(start + i) % numAll]!;
      const status = fwk.runFilterPluginsWithNominatedPods(state, pod, nodeInfo, filters);
      if (status === null) {
        feasible.push(nodeInfo);
        continue;
      }
      if (!status.isRejected()) throw new SchedulingError(status);
      diagnosis.nodeToStatus.set(nodeInfo.name, status);
      diagnosis.addPluginStatus(status);
    }
    return feasible;
  }

  #prioritize(fwk: Framework, state: CycleState, pod: PodInfo, nodes: NodeInfo[]): string {
    const n = nodes.length;
    if (!fwk.hasScorePlugins()) return nodes[Math.floor(this.#random() * n)]!.name;
    const pre = fwk.runPreScorePlugins(state, pod, nodes);
    if (pre !== null) throw new SchedulingError(pre);
    if (this.#totals.length < n) this.#totals = new Float64Array(Math.max(n, this.#totals.length * 2));
    const totals = this.#totals;
    const s = fwk.runScorePlugins(state, pod, nodes, totals);
    if (s !== null) throw new SchedulingError(s);
    // The best total; among equals, each is picked with equal probability (reservoir).
    let best = 0;
    let bestScore = totals[0]!;
    let ties = 1;
    for (let i = 1; i < n; i++) {
      const t = totals[i]!;
      if (t > bestScore) {
        bestScore = t;
        best = i;
        ties = 1;
      } else if (t === bestScore) {
        ties++;
        if (Math.floor(this.#random() * ties) === 0) best = i;
      }
    }
    return nodes[best]!.name;
  }
}
