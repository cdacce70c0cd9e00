// kite's scheduler end to end: real `kite server` processes with simulated nodes, driven by
// the real kubectl — nodeSelector, node affinity, taints and tolerations, cordon, resource
// fit with kube-scheduler's FailedScheduling messages, host ports, pod anti-affinity,
// topology spread, preemption, a server restarted while pods wait, and
// `--scheduler-config` profiles.
//
// Every assertion is on what kubectl prints or returns. Each test works in its own namespace
// (or on its own server) and undoes what it did to nodes (labels, taints, cordons, added
// Node objects), so the tests do not depend on one another's order.
//
// Nodes created with kubectl are not served by the simulated kubelet: a pod bound to one
// stays Pending with spec.nodeName set, which is all these tests need to see (the binding is
// the scheduler's work). Such pods are force-deleted, as nothing would finish their graceful
// deletion.
//
// Failure messages are kube-scheduler 1.32's. Once DefaultPreemption runs, kube-scheduler
// appends " preemption: ..." to them (e.g. "0/3 nodes are available: 3 Insufficient cpu.
// preemption: 0/3 nodes are available: 3 No preemption victims found for incoming pod."), so
// the assertions match the message up to that suffix and accept it when present.
//
// Pod anti-affinity, topology spread and preemption need the InterPodAffinity,
// PodTopologySpread and DefaultPreemption plugins; their tests assert kube-scheduler's
// behaviour and fail until those plugins are in the default profile.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { type KiteProcess, run, startKite } from './harness.js';

const REPO = fileURLToPath(new URL('../../..', import.meta.url));
const KITE_BIN = join(REPO, 'bin', 'kite.js');

const SIM_FLAGS = ['--simulated-pod-start-delay', '200ms', '--simulated-pod-stop-delay', '100ms'];

// ---- helpers ----

async function waitFor<T>(kite: KiteProcess, what: string, probe: () => Promise<T | undefined | false | null | ''>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v !== undefined && v !== false && v !== null && v !== '') return v as T;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}${kite.exitReport()}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}

/** A namespace whose default ServiceAccount exists (pods need it). */
async function createNamespace(kite: KiteProcess, ns: string): Promise<void> {
  assert.equal(await kite.k(['create', 'namespace', ns]), `namespace/${ns} created\n`);
  await waitFor(kite, `the default ServiceAccount of ${ns}`, async () => (await kite.kubectl(['-n', ns, 'get', 'serviceaccount', 'default'])).code === 0);
}

/** Deletes the namespace and waits until it is gone (its pods stopped by the kubelet). */
async function deleteNamespace(kite: KiteProcess, ns: string): Promise<void> {
  await kite.k(['delete', 'namespace', ns, '--timeout=60s']);
}

/** Force-deletes pods that no kubelet will ever stop (bound to nodes made with kubectl). */
async function forceDelete(kite: KiteProcess, ns: string, names: readonly string[]): Promise<void> {
  if (names.length === 0) return;
  await kite.kubectl(['-n', ns, 'delete', 'pod', ...names, '--grace-period=0', '--force', '--ignore-not-found']);
}

interface PodOptions {
  readonly cpu?: string;
  readonly memory?: string;
  readonly labels?: Record<string, string>;
  readonly image?: string;
  readonly hostPort?: number;
  /** Other spec fields (nodeSelector, affinity, tolerations, schedulerName, ...). */
  readonly spec?: Record<string, unknown>;
}

function podManifest(name: string, o: PodOptions = {}): Record<string, unknown> {
  const requests: Record<string, string> = {};
  if (o.cpu) requests.cpu = o.cpu;
  if (o.memory) requests.memory = o.memory;
  const container: Record<string, unknown> = { name: 'web', image: o.image ?? 'nginx' };
  if (Object.keys(requests).length > 0) container.resources = { requests };
  if (o.hostPort !== undefined) container.ports = [{ containerPort: 80, hostPort: o.hostPort }];
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, ...(o.labels ? { labels: o.labels } : {}) },
    spec: { containers: [container], terminationGracePeriodSeconds: 1, ...o.spec },
  };
}

async function createPod(kite: KiteProcess, ns: string, name: string, o: PodOptions = {}): Promise<void> {
  assert.equal(await kite.k(['-n', ns, 'create', '-f', '-'], JSON.stringify(podManifest(name, o))), `pod/${name} created\n`);
}

/** `kubectl get pod -o jsonpath=...` */
async function podField(kite: KiteProcess, ns: string, name: string, jsonpath: string): Promise<string> {
  return kite.k(['-n', ns, 'get', 'pod', name, '-o', `jsonpath=${jsonpath}`]);
}

async function boundNode(kite: KiteProcess, ns: string, name: string, timeoutMs?: number): Promise<string> {
  return waitFor(kite, `pod ${ns}/${name} bound`, () => podField(kite, ns, name, '{.spec.nodeName}'), timeoutMs);
}

async function runningOn(kite: KiteProcess, ns: string, name: string): Promise<string> {
  return waitFor(kite, `pod ${ns}/${name} Running`, async () => {
    const [phase, node] = (await podField(kite, ns, name, '{.status.phase} {.spec.nodeName}')).split(' ');
    return phase === 'Running' && node;
  });
}

interface CoreEvent {
  reason: string;
  message: string;
  type: string;
  source?: { component?: string };
  involvedObject: { name: string; uid?: string };
}

async function podEvents(kite: KiteProcess, ns: string, name: string, reason?: string): Promise<CoreEvent[]> {
  const selector = `involvedObject.name=${name}${reason ? `,reason=${reason}` : ''}`;
  const list = await kite.kJson<{ items: CoreEvent[] }>(['-n', ns, 'get', 'events', '--field-selector', selector]);
  return list.items;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A FailedScheduling message: `base`, then DefaultPreemption's part if it ran. */
function fitMessage(base: string): RegExp {
  return new RegExp(`^${escapeRegExp(base)}( preemption: 0/\\d+ nodes are available: .+\\.)?$`);
}

/** Waits until the pod is Unschedulable; returns the PodScheduled condition's message. */
async function unschedulable(kite: KiteProcess, ns: string, name: string): Promise<string> {
  const cond = await waitFor(kite, `pod ${ns}/${name} Unschedulable`, async () => {
    const pod = await kite.kJson(['-n', ns, 'get', 'pod', name]);
    const c = (pod.status?.conditions ?? []).find((x: { type: string }) => x.type === 'PodScheduled');
    return c && c.status === 'False' && c.reason === 'Unschedulable' && !pod.spec.nodeName ? (c as { message: string }) : undefined;
  });
  assert.equal(await podField(kite, ns, name, '{.spec.nodeName}'), '', 'an unschedulable pod is not bound');
  return cond.message;
}

/** The latest FailedScheduling event of a pod (waits for one). */
async function failedScheduling(kite: KiteProcess, ns: string, name: string, matching: RegExp): Promise<CoreEvent> {
  return waitFor(kite, `a FailedScheduling event of ${ns}/${name} matching ${matching}`, async () =>
    (await podEvents(kite, ns, name, 'FailedScheduling')).find((e) => e.type === 'Warning' && matching.test(e.message)),
  );
}

function nodeManifest(name: string, cpu: string, labels: Record<string, string> = {}): string {
  const resources = { cpu, memory: '64Gi', pods: '110' };
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...labels } },
    status: {
      capacity: resources,
      allocatable: resources,
      conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
    },
  });
}

/** The `kubectl get pods` rows of a namespace: name -> { STATUS, NODE, ... }. */
async function podRows(kite: KiteProcess, ns: string, selector?: string): Promise<Map<string, Record<string, string>>> {
  const out = await kite.k(['-n', ns, 'get', 'pods', '-o', 'wide', ...(selector ? ['-l', selector] : [])]);
  const lines = out.trimEnd().split('\n');
  const rows = new Map<string, Record<string, string>>();
  if (lines.length === 0 || !lines[0]!.startsWith('NAME')) return rows;
  const header = lines[0]!.split(/\s{2,}/);
  for (const line of lines.slice(1)) {
    const cells = line.split(/\s{2,}/);
    rows.set(cells[0]!, Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])));
  }
  return rows;
}

// ---- a three-node cluster ----

describe('scheduling on three simulated nodes', () => {
  let kite: KiteProcess;
  const nodes = ['sched-0', 'sched-1', 'sched-2'];

  before(async () => {
    kite = await startKite({
      storage: 'memory',
      args: ['--simulated-nodes', '3', '--simulated-node-prefix', 'sched', '--simulated-node-cpu', '4', '--simulated-node-memory', '16Gi', ...SIM_FLAGS],
    });
  });
  after(async () => {
    await kite?.stop();
  });

  test('nodeSelector: the pod lands on the labelled node', async () => {
    const ns = 'sel';
    await createNamespace(kite, ns);
    try {
      assert.equal(await kite.k(['label', 'node', 'sched-1', 'e2e-disk=ssd']), 'node/sched-1 labeled\n');
      await createPod(kite, ns, 'ssd', { spec: { nodeSelector: { 'e2e-disk': 'ssd' } } });
      assert.equal(await runningOn(kite, ns, 'ssd'), 'sched-1');
      const row = (await podRows(kite, ns)).get('ssd')!;
      assert.equal(row.NODE, 'sched-1');
      assert.equal(row.STATUS, 'Running');
      const [scheduled] = await podEvents(kite, ns, 'ssd', 'Scheduled');
      assert.equal(scheduled?.message, `Successfully assigned ${ns}/ssd to sched-1`);
      assert.equal(scheduled?.source?.component, 'default-scheduler');

      // A selector no node matches.
      await createPod(kite, ns, 'nowhere', { spec: { nodeSelector: { 'e2e-disk': 'nvme' } } });
      assert.match(await unschedulable(kite, ns, 'nowhere'), fitMessage("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."));
    } finally {
      await kite.k(['label', 'node', 'sched-1', 'e2e-disk-']);
      await deleteNamespace(kite, ns);
    }
  });

  test('node affinity: required terms restrict the nodes, preferred terms choose among them', async () => {
    const ns = 'affinity';
    await createNamespace(kite, ns);
    try {
      await kite.k(['label', 'node', 'sched-0', 'e2e-tier=silver']);
      await kite.k(['label', 'node', 'sched-2', 'e2e-tier=gold']);
      const required = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'e2e-tier', operator: 'In', values: ['gold'] }] }],
          },
        },
      };
      await createPod(kite, ns, 'gold', { spec: { affinity: required } });
      assert.equal(await boundNode(kite, ns, 'gold'), 'sched-2');

      // Preferred: any node qualifies, the silver one scores highest.
      const preferred = {
        nodeAffinity: {
          preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 100, preference: { matchExpressions: [{ key: 'e2e-tier', operator: 'In', values: ['silver'] }] } }],
        },
      };
      await createPod(kite, ns, 'silver', { spec: { affinity: preferred } });
      assert.equal(await boundNode(kite, ns, 'silver'), 'sched-0');

      // Required terms no node satisfies (Exists on an absent key; NotIn every tier).
      const impossible = {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'e2e-tier', operator: 'Exists' },
                  { key: 'e2e-tier', operator: 'NotIn', values: ['gold', 'silver'] },
                ],
              },
            ],
          },
        },
      };
      await createPod(kite, ns, 'impossible', { spec: { affinity: impossible } });
      assert.match(await unschedulable(kite, ns, 'impossible'), fitMessage("0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector."));
      // Labelling a node to match moves the waiting pod there.
      await kite.k(['label', 'node', 'sched-1', 'e2e-tier=bronze']);
      assert.equal(await boundNode(kite, ns, 'impossible'), 'sched-1');
    } finally {
      for (const n of nodes) await kite.k(['label', 'node', n, 'e2e-tier-']);
      await deleteNamespace(kite, ns);
    }
  });

  test('taints and tolerations: untolerated pods avoid tainted nodes, tolerating pods may go there', async () => {
    const ns = 'taints';
    await createNamespace(kite, ns);
    try {
      assert.equal(await kite.k(['taint', 'nodes', 'sched-0', 'e2e-dedicated=infra:NoSchedule']), 'node/sched-0 tainted\n');
      assert.equal(await kite.k(['taint', 'nodes', 'sched-1', 'e2e-dedicated=infra:NoSchedule']), 'node/sched-1 tainted\n');
      for (let i = 0; i < 4; i++) await createPod(kite, ns, `plain-${i}`);
      for (let i = 0; i < 4; i++) assert.equal(await boundNode(kite, ns, `plain-${i}`), 'sched-2', `plain-${i} avoids the tainted nodes`);

      const toleration = { key: 'e2e-dedicated', operator: 'Equal', value: 'infra', effect: 'NoSchedule' };
      await createPod(kite, ns, 'tolerant', { spec: { tolerations: [toleration], nodeSelector: { 'kubernetes.io/hostname': 'sched-0' } } });
      assert.equal(await runningOn(kite, ns, 'tolerant'), 'sched-0');

      // Every node tainted: an untolerated pod waits, with kube-scheduler's message ...
      assert.equal(await kite.k(['taint', 'nodes', 'sched-2', 'e2e-dedicated=infra:NoSchedule']), 'node/sched-2 tainted\n');
      await createPod(kite, ns, 'waiting');
      const expected = fitMessage('0/3 nodes are available: 3 node(s) had untolerated taint {e2e-dedicated: infra}.');
      assert.match(await unschedulable(kite, ns, 'waiting'), expected);
      await failedScheduling(kite, ns, 'waiting', expected);
      // ... until a taint is removed.
      assert.equal(await kite.k(['taint', 'nodes', 'sched-1', 'e2e-dedicated=infra:NoSchedule-']), 'node/sched-1 untainted\n');
      assert.equal(await boundNode(kite, ns, 'waiting'), 'sched-1');
    } finally {
      for (const n of nodes) await kite.kubectl(['taint', 'nodes', n, 'e2e-dedicated-']);
      await deleteNamespace(kite, ns);
    }
  });

  test('cordon: new pods avoid a cordoned node until it is uncordoned', async () => {
    const ns = 'cordon';
    await createNamespace(kite, ns);
    try {
      assert.equal(await kite.k(['cordon', 'sched-0']), 'node/sched-0 cordoned\n');
      assert.match(await kite.k(['get', 'node', 'sched-0']), /\nsched-0\s+Ready,SchedulingDisabled\s/);
      for (let i = 0; i < 6; i++) await createPod(kite, ns, `p-${i}`);
      for (let i = 0; i < 6; i++) assert.notEqual(await boundNode(kite, ns, `p-${i}`), 'sched-0');

      await createPod(kite, ns, 'pinned', { spec: { nodeSelector: { 'kubernetes.io/hostname': 'sched-0' } } });
      assert.match(
        await unschedulable(kite, ns, 'pinned'),
        fitMessage("0/3 nodes are available: 1 node(s) were unschedulable, 2 node(s) didn't match Pod's node affinity/selector."),
      );
      assert.equal(await kite.k(['uncordon', 'sched-0']), 'node/sched-0 uncordoned\n');
      assert.equal(await runningOn(kite, ns, 'pinned'), 'sched-0');
    } finally {
      await kite.kubectl(['uncordon', 'sched-0']);
      await deleteNamespace(kite, ns);
    }
  });

  test('resource fit: a pod bigger than every node waits, FailedScheduling says why, a node that fits takes it', async () => {
    const ns = 'fit';
    const extra = 'sched-big';
    await createNamespace(kite, ns);
    try {
      await createPod(kite, ns, 'huge', { cpu: '8' });
      const base = '0/3 nodes are available: 3 Insufficient cpu.';
      assert.match(await unschedulable(kite, ns, 'huge'), fitMessage(base));

      const row = (await podRows(kite, ns)).get('huge')!;
      assert.equal(row.STATUS, 'Pending');
      assert.equal(row.NODE, '<none>');
      const pod = await kite.kJson(['-n', ns, 'get', 'pod', 'huge']);
      const cond = pod.status.conditions.find((c: { type: string }) => c.type === 'PodScheduled');
      assert.equal(cond.status, 'False');
      assert.equal(cond.reason, 'Unschedulable');
      assert.equal(pod.status.phase, 'Pending');

      const event = await failedScheduling(kite, ns, 'huge', fitMessage(base));
      assert.equal(event.source?.component, 'default-scheduler');
      const describe = await kite.k(['-n', ns, 'describe', 'pod', 'huge']);
      assert.match(describe, /^Status:\s+Pending$/m);
      assert.match(describe, new RegExp(`^\\s+Warning\\s+FailedScheduling\\s+\\S+\\s+default-scheduler\\s+${escapeRegExp(base)}`, 'm'));
      const events = await kite.k(['-n', ns, 'get', 'events', '--field-selector', 'involvedObject.name=huge']);
      assert.match(events, new RegExp(`Warning\\s+FailedScheduling\\s+pod/huge\\s+${escapeRegExp(base)}`));

      // A node with room for it joins: the pod is bound to it.
      assert.equal(await kite.k(['create', '-f', '-'], nodeManifest(extra, '16')), `node/${extra} created\n`);
      assert.equal(await boundNode(kite, ns, 'huge'), extra);
      const scheduled = await waitFor(kite, 'the Scheduled event', async () => (await podEvents(kite, ns, 'huge', 'Scheduled'))[0]);
      assert.equal(scheduled.message, `Successfully assigned ${ns}/huge to ${extra}`);
      assert.match(await kite.k(['-n', ns, 'get', 'events', '--field-selector', 'involvedObject.name=huge,reason=Scheduled']), new RegExp(`Normal\\s+Scheduled\\s+pod/huge\\s+Successfully assigned ${ns}/huge to ${extra}`));
    } finally {
      await forceDelete(kite, ns, ['huge']);
      await kite.kubectl(['delete', 'node', extra, '--ignore-not-found']);
      await deleteNamespace(kite, ns);
    }
  });

  test('pod anti-affinity: three replicas spread one per node, a fourth waits', async () => {
    const ns = 'anti';
    await createNamespace(kite, ns);
    try {
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'spread' },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: 'spread' } },
          template: {
            metadata: { labels: { app: 'spread' } },
            spec: {
              terminationGracePeriodSeconds: 1,
              affinity: {
                podAntiAffinity: {
                  requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabels: { app: 'spread' } }, topologyKey: 'kubernetes.io/hostname' }],
                },
              },
              containers: [{ name: 'web', image: 'nginx' }],
            },
          },
        },
      };
      await kite.k(['-n', ns, 'create', '-f', '-'], JSON.stringify(deployment));
      assert.match(await kite.k(['-n', ns, 'rollout', 'status', 'deployment/spread', '--timeout=60s']), /successfully rolled out/);
      const rows = await podRows(kite, ns, 'app=spread');
      assert.equal(rows.size, 3);
      assert.deepEqual([...rows.values()].map((r) => r.NODE).sort(), nodes);

      assert.equal(await kite.k(['-n', ns, 'scale', 'deployment/spread', '--replicas=4']), 'deployment.apps/spread scaled\n');
      const fourth = await waitFor(kite, 'the fourth replica', async () => {
        const all = await podRows(kite, ns, 'app=spread');
        return all.size === 4 ? [...all.values()].find((r) => r.NODE === '<none>') : undefined;
      });
      assert.equal(fourth.STATUS, 'Pending');
      const base = "0/3 nodes are available: 3 node(s) didn't match pod anti-affinity rules.";
      assert.match(await unschedulable(kite, ns, fourth.NAME!), fitMessage(base));
      await failedScheduling(kite, ns, fourth.NAME!, fitMessage(base));
      // Still one per node: the fourth stayed out.
      const after = await podRows(kite, ns, 'app=spread');
      assert.deepEqual(
        [...after.values()]
          .map((r) => r.NODE)
          .filter((n) => n !== '<none>')
          .sort(),
        nodes,
      );
    } finally {
      await deleteNamespace(kite, ns);
    }
  });

  test('topology spread: a DoNotSchedule zone constraint with maxSkew 1 balances the zones', async () => {
    const ns = 'zones';
    const zoneOf: Record<string, string> = { 'sched-0': 'a', 'sched-1': 'a', 'sched-2': 'b' };
    await createNamespace(kite, ns);
    try {
      for (const [node, zone] of Object.entries(zoneOf)) {
        assert.equal(await kite.k(['label', 'node', node, `topology.kubernetes.io/zone=${zone}`]), `node/${node} labeled\n`);
      }
      const deployment = {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'zoned' },
        spec: {
          replicas: 6,
          selector: { matchLabels: { app: 'zoned' } },
          template: {
            metadata: { labels: { app: 'zoned' } },
            spec: {
              terminationGracePeriodSeconds: 1,
              topologySpreadConstraints: [
                { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: { app: 'zoned' } } },
              ],
              containers: [{ name: 'web', image: 'nginx' }],
            },
          },
        },
      };
      await kite.k(['-n', ns, 'create', '-f', '-'], JSON.stringify(deployment));
      assert.match(await kite.k(['-n', ns, 'rollout', 'status', 'deployment/zoned', '--timeout=60s']), /successfully rolled out/);
      const rows = await podRows(kite, ns, 'app=zoned');
      assert.equal(rows.size, 6);
      const perZone = { a: 0, b: 0 } as Record<string, number>;
      for (const r of rows.values()) perZone[zoneOf[r.NODE!]!]!++;
      assert.deepEqual(perZone, { a: 3, b: 3 }, `pods per zone: ${JSON.stringify(perZone)}`);
    } finally {
      for (const n of nodes) await kite.k(['label', 'node', n, 'topology.kubernetes.io/zone-']);
      await deleteNamespace(kite, ns);
    }
  });
});

// ---- a one-node cluster ----

describe('scheduling on one simulated node', () => {
  let kite: KiteProcess;

  before(async () => {
    kite = await startKite({ storage: 'memory', args: ['--simulated-nodes', '1', '--simulated-node-prefix', 'solo', '--simulated-node-cpu', '4', ...SIM_FLAGS] });
  });
  after(async () => {
    await kite?.stop();
  });

  test('host ports: a second pod asking for a taken hostPort waits until the port is free', async () => {
    const ns = 'ports';
    await createNamespace(kite, ns);
    try {
      await createPod(kite, ns, 'first', { hostPort: 8080 });
      assert.equal(await runningOn(kite, ns, 'first'), 'solo-0');
      await createPod(kite, ns, 'second', { hostPort: 8080 });
      const base = "0/1 nodes are available: 1 node(s) didn't have free ports for the requested pod ports.";
      assert.match(await unschedulable(kite, ns, 'second'), fitMessage(base));
      await failedScheduling(kite, ns, 'second', fitMessage(base));
      assert.equal((await podRows(kite, ns)).get('second')!.STATUS, 'Pending');
      // Another port is free.
      await createPod(kite, ns, 'other-port', { hostPort: 8081 });
      assert.equal(await boundNode(kite, ns, 'other-port'), 'solo-0');

      assert.equal(await kite.k(['-n', ns, 'delete', 'pod', 'first']), 'pod "first" deleted\n');
      assert.equal(await runningOn(kite, ns, 'second'), 'solo-0');
    } finally {
      await deleteNamespace(kite, ns);
    }
  });

  test('preemption: a high-priority pod evicts a low-priority one from a full node', async () => {
    const ns = 'preempt';
    await createNamespace(kite, ns);
    try {
      assert.equal(await kite.k(['create', 'priorityclass', 'e2e-low', '--value=100']), 'priorityclass.scheduling.k8s.io/e2e-low created\n');
      assert.equal(await kite.k(['create', 'priorityclass', 'e2e-high', '--value=1000']), 'priorityclass.scheduling.k8s.io/e2e-high created\n');
      await createPod(kite, ns, 'low', { cpu: '3', spec: { priorityClassName: 'e2e-low' } });
      assert.equal(await runningOn(kite, ns, 'low'), 'solo-0');
      assert.equal(await podField(kite, ns, 'low', '{.spec.priority}'), '100');

      await createPod(kite, ns, 'high', { cpu: '3', spec: { priorityClassName: 'e2e-high' } });
      const highUid = await podField(kite, ns, 'high', '{.metadata.uid}');
      const preempted = await waitFor(kite, 'a Preempted event of the low pod', async () => (await podEvents(kite, ns, 'low', 'Preempted'))[0]);
      assert.equal(preempted.type, 'Normal');
      assert.equal(preempted.message, `Preempted by pod ${highUid} on node solo-0`);
      await waitFor(kite, 'the low pod deleted', async () => {
        const r = await kite.kubectl(['-n', ns, 'get', 'pod', 'low']);
        return r.code !== 0 && /NotFound|not found/.test(r.stderr);
      });
      assert.equal(await runningOn(kite, ns, 'high'), 'solo-0');
      const rows = await podRows(kite, ns);
      assert.deepEqual([...rows.keys()], ['high']);
      assert.match(await kite.k(['-n', ns, 'get', 'events', '--field-selector', 'reason=Preempted']), /Normal\s+Preempted\s+pod\/low\s+Preempted by pod /);
    } finally {
      await deleteNamespace(kite, ns);
      await kite.kubectl(['delete', 'priorityclass', 'e2e-low', 'e2e-high', '--ignore-not-found']);
    }
  });
});

// ---- a server restarted while pods wait ----

describe('a server restart while pods are queued', () => {
  let kite: KiteProcess;
  const ns = 'restart';

  before(async () => {
    kite = await startKite({ storage: 'sqlite', args: ['--simulated-nodes', '3', '--simulated-node-prefix', 'rs', '--simulated-node-cpu', '2', ...SIM_FLAGS] });
    await createNamespace(kite, ns);
  });
  after(async () => {
    await kite?.stop();
  });

  interface PodSummary {
    metadata: { name: string };
    spec: { nodeName?: string };
  }

  async function pods(prefix: string): Promise<PodSummary[]> {
    const list = await kite.kJson<{ items: PodSummary[] }>(['-n', ns, 'get', 'pods']);
    return list.items.filter((p) => p.metadata.name.startsWith(prefix));
  }

  /** Scheduled events per pod name. */
  async function scheduledEvents(): Promise<Map<string, CoreEvent[]>> {
    const list = await kite.kJson<{ items: CoreEvent[] }>(['-n', ns, 'get', 'events', '--field-selector', 'reason=Scheduled']);
    const by = new Map<string, CoreEvent[]>();
    for (const e of list.items) by.set(e.involvedObject.name, [...(by.get(e.involvedObject.name) ?? []), e]);
    return by;
  }

  test('pods waiting for room across a clean restart are each scheduled exactly once', async () => {
    const total = 10;
    const manifests = Array.from({ length: total }, (_, i) => podManifest(`queued-${i}`, { cpu: '1' }));
    await kite.k(['-n', ns, 'create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    // 3 nodes of 2 cpu: 6 fit, 4 wait.
    await waitFor(kite, '6 pods bound', async () => (await pods('queued-')).filter((p) => p.spec.nodeName).length === 6);
    const waiting = (await pods('queued-')).filter((p) => !p.spec.nodeName).map((p) => p.metadata.name);
    assert.equal(waiting.length, 4);
    for (const name of waiting) assert.match(await unschedulable(kite, ns, name), fitMessage('0/3 nodes are available: 3 Insufficient cpu.'));

    await kite.restart();
    assert.equal((await pods('queued-')).filter((p) => p.spec.nodeName).length, 6, 'nothing was bound while nothing changed');
    assert.equal(await kite.k(['create', '-f', '-'], nodeManifest('rs-extra', '8')), 'node/rs-extra created\n');
    const all = await waitFor(kite, 'every pod bound', async () => {
      const list = await pods('queued-');
      return list.length === total && list.every((p) => p.spec.nodeName) ? list : undefined;
    });
    assert.deepEqual(all.filter((p) => p.spec.nodeName === 'rs-extra').map((p) => p.metadata.name).sort(), [...waiting].sort());

    // Events survive a clean restart (sqlite, flushed on SIGTERM): one Scheduled each.
    const events = await waitFor(kite, 'a Scheduled event for every pod', async () => {
      const by = await scheduledEvents();
      return all.every((p) => by.has(p.metadata.name)) ? by : undefined;
    });
    for (const p of all) {
      const mine = events.get(p.metadata.name)!;
      assert.equal(mine.length, 1, `${p.metadata.name}: ${JSON.stringify(mine)}`);
      assert.equal(mine[0]!.message, `Successfully assigned ${ns}/${p.metadata.name} to ${p.spec.nodeName}`);
    }
  });

  test('pods created just before a crash are each bound once after the restart', async () => {
    const total = 40;
    const manifests = Array.from({ length: total }, (_, i) => podManifest(`burst-${i}`, { cpu: '10m' }));
    await kite.k(['-n', ns, 'create', '-f', '-'], JSON.stringify({ apiVersion: 'v1', kind: 'List', items: manifests }));
    await kite.restart({ crash: true });
    const all = await waitFor(kite, 'every burst pod bound', async () => {
      const list = await pods('burst-');
      return list.length === total && list.every((p) => p.spec.nodeName) ? list : undefined;
    });
    // A crash may lose the events not yet written, never make a second binding: at most one
    // Scheduled event per pod, naming the node the pod is bound to.
    const events = await scheduledEvents();
    for (const p of all) {
      const mine = events.get(p.metadata.name) ?? [];
      assert.ok(mine.length <= 1, `${p.metadata.name} scheduled ${mine.length} times`);
      if (mine[0]) assert.equal(mine[0].message, `Successfully assigned ${ns}/${p.metadata.name} to ${p.spec.nodeName}`);
    }
    const failures = (await kite.kJson<{ items: CoreEvent[] }>(['-n', ns, 'get', 'events', '--field-selector', 'reason=FailedScheduling'])).items;
    assert.ok(!failures.some((e) => /already assigned|already bound/.test(e.message)), 'no binding was tried twice');
  });
});

// ---- --scheduler-config ----

const CONFIG_HEAD = 'apiVersion: kubescheduler.config.k8s.io/v1\nkind: KubeSchedulerConfiguration\n';

describe('kite server --scheduler-config', () => {
  let kite: KiteProcess;
  let dir: string;
  const ns = 'profiles';

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kite-e2e-sched-config-'));
    const config = join(dir, 'scheduler.yaml');
    writeFileSync(
      config,
      `${CONFIG_HEAD}leaderElection:
  leaderElect: true
clientConnection:
  qps: 100
podInitialBackoffSeconds: 1
podMaxBackoffSeconds: 5
profiles:
- schedulerName: default-scheduler
- schedulerName: bin-packer
  plugins:
    score:
      enabled:
      - name: NodeResourcesFit
        weight: 5
  pluginConfig:
  - name: NodeResourcesFit
    args:
      scoringStrategy:
        type: MostAllocated
- schedulerName: taint-blind
  plugins:
    filter:
      disabled:
      - name: TaintToleration
`,
    );
    kite = await startKite({
      storage: 'memory',
      args: [
        '--simulated-nodes',
        '3',
        '--simulated-node-prefix',
        'cfg',
        '--simulated-node-cpu',
        '4',
        '--simulated-node-memory',
        '16Gi',
        '--scheduler-config',
        config,
        ...SIM_FLAGS,
      ],
    });
    await createNamespace(kite, ns);
  });
  after(async () => {
    await kite?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('a MostAllocated profile packs pods onto the busiest node; the default profile spreads them', async () => {
    // cfg-1 is half full (placed directly, without a scheduler).
    await createPod(kite, ns, 'anchor', { cpu: '2', memory: '8Gi', spec: { nodeName: 'cfg-1' } });
    assert.equal(await runningOn(kite, ns, 'anchor'), 'cfg-1');

    await createPod(kite, ns, 'packed', { cpu: '1', memory: '4Gi', spec: { schedulerName: 'bin-packer' } });
    assert.equal(await boundNode(kite, ns, 'packed'), 'cfg-1');
    const [scheduled] = await waitFor(kite, 'the Scheduled event', async () => {
      const e = await podEvents(kite, ns, 'packed', 'Scheduled');
      return e.length > 0 ? e : undefined;
    });
    assert.equal(scheduled!.source?.component, 'bin-packer');
    assert.equal(scheduled!.message, `Successfully assigned ${ns}/packed to cfg-1`);
    assert.match(await kite.k(['-n', ns, 'describe', 'pod', 'packed']), /Normal\s+Scheduled\s+\S+\s+bin-packer\s+Successfully assigned profiles\/packed to cfg-1/);

    await createPod(kite, ns, 'spread', { cpu: '1', memory: '4Gi' });
    assert.notEqual(await boundNode(kite, ns, 'spread'), 'cfg-1');
    const [defaultScheduled] = await waitFor(kite, 'the Scheduled event', async () => {
      const e = await podEvents(kite, ns, 'spread', 'Scheduled');
      return e.length > 0 ? e : undefined;
    });
    assert.equal(defaultScheduled!.source?.component, 'default-scheduler');
  });

  test('a profile without the TaintToleration filter places pods on tainted nodes', async () => {
    const nodes = ['cfg-0', 'cfg-1', 'cfg-2'];
    try {
      for (const n of nodes) await kite.k(['taint', 'nodes', n, 'e2e-cfg=blocked:NoSchedule']);
      await createPod(kite, ns, 'careful');
      assert.match(await unschedulable(kite, ns, 'careful'), fitMessage('0/3 nodes are available: 3 node(s) had untolerated taint {e2e-cfg: blocked}.'));
      await createPod(kite, ns, 'blind', { spec: { schedulerName: 'taint-blind' } });
      assert.ok(nodes.includes(await boundNode(kite, ns, 'blind')));
      assert.equal(await podField(kite, ns, 'careful', '{.spec.nodeName}'), '', 'the default profile still honours the taints');
    } finally {
      for (const n of nodes) await kite.kubectl(['taint', 'nodes', n, 'e2e-cfg-']);
      await kite.kubectl(['-n', ns, 'delete', 'pod', 'careful', 'blind', '--ignore-not-found']);
    }
  });

  test('an invalid configuration stops kite server before it serves, with the reason on stderr', async () => {
    const cases: [string, string, RegExp][] = [
      ['unknown-field.yaml', `${CONFIG_HEAD}profiles:\n- schedulerName: a\n  plugin: {}\n`, /strict decoding error: unknown field "profiles\[0\]\.plugin"/],
      ['old-version.yaml', 'apiVersion: kubescheduler.config.k8s.io/v1beta3\nkind: KubeSchedulerConfiguration\n', /apiVersion "kubescheduler\.config\.k8s\.io\/v1beta3" is not supported/],
      ['range.yaml', `${CONFIG_HEAD}percentageOfNodesToScore: 150\n`, /percentageOfNodesToScore: Invalid value: 150: not in valid range \[0-100\]/],
      [
        'duplicate.yaml',
        `${CONFIG_HEAD}profiles:\n- schedulerName: x\n- schedulerName: x\n`,
        /invalid KubeSchedulerConfiguration: profiles\[1\]\.schedulerName: Duplicate value: "x"/,
      ],
      ['no-such-plugin.yaml', `${CONFIG_HEAD}profiles:\n- schedulerName: x\n  plugins:\n    score:\n      enabled: [{name: NoSuchPlugin}]\n`, /profile x: plugin "NoSuchPlugin" does not exist/],
      ['not-a-number.json', JSON.stringify({ apiVersion: 'kubescheduler.config.k8s.io/v1', kind: 'KubeSchedulerConfiguration', podMaxBackoffSeconds: 'ten' }), /json: cannot unmarshal string into Go struct field KubeSchedulerConfiguration\.podMaxBackoffSeconds of type int64/],
    ];
    for (const [file, text, reason] of cases) {
      const path = join(dir, file);
      writeFileSync(path, text);
      const dataDir = mkdtempSync(join(tmpdir(), 'kite-e2e-bad-config-'));
      try {
        const r = await run(process.execPath, [KITE_BIN, 'server', '--data-dir', dataDir, '--port', '0', '--storage', 'memory', '--disable-agent', '--scheduler-config', path]);
        assert.equal(r.code, 1, `${file}: exit code\n${r.stdout}${r.stderr}`);
        assert.doesNotMatch(r.stdout, /serving the Kubernetes API/, file);
        assert.ok(r.stderr.startsWith(`kite: --scheduler-config ${path}: `), `${file}: ${r.stderr}`);
        assert.match(r.stderr, reason, file);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    }
    const missing = join(dir, 'missing.yaml');
    const dataDir = mkdtempSync(join(tmpdir(), 'kite-e2e-bad-config-'));
    try {
      const r = await run(process.execPath, [KITE_BIN, 'server', '--data-dir', dataDir, '--port', '0', '--storage', 'memory', '--disable-agent', '--scheduler-config', missing]);
      assert.equal(r.code, 1);
      assert.match(r.stderr, new RegExp(`^kite: --scheduler-config ${escapeRegExp(missing)}: could not read the file: ENOENT`));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
