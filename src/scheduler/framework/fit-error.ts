// FitError: why a pod fits no node, and the message kube-scheduler 1.32 writes for it into
// the PodScheduled condition and the FailedScheduling event.
//
// Message format (framework/types.go FitError.Error):
//   "0/<all nodes> nodes are available:" then
//   - if PreFilter rejected the pod: " <PreFilter message>."
//   - else " <histogram>." where the histogram counts every reason of every rejected node
//     ("3 Insufficient cpu"), nodes the filters never saw counting the absent-node status's
//     reasons, sorted as strings and joined by ", ";
//   then, when a PostFilter plugin answered a message, " <its message>." (Go's
//   SeparatorFormat " %v.", so DefaultPreemption's "preemption: 0/3 nodes are available:
//   3 No preemption victims found for incoming pod." ends in two periods, as in 1.32). A
//   PostFilter success (or no PostFilter plugin) appends nothing.
//
// NodeToStatus holds the status of each rejected node plus one status for the nodes it does
// not list (those a PreFilter result excluded: UnschedulableAndUnresolvable; every node when
// a PreFilter rejected the pod).

import type { NodeInfoLister } from './interface.js';
import type { NodeInfo } from './node-info.js';
import { Code, Status } from './status.js';

export const NO_NODE_AVAILABLE_MSG = '0/%v nodes are available';
export const ERR_NO_NODES_AVAILABLE = 'no nodes available to schedule pods';

export class NodeToStatus {
  readonly #map = new Map<string, Status>();
  absentNodesStatus: Status = new Status(Code.UnschedulableAndUnresolvable);

  set(node: string, s: Status): void {
    this.#map.set(node, s);
  }

  get(node: string): Status {
    return this.#map.get(node) ?? this.absentNodesStatus;
  }

  /** Nodes with a status of their own. */
  get size(): number {
    return this.#map.size;
  }

  entries(): IterableIterator<[string, Status]> {
    return this.#map.entries();
  }

  /** The nodes whose status has this code, absent nodes included when the absent-node
   *  status has it (what preemption may help: code Unschedulable). */
  nodesForStatusCode(nodes: NodeInfoLister, code: Code): NodeInfo[] {
    if (this.absentNodesStatus.code === code) {
      const all = nodes.list();
      if (this.#map.size === 0) return all.slice();
      return all.filter((n) => this.get(n.name).code === code);
    }
    const out: NodeInfo[] = [];
    for (const [name, s] of this.#map) {
      if (s.code !== code) continue;
      const n = nodes.get(name);
      if (n) out.push(n);
    }
    return out;
  }
}

export class Diagnosis {
  readonly nodeToStatus = new NodeToStatus();
  readonly unschedulablePlugins = new Set<string>();
  readonly pendingPlugins = new Set<string>();
  preFilterMsg = '';
  postFilterMsg = '';

  /** Records which plugin rejected (or left pending) a node. */
  addPluginStatus(s: Status): void {
    if (!s.plugin) return;
    if (s.code === Code.Pending) this.pendingPlugins.add(s.plugin);
    else if (s.isRejected()) this.unschedulablePlugins.add(s.plugin);
  }
}

export class FitError extends Error {
  constructor(
    readonly podName: string,
    readonly numAllNodes: number,
    readonly diagnosis: Diagnosis,
  ) {
    super(fitErrorMessage(numAllNodes, diagnosis));
    this.name = 'FitError';
  }

  /** The message as of now (after a PostFilter added its part); also refreshes `message`. */
  describe(): string {
    this.message = fitErrorMessage(this.numAllNodes, this.diagnosis);
    return this.message;
  }
}

export function fitErrorMessage(numAllNodes: number, d: Diagnosis): string {
  let msg = `0/${numAllNodes} nodes are available:`;
  if (d.preFilterMsg !== '') {
    msg += ` ${d.preFilterMsg}.`;
  } else {
    const reasons = new Map<string, number>();
    for (const [, s] of d.nodeToStatus.entries()) {
      for (const r of s.reasons) reasons.set(r, (reasons.get(r) ?? 0) + 1);
    }
    const absent = numAllNodes - d.nodeToStatus.size;
    if (absent > 0) {
      for (const r of d.nodeToStatus.absentNodesStatus.reasons) reasons.set(r, (reasons.get(r) ?? 0) + absent);
    }
    const histogram = [...reasons].map(([r, n]) => `${n} ${r}`);
    // Go's sort.Strings: byte-wise order, which for these ASCII strings is UTF-16 order.
    histogram.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    if (histogram.length > 0) msg += ` ${histogram.join(', ')}.`;
  }
  if (d.postFilterMsg !== '') msg += ` ${d.postFilterMsg}.`;
  return msg;
}
