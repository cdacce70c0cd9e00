// Snapshot: the nodes as one scheduling cycle sees them (kube-scheduler cache Snapshot). The
// cache refreshes it at the start of every cycle (SchedulerCache.updateSnapshot), copying
// only the NodeInfos that changed since the previous cycle, into the same objects, so the
// lists below stay valid unless nodes come or go.
//
// Contract (for plugins, through NodeInfoLister):
//  - list() is every node, zones interleaved (node-tree.ts); get(name) one node.
//  - havePodsWithAffinityList() / havePodsWithRequiredAntiAffinityList(): the nodes holding
//    pods with (required anti-)affinity terms, for InterPodAffinity.
//  - isPVCUsedByPods(key): some pod on some node uses the claim "namespace/name".
//  - Nothing a plugin reads here changes during a cycle.

import type { NodeInfoLister } from '../framework/interface.js';
import { NodeInfo } from '../framework/node-info.js';

export class Snapshot implements NodeInfoLister {
  readonly nodeInfoMap = new Map<string, NodeInfo>();
  nodeInfoList: NodeInfo[] = [];
  havePodsWithAffinityNodeInfoList: NodeInfo[] = [];
  havePodsWithRequiredAntiAffinityNodeInfoList: NodeInfo[] = [];
  usedPVCSet = new Set<string>();
  /** The newest NodeInfo generation copied in. */
  generation = 0;

  /** A snapshot built directly from nodes (tests, what-if evaluations). */
  static fromNodeInfos(infos: readonly NodeInfo[]): Snapshot {
    const s = new Snapshot();
    for (const n of infos) s.nodeInfoMap.set(n.name, n);
    s.nodeInfoList = infos.slice();
    s.havePodsWithAffinityNodeInfoList = infos.filter((n) => n.podsWithAffinity.length > 0);
    s.havePodsWithRequiredAntiAffinityNodeInfoList = infos.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
    for (const n of infos) for (const k of n.pvcRefCounts.keys()) s.usedPVCSet.add(k);
    return s;
  }

  list(): readonly NodeInfo[] {
    return this.nodeInfoList;
  }

  get(name: string): NodeInfo | undefined {
    return this.nodeInfoMap.get(name);
  }

  numNodes(): number {
    return this.nodeInfoList.length;
  }

  havePodsWithAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithAffinityNodeInfoList;
  }

  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[] {
    return this.havePodsWithRequiredAntiAffinityNodeInfoList;
  }

  isPVCUsedByPods(key: string): boolean {
    return this.usedPVCSet.has(key);
  }
}
