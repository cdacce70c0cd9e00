// The garbage collector against a real in-process API server (memory storage) running only
// the collector: background, foreground and orphan cascades, blockOwnerDeletion, dangling and
// invalid owner references, ReplicaSets owning pods.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { ResourceClient } from '../../client/contract.js';
import { garbageCollectorFactory } from './garbage-collector.js';
import { configMap, ensureDefaultServiceAccount, getOrUndefined, namespaceObject, ownerRef, pod, replicaSet, startTestServer, waitFor, type TestServer } from './testing.js';

const HOLD = 'test.kite.io/hold';

describe('garbage collector', () => {
  let t: TestServer;
  let seq = 0;
  /** A fresh namespace per test, so tests never see each other's objects. */
  async function freshNamespace(): Promise<string> {
    const name = `gc-${++seq}`;
    await t.client.resource(builtinRef('', 'namespaces')).create(namespaceObject(name));
    return name;
  }
  const cms = (ns: string): ResourceClient<KubeObject> => t.client.core.configmaps(ns);
  const replicaSets = (ns: string): ResourceClient<KubeObject> => t.client.resource(builtinRef('apps', 'replicasets'), ns);
  const pods = (ns: string): ResourceClient<KubeObject> => t.client.resource(builtinRef('', 'pods'), ns);
  const gone = (ns: string, name: string) => async () => (await getOrUndefined(() => cms(ns).get(name))) === undefined;
  const release = async (ns: string, name: string) => cms(ns).patch(name, 'merge', { metadata: { finalizers: null } });

  before(async () => {
    t = await startTestServer([garbageCollectorFactory]);
  });
  after(async () => {
    await t?.stop();
  });

  test('background: dependents whose only owner is gone are deleted, down a chain', async () => {
    const ns = await freshNamespace();
    const top = await cms(ns).create(configMap(ns, 'top'));
    const mid = await cms(ns).create(configMap(ns, 'mid', { owners: [ownerRef(top, { controller: true, blockOwnerDeletion: true })] }));
    await cms(ns).create(configMap(ns, 'leaf-1', { owners: [ownerRef(mid, { controller: true })] }));
    await cms(ns).create(configMap(ns, 'leaf-2', { owners: [ownerRef(mid)] }));
    await cms(ns).delete('top', { propagationPolicy: 'Background' });
    for (const name of ['mid', 'leaf-1', 'leaf-2']) await waitFor(gone(ns, name), { message: `${name} deleted` });
  });

  test('background: a dependent with another live owner keeps it and loses the dangling reference', async () => {
    const ns = await freshNamespace();
    const a = await cms(ns).create(configMap(ns, 'a'));
    const b = await cms(ns).create(configMap(ns, 'b'));
    await cms(ns).create(configMap(ns, 'shared', { owners: [ownerRef(a), ownerRef(b)] }));
    await cms(ns).delete('a');
    const shared = await waitFor(async () => {
      const cm = await cms(ns).get('shared');
      return cm.metadata.ownerReferences?.length === 1 ? cm : undefined;
    });
    assert.deepEqual(shared.metadata.ownerReferences, [ownerRef(b)]);
    await cms(ns).delete('b');
    await waitFor(gone(ns, 'shared'), { message: 'shared deleted once its last owner went' });
  });

  test('foreground: dependents go first; a blocking dependent holds the owner until it is gone', async () => {
    const ns = await freshNamespace();
    const owner = await cms(ns).create(configMap(ns, 'owner'));
    await cms(ns).create(configMap(ns, 'blocking', { owners: [ownerRef(owner, { blockOwnerDeletion: true })], finalizers: [HOLD] }));
    await cms(ns).create(configMap(ns, 'plain', { owners: [ownerRef(owner)] }));
    const marked = (await cms(ns).delete('owner', { propagationPolicy: 'Foreground' })) as KubeObject;
    assert.ok(marked.metadata.deletionTimestamp);
    assert.deepEqual(marked.metadata.finalizers, ['foregroundDeletion']);

    await waitFor(gone(ns, 'plain'), { message: 'non-blocking dependent deleted' });
    const held = await waitFor(async () => {
      const cm = await cms(ns).get('blocking');
      return cm.metadata.deletionTimestamp ? cm : undefined;
    });
    assert.deepEqual(held.metadata.finalizers, [HOLD]);
    // The owner waits for its blocking dependent.
    const waiting = await cms(ns).get('owner');
    assert.deepEqual(waiting.metadata.finalizers, ['foregroundDeletion']);

    await release(ns, 'blocking');
    await waitFor(gone(ns, 'blocking'));
    await waitFor(gone(ns, 'owner'), { message: 'owner deleted once its blocking dependent went' });
  });

  test('foreground: a non-blocking dependent does not hold the owner', async () => {
    const ns = await freshNamespace();
    const owner = await cms(ns).create(configMap(ns, 'owner'));
    await cms(ns).create(configMap(ns, 'slow', { owners: [ownerRef(owner, { blockOwnerDeletion: false })], finalizers: [HOLD] }));
    await cms(ns).delete('owner', { propagationPolicy: 'Foreground' });
    await waitFor(gone(ns, 'owner'), { message: 'owner deleted without waiting' });
    const slow = await cms(ns).get('slow');
    assert.ok(slow.metadata.deletionTimestamp, 'the dependent is being deleted');
    await release(ns, 'slow');
    await waitFor(gone(ns, 'slow'));
  });

  test('foreground: the wait propagates down a chain (owner, then middle, wait for the leaf)', async () => {
    const ns = await freshNamespace();
    const top = await cms(ns).create(configMap(ns, 'top'));
    const mid = await cms(ns).create(configMap(ns, 'mid', { owners: [ownerRef(top, { blockOwnerDeletion: true })] }));
    await cms(ns).create(configMap(ns, 'leaf', { owners: [ownerRef(mid, { blockOwnerDeletion: true })], finalizers: [HOLD] }));
    await cms(ns).delete('top', { propagationPolicy: 'Foreground' });
    const middle = await waitFor(async () => {
      const cm = await cms(ns).get('mid');
      return cm.metadata.deletionTimestamp ? cm : undefined;
    });
    assert.deepEqual(middle.metadata.finalizers, ['foregroundDeletion'], 'the middle is deleted in the foreground');
    await waitFor(async () => !!(await cms(ns).get('leaf')).metadata.deletionTimestamp);
    assert.ok(await cms(ns).get('top'), 'the owner still waits');
    await release(ns, 'leaf');
    for (const name of ['leaf', 'mid', 'top']) await waitFor(gone(ns, name), { message: `${name} deleted` });
  });

  test('orphan: dependents lose the reference and stay; the owner goes', async () => {
    const ns = await freshNamespace();
    const owner = await cms(ns).create(configMap(ns, 'owner'));
    const other = await cms(ns).create(configMap(ns, 'other'));
    await cms(ns).create(configMap(ns, 'child-1', { owners: [ownerRef(owner, { controller: true, blockOwnerDeletion: true })] }));
    await cms(ns).create(configMap(ns, 'child-2', { owners: [ownerRef(owner), ownerRef(other)] }));
    await cms(ns).delete('owner', { propagationPolicy: 'Orphan' });
    await waitFor(gone(ns, 'owner'), { message: 'owner deleted after orphaning' });
    const child1 = await cms(ns).get('child-1');
    assert.equal(child1.metadata.ownerReferences, undefined);
    const child2 = await cms(ns).get('child-2');
    assert.deepEqual(child2.metadata.ownerReferences, [ownerRef(other)]);
  });

  test('a reference to a uid that never existed is dangling: the dependent is collected', async () => {
    const ns = await freshNamespace();
    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000001' };
    await cms(ns).create(configMap(ns, 'orphaned', { owners: [ghost] }));
    await waitFor(gone(ns, 'orphaned'), { message: 'dependent of a missing owner deleted' });

    // The same owner name exists, but with another uid: still dangling.
    await cms(ns).create(configMap(ns, 'impostor'));
    await cms(ns).create(configMap(ns, 'misled', { owners: [{ ...ghost, name: 'impostor', uid: '00000000-0000-0000-0000-000000000002' }] }));
    await waitFor(gone(ns, 'misled'), { message: 'dependent of a uid-mismatched owner deleted' });
    assert.ok(await cms(ns).get('impostor'), 'the object of that name is untouched');
  });

  test('a dangling reference beside a live owner is removed, the object kept', async () => {
    const ns = await freshNamespace();
    const live = await cms(ns).create(configMap(ns, 'live'));
    const ghost = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000003' };
    await cms(ns).create(configMap(ns, 'kept', { owners: [ghost, ownerRef(live)] }));
    const kept = await waitFor(async () => {
      const cm = await cms(ns).get('kept');
      return cm.metadata.ownerReferences?.length === 1 ? cm : undefined;
    });
    assert.deepEqual(kept.metadata.ownerReferences, [ownerRef(live)]);
  });

  test('an owner in another namespace is absent: OwnerRefInvalidNamespace, dependent collected', async () => {
    const ns1 = await freshNamespace();
    const ns2 = await freshNamespace();
    const owner = await cms(ns1).create(configMap(ns1, 'owner'));
    await cms(ns2).create(configMap(ns2, 'cross', { owners: [ownerRef(owner)] }));
    await waitFor(gone(ns2, 'cross'), { message: 'cross-namespace dependent deleted' });
    assert.ok(await cms(ns1).get('owner'), 'the real owner is untouched');
    const event = await waitFor(async () => {
      const events = await t.client.core.events(ns2).list({});
      return events.items.find((e) => e.reason === 'OwnerRefInvalidNamespace');
    });
    assert.equal(event.type, 'Warning');
    assert.equal(
      event.message,
      `ownerRef [v1/ConfigMap, namespace: ${ns2}, name: owner, uid: ${owner.metadata.uid}] does not exist in namespace "${ns2}"`,
    );
  });

  test('bad input never stops the collector: namespaced owner of a cluster-scoped object, unknown owner kind', async () => {
    const ns = await freshNamespace();
    const owner = await cms(ns).create(configMap(ns, 'owner'));
    const clusterRoles = t.client.rbac.clusterroles();
    const role = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: `${ns}-invalid-owner`, ownerReferences: [ownerRef(owner)] },
      rules: [],
    };
    await clusterRoles.create(role);
    // Never-observed owner: the collector must not take "cannot be looked up" for "absent".
    const ghostOwner = { apiVersion: 'v1', kind: 'ConfigMap', name: 'ghost', uid: '00000000-0000-0000-0000-000000000005' };
    const ghostRole = { ...role, metadata: { name: `${ns}-ghost-owner`, ownerReferences: [ghostOwner] } };
    await clusterRoles.create(ghostRole);
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', name: 'w', uid: '00000000-0000-0000-0000-000000000004' };
    await cms(ns).create(configMap(ns, 'unknown-kind', { owners: [widget] }));

    // The collector still collects everything else.
    await cms(ns).create(configMap(ns, 'dep', { owners: [ownerRef(owner)] }));
    await cms(ns).delete('owner');
    await waitFor(gone(ns, 'dep'), { message: 'ordinary collection continues' });

    const kept = await clusterRoles.get(role.metadata.name);
    assert.deepEqual(kept.metadata.ownerReferences, [ownerRef(owner)], 'an invalid reference is left alone, never collected');
    assert.ok(await cms(ns).get('unknown-kind'), 'an owner of an unknown kind is never taken for absent');
    assert.deepEqual((await clusterRoles.get(ghostRole.metadata.name)).metadata.ownerReferences, [ghostOwner]);
    await clusterRoles.delete(role.metadata.name);
    await clusterRoles.delete(ghostRole.metadata.name);
  });

  test('ReplicaSets owning pods: background deletion removes the pods', async () => {
    const ns = await freshNamespace();
    await ensureDefaultServiceAccount(t.client, ns);
    const rs = await replicaSets(ns).create(replicaSet(ns, 'web', 3));
    for (let i = 0; i < 3; i++) await pods(ns).create(pod(ns, `web-${i}`, [ownerRef(rs, { controller: true, blockOwnerDeletion: true })]));
    await replicaSets(ns).delete('web', { propagationPolicy: 'Background' });
    await waitFor(async () => (await pods(ns).list({})).items.length === 0, { message: 'pods deleted' });
  });

  test('ReplicaSets owning pods: foreground deletion removes the pods before the ReplicaSet', async () => {
    const ns = await freshNamespace();
    await ensureDefaultServiceAccount(t.client, ns);
    const rs = await replicaSets(ns).create(replicaSet(ns, 'web', 2));
    for (let i = 0; i < 2; i++) await pods(ns).create(pod(ns, `web-${i}`, [ownerRef(rs, { controller: true, blockOwnerDeletion: true })]));
    const seen: string[] = [];
    const watches = [
      pods(ns).watch({}, (e) => e.type === 'DELETED' && seen.push(`pod/${e.object.metadata.name}`)),
      replicaSets(ns).watch({}, (e) => e.type === 'DELETED' && seen.push(`rs/${e.object.metadata.name}`)),
    ];
    await replicaSets(ns).delete('web', { propagationPolicy: 'Foreground' });
    await waitFor(() => seen.length === 3, { message: 'everything deleted' });
    for (const w of watches) w.close();
    assert.equal(seen[2], 'rs/web', `the ReplicaSet goes last: ${seen.join(', ')}`);
  });
});
