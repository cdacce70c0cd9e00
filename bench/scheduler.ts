// Scheduler benchmark (node dist/bench/scheduler.js), modelled on kube-scheduler's
// scheduler_perf: a kite server in this process (sqlite storage by default, no controllers)
// and kite's scheduler component on it (KubeScheduler under leader election, as `kite server`
// runs it; with --worker, in a worker thread), N nodes created as Node objects through the
// in-process client, then init pods (not measured), then the measured pods, all created
// through the API with C requests in flight. The scheduler's pod informer (or, with
// --own-watch, a watch of the benchmark's own) sees each one bound. What the nodes and pods
// look like is the workload's (bench/scheduler-workloads.ts):
//   basic            SchedulingBasic: node-default (4 CPU, 32Gi, 110 pods), pod-default (one
//                    pause container requesting and limited to 100m CPU and 500Mi)
//   anti-affinity    SchedulingPodAntiAffinity: every pod (init ones too) labelled color=green
//                    with a required anti-affinity to color=green on kubernetes.io/hostname
//   topology-spread  TopologySpreading: nodes round-robin in 3 zones; measured pods spread over
//                    topology.kubernetes.io/zone (maxSkew 5, DoNotSchedule) by their own label
//   preemption       PreemptionBasic: 4 low-priority init pods of 900m per node, measured pods
//                    of 3 CPU at priority 10 that each must preempt 3 of them
//
// Reported: pods bound per second over the measured pods (first create to last binding),
// scheduler_perf's SchedulingThroughput (per-second samples: average, p50, p90, p99),
// creation -> binding latency (create call started -> spec.nodeName seen) p50/p99,
// peak RSS, process CPU, and where the time went (event loop busy share, time inside
// scheduling cycles, the scheduler's counters). Then the end state is read back and verified
// (every measured pod bound, no node over its allocatable, no pod left terminating, and the
// workload's rule: one green pod per node, zones within maxSkew, victims deleted); a wrong
// placement exits 1.
//
// Flags: --workload basic|anti-affinity|topology-spread|preemption (basic)
//        --nodes N --pods N --init-pods N (the workload's defaults: basic 5000/10000/1000,
//        anti-affinity 5000/2000/1000, topology-spread 5000/10000/5000, preemption 500/500/2000)
//        --concurrency N (50) --storage sqlite|memory (sqlite) --json (one JSON line of the figures)
//        --own-watch (observe bindings through a separate watch)
//        --worker (run the scheduler in a worker thread: SchedulerWorker, over a MessagePort)
//        --precreate (create every pod first, then start the scheduler: scheduling and
//        binding alone, no creates competing for the thread; not with preemption)
// CPU profile: node --cpu-prof --cpu-prof-dir DIR dist/bench/scheduler.js, then
//              node dist/bench/cpuprofile.js DIR/<file>.cpuprofile

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type { Event, Pod } from '../src/api/types/core-v1.js';
import { Client } from '../src/client/client.js';
import type { WatchEvent } from '../src/client/contract.js';
import { KubeScheduler } from '../src/scheduler/kube-scheduler.js';
import { SchedulerWorker } from '../src/scheduler/worker/scheduler-worker.js';
import { KiteServer } from '../src/server/kite-server.js';
import { WORKLOAD_NAMES, WORKLOADS, type Verdict, type WorkloadName } from './scheduler-workloads.js';

const { values } = parseArgs({
  options: {
    workload: { type: 'string', default: 'basic' },
    nodes: { type: 'string' },
    pods: { type: 'string' },
    'init-pods': { type: 'string' },
    concurrency: { type: 'string', default: '50' },
    storage: { type: 'string', default: 'sqlite' },
    json: { type: 'boolean', default: false },
    'own-watch': { type: 'boolean', default: false },
    worker: { type: 'boolean', default: false },
    precreate: { type: 'boolean', default: false },
  },
});
const isWorkloadName = (w: string): w is WorkloadName => (WORKLOAD_NAMES as readonly string[]).includes(w);
const WORKLOAD = values.workload ?? 'basic';
if (!isWorkloadName(WORKLOAD)) {
  console.error(`--workload must be one of ${WORKLOAD_NAMES.join(', ')}`);
  process.exit(2);
}
const W = WORKLOADS[WORKLOAD];
const NODES = Number(values.nodes ?? W.defaults.nodes);
const PODS = Number(values.pods ?? W.defaults.pods);
const INIT_PODS = Number(values['init-pods'] ?? W.defaults.initPods);
const CONCURRENCY = Number(values.concurrency);
const STORAGE = values.storage === 'memory' ? 'memory' : 'sqlite';
const WORKER = values.worker === true;
const PRECREATE = values.precreate === true;
/** Where `node --cpu-prof --cpu-prof-dir DIR` writes profiles: the measured window is
 *  recorded there as phases-<pid>.json for bench/cpuprofile.js. */
const CPU_PROF_DIR = ((): string | undefined => {
  const i = process.execArgv.findIndex((a) => a === '--cpu-prof-dir' || a.startsWith('--cpu-prof-dir='));
  if (i < 0) return undefined;
  const a = process.execArgv[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : process.execArgv[i + 1];
})();
const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);
function recordPhase(name: string, startUs: number, endUs: number): void {
  if (!CPU_PROF_DIR) return;
  mkdirSync(CPU_PROF_DIR, { recursive: true });
  writeFileSync(join(CPU_PROF_DIR, `phases-${process.pid}.json`), JSON.stringify([{ name, startUs, endUs }]));
}

/** Wall-clock ms with sub-ms precision, comparable across threads. */
const now = (): number => performance.timeOrigin + performance.now();
const NS = 'sched-bench';

/** Runs fn(i) for i in [0, n) with at most `limit` calls in flight. */
async function pool(n: number, limit: number, fn: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < n) {
      const i = next++;
      await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, n) }, worker));
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The run's end state, read back through the API once the scheduler has stopped (its queued
 *  events written), checked against the workload's promises. */
async function verify(client: Client, initNames: readonly string[], measuredNames: readonly string[]): Promise<{ verdict: Verdict; events: Event[] }> {
  const [pods, nodes, events] = await Promise.all([client.core.pods(NS).list({}), client.core.nodes().list({}), client.core.events(NS).list({})]);
  const verdict = W.verify({ pods: pods.items, nodes: nodes.items, events: events.items, initNames, measuredNames });
  return { verdict, events: events.items };
}

function report(verdict: Verdict): void {
  log(`  verification         ${verdict.ok ? 'passed' : 'FAILED'}`);
  for (const line of verdict.lines) log(`    ${line}`);
  if (!verdict.ok) process.exitCode = 1;
}

async function main(): Promise<void> {
  const refusal = W.refuse({ nodes: NODES, pods: PODS, initPods: INIT_PODS }, PRECREATE);
  if (refusal) {
    console.error(`--workload ${W.name}: ${refusal}`);
    process.exitCode = 2;
    return;
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-bench-sched-'));
  // The scheduler component kite server runs (KubeScheduler), started here so that
  // --precreate can start it late; or the same in a worker thread.
  const server = new KiteServer({ dataDir, storage: STORAGE, bindAddress: '127.0.0.1', port: 0, controllers: [], scheduler: false, reconcileIntervalMs: 3_600_000 });
  await server.start();
  const client = Client.inProcess(server.apiServer, { userAgent: 'scheduler-bench' });
  const worker = WORKER ? new SchedulerWorker({ apiServer: server.apiServer }) : undefined;
  const inProcess = WORKER ? undefined : new KubeScheduler({ apiServer: server.apiServer });
  const boundAt = new Map<string, number>();
  let onBound: ((name: string) => void) | undefined;
  const seenBound = (name: string, at: number): void => {
    if (boundAt.has(name)) return;
    boundAt.set(name, at);
    onBound?.(name);
  };
  const seen = (pod: Pod): void => {
    if (pod.metadata.namespace === NS && pod.spec?.nodeName) seenBound(pod.metadata.name!, now());
  };
  if (worker) {
    worker.onBound = (items) => {
      for (const [key, at] of items) if (key.startsWith(`${NS}/`)) seenBound(key.slice(NS.length + 1), at);
    };
  } else if (!values['own-watch']) {
    // The scheduler's own pod informer, as scheduler_perf watches through an informer: the
    // moment its cache sees spec.nodeName is when the pod counts as bound. (In a worker, the
    // worker's informer reports the same moment.)
    inProcess!.onScheduler = (s) => void s.podInformer.addEventHandler({ onAdd: seen, onUpdate: (_old, pod) => seen(pod) });
  }
  const startScheduler = (): void => {
    worker?.start();
    inProcess?.start();
  };
  const stats = async (): Promise<{ cycles: number; schedulingMs: number; failedAttempts: number; bindErrors: number; nodes: number; leading: boolean }> => {
    if (worker) return (await worker.stats()) as never;
    const s = inProcess!.scheduler;
    return s ? { ...s.stats, nodes: s.cache.nodeCount(), leading: true } : ({ leading: false } as never);
  };
  const waitLeading = async (): Promise<void> => {
    for (let i = 0; i < 200 && !(await stats()).leading; i++) await new Promise((r) => setTimeout(r, 50));
    if (!(await stats()).leading) throw new Error('the scheduler did not start leading');
  };
  try {
    await client.core.namespaces().create({ metadata: { name: NS } });
    await client.core
      .serviceaccounts(NS)
      .create({ metadata: { name: 'default', namespace: NS } })
      .catch(() => undefined);
    await W.setup(client);
    if (!PRECREATE) {
      startScheduler();
      await waitLeading();
    }

    let t = performance.now();
    await pool(NODES, CONCURRENCY, async (i) => {
      await client.core.nodes().create(W.node(`node-${pad(i, 5)}`, i));
    });
    const nodesMs = performance.now() - t;
    // Let the scheduler's informer take in every node.
    if (!PRECREATE) while ((await stats()).nodes < NODES) await new Promise((r) => setTimeout(r, 20));
    log(`${NODES} nodes created in ${(nodesMs / 1000).toFixed(1)} s`);

    // When each pod is first seen bound.
    const createdAt = new Map<string, number>();
    let closeWatch = (): void => undefined;
    if (values['own-watch']) {
      // A watch of the benchmark's own (one more decode of every pod event).
      const list = await client.core.pods(NS).list({ limit: 1 });
      const watch = client.core.pods(NS).watch({ resourceVersion: list.metadata.resourceVersion, allowWatchBookmarks: true }, (e: WatchEvent<Pod>) => {
        if (e.type === 'ADDED' || e.type === 'MODIFIED') seen(e.object);
      });
      closeWatch = () => watch.close();
    }
    const waitBound = (names: readonly string[]): Promise<void> =>
      new Promise((resolve) => {
        const want = new Set(names);
        let missing = 0;
        for (const n of names) if (!boundAt.has(n)) missing++;
        const check = (name?: string): void => {
          if (name !== undefined && want.has(name)) missing--;
          if (missing === 0) {
            onBound = undefined;
            resolve();
          }
        };
        onBound = check;
        check();
      });

    t = performance.now();
    const initNames = Array.from({ length: INIT_PODS }, (_, i) => `init-${pad(i, 6)}`);
    await pool(INIT_PODS, CONCURRENCY, async (i) => {
      await client.core.pods(NS).create(W.initPod(initNames[i]!, NS));
    });
    if (PRECREATE) {
      // Every pod exists before the scheduler starts: what is measured is scheduling and
      // binding alone, from the scheduler's start.
      const names0 = Array.from({ length: PODS }, (_, i) => `pod-${pad(i, 6)}`);
      await pool(PODS, CONCURRENCY, async (i) => {
        await client.core.pods(NS).create(W.measuredPod(names0[i]!, NS));
      });
      log(`${INIT_PODS + PODS} pods created in ${((performance.now() - t) / 1000).toFixed(1)} s; starting the scheduler`);
      const cpu0 = process.cpuUsage();
      const start = now();
      const startUs = monotonicUs();
      startScheduler();
      await waitBound([...initNames, ...names0]);
      recordPhase('scheduling and binding', startUs, monotonicUs());
      const end = Math.max(...[...initNames, ...names0].map((n) => boundAt.get(n)!));
      const cpu = process.cpuUsage(cpu0);
      const s1 = await stats();
      await worker?.stop();
      await inProcess?.stop();
      const { verdict } = await verify(client, initNames, names0);
      const wallS = (end - start) / 1000;
      const figures = {
        workload: `${W.title} ${NODES} nodes / ${INIT_PODS + PODS} pods created before the scheduler starts`,
        scheduler: WORKER ? 'worker thread' : 'in-process',
        storage: STORAGE,
        podsPerSecond: Math.round((INIT_PODS + PODS) / wallS),
        wallSeconds: +wallS.toFixed(2),
        cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
        schedulingCycleMs: Math.round(s1.schedulingMs),
        perCycleUs: s1.cycles > 0 ? Math.round((s1.schedulingMs * 1000) / s1.cycles) : 0,
        cycles: s1.cycles,
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
        verification: verdict,
      };
      if (values.json) console.log(JSON.stringify(figures));
      else {
        log('');
        log(`${figures.workload}, storage ${STORAGE}, scheduler ${figures.scheduler}`);
        log(`  throughput           ${figures.podsPerSecond} pods/s (scheduler start -> last binding, ${figures.wallSeconds} s, includes the informers' first list)`);
        log(`  CPU                  ${figures.cpuSeconds} s of process CPU`);
        log(`  scheduling cycles    ${figures.cycles} cycles, ${figures.schedulingCycleMs} ms in total (${figures.perCycleUs} us each)`);
        log(`  peak RSS             ${figures.peakRssMiB} MiB`);
      }
      report(verdict);
      return;
    }
    await waitBound(initNames);
    log(`${INIT_PODS} init pods created and bound in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const s0 = await stats();
    const cpu0 = process.cpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const names = Array.from({ length: PODS }, (_, i) => `pod-${pad(i, 6)}`);
    const start = now();
    const startUs = monotonicUs();
    let createdAllAt = 0;
    const creating = pool(PODS, CONCURRENCY, async (i) => {
      const name = names[i]!;
      createdAt.set(name, now());
      await client.core.pods(NS).create(W.measuredPod(name, NS));
    }).then(() => {
      createdAllAt = now();
    });
    // SchedulingThroughput: pods bound in each second of the measurement.
    const samples: number[] = [];
    let lastCount = boundAt.size;
    const sampler = setInterval(() => {
      const n = boundAt.size;
      samples.push(n - lastCount);
      lastCount = n;
    }, 1000);
    await creating;
    await waitBound(names);
    recordPhase('measured pods: create, schedule, bind', startUs, monotonicUs());
    const end = Math.max(...names.map((n) => boundAt.get(n)!));
    clearInterval(sampler);
    const cpu = process.cpuUsage(cpu0);
    const elu = performance.eventLoopUtilization(elu0);
    const s1 = await stats();
    closeWatch();

    // Stop the scheduler (its queued events are written first), verify the placement and
    // count the Scheduled events.
    await worker?.stop();
    await inProcess?.stop();
    const { verdict, events } = await verify(client, initNames, names);
    const want = new Set(names);
    let scheduledEvents = 0;
    for (const e of events) {
      if (e.reason === 'Scheduled' && want.has(e.involvedObject.name ?? '')) scheduledEvents++;
    }

    const latencies = names.map((n) => boundAt.get(n)! - createdAt.get(n)!).sort((a, b) => a - b);
    const wallS = (end - start) / 1000;
    const throughput = PODS / wallS;
    const sortedSamples = samples.filter((x) => x > 0).sort((a, b) => a - b);
    const avgSample = sortedSamples.reduce((a, b) => a + b, 0) / Math.max(1, sortedSamples.length);
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;
    const cycles = s1.cycles - s0.cycles;
    const schedulingMs = s1.schedulingMs - s0.schedulingMs;
    const figures = {
      workload: `${W.title} ${NODES} nodes / ${PODS} pods (${INIT_PODS} init)`,
      scheduler: WORKER ? 'worker thread' : 'in-process',
      storage: STORAGE,
      podsPerSecond: Math.round(throughput),
      throughputSamples: { average: Math.round(avgSample), p50: percentile(sortedSamples, 50), p90: percentile(sortedSamples, 90), p99: percentile(sortedSamples, 99) },
      latencyMs: { p50: Math.round(percentile(latencies, 50)), p90: Math.round(percentile(latencies, 90)), p99: Math.round(percentile(latencies, 99)) },
      createSeconds: +((createdAllAt - start) / 1000).toFixed(2),
      wallSeconds: +wallS.toFixed(2),
      cpuSeconds: +((cpu.user + cpu.system) / 1e6).toFixed(2),
      eventLoopBusy: +elu.utilization.toFixed(3),
      schedulingCycleMs: Math.round(schedulingMs),
      perCycleUs: cycles > 0 ? Math.round((schedulingMs * 1000) / cycles) : 0,
      cycles,
      failedAttempts: s1.failedAttempts - s0.failedAttempts,
      bindErrors: s1.bindErrors - s0.bindErrors,
      peakRssMiB: Math.round(peakRssMiB),
      scheduledEvents,
      verification: verdict,
    };
    if (values.json) {
      console.log(JSON.stringify(figures));
    } else {
      log('');
      log(figures.workload + `, storage ${STORAGE}, scheduler ${figures.scheduler}, ${CONCURRENCY} creates in flight`);
      log(`  throughput           ${figures.podsPerSecond} pods/s (first create -> last binding, ${figures.wallSeconds} s; creates done after ${figures.createSeconds} s)`);
      log(`  per-second samples   avg ${figures.throughputSamples.average}, p50 ${figures.throughputSamples.p50}, p90 ${figures.throughputSamples.p90}, p99 ${figures.throughputSamples.p99}`);
      log(`  create -> bound      p50 ${figures.latencyMs.p50} ms, p90 ${figures.latencyMs.p90} ms, p99 ${figures.latencyMs.p99} ms`);
      log(`  CPU                  ${figures.cpuSeconds} s of process CPU in ${figures.wallSeconds} s; event loop busy ${(figures.eventLoopBusy * 100).toFixed(0)}%`);
      log(`  scheduling cycles    ${figures.cycles} cycles, ${figures.schedulingCycleMs} ms in total (${figures.perCycleUs} us each); failed attempts ${figures.failedAttempts}, bind errors ${figures.bindErrors}`);
      log(`  peak RSS             ${figures.peakRssMiB} MiB`);
      log(`  Scheduled events     ${figures.scheduledEvents} of ${PODS} pods`);
    }
    report(verdict);
  } finally {
    client.close();
    await worker?.stop();
    await inProcess?.stop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function log(msg: string): void {
  if (!values.json) console.log(msg);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
