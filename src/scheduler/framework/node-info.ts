// NodeInfo: a node and everything the scheduler counts on it (kube-scheduler NodeInfo): its
// pods (bound and assumed), what they request (exactly, and with the spreading defaults),
// the host ports they hold, the subsets of pods with affinity terms (what InterPodAffinity
// walks), and the node's images.
//
// Contract:
//  - addPod / removePod / setNode keep every aggregate in step incrementally, and bump
//    `generation` from one process-wide counter: the cache's snapshot copies exactly the
//    NodeInfos whose generation is newer than its own.
//  - node may be null: the Node object is gone but pods still name it (they leave later).
//  - A NodeInfo handed to plugins (the snapshot's) is read-only for them.
//  - The node's taints are pre-split by effect once per node update: filters over thousands
//    of nodes then only test the few that matter.

import type { Node, Taint } from '../../api/types/core-v1.js';
import { DEFAULT_BIND_ALL_HOST_IP, type HostPort, type PodInfo } from './pod-info.js';
import { Resource } from './resource.js';

let generationCounter = 0;

/** The next value of the process-wide generation counter. */
export function nextGeneration(): number {
  return ++generationCounter;
}

/**
 * Host ports in use on a node: host IP -> "PROTOCOL/port". A port on 0.0.0.0 conflicts with
 * the same protocol/port on any IP, and a specific IP conflicts with itself and 0.0.0.0.
 */
export class HostPortInfo {
  readonly #byIP = new Map<string, Set<string>>();

  get size(): number {
    return this.#byIP.size;
  }

  add(p: HostPort): void {
    if (p.port <= 0) return;
    let set = this.#byIP.get(p.hostIP);
    if (!set) this.#byIP.set(p.hostIP, (set = new Set()));
    set.add(`${p.protocol}/${p.port}`);
  }

  remove(p: HostPort): void {
    if (p.port <= 0) return;
    const set = this.#byIP.get(p.hostIP);
    if (!set) return;
    set.delete(`${p.protocol}/${p.port}`);
    if (set.size === 0) this.#byIP.delete(p.hostIP);
  }

  conflicts(p: HostPort): boolean {
    if (p.port <= 0 || this.#byIP.size === 0) return false;
    const pp = `${p.protocol}/${p.port}`;
    if (p.hostIP === DEFAULT_BIND_ALL_HOST_IP) {
      for (const set of this.#byIP.values()) if (set.has(pp)) return true;
      return false;
    }
    return !!this.#byIP.get(DEFAULT_BIND_ALL_HOST_IP)?.has(pp) || !!this.#byIP.get(p.hostIP)?.has(pp);
  }

  clone(): HostPortInfo {
    const c = new HostPortInfo();
    for (const [ip, set] of this.#byIP) c.#byIP.set(ip, new Set(set));
    return c;
  }
}

/** An image on a node: its size, and on how many nodes it is (ImageLocality's spread). */
export interface ImageStateSummary {
  readonly size: number;
  readonly numNodes: number;
}

const NO_TAINTS: readonly Taint[] = [];
const NO_IMAGES: ReadonlyMap<string, ImageStateSummary> = new Map();

export class NodeInfo {
  node: Node | null = null;
  name: string;
  pods: PodInfo[] = [];
  podsWithAffinity: PodInfo[] = [];
  podsWithRequiredAntiAffinity: PodInfo[] = [];
  usedPorts: HostPortInfo = new HostPortInfo();
  requested: Resource = new Resource();
  /** Requests with 100m CPU / 200Mi memory for containers that name none (for scoring). */
  nonZeroRequested: Resource = new Resource();
  allocatable: Resource = new Resource();
  /** Image name -> summary, for every name of every image on the node. */
  imageStates: ReadonlyMap<string, ImageStateSummary> = NO_IMAGES;
  /** "namespace/claim" -> pods on the node using it. */
  pvcRefCounts: Map<string, number> = new Map();
  /** Taints with effect NoSchedule or NoExecute (what the filters check). */
  noScheduleTaints: readonly Taint[] = NO_TAINTS;
  /** Taints with effect PreferNoSchedule (what TaintToleration scores). */
  preferNoScheduleTaints: readonly Taint[] = NO_TAINTS;
  generation = 0;

  constructor(name = '', node?: Node) {
    this.name = name;
    if (node) this.setNode(node);
    else this.generation = nextGeneration();
  }

  setNode(node: Node): void {
    this.node = node;
    this.name = node.metadata.name ?? '';
    this.allocatable = Resource.fromList(node.status?.allocatable);
    const taints = node.spec?.taints;
    if (taints && taints.length > 0) {
      this.noScheduleTaints = taints.filter((t) => t.effect === 'NoSchedule' || t.effect === 'NoExecute');
      this.preferNoScheduleTaints = taints.filter((t) => t.effect === 'PreferNoSchedule');
    } else {
      this.noScheduleTaints = NO_TAINTS;
      this.preferNoScheduleTaints = NO_TAINTS;
    }
    this.generation = nextGeneration();
  }

  removeNode(): void {
    this.node = null;
    this.generation = nextGeneration();
  }

  setImageStates(states: ReadonlyMap<string, ImageStateSummary>): void {
    this.imageStates = states.size > 0 ? states : NO_IMAGES;
  }

  addPod(pi: PodInfo): void {
    this.pods.push(pi);
    if (pi.hasAffinity) this.podsWithAffinity.push(pi);
    if (pi.hasRequiredAntiAffinity) this.podsWithRequiredAntiAffinity.push(pi);
    this.#update(pi, 1);
  }

  /** Removes the pod with pi's key; false if the node does not hold it. */
  removePod(pi: PodInfo): boolean {
    const i = indexOfKey(this.pods, pi.key);
    if (i < 0) return false;
    const held = this.pods[i]!;
    swapRemove(this.pods, i);
    if (held.hasAffinity) swapRemove(this.podsWithAffinity, indexOfKey(this.podsWithAffinity, held.key));
    if (held.hasRequiredAntiAffinity) swapRemove(this.podsWithRequiredAntiAffinity, indexOfKey(this.podsWithRequiredAntiAffinity, held.key));
    // Subtract what was counted when the pod was added (the held version), not what a newer
    // version of the pod might say.
    this.#update(held, -1);
    return true;
  }

  #update(pi: PodInfo, sign: 1 | -1): void {
    this.requested.accumulate(pi.requests, sign);
    this.nonZeroRequested.milliCPU += sign * pi.nonZeroCPU;
    this.nonZeroRequested.memory += sign * pi.nonZeroMemory;
    for (const p of pi.hostPorts) {
      if (sign > 0) this.usedPorts.add(p);
      else this.usedPorts.remove(p);
    }
    for (const v of pi.pod.spec?.volumes ?? []) {
      const claim = v.persistentVolumeClaim?.claimName;
      if (!claim) continue;
      const key = `${pi.namespace}/${claim}`;
      const n = (this.pvcRefCounts.get(key) ?? 0) + sign;
      if (n <= 0) this.pvcRefCounts.delete(key);
      else this.pvcRefCounts.set(key, n);
    }
    this.generation = nextGeneration();
  }

  /** A copy sharing the (immutable) pods and node, owning every mutable aggregate. */
  snapshot(): NodeInfo {
    const c = new NodeInfo(this.name);
    c.copyFrom(this);
    return c;
  }

  /** Makes this NodeInfo a copy of other (the snapshot refreshes its entries in place). */
  copyFrom(other: NodeInfo): void {
    this.node = other.node;
    this.name = other.name;
    this.pods = other.pods.slice();
    this.podsWithAffinity = other.podsWithAffinity.length > 0 ? other.podsWithAffinity.slice() : [];
    this.podsWithRequiredAntiAffinity = other.podsWithRequiredAntiAffinity.length > 0 ? other.podsWithRequiredAntiAffinity.slice() : [];
    this.usedPorts = other.usedPorts.size > 0 ? other.usedPorts.clone() : new HostPortInfo();
    this.requested = other.requested.clone();
    this.nonZeroRequested = other.nonZeroRequested.clone();
    this.allocatable = other.allocatable;
    this.imageStates = other.imageStates;
    this.pvcRefCounts = other.pvcRefCounts.size > 0 ? new Map(other.pvcRefCounts) : new Map();
    this.noScheduleTaints = other.noScheduleTaints;
    this.preferNoScheduleTaints = other.preferNoScheduleTaints;
    this.generation = other.generation;
  }
}

function indexOfKey(list: readonly PodInfo[], key: string): number {
  for (let i = 0; i < list.length; i++) if (list[i]!.key === key) return i;
  return -1;
}

function swapRemove<T>(list: T[], i: number): void {
  if (i < 0) return;
  const last = list.length - 1;
  if (i !== last) list[i] = list[last]!;
  list.pop();
}
