import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import { makeNode, makePod } from '../../testing/wrappers.js';
import { storageFromLists } from '../volume-binding/storage.js';
import { claim, podWithClaims } from '../volume-binding/test-helpers.js';
import { claimAddedHint, ERR_REASON_DISK_CONFLICT, ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT, podDeletedHint, VolumeRestrictions } from './volume-restrictions.js';

function podWith(name: string, ...volumes: Volume[]): Pod {
  const pod = makePod(name).build();
  pod.spec!.volumes = volumes;
  return pod;
}

const gce = (pdName: string, readOnly = false): Volume => ({ name: `gce-${pdName}`, gcePersistentDisk: { pdName, readOnly } });
const ebs = (volumeID: string, readOnly = false): Volume => ({ name: `ebs-${volumeID}`, awsElasticBlockStore: { volumeID, readOnly } });
const iscsi = (iqn: string, readOnly = false): Volume => ({ name: `iscsi-${iqn}`, iscsi: { iqn, lun: 0, targetPortal: '127.0.0.1:3260', readOnly } });
const rbd = (monitors: string[], pool: string, image: string, readOnly = false): Volume => ({ name: `rbd-${image}`, rbd: { monitors, pool, image, readOnly } });

/** PreFilter then Filter on a node holding the existing pods: the status as [code, message]. */
function run(pod: Pod, existing: Pod[], claims: PersistentVolumeClaim[] = [], used: string[] = []): [string, string] | 'Skip' | null {
  const pl = new VolumeRestrictions({ storage: storageFromLists({ claims }), isPVCUsedByPods: (key) => used.includes(key) });
  const state = new CycleState();
  const pi = new PodInfo(pod);
  const pre = pl.preFilter(state, pi);
  if (pre?.isSkip()) return 'Skip';
  if (pre) return [pre.codeName(), pre.message()];
  const s = pl.filter(state, pi, makeNode('n').info(...existing));
  return s && [s.codeName(), s.message()];
}

const disk: [string, string] = ['Unschedulable', ERR_REASON_DISK_CONFLICT];
const rwop: [string, string] = ['Unschedulable', ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT];

describe('VolumeRestrictions: in-line disks', () => {
  const cases: { name: string; pod: Pod; existing: Pod[]; want: [string, string] | 'Skip' | null }[] = [
    { name: 'no volumes', pod: podWith('p'), existing: [podWith('e', gce('a'))], want: 'Skip' },
    { name: 'GCE PD: another disk', pod: podWith('p', gce('a')), existing: [podWith('e', gce('b'))], want: null },
    { name: 'GCE PD: the same disk', pod: podWith('p', gce('a')), existing: [podWith('e', gce('a'))], want: disk },
    { name: 'GCE PD: the same disk, one read-only', pod: podWith('p', gce('a', true)), existing: [podWith('e', gce('a'))], want: disk },
    { name: 'GCE PD: the same disk, both read-only', pod: podWith('p', gce('a', true)), existing: [podWith('e', gce('a', true))], want: null },
    { name: 'EBS: another volume', pod: podWith('p', ebs('vol-1')), existing: [podWith('e', ebs('vol-2'))], want: null },
    { name: 'EBS: the same volume, even read-only', pod: podWith('p', ebs('vol-1', true)), existing: [podWith('e', ebs('vol-1', true))], want: disk },
    { name: 'ISCSI: the same IQN', pod: podWith('p', iscsi('iqn.a')), existing: [podWith('e', iscsi('iqn.a'))], want: disk },
    { name: 'ISCSI: the same IQN, both read-only', pod: podWith('p', iscsi('iqn.a', true)), existing: [podWith('e', iscsi('iqn.a', true))], want: null },
    { name: 'ISCSI: another IQN', pod: podWith('p', iscsi('iqn.a')), existing: [podWith('e', iscsi('iqn.b'))], want: null },
    { name: 'RBD: same image and pool, a shared monitor', pod: podWith('p', rbd(['m1', 'm2'], 'rbd', 'img')), existing: [podWith('e', rbd(['m2', 'm3'], 'rbd', 'img'))], want: disk },
    { name: 'RBD: no shared monitor', pod: podWith('p', rbd(['m1'], 'rbd', 'img')), existing: [podWith('e', rbd(['m2'], 'rbd', 'img'))], want: null },
    { name: 'RBD: another pool', pod: podWith('p', rbd(['m1'], 'rbd', 'img')), existing: [podWith('e', rbd(['m1'], 'other', 'img'))], want: null },
    { name: 'RBD: both read-only', pod: podWith('p', rbd(['m1'], 'rbd', 'img', true)), existing: [podWith('e', rbd(['m1'], 'rbd', 'img', true))], want: null },
    { name: 'a conflict with any of the pods', pod: podWith('p', gce('x'), ebs('vol-1')), existing: [podWith('e1', gce('y')), podWith('e2', ebs('vol-1'))], want: disk },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(run(c.pod, c.existing), c.want));
});

describe('VolumeRestrictions: ReadWriteOncePod claims', () => {
  const rwopClaim = claim('data', { volumeName: 'pv', accessModes: ['ReadWriteOncePod'] });
  const rwoClaim = claim('shared', { volumeName: 'pv2', accessModes: ['ReadWriteOnce'] });
  const cases: { name: string; pod: Pod; claims: PersistentVolumeClaim[]; used: string[]; want: [string, string] | 'Skip' | null }[] = [
    { name: 'a missing claim is unresolvable', pod: podWithClaims('p', ['nope']), claims: [], used: [], want: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "nope" not found'] },
    { name: 'a ReadWriteOncePod claim nobody uses: skip', pod: podWithClaims('p', ['data']), claims: [rwopClaim], used: [], want: 'Skip' },
    { name: 'a ReadWriteOncePod claim in use', pod: podWithClaims('p', ['data']), claims: [rwopClaim], used: ['default/data'], want: rwop },
    { name: 'a ReadWriteOnce claim in use is no concern here', pod: podWithClaims('p', ['shared']), claims: [rwoClaim], used: ['default/shared'], want: 'Skip' },
    { name: 'a same-named claim used in another namespace', pod: podWithClaims('p', ['data']), claims: [rwopClaim], used: ['other/data'], want: 'Skip' },
  ];
  for (const c of cases) test(c.name, () => assert.deepEqual(run(c.pod, [], c.claims, c.used), c.want));

  test('PreFilterExtensions follow pods in what-if evaluations, on a copy of the state', () => {
    const pl = new VolumeRestrictions({ storage: storageFromLists({ claims: [rwopClaim] }), isPVCUsedByPods: (key) => key === 'default/data' });
    const state = new CycleState();
    const pod = new PodInfo(podWithClaims('p', ['data']));
    assert.equal(pl.preFilter(state, pod), null);
    const holder = new PodInfo(podWithClaims('holder', ['data']));
    const node = new NodeInfo('n', makeNode('n').build());
    const ext = pl.preFilterExtensions();
    const whatIf = state.clone();
    assert.equal(ext.removePod(whatIf, pod, holder, node), null);
    assert.equal(pl.filter(whatIf, pod, node), null, 'the holder preempted: fits');
    assert.deepEqual(pl.filter(state, pod, node)?.reasons, [ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT], 'the real cycle is unchanged');
    assert.equal(ext.addPod(whatIf, pod, holder, node), null);
    assert.deepEqual(pl.filter(whatIf, pod, node)?.reasons, [ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT]);
  });
});

describe('VolumeRestrictions queueing hints', () => {
  const wants = podWith('p', gce('a'), { name: 'd', persistentVolumeClaim: { claimName: 'data' } });
  const cases: { name: string; hint: () => number; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'a deleted pod held the disk', hint: () => podDeletedHint(wants, podWith('e', gce('a'))), want: 'Queue' },
    { name: 'a deleted pod used the same claim', hint: () => podDeletedHint(wants, podWith('e', { name: 'x', persistentVolumeClaim: { claimName: 'data' } })), want: 'Queue' },
    { name: 'a deleted pod with unrelated volumes', hint: () => podDeletedHint(wants, podWith('e', gce('b'))), want: 'QueueSkip' },
    { name: 'a deleted pod of another namespace', hint: () => podDeletedHint(wants, { ...podWith('e', gce('a')), metadata: { name: 'e', namespace: 'other' } }), want: 'QueueSkip' },
    { name: 'no object (a forgotten assumed pod)', hint: () => podDeletedHint(wants, undefined), want: 'Queue' },
    { name: 'the claim the pod uses was added', hint: () => claimAddedHint(wants, claim('data')), want: 'Queue' },
    { name: 'another claim was added', hint: () => claimAddedHint(wants, claim('other')), want: 'QueueSkip' },
    { name: 'a same-named claim of another namespace', hint: () => claimAddedHint(wants, claim('data', { namespace: 'other' })), want: 'QueueSkip' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(c.hint(), c.want === 'Queue' ? 1 : 0));

  test('registers pod deletes, node adds and claim adds', () => {
    const events = new VolumeRestrictions().eventsToRegister().map((e) => `${e.event.resource}/${e.event.actionType}`);
    assert.deepEqual(events, ['Pod/2', 'Node/1', 'PersistentVolumeClaim/1']);
  });
});
