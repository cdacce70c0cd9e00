// The ClusterIndex against kube-scheduler's plain walk over every pod: random clusters, random
// terms, and random changes between cycles (pods added and removed, node labels changed,
// nodes leaving the list in place or with a new list), compared count for count.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Labels } from '../../../api/labels/index.js';
import type { LabelSelector as LabelSelectorObject } from '../../../api/types/meta-v1.js';
import type { Node, Pod, PodAffinityTerm } from '../../../api/types/core-v1.js';
import { Snapshot } from '../../cache/snapshot.js';
import { CycleState, stateKey } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import type { Status } from '../../framework/status.js';
import type { PreFilterState } from './filtering.js';
import { InterPodAffinity, namespaceSourceFromMap } from './inter-pod-affinity.js';
import type { TopologyCounts } from './topology-counts.js';
import { matchesAllTerms, resolveAll, resolveAllWeighted, termMatches, termsOf, type WeightedAffinityTerm } from './terms.js';

const HOST = 'kubernetes.io/hostname';
const NAMESPACES: Record<string, Labels> = { ns1: { team: 't1' }, ns2: { team: 't2' }, ns3: {} };

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  readonly #r: () => number;
  #n = 0;
  constructor(seed: number) {
    this.#r = rng(seed);
  }
  int(n: number): number {
    return Math.floor(this.#r() * n);
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  chance(p: number): boolean {
    return this.#r() < p;
  }

  selector(): LabelSelectorObject | undefined {
    switch (this.int(7)) {
      case 0:
        return { matchLabels: { app: this.pick(['a', 'b', 'c']) } };
      case 1:
        return { matchExpressions: [{ key: 'app', operator: 'In', values: ['a', 'b'] }] };
      case 2:
        return { matchExpressions: [{ key: 'tier', operator: 'Exists' }] };
      case 3:
        return { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['a'] }] };
      case 4:
        return { matchLabels: { app: this.pick(['a', 'b']) }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] };
      case 5:
        return {};
      default:
        return undefined;
    }
  }

  term(): PodAffinityTerm {
    const t: PodAffinityTerm = { topologyKey: this.pick([HOST, 'zone', 'region']) };
    const sel = this.selector();
    if (sel) t.labelSelector = sel;
    switch (this.int(5)) {
      case 0:
        t.namespaces = [this.pick(['ns1', 'ns2', 'ns3'])];
        break;
      case 1:
        t.namespaceSelector = {};
        break;
      case 2:
        t.namespaceSelector = { matchLabels: { team: this.pick(['t1', 't2']) } };
        break;
      default:
    }
    return t;
  }

  terms(): PodAffinityTerm[] | undefined {
    const n = this.int(4) - 1;
    return n <= 0 ? undefined : Array.from({ length: n }, () => this.term());
  }

  weighted(): { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined {
    return this.terms()?.map((podAffinityTerm) => ({ weight: 1 + this.int(100), podAffinityTerm }));
  }

  pod(nodeName?: string): Pod {
    const labels: Record<string, string> = {};
    if (this.chance(0.8)) labels['app'] = this.pick(['a', 'b', 'c']);
    if (this.chance(0.5)) labels['tier'] = this.pick(['x', 'y']);
    const name = `p${++this.#n}`;
    const pod: Pod = { metadata: { name, namespace: this.pick(['ns1', 'ns2', 'ns3']), uid: name, labels }, spec: { containers: [{ name: 'c' }] } };
    if (nodeName) pod.spec!.nodeName = nodeName;
    if (this.chance(0.6)) {
      const ra = this.terms();
      const pa = this.weighted();
      const rn = this.terms();
      const pn = this.weighted();
      pod.spec!.affinity = {
        ...(ra || pa ? { podAffinity: { ...(ra ? { requiredDuringSchedulingIgnoredDuringExecution: ra } : {}), ...(pa ? { preferredDuringSchedulingIgnoredDuringExecution: pa } : {}) } } : {}),
        ...(rn || pn ? { podAntiAffinity: { ...(rn ? { requiredDuringSchedulingIgnoredDuringExecution: rn } : {}), ...(pn ? { preferredDuringSchedulingIgnoredDuringExecution: pn } : {}) } } : {}),
      };
    }
    return pod;
  }

  node(name: string): Node {
    const labels: Record<string, string> = { [HOST]: name };
    if (this.chance(0.8)) labels['zone'] = this.pick(['z1', 'z2', 'z3']);
    if (this.chance(0.6)) labels['region'] = this.pick(['r1', 'r2']);
    return { metadata: { name, labels }, status: { allocatable: { cpu: '4', memory: '8Gi', pods: '110' } } };
  }
}

// ---- kube-scheduler's walks, written plainly ----

function bump(m: Record<string, number>, labels: Labels | undefined, key: string, n: number): void {
  const v = labels?.[key];
  if (v === undefined) return;
  const k = `${key}=${v}`;
  m[k] = (m[k] ?? 0) + n;
}

function refPreFilter(incoming: Pod, nodes: readonly NodeInfo[]): { existing: Record<string, number>; affinity: Record<string, number>; anti: Record<string, number> } | 'skip' {
  const source = namespaceSourceFromMap(NAMESPACES);
  const own = termsOf(incoming);
  const aff = resolveAll(own.requiredAffinity, source);
  const anti = resolveAll(own.requiredAntiAffinity, source);
  const ns = incoming.metadata.namespace!;
  const nsLabels = NAMESPACES[ns];
  const existing: Record<string, number> = {};
  const affinity: Record<string, number> = {};
  const antiCounts: Record<string, number> = {};
  for (const ni of nodes) {
    if (!ni.node) continue;
    const labels = ni.node.metadata.labels;
    for (const e of ni.podsWithRequiredAntiAffinity) {
      for (const t of termsOf(e.pod).requiredAntiAffinity) if (termMatches(t, ns, incoming.metadata.labels, nsLabels)) bump(existing, labels, t.topologyKey, 1);
    }
    for (const e of ni.pods) {
      if (matchesAllTerms(aff, e.pod)) for (const t of aff) bump(affinity, labels, t.topologyKey, 1);
      for (const t of anti) if (termMatches(t, e.namespace, e.pod.metadata.labels, undefined)) bump(antiCounts, labels, t.topologyKey, 1);
    }
  }
  if (Object.keys(existing).length === 0 && aff.length === 0 && anti.length === 0) return 'skip';
  return { existing, affinity, anti: antiCounts };
}

function refScores(incoming: Pod, nodes: readonly NodeInfo[], hard: number): Record<string, number> | 'skip' {
  const source = namespaceSourceFromMap(NAMESPACES);
  const own = termsOf(incoming);
  const pa = resolveAllWeighted(own.preferredAffinity, source);
  const pn = resolveAllWeighted(own.preferredAntiAffinity, source);
  const ns = incoming.metadata.namespace!;
  const labels = incoming.metadata.labels;
  const nsLabels = NAMESPACES[ns];
  const out: Record<string, number> = {};
  const weighted = (terms: readonly WeightedAffinityTerm[], sign: number, pNs: string, pLabels: Labels | undefined, nsl: Labels | undefined, nodeLabels: Labels | undefined): void => {
    for (const w of terms) if (termMatches(w.term, pNs, pLabels, nsl)) bump(out, nodeLabels, w.term.topologyKey, sign * w.weight);
  };
  for (const ni of nodes) {
    if (!ni.node) continue;
    const nodeLabels = ni.node.metadata.labels;
    for (const e of ni.pods) {
      weighted(pa, 1, e.namespace, e.pod.metadata.labels, undefined, nodeLabels);
      weighted(pn, -1, e.namespace, e.pod.metadata.labels, undefined, nodeLabels);
      const et = termsOf(e.pod);
      if (hard > 0) for (const t of et.requiredAffinity) if (termMatches(t, ns, labels, nsLabels)) bump(out, nodeLabels, t.topologyKey, hard);
      weighted(et.preferredAffinity, 1, ns, labels, nsLabels, nodeLabels);
      weighted(et.preferredAntiAffinity, -1, ns, labels, nsLabels, nodeLabels);
    }
  }
  return Object.keys(out).length === 0 ? 'skip' : out;
}

// ---- the plugin's results ----

const preFilterKey = stateKey<PreFilterState>('PreFilterInterPodAffinity');
const preScoreKey = stateKey<TopologyCounts>('PreScoreInterPodAffinity');

function isSkip(s: unknown): boolean {
  return s !== null && typeof s === 'object' && (s as Status).isSkip?.() === true;
}

function pluginPreFilter(p: InterPodAffinity, incoming: Pod): ReturnType<typeof refPreFilter> {
  const state = new CycleState();
  const r = p.preFilter(state, new PodInfo(incoming));
  if (isSkip(r)) return 'skip';
  const s = state.read(preFilterKey)!;
  return { existing: s.existingAntiAffinity.toObject(), affinity: s.affinity.toObject(), anti: s.antiAffinity.toObject() };
}

function pluginScores(p: InterPodAffinity, incoming: Pod, nodes: readonly NodeInfo[]): Record<string, number> | 'skip' {
  const state = new CycleState();
  const r = p.preScore(state, new PodInfo(incoming), nodes);
  if (isSkip(r)) return 'skip';
  return state.read(preScoreKey)!.toObject();
}

/** The non-zero domains in key order (a domain whose sum returned to 0 scores as one never
 *  touched). */
function sorted(r: Record<string, number> | 'skip'): Record<string, number> | 'skip' {
  return r === 'skip' ? r : Object.fromEntries(Object.entries(r).filter(([, n]) => n !== 0).sort(([a], [b]) => (a < b ? -1 : 1)));
}

function sortedCounts(r: ReturnType<typeof refPreFilter>): unknown {
  return r === 'skip' ? r : { existing: sorted(r.existing), affinity: sorted(r.affinity), anti: sorted(r.anti) };
}

// ---- changes between cycles ----

function mutate(g: Gen, snapshot: Snapshot, spare: NodeInfo[]): void {
  const list = snapshot.nodeInfoList;
  for (let k = 0; k < 4; k++) {
    const ni = g.pick(list);
    switch (g.int(6)) {
      case 0:
      case 1:
        ni.addPod(new PodInfo(g.pod(ni.name)));
        break;
      case 2:
        if (ni.pods.length > 0) ni.removePod(g.pick(ni.pods));
        break;
      case 3:
        ni.setNode(g.node(ni.name));
        break;
      case 4: {
        // A node leaves: in place, or with a new list, as the cache may do either.
        const i = list.indexOf(ni);
        if (list.length > 2) {
          if (g.chance(0.5)) list.splice(i, 1);
          else snapshot.nodeInfoList = list.filter((n) => n !== ni);
          spare.push(ni);
          return;
        }
        break;
      }
      default: {
        const back = spare.pop();
        if (back) snapshot.nodeInfoList = [...snapshot.nodeInfoList, back];
        return;
      }
    }
  }
}

describe('ClusterIndex equals the plain walk', () => {
  for (let seed = 1; seed <= 40; seed++) {
    test(`random cluster ${seed}`, () => {
      const g = new Gen(seed);
      const infos: NodeInfo[] = [];
      for (let i = 0; i < 3 + g.int(8); i++) {
        const name = `n${i}`;
        const ni = new NodeInfo(name, g.node(name));
        for (let j = g.int(6); j > 0; j--) ni.addPod(new PodInfo(g.pod(name)));
        infos.push(ni);
      }
      const snapshot = Snapshot.fromNodeInfos(infos);
      const hard = g.pick([0, 1, 7]);
      const plugin = new InterPodAffinity({ hardPodAffinityWeight: hard }, { snapshot: () => snapshot }, namespaceSourceFromMap(NAMESPACES));
      const spare: NodeInfo[] = [];
      for (let round = 0; round < 8; round++) {
        for (let k = 0; k < 4; k++) {
          const incoming = g.pod();
          const nodes = snapshot.list();
          assert.deepEqual(sortedCounts(pluginPreFilter(plugin, incoming)), sortedCounts(refPreFilter(incoming, nodes)), `round ${round} PreFilter`);
          assert.deepEqual(sorted(pluginScores(plugin, incoming, nodes)), sorted(refScores(incoming, nodes, hard)), `round ${round} PreScore`);
        }
        mutate(g, snapshot, spare);
        // As the scheduler cache does when it refreshes the snapshot.
        snapshot.havePodsWithAffinityNodeInfoList = snapshot.nodeInfoList.filter((n) => n.podsWithAffinity.length > 0);
        snapshot.havePodsWithRequiredAntiAffinityNodeInfoList = snapshot.nodeInfoList.filter((n) => n.podsWithRequiredAntiAffinity.length > 0);
      }
    });
  }
});
