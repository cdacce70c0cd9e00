// The collector's workers without a server: the graph is fed events directly, the API side
// effects go to a recording fake (GarbageCollectorOperations), and attemptToDelete /
// attemptToOrphan are called by uid — deterministic, no network, no timing.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import { SharedInformerFactory } from '../../client/informer/factory.js';
import { realClock } from '../../client/workqueue/clock.js';
import type { ControllerContext } from '../controller.js';
import { NamespacedOwnerOfClusterScopedError, NotYetObservedError } from './errors.js';
import { GarbageCollector } from './garbage-collector.js';
import type { ObjectIdentity } from './identity.js';
import type { GarbageCollectorOperations, PropagationPolicy } from './operations.js';

/** The API server as the fake knows it: objects by kind/namespace/name; every write recorded. */
class FakeOperations implements GarbageCollectorOperations {
  readonly objects = new Map<string, KubeObject>();
  readonly actions: string[] = [];

  put(obj: KubeObject): void {
    this.objects.set(key(obj.kind!, obj.metadata.namespace ?? '', obj.metadata.name!), obj);
  }
  async get(id: ObjectIdentity): Promise<KubeObject | undefined> {
    // As the API: a namespaced kind has no object outside a namespace.
    if (id.kind === 'ConfigMap' && id.namespace === '') throw new NamespacedOwnerOfClusterScopedError(id);
    return this.objects.get(key(id.kind, id.namespace, id.name));
  }
  async delete(id: ObjectIdentity, policy: PropagationPolicy): Promise<void> {
    this.actions.push(`delete ${id.name} ${policy}`);
  }
  async patchOwnerReferences(id: ObjectIdentity, patch: object): Promise<void> {
    this.actions.push(`patch ${id.name} ${JSON.stringify(patch)}`);
  }
  async removeFinalizer(id: ObjectIdentity, finalizer: string): Promise<void> {
    this.actions.push(`remove-finalizer ${id.name} ${finalizer}`);
  }
}

function key(kind: string, namespace: string, name: string): string {
  return `${kind}/${namespace}/${name}`;
}

interface Setup {
  readonly gc: GarbageCollector;
  readonly ops: FakeOperations;
  readonly events: string[];
  /** Seen by the informer (graph) and present in the API server (fake). */
  observe(obj: KubeObject): void;
  /** An informer delete event; the object leaves the fake too. */
  forget(obj: KubeObject): void;
}

function setup(): Setup {
  const ops = new FakeOperations();
  const events: string[] = [];
  const recorder: EventRecorder = {
    event: (_obj, type, reason, message) => void events.push(`${type} ${reason} ${message}`),
    annotatedEvent: () => undefined,
  };
  const ctx: ControllerContext = {
    client: {} as Client,
    informers: new SharedInformerFactory({ client: () => ({}) as never }),
    recorder: () => recorder,
    clock: realClock,
    workers: 1,
    onError: () => undefined,
  };
  const gc = new GarbageCollector(ctx, { operations: () => ops });
  const gv = (obj: KubeObject): { apiVersion: string; kind: string } => ({ apiVersion: obj.apiVersion!, kind: obj.kind! });
  return {
    gc,
    ops,
    events,
    observe(obj) {
      ops.put(obj);
      gc.graph.process({ type: 'add', ...gv(obj), object: obj });
    },
    forget(obj) {
      ops.objects.delete(key(obj.kind!, obj.metadata.namespace ?? '', obj.metadata.name!));
      gc.graph.process({ type: 'delete', ...gv(obj), object: obj });
    },
  };
}

function cm(name: string, o: { owners?: OwnerReference[]; finalizers?: string[]; deleting?: boolean } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${name}`,
      ...(o.owners ? { ownerReferences: o.owners } : {}),
      ...(o.finalizers ? { finalizers: o.finalizers } : {}),
      ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
  };
}

function ref(owner: KubeObject, block?: boolean): OwnerReference {
  return { apiVersion: owner.apiVersion!, kind: owner.kind!, name: owner.metadata.name!, uid: owner.metadata.uid!, ...(block === undefined ? {} : { blockOwnerDeletion: block }) };
}

describe('GarbageCollector workers', () => {
  test('a dependent whose owner is gone is deleted in the background', async () => {
    const s = setup();
    const owner = cm('owner');
    s.observe(owner);
    s.observe(cm('dep', { owners: [ref(owner)] }));
    s.forget(owner);
    await s.gc.attemptToDelete('uid-dep');
    assert.deepEqual(s.ops.actions, ['delete dep Background']);
  });

  test('a dependent honours its own orphan finalizer', async () => {
    const s = setup();
    const owner = cm('owner');
    s.observe(owner);
    s.observe(cm('dep', { owners: [ref(owner)], finalizers: ['orphan'] }));
    s.forget(owner);
    await s.gc.attemptToDelete('uid-dep');
    assert.deepEqual(s.ops.actions, ['delete dep Orphan']);
  });

  test('a virtual owner the API server lacks: virtual delete, then its dependent goes', async () => {
    const s = setup();
    const ghost = cm('ghost');
    s.observe(cm('dep', { owners: [ref(ghost)] }));
    assert.equal(s.gc.graph.node('uid-ghost')?.virtual, true);
    await s.gc.attemptToDelete('uid-ghost');
    assert.equal(s.gc.graph.node('uid-ghost'), undefined, 'the virtual node left the graph');
    await s.gc.attemptToDelete('uid-dep');
    assert.deepEqual(s.ops.actions, ['delete dep Background']);
  });

  test('a virtual owner that exists but was not observed yet is retried', async () => {
    const s = setup();
    const owner = cm('owner');
    s.ops.put(owner);
    s.observe(cm('dep', { owners: [ref(owner)] }));
    await assert.rejects(s.gc.attemptToDelete('uid-owner'), NotYetObservedError);
    s.observe(owner);
    await s.gc.attemptToDelete('uid-owner');
    assert.deepEqual(s.ops.actions, []);
  });

  test('a solid owner keeps the dependent; a dangling one is patched away', async () => {
    const s = setup();
    const live = cm('live');
    const gone = cm('gone');
    s.observe(live);
    s.observe(gone);
    s.observe(cm('dep', { owners: [ref(live), ref(gone)] }));
    await s.gc.attemptToDelete('uid-dep');
    assert.deepEqual(s.ops.actions, []);
    s.forget(gone);
    await s.gc.attemptToDelete('uid-dep');
    assert.deepEqual(s.ops.actions, [`patch dep {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"uid-gone"}],"uid":"uid-dep"}}`]);
  });

  test('foreground: the owner waits for blocking dependents, then loses its finalizer', async () => {
    const s = setup();
    const owner = cm('owner');
    s.observe(owner);
    const blocking = cm('blocking', { owners: [ref(owner, true)] });
    s.observe(blocking);
    const deleting = cm('owner', { deleting: true, finalizers: ['foregroundDeletion'] });
    s.ops.put(deleting);
    s.gc.graph.process({ type: 'update', apiVersion: 'v1', kind: 'ConfigMap', object: deleting, oldObject: owner });
    await s.gc.attemptToDelete('uid-blocking');
    assert.deepEqual(s.ops.actions, ['delete blocking Background'], 'the dependent of a waiting owner goes');
    await s.gc.attemptToDelete('uid-owner');
    assert.deepEqual(s.ops.actions, ['delete blocking Background'], 'the owner still waits');
    s.forget(blocking);
    await s.gc.attemptToDelete('uid-owner');
    assert.deepEqual(s.ops.actions, ['delete blocking Background', 'remove-finalizer owner foregroundDeletion']);
  });

  test('foreground cycle: blocking references are unblocked before the foreground delete', async () => {
    const s = setup();
    const top = cm('top', { deleting: true, finalizers: ['foregroundDeletion'] });
    s.observe(top);
    const mid = cm('mid', { owners: [ref(top, true)] });
    s.observe(mid);
    s.observe(cm('leaf', { owners: [ref(mid, true)], deleting: true, finalizers: ['foregroundDeletion'] }));
    await s.gc.attemptToDelete('uid-mid');
    assert.deepEqual(s.ops.actions, [
      `patch mid {"metadata":{"ownerReferences":[{"apiVersion":"v1","kind":"ConfigMap","name":"top","uid":"uid-top","blockOwnerDeletion":false}],"uid":"uid-mid"}}`,
      'delete mid Foreground',
    ]);
  });

  test('orphan: every dependent is released, then the owner', async () => {
    const s = setup();
    const owner = cm('owner');
    s.observe(owner);
    s.observe(cm('a', { owners: [ref(owner)] }));
    s.observe(cm('b', { owners: [ref(owner)] }));
    await s.gc.attemptToOrphan('uid-owner');
    assert.deepEqual(s.ops.actions.sort(), [
      `patch a {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"uid-owner"}],"uid":"uid-a"}}`,
      `patch b {"metadata":{"ownerReferences":[{"$patch":"delete","uid":"uid-owner"}],"uid":"uid-b"}}`,
      'remove-finalizer owner orphan',
    ]);
  });

  test('a cluster-scoped object naming a namespaced owner is reported and left alone', async () => {
    const s = setup();
    const owner = cm('owner');
    const role: KubeObject = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: 'role', uid: 'uid-role', ownerReferences: [ref(owner)] },
    };
    s.observe(role);
    assert.equal(s.gc.graph.node('uid-owner')?.virtual, true);
    await s.gc.attemptToDelete('uid-owner'); // the virtual owner cannot be looked up: dropped, not absent
    assert.equal(s.gc.graph.node('uid-owner')?.virtual, true);
    await s.gc.attemptToDelete('uid-role');
    assert.deepEqual(s.ops.actions, []);
    assert.deepEqual(s.events, ['Warning OwnerRefInvalidNamespace ownerRef [v1/ConfigMap, namespace: , name: owner, uid: uid-owner] does not exist in namespace ""']);
  });

  test('an unknown uid is a no-op', async () => {
    const s = setup();
    await s.gc.attemptToDelete('nope');
    await s.gc.attemptToOrphan('nope');
    assert.deepEqual(s.ops.actions, []);
  });
});
