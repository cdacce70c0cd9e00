import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, Pod } from '../../../api/types/core-v1.js';
import { ActionType, EVENTS, eventMatches, QueueingHint } from '../../framework/events.js';
import type { Handle, NodeInfoLister } from '../../framework/interface.js';
import { Names } from '../names.js';
import { newPodTopologySpread, PodTopologySpread } from './pod-topology-spread.js';
import { constraint, exists, node, nodeInfos, onNode, pod } from './test-helpers.js';

const Q = QueueingHint.Queue;
const SKIP = QueueingHint.QueueSkip;

describe('PodTopologySpread eventsToRegister', () => {
  const events = new PodTopologySpread().eventsToRegister();

  test('pods and nodes, with hints', () => {
    assert.equal(events.length, 2);
    for (const e of events) assert.equal(typeof e.hint, 'function');
    const node = events.find((e) => e.event.resource === 'Node')!;
    assert.equal(node.event.actionType, ActionType.Add | ActionType.Delete | ActionType.UpdateNodeLabel | ActionType.UpdateNodeTaint);
  });

  test("the scheduler's assigned-pod and node events reach the hints", () => {
    const matched = (label: string, e: { resource: 'Pod' | 'Node' | '*'; actionType: number }): boolean => events.some((r) => eventMatches(r.event, { ...e, label }));
    assert.ok(matched('add', EVENTS.AssignedPodAdd));
    assert.ok(matched('relabel', { resource: 'Pod', actionType: ActionType.UpdatePodLabel }));
    assert.ok(!matched('status write', { resource: 'Pod', actionType: ActionType.UpdatePodOther }));
    assert.ok(matched('delete', EVENTS.AssignedPodDelete));
    assert.ok(matched('node add', EVENTS.NodeAdd));
    assert.ok(matched('node delete', EVENTS.NodeDelete));
    assert.ok(matched('labels', { resource: 'Node', actionType: ActionType.UpdateNodeLabel }));
    assert.ok(matched('taints', { resource: 'Node', actionType: ActionType.UpdateNodeTaint }));
    assert.ok(!matched('allocatable', { resource: 'Node', actionType: ActionType.UpdateNodeAllocatable }));
  });
});

describe('PodTopologySpread pod change hint', () => {
  const pl = new PodTopologySpread();
  const target = pod('p', { labels: { foo: '' }, constraints: [constraint(1, 'zone', 'DoNotSchedule', exists('foo'), { nodeTaintsPolicy: 'Honor' })] });
  const relabel = (p: Pod, labels: Record<string, string>): Pod => ({ ...p, metadata: { ...p.metadata, labels } });
  const assigned = onNode('a', 'node-a', { foo: '' });
  const cases: { name: string; old?: Pod; new?: Pod; pod?: Pod; want: QueueingHint }[] = [
    { name: 'a matching assigned pod added', new: assigned, want: Q },
    { name: 'a non-matching assigned pod added', new: onNode('b', 'node-a', { bar: '' }), want: SKIP },
    { name: 'an unassigned pod added', new: pod('u', { labels: { foo: '' } }), want: SKIP },
    { name: 'an assigned pod of another namespace', new: onNode('o', 'node-a', { foo: '' }, { namespace: 'other' }), want: SKIP },
    { name: 'a matching assigned pod deleted', old: assigned, want: Q },
    { name: 'a non-matching assigned pod deleted', old: onNode('b', 'node-a', { bar: '' }), want: SKIP },
    { name: 'an update that stops it matching', old: assigned, new: relabel(assigned, { bar: '' }), want: Q },
    { name: 'an update that makes it match', old: relabel(assigned, { bar: '' }), new: assigned, want: Q },
    { name: 'a label update that changes no match', old: assigned, new: relabel(assigned, { foo: '', x: 'y' }), want: SKIP },
    { name: 'an update without label changes', old: assigned, new: { ...assigned, status: { phase: 'Running' } }, want: SKIP },
    {
      name: 'the pod itself tolerating more, with nodeTaintsPolicy Honor',
      old: target,
      new: { ...target, spec: { ...target.spec!, tolerations: [{ operator: 'Exists' }] } },
      want: Q,
    },
    { name: 'a pod with no hard constraints is never woken by pods', new: assigned, pod: pod('q', { labels: { foo: '' } }), want: SKIP },
  ];
  for (const c of cases) test(c.name, () => assert.equal(pl.podChangeHint(c.pod ?? target, c.old, c.new), c.want));
});

describe('PodTopologySpread node change hint', () => {
  const pl = new PodTopologySpread();
  const target = pod('p', { labels: { foo: '' }, constraints: [constraint(1, 'zone', 'DoNotSchedule'), constraint(1, 'node', 'DoNotSchedule')] });
  const full = node('n', { zone: 'z1', node: 'n' });
  const cases: { name: string; old?: Node; new?: Node; want: QueueingHint }[] = [
    { name: 'a node with every key added', new: full, want: Q },
    { name: 'a node missing a key added', new: node('n', { zone: 'z1' }), want: SKIP },
    { name: 'a node with every key deleted', old: full, want: Q },
    { name: 'a node missing a key deleted', old: node('n', { node: 'n' }), want: SKIP },
    { name: 'a node gaining the last key', old: node('n', { zone: 'z1' }), new: full, want: Q },
    { name: 'a node losing a key', old: full, new: node('n', { zone: 'z1' }), want: Q },
    { name: 'a node moving to another zone', old: full, new: node('n', { zone: 'z2', node: 'n' }), want: Q },
    { name: 'an unrelated label change', old: full, new: node('n', { zone: 'z1', node: 'n', other: 'x' }), want: SKIP },
    { name: 'a taint change on a matching node', old: full, new: node('n', { zone: 'z1', node: 'n' }, [{ key: 'k', effect: 'NoSchedule' }]), want: Q },
    { name: 'a taint change on a node missing a key', old: node('n', { zone: 'z1' }), new: node('n', { zone: 'z1' }, [{ key: 'k', effect: 'NoSchedule' }]), want: SKIP },
  ];
  for (const c of cases) test(c.name, () => assert.equal(pl.nodeChangeHint(target, c.old, c.new), c.want));

  test('hints answer Queue when the constraints cannot be parsed', () => {
    const bad = pod('p', { constraints: [constraint(1, 'zone', 'DoNotSchedule', { matchExpressions: [{ key: 'a', operator: 'Bogus' }] })] });
    assert.equal(pl.nodeChangeHint(bad, undefined, node('n', {})), Q);
    assert.equal(pl.podChangeHint(bad, undefined, onNode('a', 'n')), Q);
  });
});

describe('newPodTopologySpread', () => {
  const infos = nodeInfos([node('a', { zone: 'z1' }), node('b', { zone: 'z2' })], [onNode('x', 'a')]);
  const lister: NodeInfoLister = {
    list: () => infos,
    get: (name) => infos.find((n) => n.name === name),
    numNodes: () => infos.length,
    havePodsWithAffinityList: () => [],
    havePodsWithRequiredAntiAffinityList: () => [],
  };
  const handle = { snapshot: () => lister, informers: undefined } as unknown as Handle;

  test('made from a handle without informers: no default spreading, snapshot nodes counted', () => {
    const pl = newPodTopologySpread(undefined, handle);
    assert.equal(pl.name, Names.PodTopologySpread);
    assert.deepEqual(pl.constraints(pod('p', { labels: { foo: '' } }), 'ScheduleAnyway'), []);
  });

  test('rejects invalid args', () => {
    assert.throws(() => newPodTopologySpread({ defaultingType: 'Nope' }, handle), /defaultingType: Unsupported value/);
  });
});
