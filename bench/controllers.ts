// Controller benchmark (npm run bench:controllers): a real `kite server` process with N
// simulated nodes (default 1,000) and its controller manager. This process creates a
// Deployment of R replicas (default 10,000) and measures:
//
//   available   time from the create until status.availableReplicas = R (every pod created
//               by the ReplicaSet controller, bound, started by the simulated kubelet, ready)
//   rollout     time from an image change until the rollout is complete (updatedReplicas =
//               availableReplicas = replicas = R, the old ReplicaSet at 0 and its pods gone)
//   memory      the server's peak RSS (VmHWM) and its RSS at the end; its CPU time per phase
//
// kite's scheduler binds the pods (in the server process, like everything else measured).
//
// Flags: --nodes N (1000), --replicas R (10000), --start-delay D (simulated pod start delay,
//        default 1s), --timeout S (600), --cpu-prof DIR (profile the server; summarize with
//        node dist/bench/cpuprofile.js DIR)

import os from 'node:os';
import { parseArgs } from 'node:util';
import { Client } from '../src/client/client.js';
import { ServerProcess } from './server-process.js';

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1000' },
    replicas: { type: 'string', default: '10000' },
    'start-delay': { type: 'string', default: '1s' },
    timeout: { type: 'string', default: '600' },
    'cpu-prof': { type: 'string' },
  },
});
const NODES = Number(values.nodes);
const REPLICAS = Number(values.replicas);
const TIMEOUT_MS = Number(values.timeout) * 1000;
const NS = 'bench';

interface DeploymentStatus {
  observedGeneration?: number;
  replicas?: number;
  updatedReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
}
interface Deployment {
  metadata: { generation?: number };
  status?: DeploymentStatus;
}

function deployment(image: string): object {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: NS },
    spec: {
      replicas: REPLICAS,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'web', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }] },
      },
    },
  };
}

/** The name of the ReplicaSet with the highest revision. */
function newest(sets: readonly { metadata: { name?: string; annotations?: Record<string, string> } }[]): string | undefined {
  const revision = (rs: (typeof sets)[number]): number => Number(rs.metadata.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  return [...sets].sort((a, b) => revision(b) - revision(a))[0]?.metadata.name;
}

async function waitFor(what: string, probe: () => Promise<boolean>, progress: () => Promise<string>): Promise<number> {
  const start = performance.now();
  let lastReport = start;
  for (;;) {
    if (await probe()) return performance.now() - start;
    const now = performance.now();
    if (now - start > TIMEOUT_MS) throw new Error(`timed out after ${TIMEOUT_MS / 1000} s waiting for ${what} (${await progress()})`);
    if (now - lastReport > 10_000) {
      lastReport = now;
      console.log(`  ${((now - start) / 1000).toFixed(0)} s: ${await progress()}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function main(): Promise<void> {
  const server = await ServerProcess.start({
    prefix: 'kite-bench-controllers-',
    ...(values['cpu-prof'] ? { cpuProfDir: values['cpu-prof'] } : {}),
    args: ['--simulated-nodes', String(NODES), '--simulated-pod-start-delay', values['start-delay']!],
  });
  const client = Client.fromKubeconfig(server.kubeconfig, { userAgent: 'bench-controllers' });
  try {
    const idle = server.memory();
    await waitFor(`${NODES} nodes`, async () => (await client.core.nodes().list({})).items.length >= NODES, async () => 'registering nodes');
    const withNodes = server.memory();
    await client.core.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
    const deployments = client.apps.deployments(NS);
    const status = async (): Promise<Deployment> => (await deployments.get('web')) as Deployment;
    const describe = async (): Promise<string> => JSON.stringify((await status()).status ?? {});

    let cpu = server.cpuMs();
    await deployments.create(deployment('nginx:1.7.9') as never);
    const availableMs = await waitFor(
      'all replicas available',
      async () => (await status()).status?.availableReplicas === REPLICAS,
      describe,
    );
    const availableCpu = server.cpuMs() - cpu;
    const afterCreate = server.memory();

    cpu = server.cpuMs();
    await deployments.patch('web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'web', image: 'nginx:1.9.1' }] } } } });
    const rolloutMs = await waitFor(
      'the rollout',
      async () => {
        const d = await status();
        const s = d.status ?? {};
        if (s.observedGeneration !== d.metadata.generation) return false;
        if (s.updatedReplicas !== REPLICAS || s.availableReplicas !== REPLICAS || s.replicas !== REPLICAS) return false;
        // Every old ReplicaSet's pods gone (a filtered list has no remainingItemCount).
        const sets = await client.apps.replicasets(NS).list();
        for (const rs of sets.items) {
          const hash = rs.metadata.labels?.['pod-template-hash'];
          if (rs.metadata.name === newest(sets.items) || !hash) continue;
          if ((await client.core.pods(NS).list({ labelSelector: `pod-template-hash=${hash}`, limit: 1 })).items.length > 0) return false;
        }
        return true;
      },
      describe,
    );
    const rolloutCpu = server.cpuMs() - cpu;
    const end = server.memory();

    const cpus = os.cpus();
    console.log(`\ncontrollers: ${NODES} simulated nodes, Deployment of ${REPLICAS} replicas, pod start delay ${values['start-delay']}`);
    console.log(`node ${process.version}, ${cpus.length} x ${cpus[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}\n`);
    console.log('| phase | wall s | pods/s | server CPU s |');
    console.log('| ----- | ------ | ------ | ------------ |');
    console.log(`| ${REPLICAS} replicas available | ${(availableMs / 1000).toFixed(1)} | ${Math.round(REPLICAS / (availableMs / 1000))} | ${(availableCpu / 1000).toFixed(1)} |`);
    console.log(`| rolling update of ${REPLICAS} | ${(rolloutMs / 1000).toFixed(1)} | ${Math.round(REPLICAS / (rolloutMs / 1000))} | ${(rolloutCpu / 1000).toFixed(1)} |`);
    console.log(
      `\nserver RSS: idle ${idle.rss.toFixed(0)} MiB, with nodes ${withNodes.rss.toFixed(0)} MiB, after create ${afterCreate.rss.toFixed(0)} MiB, end ${end.rss.toFixed(0)} MiB, peak ${end.peak.toFixed(0)} MiB`,
    );
  } finally {
    client.close();
    await server.stop();
  }
}

await main();
