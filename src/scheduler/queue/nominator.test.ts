import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { FakeClock } from '../../client/workqueue/clock.js';
import { PodInfo } from '../framework/pod-info.js';
import { PrioritySort } from '../plugins/priority-sort/priority-sort.js';
import { makePod } from '../testing/wrappers.js';
import { CLEAR_NOMINATED_NODE, Nominator } from './nominator.js';
import { SchedulingQueue } from './scheduling-queue.js';

function nominatedTo(pod: Pod, node: string): Pod {
  return { ...pod, status: { ...pod.status, nominatedNodeName: node } };
}

const names = (list: readonly PodInfo[]): string[] => list.map((p) => p.name).sort();

describe('Nominator', () => {
  test('nominates from the status, or as told; one node per pod', () => {
    const n = new Nominator();
    const a = makePod('a').build();
    n.addNominatedPod(new PodInfo(nominatedTo(a, 'n1')));
    n.addNominatedPod(new PodInfo(makePod('plain').build()));
    assert.deepEqual(names(n.nominatedPodsForNode('n1')), ['a']);
    assert.equal(n.size, 1);
    // An override moves it: it never stays on the old node as well.
    n.addNominatedPod(new PodInfo(a), { mode: 'override', nominatedNodeName: 'n2' });
    assert.deepEqual(names(n.nominatedPodsForNode('n1')), []);
    assert.deepEqual(names(n.nominatedPodsForNode('n2')), ['a']);
    assert.equal(n.nominatedNodeOf(a), 'n2');
    n.addNominatedPod(new PodInfo(a), CLEAR_NOMINATED_NODE);
    assert.equal(n.size, 0);
    assert.equal(n.nominatedNodeOf(a), undefined);
  });

  test('an update without any nominatedNodeName keeps the in-memory nomination; a status change wins', () => {
    const n = new Nominator();
    const v1 = makePod('p').build();
    n.addNominatedPod(new PodInfo(v1), { mode: 'override', nominatedNodeName: 'n1' });
    // A label change arrives before our status write: the room stays reserved.
    const v2: Pod = { ...v1, metadata: { ...v1.metadata, labels: { x: 'y' } } };
    n.updateNominatedPod(v1, new PodInfo(v2));
    assert.deepEqual(names(n.nominatedPodsForNode('n1')), ['p']);
    assert.deepEqual(n.nominatedPodsForNode('n1')[0]!.pod.metadata.labels, { x: 'y' }, 'the new version is stored');
    // Our status write lands, later someone clears it: the nomination follows the status.
    const v3 = nominatedTo(v2, 'n1');
    n.updateNominatedPod(v2, new PodInfo(v3));
    assert.equal(n.nominatedNodeOf(v3), 'n1');
    n.updateNominatedPod(v3, new PodInfo(v2));
    assert.equal(n.size, 0);
  });

  test('pods the lister no longer has, or has bound, are not nominated', () => {
    const live = new Map<string, Pod>();
    const n = new Nominator({ podLister: (ns, name) => live.get(`${ns}/${name}`) });
    const gone = makePod('gone').build();
    n.addNominatedPod(new PodInfo(gone), { mode: 'override', nominatedNodeName: 'n1' });
    const bound = makePod('bound').build();
    live.set('default/bound', { ...bound, spec: { ...bound.spec!, nodeName: 'n2' } });
    n.addNominatedPod(new PodInfo(bound), { mode: 'override', nominatedNodeName: 'n1' });
    const pending = makePod('pending').build();
    live.set('default/pending', pending);
    n.addNominatedPod(new PodInfo(pending), { mode: 'override', nominatedNodeName: 'n1' });
    assert.deepEqual(names(n.nominatedPodsForNode('n1')), ['pending']);
  });

  test('delete forgets the pod and drops empty nodes', () => {
    const n = new Nominator();
    const a = nominatedTo(makePod('a').build(), 'n1');
    const b = nominatedTo(makePod('b').build(), 'n1');
    n.addNominatedPod(new PodInfo(a));
    n.addNominatedPod(new PodInfo(b));
    n.deleteNominatedPodIfExists(a);
    assert.deepEqual(names(n.nominatedPodsForNode('n1')), ['b']);
    n.deleteNominatedPodIfExists(b);
    n.deleteNominatedPodIfExists(b);
    assert.equal(n.size, 0);
    assert.deepEqual(n.nominatedPodsForNode('n1'), []);
  });
});

describe('SchedulingQueue keeps its nominator in step', () => {
  function queue(): SchedulingQueue {
    const sort = new PrioritySort();
    return new SchedulingQueue({ clock: new FakeClock(), less: (a, b) => sort.less(a, b) });
  }

  test('added with a nominatedNodeName, updated, deleted', () => {
    const q = queue();
    const p = nominatedTo(makePod('p').priority(10).build(), 'n1');
    q.add(p);
    assert.deepEqual(names(q.nominatedPodsForNode('n1')), ['p']);
    // Wherever the pod waits, updates move the nomination along.
    const p2 = nominatedTo(p, 'n2');
    q.update(p, p2);
    assert.deepEqual(names(q.nominatedPodsForNode('n1')), []);
    assert.deepEqual(names(q.nominatedPodsForNode('n2')), ['p']);
    const popped = q.pop()!;
    popped.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(popped, popped.popCycle);
    q.update(p2, p);
    assert.deepEqual(names(q.nominatedPodsForNode('n1')), ['p'], 'parked pods too');
    // A pod turning bound reaches the queue as a delete.
    q.delete(p);
    assert.equal(q.nominator.size, 0);
  });

  test('the scheduler nominates through the queue; a pod update keeps it until the status says otherwise', () => {
    const q = queue();
    const p = makePod('p').build();
    q.add(p);
    const qpi = q.pop()!;
    qpi.unschedulablePlugins = new Set(['NodeResourcesFit']);
    q.addUnschedulableIfNotPresent(qpi, qpi.popCycle);
    q.addNominatedPod(qpi.podInfo, { mode: 'override', nominatedNodeName: 'n1' });
    const relabelled: Pod = { ...p, metadata: { ...p.metadata, labels: { a: 'b' }, resourceVersion: '2' } };
    q.update(p, relabelled);
    assert.equal(q.nominator.nominatedNodeOf(p), 'n1');
    q.deleteNominatedPodIfExists(p);
    assert.equal(q.nominator.size, 0);
  });
});
