import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { FakeClock } from '../../client/workqueue/clock.js';
import { ActionType, EVENTS, QueueingHint, type ClusterEvent } from '../framework/events.js';
import type { QueuedPodInfo } from '../framework/pod-info.js';
import { Status } from '../framework/status.js';
import { PrioritySort } from '../plugins/priority-sort/priority-sort.js';
import { makeNode, makePod } from '../testing/wrappers.js';
import { SchedulingQueue, type QueueingHintEntry } from './scheduling-queue.js';

const NODE_ADD: ClusterEvent = EVENTS.NodeAdd;

function newQueue(clock: FakeClock, hints: QueueingHintEntry[] = []): SchedulingQueue {
  const sort = new PrioritySort();
  return new SchedulingQueue({
    clock,
    less: (a, b) => sort.less(a, b),
    preEnqueue: (pi) => ((pi.pod.spec?.schedulingGates ?? []).length > 0 ? Status.unresolvable('gated').withPlugin('SchedulingGates') : null),
    queueingHints: () => hints,
  });
}

/** Pops, fails with the given rejecting plugins, and hands the pod back. */
function failOnce(q: SchedulingQueue, plugins: string[]): QueuedPodInfo {
  const p = q.pop()!;
  p.unschedulablePlugins = new Set(plugins);
  q.addUnschedulableIfNotPresent(p, p.popCycle);
  return p;
}

const names = (q: SchedulingQueue): string[] => {
  const out: string[] = [];
  for (let p = q.pop(); p; p = q.pop()) out.push(p.pod.metadata.name!);
  return out;
};

describe('SchedulingQueue', () => {
  test('pops by priority, then by arrival', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod('low').priority(1).build());
    await clock.advance(1);
    q.add(makePod('high').priority(100).build());
    await clock.advance(1);
    q.add(makePod('low2').priority(1).build());
    q.add(makePod('mid').priority(50).build());
    assert.deepEqual(names(q), ['high', 'mid', 'low', 'low2']);
  });

  test('a pod failed without rejecting plugins (an error) backs off 1 s, then 2 s, ... up to 10 s', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod('p').build());
    const waits: number[] = [];
    for (let attempt = 1; attempt <= 6; attempt++) {
      failOnce(q, []);
      assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 1, unschedulable: 0 });
      let waited = 0;
      while (q.activeCount === 0) {
        await clock.advance(100);
        q.flushBackoffQCompleted();
        waited += 100;
      }
      waits.push(waited);
    }
    assert.deepEqual(waits, [1000, 2000, 4000, 8000, 10000, 10000]);
  });

  test('a rejected pod is parked until an event its rejecting plugin registered says Queue', async () => {
    const clock = new FakeClock();
    const hints: QueueingHintEntry[] = [
      {
        plugin: 'NodeResourcesFit',
        event: { resource: 'Node', actionType: ActionType.Add },
        hint: (_pod, _old, node) => ((node as { metadata: { name: string } }).metadata.name === 'big' ? QueueingHint.Queue : QueueingHint.QueueSkip),
      },
      { plugin: 'TaintToleration', event: { resource: 'Node', actionType: ActionType.UpdateNodeTaint } },
    ];
    const q = newQueue(clock, hints);
    q.add(makePod('p').build());
    failOnce(q, ['NodeResourcesFit']);
    assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 0, unschedulable: 1 });
    // An event for another plugin, and one the hint declines: nothing moves.
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actionType: ActionType.UpdateNodeTaint, label: 'taint' });
    q.moveAllToActiveOrBackoffQueue(NODE_ADD, undefined, makeNode('small').build());
    assert.equal(q.pendingCounts().unschedulable, 1);
    // Worth a retry, but still backing off: backoffQ.
    q.moveAllToActiveOrBackoffQueue(NODE_ADD, undefined, makeNode('big').build());
    assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 1, unschedulable: 0 });
    await clock.advance(1000);
    q.flushBackoffQCompleted();
    assert.deepEqual(names(q), ['p']);
  });

  test('after its backoff, a parked pod goes straight to activeQ on a matching event', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock, [{ plugin: 'NodeResourcesFit', event: { resource: 'Node', actionType: ActionType.Add } }]);
    q.add(makePod('p').build());
    failOnce(q, ['NodeResourcesFit']);
    await clock.advance(5000);
    q.moveAllToActiveOrBackoffQueue(NODE_ADD, undefined, makeNode('n').build());
    assert.equal(q.activeCount, 1);
  });

  test('an update narrower than the registration matches (Update covers UpdateNodeLabel), not the reverse', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock, [{ plugin: 'A', event: { resource: 'Node', actionType: ActionType.Update } }, { plugin: 'B', event: { resource: 'Node', actionType: ActionType.UpdateNodeLabel } }]);
    q.add(makePod('a').build());
    q.add(makePod('b').build());
    const pa = q.pop()!;
    const pb = q.pop()!;
    pa.unschedulablePlugins = new Set(['A']);
    pb.unschedulablePlugins = new Set([pb.pod.metadata.name === 'b' ? 'B' : 'A']);
    q.addUnschedulableIfNotPresent(pa, pa.popCycle);
    q.addUnschedulableIfNotPresent(pb, pb.popCycle);
    await clock.advance(5000);
    q.moveAllToActiveOrBackoffQueue({ resource: 'Node', actionType: ActionType.UpdateNodeTaint, label: 'taint' });
    assert.deepEqual(names(q), ['a']);
  });

  test('parked pods are retried after 5 minutes without any event', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod('p').build());
    failOnce(q, ['NodeAffinity']);
    await clock.advance(5 * 60_000);
    q.flushUnschedulablePodsLeftover();
    assert.equal(q.activeCount, 0);
    await clock.advance(1);
    q.flushUnschedulablePodsLeftover();
    assert.equal(q.activeCount, 1);
  });

  test('run() flushes on its own timers', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    const stop = new AbortController();
    q.run(stop.signal);
    q.add(makePod('p').build());
    failOnce(q, []);
    await clock.advance(1000);
    assert.equal(q.activeCount, 1);
    q.pop();
    q.addUnschedulableIfNotPresent(q.newQueuedPodInfo(makePod('parked').build()), 0);
    stop.abort();
  });

  test('an event while the pod was being scheduled sends it to backoffQ instead of parking it', () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    q.add(makePod('p').build());
    const p = q.pop()!;
    q.moveAllToActiveOrBackoffQueue(NODE_ADD, undefined, makeNode('n').build());
    p.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(p, p.popCycle);
    assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 1, unschedulable: 0 });
  });

  test('updates: a parked pod whose spec changed is retried; a status-only update is not', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    const pod = makePod('p').build();
    q.add(pod);
    failOnce(q, ['NodeAffinity']);
    const statusOnly: Pod = { ...pod, metadata: { ...pod.metadata, resourceVersion: '2' }, status: { conditions: [{ type: 'PodScheduled', status: 'False' }] } };
    q.update(pod, statusOnly);
    assert.equal(q.pendingCounts().unschedulable, 1);
    await clock.advance(2000);
    const labelled: Pod = { ...statusOnly, metadata: { ...statusOnly.metadata, labels: { a: 'b' } } };
    q.update(statusOnly, labelled);
    assert.equal(q.activeCount, 1);
    assert.deepEqual(q.pop()!.pod.metadata.labels, { a: 'b' });
  });

  test('a queued pod is updated in place; a deleted one leaves', () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    const a = makePod('a').build();
    q.add(a);
    q.add(makePod('b').build());
    q.update(a, { ...a, spec: { ...a.spec!, priority: 1000 } });
    q.delete(makePod('b').uid(a.metadata.uid!).build());
    assert.equal(q.activeCount, 1);
    q.add(makePod('c').build());
    assert.equal(q.pop()!.podInfo.priority, 0);
  });

  test('gated pods wait for the update that removes their gates, whatever else happens', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock, [{ plugin: 'SchedulingGates', event: { resource: '*', actionType: ActionType.All } }]);
    const gated = makePod('g').schedulingGates('wait').build();
    q.add(gated);
    assert.deepEqual(q.pendingCounts(), { active: 0, backoff: 0, unschedulable: 1 });
    q.moveAllToActiveOrBackoffQueue(NODE_ADD, undefined, makeNode('n').build());
    await clock.advance(6 * 60_000);
    q.flushUnschedulablePodsLeftover();
    assert.equal(q.activeCount, 0);
    q.update(gated, { ...gated, spec: { ...gated.spec!, schedulingGates: [] } });
    assert.equal(q.activeCount, 1);
  });

  test('waitForPods resolves when a pod arrives', async () => {
    const clock = new FakeClock();
    const q = newQueue(clock);
    let woke = false;
    const w = q.waitForPods().then(() => (woke = true));
    await clock.tick();
    assert.equal(woke, false);
    q.add(makePod('p').build());
    await w;
    assert.equal(woke, true);
  });
});

describe('SchedulingQueue: updates of bound pods', () => {
  test('a status write wakes only pods of plugins that registered every pod update; a relabel wakes label watchers', async () => {
    const clock = new FakeClock();
    const hints: QueueingHintEntry[] = [
      { plugin: 'Labels', event: { resource: 'Pod', actionType: ActionType.Add | ActionType.UpdatePodLabel | ActionType.Delete } },
      { plugin: 'AnyUpdate', event: { resource: 'Pod', actionType: ActionType.Update } },
    ];
    const q = newQueue(clock, hints);
    const spread = { topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule' as const, labelSelector: {} }] };
    q.add({ ...makePod('a').build(), spec: { ...makePod('a').build().spec!, ...spread } });
    failOnce(q, ['PodTopologySpread', 'Labels']);
    const bound = makePod('b').nodeName('n1').labels({ app: 'x' }).build();
    const statusOnly = { ...bound, status: { phase: 'Running' } };
    q.assignedPodUpdated(bound, statusOnly);
    assert.equal(q.pendingCounts().unschedulable, 1, 'a status write moves nothing');
    q.assignedPodUpdated(statusOnly, { ...statusOnly, metadata: { ...statusOnly.metadata, labels: { app: 'y' } } });
    assert.equal(q.pendingCounts().unschedulable, 0, 'a relabel moves it');
  });
});
