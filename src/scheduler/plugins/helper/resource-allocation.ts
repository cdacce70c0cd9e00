// The resource-allocation scorer shared by NodeResourcesFit's strategies and
// NodeResourcesBalancedAllocation (kube-scheduler noderesources resource_allocation.go).
//
// Contract:
//  - preScore(state, pod) records the pod's request of each configured resource: cpu and
//    memory with the spreading defaults (nonZero) unless useRequested, anything else as
//    requested.
//  - score(state, pod, nodeInfo) fills, per configured resource, the node's allocatable and
//    what would be requested with the pod (cpu/memory from the node's non-zero requests
//    unless useRequested), and hands both vectors to the strategy. A scalar resource the pod
//    does not request, or the node does not have, is left out (allocatable 0).
//  - The two vectors are reused across nodes and cycles (the scheduler is single-threaded):
//    scoring allocates nothing per node.

import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { isScalarResourceName } from '../../framework/resource.js';

export interface ResourceSpec {
  readonly name: string;
  readonly weight: number;
}

export type AllocationStrategy = (requested: Float64Array, allocatable: Float64Array, weights: readonly number[]) => number;

/** The same strategy for exactly two resources (the default cpu + memory), on plain numbers. */
export type PairStrategy = (req0: number, cap0: number, req1: number, cap1: number, w0: number, w1: number) => number;

export class ResourceAllocationScorer {
  readonly #resources: readonly ResourceSpec[];
  readonly #weights: readonly number[];
  readonly #useRequested: boolean;
  readonly #strategy: AllocationStrategy;
  readonly #key;
  readonly #requested: Float64Array;
  readonly #allocatable: Float64Array;
  /** Per resource: 0 cpu, 1 memory, 2 ephemeral-storage, 3 scalar. */
  readonly #kinds: Uint8Array;
  /** The last cycle's state and the pod requests read from it (one cycle at a time). */
  #memoState: CycleState | undefined;
  #memoReq: Float64Array | undefined;

  readonly #pair: PairStrategy | undefined;

  constructor(name: string, resources: readonly ResourceSpec[], useRequested: boolean, strategy: AllocationStrategy, pair?: PairStrategy) {
    this.#resources = resources;
    this.#weights = resources.map((r) => r.weight);
    this.#useRequested = useRequested;
    this.#strategy = strategy;
    this.#key = stateKey<Float64Array>(`PreScore${name}`);
    this.#requested = new Float64Array(resources.length);
    this.#allocatable = new Float64Array(resources.length);
    this.#kinds = Uint8Array.from(resources, (r) => (r.name === 'cpu' ? 0 : r.name === 'memory' ? 1 : r.name === 'ephemeral-storage' ? 2 : 3));
    const cpuMemory = resources.length === 2 && resources[0]!.name === 'cpu' && resources[1]!.name === 'memory';
    this.#pair = cpuMemory ? pair : undefined;
  }

  /** The pod's request of each configured resource. */
  podRequestList(pod: PodInfo): Float64Array {
    const out = new Float64Array(this.#resources.length);
    for (let i = 0; i < this.#resources.length; i++) {
      const name = this.#resources[i]!.name;
      if (!this.#useRequested && name === 'cpu') out[i] = pod.nonZeroCPU;
      else if (!this.#useRequested && name === 'memory') out[i] = pod.nonZeroMemory;
      else out[i] = pod.requests.get(name);
    }
    return out;
  }

  preScore(state: CycleState, pod: PodInfo): Float64Array {
    const list = this.podRequestList(pod);
    state.write(this.#key, list);
    return list;
  }

  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number {
    return this.#scoreNode(this.#podReq(state, pod), nodeInfo);
  }

  /** score() of every node into out. */
  scoreAll(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], out: Float64Array): void {
    const podReq = this.#podReq(state, pod);
    const pair = this.#pair;
    if (pair) {
      // cpu and memory only: no vectors, one call per node.
      const cpu = podReq[0]!;
      const mem = podReq[1]!;
      const w0 = this.#weights[0]!;
      const w1 = this.#weights[1]!;
      const useRequested = this.#useRequested;
      for (let n = 0; n < nodes.length; n++) {
        const ni = nodes[n]!;
        const req = useRequested ? ni.requested : ni.nonZeroRequested;
        const alloc = ni.allocatable;
        out[n] = pair(req.milliCPU + cpu, alloc.milliCPU, req.memory + mem, alloc.memory, w0, w1);
      }
      return;
    }
    for (let n = 0; n < nodes.length; n++) out[n] = this.#scoreNode(podReq, nodes[n]!);
  }

  #podReq(state: CycleState, pod: PodInfo): Float64Array {
    if (state === this.#memoState && this.#memoReq) return this.#memoReq;
    const podReq = state.read(this.#key) ?? this.preScore(state, pod);
    this.#memoState = state;
    this.#memoReq = podReq;
    return podReq;
  }

  #scoreNode(podReq: Float64Array, nodeInfo: NodeInfo): number {
    const requested = this.#requested;
    const allocatable = this.#allocatable;
    const kinds = this.#kinds;
    const nodeReq = this.#useRequested ? nodeInfo.requested : nodeInfo.nonZeroRequested;
    const alloc = nodeInfo.allocatable;
    for (let i = 0; i < kinds.length; i++) {
      const r = podReq[i]!;
      let a = 0;
      let req = 0;
      switch (kinds[i]) {
        case 0:
          a = alloc.milliCPU;
          req = nodeReq.milliCPU + r;
          break;
        case 1:
          a = alloc.memory;
          req = nodeReq.memory + r;
          break;
        case 2:
          a = alloc.ephemeralStorage;
          req = nodeInfo.requested.ephemeralStorage + r;
          break;
        default: {
          const name = this.#resources[i]!.name;
          if (r === 0 && isScalarResourceName(name)) break;
          if (alloc.scalar?.has(name)) {
            a = alloc.scalarValue(name);
            req = nodeInfo.requested.scalarValue(name) + r;
          }
        }
      }
      allocatable[i] = a;
      requested[i] = a === 0 ? 0 : req;
    }
    return this.#strategy(requested, allocatable, this.#weights);
  }
}
