import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core-v1.js';
import type { StorageClass } from '../../../api/types/storage-v1.js';
import { CycleState } from '../../framework/cycle-state.js';
import { PodInfo } from '../../framework/pod-info.js';
import { makeNode } from '../../testing/wrappers.js';
import { storageFromLists } from '../volume-binding/storage.js';
import { claim, IMMEDIATE, podWithClaims, storageClass, volume, WAIT } from '../volume-binding/test-helpers.js';
import {
  claimChangeHint,
  ERR_REASON_CONFLICT,
  LABEL_FAILURE_DOMAIN_BETA_REGION,
  LABEL_FAILURE_DOMAIN_BETA_ZONE,
  LABEL_TOPOLOGY_REGION,
  LABEL_TOPOLOGY_ZONE,
  storageClassAddedHint,
  volumeChangeHint,
  VolumeZone,
} from './volume-zone.js';

const ZONE = LABEL_TOPOLOGY_ZONE;
const REGION = LABEL_TOPOLOGY_REGION;
const BETA_ZONE = LABEL_FAILURE_DOMAIN_BETA_ZONE;
const BETA_REGION = LABEL_FAILURE_DOMAIN_BETA_REGION;

interface Case {
  name: string;
  pod: Pod;
  claims?: PersistentVolumeClaim[];
  volumes?: PersistentVolume[];
  classes?: StorageClass[];
  nodeLabels?: Record<string, string>;
  /** 'Skip', null (fits), or [code, message] of PreFilter or Filter. */
  want: 'Skip' | null | [string, string];
}

const conflict: [string, string] = ['UnschedulableAndUnresolvable', ERR_REASON_CONFLICT];
const boundTo = (pvName: string): PersistentVolumeClaim => claim('pvc-a', { volumeName: pvName });
const zonedPV = (labels: Record<string, string>): PersistentVolume => volume('pv-a', { labels });

const cases: Case[] = [
  { name: 'no volumes', pod: podWithClaims('p', []), want: 'Skip' },
  { name: 'a volume without zone labels', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [volume('pv-a')], nodeLabels: { [ZONE]: 'a' }, want: 'Skip' },
  { name: 'the same zone', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a' })], nodeLabels: { [ZONE]: 'a' }, want: null },
  { name: 'another zone', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a' })], nodeLabels: { [ZONE]: 'b' }, want: conflict },
  { name: 'one of several zones ("__")', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a__b' })], nodeLabels: { [ZONE]: 'b' }, want: null },
  { name: 'an unparsable zone list is ignored', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a____b' })], nodeLabels: { [ZONE]: 'c' }, want: 'Skip' },
  { name: 'a node without zone labels fits (single-zone cluster)', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a' })], nodeLabels: {}, want: null },
  { name: 'a node with a region but no zone', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a' })], nodeLabels: { [REGION]: 'r' }, want: conflict },
  { name: 'zone and region both matching', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a', [REGION]: 'r' })], nodeLabels: { [ZONE]: 'a', [REGION]: 'r' }, want: null },
  { name: 'the region not matching', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a', [REGION]: 'r' })], nodeLabels: { [ZONE]: 'a', [REGION]: 'q' }, want: conflict },
  { name: "a volume's beta zone matches the node's GA zone", pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [BETA_ZONE]: 'a' })], nodeLabels: { [ZONE]: 'a' }, want: null },
  { name: "a volume's beta region against the node's GA region", pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [BETA_REGION]: 'r' })], nodeLabels: { [REGION]: 'q' }, want: conflict },
  { name: "a volume's GA zone is not matched by the node's beta zone", pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], volumes: [zonedPV({ [ZONE]: 'a' })], nodeLabels: { [BETA_ZONE]: 'a' }, want: conflict },
  { name: 'a missing claim', pod: podWithClaims('p', ['pvc-a']), want: ['UnschedulableAndUnresolvable', 'persistentvolumeclaim "pvc-a" not found'] },
  { name: 'a missing volume', pod: podWithClaims('p', ['pvc-a']), claims: [boundTo('pv-a')], want: ['UnschedulableAndUnresolvable', 'persistentvolume "pv-a" not found'] },
  { name: 'an unbound claim without a class', pod: podWithClaims('p', ['pvc-a']), claims: [claim('pvc-a')], want: ['UnschedulableAndUnresolvable', 'PersistentVolumeClaim had no pv name and storageClass name'] },
  { name: 'an unbound claim of a missing class', pod: podWithClaims('p', ['pvc-a']), claims: [claim('pvc-a', { className: 'gone' })], want: ['UnschedulableAndUnresolvable', 'storageclass.storage.k8s.io "gone" not found'] },
  {
    name: 'an unbound claim of a class without binding mode',
    pod: podWithClaims('p', ['pvc-a']),
    claims: [claim('pvc-a', { className: 'broken' })],
    classes: [storageClass('broken', undefined)],
    want: ['UnschedulableAndUnresolvable', 'VolumeBindingMode not set for StorageClass "broken"'],
  },
  { name: 'an unbound Immediate claim', pod: podWithClaims('p', ['pvc-a']), claims: [claim('pvc-a', { className: 'now' })], classes: [storageClass('now', IMMEDIATE)], want: ['UnschedulableAndUnresolvable', 'PersistentVolume had no name'] },
  { name: 'an unbound WaitForFirstConsumer claim is left to VolumeBinding', pod: podWithClaims('p', ['pvc-a']), claims: [claim('pvc-a', { className: 'wait' })], classes: [storageClass('wait', WAIT)], want: 'Skip' },
  {
    name: 'a claim with an empty name',
    pod: podWithClaims('p', ['']),
    want: ['UnschedulableAndUnresolvable', 'PersistentVolumeClaim had no name'],
  },
];

describe('VolumeZone', () => {
  for (const c of cases) {
    test(c.name, () => {
      const pl = new VolumeZone(storageFromLists({ claims: c.claims ?? [], volumes: c.volumes ?? [], classes: c.classes ?? [] }));
      const state = new CycleState();
      const pod = new PodInfo(c.pod);
      const pre = pl.preFilter(state, pod);
      let got: Case['want'];
      if (pre?.isSkip()) got = 'Skip';
      else if (pre) got = [pre.codeName(), pre.message()];
      else {
        const s = pl.filter(state, pod, makeNode('n').labels(c.nodeLabels ?? {}).info());
        got = s && [s.codeName(), s.message()];
        // Without PreFilter's state (an evaluation outside a cycle) the answer is the same.
        const again = pl.filter(new CycleState(), pod, makeNode('n').labels(c.nodeLabels ?? {}).info());
        assert.deepEqual(again && [again.codeName(), again.message()], got);
      }
      assert.deepEqual(got, c.want);
    });
  }
});

describe('VolumeZone queueing hints', () => {
  const pod = podWithClaims('p', ['pvc-a']);
  const cases: { name: string; hint: () => number; want: 'Queue' | 'QueueSkip' }[] = [
    { name: 'a WaitForFirstConsumer class added', hint: () => storageClassAddedHint(storageClass('w', WAIT)), want: 'Queue' },
    { name: 'an Immediate class added', hint: () => storageClassAddedHint(storageClass('i', IMMEDIATE)), want: 'QueueSkip' },
    { name: 'a claim of the pod', hint: () => claimChangeHint(pod, claim('pvc-a')), want: 'Queue' },
    { name: 'another claim', hint: () => claimChangeHint(pod, claim('pvc-b')), want: 'QueueSkip' },
    { name: 'a new volume', hint: () => volumeChangeHint(undefined, zonedPV({ [ZONE]: 'a' })), want: 'Queue' },
    { name: "a volume's zone changed", hint: () => volumeChangeHint(zonedPV({ [ZONE]: 'a' }), zonedPV({ [ZONE]: 'b' })), want: 'Queue' },
    { name: 'a volume updated otherwise', hint: () => volumeChangeHint(zonedPV({ [ZONE]: 'a' }), zonedPV({ [ZONE]: 'a', other: 'x' })), want: 'QueueSkip' },
  ];
  for (const c of cases) test(c.name, () => assert.equal(c.hint(), c.want === 'Queue' ? 1 : 0));
});
