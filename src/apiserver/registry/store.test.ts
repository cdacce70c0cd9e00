import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { BUILTIN_RESOURCES } from '../../api/registry/index.js';
import { strategyFor } from '../../api/strategy/index.js';
import type { KV } from '../../storage/kv.js';
import { openMemory } from '../../storage/memory/index.js';
import { Store } from './store.js';

function storeFor(kv: KV, group: string, plural: string): Store {
  const def = BUILTIN_RESOURCES.find((d) => d.group === group && d.plural === plural)!;
  return new Store(def, kv, strategyFor(def));
}

async function rejectsWith(p: Promise<unknown>, code: number, reason: string, message?: RegExp): Promise<void> {
  await assert.rejects(p, (err: unknown) => {
    assert.ok(err instanceof StatusError, String(err));
    assert.equal(err.code, code);
    assert.equal(err.reason, reason);
    if (message) assert.match(err.message, message);
    return true;
  });
}

const cm = (name: string, extra: Partial<KubeObject> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { k: 'v' }, ...extra });

const deployment = (name: string, replicas = 1): KubeObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'i' }] } } },
  status: { replicas: 7 },
});

describe('Store', () => {
  let kv: KV;
  let configmaps: Store;
  let deployments: Store;
  beforeEach(async () => {
    kv = openMemory();
    configmaps = storeFor(kv, '', 'configmaps');
    deployments = storeFor(kv, 'apps', 'deployments');
    await Promise.all([configmaps.cache.start(), deployments.cache.start()]);
  });
  afterEach(async () => {
    configmaps.cache.stop();
    deployments.cache.stop();
    await kv.close();
  });

  test('create fills server-owned metadata and reads back', async () => {
    const created = await configmaps.create('ns', cm('a', { metadata: { name: 'a', uid: 'mine', generation: 9 } }));
    const m = created.obj.metadata;
    assert.match(m.uid!, /^[0-9a-f-]{36}$/);
    assert.notEqual(m.uid, 'mine');
    assert.match(m.creationTimestamp!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.equal(m.namespace, 'ns');
    assert.equal(m.generation, undefined);
    assert.equal(m.resourceVersion, String(created.revision));
    assert.deepEqual((await configmaps.get('ns', 'a')).obj, created.obj);
  });

  test('create conflicts, missing names and resourceVersions are refused as Kubernetes does', async () => {
    await configmaps.create('ns', cm('a'));
    await rejectsWith(configmaps.create('ns', cm('a')), 409, 'AlreadyExists', /configmaps "a" already exists/);
    await rejectsWith(configmaps.create('ns', { metadata: {} }), 422, 'Invalid', /name or generateName is required/);
    await rejectsWith(configmaps.create('ns', cm('b', { metadata: { name: 'b', resourceVersion: '5' } })), 400, 'BadRequest');
  });

  test('generateName appends a random suffix', async () => {
    const a = await configmaps.create('ns', { metadata: { generateName: 'web-' } });
    assert.match(a.obj.metadata.name!, /^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  test('an update with a stale resourceVersion is a conflict; without one it applies', async () => {
    const a = await configmaps.create('ns', cm('a'));
    const next = (rv?: string) => ({ tryUpdate: (cur?: KubeObject) => ({ ...cur!, data: { k: String(Math.random()) }, metadata: { ...cur!.metadata, resourceVersion: rv } }) });
    const u = await configmaps.update('ns', 'a', next(a.obj.metadata.resourceVersion));
    assert.ok(u.object.revision > a.revision);
    await rejectsWith(configmaps.update('ns', 'a', next(a.obj.metadata.resourceVersion)), 409, 'Conflict', /the object has been modified/);
    await configmaps.update('ns', 'a', next(undefined));
  });

  test('a no-op update writes nothing', async () => {
    const a = await configmaps.create('ns', cm('a'));
    const u = await configmaps.update('ns', 'a', { tryUpdate: (cur) => cur! });
    assert.equal(u.object.revision, a.revision);
  });

  test('update of a missing object is NotFound unless the kind creates on update', async () => {
    await rejectsWith(configmaps.update('ns', 'x', { tryUpdate: () => cm('x') }), 404, 'NotFound', /configmaps "x" not found/);
  });

  test('generation moves with the spec only; main writes keep status, status writes keep spec', async () => {
    const d = await deployments.create('ns', deployment('web'));
    assert.equal(d.obj.metadata.generation, 1);
    assert.deepEqual(d.obj.status, {});
    const relabel = await deployments.update('ns', 'web', { tryUpdate: (cur) => ({ ...cur!, metadata: { ...cur!.metadata, labels: { x: 'y' } }, status: { replicas: 3 } }) });
    assert.equal(relabel.object.obj.metadata.generation, 1);
    assert.deepEqual(relabel.object.obj.status, {});
    const scaled = await deployments.update('ns', 'web', { tryUpdate: (cur) => ({ ...cur!, spec: { ...(cur!.spec as object), replicas: 5 } }) });
    assert.equal(scaled.object.obj.metadata.generation, 2);
    const status = await deployments.update('ns', 'web', {
      subresource: 'status',
      tryUpdate: (cur) => ({ ...cur!, spec: { replicas: 100 }, status: { replicas: 5 } }),
    });
    assert.deepEqual(status.object.obj.status, { replicas: 5 });
    assert.equal((status.object.obj.spec as { replicas: number }).replicas, 5);
    assert.equal(status.object.obj.metadata.generation, 2);
  });

  test('finalizers hold a deleted object until they are removed', async () => {
    await configmaps.create('ns', cm('a', { metadata: { name: 'a', finalizers: ['example.com/hold'] } }));
    const del = await configmaps.delete('ns', 'a');
    assert.equal(del.deleted, false);
    assert.ok(del.object.metadata.deletionTimestamp);
    assert.equal(del.object.metadata.deletionGracePeriodSeconds, 0);
    await rejectsWith(
      configmaps.update('ns', 'a', { tryUpdate: (cur) => ({ ...cur!, metadata: { ...cur!.metadata, finalizers: ['example.com/hold', 'new'] } }) }),
      422,
      'Invalid',
      /no new finalizers can be added/,
    );
    await configmaps.update('ns', 'a', { tryUpdate: (cur) => ({ ...cur!, metadata: { ...cur!.metadata, finalizers: [] } }) });
    await rejectsWith(configmaps.get('ns', 'a'), 404, 'NotFound');
  });

  test('propagation policies add the garbage collector finalizers', async () => {
    await configmaps.create('ns', cm('a'));
    const orphan = await configmaps.delete('ns', 'a', { propagationPolicy: 'Orphan' });
    assert.deepEqual(orphan.object.metadata.finalizers, ['orphan']);
    await configmaps.create('ns', cm('b'));
    const bg = await configmaps.delete('ns', 'b', { propagationPolicy: 'Background' });
    assert.equal(bg.deleted, true);
  });

  test('delete preconditions are checked', async () => {
    await configmaps.create('ns', cm('a'));
    await rejectsWith(configmaps.delete('ns', 'a', { preconditions: { uid: 'other' } }), 409, 'Conflict', /Precondition failed: UID in precondition: other/);
  });

  test('dry runs change nothing', async () => {
    await configmaps.create('ns', cm('a'), { dryRun: true });
    await rejectsWith(configmaps.get('ns', 'a'), 404, 'NotFound');
    const real = await configmaps.create('ns', cm('b'));
    await configmaps.delete('ns', 'b', { dryRun: true });
    assert.equal((await configmaps.get('ns', 'b')).revision, real.revision);
  });

  test('lists page with continue tokens at one revision, with remainingItemCount', async () => {
    for (const n of ['a', 'b', 'c', 'd', 'e']) await configmaps.create('ns', cm(n));
    await configmaps.create('other', cm('z'));
    const first = await configmaps.list({ namespace: 'ns', limit: 2 });
    assert.deepEqual(first.items.map((o) => o.obj.metadata.name), ['a', 'b']);
    assert.equal(first.remainingItemCount, 3);
    await configmaps.create('ns', cm('bb'));
    const second = await configmaps.list({ namespace: 'ns', limit: 2, continueToken: first.continueToken });
    assert.deepEqual(second.items.map((o) => o.obj.metadata.name), ['c', 'd']);
    assert.equal(second.revision, first.revision);
    const third = await configmaps.list({ namespace: 'ns', limit: 2, continueToken: second.continueToken });
    assert.deepEqual(third.items.map((o) => o.obj.metadata.name), ['e']);
    assert.equal(third.continueToken, undefined);
    const all = await configmaps.list({ namespace: '' });
    assert.equal(all.items.length, 7);
  });

  test('an exact list reads a past revision from storage, and 410 once compacted', async () => {
    const a = await configmaps.create('ns', cm('a'));
    await configmaps.create('ns', cm('b'));
    const past = await configmaps.list({ namespace: 'ns', resourceVersion: String(a.revision), resourceVersionMatch: 'Exact' });
    assert.deepEqual(past.items.map((o) => o.obj.metadata.name), ['a']);
    await kv.compact(await kv.currentRevision());
    await rejectsWith(configmaps.list({ namespace: 'ns', resourceVersion: String(a.revision), resourceVersionMatch: 'Exact' }), 410, 'Expired');
  });

  test('list option combinations Kubernetes refuses', async () => {
    await rejectsWith(configmaps.list({ namespace: 'ns', resourceVersionMatch: 'Exact' }), 422, 'Invalid');
    await rejectsWith(configmaps.list({ namespace: 'ns', resourceVersion: 'abc' }), 400, 'BadRequest');
    await rejectsWith(configmaps.list({ namespace: 'ns', continueToken: 'garbage!' }), 400, 'BadRequest');
  });

  test('a future resourceVersion waits, then times out with 504', async () => {
    await rejectsWith(configmaps.get('ns', 'a', '999999'), 504, 'Timeout', /Too large resource version/);
  });
});

describe('Store: pods and namespaces', () => {
  let kv: KV;
  let pods: Store;
  let namespaces: Store;
  beforeEach(async () => {
    kv = openMemory();
    pods = storeFor(kv, '', 'pods');
    namespaces = storeFor(kv, '', 'namespaces');
    await Promise.all([pods.cache.start(), namespaces.cache.start()]);
  });
  afterEach(async () => {
    pods.cache.stop();
    namespaces.cache.stop();
    await kv.close();
  });

  const pod = (name: string, nodeName?: string): KubeObject => ({ metadata: { name }, spec: { nodeName, containers: [{ name: 'c', image: 'i' }] } });

  test('a new pod is Pending with its QoS class', async () => {
    const p = await pods.create('ns', pod('p'));
    assert.deepEqual(p.obj.status, { phase: 'Pending', qosClass: 'BestEffort' });
  });

  test('a pod on a node is deleted gracefully; an unscheduled one at once', async () => {
    await pods.create('ns', pod('bound', 'node1'));
    const graceful = await pods.delete('ns', 'bound');
    assert.equal(graceful.deleted, false);
    assert.equal(graceful.object.metadata.deletionGracePeriodSeconds, 30);
    const forced = await pods.delete('ns', 'bound', { gracePeriodSeconds: 0 });
    assert.equal(forced.deleted, true);
    await pods.create('ns', pod('pending'));
    assert.equal((await pods.delete('ns', 'pending')).deleted, true);
  });

  test('a deleted namespace is Terminating until its finalizers are gone', async () => {
    const ns = await namespaces.create('', { metadata: { name: 'team' } });
    assert.deepEqual(ns.obj.spec, { finalizers: ['kubernetes'] });
    assert.equal(ns.obj.metadata.labels?.['kubernetes.io/metadata.name'], 'team');
    const del = await namespaces.delete('', 'team');
    assert.equal(del.deleted, false);
    assert.equal((del.object.status as { phase: string }).phase, 'Terminating');
  });
});
