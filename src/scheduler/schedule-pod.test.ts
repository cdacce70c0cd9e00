import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Client } from '../client/client.js';
import type { EventRecorder } from '../client/events/recorder.js';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { FitError } from './framework/fit-error.js';
import { Framework } from './framework/framework.js';
import { defaultProfile, mergeProfile, type SchedulerProfile } from './framework/profile.js';
import { inTreeRegistry } from './plugins/registry.js';
import { NoNodesAvailableError, numFeasibleNodesToFind, PodPlacer } from './schedule-pod.js';
import { makeNode, makePod, type NodeWrapper } from './testing/wrappers.js';

function setup(nodes: NodeWrapper[], profile: SchedulerProfile = defaultProfile()): { cache: SchedulerCache; snapshot: Snapshot; fwk: Framework; placer: PodPlacer } {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n.build());
  const snapshot = new Snapshot();
  cache.updateSnapshot(snapshot);
  const fwk = new Framework({ profile, registry: inTreeRegistry(), client: {} as Client, recorder: {} as EventRecorder, snapshot: () => snapshot });
  let seed = 1;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  return { cache, snapshot, fwk, placer: new PodPlacer({ random }) };
}

describe('numFeasibleNodesToFind (percentageOfNodesToScore)', () => {
  const cases: [number, number, number][] = [
    // [percentage, nodes, want]
    [0, 50, 50],
    [0, 99, 99],
    [0, 100, 100],
    [0, 1000, 420], // 50 - 1000/125 = 42%
    [0, 5000, 500], // 50 - 40 = 10%
    [0, 6000, 300], // 50 - 48 = 2% -> floor 5%
    [0, 1500, 570], // 50 - 12 = 38%
    [0, 200, 100], // 48% of 200 = 96 -> at least 100
    [30, 1000, 300],
    [1, 5000, 100],
  ];
  for (const [p, n, want] of cases) test(`${p}% of ${n}`, () => assert.equal(numFeasibleNodesToFind(p, n), want));
});

describe('schedulePod', () => {
  test('no nodes', () => {
    const { fwk, placer, snapshot } = setup([]);
    assert.throws(() => placer.schedulePod(fwk, fwk.newCycleState(), makePod('p').info(), snapshot), NoNodesAvailableError);
  });

  test('picks the emptiest feasible node; the filter-failures explain the others', () => {
    const { fwk, placer, snapshot, cache } = setup([
      makeNode('small').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
      makeNode('tainted').capacity({ cpu: '8', memory: '16Gi', pods: '110' }).taint('dedicated', 'infra', 'NoSchedule'),
      makeNode('busy').capacity({ cpu: '4', memory: '8Gi', pods: '110' }),
      makeNode('idle').capacity({ cpu: '4', memory: '8Gi', pods: '110' }),
    ]);
    cache.addPod(makePod('existing').req({ cpu: '2', memory: '4Gi' }).nodeName('busy').build());
    cache.updateSnapshot(snapshot);
    const r = placer.schedulePod(fwk, fwk.newCycleState(), makePod('p').req({ cpu: '2' }).info(), snapshot);
    assert.equal(r.suggestedHost, 'idle');
    assert.equal(r.feasibleNodes, 2);
    assert.equal(r.evaluatedNodes, 4);
  });

  test('a pod fitting nowhere gets a FitError with every node reason', () => {
    const { fwk, placer, snapshot } = setup([
      makeNode('a').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
      makeNode('b').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
      makeNode('c').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
      makeNode('d').taint('dedicated', 'infra', 'NoSchedule'),
      makeNode('e').taint('dedicated', 'infra', 'NoSchedule'),
    ]);
    try {
      placer.schedulePod(fwk, fwk.newCycleState(), makePod('p').req({ cpu: '2' }).info(), snapshot);
      assert.fail('expected a FitError');
    } catch (err) {
      assert.ok(err instanceof FitError);
      assert.equal(err.describe(), '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: infra}, 3 Insufficient cpu.');
      assert.deepEqual([...err.diagnosis.unschedulablePlugins].sort(), ['NodeResourcesFit', 'TaintToleration']);
    }
  });

  test('a PreFilter result narrows to the named nodes', () => {
    const { fwk, placer, snapshot } = setup([makeNode('a'), makeNode('b'), makeNode('c')]);
    const pod = makePod('p').requiredAffinity([], [{ key: 'metadata.name', operator: 'In', values: ['b'] }]).info();
    assert.equal(placer.schedulePod(fwk, fwk.newCycleState(), pod, snapshot).suggestedHost, 'b');
    const tooBig = makePod('q').req({ cpu: '64' }).requiredAffinity([], [{ key: 'metadata.name', operator: 'In', values: ['b'] }]).info();
    try {
      placer.schedulePod(fwk, fwk.newCycleState(), tooBig, snapshot);
      assert.fail('expected a FitError');
    } catch (err) {
      assert.ok(err instanceof FitError);
      assert.equal(err.describe(), "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) didn't satisfy plugin(s) [NodeAffinity].");
    }
  });

  test('filtering stops at enough feasible nodes and the next cycle starts after them', () => {
    const nodes = Array.from({ length: 1000 }, (_, i) => makeNode(`n${String(i).padStart(4, '0')}`));
    const { fwk, placer, snapshot } = setup(nodes);
    const { feasible } = placer.findNodesThatFitPod(fwk, fwk.newCycleState(), makePod('p').info(), snapshot);
    assert.equal(feasible.length, 420);
    assert.equal(placer.nextStartNodeIndex, 420);
    placer.findNodesThatFitPod(fwk, fwk.newCycleState(), makePod('q').info(), snapshot);
    assert.equal(placer.nextStartNodeIndex, 840);
    placer.findNodesThatFitPod(fwk, fwk.newCycleState(), makePod('r').info(), snapshot);
    assert.equal(placer.nextStartNodeIndex, 260);
  });

  test('pods spread over equal nodes (ties are broken at random)', () => {
    const { fwk, placer, snapshot, cache } = setup([makeNode('a'), makeNode('b'), makeNode('c')]);
    const counts = new Map<string, number>();
    for (let i = 0; i < 30; i++) {
      cache.updateSnapshot(snapshot);
      const pi = makePod(`p${i}`).req({ cpu: '100m', memory: '100Mi' }).info();
      const r = placer.schedulePod(fwk, fwk.newCycleState(), pi, snapshot);
      cache.assumePod(pi.withNodeName(r.suggestedHost));
      counts.set(r.suggestedHost, (counts.get(r.suggestedHost) ?? 0) + 1);
    }
    assert.deepEqual([...counts.values()].sort(), [10, 10, 10]);
  });

  test('a higher-weighted preference wins', () => {
    const { fwk, placer, snapshot } = setup(
      [makeNode('plain'), makeNode('ssd').labels({ disk: 'ssd' })],
      mergeProfile({ schedulerName: 'default-scheduler' }),
    );
    const pod = makePod('p').preferredAffinity(10, [{ key: 'disk', operator: 'In', values: ['ssd'] }]).info();
    assert.equal(placer.schedulePod(fwk, fwk.newCycleState(), pod, snapshot).suggestedHost, 'ssd');
  });
});
