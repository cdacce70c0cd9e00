// Storage benchmark (npm run bench:storage): for each backend, the rate and latency of creates
// and updates from 50 concurrent async writers, a full and a paginated list of 10,000 keys, and
// watch delivery (replay from revision 0, and live fan-out to many watchers). Results go to
// stdout as a table, each figure the median of ROUNDS fresh runs (the disk's fsync time varies
// from run to run); docs/PERFORMANCE.md records a run.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openStorage, type KV, type StorageOptions } from '../src/storage/index.js';

const WRITERS = 50;
const OBJECTS = 10_000;
const FANOUT_WATCHERS = 100;
const FANOUT_WRITES = 5_000;
const PAGE = 500;
const ROUNDS = 3;

// About the size of a small pod object as the API server stores it.
const VALUE = JSON.stringify({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'x', namespace: 'bench', labels: { app: 'bench', tier: 'backend' }, uid: '00000000-0000-0000-0000-000000000000' },
  spec: {
    containers: [{ name: 'main', image: 'registry.example/bench:1.0', resources: { requests: { cpu: '100m', memory: '64Mi' } } }],
    nodeName: 'node-1',
    padding: 'x'.repeat(600),
  },
});

interface Row {
  readonly backend: string;
  readonly createsPerSec: number;
  readonly createP50: number;
  readonly createP99: number;
  readonly updatesPerSec: number;
  readonly updateP50: number;
  readonly updateP99: number;
  readonly listAllMs: number;
  readonly listPagedMs: number;
  readonly replayPerSec: number;
  readonly fanoutPerSec: number;
}

const key = (i: number): string => `/registry/pods/bench/pod-${String(i).padStart(5, '0')}`;

/** Runs `total` operations from WRITERS concurrent loops; returns ops/s and latencies (ms). */
async function concurrently(total: number, op: (i: number) => Promise<unknown>): Promise<{ perSec: number; p50: number; p99: number }> {
  const latencies = new Float64Array(total);
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: WRITERS }, async () => {
      for (let i = next++; i < total; i = next++) {
        const t = performance.now();
        await op(i);
        latencies[i] = performance.now() - t;
      }
    }),
  );
  const elapsed = performance.now() - start;
  latencies.sort();
  return { perSec: (total / elapsed) * 1000, p50: latencies[Math.floor(total * 0.5)]!, p99: latencies[Math.floor(total * 0.99)]! };
}

async function bench(label: string, opts: StorageOptions): Promise<Row> {
  const kv = await openStorage(opts);
  try {
    // The API server keeps one watch per resource; keep one open, as it would.
    let cached = 0;
    const cacheWatch = kv.watch('/registry/pods/', 0, { onEvents: (events) => (cached += events.length) });

    const revisions = new Array<number>(OBJECTS);
    const creates = await concurrently(OBJECTS, async (i) => {
      revisions[i] = (await kv.create(key(i), VALUE)).modRevision;
    });
    const updates = await concurrently(OBJECTS, async (i) => {
      revisions[i] = (await kv.update(key(i), VALUE.replace('"x"', `"x${i}"`), revisions[i]!)).modRevision;
    });
    if (cached !== 2 * OBJECTS) throw new Error(`watch saw ${cached} events, expected ${2 * OBJECTS}`);
    cacheWatch.close();

    const listAllMs = await timeMs(5, async () => {
      const { kvs } = await kv.list('/registry/pods/');
      if (kvs.length !== OBJECTS) throw new Error(`listed ${kvs.length}`);
    });
    const listPagedMs = await timeMs(5, async () => {
      let n = 0;
      let page = await kv.list('/registry/pods/', { limit: PAGE });
      n += page.kvs.length;
      while (page.more) {
        const startKey = `${page.kvs[page.kvs.length - 1]!.key}\x00`;
        page = await kv.list('/registry/pods/', { limit: PAGE, startKey, revision: page.revision });
        n += page.kvs.length;
      }
      if (n !== OBJECTS) throw new Error(`paged ${n}`);
    });

    const replayPerSec = await replayRate(kv);
    const fanoutPerSec = await fanoutRate(kv);
    return {
      backend: label,
      createsPerSec: creates.perSec,
      createP50: creates.p50,
      createP99: creates.p99,
      updatesPerSec: updates.perSec,
      updateP50: updates.p50,
      updateP99: updates.p99,
      listAllMs,
      listPagedMs,
      replayPerSec,
      fanoutPerSec,
    };
  } finally {
    await kv.close();
  }
}

/** Mean time of `runs` runs, in ms. */
async function timeMs(runs: number, fn: () => Promise<void>): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < runs; i++) await fn();
  return (performance.now() - start) / runs;
}

/** Events per second a watch from revision 0 replays (the whole history, ~20,000 events). */
async function replayRate(kv: KV): Promise<number> {
  const current = await kv.currentRevision();
  const start = performance.now();
  await new Promise<void>((resolve, reject) => {
    let seen = 0;
    const w = kv.watch('/registry/pods/', 0, {
      onEvents: (events) => {
        seen += events.length;
      },
      onProgress: (revision) => {
        if (revision >= current) {
          w.close();
          if (seen !== current) reject(new Error(`replayed ${seen} of ${current}`));
          else resolve();
        }
      },
      onError: reject,
    });
  });
  return (current / (performance.now() - start)) * 1000;
}

/** Events per second delivered to FANOUT_WATCHERS live watchers while 50 writers create. */
async function fanoutRate(kv: KV): Promise<number> {
  let delivered = 0;
  const from = await kv.currentRevision();
  const watches = Array.from({ length: FANOUT_WATCHERS }, () =>
    kv.watch('/registry/configmaps/', from, { onEvents: (events) => (delivered += events.length) }),
  );
  const start = performance.now();
  await concurrently(FANOUT_WRITES, (i) => kv.create(`/registry/configmaps/bench/cm-${i}`, VALUE));
  const elapsed = performance.now() - start;
  for (const w of watches) w.close();
  if (delivered !== FANOUT_WATCHERS * FANOUT_WRITES) throw new Error(`delivered ${delivered}`);
  return (delivered / elapsed) * 1000;
}

/** Each figure's median over the runs. */
function median(runs: readonly Row[]): Row {
  const mid = (pick: (r: Row) => number): number => runs.map(pick).sort((a, b) => a - b)[Math.floor(runs.length / 2)]!;
  return {
    backend: runs[0]!.backend,
    createsPerSec: mid((r) => r.createsPerSec),
    createP50: mid((r) => r.createP50),
    createP99: mid((r) => r.createP99),
    updatesPerSec: mid((r) => r.updatesPerSec),
    updateP50: mid((r) => r.updateP50),
    updateP99: mid((r) => r.updateP99),
    listAllMs: mid((r) => r.listAllMs),
    listPagedMs: mid((r) => r.listPagedMs),
    replayPerSec: mid((r) => r.replayPerSec),
    fanoutPerSec: mid((r) => r.fanoutPerSec),
  };
}

function table(rows: readonly Row[]): string {
  const head = ['backend', 'creates/s', 'create p50 ms', 'create p99 ms', 'updates/s', 'update p50 ms', 'update p99 ms', `list ${OBJECTS} ms`, `list by ${PAGE} ms`, 'replay events/s', `fan-out events/s (${FANOUT_WATCHERS} watchers)`];
  const body = rows.map((r) => [
    r.backend,
    r.createsPerSec.toFixed(0),
    r.createP50.toFixed(2),
    r.createP99.toFixed(2),
    r.updatesPerSec.toFixed(0),
    r.updateP50.toFixed(2),
    r.updateP99.toFixed(2),
    r.listAllMs.toFixed(1),
    r.listPagedMs.toFixed(1),
    r.replayPerSec.toFixed(0),
    r.fanoutPerSec.toFixed(0),
  ]);
  const lines = [head, head.map((h) => '-'.repeat(h.length)), ...body];
  return lines.map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kite-bench-storage-'));
try {
  const rows: Row[] = [];
  const configs: [string, StorageOptions][] = [
    ['memory', { backend: 'memory' }],
    ['sqlite (synchronous=FULL, default)', { backend: 'sqlite', dataDir: path.join(root, 'full') }],
    ['sqlite (synchronous=NORMAL)', { backend: 'sqlite', dataDir: path.join(root, 'normal'), synchronous: 'normal' }],
  ];
  for (const [label, opts] of configs) {
    const runs: Row[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const dataDir = opts.dataDir && path.join(opts.dataDir, `round${round}`);
      runs.push(await bench(label, { ...opts, dataDir }));
      process.stderr.write(`done: ${label}, round ${round + 1} of ${ROUNDS}\n`);
    }
    rows.push(median(runs));
  }
  console.log(`node ${process.version}, ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${os.platform()} ${os.release()}`);
  console.log(`${OBJECTS} objects of ${VALUE.length} bytes, ${WRITERS} concurrent writers, median of ${ROUNDS} runs\n`);
  console.log(table(rows));
} finally {
  fs.rmSync(root, { recursive: true, force: true });
}
