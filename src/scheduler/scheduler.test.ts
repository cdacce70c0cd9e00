// The scheduler against a real kite API server in this process (KiteServer with its own
// scheduler under leader election, no controllers): nodes are plain Node objects created
// through the in-process client, pods are created through the API and bound through
// pods/binding, failures are written to pods/status and as events.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Node, Pod } from '../api/types/core-v1.js';
import { Client } from '../client/client.js';
import type { CoreEvent } from '../client/events/types.js';
import { KiteServer } from '../server/kite-server.js';
import type { Handle, PermitPlugin, PostBindPlugin, PreBindPlugin, ReservePlugin } from './framework/interface.js';
import { mergeProfile } from './framework/profile.js';
import { Status } from './framework/status.js';
import { KubeScheduler } from './kube-scheduler.js';
import { inTreeRegistry } from './plugins/registry.js';
import { makeNode, makePod, type NodeWrapper, type PodWrapper } from './testing/wrappers.js';
import { SchedulerWorker } from './worker/scheduler-worker.js';

interface Env {
  server: KiteServer;
  client: Client;
  dataDir: string;
}

async function start(storage: 'memory' | 'sqlite', dataDir = mkdtempSync(join(tmpdir(), 'kite-sched-'))): Promise<Env> {
  const server = new KiteServer({ dataDir, storage, bindAddress: '127.0.0.1', port: 0, controllers: [], reconcileIntervalMs: 3_600_000 });
  await server.start();
  const client = Client.inProcess(server.apiServer, { userAgent: 'test' });
  return { server, client, dataDir };
}

async function stop(env: Env, remove = true): Promise<void> {
  env.client.close();
  await env.server.stop();
  if (remove) rmSync(env.dataDir, { recursive: true, force: true });
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function namespace(client: Client, name: string): Promise<void> {
  await client.core.namespaces().create({ metadata: { name } });
  // No controllers run: the service account pods need is made here.
  await client.core
    .serviceaccounts(name)
    .create({ metadata: { name: 'default', namespace: name } })
    .catch(() => undefined);
}

function nodeObject(w: NodeWrapper): Node {
  const n = w.build();
  delete n.apiVersion;
  delete n.kind;
  return n;
}

async function createNodes(client: Client, nodes: NodeWrapper[]): Promise<void> {
  for (const n of nodes) await client.core.nodes().create(nodeObject(n));
}

async function createPod(client: Client, ns: string, w: PodWrapper): Promise<Pod> {
  const pod = w.build();
  pod.metadata = { name: pod.metadata.name, namespace: ns, ...(pod.metadata.labels ? { labels: pod.metadata.labels } : {}) };
  delete pod.spec!.schedulerName;
  return client.core.pods(ns).create(pod);
}

async function boundNode(client: Client, ns: string, name: string): Promise<string> {
  return waitFor(`${ns}/${name} to be bound`, async () => (await client.core.pods(ns).get(name)).spec?.nodeName);
}

async function events(client: Client, ns: string, pod: string): Promise<CoreEvent[]> {
  const list = await client.core.events(ns).list({});
  return (list.items as CoreEvent[]).filter((e) => e.involvedObject.name === pod);
}

describe('scheduler against a kite API server', () => {
  let env: Env;
  before(async () => {
    env = await start('memory');
  });
  after(async () => {
    await stop(env);
  });

  test('pods land on feasible nodes: resources, nodeSelector, taints, cordons, host ports', async () => {
    const c = env.client;
    await namespace(c, 'place');
    await createNodes(c, [
      makeNode('small').capacity({ cpu: '1', memory: '2Gi', pods: '110' }),
      makeNode('big').capacity({ cpu: '8', memory: '16Gi', pods: '110' }).labels({ disk: 'ssd' }),
      makeNode('tainted').capacity({ cpu: '8', memory: '16Gi', pods: '110' }).taint('dedicated', 'infra', 'NoSchedule'),
      makeNode('cordoned').capacity({ cpu: '64', memory: '64Gi', pods: '110' }).unschedulable(),
    ]);
    await createPod(c, 'place', makePod('needs-4-cpu').req({ cpu: '4' }));
    await createPod(c, 'place', makePod('wants-ssd').nodeSelector({ disk: 'ssd' }));
    await createPod(
      c,
      'place',
      makePod('tolerates-infra')
        .toleration({ key: 'dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' })
        .requiredAffinity([{ key: 'kubernetes.io/hostname', operator: 'In', values: ['tainted'] }]),
    );
    for (const name of ['port-a', 'port-b']) {
      await createPod(c, 'place', makePod(name).hostPort(8080).requiredAffinity([{ key: 'kubernetes.io/hostname', operator: 'In', values: ['small', 'big'] }]));
    }
    const spread: string[] = [];
    for (let i = 0; i < 8; i++) {
      await createPod(c, 'place', makePod(`small-${i}`).req({ cpu: '100m', memory: '64Mi' }));
      spread.push(`small-${i}`);
    }

    assert.equal(await boundNode(c, 'place', 'needs-4-cpu'), 'big');
    assert.equal(await boundNode(c, 'place', 'wants-ssd'), 'big');
    assert.equal(await boundNode(c, 'place', 'tolerates-infra'), 'tainted');
    const ports = [await boundNode(c, 'place', 'port-a'), await boundNode(c, 'place', 'port-b')];
    assert.deepEqual(ports.sort(), ['big', 'small']);
    for (const name of spread) assert.notEqual(await boundNode(c, 'place', name), 'cordoned');
    // Untolerated taints keep the ordinary pods off the tainted node, too.
    for (const name of spread) assert.notEqual(await boundNode(c, 'place', name), 'tainted');

    const pod = await c.core.pods('place').get('needs-4-cpu');
    const scheduled = pod.status?.conditions?.find((x) => x.type === 'PodScheduled');
    assert.equal(scheduled?.status, 'True');
    const evs = await waitFor('a Scheduled event', async () => {
      const es = (await events(c, 'place', 'needs-4-cpu')).filter((e) => e.reason === 'Scheduled');
      return es.length > 0 && es;
    });
    assert.equal(evs[0]!.type, 'Normal');
    assert.equal(evs[0]!.message, 'Successfully assigned place/needs-4-cpu to big');
    assert.equal(evs[0]!.source?.component, 'default-scheduler');
  });

  test('a pod that fits nowhere gets PodScheduled=False and FailedScheduling, and is placed once a fitting node appears', async () => {
    const c = env.client;
    // A server of its own: the message counts every node.
    const own = await start('memory');
    try {
      const cl = own.client;
      await namespace(cl, 'pending');
      await createNodes(cl, [
        makeNode('s1').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
        makeNode('s2').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
        makeNode('s3').capacity({ cpu: '1', memory: '4Gi', pods: '110' }),
        makeNode('t1').capacity({ cpu: '8', memory: '16Gi', pods: '110' }).taint('dedicated', 'infra', 'NoSchedule'),
        makeNode('t2').capacity({ cpu: '8', memory: '16Gi', pods: '110' }).taint('dedicated', 'infra', 'NoSchedule'),
      ]);
      await createPod(cl, 'pending', makePod('wants-2-cpu').req({ cpu: '2' }));
      // DefaultPreemption's part as 1.32 writes it (" %v." after its own period).
      const want =
        '0/5 nodes are available: 2 node(s) had untolerated taint {dedicated: infra}, 3 Insufficient cpu. ' +
        'preemption: 0/5 nodes are available: 2 Preemption is not helpful for scheduling, 3 No preemption victims found for incoming pod..';
      const cond = await waitFor('the PodScheduled=False condition', async () => {
        const p = await cl.core.pods('pending').get('wants-2-cpu');
        return p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
      });
      assert.equal(cond.reason, 'Unschedulable');
      assert.equal(cond.message, want);
      assert.ok(cond.lastTransitionTime);
      const failed = await waitFor('a FailedScheduling event', async () => (await events(cl, 'pending', 'wants-2-cpu')).find((e) => e.reason === 'FailedScheduling'));
      assert.equal(failed.type, 'Warning');
      assert.equal(failed.message, want);
      assert.equal(failed.source?.component, 'default-scheduler');
      assert.equal((await cl.core.pods('pending').get('wants-2-cpu')).spec?.nodeName, undefined);

      // A node it fits on: the NodeAdd event retries it (after its 1 s backoff at most).
      const added = Date.now();
      await createNodes(cl, [makeNode('roomy').capacity({ cpu: '4', memory: '8Gi', pods: '110' })]);
      assert.equal(await boundNode(cl, 'pending', 'wants-2-cpu'), 'roomy');
      assert.ok(Date.now() - added < 5_000, 'scheduled within the backoff, not at the 5-minute flush');
      const p = await cl.core.pods('pending').get('wants-2-cpu');
      assert.equal(p.status?.conditions?.find((x) => x.type === 'PodScheduled')?.status, 'True');
      const ev = await waitFor('a Scheduled event', async () => (await events(cl, 'pending', 'wants-2-cpu')).find((e) => e.reason === 'Scheduled'));
      assert.equal(ev.message, 'Successfully assigned pending/wants-2-cpu to roomy');
    } finally {
      await stop(own);
    }
    assert.ok(c);
  });

  test('no nodes at all: "no nodes available to schedule pods"', async () => {
    const own = await start('memory');
    try {
      await namespace(own.client, 'empty');
      await createPod(own.client, 'empty', makePod('lonely'));
      const cond = await waitFor('the condition', async () => {
        const p = await own.client.core.pods('empty').get('lonely');
        return p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
      });
      assert.equal(cond.reason, 'Unschedulable');
      assert.equal(cond.message, 'no nodes available to schedule pods');
    } finally {
      await stop(own);
    }
  });

  test('pods of other schedulers are left alone; gated pods wait for their gates', async () => {
    const c = env.client;
    await namespace(c, 'others');
    await c.core.pods('others').create({ metadata: { name: 'foreign' }, spec: { schedulerName: 'my-scheduler', containers: [{ name: 'c', image: 'busybox' }] } });
    await c.core.pods('others').create({ metadata: { name: 'gated' }, spec: { schedulingGates: [{ name: 'example.com/wait' }], containers: [{ name: 'c', image: 'busybox' }] } });
    await createPod(c, 'others', makePod('ordinary'));
    await boundNode(c, 'others', 'ordinary');
    await new Promise((r) => setTimeout(r, 300));
    assert.equal((await c.core.pods('others').get('foreign')).spec?.nodeName, undefined);
    assert.equal((await c.core.pods('others').get('gated')).spec?.nodeName, undefined);
    await c.core.pods('others').patch('gated', 'merge', { spec: { schedulingGates: null } });
    await boundNode(c, 'others', 'gated');
  });
});

describe('volumes in a running scheduler', () => {
  test('a pod whose claim is missing waits, and lands on its volume\'s node once the bound claim exists', async () => {
    const own = await start('memory');
    try {
      const c = own.client;
      await namespace(c, 'vol');
      await createNodes(c, [makeNode('n1'), makeNode('n2'), makeNode('n3')]);
      const db = makePod('db');
      db.spec.volumes = [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }];
      await createPod(c, 'vol', db);

      // VolumeRestrictions' PreFilter, the first to look the claim up, rejects on every node.
      const want = '0/3 nodes are available: persistentvolumeclaim "data" not found. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling..';
      const cond = await waitFor('the PodScheduled=False condition', async () => {
        const p = await c.core.pods('vol').get('db');
        return p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False');
      });
      assert.equal(cond.reason, 'Unschedulable');
      assert.equal(cond.message, want);
      assert.equal((await c.core.pods('vol').get('db')).spec?.nodeName, undefined);

      // A local volume on n2 and its claim, bound as the PV controller leaves them.
      await c.core.persistentvolumes().create({
        metadata: { name: 'pv-data' },
        spec: {
          capacity: { storage: '1Gi' },
          accessModes: ['ReadWriteOnce'],
          local: { path: '/mnt/data' },
          claimRef: { kind: 'PersistentVolumeClaim', namespace: 'vol', name: 'data' },
          nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['n2'] }] }] } },
        },
      });
      const added = Date.now();
      await c.core.persistentvolumeclaims('vol').create({
        metadata: { name: 'data', annotations: { 'pv.kubernetes.io/bind-completed': 'yes' } },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: '', volumeName: 'pv-data' },
      });
      assert.equal(await boundNode(c, 'vol', 'db'), 'n2');
      assert.ok(Date.now() - added < 5_000, 'retried on the claim\'s creation, not at the 5-minute flush');
    } finally {
      await stop(own);
    }
  });
});

describe('preemption in a running scheduler', () => {
  test('a high-priority pod preempts a low-priority one on a full node, is nominated there, and is bound once the victim is gone', async () => {
    const own = await start('memory');
    try {
      const c = own.client;
      await namespace(c, 'pre');
      await c.scheduling.priorityclasses().create({ metadata: { name: 'low' }, value: 10 });
      await c.scheduling.priorityclasses().create({ metadata: { name: 'high' }, value: 1000 });
      await createNodes(c, [makeNode('full').capacity({ cpu: '1', memory: '4Gi', pods: '110' })]);
      const victimW = makePod('victim').req({ cpu: '800m' });
      victimW.spec.priorityClassName = 'low';
      await createPod(c, 'pre', victimW);
      assert.equal(await boundNode(c, 'pre', 'victim'), 'full');

      const preemptorW = makePod('preemptor').req({ cpu: '800m' });
      preemptorW.spec.priorityClassName = 'high';
      const preemptor = await createPod(c, 'pre', preemptorW);
      assert.equal(preemptor.spec?.priority, 1000);

      // The victim is marked and deleted gracefully (no kubelet here finishes the deletion).
      const victim = await waitFor('the victim to be deleted gracefully', async () => {
        const v = await c.core.pods('pre').get('victim');
        return v.metadata.deletionTimestamp ? v : undefined;
      });
      const target = victim.status?.conditions?.find((x) => x.type === 'DisruptionTarget');
      assert.equal(target?.status, 'True');
      assert.equal(target?.reason, 'PreemptionByScheduler');
      assert.equal(target?.message, 'default-scheduler: preempting to accommodate a higher priority pod');
      const preempted = await waitFor('the Preempted event', async () => (await events(c, 'pre', 'victim')).find((e) => e.reason === 'Preempted'));
      assert.equal(preempted.type, 'Normal');
      assert.equal(preempted.message, `Preempted by pod ${preemptor.metadata.uid} on node full`);

      // Meanwhile the preemptor is nominated to the node, and still pending.
      const nominated = await waitFor('status.nominatedNodeName', async () => {
        const p = await c.core.pods('pre').get('preemptor');
        return p.status?.nominatedNodeName ? p : undefined;
      });
      assert.equal(nominated.status?.nominatedNodeName, 'full');
      assert.equal(nominated.spec?.nodeName, undefined);
      const cond = nominated.status?.conditions?.find((x) => x.type === 'PodScheduled');
      assert.equal(cond?.status, 'False');
      assert.equal(cond?.reason, 'Unschedulable');
      // A successful preemption adds nothing to the message.
      assert.equal(cond?.message, '0/1 nodes are available: 1 Insufficient cpu.');
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await c.core.pods('pre').get('preemptor')).spec?.nodeName, undefined, 'not bound while the victim terminates');

      // The kubelet's part: the victim goes away, which brings the preemptor back.
      await c.core.pods('pre').delete('victim', { gracePeriodSeconds: 0 });
      assert.equal(await boundNode(c, 'pre', 'preemptor'), 'full');
      const scheduler = own.server.scheduler?.scheduler;
      assert.equal(scheduler?.queue.nominator.size, 0, 'the nomination ended with the binding');
    } finally {
      await stop(own);
    }
  });
});

describe('scheduler across a server restart (sqlite)', () => {
  test('pods queued when the server stops are each scheduled exactly once after it starts again', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kite-sched-restart-'));
    let env = await start('sqlite', dataDir);
    try {
      const c = env.client;
      await namespace(c, 'r');
      // Room for 4 of 20 pods: 4 are bound, 16 wait in the queue.
      await createNodes(c, [makeNode('n0').capacity({ cpu: '2', memory: '8Gi', pods: '110' })]);
      for (let i = 0; i < 20; i++) await createPod(c, 'r', makePod(`p${String(i).padStart(2, '0')}`).req({ cpu: '500m' }));
      await waitFor('4 bound and 16 reported unschedulable', async () => {
        const pods = (await c.core.pods('r').list({})).items;
        const bound = pods.filter((p) => p.spec?.nodeName).length;
        const waiting = pods.filter((p) => p.status?.conditions?.some((x) => x.type === 'PodScheduled' && x.status === 'False')).length;
        return bound === 4 && waiting === 16;
      });

      await stop(env, false);
      env = await start('sqlite', dataDir);
      const c2 = env.client;
      // Room for everyone (12 more CPUs for 10 CPUs of pods), and a burst of new pods while
      // the scheduler is busy.
      await createNodes(c2, [1, 2, 3, 4].map((i) => makeNode(`n${i}`).capacity({ cpu: '3', memory: '8Gi', pods: '110' })));
      for (let i = 20; i < 40; i++) await createPod(c2, 'r', makePod(`p${i}`).req({ cpu: '100m' }));
      // Stop again while bindings may be in flight, and start once more.
      await stop(env, false);
      env = await start('sqlite', dataDir);
      const c3 = env.client;
      const pods = await waitFor('every pod bound', async () => {
        const items = (await c3.core.pods('r').list({})).items;
        return items.length === 40 && items.every((p) => p.spec?.nodeName) && items;
      }).catch(async (err) => {
        const items = (await c3.core.pods('r').list({})).items;
        for (const p of items) if (!p.spec?.nodeName) console.error('unbound', p.metadata.name, JSON.stringify(p.status?.conditions));
        const s = env.server.scheduler?.scheduler;
        console.error('leading', env.server.scheduler?.leading, 'queue', s?.queue.pendingCounts(), 'nodes', s?.cache.nodeCount(), s?.stats);
        throw err;
      });

      // No node holds more than it has.
      const perNode = new Map<string, number>();
      for (const p of pods) {
        const cpu = p.spec!.containers[0]!.resources!.requests!.cpu!;
        const milli = cpu.endsWith('m') ? Number(cpu.slice(0, -1)) : Number(cpu) * 1000;
        perNode.set(p.spec!.nodeName!, (perNode.get(p.spec!.nodeName!) ?? 0) + milli);
      }
      for (const [node, milli] of perNode) {
        const capacity = node === 'n0' ? 2000 : 3000;
        assert.ok(milli <= capacity, `${node} holds ${milli}m of ${capacity}m`);
      }

      // Exactly one Scheduled event per pod (a second binding would have added one).
      await env.server.scheduler?.scheduler?.waitForBindings();
      const scheduled = await waitFor('a Scheduled event per pod', async () => {
        const list = (await c3.core.events('r').list({})).items as CoreEvent[];
        const byPod = new Map<string, number>();
        for (const e of list) if (e.reason === 'Scheduled') byPod.set(e.involvedObject.name!, (byPod.get(e.involvedObject.name!) ?? 0) + (e.count ?? 1));
        return byPod.size === 40 && byPod;
      });
      for (const [pod, n] of scheduled) assert.equal(n, 1, `${pod} was scheduled ${n} times`);
    } finally {
      await stop(env);
    }
  });
});

describe('framework extension points in a running scheduler', () => {
  test('Reserve, Permit (wait, then allow), PreBind failing once, PostBind', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kite-sched-ext-'));
    const server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, controllers: [], scheduler: false, reconcileIntervalMs: 3_600_000 });
    await server.start();
    const calls: string[] = [];
    let handle: Handle | undefined;
    let preBindFailures = 1;
    const plugin: ReservePlugin & PermitPlugin & PreBindPlugin & PostBindPlugin = {
      name: 'Recorder',
      reserve: (_s, pod, node) => (calls.push(`reserve ${pod.name} ${node}`), null),
      unreserve: (_s, pod, node) => void calls.push(`unreserve ${pod.name} ${node}`),
      permit: (_s, pod) => (calls.push(`permit ${pod.name}`), { status: pod.name === 'held' ? Status.wait() : null, timeoutMs: 30_000 }),
      preBind: async (_s, pod) => {
        calls.push(`preBind ${pod.name}`);
        if (pod.name === 'flaky' && preBindFailures-- > 0) return Status.error(new Error('volume not ready'));
        return null;
      },
      postBind: (_s, pod, node) => void calls.push(`postBind ${pod.name} ${node}`),
    };
    const registry = inTreeRegistry();
    registry.set('Recorder', (_args, h) => {
      handle = h;
      return plugin;
    });
    const ks = new KubeScheduler({
      apiServer: server.apiServer,
      identity: 'ext-test',
      scheduler: {
        registry,
        podInitialBackoffMs: 100,
        podMaxBackoffMs: 200,
        profiles: [mergeProfile({ schedulerName: 'default-scheduler', plugins: { multiPoint: { enabled: [{ name: 'Recorder' }] } } })],
      },
    });
    ks.start();
    const client = Client.inProcess(server.apiServer, { userAgent: 'test' });
    try {
      await namespace(client, 'ext');
      await createNodes(client, [makeNode('only')]);
      await createPod(client, 'ext', makePod('flaky'));
      assert.equal(await boundNode(client, 'ext', 'flaky'), 'only');
      // The failed PreBind released the reservation and the pod was retried after backoff.
      const flaky = calls.filter((c) => c.includes('flaky'));
      assert.deepEqual(flaky, [
        'reserve flaky only',
        'permit flaky',
        'preBind flaky',
        'unreserve flaky only',
        'reserve flaky only',
        'permit flaky',
        'preBind flaky',
        'postBind flaky only',
      ]);
      const failed = await waitFor('the SchedulerError condition history', async () => (await events(client, 'ext', 'flaky')).find((e) => e.reason === 'FailedScheduling'));
      assert.match(failed.message!, /running PreBind plugin "Recorder": volume not ready/);

      await createPod(client, 'ext', makePod('held'));
      const waiting = await waitFor('the pod to wait at Permit', async () => {
        const s = ks.scheduler;
        const uid = (await client.core.pods('ext').get('held')).metadata.uid!;
        return s && handle?.getWaitingPod(uid);
      });
      assert.deepEqual(waiting.pendingPlugins(), ['Recorder']);
      await new Promise((r) => setTimeout(r, 200));
      assert.equal((await client.core.pods('ext').get('held')).spec?.nodeName, undefined);
      waiting.allow('Recorder');
      assert.equal(await boundNode(client, 'ext', 'held'), 'only');
    } finally {
      client.close();
      await ks.stop();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('scheduler in a worker thread', () => {
  test('SchedulerWorker schedules over a MessagePort to the API server', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kite-sched-worker-'));
    const server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, controllers: [], scheduler: false, reconcileIntervalMs: 3_600_000 });
    await server.start();
    const worker = new SchedulerWorker({ apiServer: server.apiServer });
    const bound: string[] = [];
    worker.onBound = (items) => bound.push(...items.map(([key]) => key));
    worker.start();
    const client = Client.inProcess(server.apiServer, { userAgent: 'test' });
    try {
      await namespace(client, 'w');
      await createNodes(client, [makeNode('a').capacity({ cpu: '1', memory: '4Gi', pods: '110' }), makeNode('b').capacity({ cpu: '4', memory: '4Gi', pods: '110' })]);
      await createPod(client, 'w', makePod('big').req({ cpu: '2' }));
      await createPod(client, 'w', makePod('huge').req({ cpu: '64' }));
      assert.equal(await boundNode(client, 'w', 'big'), 'b');
      const cond = await waitFor('the failure condition', async () =>
        (await client.core.pods('w').get('huge')).status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'False'),
      );
      assert.equal(cond.message, '0/2 nodes are available: 2 Insufficient cpu. preemption: 0/2 nodes are available: 2 No preemption victims found for incoming pod..');
      const stats = await worker.stats();
      assert.equal(stats.leading, true);
      await waitFor('the bound report', async () => bound.includes('w/big'));
    } finally {
      client.close();
      await worker.stop();
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
