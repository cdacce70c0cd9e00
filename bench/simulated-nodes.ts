// Simulated nodes at scale: what a fleet costs a kite server, measured in one process (as
// `kite server --simulated-nodes N` runs it: the fleet talks to the API server in-process).
//
//   node --expose-gc dist/bench/simulated-nodes.js --nodes 1000 --idle-seconds 30 --pods 10000
//
// Phases, on a fresh server (sqlite storage unless --storage memory; no scheduler, no
// controllers):
//   1. the server idle, without a fleet: CPU and memory (the baseline);
//   2. registration of N nodes (each: a Node, its status, its Lease);
//   3. the fleet idle for --idle-seconds: heartbeat writes/s, CPU (% of one core, whole
//      process), heap and RSS growth over the baseline;
//   4. with --pods M: M pods created (50 concurrent clients) with spec.nodeName spread over
//      the nodes, the time until all are Running, the fleet's pod writes; then the fleet is
//      restarted (the heap it held, how long it takes to adopt the running pods, the writes
//      it makes doing so); then all pods deleted (default grace period) and the time until
//      all are gone.
// Heap figures are taken after a forced GC when node runs with --expose-gc.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { Pod } from '../src/api/types/core-v1.js';
import { Client } from '../src/client/client.js';
import { startSimulatedNodes, totalWrites, type FleetStats } from '../src/kubelet/simulated/index.js';
import { KiteServer } from '../src/server/kite-server.js';

const CLIENTS = 50;

type Fleet = Awaited<ReturnType<typeof startSimulatedNodes>>;

const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '1000' },
    pods: { type: 'string', default: '0' },
    'idle-seconds': { type: 'string', default: '30' },
    storage: { type: 'string', default: 'sqlite' },
    'start-delay-ms': { type: 'string', default: '1000' },
    'pod-workers': { type: 'string', default: '16' },
  },
});
const NODES = Number(values.nodes);
const PODS = Number(values.pods);
const IDLE_MS = Number(values['idle-seconds']) * 1000;
const storage = values.storage === 'memory' ? 'memory' : 'sqlite';

function memory(): { heapMB: number; rssMB: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMB: round(m.heapUsed / 2 ** 20), rssMB: round(m.rss / 2 ** 20) };
}

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** CPU of this process over fn, as % of one core, and the wall time. */
async function measure<T>(fn: () => Promise<T>): Promise<{ result: T; cpuPercent: number; wallMs: number }> {
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await fn();
  const wallMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  return { result, cpuPercent: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100), wallMs: Math.round(wallMs) };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function delta(a: FleetStats, b: FleetStats): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of Object.keys(b) as (keyof FleetStats)[]) out[k] = b[k] - a[k];
  return out;
}

async function runConcurrently(count: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (next < count) await fn(next++);
    }),
  );
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-bench-sim-'));
  const server = new KiteServer({ dataDir, storage, bindAddress: '127.0.0.1', port: 0, controllers: [], scheduler: false });
  await server.start();
  const report: Record<string, unknown> = { nodes: NODES, pods: PODS, storage, idleSeconds: IDLE_MS / 1000 };
  try {
    await sleep(1000);
    const baselineMem = memory();
    const baseline = await measure(() => sleep(Math.min(IDLE_MS, 10_000)));
    report.baseline = { cpuPercent: baseline.cpuPercent, ...baselineMem };

    const kubelet = Client.inProcess(server.apiServer, { userAgent: 'kubelet' });
    const start = () => startSimulatedNodes({ client: kubelet, count: NODES, podStartDelayMs: Number(values['start-delay-ms']), podWorkers: Number(values['pod-workers']) });
    let fleet: Fleet | undefined;
    const reg = await measure(async () => {
      fleet = await start();
    });
    const restartFleet = async (): Promise<void> => {
      const a = memory();
      // Stopped in a function of its own, so no variable keeps the old fleet alive.
      await (async () => {
        const old = fleet!;
        fleet = undefined;
        await old.stop();
      })();
      await sleep(1000);
      const b = memory();
      const restart = await measure(async () => {
        fleet = await start();
      });
      await sleep(2000);
      report.fleetRestart = { fleetHeapMB: round(a.heapMB - b.heapMB), ms: restart.wallMs, writesIn2s: totalWrites(fleet!.stats()) };
    };
    report.registration = { ms: reg.wallMs, cpuPercent: reg.cpuPercent, writes: totalWrites(fleet!.stats()) };

    const before = fleet!.stats();
    const idle = await measure(() => sleep(IDLE_MS));
    const idleStats = delta(before, fleet!.stats());
    const idleMem = memory();
    report.idle = {
      cpuPercent: idle.cpuPercent,
      writesPerSecond: round(totalWrites(idleStats as unknown as FleetStats) / (idle.wallMs / 1000)),
      leaseRenewalsPerSecond: round(idleStats.leaseRenewals! / (idle.wallMs / 1000)),
      nodeStatusReportsPerSecond: round(idleStats.nodeStatusReports! / (idle.wallMs / 1000)),
      skipped: idleStats.heartbeatsSkipped,
      failures: idleStats.failures,
      heapMB: idleMem.heapMB,
      rssMB: idleMem.rssMB,
      heapGrowthMB: round(idleMem.heapMB - baselineMem.heapMB),
      rssGrowthMB: round(idleMem.rssMB - baselineMem.rssMB),
    };
    console.log(JSON.stringify(report));

    if (PODS > 0) await podPhase(server, () => fleet!, restartFleet, report);
    else await restartFleet();
    await fleet?.stop();
    kubelet.close();
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(JSON.stringify(report, null, 2));
}

/** Pods of the server's watch cache (read in-process, so the benchmark adds no cache of its
 *  own to the memory it reports). */
function cachedPods(server: KiteServer): Pod[] {
  return server.api.store('', 'pods').cache.snapshot().objects.map((o) => o.obj as Pod);
}

async function waitFor(cond: () => boolean): Promise<void> {
  while (!cond()) await sleep(100);
}

/** Starts pods, restarts the fleet (measuring what it held), deletes the pods. */
async function podPhase(server: KiteServer, fleet: () => Fleet, restartFleet: () => Promise<void>, report: Record<string, unknown>): Promise<void> {
  const client = Client.inProcess(server.apiServer, { userAgent: 'bench' });
  await client.core.serviceaccounts('default').create({ metadata: { name: 'default' } }).catch(() => undefined);
  const pods = client.core.pods('default');
  const names = fleet().nodeNames;
  const s0 = fleet().stats();
  const t0 = performance.now();
  const start = await measure(async () => {
    await runConcurrently(PODS, async (i) => {
      await pods.create({ metadata: { name: `p-${i}` }, spec: { nodeName: names[i % names.length], containers: [{ name: 'web', image: 'nginx:1.27' }] } });
    });
    const created = performance.now() - t0;
    await waitFor(() => cachedPods(server).filter((p) => p.status?.phase === 'Running').length === PODS);
    return created;
  });
  const s1 = fleet().stats();
  report.podStart = {
    createdMs: Math.round(start.result),
    allRunningMs: start.wallMs,
    cpuPercent: start.cpuPercent,
    podStatusWrites: s1.podStatusWrites - s0.podStatusWrites,
    conflicts: s1.conflicts - s0.conflicts,
    failures: s1.failures - s0.failures,
    podStatusWritesPerSecond: round((s1.podStatusWrites - s0.podStatusWrites) / (start.wallMs / 1000)),
    ...memory(),
  };
  console.log(JSON.stringify(report));

  await restartFleet();
  const s1b = fleet().stats();
  const stopPods = await measure(async () => {
    await runConcurrently(PODS, async (i) => {
      await pods.delete(`p-${i}`);
    });
    await waitFor(() => cachedPods(server).length === 0);
  });
  const s2 = fleet().stats();
  report.podDelete = {
    allGoneMs: stopPods.wallMs,
    cpuPercent: stopPods.cpuPercent,
    podDeletes: s2.podDeletes - s1b.podDeletes,
    podStatusWrites: s2.podStatusWrites - s1b.podStatusWrites,
    failures: s2.failures - s1b.failures,
  };
  client.close();
}

await main();
