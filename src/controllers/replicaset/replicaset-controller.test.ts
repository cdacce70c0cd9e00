// The ReplicaSet controller against a real in-process API server (memory storage; sqlite for
// the restart case). Pods have no kubelet: tests make them ready by writing their status.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { getControllerOf } from '../common/controller-ref.js';
import { FakePodControl } from '../common/fake-pod-control.js';
import { replicaSetController, ReplicaSetController } from './index.js';
import { podEventBatchMs } from './replicaset-controller.js';
import { REPLICA_FAILURE } from './status.js';
import {
  activePods,
  createNamespace,
  eventsFor,
  getReplicaSet,
  listPods,
  makeReady,
  makeReplicaSet,
  startCluster,
  waitFor,
  type TestCluster,
} from './testing.js';

describe('ReplicaSet controller', () => {
  let cluster: TestCluster;
  let nsCount = 0;
  const newNamespace = async (): Promise<string> => {
    const ns = `rs-test-${++nsCount}`;
    await createNamespace(cluster.client, ns);
    return ns;
  };

  before(async () => {
    cluster = await startCluster([replicaSetController]);
  });
  after(async () => {
    await cluster?.stop();
  });

  test('creates pods from the template, owned by the ReplicaSet, and reports status', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const rsTemplate = makeReplicaSet('web', 3);
    rsTemplate.spec!.template!.metadata!.annotations = { note: 'copied' };
    const rs = await client.apps.replicasets(ns).create(rsTemplate);
    const pods = await waitFor('3 pods', async () => {
      const p = await activePods(client, ns);
      return p.length === 3 && p;
    });
    for (const pod of pods) {
      assert.match(pod.metadata.name!, /^web-[a-z0-9]{5}$/);
      assert.equal(pod.metadata.generateName, 'web-');
      assert.deepEqual(pod.metadata.labels, { app: 'web' });
      assert.equal(pod.metadata.annotations?.note, 'copied');
      assert.deepEqual(getControllerOf(pod), { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true });
    }
    const status = await waitFor('status.replicas 3', async () => {
      const cur = await getReplicaSet(client, ns, 'web');
      return cur.status?.replicas === 3 && cur.status;
    });
    assert.equal(status.fullyLabeledReplicas, 3);
    assert.equal(status.readyReplicas ?? 0, 0);
    assert.equal(status.availableReplicas ?? 0, 0);
    assert.equal(status.observedGeneration, rs.metadata.generation);
    const events = await waitFor('3 SuccessfulCreate events', async () => {
      const e = (await eventsFor(client, ns, 'web')).filter((x) => x.reason === 'SuccessfulCreate');
      return e.length === 3 && e;
    });
    assert.deepEqual(events.map((e) => e.message).sort(), pods.map((p) => `Created pod: ${p.metadata.name}`).sort());
    assert.equal(events[0]!.source?.component, 'replicaset-controller');
    assert.equal(events[0]!.type, 'Normal');
  });

  test('scaling down deletes not-ready pods first', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    await client.apps.replicasets(ns).create(makeReplicaSet('shrink', 5));
    const pods = await waitFor('5 pods', async () => {
      const p = await activePods(client, ns);
      return p.length === 5 && p;
    });
    const ready = pods.slice(0, 3).map((p) => p.metadata.name!);
    for (const name of ready) await makeReady(client, ns, name, Date.now() - 60_000);
    await waitFor('readyReplicas 3', async () => (await getReplicaSet(client, ns, 'shrink')).status?.readyReplicas === 3);
    await client.apps.replicasets(ns).patch('shrink', 'merge', { spec: { replicas: 3 } });
    const left = await waitFor('3 pods left', async () => {
      const p = await activePods(client, ns);
      return p.length === 3 && p;
    });
    assert.deepEqual(left.map((p) => p.metadata.name).sort(), [...ready].sort());
    const deleted = pods.slice(3).map((p) => `Deleted pod: ${p.metadata.name}`);
    await waitFor('SuccessfulDelete events', async () => {
      const msgs = (await eventsFor(client, ns, 'shrink')).filter((e) => e.reason === 'SuccessfulDelete').map((e) => e.message);
      return deleted.every((m) => msgs.includes(m));
    });
    await waitFor('status after scale-down', async () => {
      const st = (await getReplicaSet(client, ns, 'shrink')).status;
      return st?.replicas === 3 && st.readyReplicas === 3 && st.availableReplicas === 3;
    });
    await client.apps.replicasets(ns).patch('shrink', 'merge', { spec: { replicas: 0 } });
    await waitFor('no pods', async () => (await activePods(client, ns)).length === 0);
  });

  test('adopts matching orphans and releases pods whose labels stop matching', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const orphan = await client.core.pods(ns).create({ metadata: { name: 'orphan', labels: { app: 'adopt' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    const rsSpec = makeReplicaSet('adopt', 2);
    rsSpec.spec!.template!.metadata!.labels = { app: 'adopt', tier: 'web' };
    const rs = await client.apps.replicasets(ns).create(rsSpec);
    await waitFor('the orphan adopted', async () => getControllerOf(await client.core.pods(ns).get('orphan'))?.uid === rs.metadata.uid);
    const owned = await waitFor('2 owned pods', async () => {
      const p = await activePods(client, ns, rs.metadata.uid);
      return p.length === 2 && p;
    });
    assert.ok(owned.some((p) => p.metadata.name === 'orphan'));
    const adopted = await client.core.pods(ns).get('orphan');
    assert.equal(adopted.metadata.uid, orphan.metadata.uid);
    assert.deepEqual(getControllerOf(adopted), { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'adopt', uid: rs.metadata.uid, controller: true, blockOwnerDeletion: true });
    await waitFor('fullyLabeledReplicas counts only pods with every template label', async () => {
      const st = (await getReplicaSet(client, ns, 'adopt')).status;
      return st?.replicas === 2 && st.fullyLabeledReplicas === 1;
    });

    await client.core.pods(ns).patch('orphan', 'merge', { metadata: { labels: { app: 'elsewhere' } } });
    await waitFor('the pod released', async () => (await client.core.pods(ns).get('orphan')).metadata.ownerReferences === undefined);
    const replaced = await waitFor('a replacement', async () => {
      const p = await activePods(client, ns, rs.metadata.uid);
      return p.length === 2 && !p.some((x) => x.metadata.name === 'orphan') && p;
    });
    assert.equal(replaced.length, 2);
    assert.equal((await activePods(client, ns)).length, 3, 'the released pod lives on, unowned');
  });

  test('a ReplicaSet being deleted neither adopts nor replaces pods', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const spec = makeReplicaSet('dying', 2);
    spec.metadata.finalizers = ['kite.test/hold'];
    const rs = await client.apps.replicasets(ns).create(spec);
    const pods = await waitFor('2 pods', async () => {
      const p = await activePods(client, ns, rs.metadata.uid);
      return p.length === 2 && p;
    });
    await client.apps.replicasets(ns).delete('dying');
    await waitFor('deletionTimestamp', async () => !!(await getReplicaSet(client, ns, 'dying')).metadata.deletionTimestamp);
    await client.core.pods(ns).delete(pods[0]!.metadata.name!);
    await client.core.pods(ns).create({ metadata: { name: 'stray', labels: { app: 'dying' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    // Let the controller see both events and sync (it would have acted within milliseconds).
    await waitFor('status reflects the deleted pod', async () => (await getReplicaSet(client, ns, 'dying')).status?.replicas === 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await activePods(client, ns, rs.metadata.uid)).length, 1, 'no replacement');
    assert.equal((await client.core.pods(ns).get('stray')).metadata.ownerReferences, undefined, 'no adoption');
    await client.apps.replicasets(ns).patch('dying', 'merge', { metadata: { finalizers: null } });
  });

  test('expectations hold under a burst of syncs: never a duplicate pod', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const replicas = 1200; // more than one burst of 500
    await client.apps.replicasets(ns).create(makeReplicaSet('burst', replicas));
    // Every update is an event that enqueues a sync while creations are in flight.
    for (let i = 0; i < 30; i++) await client.apps.replicasets(ns).patch('burst', 'merge', { metadata: { annotations: { poke: String(i) } } });
    await waitFor('status.replicas', async () => (await getReplicaSet(client, ns, 'burst')).status?.replicas === replicas, 60_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await listPods(client, ns)).length, replicas);
    await client.apps.replicasets(ns).patch('burst', 'merge', { spec: { replicas: 100 } });
    await waitFor('scaled down to 100', async () => (await activePods(client, ns)).length === 100, 60_000);
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await activePods(client, ns)).length, 100);
  });

  test('availableReplicas waits for minReadySeconds', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const spec = makeReplicaSet('slow', 2);
    spec.spec!.minReadySeconds = 2;
    await client.apps.replicasets(ns).create(spec);
    const pods = await waitFor('2 pods', async () => {
      const p = await activePods(client, ns);
      return p.length === 2 && p;
    });
    const readyAt = Date.now();
    for (const p of pods) await makeReady(client, ns, p.metadata.name!, readyAt);
    const early = await waitFor('readyReplicas 2', async () => {
      const st = (await getReplicaSet(client, ns, 'slow')).status;
      return st?.readyReplicas === 2 && st;
    });
    assert.equal(early.availableReplicas ?? 0, 0);
    await waitFor('availableReplicas 2', async () => (await getReplicaSet(client, ns, 'slow')).status?.availableReplicas === 2, 8_000);
    assert.ok(Date.now() - readyAt >= 1000, 'available only after minReadySeconds (timestamps have second precision)');
  });

  test('a template the API rejects: FailedCreate condition and event, cleared once creation works', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const spec = makeReplicaSet('broken', 2);
    spec.spec!.template!.spec!.serviceAccountName = 'missing';
    await client.apps.replicasets(ns).create(spec);
    const cond = await waitFor('ReplicaFailure', async () => (await getReplicaSet(client, ns, 'broken')).status?.conditions?.find((c) => c.type === REPLICA_FAILURE));
    assert.equal(cond.status, 'True');
    assert.equal(cond.reason, 'FailedCreate');
    assert.match(cond.message ?? '', /forbidden/);
    assert.match(cond.message ?? '', /missing/);
    assert.ok(cond.lastTransitionTime);
    const event = await waitFor('FailedCreate event', async () => (await eventsFor(client, ns, 'broken')).find((e) => e.reason === 'FailedCreate'));
    assert.equal(event.type, 'Warning');
    assert.equal(event.message, `Error creating: ${cond.message}`);
    assert.equal((await listPods(client, ns)).length, 0);

    await client.core.serviceaccounts(ns).create({ metadata: { name: 'missing' } });
    await waitFor('2 pods once the account exists', async () => (await activePods(client, ns)).length === 2, 20_000);
    await waitFor('ReplicaFailure removed', async () => {
      const st = (await getReplicaSet(client, ns, 'broken')).status;
      return st?.replicas === 2 && !st.conditions?.some((c) => c.type === REPLICA_FAILURE);
    });
  });

  test('a terminating pod is not active: it is replaced at once', async () => {
    const ns = await newNamespace();
    const client = cluster.client;
    const rs = await client.apps.replicasets(ns).create(makeReplicaSet('term', 2));
    const pods = await waitFor('2 pods', async () => {
      const p = await activePods(client, ns);
      return p.length === 2 && p;
    });
    const victim = pods[0]!.metadata.name!;
    await client.core.pods(ns).patch(victim, 'merge', { metadata: { finalizers: ['kite.test/hold'] } });
    await client.core.pods(ns).delete(victim);
    await waitFor('a replacement beside the terminating pod', async () => {
      const all = await listPods(client, ns, rs.metadata.uid);
      return all.length === 3 && all.filter((p) => p.metadata.deletionTimestamp).length === 1;
    });
    await waitFor('status counts active pods only', async () => (await getReplicaSet(client, ns, 'term')).status?.replicas === 2);
    await client.core.pods(ns).patch(victim, 'merge', { metadata: { finalizers: null } });
    await waitFor('the terminating pod gone', async () => (await listPods(client, ns)).length === 2);
  });
});

describe('ReplicaSet controller with a fake PodControl', () => {
  let cluster: TestCluster;
  const podControl = new FakePodControl();
  let retried = false;
  before(async () => {
    cluster = await startCluster([
      (ctx) => {
        const controller = new ReplicaSetController(ctx, { podControl, burstReplicas: 10 });
        const sync = controller.sync.bind(controller);
        controller.sync = async (key) => {
          if (key === 'fake/failing' && podControl.templates.length === 7) retried = true;
          return sync(key);
        };
        return controller;
      },
    ]);
    await createNamespace(cluster.client, 'fake');
  });
  after(async () => {
    await cluster?.stop();
  });

  test('at most burstReplicas per sync, then nothing until the creations are observed', async () => {
    const client = cluster.client;
    podControl.clear();
    await client.apps.replicasets('fake').create(makeReplicaSet('capped', 25));
    await waitFor('10 creates', () => podControl.templates.length === 10);
    // More syncs: the 10 pods were never observed (the fake creates nothing), so no more creates.
    for (let i = 0; i < 5; i++) await client.apps.replicasets('fake').patch('capped', 'merge', { metadata: { annotations: { poke: String(i) } } });
    await waitFor('the pokes observed', async () => (await getReplicaSet(client, 'fake', 'capped')).status?.observedGeneration === 1);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(podControl.templates.length, 10);
    assert.ok(podControl.controllerRefs.every((r) => r.kind === 'ReplicaSet' && r.name === 'capped' && r.controller && r.blockOwnerDeletion));
  });

  test('a failing batch stops the slow start; only the successes stay expected', async () => {
    const client = cluster.client;
    podControl.clear();
    podControl.createLimit = 3;
    await client.apps.replicasets('fake').create(makeReplicaSet('failing', 10));
    // Batches of 1 and 2 succeed; the batch of 4 fails as a whole; the last 3 are never tried.
    await waitFor('7 attempts', () => podControl.templates.length === 7);
    const controller = await waitFor('the sync retried', () => retried);
    assert.ok(controller);
    // The 3 successes are still expected (the fake never makes them appear), the 7 others are
    // not: later syncs (retries after the error) create nothing more.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(podControl.templates.length, 7);
  });
});

describe('ReplicaSet controller across a restart (sqlite)', () => {
  let cluster: TestCluster;
  before(async () => {
    cluster = await startCluster([replicaSetController], 'sqlite');
    await createNamespace(cluster.client, 'persist');
  });
  after(async () => {
    await cluster?.stop();
  });

  test('a restarted controller neither duplicates nor loses pods', async () => {
    const rs = await cluster.client.apps.replicasets('persist').create(makeReplicaSet('keep', 30));
    await waitFor('30 pods and status', async () => (await getReplicaSet(cluster.client, 'persist', 'keep')).status?.replicas === 30);
    const before: Pod[] = await listPods(cluster.client, 'persist');
    assert.equal(before.length, 30);

    await cluster.restart();
    const client = cluster.client;
    await waitFor('the controller manager leading again', () => cluster.server.controllerManager.leading);
    // A sync after the restart is visible as a status write when something changes: change
    // something harmless and wait for the generation to be observed.
    const bumped = await client.apps.replicasets('persist').patch('keep', 'merge', { spec: { minReadySeconds: 1 } });
    await waitFor('observedGeneration', async () => (await getReplicaSet(client, 'persist', 'keep')).status?.observedGeneration === bumped.metadata.generation);
    const after = await listPods(client, 'persist');
    assert.deepEqual(after.map((p) => p.metadata.uid).sort(), before.map((p) => p.metadata.uid).sort());

    await client.apps.replicasets('persist').patch('keep', 'merge', { spec: { replicas: 35 } });
    await waitFor('35 pods', async () => (await getReplicaSet(client, 'persist', 'keep')).status?.replicas === 35);
    await new Promise((r) => setTimeout(r, 200));
    assert.equal((await listPods(client, 'persist', rs.metadata.uid)).length, 35);
  });
});

describe('ReplicaSet controller: batched pod events', () => {
  let cluster: TestCluster;
  const syncs = new Map<string, number>();
  before(async () => {
    cluster = await startCluster([
      (ctx) => {
        const controller = new ReplicaSetController(ctx);
        const sync = controller.sync.bind(controller);
        controller.sync = async (key) => {
          syncs.set(key, (syncs.get(key) ?? 0) + 1);
          return sync(key);
        };
        return controller;
      },
    ]);
    await createNamespace(cluster.client, 'batch');
  });
  after(async () => {
    await cluster?.stop();
  });

  test('the batch window grows with the ReplicaSet, up to a second', () => {
    assert.equal(podEventBatchMs(3), 0);
    assert.equal(podEventBatchMs(400), 20);
    assert.equal(podEventBatchMs(10_000), 500);
    assert.equal(podEventBatchMs(100_000), 1000);
  });

  test('readiness of 400 pods is counted in a few batched syncs, not one sync per pod', async () => {
    const client = cluster.client;
    const replicas = 400;
    await client.apps.replicasets('batch').create(makeReplicaSet('big', replicas));
    await waitFor('all created', async () => (await getReplicaSet(client, 'batch', 'big')).status?.replicas === replicas, 60_000);
    const before = syncs.get('batch/big') ?? 0;
    for (const pod of await listPods(client, 'batch')) await makeReady(client, 'batch', pod.metadata.name!);
    await waitFor('all ready', async () => (await getReplicaSet(client, 'batch', 'big')).status?.readyReplicas === replicas, 30_000);
    const readinessSyncs = (syncs.get('batch/big') ?? 0) - before;
    assert.ok(readinessSyncs < replicas / 4, `${readinessSyncs} syncs for ${replicas} readiness changes`);
  });
});
