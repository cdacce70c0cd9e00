// Simulated nodes against a real in-process API server: registration, heartbeats, and the
// life of pods bound to them (start, readiness, completion, graceful deletion, restarts).

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { Client } from '../../client/client.js';
import { KiteServer } from '../../server/kite-server.js';
import { ipToNumber, parseCIDR } from './addresses.js';
import { startSimulatedNodes } from './fleet.js';
import { RUN_SECONDS_ANNOTATION } from './pod-timeline.js';

const FAST = {
  podStartDelayMs: 200,
  podStopDelayMs: 300,
  leaseRenewIntervalMs: 200,
  nodeStatusReportIntervalMs: 400,
};

/** Polls fn until it returns something other than undefined/false; fails after timeoutMs. */
async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

interface Harness {
  server: KiteServer;
  client: Client;
  dataDir: string;
}

async function startServer(simulatedNodes?: ConstructorParameters<typeof KiteServer>[0]['simulatedNodes']): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-sim-'));
  // No scheduler: the tests place pods themselves (binding, or spec.nodeName).
  const server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, controllers: [], scheduler: false, ...(simulatedNodes ? { simulatedNodes } : {}) });
  await server.start();
  const client = Client.inProcess(server.apiServer, { userAgent: 'test' });
  await client.core.serviceaccounts('default').create({ metadata: { name: 'default' } }).catch(() => undefined);
  return { server, client, dataDir };
}

async function stopServer(h: Harness): Promise<void> {
  h.client.close();
  await h.server.stop();
  rmSync(h.dataDir, { recursive: true, force: true });
}

function podSpec(name: string, extra: Partial<NonNullable<Pod['spec']>> = {}, annotations?: Record<string, string>): Pod {
  return { metadata: { name, ...(annotations ? { annotations } : {}) }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }], ...extra } };
}

function inCIDR(ip: string, cidr: string): boolean {
  const { base, prefix } = parseCIDR(cidr);
  const n = ipToNumber(ip);
  return n >= base && n < base + 2 ** (32 - prefix);
}

const ready = (p: Pod) => p.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';

describe('a fleet of simulated nodes in kite server', () => {
  let h: Harness;
  const pods = () => h.client.core.pods('default');
  const getPod = (name: string) => pods().get(name);

  before(async () => {
    h = await startServer({ count: 3, ...FAST });
  });
  after(async () => {
    const stats = h.server.simulatedNodes!.stats();
    await stopServer(h);
    assert.equal(stats.failures, 0, `fleet failures: ${JSON.stringify(stats)}`);
  });

  it('registers the nodes Ready, each with its own pod CIDR and a Lease', async () => {
    assert.deepEqual(h.server.simulatedNodes!.nodeNames, ['kite-sim-node-0', 'kite-sim-node-1', 'kite-sim-node-2']);
    const nodes = (await h.client.core.nodes().list({ labelSelector: 'node.kubernetes.io/instance-type=kite-simulated' })).items;
    assert.equal(nodes.length, 3);
    for (const [i, node] of nodes.entries()) {
      assert.equal(node.spec!.podCIDR, `10.42.${i}.0/24`);
      assert.ok(ready(node as Pod), `${node.metadata.name} Ready`);
      assert.deepEqual(node.status!.addresses![0], { type: 'InternalIP', address: `172.16.1.${i + 1}` });
      const lease = await h.client.coordination.leases('kube-node-lease').get(node.metadata.name!);
      assert.equal(lease.spec!.holderIdentity, node.metadata.name);
      assert.equal(lease.spec!.leaseDurationSeconds, 40);
      assert.deepEqual(lease.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid }]);
    }
  });

  it('renews the leases and reports node status as heartbeats', async () => {
    const leases = h.client.coordination.leases('kube-node-lease');
    const first = (await leases.get('kite-sim-node-0')).spec!.renewTime!;
    await eventually('a lease renewal', async () => (await leases.get('kite-sim-node-0')).spec!.renewTime! > first);
    const heartbeat = async () => (await h.client.core.nodes().get('kite-sim-node-1')).status!.conditions!.find((c) => c.type === 'Ready')!;
    const before = await heartbeat();
    const later = await eventually('a newer node heartbeat', async () => {
      const c = await heartbeat();
      return c.lastHeartbeatTime! > before.lastHeartbeatTime! && c;
    });
    assert.equal(later.lastTransitionTime, before.lastTransitionTime);
    assert.ok(h.server.simulatedNodes!.stats().leaseRenewals > 0);
  });

  it('runs a pod bound through pods/binding: Running, Ready, with an IP of its node', async () => {
    await pods().create(podSpec('bound'));
    await pods().subresource('bound', 'binding', 'POST', { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'bound' }, target: { kind: 'Node', name: 'kite-sim-node-1' } });
    const pod = await eventually('the pod Running and Ready', async () => {
      const p = await getPod('bound');
      return p.status?.phase === 'Running' && ready(p) && p;
    });
    assert.ok(inCIDR(pod.status!.podIP!, '10.42.1.0/24'), pod.status!.podIP);
    assert.equal(pod.status!.hostIP, '172.16.1.2');
    assert.ok(pod.status!.startTime);
    assert.deepEqual(
      pod.status!.conditions!.map((c) => `${c.type}=${c.status}`),
      ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True'],
    );
    const c = pod.status!.containerStatuses![0]!;
    assert.equal(c.ready, true);
    assert.equal(c.started, true);
    assert.equal(c.image, 'docker.io/library/nginx:1.27');
    assert.match(c.containerID!, /^sim:\/\/[0-9a-f]{64}$/);
    assert.ok(c.state!.running!.startedAt);
    assert.equal(pod.status!.qosClass, 'BestEffort');
    // The fleet caches pods without managedFields; its status writes keep the stored ones.
    assert.deepEqual(pod.metadata.managedFields!.map((m) => `${m.manager}/${m.subresource ?? ''}`).sort(), ['kubelet/status', 'test/']);
  });

  it('runs a pod created with spec.nodeName; a pod on an unknown node stays Pending', async () => {
    await pods().create(podSpec('direct', { nodeName: 'kite-sim-node-2' }));
    await pods().create(podSpec('nowhere', { nodeName: 'no-such-node' }));
    const direct = await eventually('the pod Running', async () => {
      const p = await getPod('direct');
      return p.status?.phase === 'Running' && p;
    });
    assert.ok(inCIDR(direct.status!.podIP!, '10.42.2.0/24'));
    assert.ok(direct.status!.conditions!.some((c) => c.type === 'PodScheduled' && c.status === 'True'));
    const nowhere = await getPod('nowhere');
    assert.equal(nowhere.status!.phase, 'Pending');
    assert.equal(nowhere.status!.podIP, undefined);
  });

  it('shows ContainerCreating until the start delay has passed', async () => {
    await pods().create(podSpec('slow', { nodeName: 'kite-sim-node-0' }));
    const creating = await eventually('the pod ContainerCreating', async () => {
      const p = await getPod('slow');
      return p.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating' && p;
    });
    assert.equal(creating.status!.phase, 'Pending');
    assert.equal(creating.status!.hostIP, '172.16.1.1');
    await eventually('the pod Running', async () => (await getPod('slow')).status?.phase === 'Running');
  });

  it('keeps a pod whose readinessProbe is an exec of false Running but never Ready', async () => {
    const probe = { exec: { command: ['false'] }, periodSeconds: 1 };
    await pods().create({ metadata: { name: 'never-ready' }, spec: { nodeName: 'kite-sim-node-0', containers: [{ name: 'web', image: 'nginx', readinessProbe: probe }] } });
    await eventually('the pod Running', async () => (await getPod('never-ready')).status?.phase === 'Running');
    await new Promise((r) => setTimeout(r, 800));
    const pod = await getPod('never-ready');
    assert.equal(ready(pod), false);
    const readyCondition = pod.status!.conditions!.find((c) => c.type === 'Ready')!;
    assert.equal(readyCondition.reason, 'ContainersNotReady');
    assert.equal(readyCondition.message, 'containers with unready status: [web]');
    assert.equal(pod.status!.containerStatuses![0]!.ready, false);
  });

  it('makes a pod Ready after its readinessProbe initialDelaySeconds', async () => {
    const probe = { httpGet: { port: 80, path: '/' }, initialDelaySeconds: 1 };
    await pods().create({ metadata: { name: 'delayed' }, spec: { nodeName: 'kite-sim-node-1', containers: [{ name: 'web', image: 'nginx', readinessProbe: probe }] } });
    const running = await eventually('the pod Running', async () => {
      const p = await getPod('delayed');
      return p.status?.phase === 'Running' && p;
    });
    assert.equal(ready(running), false, 'not Ready before the initial delay');
    const startedAt = Date.parse(running.status!.containerStatuses![0]!.state!.running!.startedAt!);
    await eventually('the pod Ready', async () => ready(await getPod('delayed')));
    assert.ok(Date.now() - startedAt >= 1000);
  });

  it('completes a restartPolicy Never pod after kite.io/simulated-run-seconds and frees its IP', async () => {
    await pods().create(podSpec('job', { nodeName: 'kite-sim-node-2', restartPolicy: 'Never' }, { [RUN_SECONDS_ANNOTATION]: '0.3' }));
    const running = await eventually('the pod Running', async () => {
      const p = await getPod('job');
      return p.status?.phase === 'Running' && p;
    });
    const done = await eventually('the pod Succeeded', async () => {
      const p = await getPod('job');
      return p.status?.phase === 'Succeeded' && p;
    });
    assert.equal(done.status!.containerStatuses![0]!.state!.terminated!.reason, 'Completed');
    assert.equal(done.status!.podIP, running.status!.podIP);
    await pods().create(podSpec('after-job', { nodeName: 'kite-sim-node-2' }));
    const next = await eventually('the next pod Running', async () => {
      const p = await getPod('after-job');
      return p.status?.phase === 'Running' && p;
    });
    assert.equal(next.status!.podIP, running.status!.podIP, 'the lowest free IP again');
    await pods().delete('job');
    await assert.rejects(getPod('job'), /not found/, 'a terminal pod is deleted at once');
  });

  it('deletes a bound pod gracefully: marked first, removed by its kubelet after the stop delay', async () => {
    await pods().create(podSpec('doomed', { nodeName: 'kite-sim-node-0', terminationGracePeriodSeconds: 30 }));
    await eventually('the pod Running', async () => (await getPod('doomed')).status?.phase === 'Running');
    const t0 = Date.now();
    const marked = (await pods().delete('doomed')) as Pod;
    assert.ok(marked.metadata.deletionTimestamp, 'the API server only marks a bound pod');
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 30);
    assert.ok((await getPod('doomed')).metadata.deletionTimestamp);
    await eventually('the pod gone', async () => {
      try {
        await getPod('doomed');
        return false;
      } catch (err) {
        return /not found/.test(String(err));
      }
    });
    const took = Date.now() - t0;
    assert.ok(took >= FAST.podStopDelayMs - 50 && took < 5000, `deleted after ${took} ms`);
  });

  it('stops a pod within a grace period shorter than the stop delay', async () => {
    await pods().create(podSpec('quick', { nodeName: 'kite-sim-node-0', terminationGracePeriodSeconds: 0 }));
    await eventually('the pod Running', async () => (await getPod('quick')).status?.phase === 'Running');
    // terminationGracePeriodSeconds 0 is a grace period of 0 once bound: gone at once.
    await pods().delete('quick', { gracePeriodSeconds: 0 });
    await assert.rejects(getPod('quick'), /not found/);
  });

  it('treats a negative grace period as one second (CheckGracefulDelete)', async () => {
    await pods().create(podSpec('negative', { nodeName: 'kite-sim-node-1' }));
    await eventually('the pod Running', async () => (await getPod('negative')).status?.phase === 'Running');
    const marked = (await pods().delete('negative', { gracePeriodSeconds: -1 })) as Pod;
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 1);
    await eventually('the pod gone', async () => getPod('negative').then(() => false, (err) => /not found/.test(String(err))));
  });

  it('deletes an unbound pod at once (no kubelet has to stop it)', async () => {
    await pods().create(podSpec('unbound'));
    await pods().delete('unbound');
    await assert.rejects(getPod('unbound'), /not found/);
  });
});

describe('a simulated fleet restarted, and a node deleted', () => {
  let h: Harness;
  before(async () => {
    h = await startServer();
  });
  after(() => stopServer(h));

  it('keeps nodes, pod IPs and start times across a restart of the fleet', async () => {
    const kubelet = Client.inProcess(h.server.apiServer, { userAgent: 'kubelet' });
    const settings = { client: kubelet, count: 2, prefix: 'restart', ...FAST };
    let fleet = await startSimulatedNodes(settings);
    const pods = h.client.core.pods('default');
    await pods.create(podSpec('survivor', { nodeName: 'restart-1' }));
    const before = await eventually('the pod Running', async () => {
      const p = await pods.get('survivor');
      return p.status?.phase === 'Running' && p;
    });
    const nodeBefore = await h.client.core.nodes().get('restart-1');
    await fleet.stop();

    fleet = await startSimulatedNodes(settings);
    try {
      assert.equal((await h.client.core.nodes().list({})).items.filter((n) => n.metadata.name!.startsWith('restart-')).length, 2);
      const nodeAfter = await h.client.core.nodes().get('restart-1');
      assert.equal(nodeAfter.metadata.uid, nodeBefore.metadata.uid);
      const readyOf = (n: typeof nodeAfter) => n.status!.conditions!.find((c) => c.type === 'Ready')!;
      assert.equal(readyOf(nodeAfter).lastTransitionTime, readyOf(nodeBefore).lastTransitionTime);
      assert.notEqual(nodeAfter.status!.nodeInfo!.bootID, nodeBefore.status!.nodeInfo!.bootID, 'a new boot');
      await pods.create(podSpec('newcomer', { nodeName: 'restart-1' }));
      const newcomer = await eventually('the new pod Running', async () => {
        const p = await pods.get('newcomer');
        return p.status?.phase === 'Running' && p;
      });
      assert.notEqual(newcomer.status!.podIP, before.status!.podIP, 'the survivor keeps its IP');
      const after = await pods.get('survivor');
      assert.equal(after.status!.podIP, before.status!.podIP);
      assert.equal(after.status!.startTime, before.status!.startTime);
    } finally {
      await fleet.stop();
      kubelet.close();
    }
  });

  it('keeps the podCIDR a Node already has, and holds pods in ContainerCreating while it is full', async () => {
    // A /30 has one pod IP (.2).
    await h.client.core.nodes().create({ metadata: { name: 'tiny-0' }, spec: { podCIDR: '10.99.0.0/30', podCIDRs: ['10.99.0.0/30'] } });
    const kubelet = Client.inProcess(h.server.apiServer, { userAgent: 'kubelet' });
    const fleet = await startSimulatedNodes({ client: kubelet, count: 1, prefix: 'tiny', ...FAST });
    try {
      const pods = h.client.core.pods('default');
      await pods.create(podSpec('first', { nodeName: 'tiny-0' }));
      const first = await eventually('the first pod Running', async () => {
        const p = await pods.get('first');
        return p.status?.phase === 'Running' && p;
      });
      assert.equal(first.status!.podIP, '10.99.0.2');
      await pods.create(podSpec('second', { nodeName: 'tiny-0' }));
      await eventually('the second pod ContainerCreating', async () => (await pods.get('second')).status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ContainerCreating');
      await new Promise((r) => setTimeout(r, 500));
      assert.equal((await pods.get('second')).status!.phase, 'Pending', 'no IP, no start');
      await pods.delete('first', { gracePeriodSeconds: 0 });
      const second = await eventually('the second pod Running', async () => {
        const p = await pods.get('second');
        return p.status?.phase === 'Running' && p;
      });
      assert.equal(second.status!.podIP, '10.99.0.2');
    } finally {
      await fleet.stop();
      kubelet.close();
    }
  });

  it('does not register a deleted Node again (as the kubelet), and keeps running its pods', async () => {
    const kubelet = Client.inProcess(h.server.apiServer, { userAgent: 'kubelet' });
    const errors: string[] = [];
    const fleet = await startSimulatedNodes({ client: kubelet, count: 1, prefix: 'lonely', ...FAST, onError: (what) => errors.push(what) });
    try {
      await h.client.core.nodes().delete('lonely-0');
      await eventually('the missing node noticed', async () => errors.some((e) => e.includes('lonely-0')));
      await assert.rejects(h.client.core.nodes().get('lonely-0'), /not found/);
      const pods = h.client.core.pods('default');
      await pods.create(podSpec('orphan', { nodeName: 'lonely-0' }));
      await eventually('the pod Running', async () => (await pods.get('orphan')).status?.phase === 'Running');
    } finally {
      await fleet.stop();
      kubelet.close();
    }
  });
});
