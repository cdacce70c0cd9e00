import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock } from '../../client/workqueue/clock.js';
import { PodInfo } from '../framework/pod-info.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { CacheError, SchedulerCache } from './cache.js';
import { NodeTree } from './node-tree.js';
import { Snapshot } from './snapshot.js';

describe('SchedulerCache pods', () => {
  test('assume -> confirm by the informer -> update -> remove', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('n').build());
    const pod = makePod('p').req({ cpu: '1', memory: '1Gi' });
    const assumed = pod.info().withNodeName('n');
    cache.assumePod(assumed);
    assert.equal(cache.isAssumedPod(assumed.pod), true);
    assert.equal(cache.nodeInfo('n')!.requested.milliCPU, 1000);
    assert.throws(() => cache.assumePod(assumed), CacheError);
    // The informer sees the bound pod.
    const bound = { ...assumed.pod, metadata: { ...assumed.pod.metadata, resourceVersion: '5', labels: { l: '1' } } };
    cache.addPod(bound);
    assert.equal(cache.isAssumedPod(bound), false);
    assert.deepEqual(cache.nodeInfo('n')!.pods[0]!.pod.metadata.labels, { l: '1' });
    assert.equal(cache.nodeInfo('n')!.requested.milliCPU, 1000);
    cache.updatePod(bound, { ...bound, metadata: { ...bound.metadata, resourceVersion: '6' } });
    assert.equal(cache.nodeInfo('n')!.pods.length, 1);
    cache.removePod(bound);
    assert.equal(cache.nodeInfo('n')!.pods.length, 0);
    assert.equal(cache.nodeInfo('n')!.requested.milliCPU, 0);
  });

  test('a forgotten assumed pod releases its resources at once', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('n').build());
    const assumed = makePod('p').req({ cpu: '2' }).hostPort(80).info().withNodeName('n');
    cache.assumePod(assumed);
    assert.equal(cache.nodeInfo('n')!.usedPorts.size, 1);
    cache.forgetPod(assumed);
    assert.equal(cache.nodeInfo('n')!.requested.milliCPU, 0);
    assert.equal(cache.nodeInfo('n')!.usedPorts.size, 0);
    assert.equal(cache.podCount(), 0);
  });

  test('a confirmed pod cannot be forgotten; an assumed one cannot be updated', () => {
    const cache = new SchedulerCache();
    const pod = makePod('p').nodeName('n').build();
    cache.addPod(pod);
    assert.throws(() => cache.forgetPod(new PodInfo(pod)), /only assumed pod can be forgotten/);
    const other = makePod('q').info().withNodeName('n');
    cache.assumePod(other);
    assert.throws(() => cache.updatePod(other.pod, other.pod), /assumed pod .* should not be updated/);
  });

  test('assumed pods expire only after their binding finished and the TTL passed', () => {
    const clock = new FakeClock();
    const cache = new SchedulerCache({ clock, assumedPodTtlMs: 30_000 });
    cache.addNode(makeNode('n').build());
    const a = makePod('a').info().withNodeName('n');
    const b = makePod('b').info().withNodeName('n');
    cache.assumePod(a);
    cache.assumePod(b);
    cache.finishBinding(a);
    assert.deepEqual(cache.cleanupAssumedPods(clock.now() + 29_999), []);
    assert.deepEqual(
      cache.cleanupAssumedPods(clock.now() + 30_000).map((p) => p.name),
      ['a'],
    );
    assert.equal(cache.podCount(), 1);
    // A pod that expired but shows up later is added back.
    cache.addPod(a.pod);
    assert.equal(cache.podCount(), 2);
  });

  test('with the default TTL (0, as Kubernetes 1.32) nothing expires', () => {
    const cache = new SchedulerCache();
    const a = makePod('a').info().withNodeName('n');
    cache.assumePod(a);
    cache.finishBinding(a);
    assert.deepEqual(cache.cleanupAssumedPods(Date.now() + 3_600_000), []);
  });

  test('pods on a node not seen yet wait on a placeholder that snapshots leave out', () => {
    const cache = new SchedulerCache();
    cache.addPod(makePod('p').req({ cpu: '1' }).nodeName('late').build());
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.numNodes(), 0);
    cache.addNode(makeNode('late').build());
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.numNodes(), 1);
    assert.equal(snapshot.get('late')!.requested.milliCPU, 1000);
  });

  test('a node removed while pods remain stays counted until they leave', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('n').build());
    const pod = makePod('p').nodeName('n').build();
    cache.addPod(pod);
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    cache.removeNode(makeNode('n').build());
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.numNodes(), 0);
    assert.equal(cache.nodeCount(), 0);
    assert.ok(cache.nodeInfo('n'));
    cache.removePod(pod);
    assert.equal(cache.nodeInfo('n'), undefined);
  });
});

describe('SchedulerCache snapshots', () => {
  test('copies only what changed since the last snapshot, into the same objects', () => {
    const cache = new SchedulerCache();
    for (const n of ['a', 'b', 'c']) cache.addNode(makeNode(n).build());
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    const list = snapshot.nodeInfoList;
    const b = snapshot.get('b')!;
    const genA = snapshot.get('a')!.generation;
    cache.assumePod(makePod('p').req({ cpu: '1' }).info().withNodeName('b'));
    // The cache changed, the snapshot did not yet.
    assert.equal(b.requested.milliCPU, 0);
    cache.updateSnapshot(snapshot);
    assert.equal(snapshot.nodeInfoList, list, 'the list is not rebuilt when no node came or went');
    assert.equal(snapshot.get('b'), b, 'the same NodeInfo object, refreshed');
    assert.equal(b.requested.milliCPU, 1000);
    assert.equal(snapshot.get('a')!.generation, genA, 'untouched nodes are not copied');
    // The snapshot owns its copy: later cache changes do not leak into it.
    cache.assumePod(makePod('q').req({ cpu: '1' }).info().withNodeName('b'));
    assert.equal(b.requested.milliCPU, 1000);
  });

  test('node add and remove rebuild the lists; affinity lists follow their pods', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a').build());
    const snapshot = new Snapshot();
    cache.updateSnapshot(snapshot);
    cache.addNode(makeNode('b').build());
    cache.updateSnapshot(snapshot);
    assert.deepEqual(snapshot.list().map((n) => n.name).sort(), ['a', 'b']);
    const withAffinity = makePod('x').build();
    withAffinity.spec!.affinity = { podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ topologyKey: 'kubernetes.io/hostname' }] } };
    cache.addPod({ ...withAffinity, spec: { ...withAffinity.spec!, nodeName: 'b' } });
    cache.updateSnapshot(snapshot);
    assert.deepEqual(snapshot.havePodsWithAffinityList().map((n) => n.name), ['b']);
    assert.deepEqual(snapshot.havePodsWithRequiredAntiAffinityList().map((n) => n.name), ['b']);
    cache.removeNode(makeNode('a').build());
    cache.updateSnapshot(snapshot);
    assert.deepEqual(snapshot.list().map((n) => n.name), ['b']);
  });

  test('images are counted across nodes', () => {
    const cache = new SchedulerCache();
    cache.addNode(makeNode('a').images({ names: ['img:1'], sizeBytes: 100 }).build());
    cache.addNode(makeNode('b').images({ names: ['img:1', 'alias:1'], sizeBytes: 100 }).build());
    assert.equal(cache.nodeInfo('a')!.imageStates.get('img:1')!.numNodes, 2);
    cache.updateNode(makeNode('b').images({ names: ['img:1'], sizeBytes: 100 }).build(), makeNode('b').build());
    assert.equal(cache.nodeInfo('a')!.imageStates.get('img:1')!.numNodes, 1);
  });
});

describe('NodeTree', () => {
  test('lists nodes round robin across zones', () => {
    const t = new NodeTree();
    const zone = (name: string, z: string) => makeNode(name).labels({ 'topology.kubernetes.io/zone': z }).build();
    for (const n of [zone('a1', 'a'), zone('a2', 'a'), zone('a3', 'a'), zone('b1', 'b'), zone('c1', 'c'), zone('c2', 'c')]) t.addNode(n);
    assert.deepEqual(t.list(), ['a1', 'b1', 'c1', 'a2', 'c2', 'a3']);
    t.removeNode(zone('b1', 'b'));
    t.updateNode(undefined, zone('a3', 'c'));
    assert.deepEqual(t.list(), ['a1', 'c1', 'a2', 'c2', 'a3']);
    assert.equal(t.numNodes, 5);
  });
});
