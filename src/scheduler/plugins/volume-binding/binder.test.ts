// Reserve, Unreserve and PreBind of VolumeBinding against a fake API whose writes land in
// the lists the plugin reads (standing in for the informers), with a fake clock.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Node, PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core-v1.js';
import { FakeClock } from '../../../client/workqueue/clock.js';
import { CycleState } from '../../framework/cycle-state.js';
import { NodeInfo } from '../../framework/node-info.js';
import { PodInfo } from '../../framework/pod-info.js';
import type { Status } from '../../framework/status.js';
import { makeNode } from '../../testing/wrappers.js';
import { AssumeCache } from './assume-cache.js';
import { bindVolumeToClaim, type VolumeAPI } from './binder.js';
import { ANN_BIND_COMPLETED, ANN_BOUND_BY_CONTROLLER, ANN_SELECTED_NODE, storageFromLists, type StorageLists } from './storage.js';
import { claim, podWithClaims, storageClass, volume, WAIT } from './test-helpers.js';
import { VolumeBinding } from './volume-binding.js';

const NODE: Node = makeNode('node-a').build();

/** Writes replace the listed object with a newer resourceVersion, as the API and the
 *  informer would; calls are recorded. */
class FakeAPI implements VolumeAPI {
  readonly calls: string[] = [];
  podGone = false;
  failVolumeUpdate = false;
  constructor(readonly lists: Required<StorageLists>) {}

  async updateVolume(pv: PersistentVolume): Promise<PersistentVolume> {
    this.calls.push(`update pv ${pv.metadata.name}`);
    if (this.failVolumeUpdate) throw new Error('Operation cannot be fulfilled on persistentvolumes "pv-a": the object has been modified');
    return replace(this.lists.volumes, pv);
  }

  async updateClaim(pvc: PersistentVolumeClaim): Promise<PersistentVolumeClaim> {
    this.calls.push(`update pvc ${pvc.metadata.name} selected-node=${pvc.metadata.annotations?.[ANN_SELECTED_NODE]}`);
    return replace(this.lists.claims, pvc);
  }

  async podExists(): Promise<boolean> {
    return !this.podGone;
  }
}

function replace<T extends PersistentVolume | PersistentVolumeClaim>(list: T[], obj: T): T {
  const i = list.findIndex((o) => o.metadata.name === obj.metadata.name && o.metadata.namespace === obj.metadata.namespace);
  const next = structuredClone(obj);
  next.metadata.resourceVersion = String(Number(list[i]!.metadata.resourceVersion) + 1);
  list[i] = next;
  return next;
}

/** The PV controller's part: the claim bound to the volume and marked complete. */
function completeBinding(lists: Required<StorageLists>, claimName: string, pvName: string): void {
  const i = lists.claims.findIndex((c) => c.metadata.name === claimName);
  const c = structuredClone(lists.claims[i]!);
  c.spec!.volumeName = pvName;
  c.metadata.annotations = { ...c.metadata.annotations, [ANN_BIND_COMPLETED]: 'yes' };
  c.metadata.resourceVersion = String(Number(c.metadata.resourceVersion) + 1);
  lists.claims[i] = c;
}

interface Env {
  lists: Required<StorageLists>;
  api: FakeAPI;
  clock: FakeClock;
  plugin: VolumeBinding;
}

function env(lists: StorageLists, bindTimeoutSeconds = 600): Env {
  const full: Required<StorageLists> = { claims: lists.claims ?? [], volumes: lists.volumes ?? [], classes: lists.classes ?? [] };
  const api = new FakeAPI(full);
  const clock = new FakeClock();
  const plugin = new VolumeBinding({ bindTimeoutSeconds }, { storage: storageFromLists(full), api, clock, node: (name) => (name === NODE.metadata.name ? NODE : undefined) });
  return { lists: full, api, clock, plugin };
}

/** PreFilter, Filter on the node, Reserve there; the state and the assumed pod. */
function reserve(e: Env, claims: string[]): { state: CycleState; pod: PodInfo; status: Status | null } {
  const state = new CycleState();
  const pod = new PodInfo(podWithClaims('p', claims));
  assert.equal(e.plugin.preFilter(state, pod), null);
  assert.equal(e.plugin.filter(state, pod, new NodeInfo(NODE.metadata.name!, NODE)), null);
  const assumed = pod.withNodeName(NODE.metadata.name!);
  return { state, pod: assumed, status: e.plugin.reserve(state, assumed, NODE.metadata.name!) };
}

/** Follows a PreBind that resolves later, as the fake clock advances. */
function track(p: Promise<Status | null>): { done: boolean; status: Status | null } {
  const out: { done: boolean; status: Status | null } = { done: false, status: null };
  void p.then((s) => {
    out.done = true;
    out.status = s;
  });
  return out;
}

const wffc = storageClass('wait', WAIT);
const dynamic = storageClass('dyn', WAIT, 'example.com/csi');

describe('VolumeBinding Reserve and Unreserve', () => {
  test('a pod without claims reserves and pre-binds nothing', async () => {
    const e = env({});
    const state = new CycleState();
    const pod = new PodInfo(podWithClaims('p', []));
    assert.equal(e.plugin.preFilter(state, pod)?.isSkip(), true);
    assert.equal(e.plugin.reserve(state, pod, 'node-a'), null);
    assert.equal(await e.plugin.preBind(state, pod, 'node-a'), null);
    assert.deepEqual(e.api.calls, []);
  });

  test('bound claims: nothing to bind, no API call', async () => {
    const e = env({ claims: [claim('pvc-a', { volumeName: 'pv-a' })], volumes: [volume('pv-a', { claimRef: { name: 'pvc-a' } })] });
    const { state, pod, status } = reserve(e, ['pvc-a']);
    assert.equal(status, null);
    assert.equal(await e.plugin.preBind(state, pod, 'node-a'), null);
    assert.deepEqual(e.api.calls, []);
  });

  test('a static volume is assumed pre-bound, so the next pod cannot take it; Unreserve gives it back', () => {
    const e = env({ claims: [claim('pvc-a', { className: 'wait' }), claim('pvc-b', { className: 'wait' })], volumes: [volume('pv-a', { className: 'wait' })], classes: [wffc] });
    const first = reserve(e, ['pvc-a']);
    assert.equal(first.status, null);
    const assumed = e.plugin.binder.pvCache.get('pv-a')!;
    assert.equal(assumed.spec?.claimRef?.name, 'pvc-a');
    assert.equal(assumed.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER], 'yes');
    assert.equal(e.lists.volumes[0]!.spec?.claimRef, undefined, 'the informer object is untouched');

    const state = new CycleState();
    const other = new PodInfo(podWithClaims('q', ['pvc-b']));
    assert.equal(e.plugin.preFilter(state, other), null);
    assert.deepEqual(e.plugin.filter(state, other, new NodeInfo('node-a', NODE))?.reasons, ["node(s) didn't find available persistent volumes to bind"]);

    e.plugin.unreserve(first.state, first.pod, 'node-a');
    assert.equal(e.plugin.binder.pvCache.get('pv-a')?.spec?.claimRef, undefined);
    assert.equal(e.plugin.binder.pvCache.assumedCount, 0);
  });

  test('a claim to provision is assumed with the selected node', () => {
    const e = env({ claims: [claim('pvc-a', { className: 'dyn' })], classes: [dynamic] });
    assert.equal(reserve(e, ['pvc-a']).status, null);
    assert.equal(e.plugin.binder.pvcCache.get('default/pvc-a')?.metadata.annotations?.[ANN_SELECTED_NODE], 'node-a');
  });
});

describe('VolumeBinding PreBind', () => {
  test('binds the static volume and waits until the PV controller completes the claim', async () => {
    const e = env({ claims: [claim('pvc-a', { className: 'wait' })], volumes: [volume('pv-a', { className: 'wait' })], classes: [wffc] });
    const { state, pod } = reserve(e, ['pvc-a']);
    const result = track(e.plugin.preBind(state, pod, 'node-a'));
    await e.clock.advance(0);
    assert.deepEqual(e.api.calls, ['update pv pv-a']);
    assert.equal(e.lists.volumes[0]!.spec?.claimRef?.uid, 'uid-pvc-a');
    await e.clock.advance(3_000);
    assert.equal(result.done, false, 'still waiting: nothing bound the claim');
    completeBinding(e.lists, 'pvc-a', 'pv-a');
    await e.clock.advance(1_000);
    assert.ok(result.done);
    assert.equal(result.status, null);
  });

  test('writes the selected node for provisioning, and fails when the provisioner gives up', async () => {
    const e = env({ claims: [claim('pvc-a', { className: 'dyn' })], classes: [dynamic] });
    const { state, pod } = reserve(e, ['pvc-a']);
    const result = track(e.plugin.preBind(state, pod, 'node-a'));
    await e.clock.advance(0);
    assert.deepEqual(e.api.calls, ['update pvc pvc-a selected-node=node-a']);
    // The provisioner drops the annotation: the scheduler must choose again.
    const c = structuredClone(e.lists.claims[0]!);
    c.metadata.annotations = {};
    c.metadata.resourceVersion = '99';
    e.lists.claims[0] = c;
    await e.clock.advance(1_000);
    assert.equal(result.status?.codeName(), 'Error');
    assert.equal(result.status?.message(), 'binding volumes: provisioning failed for PVC "pvc-a"');
  });

  test('times out after bindTimeoutSeconds without a PV controller', async () => {
    const e = env({ claims: [claim('pvc-a', { className: 'wait' })], volumes: [volume('pv-a', { className: 'wait' })], classes: [wffc] }, 3);
    const { state, pod } = reserve(e, ['pvc-a']);
    const result = track(e.plugin.preBind(state, pod, 'node-a'));
    await e.clock.advance(2_500);
    assert.equal(result.done, false);
    await e.clock.advance(1_000);
    assert.equal(result.status?.message(), 'binding volumes: context deadline exceeded');
  });

  test('gives up when the pod is deleted meanwhile', async () => {
    const e = env({ claims: [claim('pvc-a', { className: 'wait' })], volumes: [volume('pv-a', { className: 'wait' })], classes: [wffc] });
    const { state, pod } = reserve(e, ['pvc-a']);
    const result = track(e.plugin.preBind(state, pod, 'node-a'));
    e.api.podGone = true;
    await e.clock.advance(1_000);
    assert.equal(result.status?.message(), 'binding volumes: pod does not exist any more: pod "p" not found');
  });

  test('a failed write is reported and the assumption undone', async () => {
    const e = env({ claims: [claim('pvc-a', { className: 'wait' })], volumes: [volume('pv-a', { className: 'wait' })], classes: [wffc] });
    const { state, pod } = reserve(e, ['pvc-a']);
    e.api.failVolumeUpdate = true;
    const s = await e.plugin.preBind(state, pod, 'node-a');
    assert.match(s?.message() ?? '', /the object has been modified/);
    assert.equal(e.plugin.binder.pvCache.assumedCount, 0);
  });

  test('a volume whose claimRef is reset fails the binding', async () => {
    const e = env({ claims: [claim('pvc-a', { className: 'wait' })], volumes: [volume('pv-a', { className: 'wait' })], classes: [wffc] });
    const { state, pod } = reserve(e, ['pvc-a']);
    const result = track(e.plugin.preBind(state, pod, 'node-a'));
    await e.clock.advance(0);
    const pv = structuredClone(e.lists.volumes[0]!);
    delete pv.spec!.claimRef;
    pv.metadata.resourceVersion = '50';
    e.lists.volumes[0] = pv;
    await e.clock.advance(1_000);
    assert.equal(result.status?.message(), 'binding volumes: ClaimRef got reset for pv "pv-a"');
  });
});

describe('assume cache', () => {
  test('the informer moving on wins over an assumption; older copies are refused', () => {
    const list = [volume('pv-a', { resourceVersion: '5' })];
    const cache = new AssumeCache<PersistentVolume>('v1.PersistentVolume', (k) => list.find((v) => v.metadata.name === k), () => list);
    const { pv } = bindVolumeToClaim(list[0]!, claim('pvc-a'));
    cache.assume(pv);
    assert.equal(cache.get('pv-a'), pv);
    assert.equal(cache.list()[0], pv);
    assert.equal(cache.getAPI('pv-a'), list[0]);
    list[0] = volume('pv-a', { resourceVersion: '6' });
    assert.equal(cache.get('pv-a'), list[0]);
    assert.equal(cache.assumedCount, 0);
    assert.throws(() => cache.assume(volume('pv-a', { resourceVersion: '4' })), /v1.PersistentVolume "pv-a" is out of sync \(stored: 6, assume: 4\)/);
    assert.throws(() => cache.assume(volume('pv-zz')), /could not find v1.PersistentVolume "pv-zz"/);
  });

  test('binding a volume to its claim: claimRef and bound-by-controller, clean when already bound', () => {
    const c = claim('pvc-a', { resourceVersion: '7' });
    const { pv, dirty } = bindVolumeToClaim(volume('pv-a'), c);
    assert.ok(dirty);
    assert.deepEqual(pv.spec?.claimRef, { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'pvc-a', uid: 'uid-pvc-a', apiVersion: 'v1', resourceVersion: '7' });
    assert.equal(pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER], 'yes');
    const again = bindVolumeToClaim(pv, c);
    assert.equal(again.dirty, false);
    // Pre-bound by the user (claimRef without uid): the uid is filled, no controller mark.
    const prebound = bindVolumeToClaim(volume('pv-b', { claimRef: { name: 'pvc-a' } }), c);
    assert.ok(prebound.dirty);
    assert.equal(prebound.pv.spec?.claimRef?.uid, 'uid-pvc-a');
    assert.equal(prebound.pv.metadata.annotations?.[ANN_BOUND_BY_CONTROLLER], undefined);
  });
});
