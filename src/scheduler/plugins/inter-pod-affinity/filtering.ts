// InterPodAffinity's required terms (kube-scheduler interpodaffinity/filtering.go): the
// per-cycle counts PreFilter computes and the per-node checks Filter makes against them.
//
// Contract:
//  - Three counts per topology pair (topologyKey, value of that label on a pod's node):
//      existingAntiAffinity: existing pods' required anti-affinity terms that select the
//        incoming pod;
//      affinity: existing pods that satisfy ALL of the incoming pod's required affinity
//        terms, counted once per term's topology;
//      antiAffinity: existing pods selected by each of the incoming pod's required
//        anti-affinity terms.
//    A pair whose count drops to 0 is removed, so `size` is the number of live pairs.
//  - Filter, in kube-scheduler's order: the incoming pod's affinity (every topologyKey must
//    be on the node and some selected pod in that domain, except when no pod anywhere is
//    selected and the pod selects itself: the first of a group), then its anti-affinity,
//    then existing pods' anti-affinity.
//  - updateWithPod(pod, node, ±1) is the what-if delta of adding or removing one pod
//    (preemption, nominated pods); clone() gives the copy a what-if may mutate.
//  - The counts come from the ClusterIndex (cluster-index.ts), equal to walking every pod.
//  - Per node, checks are a few map lookups and allocate nothing.

import type { Labels } from '../../../api/labels/index.js';
import type { Node } from '../../../api/types/core-v1.js';
import type { Cloneable } from '../../framework/cycle-state.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { ClusterIndex } from './cluster-index.js';
import { labelValue, matchesAllTerms, termMatches, termsOf, type AffinityTerm } from './terms.js';
import { TopologyCounts } from './topology-counts.js';

export const ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't satisfy existing pods anti-affinity rules";
export const ERR_REASON_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod affinity rules";
export const ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH = "node(s) didn't match pod anti-affinity rules";

/** What PreFilter leaves for Filter; Cloneable, as what-if evaluations change it. */
export class PreFilterState implements Cloneable<PreFilterState> {
  constructor(
    /** The incoming pod. */
    readonly pod: PodInfo,
    /** Its required terms, namespaceSelectors resolved to names. */
    readonly requiredAffinity: readonly AffinityTerm[],
    readonly requiredAntiAffinity: readonly AffinityTerm[],
    /** Labels of the incoming pod's namespace (what existing pods' namespaceSelectors see). */
    readonly namespaceLabels: Labels | undefined,
    readonly existingAntiAffinity: TopologyCounts = new TopologyCounts(),
    readonly affinity: TopologyCounts = new TopologyCounts(),
    readonly antiAffinity: TopologyCounts = new TopologyCounts(),
    /** The pod satisfies all its own affinity terms (may be the first of its group). */
    readonly selfMatchesAffinity: boolean = matchesAllTerms(requiredAffinity, pod.pod),
  ) {}

  clone(): PreFilterState {
    return new PreFilterState(
      this.pod,
      this.requiredAffinity,
      this.requiredAntiAffinity,
      this.namespaceLabels,
      this.existingAntiAffinity.clone(),
      this.affinity.clone(),
      this.antiAffinity.clone(),
      this.selfMatchesAffinity,
    );
  }

  /** Counts the existing pods' anti-affinity terms that select the incoming pod. */
  countExistingAntiAffinity(index: ClusterIndex): void {
    const ns = this.pod.namespace;
    const podLabels = this.pod.pod.metadata.labels;
    index.forEachAntiAffinityCandidate(podLabels, (g) => {
      if (!termMatches(g.term, ns, podLabels, this.namespaceLabels)) return;
      for (const [value, n] of g.counts) this.existingAntiAffinity.add(g.term.topologyKey, value, n);
    });
  }

  /** Counts the existing pods the incoming pod's own required terms select. */
  countIncoming(index: ClusterIndex): void {
    const aff = this.requiredAffinity;
    if (aff.length > 0) {
      index.forEachCandidate(
        aff.map((t) => t.selector),
        (p) => {
          if (!matchesAllTerms(aff, p.info.pod)) return;
          for (const t of aff) this.affinity.addForNode(p.nodeLabels, t.topologyKey, 1);
        },
      );
    }
    for (const t of this.requiredAntiAffinity) {
      index.forEachCandidate([t.selector], (p) => {
        if (termMatches(t, p.info.namespace, p.info.pod.metadata.labels, undefined)) this.antiAffinity.addForNode(p.nodeLabels, t.topologyKey, 1);
      });
    }
  }

  /** The counts as if pod were added to (+1) or removed from (-1) node. */
  updateWithPod(pod: PodInfo, node: Node | null, multiplier: 1 | -1): void {
    const labels = node?.metadata.labels;
    const ns = this.pod.namespace;
    const podLabels = this.pod.pod.metadata.labels;
    for (const t of termsOf(pod.pod).requiredAntiAffinity) {
      if (termMatches(t, ns, podLabels, this.namespaceLabels)) this.existingAntiAffinity.addForNode(labels, t.topologyKey, multiplier);
    }
    if (matchesAllTerms(this.requiredAffinity, pod.pod)) {
      for (const t of this.requiredAffinity) this.affinity.addForNode(labels, t.topologyKey, multiplier);
    }
    for (const t of this.requiredAntiAffinity) {
      if (termMatches(t, pod.namespace, pod.pod.metadata.labels, undefined)) this.antiAffinity.addForNode(labels, t.topologyKey, multiplier);
    }
  }

  /** The incoming pod's affinity terms hold on the node. */
  satisfiesAffinity(labels: Labels | undefined): boolean {
    const terms = this.requiredAffinity;
    let podsExist = true;
    for (let i = 0; i < terms.length; i++) {
      const key = terms[i]!.topologyKey;
      const v = labelValue(labels, key);
      // Every topology label must be on the node, whatever the counts.
      if (v === undefined) return false;
      if (this.affinity.get(key, v) <= 0) podsExist = false;
    }
    if (podsExist) return true;
    // The first pod of a group that is affine to itself: nothing in the cluster matches yet,
    // and refusing it would leave the whole group pending forever.
    return this.affinity.size === 0 && this.selfMatchesAffinity;
  }

  /** No pod the incoming pod's anti-affinity terms select is in the node's domains. */
  satisfiesAntiAffinity(labels: Labels | undefined): boolean {
    if (this.antiAffinity.size === 0) return true;
    const terms = this.requiredAntiAffinity;
    for (let i = 0; i < terms.length; i++) {
      const key = terms[i]!.topologyKey;
      const v = labelValue(labels, key);
      if (v !== undefined && this.antiAffinity.get(key, v) > 0) return false;
    }
    return true;
  }

  /** No existing pod whose anti-affinity selects the incoming pod shares a domain with the node. */
  satisfiesExistingAntiAffinity(labels: Labels | undefined): boolean {
    return !this.existingAntiAffinity.anyPositive(labels);
  }
}
