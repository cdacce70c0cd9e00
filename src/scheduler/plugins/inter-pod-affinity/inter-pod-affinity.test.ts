import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Labels } from '../../../api/labels/index.js';
import type { Namespace, Node, Pod, PodAffinityTerm } from '../../../api/types/core-v1.js';
import { builtinRef } from '../../../client/builtin-resources.js';
import type { ListerWatcher } from '../../../client/contract.js';
import { SharedInformerFactory } from '../../../client/informer/factory.js';
import { Snapshot } from '../../cache/snapshot.js';
import { CycleState } from '../../framework/cycle-state.js';
import { QueueingHint } from '../../framework/events.js';
import type { Handle } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import {
  ERR_REASON_AFFINITY_RULES_NOT_MATCH as AFF,
  ERR_REASON_ANTI_AFFINITY_RULES_NOT_MATCH as ANTI,
  ERR_REASON_EXISTING_ANTI_AFFINITY_RULES_NOT_MATCH as EXISTING,
  InterPodAffinity,
  namespaceSourceFromMap,
  newInterPodAffinity,
  nodeChangeHint,
  podChangeHint,
  validateArgs,
  type InterPodAffinityArgs,
} from './inter-pod-affinity.js';

// ---- builders ----

const HOST = 'kubernetes.io/hostname';
const ZONE = 'zone';

function term(matchLabels: Labels | null, topologyKey: string, extra: Partial<PodAffinityTerm> = {}): PodAffinityTerm {
  return { ...(matchLabels ? { labelSelector: { matchLabels: { ...matchLabels } } } : {}), topologyKey, ...extra };
}

interface Terms {
  affinity?: PodAffinityTerm[];
  anti?: PodAffinityTerm[];
  preferred?: [number, PodAffinityTerm][];
  preferredAnti?: [number, PodAffinityTerm][];
}

function pod(name: string, labels: Labels = {}, t: Terms = {}, namespace = 'default'): Pod {
  const w = makePod(name, namespace).labels({ ...labels });
  const weighted = (list: [number, PodAffinityTerm][] | undefined): { weight: number; podAffinityTerm: PodAffinityTerm }[] | undefined =>
    list?.map(([weight, podAffinityTerm]) => ({ weight, podAffinityTerm }));
  if (t.affinity || t.preferred) {
    (w.spec.affinity ??= {}).podAffinity = {
      ...(t.affinity ? { requiredDuringSchedulingIgnoredDuringExecution: t.affinity } : {}),
      ...(t.preferred ? { preferredDuringSchedulingIgnoredDuringExecution: weighted(t.preferred) } : {}),
    };
  }
  if (t.anti || t.preferredAnti) {
    (w.spec.affinity ??= {}).podAntiAffinity = {
      ...(t.anti ? { requiredDuringSchedulingIgnoredDuringExecution: t.anti } : {}),
      ...(t.preferredAnti ? { preferredDuringSchedulingIgnoredDuringExecution: weighted(t.preferredAnti) } : {}),
    };
  }
  return w.build();
}

function node(name: string, labels: Labels, ...pods: Pod[]): NodeInfo {
  return makeNode(name).labels({ ...labels }).info(...pods);
}

function plugin(nodes: NodeInfo[], args: InterPodAffinityArgs = {}, namespaces: Record<string, Labels> = {}): InterPodAffinity {
  const snapshot = Snapshot.fromNodeInfos(nodes);
  return new InterPodAffinity(args, { snapshot: () => snapshot }, namespaceSourceFromMap(namespaces));
}

function outcome(s: Status | null): string {
  return s === null ? 'ok' : `${s.codeName()}: ${s.message()}`;
}

/** Each node's Filter outcome, or 'skip' for all when PreFilter skips. */
function filterAll(p: InterPodAffinity, incoming: Pod, nodes: NodeInfo[], state = new CycleState()): Record<string, string> {
  const pi = new PodInfo(incoming);
  const pre = p.preFilter(state, pi);
  const out: Record<string, string> = {};
  if (pre instanceof Status && pre.isSkip()) {
    for (const n of nodes) out[n.name] = 'skip';
    return out;
  }
  assert.equal(pre, null);
  for (const n of nodes) out[n.name] = outcome(p.filter(state, pi, n));
  return out;
}

const unresolvable = (r: string): string => `UnschedulableAndUnresolvable: ${r}`;
const unschedulable = (r: string): string => `Unschedulable: ${r}`;

// ---- Filter ----

describe('InterPodAffinity PreFilter/Filter', () => {
  const web = { app: 'web' };
  const db = { app: 'db' };
  interface Case {
    name: string;
    pod: Pod;
    nodes: () => NodeInfo[];
    namespaces?: Record<string, Labels>;
    want: Record<string, string>;
  }
  const cases: Case[] = [
    {
      name: 'no terms and no existing anti-affinity: PreFilter skips',
      pod: pod('p', web),
      nodes: () => [node('n1', {}, pod('e', db, { affinity: [term(web, HOST)] }))],
      want: { n1: 'skip' },
    },
    {
      name: 'affinity satisfied by a pod on the same node',
      pod: pod('p', {}, { affinity: [term(db, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', db)), node('n2', {})],
      want: { n1: 'ok', n2: unresolvable(AFF) },
    },
    {
      name: 'affinity with an In expression',
      pod: pod('p', {}, { affinity: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'cache'] }] }, topologyKey: HOST }] }),
      nodes: () => [node('n1', {}, pod('e', { app: 'cache' })), node('n2', {}, pod('f', web))],
      want: { n1: 'ok', n2: unresolvable(AFF) },
    },
    {
      name: 'affinity with NotIn and Exists expressions',
      pod: pod('p', {}, { affinity: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }, { key: 'tier', operator: 'Exists' }] }, topologyKey: HOST }] }),
      nodes: () => [node('n1', {}, pod('e', { app: 'db', tier: 'x' })), node('n2', {}, pod('f', { app: 'web', tier: 'x' })), node('n3', {}, pod('g', { app: 'db' }))],
      want: { n1: 'ok', n2: unresolvable(AFF), n3: unresolvable(AFF) },
    },
    {
      name: 'affinity by zone: any node of the zone qualifies',
      pod: pod('p', {}, { affinity: [term(db, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' })],
      want: { n1: 'ok', n2: 'ok', n3: unresolvable(AFF) },
    },
    {
      name: 'affinity: a node without the topology label never qualifies',
      pod: pod('p', {}, { affinity: [term(db, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', {}, pod('f', db))],
      want: { n1: 'ok', n2: unresolvable(AFF) },
    },
    {
      name: 'affinity: a missing labelSelector selects nothing',
      pod: pod('p', {}, { affinity: [term(null, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', db))],
      want: { n1: unresolvable(AFF) },
    },
    {
      name: 'affinity: an empty labelSelector selects every pod of the namespace',
      pod: pod('p', {}, { affinity: [{ labelSelector: {}, topologyKey: HOST }] }),
      nodes: () => [node('n1', {}, pod('e', db)), node('n2', {}, pod('f', db, {}, 'other'))],
      want: { n1: 'ok', n2: unresolvable(AFF) },
    },
    {
      name: 'affinity: one pod must satisfy all terms',
      pod: pod('p', {}, { affinity: [term(db, HOST), term({ tier: 'back' }, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', db), pod('f', { tier: 'back' })), node('n2', {}, pod('g', { app: 'db', tier: 'back' }))],
      want: { n1: unresolvable(AFF), n2: 'ok' },
    },
    {
      name: 'the first pod of a self-affine group may go anywhere with the topology label',
      pod: pod('p', web, { affinity: [term(web, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z2' }), node('n3', {})],
      want: { n1: 'ok', n2: 'ok', n3: unresolvable(AFF) },
    },
    {
      name: 'not the first pod: it must join the group',
      pod: pod('p', web, { affinity: [term(web, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', web)), node('n2', { zone: 'z2' })],
      want: { n1: 'ok', n2: unresolvable(AFF) },
    },
    {
      name: 'no pod matches and the pod does not match its own term',
      pod: pod('p', web, { affinity: [term(db, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' })],
      want: { n1: unresolvable(AFF), n2: unresolvable(AFF) },
    },
    {
      name: 'anti-affinity to a pod on the same node',
      pod: pod('p', {}, { anti: [term(db, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', db)), node('n2', {}, pod('f', web))],
      want: { n1: unschedulable(ANTI), n2: 'ok' },
    },
    {
      name: 'anti-affinity by zone covers every node of the zone',
      pod: pod('p', {}, { anti: [term(db, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' }), node('n4', {})],
      want: { n1: unschedulable(ANTI), n2: unschedulable(ANTI), n3: 'ok', n4: 'ok' },
    },
    {
      name: 'anti-affinity: any one term is enough to reject',
      pod: pod('p', {}, { anti: [term(db, HOST), term(web, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', web)), node('n2', {})],
      want: { n1: unschedulable(ANTI), n2: 'ok' },
    },
    {
      name: 'anti-affinity to pods of its own group, by hostname',
      pod: pod('p', { group: 'g1' }, { anti: [term({ group: 'g1' }, HOST)] }),
      nodes: () => [
        node('n1', {}, pod('e', { group: 'g1' }, { anti: [term({ group: 'g1' }, HOST)] })),
        node('n2', {}, pod('f', { group: 'g2' }, { anti: [term({ group: 'g2' }, HOST)] })),
        node('n3', {}),
      ],
      want: { n1: unschedulable(ANTI), n2: 'ok', n3: 'ok' },
    },
    {
      name: "an existing pod's anti-affinity keeps the pod off its node",
      pod: pod('p', web),
      nodes: () => [node('n1', {}, pod('e', db, { anti: [term(web, HOST)] })), node('n2', {})],
      want: { n1: unschedulable(EXISTING), n2: 'ok' },
    },
    {
      name: "an existing pod's anti-affinity by zone",
      pod: pod('p', web),
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db, { anti: [term(web, ZONE)] })), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' })],
      want: { n1: unschedulable(EXISTING), n2: unschedulable(EXISTING), n3: 'ok' },
    },
    {
      name: "an existing pod's anti-affinity applies to its own namespace only",
      pod: pod('p', web, {}, 'other'),
      nodes: () => [node('n1', {}, pod('e', db, { anti: [term(web, HOST)] }))],
      want: { n1: 'skip' },
    },
    {
      name: 'affinity is checked before anti-affinity',
      pod: pod('p', {}, { affinity: [term(db, HOST)], anti: [term(web, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', web)), node('n2', {}, pod('f', db), pod('g', web)), node('n3', {}, pod('h', db))],
      want: { n1: unresolvable(AFF), n2: unschedulable(ANTI), n3: 'ok' },
    },
    {
      name: "the pod's anti-affinity is checked before existing pods' anti-affinity",
      pod: pod('p', web, { anti: [term(db, HOST)] }),
      nodes: () => [node('n1', {}, pod('e', db, { anti: [term(web, HOST)] }))],
      want: { n1: unschedulable(ANTI) },
    },
    {
      name: 'terms look in the pod namespace by default',
      pod: pod('p', {}, { affinity: [term(db, HOST)] }, 'ns1'),
      nodes: () => [node('n1', {}, pod('e', db, {}, 'ns2')), node('n2', {}, pod('f', db, {}, 'ns1'))],
      want: { n1: unresolvable(AFF), n2: 'ok' },
    },
    {
      name: 'terms with namespaces look only there',
      pod: pod('p', {}, { anti: [term(db, HOST, { namespaces: ['ns2'] })] }, 'ns1'),
      nodes: () => [node('n1', {}, pod('e', db, {}, 'ns2')), node('n2', {}, pod('f', db, {}, 'ns1'))],
      want: { n1: unschedulable(ANTI), n2: 'ok' },
    },
    {
      name: 'an empty namespaceSelector looks in every namespace',
      pod: pod('p', {}, { anti: [term(db, HOST, { namespaceSelector: {} })] }, 'ns1'),
      nodes: () => [node('n1', {}, pod('e', db, {}, 'ns2')), node('n2', {}, pod('f', db, {}, 'ns3')), node('n3', {})],
      want: { n1: unschedulable(ANTI), n2: unschedulable(ANTI), n3: 'ok' },
    },
    {
      name: 'a namespaceSelector looks in the namespaces it selects, plus the listed ones',
      pod: pod('p', {}, { anti: [term(db, HOST, { namespaceSelector: { matchLabels: { team: 'a' } }, namespaces: ['ns3'] })] }, 'ns1'),
      namespaces: { ns1: { team: 'b' }, ns2: { team: 'a' }, ns3: {} },
      nodes: () => [node('n1', {}, pod('e', db, {}, 'ns1')), node('n2', {}, pod('f', db, {}, 'ns2')), node('n3', {}, pod('g', db, {}, 'ns3'))],
      want: { n1: 'ok', n2: unschedulable(ANTI), n3: unschedulable(ANTI) },
    },
    {
      name: "an existing pod's namespaceSelector is matched against the incoming pod's namespace labels",
      pod: pod('p', web, {}, 'ns1'),
      namespaces: { ns1: { team: 'a' }, ns2: { team: 'b' } },
      nodes: () => [
        node('n1', {}, pod('e', db, { anti: [term(web, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }, 'ns2')),
        node('n2', {}, pod('f', db, { anti: [term(web, HOST, { namespaceSelector: { matchLabels: { team: 'b' } } })] }, 'ns2')),
      ],
      want: { n1: unschedulable(EXISTING), n2: 'ok' },
    },
    {
      name: "an existing pod's namespaceSelector does not match an unknown namespace",
      pod: pod('p', web, {}, 'nowhere'),
      nodes: () => [node('n1', {}, pod('e', db, { anti: [term(web, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }, 'ns2'))],
      want: { n1: 'skip' },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const nodes = c.nodes();
      assert.deepEqual(filterAll(plugin(nodes, {}, c.namespaces), c.pod, nodes), c.want);
    });
  }

  test('a pod with an unparsable selector is unresolvable at PreFilter', () => {
    const p = pod('p', {}, { affinity: [{ labelSelector: { matchExpressions: [{ key: 'app', operator: 'Near', values: ['x'] }] }, topologyKey: HOST }] });
    const s = plugin([node('n1', {})]).preFilter(new CycleState(), new PodInfo(p)) as Status;
    assert.equal(s.codeName(), 'UnschedulableAndUnresolvable');
    assert.match(s.message(), /^parsing pod: requiredAffinityTerms: /);
  });

  test('Filter without PreFilter state is an error', () => {
    const s = plugin([]).filter(new CycleState(), new PodInfo(pod('p')), node('n1', {}));
    assert.equal(s?.codeName(), 'Error');
  });

  test('rejections of many nodes share one Status', () => {
    const nodes = [node('n1', {}), node('n2', {})];
    const p = plugin(nodes);
    const state = new CycleState();
    const pi = new PodInfo(pod('p', {}, { affinity: [term({ app: 'db' }, HOST)] }));
    p.preFilter(state, pi);
    assert.equal(p.filter(state, pi, nodes[0]!), p.filter(state, pi, nodes[1]!));
  });
});

// ---- PreFilterExtensions ----

describe('InterPodAffinity addPod/removePod', () => {
  function prepared(incoming: Pod, nodes: NodeInfo[]): { p: InterPodAffinity; state: CycleState; pi: PodInfo } {
    const p = plugin(nodes);
    const state = new CycleState();
    const pi = new PodInfo(incoming);
    assert.equal(p.preFilter(state, pi), null);
    return { p, state, pi };
  }
  const on = (n: NodeInfo, p: Pod): PodInfo => new PodInfo({ ...p, spec: { ...p.spec!, nodeName: n.name } });

  const cases: {
    name: string;
    incoming: Pod;
    nodes: () => NodeInfo[];
    /** Pods to add (+) or remove (-) on the node with that index, in order. */
    changes: { sign: 1 | -1; node: number; pod: (nodes: NodeInfo[]) => PodInfo }[];
    want: Record<string, string>;
  }[] = [
    {
      name: 'adding a pod the incoming pod is anti-affine to',
      incoming: pod('p', {}, { anti: [term({ app: 'db' }, HOST)] }),
      nodes: () => [node('n1', {}), node('n2', {})],
      changes: [{ sign: 1, node: 0, pod: (ns) => on(ns[0]!, pod('v', { app: 'db' })) }],
      want: { n1: unschedulable(ANTI), n2: 'ok' },
    },
    {
      name: 'removing the pod the incoming pod is anti-affine to (preemption)',
      incoming: pod('p', {}, { anti: [term({ app: 'db' }, HOST)] }),
      nodes: () => [node('n1', {}, pod('victim', { app: 'db' }))],
      changes: [{ sign: -1, node: 0, pod: (ns) => ns[0]!.pods[0]! }],
      want: { n1: 'ok' },
    },
    {
      name: 'adding a pod whose anti-affinity selects the incoming pod',
      incoming: pod('p', { app: 'web' }, { anti: [term({ app: 'none' }, HOST)] }),
      nodes: () => [node('n1', { zone: 'z1' }), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' })],
      changes: [{ sign: 1, node: 0, pod: (ns) => on(ns[0]!, pod('nominated', {}, { anti: [term({ app: 'web' }, ZONE)] })) }],
      want: { n1: unschedulable(EXISTING), n2: unschedulable(EXISTING), n3: 'ok' },
    },
    {
      name: 'removing the existing pod whose anti-affinity selected the incoming pod',
      incoming: pod('p', { app: 'web' }),
      nodes: () => [node('n1', {}, pod('victim', {}, { anti: [term({ app: 'web' }, HOST)] }))],
      changes: [{ sign: -1, node: 0, pod: (ns) => ns[0]!.pods[0]! }],
      want: { n1: 'ok' },
    },
    {
      name: 'adding a pod that satisfies the affinity',
      incoming: pod('p', {}, { affinity: [term({ app: 'db' }, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }), node('n2', { zone: 'z2' })],
      changes: [{ sign: 1, node: 1, pod: (ns) => on(ns[1]!, pod('v', { app: 'db' })) }],
      want: { n1: unresolvable(AFF), n2: 'ok' },
    },
    {
      name: 'removing the only pod that satisfied the affinity',
      incoming: pod('p', {}, { affinity: [term({ app: 'db' }, ZONE)] }),
      nodes: () => [node('n1', { zone: 'z1' }, pod('victim', { app: 'db' })), node('n2', { zone: 'z2' })],
      changes: [{ sign: -1, node: 0, pod: (ns) => ns[0]!.pods[0]! }],
      want: { n1: unresolvable(AFF), n2: unresolvable(AFF) },
    },
    {
      name: 'adding then removing the same pod restores the counts',
      incoming: pod('p', {}, { anti: [term({ app: 'db' }, HOST)] }),
      nodes: () => [node('n1', {})],
      changes: [
        { sign: 1, node: 0, pod: (ns) => on(ns[0]!, pod('v', { app: 'db' })) },
        { sign: -1, node: 0, pod: (ns) => on(ns[0]!, pod('v', { app: 'db' })) },
      ],
      want: { n1: 'ok' },
    },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const nodes = c.nodes();
      const { p, state, pi } = prepared(c.incoming, nodes);
      const ext = p.preFilterExtensions();
      for (const ch of c.changes) {
        const n = nodes[ch.node]!;
        const s = ch.sign > 0 ? ext.addPod(state, pi, ch.pod(nodes), n) : ext.removePod(state, pi, ch.pod(nodes), n);
        assert.equal(s, null);
      }
      const got: Record<string, string> = {};
      for (const n of nodes) got[n.name] = outcome(p.filter(state, pi, n));
      assert.deepEqual(got, c.want);
    });
  }

  test('a cloned CycleState (what-if) leaves the original counts alone', () => {
    const nodes = [node('n1', {})];
    const { p, state, pi } = prepared(pod('p', {}, { anti: [term({ app: 'db' }, HOST)] }), nodes);
    const copy = state.clone();
    assert.equal(p.addPod(copy, pi, on(nodes[0]!, pod('v', { app: 'db' })), nodes[0]!), null);
    assert.equal(outcome(p.filter(copy, pi, nodes[0]!)), unschedulable(ANTI));
    assert.equal(outcome(p.filter(state, pi, nodes[0]!)), 'ok');
  });

  test('without PreFilter state the extensions report an error', () => {
    const n = node('n1', {});
    assert.equal(plugin([n]).addPod(new CycleState(), new PodInfo(pod('p')), new PodInfo(pod('q')), n)?.codeName(), 'Error');
  });
});

// ---- Score ----

describe('InterPodAffinity PreScore/Score/NormalizeScore', () => {
  /** Normalized scores by node name, or 'skip'. */
  function scoreAll(nodes: NodeInfo[], incoming: Pod, args: InterPodAffinityArgs = {}, feasible = nodes): Record<string, number> | 'skip' {
    const p = plugin(nodes, args);
    const state = new CycleState();
    const pi = new PodInfo(incoming);
    const pre = p.preScore(state, pi, feasible);
    if (pre?.isSkip()) return 'skip';
    assert.equal(pre, null);
    const scores = new Float64Array(feasible.length);
    assert.equal(p.scoreAll(state, pi, feasible, scores), null);
    feasible.forEach((n, i) => assert.equal(p.score(state, pi, n), scores[i], 'score and scoreAll agree'));
    assert.equal(p.normalizeScore(state, pi, scores), null);
    return Object.fromEntries(feasible.map((n, i) => [n.name, scores[i]!]));
  }
  const db = { app: 'db' };
  const web = { app: 'web' };

  const cases: { name: string; nodes: () => NodeInfo[]; pod: Pod; args?: InterPodAffinityArgs; want: Record<string, number> | 'skip' }[] = [
    {
      name: 'nothing to weigh: skip',
      nodes: () => [node('n1', {}, pod('e', db)), node('n2', {})],
      pod: pod('p', web),
      want: 'skip',
    },
    {
      name: 'preferred affinity, by zone',
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' })],
      pod: pod('p', {}, { preferred: [[5, term(db, ZONE)]] }),
      want: { n1: 100, n2: 100, n3: 0 },
    },
    {
      name: 'preferred anti-affinity, by hostname',
      nodes: () => [node('n1', {}, pod('e', db)), node('n2', {}), node('n3', {})],
      pod: pod('p', {}, { preferredAnti: [[5, term(db, HOST)]] }),
      want: { n1: 0, n2: 100, n3: 100 },
    },
    {
      name: 'weights add up per domain and stretch from min to max',
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z2' }, pod('f', web)), node('n3', { zone: 'z3' })],
      pod: pod('p', {}, { preferred: [[10, term(db, ZONE)]], preferredAnti: [[5, term(web, ZONE)]] }),
      // raw: z1 +10, z2 -5, z3 0 -> (s + 5) * 100 / 15
      want: { n1: 100, n2: 0, n3: 33 },
    },
    {
      name: 'matched pods count once per pod',
      nodes: () => [node('n1', {}, pod('e', db), pod('f', db)), node('n2', {}, pod('g', db)), node('n3', {})],
      pod: pod('p', {}, { preferred: [[3, term(db, HOST)]] }),
      // raw 6, 3, 0
      want: { n1: 100, n2: 50, n3: 0 },
    },
    {
      name: "existing pods' required affinity weighs hardPodAffinityWeight (default 1)",
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db, { affinity: [term(web, ZONE)] })), node('n2', { zone: 'z2' })],
      pod: pod('p', web),
      want: { n1: 100, n2: 0 },
    },
    {
      name: 'hardPodAffinityWeight 0 leaves existing required affinity out',
      nodes: () => [node('n1', { zone: 'z1' }, pod('e', db, { affinity: [term(web, ZONE)] })), node('n2', { zone: 'z2' })],
      pod: pod('p', web),
      args: { hardPodAffinityWeight: 0 },
      want: 'skip',
    },
    {
      name: 'hardPodAffinityWeight against preferred anti-affinity',
      nodes: () => [
        node('n1', { zone: 'z1' }, pod('e', db, { affinity: [term(web, ZONE)] })),
        node('n2', { zone: 'z2' }, pod('f', db)),
        node('n3', { zone: 'z3' }),
      ],
      pod: pod('p', web, { preferredAnti: [[4, term(db, ZONE)]] }),
      args: { hardPodAffinityWeight: 10 },
      // raw: z1 +10 -4 = 6, z2 -4, z3 0 -> (s + 4) * 10
      want: { n1: 100, n2: 0, n3: 40 },
    },
    {
      name: "existing pods' preferred affinity and anti-affinity",
      nodes: () => [
        node('n1', {}, pod('e', db, { preferred: [[7, term(web, HOST)]] })),
        node('n2', {}, pod('f', db, { preferredAnti: [[7, term(web, HOST)]] })),
        node('n3', {}),
      ],
      pod: pod('p', web),
      want: { n1: 100, n2: 0, n3: 50 },
    },
    {
      name: 'ignorePreferredTermsOfExistingPods: skip when the pod has no preferred terms',
      nodes: () => [node('n1', {}, pod('e', db, { preferred: [[7, term(web, HOST)]] })), node('n2', {})],
      pod: pod('p', web),
      args: { ignorePreferredTermsOfExistingPods: true },
      want: 'skip',
    },
    {
      name: "ignorePreferredTermsOfExistingPods still counts existing pods' terms when the pod has its own",
      nodes: () => [node('n1', {}, pod('e', db, { preferredAnti: [[9, term(web, HOST)]] })), node('n2', {}, pod('f', { app: 'cache' })), node('n3', {})],
      pod: pod('p', web, { preferred: [[3, term({ app: 'cache' }, HOST)]] }),
      args: { ignorePreferredTermsOfExistingPods: true },
      // raw: n1 -9, n2 +3, n3 0
      want: { n1: 0, n2: 100, n3: 75 },
    },
    {
      name: 'a preferred topology key no node has: skip',
      nodes: () => [node('n1', {}, pod('e', db)), node('n2', {})],
      pod: pod('p', {}, { preferred: [[5, term(db, ZONE)]] }),
      want: 'skip',
    },
    {
      name: 'preferred terms with a namespaceSelector {}',
      nodes: () => [node('n1', {}, pod('e', db, {}, 'other')), node('n2', {})],
      pod: pod('p', {}, { preferred: [[5, term(db, HOST, { namespaceSelector: {} })]] }),
      want: { n1: 100, n2: 0 },
    },
  ];
  for (const c of cases) test(c.name, () => {
    const nodes = c.nodes();
    assert.deepEqual(scoreAll(nodes, c.pod, c.args), c.want);
  });

  test('domains are summed over all nodes, scores given to the feasible ones', () => {
    const nodes = [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z1' }), node('n3', { zone: 'z2' })];
    assert.deepEqual(scoreAll(nodes, pod('p', {}, { preferred: [[5, term(db, ZONE)]] }), {}, [nodes[1]!, nodes[2]!]), { n2: 100, n3: 0 });
  });

  test('equal sums normalize to 0', () => {
    const nodes = [node('n1', { zone: 'z1' }, pod('e', db)), node('n2', { zone: 'z1' })];
    assert.deepEqual(scoreAll(nodes, pod('p', {}, { preferred: [[5, term(db, ZONE)]] })), { n1: 0, n2: 0 });
  });

  test('no feasible nodes: skip', () => {
    const nodes = [node('n1', {}, pod('e', db))];
    assert.equal(scoreAll(nodes, pod('p', {}, { preferred: [[5, term(db, HOST)]] }), {}, []), 'skip');
  });

  test('Score without PreScore state is an error', () => {
    const s = plugin([]).score(new CycleState(), new PodInfo(pod('p')), node('n1', {}));
    assert.ok(s instanceof Status && s.codeName() === 'Error');
  });
});

// ---- args ----

describe('InterPodAffinity args', () => {
  test('defaults', () => {
    assert.deepEqual(validateArgs(undefined), { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
    assert.deepEqual(validateArgs({}), { hardPodAffinityWeight: 1, ignorePreferredTermsOfExistingPods: false });
  });
  test('valid values, with or without type meta', () => {
    assert.deepEqual(validateArgs({ hardPodAffinityWeight: 0, ignorePreferredTermsOfExistingPods: true }), { hardPodAffinityWeight: 0, ignorePreferredTermsOfExistingPods: true });
    assert.deepEqual(validateArgs({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'InterPodAffinityArgs', hardPodAffinityWeight: 100 }).hardPodAffinityWeight, 100);
  });
  const invalid: { name: string; args: unknown; error: RegExp }[] = [
    { name: 'weight above 100', args: { hardPodAffinityWeight: 101 }, error: /^hardPodAffinityWeight: Invalid value: 101: not in valid range \[0, 100\]$/ },
    { name: 'negative weight', args: { hardPodAffinityWeight: -1 }, error: /not in valid range \[0, 100\]/ },
    { name: 'fractional weight', args: { hardPodAffinityWeight: 1.5 }, error: /want an integer/ },
    { name: 'weight as a string', args: { hardPodAffinityWeight: '2' }, error: /want an integer/ },
    { name: 'flag not a boolean', args: { ignorePreferredTermsOfExistingPods: 'yes' }, error: /want a boolean/ },
    { name: 'unknown field', args: { hardPodAffinityWieght: 2 }, error: /unknown field "hardPodAffinityWieght"/ },
    { name: 'another plugin kind', args: { kind: 'NodeAffinityArgs' }, error: /want kind InterPodAffinityArgs/ },
    { name: 'not an object', args: 5, error: /want an object/ },
  ];
  for (const c of invalid) test(`invalid: ${c.name}`, () => assert.throws(() => new InterPodAffinity(c.args, { snapshot: () => Snapshot.fromNodeInfos([]) }), { message: c.error }));
});

// ---- factory ----

describe('newInterPodAffinity', () => {
  test('without informers every namespace is unknown', () => {
    const snapshot = Snapshot.fromNodeInfos([]);
    const p = newInterPodAffinity({ hardPodAffinityWeight: 3 }, { snapshot: () => snapshot, informers: undefined } as unknown as Handle);
    assert.equal(p.args.hardPodAffinityWeight, 3);
  });

  test('namespaceSelectors are resolved through the Namespace informer', () => {
    const never = (): never => {
      throw new Error('not started in this test');
    };
    const lw: ListerWatcher<never> & { namespace(): ListerWatcher<never> } = { list: never, watch: never, namespace: never };
    const informers = new SharedInformerFactory({ client: () => lw });
    const nodes = [node('n1', {}, pod('e', { app: 'db' }, {}, 'ns2'))];
    const snapshot = Snapshot.fromNodeInfos(nodes);
    const p = newInterPodAffinity(undefined, { snapshot: () => snapshot, informers } as unknown as Handle);
    const ns: Namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'ns2', labels: { team: 'a' } } };
    informers.informerFor<Namespace>(builtinRef('', 'namespaces')).getIndexer().add(ns);
    const incoming = pod('p', {}, { anti: [term({ app: 'db' }, HOST, { namespaceSelector: { matchLabels: { team: 'a' } } })] }, 'ns1');
    assert.deepEqual(filterAll(p, incoming, nodes), { n1: unschedulable(ANTI) });
  });
});

// ---- queueing hints ----

describe('InterPodAffinity queueing hints', () => {
  const Q = QueueingHint.Queue;
  const S = QueueingHint.QueueSkip;
  const boundPod = (name: string, labels: Labels, t: Terms = {}): Pod => {
    const p = pod(name, labels, t);
    return { ...p, spec: { ...p.spec!, nodeName: 'n1' } };
  };
  const target = pod('t', { app: 'web' }, { affinity: [term({ app: 'db' }, ZONE)], anti: [term({ app: 'cache' }, HOST)] });
  const plain = pod('t', { app: 'web' });

  const podCases: { name: string; target: Pod; old?: Pod; new?: Pod; want: QueueingHint }[] = [
    { name: 'an unbound pod added', target, new: pod('x', { app: 'db' }), want: S },
    { name: 'a bound pod added that the affinity selects', target, new: boundPod('x', { app: 'db' }), want: Q },
    { name: 'a bound pod added that the affinity does not select', target, new: boundPod('x', { app: 'other' }), want: S },
    { name: 'a pod relabelled into the affinity', target, old: boundPod('x', { app: 'other' }), new: boundPod('x', { app: 'db' }), want: Q },
    { name: 'a pod relabelled out of the anti-affinity', target, old: boundPod('x', { app: 'cache' }), new: boundPod('x', { app: 'other' }), want: Q },
    { name: 'a pod updated without a relevant change', target, old: boundPod('x', { app: 'db' }), new: boundPod('x', { app: 'db', v: '2' }), want: S },
    { name: 'a pod deleted that the anti-affinity selects', target, old: boundPod('x', { app: 'cache' }), want: Q },
    { name: 'a pod deleted that the anti-affinity does not select', target, old: boundPod('x', { app: 'db' }), want: S },
    { name: 'a pod deleted whose anti-affinity selected the target', target: plain, old: boundPod('x', {}, { anti: [term({ app: 'web' }, HOST)] }), want: Q },
    { name: 'a pod deleted whose anti-affinity selects others', target: plain, old: boundPod('x', {}, { anti: [term({ app: 'db' }, HOST)] }), want: S },
  ];
  for (const c of podCases) test(`Pod: ${c.name}`, () => assert.equal(podChangeHint(c.target, c.old, c.new), c.want));

  const mkNode = (labels: Labels): Node => makeNode('n9').labels({ ...labels }).build();
  const affOnly = pod('t', {}, { affinity: [term({ app: 'db' }, ZONE)] });
  const antiOnly = pod('t', {}, { anti: [term({ app: 'db' }, ZONE)] });
  const nodeCases: { name: string; target: Pod; old?: Node; new: Node; want: QueueingHint }[] = [
    { name: 'affinity: a node added with the topology key', target: affOnly, new: mkNode({ zone: 'z1' }), want: Q },
    { name: 'affinity: a node added without it', target: affOnly, new: mkNode({}), want: S },
    { name: 'affinity: a node gains the key', target: affOnly, old: mkNode({}), new: mkNode({ zone: 'z1' }), want: Q },
    { name: 'affinity: a node changes domain', target: affOnly, old: mkNode({ zone: 'z1' }), new: mkNode({ zone: 'z2' }), want: Q },
    { name: 'affinity: another label changes', target: affOnly, old: mkNode({ zone: 'z1' }), new: mkNode({ zone: 'z1', disk: 'ssd' }), want: S },
    { name: 'affinity: a node loses the key', target: affOnly, old: mkNode({ zone: 'z1' }), new: mkNode({}), want: S },
    { name: 'anti-affinity: any node added', target: antiOnly, new: mkNode({}), want: Q },
    { name: 'anti-affinity: a node loses the key', target: antiOnly, old: mkNode({ zone: 'z1' }), new: mkNode({}), want: Q },
    { name: 'anti-affinity: a node changes domain', target: antiOnly, old: mkNode({ zone: 'z1' }), new: mkNode({ zone: 'z2' }), want: Q },
    { name: 'anti-affinity: a node gains the key', target: antiOnly, old: mkNode({}), new: mkNode({ zone: 'z1' }), want: S },
    { name: 'no required terms (kept out by existing anti-affinity): a node added', target: plain, new: mkNode({}), want: Q },
    { name: 'no required terms: a node relabelled', target: plain, old: mkNode({ zone: 'z1' }), new: mkNode({ zone: 'z2' }), want: Q },
  ];
  for (const c of nodeCases) test(`Node: ${c.name}`, () => assert.equal(nodeChangeHint(c.target, c.old, c.new), c.want));

  test('registers bound-pod and node-label events', () => {
    const events = plugin([]).eventsToRegister().map((e) => e.event.resource);
    assert.deepEqual(events, ['Pod', 'Node']);
  });
});
