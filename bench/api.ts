// API server benchmark (npm run bench:api): a real `kite server` process (sqlite storage, the
// default) driven over HTTP/1.1 keep-alive connections from this process, the load
// generator. Per round, on a fresh server and data directory:
//
//   1. creates/s and latency of 10,000 ConfigMaps (~400 bytes) from 50 concurrent clients,
//      after an untimed warm-up of 1,000;
//   2. 10,000 realistic pods (created, then given a Running status through /status), listed
//      as kubectl asks for them (a meta.k8s.io Table) in one request and in pages of 500 with
//      continue, and the same as plain JSON;
//   3. watch fan-out: 100 open watches on ConfigMaps of one namespace, then a burst of 2,000
//      updates from 50 clients; events/s delivered to all watchers and each event's latency
//      from the moment its update was sent to its receipt by a watcher;
//   4. the server's resident memory: idle after start, after each phase, and its peak.
//
// The client and the server share the machine's cores (2 here); the client's CPU time per
// phase is printed beside the server's so the reader can see what the load generator took,
// and so is the CPU time every other process on the machine used (it should be ~0: before
// each round the benchmark waits up to a minute for the machine to go quiet). The client uses
// node:http with a keep-alive Agent: for the same load, the built-in fetch (undici) needed
// about four times the client CPU and halved the request rate.
//
// Flags (npm run bench:api -- FLAGS):
//   --rounds N          fresh servers to run (default 3); figures are medians
//   --storage B         sqlite (default) or memory
//   --cpu-prof DIR      run the server under `node --cpu-prof` writing to DIR, and record each
//                       phase's time window in DIR/phases-<pid>.json; summarize them with
//                       `node dist/bench/cpuprofile.js DIR` (bench/cpuprofile.ts)
//   --keep              keep the data directory (printed) instead of deleting it

import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CLK_TCK, ServerProcess } from './server-process.js';


const CLIENTS = 50;
const CONFIGMAPS = 10_000;
const WARMUP = 1_000;
const PODS = 10_000;
const PAGE = 500;
const LIST_RUNS = 5;
const WATCHERS = 100;
const WATCHED_OBJECTS = 100;
const WATCH_UPDATES = 2_000;

const TABLE_ACCEPT =
  'application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json';
const JSON_ACCEPT = 'application/json';

// ---------------------------------------------------------------------------------------------
// The server process

/** CPU time all processes on the machine used (busy, not idle or iowait), and the time the
 *  hypervisor gave to other guests (steal), in ms since boot. */
function machineCpuMs(): { busy: number; steal: number } {
  const f = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = f as [number, number, number, number, number, number, number, number];
  return { busy: ((user + nice + system + irq + softirq) * 1000) / CLK_TCK, steal: (steal * 1000) / CLK_TCK };
}

/** Waits (up to maxMs) until the rest of the machine is nearly idle, since other processes'
 *  load skews every figure on 2 cores; returns the cores they were using at the end. */
async function waitQuiet(maxMs = 60_000): Promise<number> {
  const deadline = Date.now() + maxMs;
  for (;;) {
    const before = machineCpuMs().busy;
    await sleep(1000);
    const cores = (machineCpuMs().busy - before) / 1000;
    if (cores < 0.1 || Date.now() > deadline) return cores;
  }
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** The load: one keep-alive connection per concurrent client. */
let agent = newAgent();
function newAgent(): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets: CLIENTS, maxFreeSockets: CLIENTS });
}
/** Long-lived watch connections and odd requests get their own sockets. */
const oneShot = new http.Agent({ keepAlive: false, maxSockets: Infinity });

interface Response {
  readonly status: number;
  readonly body: Buffer;
}

function request(
  via: http.Agent,
  method: string,
  url: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const h: Record<string, string | number> = { ...headers };
    if (body !== undefined) {
      h['Content-Type'] = 'application/json';
      h['Content-Length'] = Buffer.byteLength(body);
    }
    const fail = (err: Error) => reject(new Error(`${method} ${url}: ${err.message}`, { cause: err }));
    const req = http.request(url, { method, agent: via, headers: h }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks) }));
      res.on('error', fail);
    });
    req.on('error', fail);
    req.end(body);
  });
}

async function expectStatus(want: number, p: Promise<Response>, what: string): Promise<Response> {
  const r = await p;
  if (r.status !== want) throw new Error(`${what}: HTTP ${r.status} (want ${want}): ${r.body.toString('utf8', 0, 500)}`);
  return r;
}

// ---------------------------------------------------------------------------------------------
// Load

interface LoadResult {
  readonly perSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly ms: number;
}

/** Runs `total` operations from `clients` concurrent loops; client w does w, w+clients, ...
 *  (so one client owns every index congruent to it). Latencies are per call, in ms. */
async function concurrently(total: number, clients: number, op: (i: number) => Promise<void>): Promise<LoadResult> {
  const latencies = new Float64Array(total);
  const start = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async (_, w) => {
      for (let i = w; i < total; i += clients) {
        const t = performance.now();
        await op(i);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const ms = performance.now() - start;
  latencies.sort();
  return { perSec: (total / ms) * 1000, p50: quantile(latencies, 0.5), p99: quantile(latencies, 0.99), max: latencies[total - 1]!, ms };
}

function quantile(sorted: Float64Array, q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))]!;
}

// ---------------------------------------------------------------------------------------------
// Objects

const PROPERTIES = 'server.port=8080\nserver.threads=16\ncache.ttl=300s\nfeature.flags=search,checkout,recommendations\n';

function configMap(name: string, extra: Record<string, string> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, labels: { app: 'storefront', component: 'settings', 'app.kubernetes.io/managed-by': 'bench' } },
    data: { 'log-level': 'info', color: 'blue', 'app.properties': PROPERTIES, 'upstream.url': 'http://catalog.shop.svc.cluster.local:8080', ...extra },
  });
}

const POD_HASH = '7d9f8c6b5';
const podName = (i: number): string => `app-${i % 50}-${POD_HASH}-${(i * 7919 + 100_000).toString(36).slice(-5)}`;
const podTime = (i: number): string => new Date(Date.UTC(2025, 0, 1, 0, 0, 0) + i * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const hex = (i: number, n: number): string => (i.toString(16).padStart(8, '0').repeat(Math.ceil(n / 8))).slice(0, n);

/** A pod as a Deployment's ReplicaSet would create it, one or (every third) two containers. */
function podSpec(i: number): Record<string, unknown> {
  const app = `app-${i % 50}`;
  const mount = { name: 'kube-api-access', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true };
  const containers: Record<string, unknown>[] = [
    {
      name: 'app',
      image: `registry.example.com/shop/${app}:1.${i % 7}.0`,
      ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
      env: [
        { name: 'LOG_LEVEL', value: 'info' },
        { name: 'DB_HOST', value: 'postgres.db.svc.cluster.local' },
        { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
        { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
      ],
      resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } },
      readinessProbe: { httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP' }, periodSeconds: 10, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
      volumeMounts: [mount],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    },
  ];
  if (i % 3 === 0) {
    containers.push({
      name: 'log-shipper',
      image: 'registry.example.com/infra/fluent-bit:2.2.0',
      env: [{ name: 'FLUENT_HOST', value: 'logs.observability.svc.cluster.local' }],
      resources: { requests: { cpu: '10m', memory: '32Mi' }, limits: { memory: '64Mi' } },
      volumeMounts: [mount],
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      imagePullPolicy: 'IfNotPresent',
    });
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(i),
      labels: { app, 'pod-template-hash': POD_HASH, tier: 'backend' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `${app}-${POD_HASH}`, uid: `00000000-0000-4000-8000-${hex(i % 50, 12)}`, controller: true, blockOwnerDeletion: true },
      ],
    },
    spec: {
      containers,
      volumes: [
        {
          name: 'kube-api-access',
          projected: {
            defaultMode: 420,
            sources: [
              { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
              { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
            ],
          },
        },
      ],
      nodeName: `node-${i % 20}`,
      restartPolicy: 'Always',
      terminationGracePeriodSeconds: 30,
      dnsPolicy: 'ClusterFirst',
      serviceAccountName: 'default',
      schedulerName: 'default-scheduler',
      tolerations: [
        { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
        { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      ],
    },
  };
}

/** The status a kubelet reports for the pod once it runs (some containers have restarted). */
function runningStatus(i: number, spec: Record<string, unknown>): Record<string, unknown> {
  const t = podTime(i);
  const ip = `10.42.${(i >> 8) & 255}.${i & 255}`;
  const hostIP = `10.0.0.${(i % 20) + 10}`;
  const containers = (spec.spec as { containers: { name: string; image: string }[] }).containers;
  const condition = (type: string) => ({ type, status: 'True', lastProbeTime: null, lastTransitionTime: t });
  return {
    phase: 'Running',
    conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map(condition),
    hostIP,
    hostIPs: [{ ip: hostIP }],
    podIP: ip,
    podIPs: [{ ip }],
    startTime: t,
    qosClass: 'Burstable',
    containerStatuses: containers.map((c, k) => {
      const restarts = (i + k) % 10 === 0 ? 1 : 0;
      return {
        name: c.name,
        state: { running: { startedAt: t } },
        lastState: restarts ? { terminated: { exitCode: 137, reason: 'OOMKilled', startedAt: t, finishedAt: t, containerID: `containerd://${hex(i + 1, 64)}` } } : {},
        ready: true,
        restartCount: restarts,
        image: c.image,
        imageID: `${c.image.split(':')[0]}@sha256:${hex(k + 7, 64)}`,
        containerID: `containerd://${hex(i, 64)}`,
        started: true,
      };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Phases

interface PhaseStats {
  readonly name: string;
  /** What the phase did, for the server's CPU time per operation. */
  readonly ops: number;
  readonly unit: string;
  readonly wallMs: number;
  readonly serverCpuMs: number;
  readonly clientCpuMs: number;
  /** CPU time of every other process on the machine (not kite, not this client). */
  readonly othersCpuMs: number;
  readonly stealMs: number;
  readonly rssAfter: number;
  /** VmHWM at the end of the phase: the peak so far. */
  readonly peakAfter: number;
  /** CLOCK_MONOTONIC microseconds, comparable with the server's V8 CPU profile. */
  readonly startUs: number;
  readonly endUs: number;
}

const monotonicUs = (): number => Number(process.hrtime.bigint() / 1000n);

class Phases {
  readonly stats: PhaseStats[] = [];
  constructor(private readonly server: ServerProcess) {}

  async run<T>(name: string, ops: number, unit: string, fn: () => Promise<T>): Promise<T> {
    const startUs = monotonicUs();
    const wall = performance.now();
    const serverCpu = this.server.cpuMs();
    const clientCpu = process.cpuUsage();
    const machine = machineCpuMs();
    const result = await fn();
    const c = process.cpuUsage(clientCpu);
    const machineAfter = machineCpuMs();
    const serverCpuMs = this.server.cpuMs() - serverCpu;
    const memory = this.server.memory();
    const clientCpuMs = (c.user + c.system) / 1000;
    this.stats.push({
      name,
      ops,
      unit,
      wallMs: performance.now() - wall,
      serverCpuMs,
      clientCpuMs,
      othersCpuMs: Math.max(0, machineAfter.busy - machine.busy - serverCpuMs - clientCpuMs),
      stealMs: machineAfter.steal - machine.steal,
      rssAfter: memory.rss,
      peakAfter: memory.peak,
      startUs,
      endUs: monotonicUs(),
    });
    process.stderr.write(`  ${name}: ${(performance.now() - wall).toFixed(0)} ms\n`);
    return result;
  }
}

interface ListTiming {
  /** The first request (the server has not rendered these objects this way before). */
  readonly coldMs: number;
  /** Median of the LIST_RUNS that follow. */
  readonly warmMs: number;
  readonly bytes: number;
}

/** Times a list of `expected` items: one request, or pages of `limit` with continue. */
async function timeList(base: string, accept: string, expected: number, limit?: number): Promise<ListTiming> {
  const once = async (): Promise<{ ms: number; bytes: number; bodies: Buffer[] }> => {
    const bodies: Buffer[] = [];
    const start = performance.now();
    let cont = '';
    for (;;) {
      const q = new URLSearchParams();
      if (limit) q.set('limit', String(limit));
      if (cont) q.set('continue', cont);
      const qs = q.toString();
      const r = await expectStatus(200, request(agent, 'GET', qs ? `${base}?${qs}` : base, undefined, { Accept: accept }), `list ${base}`);
      bodies.push(r.body);
      if (!limit) break;
      // The list metadata comes first; read the continue token without parsing the page.
      const m = /"continue":"([^"]*)"/.exec(r.body.toString('latin1', 0, 1024));
      if (!m) break;
      cont = m[1]!;
    }
    return { ms: performance.now() - start, bytes: bodies.reduce((n, b) => n + b.length, 0), bodies };
  };
  const check = (bodies: Buffer[]) => {
    let n = 0;
    for (const b of bodies) {
      const doc = JSON.parse(b.toString('utf8')) as { kind: string; rows?: unknown[]; items?: unknown[] };
      n += (accept === TABLE_ACCEPT ? doc.rows : doc.items)?.length ?? 0;
      if (accept === TABLE_ACCEPT && doc.kind !== 'Table') throw new Error(`asked for a Table, got ${doc.kind}`);
    }
    if (n !== expected) throw new Error(`list ${base} (limit ${limit ?? 'none'}) returned ${n} items, expected ${expected}`);
  };
  const cold = await once();
  check(cold.bodies);
  const warm: number[] = [];
  for (let k = 0; k < LIST_RUNS; k++) warm.push((await once()).ms);
  return { coldMs: cold.ms, warmMs: median(warm), bytes: cold.bytes };
}

interface WatchResult {
  readonly events: number;
  readonly expected: number;
  readonly perSec: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly writes: LoadResult;
  readonly outOfOrder: number;
}

/** WATCHERS watches on one namespace's ConfigMaps, then WATCH_UPDATES updates from CLIENTS. */
async function watchFanout(api: string): Promise<WatchResult> {
  const ns = 'bench-watch';
  const base = `${api}/api/v1/namespaces/${ns}/configmaps`;
  const list = await expectStatus(200, request(agent, 'GET', `${base}?limit=1`), 'list before watch');
  const rv = (JSON.parse(list.body.toString('utf8')) as { metadata: { resourceVersion: string } }).metadata.resourceVersion;

  const expected = WATCHERS * WATCH_UPDATES;
  const latencies = new Float64Array(expected);
  let received = 0;
  let outOfOrder = 0;
  let lastReceipt = 0;
  let onAll: () => void = () => {};
  const allReceived = new Promise<void>((resolve) => (onAll = resolve));
  const requests: http.ClientRequest[] = [];
  let closing = false;

  const opened = Array.from(
    { length: WATCHERS },
    () =>
      new Promise<void>((resolve, reject) => {
        const url = `${base}?watch=true&resourceVersion=${rv}&allowWatchBookmarks=true&timeoutSeconds=600`;
        const req = http.request(url, { agent: oneShot }, (res) => {
          if (res.statusCode !== 200) return reject(new Error(`watch: HTTP ${res.statusCode}`));
          resolve();
          res.setEncoding('utf8');
          let buf = '';
          let lastRv = Number(rv);
          res.on('data', (chunk: string) => {
            const now = performance.now();
            buf += chunk;
            let start = 0;
            for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n', start)) {
              const line = buf.slice(start, nl);
              start = nl + 1;
              if (!line.startsWith('{"type":"MODIFIED"')) continue;
              const sent = Number(field(line, '"sentAt":"'));
              const eventRv = Number(field(line, '"resourceVersion":"'));
              if (!(eventRv > lastRv)) outOfOrder++;
              lastRv = eventRv;
              if (received < expected) latencies[received] = now - sent;
              received++;
              lastReceipt = now;
              if (received === expected) onAll();
            }
            buf = buf.slice(start);
          });
          res.on('error', () => {});
        });
        req.on('error', (err) => {
          if (!closing) reject(err);
        });
        req.end();
        requests.push(req);
      }),
  );
  await Promise.all(opened);

  const start = performance.now();
  const writes = await concurrently(WATCH_UPDATES, CLIENTS, async (i) => {
    const name = `cm-${i % WATCHED_OBJECTS}`;
    const body = configMap(name, { sentAt: performance.now().toFixed(3), seq: String(i) });
    await expectStatus(200, request(agent, 'PUT', `${base}/${name}`, body), `update ${name}`);
  });
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([allReceived, new Promise((resolve) => (timer = setTimeout(resolve, 30_000)))]);
  clearTimeout(timer);
  closing = true;
  for (const req of requests) req.destroy();
  const n = Math.min(received, expected);
  const sorted = latencies.subarray(0, n).sort();
  return {
    events: received,
    expected,
    perSec: (received / (lastReceipt - start)) * 1000,
    p50: quantile(sorted, 0.5),
    p99: quantile(sorted, 0.99),
    max: sorted[n - 1] ?? NaN,
    writes,
    outOfOrder,
  };
}

/** The string value after `marker` in line, up to the next quote. */
function field(line: string, marker: string): string {
  const at = line.indexOf(marker);
  if (at < 0) return '';
  const from = at + marker.length;
  return line.slice(from, line.indexOf('"', from));
}

async function createNamespace(api: string, name: string): Promise<void> {
  await expectStatus(201, request(agent, 'POST', `${api}/api/v1/namespaces`, JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } })), `namespace ${name}`);
}

// ---------------------------------------------------------------------------------------------
// One round

interface Round {
  readonly idleRss: number;
  readonly peakRss: number;
  readonly configMaps: LoadResult;
  readonly podCreates: LoadResult;
  readonly podStatus: LoadResult;
  readonly tableAll: ListTiming;
  readonly tablePaged: ListTiming;
  readonly jsonAll: ListTiming;
  readonly jsonPaged: ListTiming;
  readonly watch: WatchResult;
  readonly phases: readonly PhaseStats[];
  readonly configMapBytes: number;
  readonly podBytes: number;
}

async function round(opts: { storage: string; cpuProfDir?: string; keep: boolean }): Promise<Round> {
  const server = await ServerProcess.start({ ...opts, prefix: 'kite-bench-api-' });
  agent = newAgent();
  try {
    await sleep(1000);
    const idleRss = server.memory().rss;
    const api = server.url;
    const phases = new Phases(server);

    // 1. ConfigMap creates.
    for (const ns of ['bench-warmup', 'bench-cm', 'bench-pods', 'bench-watch']) await createNamespace(api, ns);
    await phases.run('warm-up creates', WARMUP, 'create', () =>
      concurrently(WARMUP, CLIENTS, (i) => expectStatus(201, request(agent, 'POST', `${api}/api/v1/namespaces/bench-warmup/configmaps`, configMap(`warm-${i}`)), 'warm-up').then(() => {})),
    );
    const cmBase = `${api}/api/v1/namespaces/bench-cm/configmaps`;
    const configMaps = await phases.run('configmap creates', CONFIGMAPS, 'create', () =>
      concurrently(CONFIGMAPS, CLIENTS, (i) => expectStatus(201, request(agent, 'POST', cmBase, configMap(`settings-${i}`)), 'create configmap').then(() => {})),
    );

    // 2. Pods: create, report status, list.
    const podBase = `${api}/api/v1/namespaces/bench-pods/pods`;
    const podCreates = await phases.run('pod creates', PODS, 'create', () =>
      concurrently(PODS, CLIENTS, (i) => expectStatus(201, request(agent, 'POST', podBase, JSON.stringify(podSpec(i))), 'create pod').then(() => {})),
    );
    const podStatus = await phases.run('pod status updates', PODS, 'update', () =>
      concurrently(PODS, CLIENTS, async (i) => {
        const pod = podSpec(i);
        const body = JSON.stringify({ ...pod, status: runningStatus(i, pod) });
        await expectStatus(200, request(agent, 'PUT', `${podBase}/${podName(i)}/status`, body), 'update pod status');
      }),
    );
    const tableAll = await phases.run('list pods as Table', LIST_RUNS + 1, 'list', () => timeList(podBase, TABLE_ACCEPT, PODS));
    const tablePaged = await phases.run(`list pods as Table by ${PAGE}`, LIST_RUNS + 1, 'list', () => timeList(podBase, TABLE_ACCEPT, PODS, PAGE));
    const jsonAll = await phases.run('list pods as JSON', LIST_RUNS + 1, 'list', () => timeList(podBase, JSON_ACCEPT, PODS));
    const jsonPaged = await phases.run(`list pods as JSON by ${PAGE}`, LIST_RUNS + 1, 'list', () => timeList(podBase, JSON_ACCEPT, PODS, PAGE));

    // 3. Watch fan-out.
    for (let i = 0; i < WATCHED_OBJECTS; i++) {
      await expectStatus(201, request(agent, 'POST', `${api}/api/v1/namespaces/bench-watch/configmaps`, configMap(`cm-${i}`)), 'create watched configmap');
    }
    const watch = await phases.run('watch fan-out', WATCH_UPDATES, `update (x${WATCHERS} events)`, () => watchFanout(api));

    const peakRss = server.memory().peak;
    if (opts.cpuProfDir) {
      fs.writeFileSync(
        path.join(opts.cpuProfDir, `phases-${server.pid}.json`),
        JSON.stringify(phases.stats.map(({ name, startUs, endUs }) => ({ name, startUs, endUs })), null, 2),
      );
    }
    return {
      idleRss,
      peakRss,
      configMaps,
      podCreates,
      podStatus,
      tableAll,
      tablePaged,
      jsonAll,
      jsonPaged,
      watch,
      phases: phases.stats,
      configMapBytes: Buffer.byteLength(configMap('settings-1234')),
      podBytes: Buffer.byteLength(JSON.stringify({ ...podSpec(3), status: runningStatus(3, podSpec(3)) })),
    };
  } finally {
    agent.destroy();
    const code = await server.stop(!opts.keep);
    if (opts.keep) process.stderr.write(`  data kept in ${server.dataDir}\n`);
    if (code !== 0) process.stderr.write(`  warning: kite server exited with ${code}\n${server.output}\n`);
  }
}

// ---------------------------------------------------------------------------------------------
// Report

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

function markdown(head: readonly string[], rows: readonly (readonly string[])[]): string {
  const lines = [head, head.map((h) => '-'.repeat(Math.max(3, h.length))), ...rows];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

function report(rounds: readonly Round[], storage: string): string {
  const m = (pick: (r: Round) => number): number => median(rounds.map(pick));
  const range = (pick: (r: Round) => number, digits: number): string => {
    if (rounds.length < 2) return '';
    const xs = rounds.map(pick);
    return `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
  };
  const row = (what: string, pick: (r: Round) => number, digits: number, target = '', ok?: (v: number) => boolean): string[] => {
    const v = m(pick);
    return [what, v.toFixed(digits), range(pick, digits), target, ok ? (ok(v) ? 'yes' : '**no**') : ''];
  };
  const r0 = rounds[0]!;
  const out: string[] = [];
  out.push(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}`);
  out.push(`kite server process, --storage ${storage}; load from one client process over HTTP/1.1 keep-alive (node:http Agent).`);
  out.push(`Client and server share the ${os.cpus().length} cores. ${rounds.length === 1 ? 'One run.' : `Median of ${rounds.length} runs (fresh server each); range = min–max.`}`);
  out.push(`ConfigMap body ${r0.configMapBytes} B; pod ${r0.podBytes} B with status (1 or 2 containers).\n`);
  out.push(
    markdown(
      ['measure', 'value', 'range', 'target', 'met'],
      [
        row(`ConfigMap creates/s (${CONFIGMAPS}, ${CLIENTS} clients)`, (r) => r.configMaps.perSec, 0, '>= 3,000', (v) => v >= 3000),
        row('ConfigMap create p50 ms', (r) => r.configMaps.p50, 1),
        row('ConfigMap create p99 ms', (r) => r.configMaps.p99, 1, '<= 100', (v) => v <= 100),
        row('ConfigMap create max ms', (r) => r.configMaps.max, 1),
        row(`pod creates/s (${PODS}, ${CLIENTS} clients)`, (r) => r.podCreates.perSec, 0),
        row('pod create p50 ms', (r) => r.podCreates.p50, 1),
        row('pod create p99 ms', (r) => r.podCreates.p99, 1),
        row('pod status updates/s (PUT /status)', (r) => r.podStatus.perSec, 0),
        row('pod status update p50 ms', (r) => r.podStatus.p50, 1),
        row('pod status update p99 ms', (r) => r.podStatus.p99, 1),
        row(`list ${PODS} pods as Table, one request, ms`, (r) => r.tableAll.warmMs, 0, '<= 300', (v) => v <= 300),
        row('  same, first request (cold) ms', (r) => r.tableAll.coldMs, 0),
        row(`list ${PODS} pods as Table, pages of ${PAGE} (kubectl get), ms`, (r) => r.tablePaged.warmMs, 0, '<= 300', (v) => v <= 300),
        row(`list ${PODS} pods as JSON, one request, ms`, (r) => r.jsonAll.warmMs, 0),
        row(`list ${PODS} pods as JSON, pages of ${PAGE}, ms`, (r) => r.jsonPaged.warmMs, 0),
        row(`watch events/s delivered (${WATCHERS} watchers x ${WATCH_UPDATES} updates)`, (r) => r.watch.perSec, 0),
        row('watch event latency p50 ms (update sent -> event received)', (r) => r.watch.p50, 1),
        row('watch event latency p99 ms', (r) => r.watch.p99, 1),
        row('updates/s during the fan-out', (r) => r.watch.writes.perSec, 0),
        row('update p50 ms during the fan-out', (r) => r.watch.writes.p50, 1),
        row('update p99 ms during the fan-out', (r) => r.watch.writes.p99, 1),
        row('server RSS idle after start, MiB', (r) => r.idleRss, 0),
        row('server peak RSS (VmHWM), MiB', (r) => r.peakRss, 0),
      ],
    ),
  );
  out.push('');
  out.push(`Sizes: Table of ${PODS} pods ${(r0.tableAll.bytes / 1e6).toFixed(1)} MB, JSON list ${(r0.jsonAll.bytes / 1e6).toFixed(1)} MB.`);
  const missing = rounds.filter((r) => r.watch.events !== r.watch.expected || r.watch.outOfOrder > 0);
  for (const r of missing) out.push(`WARNING: watchers received ${r.watch.events} of ${r.watch.expected} events, ${r.watch.outOfOrder} out of order`);
  out.push('');
  out.push('CPU per phase (median; server = all threads of the kite process, client = this process, other = the rest of the machine, which should be ~0 for clean figures):\n');
  out.push(
    markdown(
      ['phase', 'wall ms', 'server CPU ms', 'server CPU %', 'server CPU per op', 'client CPU ms', 'other processes CPU ms', 'steal ms', 'server RSS after, MiB', 'server peak RSS so far, MiB'],
      r0.phases.map((p, k) => {
        const pm = (pick: (s: PhaseStats) => number) => median(rounds.map((r) => pick(r.phases[k]!)));
        return [p.name, pm((s) => s.wallMs).toFixed(0), pm((s) => s.serverCpuMs).toFixed(0), ((pm((s) => s.serverCpuMs) / pm((s) => s.wallMs)) * 100).toFixed(0), perOp(pm((s) => s.serverCpuMs), p), pm((s) => s.clientCpuMs).toFixed(0), pm((s) => s.othersCpuMs).toFixed(0), pm((s) => s.stealMs).toFixed(0), pm((s) => s.rssAfter).toFixed(0), pm((s) => s.peakAfter).toFixed(0)];
      }),
    ),
  );
  return out.join('\n');
}

/** CPU ms spent on a phase's ops, per op (µs below 10 ms per op). */
function perOp(cpuMs: number, p: PhaseStats): string {
  const ms = cpuMs / p.ops;
  return ms < 10 ? `${(ms * 1000).toFixed(0)} µs / ${p.unit}` : `${ms.toFixed(0)} ms / ${p.unit}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------------------------------------

const { values } = parseArgs({
  options: {
    rounds: { type: 'string' },
    storage: { type: 'string', default: 'sqlite' },
    'cpu-prof': { type: 'string' },
    keep: { type: 'boolean', default: false },
  },
});
const cpuProfDir = values['cpu-prof'] ? path.resolve(values['cpu-prof']) : undefined;
if (cpuProfDir) fs.mkdirSync(cpuProfDir, { recursive: true });
const roundCount = Number(values.rounds ?? (cpuProfDir ? 1 : 3));
const storage = values.storage!;
const rounds: Round[] = [];
for (let k = 0; k < roundCount; k++) {
  const busy = await waitQuiet();
  process.stderr.write(`round ${k + 1} of ${roundCount}${busy >= 0.1 ? ` (the machine is busy: other processes use ${busy.toFixed(1)} cores)` : ''}\n`);
  rounds.push(await round({ storage, cpuProfDir, keep: values.keep! }));
}
console.log(report(rounds, storage));
if (cpuProfDir) console.log(`\nCPU profiles and phase windows in ${cpuProfDir} (summarize: node dist/bench/cpuprofile.js ${cpuProfDir})`);
