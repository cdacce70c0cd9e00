import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core-v1.js';
import type { StorageClass } from '../../../api/types/storage-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { makeNode } from '../../testing/wrappers.js';
import { resolveArgs } from './args.js';
import { ERR_REASON_BIND_CONFLICT, ERR_REASON_NODE_CONFLICT, ERR_REASON_PV_NOT_EXIST } from './binder.js';
import { storageFromLists } from './storage.js';
import { claim, ephemeralVolume, IMMEDIATE, podWithClaims, storageClass, volume, WAIT } from './test-helpers.js';
import { claimChangeHint, ERR_REASON_UNBOUND_IMMEDIATE, storageClassChangeHint, VolumeBinding } from './volume-binding.js';

const NODES: Node[] = [
  makeNode('node-a').labels({ 'topology.kubernetes.io/zone': 'zone-a' }).build(),
  makeNode('node-b').labels({ 'topology.kubernetes.io/zone': 'zone-b' }).build(),
];

interface Case {
  name: string;
  pod: Pod;
  claims?: PersistentVolumeClaim[];
  volumes?: PersistentVolume[];
  classes?: StorageClass[];
  /** 'Skip', or the PreFilter rejection/error: [code, message]. Absent: success. */
  preFilter?: 'Skip' | [string, string];
  /** Per node: the Filter's reasons (all UnschedulableAndUnresolvable), or null to pass. */
  filter?: Record<string, string[] | null>;
  /** Per node that passes: the volumes chosen and the claims to provision there. */
  plan?: Record<string, { static: string[]; provision: string[] }>;
}

const wffc = storageClass('wait', WAIT);
const wffcProvisioned = storageClass('wait-dyn', WAIT, 'example.com/csi');
const wffcZoneA = storageClass('wait-zone-a', WAIT, 'example.com/csi', ['zone-a']);
const immediate = storageClass('now', IMMEDIATE, 'example.com/csi');
const noMode = storageClass('broken', undefined);
const bothPass = { 'node-a': null, 'node-b': null };

const cases: Case[] = [
  { name: 'a pod without claims skips', pod: podWithClaims('p', []), preFilter: 'Skip' },
  { name: 'a pod with only an emptyDir skips', pod: podWithClaims('p', [], [{ name: 'scratch', emptyDir: {} }]), preFilter: 'Skip' },
  {
    name: 'bound claims whose volumes have no node affinity fit everywhere',
    pod: podWithClaims('p', ['pvc-a', 'pvc-b']),
    claims: [claim('pvc-a', { volumeName: 'pv-a' }), claim('pvc-b', { volumeName: 'pv-b' })],
    volumes: [volume('pv-a', { claimRef: { name: 'pvc-a' } }), volume('pv-b', { claimRef: { name: 'pvc-b' } })],
    filter: bothPass,
    plan: { 'node-a': { static: [], provision: [] } },
  },
  {
    name: 'a bound local volume pins the pod to its node',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { volumeName: 'pv-a' })],
    volumes: [volume('pv-a', { claimRef: { name: 'pvc-a' }, hosts: ['node-a'] })],
    filter: { 'node-a': null, 'node-b': [ERR_REASON_NODE_CONFLICT] },
  },
  {
    name: 'a missing claim',
    pod: podWithClaims('p', ['pvc-a']),
    preFilter: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "pvc-a" not found'],
  },
  {
    name: 'one of two claims missing',
    pod: podWithClaims('p', ['pvc-a', 'pvc-b']),
    claims: [claim('pvc-a', { volumeName: 'pv-a' })],
    volumes: [volume('pv-a')],
    preFilter: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "pvc-b" not found'],
  },
  {
    name: 'a claim of another namespace does not count',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { volumeName: 'pv-a', namespace: 'other' })],
    preFilter: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "pvc-a" not found'],
  },
  {
    name: 'a lost claim',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { volumeName: 'pv-a', phase: 'Lost' })],
    preFilter: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "pvc-a" bound to non-existent persistentvolume "pv-a"'],
  },
  {
    name: 'a claim being deleted',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { volumeName: 'pv-a', deleting: true })],
    preFilter: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "pvc-a" is being deleted'],
  },
  {
    name: 'an ephemeral volume whose claim is not made yet',
    pod: podWithClaims('p', [], [ephemeralVolume('scratch')]),
    preFilter: ['UnschedulableAndUnresolvable', 'waiting for ephemeral volume controller to create the persistentvolumeclaim "p-scratch"'],
  },
  {
    name: "an ephemeral volume's claim owned by someone else",
    pod: podWithClaims('p', [], [ephemeralVolume('scratch')]),
    claims: [claim('p-scratch', { volumeName: 'pv-a', ownerUid: 'uid-someone' })],
    preFilter: ['UnschedulableAndUnresolvable', 'PVC default/p-scratch was not created for pod default/p (pod is not owner)'],
  },
  {
    name: "an ephemeral volume's own bound claim",
    pod: podWithClaims('p', [], [ephemeralVolume('scratch')]),
    claims: [claim('p-scratch', { volumeName: 'pv-a', ownerUid: 'uid-p' })],
    volumes: [volume('pv-a', { hosts: ['node-b'] })],
    filter: { 'node-a': [ERR_REASON_NODE_CONFLICT], 'node-b': null },
  },
  {
    name: 'an unbound claim of an Immediate class waits for the PV controller',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'now' })],
    classes: [immediate],
    preFilter: ['UnschedulableAndUnresolvable', ERR_REASON_UNBOUND_IMMEDIATE],
  },
  {
    name: 'an unbound claim without a class is Immediate',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a')],
    preFilter: ['UnschedulableAndUnresolvable', ERR_REASON_UNBOUND_IMMEDIATE],
  },
  {
    name: 'an unbound claim of a class that does not exist is Immediate',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'gone' })],
    preFilter: ['UnschedulableAndUnresolvable', ERR_REASON_UNBOUND_IMMEDIATE],
  },
  {
    name: 'a claim naming its volume without bind-completed is pre-bound: Immediate',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait', volumeName: 'pv-a', bound: false })],
    volumes: [volume('pv-a', { className: 'wait' })],
    classes: [wffc],
    preFilter: ['UnschedulableAndUnresolvable', ERR_REASON_UNBOUND_IMMEDIATE],
  },
  {
    name: 'a class without a binding mode is an error',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'broken' })],
    classes: [noMode],
    preFilter: ['Error', 'VolumeBindingMode not set for StorageClass "broken"'],
  },
  {
    name: 'WaitForFirstConsumer without volumes or a provisioner fits nowhere',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait' })],
    classes: [wffc],
    filter: { 'node-a': [ERR_REASON_BIND_CONFLICT], 'node-b': [ERR_REASON_BIND_CONFLICT] },
  },
  {
    name: 'WaitForFirstConsumer with a local volume on one node',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait' })],
    volumes: [volume('pv-a', { className: 'wait', hosts: ['node-a'] })],
    classes: [wffc],
    filter: { 'node-a': null, 'node-b': [ERR_REASON_BIND_CONFLICT] },
    plan: { 'node-a': { static: ['pv-a'], provision: [] } },
  },
  {
    name: 'a bound claim whose volume is gone',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { volumeName: 'pv-gone' })],
    filter: { 'node-a': [ERR_REASON_PV_NOT_EXIST], 'node-b': [ERR_REASON_PV_NOT_EXIST] },
  },
  {
    name: 'bound and unbound claims both unsatisfied: both reasons, in 1.32 order',
    pod: podWithClaims('p', ['pvc-a', 'pvc-b']),
    claims: [claim('pvc-a', { volumeName: 'pv-a' }), claim('pvc-b', { className: 'wait' })],
    volumes: [volume('pv-a', { claimRef: { name: 'pvc-a' }, hosts: ['node-a'] })],
    classes: [wffc],
    filter: { 'node-a': [ERR_REASON_BIND_CONFLICT], 'node-b': [ERR_REASON_NODE_CONFLICT, ERR_REASON_BIND_CONFLICT] },
  },
  {
    name: 'a provisioner limited to zone-a by allowedTopologies',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait-zone-a' })],
    classes: [wffcZoneA],
    filter: { 'node-a': null, 'node-b': [ERR_REASON_BIND_CONFLICT] },
    plan: { 'node-a': { static: [], provision: ['pvc-a'] } },
  },
  {
    name: 'a provisioner without topologies provisions anywhere',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait-dyn' })],
    classes: [wffcProvisioned],
    filter: bothPass,
    plan: { 'node-b': { static: [], provision: ['pvc-a'] } },
  },
  {
    name: 'a claim whose provisioning selected node-a keeps the pod there',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait-dyn', selectedNode: 'node-a' })],
    classes: [wffcProvisioned],
    filter: { 'node-a': null, 'node-b': [ERR_REASON_BIND_CONFLICT] },
    plan: { 'node-a': { static: [], provision: ['pvc-a'] } },
  },
  {
    name: 'the smallest volume that fits is chosen',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait', request: '2Gi' })],
    volumes: [volume('pv-5g', { className: 'wait', capacity: '5Gi' }), volume('pv-1g', { className: 'wait', capacity: '1Gi' }), volume('pv-2g', { className: 'wait', capacity: '2Gi' })],
    classes: [wffc],
    filter: bothPass,
    plan: { 'node-a': { static: ['pv-2g'], provision: [] } },
  },
  {
    name: 'volumes of another class, access mode, volume mode, selector, phase or claim are not chosen',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait', accessModes: ['ReadWriteOnce'], selector: { matchLabels: { tier: 'fast' } } })],
    volumes: [
      volume('pv-class', { className: 'other', labels: { tier: 'fast' } }),
      volume('pv-mode', { className: 'wait', accessModes: ['ReadOnlyMany'], labels: { tier: 'fast' } }),
      volume('pv-block', { className: 'wait', volumeMode: 'Block', labels: { tier: 'fast' } }),
      volume('pv-slow', { className: 'wait', labels: { tier: 'slow' } }),
      volume('pv-released', { className: 'wait', phase: 'Released', labels: { tier: 'fast' } }),
      volume('pv-taken', { className: 'wait', claimRef: { name: 'someone-else' }, labels: { tier: 'fast' } }),
    ],
    classes: [wffc],
    filter: { 'node-a': [ERR_REASON_BIND_CONFLICT], 'node-b': [ERR_REASON_BIND_CONFLICT] },
  },
  {
    name: 'a volume pre-bound to the claim wins over a smaller one',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait' })],
    volumes: [volume('pv-small', { className: 'wait' }), volume('pv-mine', { className: 'wait', capacity: '10Gi', claimRef: { name: 'pvc-a' }, phase: 'Available' })],
    classes: [wffc],
    filter: bothPass,
    plan: { 'node-a': { static: ['pv-mine'], provision: [] } },
  },
  {
    name: 'a volume pre-bound to the claim but not usable from the node means no match there',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'wait' })],
    volumes: [volume('pv-any', { className: 'wait' }), volume('pv-mine', { className: 'wait', claimRef: { name: 'pvc-a' }, hosts: ['node-b'] })],
    classes: [wffc],
    filter: { 'node-a': [ERR_REASON_BIND_CONFLICT], 'node-b': null },
  },
  {
    name: 'two claims cannot share one volume',
    pod: podWithClaims('p', ['pvc-a', 'pvc-b']),
    claims: [claim('pvc-a', { className: 'wait' }), claim('pvc-b', { className: 'wait' })],
    volumes: [volume('pv-a', { className: 'wait' })],
    classes: [wffc],
    filter: { 'node-a': [ERR_REASON_BIND_CONFLICT], 'node-b': [ERR_REASON_BIND_CONFLICT] },
  },
  {
    name: 'a claim naming a VolumeAttributesClass never matches (gate off in 1.32)',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [{ ...claim('pvc-a', { className: 'wait' }), spec: { ...claim('pvc-a', { className: 'wait' }).spec, volumeAttributesClassName: 'gold' } }],
    volumes: [volume('pv-a', { className: 'wait' })],
    classes: [wffc],
    filter: { 'node-a': [ERR_REASON_BIND_CONFLICT], 'node-b': [ERR_REASON_BIND_CONFLICT] },
  },
];

function plugin(c: Pick<Case, 'claims' | 'volumes' | 'classes'>): VolumeBinding {
  return new VolumeBinding(undefined, { storage: storageFromLists({ claims: c.claims ?? [], volumes: c.volumes ?? [], classes: c.classes ?? [] }) });
}

function outcome(s: Status | null): [string, string] | null {
  return s === null ? null : [s.codeName(), s.message()];
}

describe('VolumeBinding PreFilter and Filter', () => {
  for (const c of cases) {
    test(c.name, () => {
      const pl = plugin(c);
      const state = new CycleState();
      const pod = new PodInfo(c.pod);
      const pre = pl.preFilter(state, pod);
      if (c.preFilter === 'Skip') {
        assert.equal(pre?.isSkip(), true);
        return;
      }
      assert.deepEqual(outcome(pre), c.preFilter ?? null);
      if (c.preFilter) return;
      for (const node of NODES) {
        const want = c.filter?.[node.metadata.name!];
        if (want === undefined) continue;
        const s = pl.filter(state, pod, new NodeInfo(node.metadata.name!, node));
        if (want === null) assert.equal(s, null, `${node.metadata.name}: ${s?.toString()}`);
        else {
          assert.equal(s?.codeName(), 'UnschedulableAndUnresolvable', node.metadata.name);
          assert.deepEqual(s?.reasons, want, node.metadata.name);
        }
      }
      for (const [name, want] of Object.entries(c.plan ?? {})) {
        const node = NODES.find((n) => n.metadata.name === name)!;
        const { podVolumes } = pl.binder.findPodVolumes(pl.binder.getPodVolumeClaims(c.pod), node);
        assert.deepEqual(
          { static: podVolumes.staticBindings.map((b) => b.pv.metadata.name), provision: podVolumes.dynamicProvisions.map((p) => p.metadata.name) },
          want,
        );
      }
    });
  }

  test('rejections of the same reasons share one Status', () => {
    const pl = plugin({ claims: [claim('pvc-a', { className: 'wait' })], classes: [wffc] });
    const state = new CycleState();
    const pod = new PodInfo(podWithClaims('p', ['pvc-a']));
    assert.equal(pl.preFilter(state, pod), null);
    const [a, b] = NODES.map((n) => pl.filter(state, pod, new NodeInfo(n.metadata.name!, n)));
    assert.ok(a !== null && a === b);
  });
});

describe('VolumeBinding args', () => {
  const cases: { name: string; args: unknown; want: number | RegExp }[] = [
    { name: 'absent: 600 s', args: undefined, want: 600 },
    { name: 'empty: 600 s', args: {}, want: 600 },
    { name: 'given', args: { bindTimeoutSeconds: 30 }, want: 30 },
    { name: 'zero is allowed', args: { bindTimeoutSeconds: 0 }, want: 0 },
    { name: 'negative', args: { bindTimeoutSeconds: -1 }, want: /bindTimeoutSeconds: Invalid value: -1: invalid BindTimeoutSeconds, should not be a negative value/ },
    { name: 'not an integer', args: { bindTimeoutSeconds: 1.5 }, want: /bindTimeoutSeconds: .*must be an integer/ },
    { name: 'shape needs the VolumeCapacityPriority gate', args: { shape: [{ utilization: 0, score: 0 }] }, want: /unexpected field `shape`, remove it or turn on the feature gate VolumeCapacityPriority/ },
    { name: 'not an object', args: 'fast', want: /want args to be of type VolumeBindingArgs/ },
  ];
  for (const c of cases) {
    test(c.name, () => {
      if (typeof c.want === 'number') assert.equal(resolveArgs(c.args).bindTimeoutSeconds, c.want);
      else assert.throws(() => new VolumeBinding(c.args as never), c.want);
    });
  }
});

describe('VolumeBinding queueing hints', () => {
  const pod = podWithClaims('p', ['pvc-a'], [ephemeralVolume('scratch')]);
  const cases: { name: string; hint: () => number; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'a claim the pod uses', hint: () => claimChangeHint(pod, claim('pvc-a')), want: 'Queue' },
    { name: "the pod's ephemeral claim", hint: () => claimChangeHint(pod, claim('p-scratch')), want: 'Queue' },
    { name: 'another claim', hint: () => claimChangeHint(pod, claim('pvc-z')), want: 'QueueSkip' },
    { name: 'a same-named claim of another namespace', hint: () => claimChangeHint(pod, claim('pvc-a', { namespace: 'other' })), want: 'QueueSkip' },
    { name: 'a new class', hint: () => storageClassChangeHint(pod, undefined, wffc), want: 'Queue' },
    { name: 'a class with new allowedTopologies', hint: () => storageClassChangeHint(pod, wffcProvisioned, { ...wffcProvisioned, allowedTopologies: wffcZoneA.allowedTopologies }), want: 'Queue' },
    { name: 'a class updated otherwise', hint: () => storageClassChangeHint(pod, wffc, { ...wffc, allowedTopologies: [], metadata: { name: 'wait', labels: { a: 'b' } } }), want: 'QueueSkip' },
  ];
  for (const c of cases) {
    test(c.name, () => assert.equal(c.hint(), c.want === 'Queue' ? 1 : 0));
  }

  test('registers claims, volumes, classes and node adds/label changes', () => {
    const events = plugin({}).eventsToRegister().map((e) => e.event.resource);
    assert.deepEqual(events, ['StorageClass', 'PersistentVolumeClaim', 'PersistentVolume', 'Node']);
  });
});
