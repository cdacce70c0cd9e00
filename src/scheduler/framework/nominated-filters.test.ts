import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import { SchedulerCache } from '../cache/cache.js';
import { Snapshot } from '../cache/snapshot.js';
import { inTreeRegistry } from '../plugins/registry.js';
import { Nominator } from '../queue/nominator.js';
import { PodPlacer } from '../schedule-pod.js';
import { makeNode, makePod, type NodeWrapper } from '../testing/wrappers.js';
import { CycleState, stateKey, type Cloneable } from './cycle-state.js';
import { Framework } from './framework.js';
import type { FilterPlugin, PreFilterExtensions, PreFilterPlugin } from './interface.js';
import type { NodeInfo } from './node-info.js';
import { PodInfo } from './pod-info.js';
import { mergeProfile } from './profile.js';
import { Status } from './status.js';

/** PreFilter state counting the pods a what-if evaluation added. */
class Added implements Cloneable<Added> {
  constructor(public names: string[] = []) {}
  clone(): Added {
    return new Added([...this.names]);
  }
}
const addedKey = stateKey<Added>('PreFilterCounter');

/** A PreFilter plugin whose state follows what-if additions, and a filter needing a
 *  "friend" pod on the node (an affinity that holds only while a nominated pod counts). */
function testPlugins(seen: string[][]): { counter: PreFilterPlugin & FilterPlugin; friend: FilterPlugin } {
  const ext: PreFilterExtensions = {
    addPod: (state, _pod, added) => {
      state.read(addedKey)!.names.push(added.name);
      return null;
    },
    removePod: (state, _pod, removed) => {
      const a = state.read(addedKey)!;
      a.names = a.names.filter((n) => n !== removed.name);
      return null;
    },
  };
  const counter: PreFilterPlugin & FilterPlugin = {
    name: 'Counter',
    preFilter: (state) => (state.write(addedKey, new Added()), null),
    preFilterExtensions: () => ext,
    filter: (state) => (seen.push([...state.read(addedKey)!.names]), null),
  };
  const friend: FilterPlugin = {
    name: 'NeedsFriend',
    filter: (_s, pod, ni: NodeInfo) =>
      pod.pod.metadata.labels?.['wants'] !== 'friend' || ni.pods.some((p) => p.pod.metadata.labels?.['friend'] === 'yes') ? null : Status.unschedulable('no friend here'),
  };
  return { counter, friend };
}

function setup(nodes: NodeWrapper[]): { fwk: Framework; nominator: Nominator; snapshot: Snapshot; cache: SchedulerCache; seen: string[][] } {
  const cache = new SchedulerCache();
  for (const n of nodes) cache.addNode(n.build());
  const snapshot = new Snapshot();
  cache.updateSnapshot(snapshot);
  const seen: string[][] = [];
  const { counter, friend } = testPlugins(seen);
  const registry = inTreeRegistry();
  registry.set('Counter', () => counter);
  registry.set('NeedsFriend', () => friend);
  const nominator = new Nominator();
  const profile = mergeProfile({ schedulerName: 'default-scheduler', plugins: { multiPoint: { enabled: [{ name: 'Counter' }, { name: 'NeedsFriend' }] } } });
  const fwk = new Framework({ profile, registry, client: {} as Client, recorder: {} as EventRecorder, snapshot: () => snapshot, nominator });
  return { fwk, nominator, snapshot, cache, seen };
}

function preFiltered(fwk: Framework, pod: PodInfo, snapshot: Snapshot): CycleState {
  const state = fwk.newCycleState();
  const r = fwk.runPreFilterPlugins(state, pod, snapshot.list());
  assert.equal(r.status, null);
  return state;
}

function nominate(nominator: Nominator, pod: PodInfo, node: string): void {
  nominator.addNominatedPod(pod, { mode: 'override', nominatedNodeName: node });
}

describe('filters with nominated pods', () => {
  test('nominated pods of the same or higher priority take their room; lower ones and the pod itself do not', () => {
    const { fwk, nominator, snapshot, cache } = setup([makeNode('n1').capacity({ cpu: '2', memory: '4Gi', pods: '110' })]);
    cache.addPod(makePod('running').req({ cpu: '1' }).nodeName('n1').build());
    cache.updateSnapshot(snapshot);
    const node = snapshot.get('n1')!;
    const preemptor = makePod('preemptor').priority(100).req({ cpu: '1' }).info();
    nominate(nominator, preemptor, 'n1');

    const check = (pod: PodInfo): string | null => fwk.runFilterPluginsWithNominatedPods(preFiltered(fwk, pod, snapshot), pod, node)?.message() ?? null;
    assert.equal(check(makePod('lower').priority(10).req({ cpu: '1' }).info()), 'Insufficient cpu');
    assert.equal(check(makePod('equal').priority(100).req({ cpu: '1' }).info()), 'Insufficient cpu');
    assert.equal(check(makePod('higher').priority(1000).req({ cpu: '1' }).info()), null);
    assert.equal(check(preemptor), null, 'a pod never yields to its own nomination');
    // The snapshot's NodeInfo was never touched.
    assert.deepEqual(
      node.pods.map((p) => p.name),
      ['running'],
    );
  });

  test('both passes must succeed: with the nominated pods (PreFilter state through addPod) and without', () => {
    const { fwk, nominator, snapshot, seen } = setup([makeNode('n1')]);
    nominate(nominator, makePod('friend').priority(100).labels({ friend: 'yes' }).info(), 'n1');
    const node = snapshot.get('n1')!;
    const pod = makePod('p').priority(1).labels({ wants: 'friend' }).info();
    const state = preFiltered(fwk, pod, snapshot);
    const s = fwk.runFilterPluginsWithNominatedPods(state, pod, node);
    // The friend counted in the first pass only: the pod must not depend on a pod that may
    // land elsewhere.
    assert.equal(s?.message(), 'no friend here');
    assert.equal(s?.plugin, 'NeedsFriend');
    assert.deepEqual(seen, [['friend'], []]);
    assert.deepEqual(state.read(addedKey)!.names, [], 'the cycle state stays as PreFilter left it');
  });

  test('a node nobody is nominated to is filtered once', () => {
    const { fwk, nominator, snapshot, seen } = setup([makeNode('n1'), makeNode('n2')]);
    nominate(nominator, makePod('elsewhere').priority(100).info(), 'n2');
    const pod = makePod('p').info();
    assert.equal(fwk.runFilterPluginsWithNominatedPods(preFiltered(fwk, pod, snapshot), pod, snapshot.get('n1')!), null);
    assert.deepEqual(seen, [[]]);
  });

  test('the placer keeps nominated room free and tries a nominated node first', () => {
    const { fwk, nominator, snapshot, cache } = setup([makeNode('a').capacity({ cpu: '2', memory: '4Gi', pods: '110' }), makeNode('b').capacity({ cpu: '2', memory: '4Gi', pods: '110' })]);
    cache.addPod(makePod('busy-b').req({ cpu: '1' }).nodeName('b').build());
    cache.updateSnapshot(snapshot);
    const placer = new PodPlacer({ random: () => 0 });
    // A nominated 2-CPU pod owns all of a: a 1-CPU pod goes to b, though a is emptier.
    const big = makePod('big').priority(100).req({ cpu: '2' }).info();
    nominate(nominator, big, 'a');
    const small = makePod('small').req({ cpu: '1' }).info();
    assert.equal(placer.schedulePod(fwk, fwk.newCycleState(), small, snapshot).suggestedHost, 'b');
    // A pod nominated to b goes there although a scores better (and is free for it).
    nominator.deleteNominatedPodIfExists(big.pod);
    const mine = makePod('mine').req({ cpu: '500m' }).build();
    mine.status = { nominatedNodeName: 'b' };
    const pi = new PodInfo(mine);
    const r = placer.schedulePod(fwk, fwk.newCycleState(), pi, snapshot);
    assert.equal(r.suggestedHost, 'b');
    assert.equal(r.evaluatedNodes, 1);
  });
});
