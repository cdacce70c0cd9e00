import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { CycleState } from '../../framework/cycle-state.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { BalancedAllocation, balancedResourceScore } from './balanced-allocation.js';

describe('NodeResourcesBalancedAllocation', () => {
  test('the score formula', () => {
    // fractions 0.25 and 0.75: std 0.25 -> 75.
    assert.equal(balancedResourceScore(Float64Array.of(1, 3), Float64Array.of(4, 4)), 75);
    // Equal fractions: 100.
    assert.equal(balancedResourceScore(Float64Array.of(2, 5), Float64Array.of(4, 10)), 100);
    // Fractions above 1 count as 1: 1 and 0 -> std 0.5 -> 50.
    assert.equal(balancedResourceScore(Float64Array.of(8, 0), Float64Array.of(4, 4)), 50);
    // Resources the node does not have are left out: one fraction, std 0.
    assert.equal(balancedResourceScore(Float64Array.of(1, 0), Float64Array.of(4, 0)), 100);
    // Three resources: fractions 0, 0.5, 1 -> mean 0.5, std sqrt(1/6) = 0.408 -> 59.
    assert.equal(balancedResourceScore(Float64Array.of(0, 2, 4), Float64Array.of(4, 4, 4)), 59);
  });

  const cases: { name: string; pod: ReturnType<typeof makePod>; existing?: ReturnType<typeof makePod>[]; want: number }[] = [
    // cpu 1/4 = 0.25, memory 6Gi/8Gi = 0.75 -> std 0.25 -> 75.
    { name: 'unbalanced', pod: makePod('p').req({ cpu: '1', memory: '6Gi' }), want: 75 },
    // cpu 2/4, memory 4Gi/8Gi -> 100.
    { name: 'balanced', pod: makePod('p').req({ cpu: '2', memory: '4Gi' }), want: 100 },
    // Actual requests (no defaults): existing pod without requests adds nothing; 0.25/0.25 -> 100.
    { name: 'requests as they are (no defaults)', pod: makePod('p').req({ cpu: '1', memory: '2Gi' }), existing: [makePod('e')], want: 100 },
    // existing 1 cpu: cpu 2/4 = 0.5, memory 2Gi/8Gi = .25 -> std .125 -> 87.
    { name: 'counts existing pods', pod: makePod('p').req({ cpu: '1', memory: '2Gi' }), existing: [makePod('e').req({ cpu: '1' })], want: 87 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const plugin = new BalancedAllocation();
      const state = new CycleState();
      const pi = c.pod.info();
      plugin.preScore(state, pi);
      const ni = makeNode('n').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).info(...(c.existing ?? []).map((p) => p.build()));
      assert.equal(plugin.score(state, pi, ni), c.want);
    });
  }
});

test('scoreAll (the cpu+memory fast path) agrees with score() node by node', () => {
  const plugin = new BalancedAllocation();
  const state = new CycleState();
  const pi = makePod('p').req({ cpu: '700m', memory: '3Gi' }).info();
  plugin.preScore(state, pi);
  const nodes = [
    makeNode('a').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).info(),
    makeNode('b').capacity({ cpu: '2', memory: '32Gi', pods: '110' }).info(makePod('e').req({ cpu: '1500m' }).build()),
    makeNode('c').capacity({ cpu: '1', memory: '1Gi', pods: '110' }).info(),
    makeNode('d').capacity({ cpu: '4', pods: '110' }).info(),
  ];
  const all = new Float64Array(nodes.length);
  plugin.scoreAll(state, pi, nodes, all);
  assert.deepEqual([...all], nodes.map((n) => plugin.score(state, pi, n)));
});
