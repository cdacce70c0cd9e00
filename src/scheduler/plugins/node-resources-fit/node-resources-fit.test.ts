import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import { Status } from '../../framework/status.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { leastRequestedScore, mostRequestedScore, NodeResourcesFit, type NodeResourcesFitArgs } from './node-resources-fit.js';

function filter(plugin: NodeResourcesFit, pod: ReturnType<typeof makePod>, node: ReturnType<typeof makeNode>, existing: ReturnType<typeof makePod>[] = []): string[] {
  const state = new CycleState();
  const pi = pod.info();
  const pre = plugin.preFilter(state, pi);
  assert.equal(pre, null);
  const s = plugin.filter(state, pi, node.info(...existing.map((p) => p.build())));
  return s === null ? [] : [...s.reasons];
}

describe('NodeResourcesFit Filter', () => {
  const small = () => makeNode('n').capacity({ cpu: '1', memory: '1Gi', pods: '3', 'example.com/gpu': '1' });
  const cases: { name: string; pod: ReturnType<typeof makePod>; existing?: ReturnType<typeof makePod>[]; args?: NodeResourcesFitArgs; want: string[] }[] = [
    { name: 'fits an empty node', pod: makePod('p').req({ cpu: '500m', memory: '512Mi' }), want: [] },
    { name: 'exactly the free room fits', pod: makePod('p').req({ cpu: '500m' }), existing: [makePod('e').req({ cpu: '500m' })], want: [] },
    { name: 'insufficient cpu', pod: makePod('p').req({ cpu: '600m' }), existing: [makePod('e').req({ cpu: '500m' })], want: ['Insufficient cpu'] },
    { name: 'insufficient cpu and memory, in that order', pod: makePod('p').req({ memory: '2Gi', cpu: '2' }), want: ['Insufficient cpu', 'Insufficient memory'] },
    { name: 'too many pods', pod: makePod('p'), existing: [makePod('a'), makePod('b'), makePod('c')], want: ['Too many pods'] },
    { name: 'too many pods comes first', pod: makePod('p').req({ cpu: '2' }), existing: [makePod('a'), makePod('b'), makePod('c')], want: ['Too many pods', 'Insufficient cpu'] },
    { name: 'a pod requesting nothing only counts as a pod', pod: makePod('p'), existing: [makePod('e').req({ cpu: '1', memory: '1Gi' })], want: [] },
    { name: 'extended resource fits', pod: makePod('p').req({ 'example.com/gpu': '1' }), want: [] },
    { name: 'extended resource exhausted', pod: makePod('p').req({ 'example.com/gpu': '1' }), existing: [makePod('e').req({ 'example.com/gpu': '1' })], want: ['Insufficient example.com/gpu'] },
    { name: 'extended resource the node lacks', pod: makePod('p').req({ 'example.com/fpga': '1' }), want: ['Insufficient example.com/fpga'] },
    { name: 'ignored extended resource', pod: makePod('p').req({ 'example.com/fpga': '1' }), args: { ignoredResources: ['example.com/fpga'] }, want: [] },
    { name: 'ignored resource group', pod: makePod('p').req({ 'example.com/fpga': '1' }), args: { ignoredResourceGroups: ['example.com'] }, want: [] },
    { name: 'init container larger than the containers counts', pod: makePod('p').req({ cpu: '200m' }).initReq({ cpu: '1100m' }), want: ['Insufficient cpu'] },
    { name: 'init containers run one at a time', pod: makePod('p').req({ cpu: '200m' }).initReq({ cpu: '1' }).initReq({ cpu: '1' }), want: [] },
    { name: 'sidecars add up with the containers', pod: makePod('p').req({ cpu: '600m' }).initReq({ cpu: '500m' }, 'Always'), want: ['Insufficient cpu'] },
    { name: 'overhead counts', pod: makePod('p').req({ cpu: '900m' }).overhead({ cpu: '200m' }), want: ['Insufficient cpu'] },
    { name: 'existing pods with overhead count too', pod: makePod('p').req({ cpu: '500m' }), existing: [makePod('e').req({ cpu: '400m' }).overhead({ cpu: '200m' })], want: ['Insufficient cpu'] },
    { name: 'ephemeral storage', pod: makePod('p').req({ 'ephemeral-storage': '1Gi' }), want: ['Insufficient ephemeral-storage'] },
    { name: 'hugepages are counted', pod: makePod('p').req({ 'hugepages-2Mi': '4Mi' }), want: ['Insufficient hugepages-2Mi'] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      assert.deepEqual(filter(new NodeResourcesFit(c.args), c.pod, small(), c.existing), c.want);
    });
  }

  test('rejections are Unschedulable (preemption may help)', () => {
    const plugin = new NodeResourcesFit();
    const pi = makePod('p').req({ cpu: '2' }).info();
    const s = plugin.filter(new CycleState(), pi, small().info()) as Status;
    assert.equal(s.codeName(), 'Unschedulable');
  });
});

describe('NodeResourcesFit Score', () => {
  test('per-resource formulas', () => {
    assert.equal(leastRequestedScore(0, 4000), 100);
    assert.equal(leastRequestedScore(3000, 4000), 25);
    assert.equal(leastRequestedScore(1, 3), 66);
    assert.equal(leastRequestedScore(5000, 4000), 0);
    assert.equal(leastRequestedScore(10, 0), 0);
    assert.equal(mostRequestedScore(3000, 4000), 75);
    assert.equal(mostRequestedScore(5000, 4000), 100);
    assert.equal(mostRequestedScore(1, 0), 0);
  });

  const node = () => makeNode('n').capacity({ cpu: '4', memory: '10Gi', pods: '110' });
  const cases: { name: string; strategy?: 'LeastAllocated' | 'MostAllocated'; pod: ReturnType<typeof makePod>; existing?: ReturnType<typeof makePod>[]; want: number }[] = [
    // cpu (4000 - 1000) * 100 / 4000 = 75; memory (10Gi - 2Gi)/10Gi = 80; (75 + 80) / 2 = 77.
    { name: 'least allocated', pod: makePod('p').req({ cpu: '1', memory: '2Gi' }), want: 77 },
    // cpu 25, memory 20 -> 22.
    { name: 'most allocated', strategy: 'MostAllocated', pod: makePod('p').req({ cpu: '1', memory: '2Gi' }), want: 22 },
    // No requests: 100m and 200Mi count. cpu (4000-100)*100/4000 = 97; memory (10240Mi - 200Mi)*100/10240Mi = 98 -> 97.
    { name: 'containers without requests count the defaults', pod: makePod('p'), want: 97 },
    // Existing pod without requests counts 100m/200Mi too: cpu (4000-1100)/40 = 72; mem (10240-2248)/102.4 = 78 -> 75.
    { name: 'existing pods count with the defaults', pod: makePod('p').req({ cpu: '1', memory: '2Gi' }), existing: [makePod('e')], want: 75 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const plugin = new NodeResourcesFit({ scoringStrategy: { type: c.strategy ?? 'LeastAllocated' } });
      const state = new CycleState();
      const pi = c.pod.info();
      const ni = node().info(...(c.existing ?? []).map((p) => p.build()));
      plugin.preScore(state, pi);
      assert.equal(plugin.score(state, pi, ni), c.want);
      const all = new Float64Array(1);
      plugin.scoreAll(state, pi, [ni], all);
      assert.equal(all[0], c.want);
    });
  }

  test('weighted resources, and extended resources the pod does not request are left out', () => {
    const plugin = new NodeResourcesFit({
      scoringStrategy: { type: 'LeastAllocated', resources: [{ name: 'cpu', weight: 3 }, { name: 'memory', weight: 1 }, { name: 'example.com/gpu', weight: 5 }] },
    });
    const state = new CycleState();
    const pi = makePod('p').req({ cpu: '1', memory: '2Gi' }).info();
    const ni = makeNode('n').capacity({ cpu: '4', memory: '10Gi', pods: '110', 'example.com/gpu': '4' }).info();
    plugin.preScore(state, pi);
    // (75 * 3 + 80 * 1) / 4 = 76 (gpu not requested: not scored).
    assert.equal(plugin.score(state, pi, ni), 76);
  });
});

test('NodeResourcesFit scoreAll (the cpu+memory fast path) agrees with score() node by node', () => {
  for (const type of ['LeastAllocated', 'MostAllocated'] as const) {
    const plugin = new NodeResourcesFit({ scoringStrategy: { type } });
    const state = new CycleState();
    const pi = makePod('p').req({ cpu: '700m', memory: '3Gi' }).info();
    plugin.preScore(state, pi);
    const nodes = [
      makeNode('a').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).info(),
      makeNode('b').capacity({ cpu: '2', memory: '32Gi', pods: '110' }).info(makePod('e').req({ cpu: '1500m' }).build(), makePod('f').build()),
      makeNode('c').capacity({ cpu: '1', memory: '1Gi', pods: '110' }).info(),
      makeNode('d').capacity({ cpu: '4', pods: '110' }).info(),
    ];
    const all = new Float64Array(nodes.length);
    plugin.scoreAll(state, pi, nodes, all);
    assert.deepEqual([...all], nodes.map((n) => plugin.score(state, pi, n)), type);
  }
});
