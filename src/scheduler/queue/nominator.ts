// Nominator: the pods nominated to run on a node while room is being made for them there
// (kube-scheduler's nominator, backend/queue/nominator.go). A nomination comes either from
// the pod's status.nominatedNodeName (seen through the informer) or from this scheduler's
// preemption, recorded here before the status write reaches the API server, so the next
// scheduling cycles already keep the freed room for the pod.
//
// Contract:
//  - addNominatedPod(pInfo, nominating): mode 'override' nominates the pod to
//    nominating.nominatedNodeName ('' clears its nomination); no nominating info (or mode
//    'noop') takes the pod's own status.nominatedNodeName. A pod the pod lister no longer
//    has, or has bound, is never nominated. A pod is nominated to one node at most.
//  - updateNominatedPod(old, new) swaps in the new PodInfo; when neither version carries a
//    nominatedNodeName the in-memory nomination is kept (the scheduler nominated the pod
//    and its status write has not arrived yet).
//  - deleteNominatedPodIfExists(pod) forgets the pod (bound, deleted, scheduled elsewhere).
//  - nominatedPodsForNode(node) is a read-only view, valid until the nominator next changes;
//    size is the number of nominated pods, so callers skip all work when it is 0.
// Pods are identified by uid (namespace/name for uid-less test pods), as podKeyOf does.

import type { Pod } from '../../api/types/core-v1.js';
import type { PodNominator } from '../framework/interface.js';
import { podKeyOf, type PodInfo } from '../framework/pod-info.js';

export type NominatingMode = 'noop' | 'override';

/** What to do with a pod's nomination after a scheduling attempt (framework.NominatingInfo). */
export interface NominatingInfo {
  readonly mode: NominatingMode;
  readonly nominatedNodeName: string;
}

/** Clears the pod's nomination (an error, or a node chosen and then given up). */
export const CLEAR_NOMINATED_NODE: NominatingInfo = Object.freeze({ mode: 'override', nominatedNodeName: '' });

export interface NominatorOptions {
  /** The pod as the scheduler's pod informer has it now (undefined: gone). Absent in unit
   *  tests: every pod counts as alive and pending. */
  readonly podLister?: (namespace: string, name: string) => Pod | undefined;
}

const NONE: readonly PodInfo[] = Object.freeze([]);

export class Nominator implements PodNominator {
  readonly #byNode = new Map<string, PodInfo[]>();
  readonly #nodeOf = new Map<string, string>();
  readonly #podLister: NominatorOptions['podLister'];

  constructor(opts: NominatorOptions = {}) {
    this.#podLister = opts.podLister;
  }

  /** How many pods are nominated (to any node). */
  get size(): number {
    return this.#nodeOf.size;
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.#byNode.get(nodeName) ?? NONE;
  }

  /** The node the pod is nominated to, if any. */
  nominatedNodeOf(pod: Pod): string | undefined {
    return this.#nodeOf.get(podKeyOf(pod));
  }

  addNominatedPod(pi: PodInfo, nominating?: NominatingInfo): void {
    // Re-adding must never leave a second entry behind.
    this.deleteNominatedPodIfExists(pi.pod);
    const nodeName = nominating?.mode === 'override' ? nominating.nominatedNodeName : (pi.pod.status?.nominatedNodeName ?? '');
    if (nodeName === '' || !this.#alivePending(pi.pod)) return;
    this.#nodeOf.set(pi.key, nodeName);
    const list = this.#byNode.get(nodeName);
    if (list) list.push(pi);
    else this.#byNode.set(nodeName, [pi]);
  }

  updateNominatedPod(oldPod: Pod, newPodInfo: PodInfo): void {
    let nominating: NominatingInfo | undefined;
    // An update without any nominatedNodeName (e.g. a label change) arriving before our
    // own status write: keep the room this scheduler reserved.
    if (!oldPod.status?.nominatedNodeName && !newPodInfo.pod.status?.nominatedNodeName) {
      const kept = this.#nodeOf.get(podKeyOf(oldPod));
      if (kept !== undefined) nominating = { mode: 'override', nominatedNodeName: kept };
    }
    this.deleteNominatedPodIfExists(oldPod);
    this.addNominatedPod(newPodInfo, nominating);
  }

  deleteNominatedPodIfExists(pod: Pod): void {
    const key = podKeyOf(pod);
    const node = this.#nodeOf.get(key);
    if (node === undefined) return;
    this.#nodeOf.delete(key);
    const list = this.#byNode.get(node);
    if (!list) return;
    const i = list.findIndex((p) => p.key === key);
    if (i >= 0) list.splice(i, 1);
    if (list.length === 0) this.#byNode.delete(node);
  }

  #alivePending(pod: Pod): boolean {
    if (!this.#podLister) return true;
    const current = this.#podLister(pod.metadata.namespace ?? '', pod.metadata.name ?? '');
    return current !== undefined && !current.spec?.nodeName;
  }
}
