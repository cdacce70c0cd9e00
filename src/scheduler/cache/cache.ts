// SchedulerCache: what the scheduler knows of nodes and the pods on them, ahead of the API
// (kube-scheduler backend/cache/cache.go).
//
// A pod's life in the cache:
//   assumePod (the scheduler chose a node; the binding is on its way)
//     -> finishBinding (the bind call returned)
//     -> addPod (the informer saw the pod bound: confirmed; it is an ordinary pod now)
//   or  -> forgetPod (binding failed: its resources are released at once)
//   or  -> expired (binding finished but the pod never showed up within assumedPodTtlMs;
//          0, Kubernetes 1.32's setting, never expires: a binding that succeeded always
//          arrives through the informer, and expiring early would double-book its node)
//   addPod / updatePod / removePod for pods bound by anyone else.
//
// Contract:
//  - Every change to a node's aggregates bumps its NodeInfo's generation and moves it to the
//    head of a most-recently-changed list; updateSnapshot(snapshot) walks that list only
//    until it reaches what the snapshot already has, copying the changed NodeInfos into the
//    snapshot's objects in place. A cycle therefore costs O(changed nodes), not O(nodes).
//  - A node removed while pods still name it stays (node null) until its last pod leaves;
//    snapshots leave it out.
//  - Errors (a pod assumed twice, an update of an unknown pod) are thrown as CacheError; the
//    event handlers report them and carry on, as kube-scheduler logs them.

import type { Node, Pod } from '../../api/types/core-v1.js';
import { realClock, type Clock } from '../../client/workqueue/clock.js';
import { NodeInfo, type ImageStateSummary } from '../framework/node-info.js';
import { PodInfo, podKeyOf } from '../framework/pod-info.js';
import { NodeTree } from './node-tree.js';
import type { Snapshot } from './snapshot.js';

export class CacheError extends Error {
  override readonly name = 'CacheError';
}

interface PodState {
  podInfo: PodInfo;
  /** When an assumed pod whose binding finished expires (ms); undefined: never. */
  deadline: number | undefined;
  bindingFinished: boolean;
}

interface Item {
  readonly info: NodeInfo;
  prev: Item | null;
  next: Item | null;
}

/** An image's size and the nodes that have it; numNodes is read live. */
class ImageState implements ImageStateSummary {
  readonly nodes = new Set<string>();
  constructor(readonly size: number) {}
  get numNodes(): number {
    return this.nodes.size;
  }
}

export interface SchedulerCacheOptions {
  readonly clock?: Clock;
  /** How long an assumed pod whose binding finished may wait for its informer event (0:
   *  forever, the default). */
  readonly assumedPodTtlMs?: number;
}

export class SchedulerCache {
  readonly #clock: Clock;
  readonly #ttl: number;
  readonly #nodes = new Map<string, Item>();
  #head: Item | null = null;
  readonly #podStates = new Map<string, PodState>();
  readonly #assumed = new Set<string>();
  readonly #images = new Map<string, ImageState>();
  readonly #tree = new NodeTree();

  constructor(opts: SchedulerCacheOptions = {}) {
    this.#clock = opts.clock ?? realClock;
    this.#ttl = opts.assumedPodTtlMs ?? 0;
  }

  // ---- pods ----

  /** The scheduler placed pod (spec.nodeName set) and is binding it. */
  assumePod(pi: PodInfo): void {
    if (this.#podStates.has(pi.key)) throw new CacheError(`pod ${pi.namespace}/${pi.name} is in the cache, so can't be assumed`);
    this.#addPod(pi, true);
  }

  /** The bind call returned; the pod may now expire if the informer never confirms it. */
  finishBinding(pi: PodInfo): void {
    const ps = this.#podStates.get(pi.key);
    if (!ps || !this.#assumed.has(pi.key)) return;
    ps.bindingFinished = true;
    if (this.#ttl > 0) ps.deadline = this.#clock.now() + this.#ttl;
  }

  /** Binding failed: the assumed pod leaves its node. */
  forgetPod(pi: PodInfo): void {
    const ps = this.#podStates.get(pi.key);
    if (!ps) return;
    if (!this.#assumed.has(pi.key)) throw new CacheError(`only assumed pod can be forgotten, but ${pi.namespace}/${pi.name} is confirmed`);
    if (ps.podInfo.pod.spec?.nodeName !== pi.pod.spec?.nodeName) {
      throw new CacheError(`pod ${pi.namespace}/${pi.name} was assumed on ${ps.podInfo.pod.spec?.nodeName} but forgotten on ${pi.pod.spec?.nodeName}`);
    }
    this.#removePod(ps.podInfo);
  }

  /** The informer saw a bound pod (confirming an assumed one, or one bound elsewhere). */
  addPod(pod: Pod): void {
    const key = podKeyOf(pod);
    const ps = this.#podStates.get(key);
    if (ps && this.#assumed.has(key)) {
      // Confirmed: keep the informer's version (labels and status are current).
      this.#removePod(ps.podInfo);
      this.#addPod(new PodInfo(pod), false);
      return;
    }
    if (!ps) {
      this.#addPod(new PodInfo(pod), false);
      return;
    }
    throw new CacheError(`pod ${pod.metadata.namespace}/${pod.metadata.name} was already in added state`);
  }

  updatePod(oldPod: Pod, newPod: Pod): void {
    const key = podKeyOf(oldPod);
    const ps = this.#podStates.get(key);
    if (!ps) throw new CacheError(`pod ${oldPod.metadata.namespace}/${oldPod.metadata.name} is not added to scheduler cache, so cannot be updated`);
    if (this.#assumed.has(key)) throw new CacheError(`assumed pod ${oldPod.metadata.namespace}/${oldPod.metadata.name} should not be updated`);
    if (ps.podInfo.pod.spec?.nodeName !== newPod.spec?.nodeName) {
      throw new CacheError(`pod ${oldPod.metadata.namespace}/${oldPod.metadata.name} updated on a different node than previously added to`);
    }
    this.#removePod(ps.podInfo);
    this.#addPod(new PodInfo(newPod), false);
  }

  removePod(pod: Pod): void {
    const key = podKeyOf(pod);
    const ps = this.#podStates.get(key);
    if (!ps) throw new CacheError(`pod ${pod.metadata.namespace}/${pod.metadata.name} is not found in scheduler cache, so cannot be removed from it`);
    this.#removePod(ps.podInfo);
  }

  isAssumedPod(pod: Pod): boolean {
    return this.#assumed.has(podKeyOf(pod));
  }

  /** The pod as the cache holds it (assumed or confirmed). */
  getPod(pod: Pod): PodInfo | undefined {
    return this.#podStates.get(podKeyOf(pod))?.podInfo;
  }

  podCount(): number {
    return this.#podStates.size;
  }

  assumedPodCount(): number {
    return this.#assumed.size;
  }

  /** Removes assumed pods whose binding finished more than the TTL ago; answers them. */
  cleanupAssumedPods(now = this.#clock.now()): PodInfo[] {
    const expired: PodInfo[] = [];
    for (const key of this.#assumed) {
      const ps = this.#podStates.get(key)!;
      if (!ps.bindingFinished || ps.deadline === undefined || now < ps.deadline) continue;
      expired.push(ps.podInfo);
    }
    for (const pi of expired) this.#removePod(pi);
    return expired;
  }

  #addPod(pi: PodInfo, assumed: boolean): void {
    const nodeName = pi.pod.spec?.nodeName ?? '';
    let item = this.#nodes.get(nodeName);
    if (!item) {
      // A pod on a node not seen yet: hold it on a placeholder until the node arrives.
      item = { info: new NodeInfo(nodeName), prev: null, next: null };
      this.#nodes.set(nodeName, item);
      this.#pushHead(item);
    }
    item.info.addPod(pi);
    this.#moveToHead(item);
    this.#podStates.set(pi.key, { podInfo: pi, deadline: undefined, bindingFinished: false });
    if (assumed) this.#assumed.add(pi.key);
  }

  #removePod(pi: PodInfo): void {
    const nodeName = pi.pod.spec?.nodeName ?? '';
    const item = this.#nodes.get(nodeName);
    if (item) {
      item.info.removePod(pi);
      if (item.info.pods.length === 0 && item.info.node === null) this.#removeItem(item, nodeName);
      else this.#moveToHead(item);
    }
    this.#podStates.delete(pi.key);
    this.#assumed.delete(pi.key);
  }

  // ---- nodes ----

  addNode(node: Node): NodeInfo {
    const name = node.metadata.name ?? '';
    let item = this.#nodes.get(name);
    if (item?.info.node) return this.updateNode(item.info.node, node);
    if (!item) {
      item = { info: new NodeInfo(name), prev: null, next: null };
      this.#nodes.set(name, item);
      this.#pushHead(item);
    }
    this.#moveToHead(item);
    this.#tree.addNode(node);
    this.#addNodeImages(node, item.info);
    item.info.setNode(node);
    return item.info;
  }

  updateNode(oldNode: Node | undefined, newNode: Node): NodeInfo {
    const name = newNode.metadata.name ?? '';
    const item = this.#nodes.get(name);
    if (!item || item.info.node === null) {
      // Not known (or only as a placeholder): an add.
      return this.addNode(newNode);
    }
    this.#removeNodeImages(item.info);
    this.#moveToHead(item);
    this.#tree.updateNode(oldNode ?? item.info.node, newNode);
    this.#addNodeImages(newNode, item.info);
    item.info.setNode(newNode);
    return item.info;
  }

  removeNode(node: Node): void {
    const name = node.metadata.name ?? '';
    const item = this.#nodes.get(name);
    if (!item) throw new CacheError(`node ${name} is not found`);
    this.#removeNodeImages(item.info);
    const held = item.info.node ?? node;
    item.info.removeNode();
    // Pods may still name the node (their deletions are on their way): keep them counted.
    if (item.info.pods.length === 0) this.#removeItem(item, name);
    else this.#moveToHead(item);
    this.#tree.removeNode(held);
  }

  nodeCount(): number {
    return this.#tree.numNodes;
  }

  /** The cache's own NodeInfo of a node (tests and debugging; never hand it to plugins). */
  nodeInfo(name: string): NodeInfo | undefined {
    return this.#nodes.get(name)?.info;
  }

  #addNodeImages(node: Node, info: NodeInfo): void {
    const images = node.status?.images;
    if (!images || images.length === 0) {
      info.setImageStates(new Map());
      return;
    }
    const sum = new Map<string, ImageState>();
    for (const image of images) {
      for (const n of image.names ?? []) {
        let state = this.#images.get(n);
        if (!state) this.#images.set(n, (state = new ImageState(image.sizeBytes ?? 0)));
        state.nodes.add(info.name || (node.metadata.name ?? ''));
        sum.set(n, state);
      }
    }
    info.setImageStates(sum);
  }

  #removeNodeImages(info: NodeInfo): void {
    for (const name of info.imageStates.keys()) {
      const state = this.#images.get(name);
      if (!state) continue;
      state.nodes.delete(info.name);
      if (state.nodes.size === 0) this.#images.delete(name);
    }
  }

  // ---- the most-recently-changed list ----

  #pushHead(item: Item): void {
    item.prev = null;
    item.next = this.#head;
    if (this.#head) this.#head.prev = item;
    this.#head = item;
  }

  #unlink(item: Item): void {
    if (item.prev) item.prev.next = item.next;
    else if (this.#head === item) this.#head = item.next;
    if (item.next) item.next.prev = item.prev;
    item.prev = null;
    item.next = null;
  }

  #moveToHead(item: Item): void {
    if (this.#head === item) return;
    this.#unlink(item);
    this.#pushHead(item);
  }

  #removeItem(item: Item, name: string): void {
    this.#unlink(item);
    this.#nodes.delete(name);
  }

  // ---- snapshots ----

  /**
   * Brings snapshot up to date with the cache: copies every NodeInfo changed since the
   * snapshot's generation, and rebuilds the node lists only when nodes came or went (or a
   * node gained or lost pods with affinity).
   */
  updateSnapshot(snapshot: Snapshot): void {
    const since = snapshot.generation;
    let updateAll = false;
    let updateAffinity = false;
    let updateAntiAffinity = false;
    let updatePVCs = false;
    for (let item = this.#head; item; item = item.next) {
      const info = item.info;
      if (info.generation <= since) break;
      if (info.node === null) continue;
      let existing = snapshot.nodeInfoMap.get(info.name);
      if (!existing) {
        updateAll = true;
        existing = new NodeInfo(info.name);
        snapshot.nodeInfoMap.set(info.name, existing);
      }
      if (existing.podsWithAffinity.length > 0 !== info.podsWithAffinity.length > 0) updateAffinity = true;
      if (existing.podsWithRequiredAntiAffinity.length > 0 !== info.podsWithRequiredAntiAffinity.length > 0) updateAntiAffinity = true;
      if (!updatePVCs && (existing.pvcRefCounts.size > 0 || info.pvcRefCounts.size > 0)) {
        if (existing.pvcRefCounts.size !== info.pvcRefCounts.size) updatePVCs = true;
        else for (const k of info.pvcRefCounts.keys()) if (!existing.pvcRefCounts.has(k)) updatePVCs = true;
      }
      existing.copyFrom(info);
    }
    if (this.#head) snapshot.generation = this.#head.info.generation;

    // Nodes deleted from the cache (or now only placeholders) leave the snapshot.
    if (snapshot.nodeInfoMap.size > this.#tree.numNodes) {
      for (const name of [...snapshot.nodeInfoMap.keys()]) {
        const item = this.#nodes.get(name);
        if (!item || item.info.node === null) snapshot.nodeInfoMap.delete(name);
      }
      updateAll = true;
    }
    if (updateAll || updateAffinity || updateAntiAffinity || updatePVCs) this.#updateLists(snapshot, updateAll);
    if (snapshot.nodeInfoList.length !== this.#tree.numNodes) {
      // Should not happen; recover by rebuilding everything.
      this.#updateLists(snapshot, true);
    }
  }

  #updateLists(snapshot: Snapshot, updateAll: boolean): void {
    if (updateAll) {
      const list: NodeInfo[] = [];
      for (const name of this.#tree.list()) {
        const n = snapshot.nodeInfoMap.get(name);
        if (n) list.push(n);
      }
      snapshot.nodeInfoList = list;
    }
    const affinity: NodeInfo[] = [];
    const anti: NodeInfo[] = [];
    const pvcs = new Set<string>();
    for (const n of snapshot.nodeInfoList) {
      if (n.podsWithAffinity.length > 0) affinity.push(n);
      if (n.podsWithRequiredAntiAffinity.length > 0) anti.push(n);
      for (const k of n.pvcRefCounts.keys()) pvcs.add(k);
    }
    snapshot.havePodsWithAffinityNodeInfoList = affinity;
    snapshot.havePodsWithRequiredAntiAffinityNodeInfoList = anti;
    snapshot.usedPVCSet = pvcs;
  }
}
