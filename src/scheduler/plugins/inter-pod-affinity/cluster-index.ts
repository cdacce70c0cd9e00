// ClusterIndex: what InterPodAffinity needs to know about the pods of a snapshot, kept up to
// date across scheduling cycles so a cycle costs in proportion to what changed and to the
// pods that can matter, not to every pod in the cluster.
//
// kube-scheduler walks every node's pods in every PreFilter and PreScore (with 16 workers).
// Here one thread does it, so instead:
//  - existing pods' required anti-affinity terms are summed per term signature (the terms of
//    one workload's pods are alike), and the groups filed by a label value their selector
//    requires: per cycle only the groups that can select the incoming pod are matched
//    against it, once each, not once per pod;
//  - pods are indexed by label, so the incoming pod's terms visit only the pods that carry
//    a label value their selector requires (In / = / Exists), all pods only when the
//    selector requires none;
//  - the pods whose own terms can weigh on scoring (required affinity, preferred terms) are
//    listed apart, so scoring a pod skips the rest.
//
// Contract:
//  - sync(nodes) makes the index mirror exactly the given NodeInfos: a NodeInfo is
//    re-indexed when its generation changed (every pod or node update bumps it), dropped when
//    it left the list. With the scheduler's snapshot (same list array, NodeInfos updated in
//    place) a cycle without changes costs one pass comparing generations.
//  - Pods on a NodeInfo without a Node are not indexed (kube-scheduler skips such nodes).
//  - The results equal kube-scheduler's walks; only the order of summation differs, and the
//    sums are integers.

import type { Labels, LabelSelector } from '../../../api/labels/index.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { labelValue, termsOf, type AffinityTerm } from './terms.js';

/** A pod of the snapshot, with the labels of its node when it was indexed. */
export interface IndexedPod {
  readonly info: PodInfo;
  readonly nodeLabels: Labels | undefined;
}

/** Existing pods' required anti-affinity terms of one signature: pods per topology value. */
export class AntiAffinityGroup {
  readonly counts = new Map<string, number>();
  total = 0;
  /** The requirement (key = / in values) the group is filed under; null: filed under none. */
  readonly key: string | null;
  readonly values: readonly string[];

  constructor(readonly term: AffinityTerm) {
    const r = term.selector.requirements.find((x) => x.operator === '=' || x.operator === '==' || x.operator === 'in');
    this.key = r ? r.key : null;
    this.values = r ? r.values : [];
  }
}

interface AntiContribution {
  readonly group: AntiAffinityGroup;
  readonly value: string;
}

class NodeRecord {
  generation = Number.NaN;
  pods: IndexedPod[] = [];
  anti: AntiContribution[] = [];
  scoring: IndexedPod[] = [];
  constructor(readonly info: NodeInfo) {}
}

type PodSets = readonly ReadonlySet<IndexedPod>[];

export class ClusterIndex {
  readonly #records = new Map<NodeInfo, NodeRecord>();
  /** The list last synced, and its records in the same order (the fast path). */
  #list: readonly NodeInfo[] | null = null;
  #order: NodeRecord[] = [];
  readonly #byLabel = new Map<string, Map<string, Set<IndexedPod>>>();
  readonly #antiGroups = new Map<string, AntiAffinityGroup>();
  /** Groups by a label value their selector requires; the rest (that can match) apart. */
  readonly #groupsByLabel = new Map<string, Map<string, Set<AntiAffinityGroup>>>();
  readonly #unfiledGroups = new Set<AntiAffinityGroup>();
  readonly #scoring = new Set<NodeRecord>();

  sync(nodes: readonly NodeInfo[]): void {
    if (nodes !== this.#list || nodes.length !== this.#order.length) return this.#fullSync(nodes);
    for (let i = 0; i < nodes.length; i++) {
      const rec = this.#order[i]!;
      const ni = nodes[i]!;
      if (rec.info !== ni) return this.#fullSync(nodes);
      if (rec.generation !== ni.generation) this.#refresh(rec);
    }
  }

  #fullSync(nodes: readonly NodeInfo[]): void {
    const order: NodeRecord[] = [];
    const seen = new Set<NodeRecord>();
    for (const ni of nodes) {
      let rec = this.#records.get(ni);
      if (!rec) this.#records.set(ni, (rec = new NodeRecord(ni)));
      if (rec.generation !== ni.generation) this.#refresh(rec);
      order.push(rec);
      seen.add(rec);
    }
    for (const [ni, rec] of this.#records) {
      if (seen.has(rec)) continue;
      this.#clear(rec);
      this.#records.delete(ni);
    }
    this.#list = nodes;
    this.#order = order;
  }

  #refresh(rec: NodeRecord): void {
    this.#clear(rec);
    const ni = rec.info;
    rec.generation = ni.generation;
    if (ni.node === null) return;
    const nodeLabels = ni.node.metadata.labels;
    for (const info of ni.pods) {
      const e: IndexedPod = { info, nodeLabels };
      rec.pods.push(e);
      this.#addLabels(e);
      if (!info.hasAffinity) continue;
      const terms = termsOf(info.pod);
      for (const t of terms.requiredAntiAffinity) {
        const value = labelValue(nodeLabels, t.topologyKey);
        if (value === undefined) continue;
        const group = this.#antiGroups.get(t.signature) ?? this.#newGroup(t);
        group.counts.set(value, (group.counts.get(value) ?? 0) + 1);
        group.total++;
        rec.anti.push({ group, value });
      }
      if (terms.requiredAffinity.length > 0 || terms.preferredAffinity.length > 0 || terms.preferredAntiAffinity.length > 0) rec.scoring.push(e);
    }
    if (rec.scoring.length > 0) this.#scoring.add(rec);
  }

  #clear(rec: NodeRecord): void {
    for (const e of rec.pods) this.#removeLabels(e);
    for (const { group, value } of rec.anti) {
      const n = (group.counts.get(value) ?? 0) - 1;
      if (n <= 0) group.counts.delete(value);
      else group.counts.set(value, n);
      // An emptied group goes: the per-cycle walk over groups stays as short as the live ones.
      if (--group.total === 0) this.#dropGroup(group);
    }
    this.#scoring.delete(rec);
    rec.pods = [];
    rec.anti = [];
    rec.scoring = [];
    rec.generation = Number.NaN;
  }

  #newGroup(t: AffinityTerm): AntiAffinityGroup {
    const g = new AntiAffinityGroup(t);
    this.#antiGroups.set(t.signature, g);
    // A selector that matches nothing never selects the incoming pod: filed nowhere.
    if (t.selector.matchesNothing()) return g;
    if (g.key === null) {
      this.#unfiledGroups.add(g);
      return g;
    }
    let byValue = this.#groupsByLabel.get(g.key);
    if (!byValue) this.#groupsByLabel.set(g.key, (byValue = new Map()));
    for (const v of g.values) {
      let set = byValue.get(v);
      if (!set) byValue.set(v, (set = new Set()));
      set.add(g);
    }
    return g;
  }

  #dropGroup(g: AntiAffinityGroup): void {
    this.#antiGroups.delete(g.term.signature);
    this.#unfiledGroups.delete(g);
    if (g.key === null) return;
    const byValue = this.#groupsByLabel.get(g.key);
    if (!byValue) return;
    for (const v of g.values) {
      const set = byValue.get(v);
      if (!set) continue;
      set.delete(g);
      if (set.size === 0) byValue.delete(v);
    }
    if (byValue.size === 0) this.#groupsByLabel.delete(g.key);
  }

  #addLabels(e: IndexedPod): void {
    const labels = e.info.pod.metadata.labels;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      let byValue = this.#byLabel.get(k);
      if (!byValue) this.#byLabel.set(k, (byValue = new Map()));
      let set = byValue.get(labels[k]!);
      if (!set) byValue.set(labels[k]!, (set = new Set()));
      set.add(e);
    }
  }

  #removeLabels(e: IndexedPod): void {
    const labels = e.info.pod.metadata.labels;
    if (!labels) return;
    for (const k of Object.keys(labels)) {
      const byValue = this.#byLabel.get(k);
      const set = byValue?.get(labels[k]!);
      if (!set) continue;
      set.delete(e);
      if (set.size > 0) continue;
      byValue!.delete(labels[k]!);
      if (byValue!.size === 0) this.#byLabel.delete(k);
    }
  }

  /**
   * Calls fn for every group of existing pods' required anti-affinity terms that may select
   * a pod with these labels (at least those that do), each once.
   */
  forEachAntiAffinityCandidate(podLabels: Labels | undefined, fn: (g: AntiAffinityGroup) => void): void {
    for (const g of this.#unfiledGroups) fn(g);
    if (!podLabels || this.#groupsByLabel.size === 0) return;
    // A pod has one value per key and a group is filed under one key: no group comes twice.
    for (const k of Object.keys(podLabels)) {
      const set = this.#groupsByLabel.get(k)?.get(podLabels[k]!);
      if (set) for (const g of set) fn(g);
    }
  }

  /**
   * The pod sets one of the selector's requirements confines matches to (the smallest), or
   * null when none does (every pod is a candidate).
   */
  #narrowest(selector: LabelSelector): { sets: PodSets; size: number } | null {
    let best: { sets: PodSets; size: number } | null = null;
    for (const r of selector.requirements) {
      const op = r.operator;
      if (op !== '=' && op !== '==' && op !== 'in' && op !== 'exists') continue;
      const byValue = this.#byLabel.get(r.key);
      const sets: Set<IndexedPod>[] = [];
      let size = 0;
      if (byValue) {
        if (op === 'exists') for (const s of byValue.values()) sets.push(s);
        else for (const v of r.values) {
          const s = byValue.get(v);
          if (s) sets.push(s);
        }
        for (const s of sets) size += s.size;
      }
      if (!best || size < best.size) best = { sets, size };
      if (size === 0) break;
    }
    return best;
  }

  /**
   * Calls fn for every pod that may match all of the selectors (at least the pods that do),
   * each once. No selectors: every pod.
   */
  forEachCandidate(selectors: readonly LabelSelector[], fn: (p: IndexedPod) => void): void {
    let best: { sets: PodSets; size: number } | null = null;
    for (const s of selectors) {
      if (s.matchesNothing()) return;
      const n = this.#narrowest(s);
      if (n && (!best || n.size < best.size)) best = n;
    }
    if (best) {
      // Sets of one key's different values are disjoint: no pod comes twice.
      for (const set of best.sets) for (const p of set) fn(p);
      return;
    }
    for (const rec of this.#order) for (const p of rec.pods) fn(p);
  }

  /** Calls fn for every pod with terms that weigh on scoring. */
  forEachScoringPod(fn: (p: IndexedPod) => void): void {
    for (const rec of this.#scoring) for (const p of rec.scoring) fn(p);
  }
}
