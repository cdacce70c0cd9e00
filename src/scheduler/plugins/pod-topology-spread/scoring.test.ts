import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, Pod, Service } from '../../../api/types/core-v1.js';
import type { ReplicaSet } from '../../../api/types/apps-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import type { PodTopologySpreadArgs } from './args.js';
import { sourcesFromLists, type SourceLists } from './default-selector.js';
import { PodTopologySpread } from './pod-topology-spread.js';
import { topologyNormalizingWeight } from './scoring.js';
import { constraint, exists, finalScores, node, nodeInfos, onNode, pod } from './test-helpers.js';

const HOST = 'kubernetes.io/hostname';
const ZONE = 'topology.kubernetes.io/zone';
const soft = (maxSkew: number, key: string, selector = exists('foo'), extra = {}): ReturnType<typeof constraint> => constraint(maxSkew, key, 'ScheduleAnyway', selector, extra);
const hostNode = (name: string, extra: Record<string, string> = {}): Node => node(name, { [HOST]: name, ...extra });
const FOO = { foo: '' };
const FOO_BAR = { foo: '', bar: '' };
const BAR = { bar: '' };

/** n pods with labels on nodeName. */
function pods(nodeName: string, n: number, labels: Record<string, string> = FOO): Pod[] {
  return Array.from({ length: n }, (_, i) => onNode(`p-${nodeName}-${i}-${Object.keys(labels).join('')}`, nodeName, labels));
}

interface ScoreCase {
  readonly name: string;
  readonly pod: Pod;
  /** The feasible nodes (what PreScore and Score see). */
  readonly nodes: Node[];
  /** Nodes in the snapshot that did not pass the filters. */
  readonly failed?: Node[];
  readonly existing?: Pod[];
  readonly args?: PodTopologySpreadArgs;
  readonly sources?: SourceLists;
  readonly want: Record<string, number>;
}

function run(c: ScoreCase): Record<string, number> {
  const all = nodeInfos([...c.nodes, ...(c.failed ?? [])], c.existing ?? []);
  const feasible = all.slice(0, c.nodes.length);
  const pl = new PodTopologySpread(c.args, { allNodes: () => all, sources: sourcesFromLists(c.sources ?? {}) });
  return finalScores(pl, c.pod, feasible);
}

const taints = [{ key: 'node.kubernetes.io/unschedulable', value: '', effect: 'NoSchedule' as const }];

// Kubernetes' own TestPodTopologySpreadScore cases and expectations.
const CASES: ScoreCase[] = [
  { name: 'one constraint on node, no existing pods', pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }), nodes: [hostNode('node-a'), hostNode('node-b')], want: { 'node-a': 100, 'node-b': 100 } },
  {
    name: 'one constraint on node, only one node is a candidate',
    pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }),
    nodes: [hostNode('node-a')],
    failed: [hostNode('node-b')],
    existing: [...pods('node-a', 2), ...pods('node-b', 1)],
    want: { 'node-a': 100 },
  },
  { name: 'one constraint on node, all nodes hold as many matching pods', pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }), nodes: [hostNode('node-a'), hostNode('node-b')], existing: [...pods('node-a', 1), ...pods('node-b', 1)], want: { 'node-a': 100, 'node-b': 100 } },
  {
    name: 'one constraint on node, 2/1/0/3',
    pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }),
    nodes: ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => hostNode(n)),
    existing: [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-d', 3)],
    want: { 'node-a': 20, 'node-b': 60, 'node-c': 100, 'node-d': 0 },
  },
  {
    name: 'one constraint on node, null selector',
    pod: pod('p', { labels: FOO, constraints: [constraint(1, HOST, 'ScheduleAnyway', null)] }),
    nodes: ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => hostNode(n)),
    existing: [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-d', 3)],
    want: { 'node-a': 100, 'node-b': 100, 'node-c': 100, 'node-d': 100 },
  },
  {
    name: 'one constraint on node, 2/1/0/3, maxSkew 2',
    pod: pod('p', { labels: FOO, constraints: [soft(2, HOST)] }),
    nodes: ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => hostNode(n)),
    existing: [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-d', 3)],
    want: { 'node-a': 33, 'node-b': 66, 'node-c': 100, 'node-d': 16 },
  },
  {
    name: 'one constraint on node, 4/3/2/1, maxSkew 3',
    pod: pod('p', { labels: FOO, constraints: [soft(3, HOST)] }),
    nodes: ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => hostNode(n)),
    existing: [...pods('node-a', 4), ...pods('node-b', 3), ...pods('node-c', 2), ...pods('node-d', 1)],
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    name: "system defaults, nodes without zones, pods matching a Service",
    pod: pod('p', { labels: FOO }),
    nodes: ['node-a', 'node-b', 'node-c', 'node-d'].map((n) => hostNode(n)),
    existing: [...pods('node-a', 4), ...pods('node-b', 3), ...pods('node-c', 2), ...pods('node-d', 1)],
    sources: { services: [{ metadata: { name: 's', namespace: 'default' }, spec: { selector: FOO } }] },
    // As with the one hostname constraint of maxSkew 3.
    want: { 'node-a': 44, 'node-b': 66, 'node-c': 77, 'node-d': 100 },
  },
  {
    name: 'one constraint on node, 3 of 4 nodes are candidates',
    pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }),
    nodes: [hostNode('node-a'), hostNode('node-b'), hostNode('node-x')],
    failed: [hostNode('node-y')],
    existing: [...pods('node-a', 4), ...pods('node-b', 2), ...pods('node-x', 1), ...pods('node-y', 3)],
    want: { 'node-a': 33, 'node-b': 83, 'node-x': 100 },
  },
  {
    name: "one constraint on node, 3 of 4 candidates, one without the key",
    pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }),
    nodes: [hostNode('node-a'), node('node-b', { n: 'node-b' }), hostNode('node-x')],
    failed: [hostNode('node-y')],
    existing: [...pods('node-a', 4), ...pods('node-b', 2), ...pods('node-x', 1), ...pods('node-y', 3)],
    want: { 'node-a': 16, 'node-b': 0, 'node-x': 100 },
  },
  {
    name: 'one constraint on zone, 3 of 4 nodes are candidates',
    pod: pod('p', { labels: FOO, constraints: [soft(1, 'zone')] }),
    nodes: [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' })],
    failed: [hostNode('node-y', { zone: 'zone2' })],
    existing: [...pods('node-a', 4), ...pods('node-b', 2), ...pods('node-x', 1), ...pods('node-y', 3)],
    want: { 'node-a': 75, 'node-b': 75, 'node-x': 100 },
  },
  {
    name: 'zone and node, 2 of 4 nodes are candidates',
    pod: pod('p', { labels: FOO, constraints: [soft(1, 'zone'), soft(1, HOST)] }),
    nodes: [hostNode('node-a', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' })],
    failed: [hostNode('node-b', { zone: 'zone1' }), hostNode('node-y', { zone: 'zone2' })],
    existing: [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-x', 2), ...pods('node-y', 4)],
    want: { 'node-a': 100, 'node-x': 63 },
  },
  {
    name: 'two constraints on zone, 2 of 4 nodes are candidates',
    pod: pod('p', { labels: FOO_BAR, constraints: [soft(1, 'zone'), soft(1, 'zone', exists('bar'))] }),
    nodes: [node('node-a', { zone: 'zone1' }), node('node-x', { zone: 'zone2' })],
    failed: [node('node-b', { zone: 'zone1' }), node('node-y', { zone: 'zone2' })],
    existing: [...pods('node-a', 1, FOO_BAR), ...pods('node-a', 1, FOO), ...pods('node-b', 1, FOO_BAR), ...pods('node-y', 2, FOO), ...pods('node-y', 1, FOO_BAR)],
    want: { 'node-a': 85, 'node-x': 100 },
  },
  {
    name: 'zone and node with different selectors',
    pod: pod('p', { labels: FOO_BAR, constraints: [soft(1, 'zone'), soft(1, HOST, exists('bar'))] }),
    nodes: [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' }), hostNode('node-y', { zone: 'zone2' })],
    existing: [...pods('node-a', 1, FOO), ...pods('node-b', 1, FOO_BAR), ...pods('node-y', 1, FOO), ...pods('node-y', 1, BAR)],
    want: { 'node-a': 60, 'node-b': 20, 'node-x': 100, 'node-y': 60 },
  },
  {
    name: 'zone and node with different selectors, some nodes empty',
    pod: pod('p', { labels: FOO_BAR, constraints: [soft(1, 'zone'), soft(1, HOST, exists('bar'))] }),
    nodes: [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' }), hostNode('node-y', { zone: 'zone2' })],
    existing: [...pods('node-b', 1, BAR), ...pods('node-x', 1, FOO), ...pods('node-y', 1, FOO_BAR)],
    want: { 'node-a': 100, 'node-b': 60, 'node-x': 40, 'node-y': 0 },
  },
  {
    name: 'zone and node with different selectors, 3 of 4 nodes are candidates',
    pod: pod('p', { labels: FOO_BAR, constraints: [soft(1, 'zone'), soft(1, HOST, exists('bar'))] }),
    nodes: [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-x', { zone: 'zone2' })],
    failed: [hostNode('node-y', { zone: 'zone2' })],
    existing: [...pods('node-a', 1, FOO), ...pods('node-b', 1, FOO_BAR), ...pods('node-y', 1, FOO), ...pods('node-y', 1, BAR)],
    want: { 'node-a': 50, 'node-b': 25, 'node-x': 100 },
  },
  {
    name: 'pods of other namespaces do not count',
    pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }),
    nodes: [hostNode('node-a'), hostNode('node-b')],
    existing: [onNode('a1', 'node-a', FOO, { namespace: 'ns1' }), ...pods('node-a', 1), ...pods('node-b', 2)],
    want: { 'node-a': 100, 'node-b': 33 },
  },
  {
    name: 'terminating pods do not count',
    pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }),
    nodes: [hostNode('node-a'), hostNode('node-b')],
    existing: [onNode('a1', 'node-a', FOO, { terminating: true }), ...pods('node-b', 1)],
    want: { 'node-a': 100, 'node-b': 0 },
  },
  {
    name: 'minDomains has no effect on scoring',
    pod: pod('p', { labels: FOO, constraints: [soft(2, 'node', exists('foo'), { minDomains: 10 })] }),
    nodes: ['node-a', 'node-b', 'node-c'].map((n) => node(n, { node: n })),
    existing: [...pods('node-a', 2), ...pods('node-b', 2), ...pods('node-c', 1)],
    want: { 'node-a': 75, 'node-b': 75, 'node-c': 100 },
  },
];

/** node-a and node-b carry foo (the pod's nodeSelector/affinity), node-c is tainted. */
const POLICY_NODES = [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-c', { node: 'node-c' }, taints)];
const POLICY_PODS = [...pods('node-a', 2), ...pods('node-b', 1), ...pods('node-c', 1)];
const affinityIn = { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'foo', operator: 'In', values: [''] }] }] } };

const POLICY_CASES: ScoreCase[] = [
  { name: 'nodeAffinityPolicy Honor with a nodeSelector', pod: pod('p', { labels: FOO, nodeSelector: FOO, constraints: [soft(1, 'node')] }), nodes: [POLICY_NODES[0]!, POLICY_NODES[1]!, node('node-c', { node: 'node-c' })], existing: POLICY_PODS, want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 } },
  {
    name: 'nodeAffinityPolicy Ignore with a nodeSelector',
    pod: pod('p', { labels: FOO, nodeSelector: FOO, constraints: [soft(1, 'node', exists('foo'), { nodeAffinityPolicy: 'Ignore' })] }),
    nodes: [POLICY_NODES[0]!, POLICY_NODES[1]!, node('node-c', { node: 'node-c' })],
    existing: POLICY_PODS,
    want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 },
  },
  {
    name: 'nodeAffinityPolicy Honor with required node affinity',
    pod: { ...pod('p', { labels: FOO, constraints: [soft(1, 'node')] }), spec: { containers: [], affinity: { nodeAffinity: affinityIn }, topologySpreadConstraints: [soft(1, 'node')] } },
    nodes: [POLICY_NODES[0]!, POLICY_NODES[1]!, node('node-c', { node: 'node-c' })],
    existing: POLICY_PODS,
    want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 },
  },
  { name: 'nodeTaintsPolicy Honor', pod: pod('p', { labels: FOO, constraints: [soft(1, 'node', exists('foo'), { nodeTaintsPolicy: 'Honor' })] }), nodes: POLICY_NODES, existing: POLICY_PODS, want: { 'node-a': 0, 'node-b': 33, 'node-c': 100 } },
  { name: 'nodeTaintsPolicy Ignore (default)', pod: pod('p', { labels: FOO, constraints: [soft(1, 'node')] }), nodes: POLICY_NODES, existing: POLICY_PODS, want: { 'node-a': 66, 'node-b': 100, 'node-c': 100 } },
  {
    name: 'matchLabelKeys ANDed with an empty labelSelector',
    pod: pod('p', { labels: FOO_BAR, constraints: [soft(1, 'zone', {}, { matchLabelKeys: ['foo'] }), soft(1, HOST, {}, { matchLabelKeys: ['bar'] })] }),
    nodes: [hostNode('node-a', { zone: 'zone1' }), hostNode('node-b', { zone: 'zone1' }), hostNode('node-c', { zone: 'zone2' }), hostNode('node-d', { zone: 'zone2' })],
    existing: [...pods('node-a', 1, FOO), ...pods('node-b', 1, FOO_BAR), ...pods('node-c', 1, FOO), ...pods('node-c', 1, BAR)],
    want: { 'node-a': 60, 'node-b': 20, 'node-c': 60, 'node-d': 100 },
  },
];

describe('PodTopologySpread Score', () => {
  for (const c of [...CASES, ...POLICY_CASES]) test(c.name, () => assert.deepEqual(run(c), c.want));

  test('score() per node agrees with scoreAll, ignored nodes included', () => {
    const all = nodeInfos([hostNode('node-a'), node('node-b', { n: 'b' }), hostNode('node-x')], [...pods('node-a', 3), ...pods('node-x', 1)]);
    const pl = new PodTopologySpread({}, { allNodes: () => all });
    const p = new PodInfo(pod('p', { labels: FOO, constraints: [soft(1, HOST)] }));
    const state = new CycleState();
    assert.equal(pl.preScore(state, p, all), null);
    const scores = new Float64Array(3);
    pl.scoreAll(state, p, all, scores);
    assert.deepEqual(
      all.map((n) => pl.score(state, p, n)),
      [...scores],
    );
    // A copy of a node (not in the cycle's list) is counted from its own pods: same scores.
    assert.deepEqual(
      all.map((n) => pl.score(state, p, n.snapshot())),
      [...scores],
    );
    // 3 pods * log(2 + 2) = 4.16, 1 pod * log(4) = 1.39.
    assert.deepEqual([...scores], [Math.round(3 * topologyNormalizingWeight(2)), 0, Math.round(topologyNormalizingWeight(2))]);
  });

  test('all raw scores 0: every scored node gets 100, ignored ones 0', () => {
    const c: ScoreCase = { name: '', pod: pod('p', { labels: FOO, constraints: [soft(1, HOST)] }), nodes: [hostNode('node-a'), node('node-b', {}), hostNode('node-c')], want: {} };
    assert.deepEqual(run(c), { 'node-a': 100, 'node-b': 0, 'node-c': 100 });
  });
});

describe('PodTopologySpread PreScore', () => {
  const infos = nodeInfos([hostNode('node-a', { zone: 'z' })]);
  const skip = (pl: PodTopologySpread, p: Pod, nodes = infos): boolean => {
    const s = pl.preScore(new CycleState(), new PodInfo(p), nodes);
    return s instanceof Status && s.isSkip();
  };

  test('Skip without soft constraints', () => {
    assert.ok(skip(new PodTopologySpread({ defaultingType: 'List' }), pod('p')));
    assert.ok(skip(new PodTopologySpread(), pod('p', { labels: FOO, constraints: [constraint(1, 'zone', 'DoNotSchedule')] })));
  });

  test('Skip with system defaults but nothing selecting the pod', () => {
    assert.ok(skip(new PodTopologySpread(), pod('p', { labels: FOO })));
  });

  test('Skip when the owning ReplicaSet does not exist', () => {
    const rs: ReplicaSet = { metadata: { name: 'rs1', namespace: 'default' }, spec: { selector: exists('tar') } };
    const pl = new PodTopologySpread({ defaultingType: 'List', defaultConstraints: [{ maxSkew: 2, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' }] }, { sources: sourcesFromLists({ replicaSets: [rs] }) });
    assert.ok(skip(pl, pod('p', { labels: { foo: 'bar' }, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs2' } })));
  });

  test('Skip with no node at all', () => {
    assert.ok(skip(new PodTopologySpread({}, { allNodes: () => [] }), pod('p', { labels: FOO, constraints: [soft(1, HOST)] }), []));
  });

  test('an invalid selector is an error', () => {
    const s = new PodTopologySpread().preScore(new CycleState(), new PodInfo(pod('p', { constraints: [soft(1, 'zone', { matchExpressions: [{ key: 'a', operator: 'In' }] })] })), infos);
    assert.equal(s?.codeName(), 'Error');
    assert.match(s!.message(), /obtaining pod's soft topology spread constraints/);
  });
});

describe('PodTopologySpread default constraints', () => {
  const rs1: ReplicaSet = { metadata: { name: 'rs1', namespace: 'default' }, spec: { selector: exists('foo') } };
  const owned = (name: string, labels: Record<string, string> = { foo: 'tar', baz: 'sup' }): Pod => pod(name, { labels, owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs1' } });

  test('system defaults with a ReplicaSet: zoneless nodes still spread by host', () => {
    // Host (maxSkew 3) over 4 nodes, zone (maxSkew 5) over {mars, ''}; only a and b have a zone.
    const c: ScoreCase = {
      name: '',
      pod: owned('p'),
      nodes: [hostNode('node-a', { [ZONE]: 'mars' }), hostNode('node-b', { [ZONE]: 'mars' }), hostNode('node-c'), hostNode('node-d')],
      existing: [...pods('node-a', 2), ...pods('node-c', 1)],
      sources: { replicaSets: [rs1] },
      want: { 'node-a': 16, 'node-b': 41, 'node-c': 83, 'node-d': 100 },
    };
    assert.deepEqual(run(c), c.want);
  });

  test('List defaults ignore nodes missing a key; the pod\'s own constraints win', () => {
    const args: PodTopologySpreadArgs = { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'planet', whenUnsatisfiable: 'ScheduleAnyway' }] };
    const nodes = [node('node-a', { planet: 'mars', galaxy: 'g' }), node('node-b', { planet: 'venus', galaxy: 'g' }), node('node-c', { galaxy: 'g' })];
    const existing = [...pods('node-a', 2)];
    assert.deepEqual(run({ name: '', pod: owned('p'), nodes, existing, args, sources: { replicaSets: [rs1] }, want: {} }), { 'node-a': 0, 'node-b': 100, 'node-c': 0 });
    const own = { ...owned('q'), spec: { containers: [], topologySpreadConstraints: [soft(1, 'galaxy')] } };
    assert.deepEqual(run({ name: '', pod: own, nodes, existing, args, sources: { replicaSets: [rs1] }, want: {} }), { 'node-a': 100, 'node-b': 100, 'node-c': 100 });
  });

  test('List DoNotSchedule defaults with a Service selector filter', () => {
    const svc: Service = { metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' } } };
    const args: PodTopologySpreadArgs = { defaultingType: 'List', defaultConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' }] };
    const pl = new PodTopologySpread(args, { sources: sourcesFromLists({ services: [svc] }) });
    const infos = nodeInfos([node('a', { zone: 'z1' }), node('b', { zone: 'z2' })], [onNode('w1', 'a', { app: 'web' }), onNode('o1', 'b', { app: 'other' })]);
    const state = new CycleState();
    const p = new PodInfo(pod('p', { labels: { app: 'web', tier: 'fe' } }));
    assert.equal(pl.preFilter(state, p, infos), null);
    assert.deepEqual(
      infos.map((n) => pl.filter(state, p, n)?.codeName() ?? 'Success'),
      ['Unschedulable', 'Success'],
    );
    // A pod no Service selects gets no default constraint at all.
    assert.ok((pl.preFilter(new CycleState(), new PodInfo(pod('q', { labels: { app: 'db' } })), infos) as Status).isSkip());
  });
});
