// InterPodAffinity's preferences (kube-scheduler interpodaffinity/scoring.go): PreScore sums
// weights per topology domain; a node scores the sum over the domains it is in; the scores
// are then stretched min..max onto 0..100.
//
// Contract:
//  - For every existing pod E on a node N with labels, and every term whose pods match, the
//    domain (topologyKey, N's value) gains:
//      + weight  for the incoming pod's preferred affinity terms selecting E,
//      - weight  for its preferred anti-affinity terms selecting E,
//      + hardPodAffinityWeight for E's required affinity terms selecting the incoming pod
//        (when that weight > 0),
//      + / - weight for E's preferred affinity / anti-affinity terms selecting it.
//  - The incoming pod's terms visit the pods the ClusterIndex offers as candidates; the
//    existing pods' terms only the pods that have such terms (cluster-index.ts).
//  - A domain once touched stays in the map even if its sum returns to 0 (kube-scheduler's
//    map keeps it too: PreScore is skipped only when nothing was touched).
//  - normalize: (s - min) * 100 / (max - min), truncated; all 0 when max == min.

import type { Labels } from '../../../api/labels/index.js';
import { MAX_NODE_SCORE } from '../../framework/interface.js';
import type { PodInfo } from '../../framework/pod-info.js';
import type { ClusterIndex } from './cluster-index.js';
import { termMatches, termsOf, type WeightedAffinityTerm } from './terms.js';
import { TopologyCounts } from './topology-counts.js';

export interface ScoringInput {
  readonly pod: PodInfo;
  /** The incoming pod's preferred terms, namespaceSelectors resolved to names. */
  readonly preferredAffinity: readonly WeightedAffinityTerm[];
  readonly preferredAntiAffinity: readonly WeightedAffinityTerm[];
  /** Labels of the incoming pod's namespace (what existing pods' namespaceSelectors see). */
  readonly namespaceLabels: Labels | undefined;
  readonly hardPodAffinityWeight: number;
}

function addWeighted(scores: TopologyCounts, terms: readonly WeightedAffinityTerm[], sign: 1 | -1, ns: string, podLabels: Labels | undefined, nsLabels: Labels | undefined, nodeLabels: Labels | undefined): void {
  for (let i = 0; i < terms.length; i++) {
    const w = terms[i]!;
    if (termMatches(w.term, ns, podLabels, nsLabels)) scores.addForNode(nodeLabels, w.term.topologyKey, sign * w.weight);
  }
}

/** The incoming pod's preferred terms: each existing pod they select weighs on its domain. */
function addIncomingTerms(scores: TopologyCounts, terms: readonly WeightedAffinityTerm[], sign: 1 | -1, index: ClusterIndex): void {
  for (const w of terms) {
    const t = w.term;
    // Its namespaceSelectors are resolved: no namespace labels needed.
    index.forEachCandidate([t.selector], (p) => {
      if (termMatches(t, p.info.namespace, p.info.pod.metadata.labels, undefined)) scores.addForNode(p.nodeLabels, t.topologyKey, sign * w.weight);
    });
  }
}

/** An existing pod's own terms that select the incoming pod weigh on the existing pod's domain. */
function addExistingTerms(scores: TopologyCounts, input: ScoringInput, existing: PodInfo, nodeLabels: Labels | undefined): void {
  const terms = termsOf(existing.pod);
  const ns = input.pod.namespace;
  const labels = input.pod.pod.metadata.labels;
  const nsLabels = input.namespaceLabels;
  const hard = input.hardPodAffinityWeight;
  if (hard > 0) {
    for (const t of terms.requiredAffinity) if (termMatches(t, ns, labels, nsLabels)) scores.addForNode(nodeLabels, t.topologyKey, hard);
  }
  addWeighted(scores, terms.preferredAffinity, 1, ns, labels, nsLabels, nodeLabels);
  addWeighted(scores, terms.preferredAntiAffinity, -1, ns, labels, nsLabels, nodeLabels);
}

/** The domain sums over the indexed pods. */
export function computeTopologyScores(input: ScoringInput, index: ClusterIndex): TopologyCounts {
  const scores = new TopologyCounts();
  addIncomingTerms(scores, input.preferredAffinity, 1, index);
  addIncomingTerms(scores, input.preferredAntiAffinity, -1, index);
  index.forEachScoringPod((p) => addExistingTerms(scores, input, p.info, p.nodeLabels));
  return scores;
}

/** Stretches scores from [min, max] onto [0, MAX_NODE_SCORE] in place. */
export function normalizeMinMax(scores: Float64Array): void {
  if (scores.length === 0) return;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]!;
    if (s > max) max = s;
    if (s < min) min = s;
  }
  const diff = max - min;
  for (let i = 0; i < scores.length; i++) scores[i] = diff > 0 ? Math.trunc(MAX_NODE_SCORE * ((scores[i]! - min) / diff)) : 0;
}
