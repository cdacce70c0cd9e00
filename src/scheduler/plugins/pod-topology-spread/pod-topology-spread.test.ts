import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, Pod } from '../../../api/types/core-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { CriticalPaths } from './filtering.js';
import { ERR_REASON_CONSTRAINTS_NOT_MATCH, ERR_REASON_NODE_LABEL_NOT_MATCH, PodTopologySpread } from './pod-topology-spread.js';
import { constraint, exists, filterCodes, node, nodeInfos, onNode, pod } from './test-helpers.js';

const OK = 'Success';
const NO = 'Unschedulable';
const NEVER = 'UnschedulableAndUnresolvable';

/** node-a, node-b in zone1; node-x, node-y in zone2; each also labelled node=<name>. */
const FOUR_NODES: Node[] = [
  node('node-a', { zone: 'zone1', node: 'node-a' }),
  node('node-b', { zone: 'zone1', node: 'node-b' }),
  node('node-x', { zone: 'zone2', node: 'node-x' }),
  node('node-y', { zone: 'zone2', node: 'node-y' }),
];

/** Matching pods spread over the four nodes as a/b/x/y. */
function spread(a: number, b: number, x: number, y: number, labels: Record<string, string> = { foo: '' }): Pod[] {
  const out: Pod[] = [];
  const add = (n: number, nodeName: string): void => {
    for (let i = 0; i < n; i++) out.push(onNode(`p-${nodeName}-${i}`, nodeName, labels));
  };
  add(a, 'node-a');
  add(b, 'node-b');
  add(x, 'node-x');
  add(y, 'node-y');
  return out;
}

interface FilterCase {
  readonly name: string;
  readonly pod: Pod;
  readonly nodes?: Node[];
  readonly existing?: Pod[];
  readonly want: Record<string, string>;
}

function runCases(cases: readonly FilterCase[]): void {
  for (const c of cases) {
    test(c.name, () => {
      const infos = nodeInfos(c.nodes ?? FOUR_NODES, c.existing ?? []);
      assert.deepEqual(filterCodes(new PodTopologySpread(), c.pod, infos), c.want);
    });
  }
}

const hard = (maxSkew: number, key: string, extra = {}): ReturnType<typeof constraint> => constraint(maxSkew, key, 'DoNotSchedule', exists('foo'), extra);

describe('PodTopologySpread Filter: one constraint', () => {
  runCases([
    { name: 'no existing pods', pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone')] }), want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK } },
    {
      name: "no existing pods, the pod doesn't match itself",
      pod: pod('p', { labels: { foo: '' }, constraints: [constraint(1, 'zone', 'DoNotSchedule', exists('bar'))] }),
      want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK },
    },
    {
      name: 'pods of other namespaces do not count',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone')] }),
      existing: [onNode('o1', 'node-a', { foo: '' }, { namespace: 'ns1' }), onNode('o2', 'node-a', { foo: '' }, { namespace: 'ns2' }), ...spread(0, 0, 1, 1)],
      want: { 'node-a': OK, 'node-b': OK, 'node-x': NO, 'node-y': NO },
    },
    { name: 'zones 3/3: every node fits', pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone')] }), existing: spread(2, 1, 0, 3), want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK } },
    {
      name: "zones 1/2 because node-b lacks the key: node-b can never fit",
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone')] }),
      nodes: [FOUR_NODES[0]!, node('node-b', { zon: 'zone1', node: 'node-b' }), FOUR_NODES[2]!, FOUR_NODES[3]!],
      existing: spread(1, 1, 1, 1),
      want: { 'node-a': OK, 'node-b': NEVER, 'node-x': NO, 'node-y': NO },
    },
    {
      name: 'no node has the key',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'rack')] }),
      nodes: [FOUR_NODES[0]!, FOUR_NODES[2]!],
      want: { 'node-a': NEVER, 'node-x': NEVER },
    },
    { name: 'nodes 2/1/0/3: only node-x fits', pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node')] }), existing: spread(2, 1, 0, 3), want: { 'node-a': NO, 'node-b': NO, 'node-x': OK, 'node-y': NO } },
    { name: 'nodes 2/1/0/3, maxSkew 2: node-b and node-x fit', pod: pod('p', { labels: { foo: '' }, constraints: [hard(2, 'node')] }), existing: spread(2, 1, 0, 3), want: { 'node-a': NO, 'node-b': OK, 'node-x': OK, 'node-y': NO } },
    {
      name: "nodes 2/1/0/3, the pod doesn't match itself: one more is allowed everywhere",
      pod: pod('p', { labels: { bar: '' }, constraints: [hard(1, 'node')] }),
      existing: spread(2, 1, 0, 3),
      want: { 'node-a': NO, 'node-b': OK, 'node-x': OK, 'node-y': NO },
    },
    {
      name: 'terminating pods do not count',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node')] }),
      nodes: [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' })],
      existing: [onNode('t', 'node-a', { foo: '' }, { terminating: true }), onNode('b1', 'node-b')],
      want: { 'node-a': OK, 'node-b': NO },
    },
    {
      name: 'a missing labelSelector selects no pod',
      pod: pod('p', { labels: { foo: '' }, constraints: [constraint(1, 'node', 'DoNotSchedule', null)] }),
      existing: spread(2, 1, 0, 3),
      want: { 'node-a': OK, 'node-b': OK, 'node-x': OK, 'node-y': OK },
    },
  ]);
});

describe('PodTopologySpread Filter: several constraints', () => {
  runCases([
    {
      name: 'zone and node, spreads [3/3, 2/1/0/3]: only node-x',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone'), hard(1, 'node')] }),
      existing: spread(2, 1, 0, 3),
      want: { 'node-a': NO, 'node-b': NO, 'node-x': OK, 'node-y': NO },
    },
    {
      name: 'zone and node, spreads [3/4, 2/1/0/4]: the zone rules out node-x, nothing fits',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone'), hard(1, 'node')] }),
      existing: spread(2, 1, 0, 4),
      want: { 'node-a': NO, 'node-b': NO, 'node-x': NO, 'node-y': NO },
    },
    {
      name: 'zone and node with different selectors',
      pod: pod('p', { labels: { foo: '', bar: '' }, constraints: [hard(1, 'zone'), constraint(1, 'node', 'DoNotSchedule', exists('bar'))] }),
      // zone (foo): zone1 = 1, zone2 = 2; node (bar): a 0, b 1, x 0, y 1.
      existing: [onNode('a1', 'node-a', { foo: '' }), onNode('b1', 'node-b', { bar: '' }), onNode('x1', 'node-x', { foo: '' }), onNode('y1', 'node-y', { foo: '', bar: '' })],
      want: { 'node-a': OK, 'node-b': NO, 'node-x': NO, 'node-y': NO },
    },
    {
      name: 'a node missing either key is unresolvable',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone'), hard(1, 'node')] }),
      nodes: [FOUR_NODES[0]!, node('node-b', { zone: 'zone1' }), node('node-x', { node: 'node-x' })],
      want: { 'node-a': OK, 'node-b': NEVER, 'node-x': NEVER },
    },
  ]);
});

describe('PodTopologySpread Filter: minDomains', () => {
  const three = [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })];
  const pods = [onNode('a1', 'node-a'), onNode('a2', 'node-a'), onNode('b1', 'node-b'), onNode('b2', 'node-b'), onNode('c1', 'node-c')];
  runCases([
    { name: 'without minDomains the minimum is the smallest domain', pod: pod('p', { labels: { foo: '' }, constraints: [hard(2, 'node')] }), nodes: three, existing: pods, want: { 'node-a': OK, 'node-b': OK, 'node-c': OK } },
    {
      name: 'fewer domains than minDomains: the global minimum is 0',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(2, 'node', { minDomains: 4 })] }),
      nodes: three,
      existing: pods,
      want: { 'node-a': NO, 'node-b': NO, 'node-c': OK },
    },
    { name: 'as many domains as minDomains: the usual minimum', pod: pod('p', { labels: { foo: '' }, constraints: [hard(2, 'node', { minDomains: 3 })] }), nodes: three, existing: pods, want: { 'node-a': OK, 'node-b': OK, 'node-c': OK } },
    {
      name: 'zones 3/3 with minDomains 3: only one more per zone',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(3, 'zone', { minDomains: 3 })] }),
      existing: spread(2, 1, 0, 3),
      want: { 'node-a': NO, 'node-b': NO, 'node-x': NO, 'node-y': NO },
    },
  ]);
});

describe('PodTopologySpread Filter: inclusion policies', () => {
  // node-c lacks the pod's nodeSelector label and is tainted; a and b hold one pod each.
  const nodes = [node('node-a', { node: 'node-a', foo: '' }), node('node-b', { node: 'node-b', foo: '' }), node('node-c', { node: 'node-c' }, [{ key: 'dedicated', value: 'x', effect: 'NoSchedule' }])];
  const existing = [onNode('a1', 'node-a'), onNode('b1', 'node-b')];
  runCases([
    {
      name: 'nodeAffinityPolicy Honor (default): node-c is no domain',
      pod: pod('p', { labels: { foo: '' }, nodeSelector: { foo: '' }, constraints: [hard(1, 'node')] }),
      nodes,
      existing,
      want: { 'node-a': OK, 'node-b': OK, 'node-c': OK },
    },
    {
      name: 'nodeAffinityPolicy Ignore: node-c is the empty minimum',
      pod: pod('p', { labels: { foo: '' }, nodeSelector: { foo: '' }, constraints: [hard(1, 'node', { nodeAffinityPolicy: 'Ignore' })] }),
      nodes,
      existing,
      want: { 'node-a': NO, 'node-b': NO, 'node-c': OK },
    },
    { name: 'nodeTaintsPolicy Ignore (default): the tainted node counts', pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node')] }), nodes, existing, want: { 'node-a': NO, 'node-b': NO, 'node-c': OK } },
    {
      name: 'nodeTaintsPolicy Honor: the untolerated taint drops node-c',
      pod: pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node', { nodeTaintsPolicy: 'Honor' })] }),
      nodes,
      existing,
      want: { 'node-a': OK, 'node-b': OK, 'node-c': OK },
    },
    {
      name: 'nodeTaintsPolicy Honor with a toleration: node-c counts again',
      pod: pod('p', { labels: { foo: '' }, tolerations: [{ key: 'dedicated', operator: 'Exists' }], constraints: [hard(1, 'node', { nodeTaintsPolicy: 'Honor' })] }),
      nodes,
      existing,
      want: { 'node-a': NO, 'node-b': NO, 'node-c': OK },
    },
  ]);
});

describe('PodTopologySpread Filter: matchLabelKeys', () => {
  const nodes = [node('node-a', { node: 'node-a' }), node('node-b', { node: 'node-b' }), node('node-c', { node: 'node-c' })];
  // Two pods of revision 1 on node-a, one of revision 2 on node-b.
  const existing = [onNode('a1', 'node-a', { foo: '', rev: '1' }), onNode('a2', 'node-a', { foo: '', rev: '1' }), onNode('b1', 'node-b', { foo: '', rev: '2' })];
  runCases([
    { name: 'without matchLabelKeys every revision counts', pod: pod('p', { labels: { foo: '', rev: '2' }, constraints: [hard(1, 'node')] }), nodes, existing, want: { 'node-a': NO, 'node-b': NO, 'node-c': OK } },
    {
      name: "only the pod's own revision counts",
      pod: pod('p', { labels: { foo: '', rev: '2' }, constraints: [hard(1, 'node', { matchLabelKeys: ['rev'] })] }),
      nodes,
      existing,
      want: { 'node-a': OK, 'node-b': NO, 'node-c': OK },
    },
    {
      name: 'a key the pod lacks changes nothing',
      pod: pod('p', { labels: { foo: '', rev: '2' }, constraints: [hard(1, 'node', { matchLabelKeys: ['missing'] })] }),
      nodes,
      existing,
      want: { 'node-a': NO, 'node-b': NO, 'node-c': OK },
    },
    {
      name: 'an empty labelSelector becomes the pod-specific pairs',
      pod: pod('p', { labels: { foo: '', rev: '1' }, constraints: [constraint(1, 'node', 'DoNotSchedule', {}, { matchLabelKeys: ['rev'] })] }),
      nodes,
      existing,
      want: { 'node-a': NO, 'node-b': OK, 'node-c': OK },
    },
    {
      name: 'a missing labelSelector still selects nothing',
      pod: pod('p', { labels: { foo: '', rev: '1' }, constraints: [constraint(1, 'node', 'DoNotSchedule', null, { matchLabelKeys: ['rev'] })] }),
      nodes,
      existing,
      want: { 'node-a': OK, 'node-b': OK, 'node-c': OK },
    },
  ]);
});

describe('PodTopologySpread PreFilter', () => {
  const infos = nodeInfos(FOUR_NODES);

  test('Skip without hard constraints (own or default)', () => {
    const pl = new PodTopologySpread();
    assert.ok((pl.preFilter(new CycleState(), new PodInfo(pod('p')), infos) as Status).isSkip());
    const soft = pod('p', { labels: { foo: '' }, constraints: [constraint(1, 'zone', 'ScheduleAnyway')] });
    assert.ok((pl.preFilter(new CycleState(), new PodInfo(soft), infos) as Status).isSkip());
  });

  test('an invalid selector is an error, not a rejection', () => {
    const bad = pod('p', { constraints: [constraint(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'foo', operator: 'Bogus' }] })] });
    const s = new PodTopologySpread().preFilter(new CycleState(), new PodInfo(bad), infos);
    assert.ok(s instanceof Status);
    assert.equal(s.codeName(), 'Error');
    assert.match(s.message(), /obtaining pod's hard topology spread constraints: "Bogus" is not a valid label selector operator/);
  });

  test("rejections carry Kubernetes' reasons and codes", () => {
    const pl = new PodTopologySpread();
    const p = new PodInfo(pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node')] }));
    const all = nodeInfos([...FOUR_NODES, node('bare', {})], spread(1, 0, 0, 0));
    const state = new CycleState();
    assert.equal(pl.preFilter(state, p, all), null);
    const skewed = pl.filter(state, p, all[0]!)!;
    assert.deepEqual([skewed.codeName(), skewed.reasons], ['Unschedulable', [ERR_REASON_CONSTRAINTS_NOT_MATCH]]);
    const bare = pl.filter(state, p, all[4]!)!;
    assert.deepEqual([bare.codeName(), bare.reasons], ['UnschedulableAndUnresolvable', [ERR_REASON_NODE_LABEL_NOT_MATCH]]);
    assert.equal(ERR_REASON_NODE_LABEL_NOT_MATCH, "node(s) didn't match pod topology spread constraints (missing required label)");
    // Fitting nodes cost nothing; rejected ones share one Status.
    assert.equal(pl.filter(state, p, all[1]!), null);
    assert.equal(pl.filter(state, p, all[0]!), skewed);
  });

  test('Filter without PreFilter counts on the spot', () => {
    const all = nodeInfos(FOUR_NODES, spread(1, 0, 0, 0));
    const pl = new PodTopologySpread({}, { allNodes: () => all });
    const p = new PodInfo(pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node')] }));
    const state = new CycleState();
    assert.equal(pl.filter(state, p, all[0]!)?.codeName(), 'Unschedulable');
    assert.equal(pl.filter(state, p, all[1]!), null);
  });
});

describe('PodTopologySpread PreFilterExtensions', () => {
  const nodes = [node('node-a', { zone: 'zone1', node: 'node-a' }), node('node-b', { zone: 'zone1', node: 'node-b' }), node('node-x', { zone: 'zone2', node: 'node-x' }), node('bare', {})];
  const p = new PodInfo(pod('p', { labels: { foo: '' }, constraints: [hard(1, 'node')] }));

  function setup(): { pl: PodTopologySpread; state: CycleState; infos: ReturnType<typeof nodeInfos>; codes: () => string[] } {
    const infos = nodeInfos(nodes, [onNode('a1', 'node-a')]);
    const pl = new PodTopologySpread();
    const state = new CycleState();
    assert.equal(pl.preFilter(state, p, infos), null);
    const codes = (): string[] => infos.slice(0, 3).map((ni) => pl.filter(state, p, ni)?.codeName() ?? OK);
    return { pl, state, infos, codes };
  }

  const cases: { name: string; op: 'add' | 'remove'; pod: Pod; on: number; want: string[] }[] = [
    { name: 'before anything: only the empty nodes fit', op: 'add', pod: onNode('none', 'node-a', { other: '' }), on: 0, want: [NO, OK, OK] },
    { name: 'adding a matching pod to node-b raises its count', op: 'add', pod: onNode('n', 'node-b'), on: 1, want: [NO, NO, OK] },
    { name: 'removing the pod of node-a makes it empty', op: 'remove', pod: onNode('a1', 'node-a'), on: 0, want: [OK, OK, OK] },
    { name: 'a pod of another namespace changes nothing', op: 'add', pod: onNode('n', 'node-b', { foo: '' }, { namespace: 'other' }), on: 1, want: [NO, OK, OK] },
    { name: 'a pod the selector does not match changes nothing', op: 'add', pod: onNode('n', 'node-b', { bar: '' }), on: 1, want: [NO, OK, OK] },
    { name: 'a node without the key changes nothing', op: 'add', pod: onNode('n', 'bare'), on: 3, want: [NO, OK, OK] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const { pl, state, infos, codes } = setup();
      const ext = pl.preFilterExtensions();
      const s = c.op === 'add' ? ext.addPod(state, p, new PodInfo(c.pod), infos[c.on]!) : ext.removePod(state, p, new PodInfo(c.pod), infos[c.on]!);
      assert.equal(s, null);
      assert.deepEqual(codes(), c.want);
    });
  }

  test('adding to every empty node moves the minimum up', () => {
    const { pl, state, infos, codes } = setup();
    const ext = pl.preFilterExtensions();
    ext.addPod(state, p, new PodInfo(onNode('b1', 'node-b')), infos[1]!);
    ext.addPod(state, p, new PodInfo(onNode('x1', 'node-x')), infos[2]!);
    assert.deepEqual(codes(), [OK, OK, OK]);
  });

  test("a what-if copy of the cycle state has counts of its own", () => {
    const { pl, state, infos, codes } = setup();
    const copy = state.clone();
    pl.preFilterExtensions().addPod(copy, p, new PodInfo(onNode('n', 'node-b')), infos[1]!);
    assert.deepEqual(
      infos.slice(0, 3).map((ni) => pl.filter(copy, p, ni)?.codeName() ?? OK),
      [NO, NO, OK],
    );
    assert.deepEqual(codes(), [NO, OK, OK]);
  });

  test('without PreFilter state the extensions report an error', () => {
    const pl = new PodTopologySpread();
    const s = pl.preFilterExtensions().addPod(new CycleState(), p, new PodInfo(onNode('n', 'node-a')), nodeInfos(nodes)[0]!);
    assert.equal(s?.codeName(), 'Error');
  });
});

describe('CriticalPaths', () => {
  const cases: { name: string; updates: [string, number][]; want: [string, number, string, number] }[] = [
    { name: 'first two domains, smaller first', updates: [['a', 3], ['b', 1]], want: ['b', 1, 'a', 3] },
    { name: 'a third larger domain is dropped', updates: [['a', 1], ['b', 2], ['c', 5]], want: ['a', 1, 'b', 2] },
    { name: 'a third domain between the two replaces the second', updates: [['a', 1], ['b', 5], ['c', 3]], want: ['a', 1, 'c', 3] },
    { name: 'raising the minimum swaps the two', updates: [['a', 1], ['b', 2], ['a', 4]], want: ['b', 2, 'a', 4] },
    { name: 'lowering the second below the first swaps the two', updates: [['a', 1], ['b', 2], ['b', 0]], want: ['b', 0, 'a', 1] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const p = new CriticalPaths();
      for (const [v, n] of c.updates) p.update(v, n);
      assert.deepEqual([p.value0, p.num0, p.value1, p.num1], c.want);
    });
  }
});

describe('PodTopologySpread across cycles (cached domains and counts)', () => {
  const p = new PodInfo(pod('p', { labels: { foo: '' }, constraints: [hard(1, 'zone'), hard(1, 'node')] }));
  const soft = new PodInfo(pod('s', { labels: { foo: '' }, constraints: [constraint(1, 'zone', 'ScheduleAnyway'), constraint(1, 'kubernetes.io/hostname', 'ScheduleAnyway')] }));
  const codes = (pl: PodTopologySpread, infos: ReturnType<typeof nodeInfos>): string[] => {
    const state = new CycleState();
    assert.equal(pl.preFilter(state, p, infos), null);
    return infos.map((ni) => pl.filter(state, p, ni)?.codeName() ?? OK);
  };

  test('a pod added to or removed from a node between cycles is seen', () => {
    const infos = nodeInfos(FOUR_NODES, spread(1, 1, 1, 0));
    const pl = new PodTopologySpread();
    assert.deepEqual(codes(pl, infos), [NO, NO, NO, OK]);
    infos[3]!.addPod(new PodInfo(onNode('y1', 'node-y')));
    assert.deepEqual(codes(pl, infos), [OK, OK, OK, OK]);
    const gone = infos[0]!.pods[0]!;
    infos[0]!.removePod(gone);
    assert.deepEqual(codes(pl, infos), [OK, NO, NO, NO]);
  });

  test('a node relabelled between cycles moves to its new domains', () => {
    const infos = nodeInfos(FOUR_NODES, spread(1, 1, 1, 0));
    const pl = new PodTopologySpread();
    assert.deepEqual(codes(pl, infos), [NO, NO, NO, OK]);
    // node-y loses its node label: it is no domain any more; zones 2/1, nodes 1/1/1.
    infos[3]!.setNode(node('node-y', { zone: 'zone2' }));
    assert.deepEqual(codes(pl, infos), [NO, NO, OK, NEVER]);
    // In zone1 with its label back: zones 2/1 and node-y empty, so nothing fits.
    infos[3]!.setNode(node('node-y', { zone: 'zone1', node: 'node-y' }));
    assert.deepEqual(codes(pl, infos), [NO, NO, NO, NO]);
    infos[3]!.setNode(node('node-y', { zone: 'zone2', node: 'node-y' }));
    assert.deepEqual(codes(pl, infos), [NO, NO, NO, OK]);
  });

  test('other node lists (order, length) give the same answers', () => {
    const infos = nodeInfos(FOUR_NODES, spread(2, 1, 0, 3));
    const pl = new PodTopologySpread();
    assert.deepEqual(codes(pl, infos), [NO, NO, OK, NO]);
    const reversed = [...infos].reverse();
    assert.deepEqual(codes(pl, reversed), [NO, OK, NO, NO]);
    assert.deepEqual(codes(pl, infos.slice(0, 2)), [NO, OK]);
  });

  test('many distinct topology values: the interned values start over, answers unchanged', () => {
    const pl = new PodTopologySpread();
    // 600 new hostnames a round: past 2 * 600 + 1024 interned values the index is dropped.
    for (let round = 0; round < 5; round++) {
      const nodes = Array.from({ length: 600 }, (_, i) => node(`n${round}-${i}`, { zone: `z${i % 3}`, node: `n${round}-${i}` }));
      const infos = nodeInfos(nodes, [onNode('a', `n${round}-0`)]);
      const got = codes(pl, infos);
      assert.equal(got[0], NO);
      assert.ok(got.slice(1).every((c, i) => c === ((i + 1) % 3 === 0 ? NO : OK)), `round ${round}`);
    }
  });

  test('soft scores follow changes between cycles', () => {
    const nodes = [node('a', { zone: 'z1', 'kubernetes.io/hostname': 'a' }), node('b', { zone: 'z2', 'kubernetes.io/hostname': 'b' })];
    const infos = nodeInfos(nodes, [onNode('a1', 'a')]);
    const pl = new PodTopologySpread({}, { allNodes: () => infos });
    const run = (): number[] => {
      const state = new CycleState();
      assert.equal(pl.preScore(state, soft, infos), null);
      const scores = new Float64Array(2);
      pl.scoreAll(state, soft, infos, scores);
      pl.normalizeScore(state, soft, scores);
      return [...scores];
    };
    assert.deepEqual(run(), [0, 100]);
    infos[1]!.addPod(new PodInfo(onNode('b1', 'b')));
    infos[1]!.addPod(new PodInfo(onNode('b2', 'b')));
    // a: 1 * log 4 + 1 * log 4 = 3, b: 2 * log 4 + 2 * log 4 = 6 (rounded).
    assert.deepEqual(run(), [100, 50]);
  });

  test('what-if removals below zero keep the domain', () => {
    const infos = nodeInfos(FOUR_NODES, spread(0, 1, 1, 1));
    const pl = new PodTopologySpread();
    const state = new CycleState();
    assert.equal(pl.preFilter(state, p, infos), null);
    const ext = pl.preFilterExtensions();
    // Removing a pod never counted (e.g. a terminating one) drives node-a's count to -1.
    ext.removePod(state, p, new PodInfo(onNode('t', 'node-a', { foo: '' }, { terminating: true })), infos[0]!);
    // node-a is still a domain, and now the minimum: -1 + 1 - (-1) = 1 fits, 1 + 1 - (-1) = 3 does not.
    assert.deepEqual(infos.map((ni) => pl.filter(state, p, ni)?.codeName() ?? OK), [OK, NO, NO, NO]);
  });
});
