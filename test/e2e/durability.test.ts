// Durability of the sqlite backend through a real `kite server` process: objects and their
// resourceVersions survive a SIGTERM restart, and the crash test — a concurrent write load
// through HTTP, `kill -9` in the middle of it, a restart on the same data directory — finds
// every acknowledged write, each at its acknowledged revision in the history (exact-revision
// lists), no revision reused, and a watcher that ran during the load saw every acknowledged
// write up to the last event it got, in order.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type KiteProcess, type LineStream, sleep, startKite } from './harness.js';

interface Obj {
  metadata: { name: string; namespace?: string; resourceVersion: string; uid: string; creationTimestamp: string; generation?: number };
  data?: Record<string, string>;
  [k: string]: unknown;
}

describe('a SIGTERM restart', () => {
  let kite: KiteProcess;
  before(async () => {
    kite = await startKite();
  });
  after(() => kite?.stop());

  test('keeps every object with its uid, resourceVersion and generation; revisions continue upward', async () => {
    const ns = 'durable';
    await kite.k(['create', 'namespace', ns]);
    await kite.k(['-n', ns, 'create', 'configmap', 'cm', '--from-literal=a=1']);
    await kite.k(['-n', ns, 'create', 'secret', 'generic', 's', '--from-literal=p=q']);
    await kite.k(['-n', ns, 'create', 'deployment', 'd', '--image=busybox']);
    await kite.k(['-n', ns, 'scale', 'deployment', 'd', '--replicas=4']);
    await kite.k(['-n', ns, 'label', 'configmap', 'cm', 'x=y']);
    await kite.k(['-n', ns, 'create', 'configmap', 'gone']);
    await kite.k(['-n', ns, 'delete', 'configmap', 'gone']);
    const kinds = 'configmaps,secrets,deployments';
    const before = await kite.kJson<{ items: Obj[] }>(['-n', ns, 'get', kinds]);
    const nsBefore = await kite.kJson<Obj>(['get', 'namespace', ns]);
    const svcBefore = await kite.kJson<Obj>(['-n', 'default', 'get', 'service', 'kubernetes']);
    const maxRV = Math.max(...before.items.map((o) => Number(o.metadata.resourceVersion)));

    await kite.restart();

    const afterRestart = await kite.kJson<{ items: Obj[] }>(['-n', ns, 'get', kinds]);
    assert.deepEqual(afterRestart, before);
    assert.deepEqual(await kite.kJson<Obj>(['get', 'namespace', ns]), nsBefore);
    assert.equal((await kite.kJson<Obj>(['-n', ns, 'get', 'deployment', 'd'])).metadata.generation, 2);
    assert.equal(await kite.kFails(['-n', ns, 'get', 'configmap', 'gone']), 'Error from server (NotFound): configmaps "gone" not found');
    // The kubernetes Service is the same object (its endpoints follow the new port).
    const svcAfter = await kite.kJson<Obj>(['-n', 'default', 'get', 'service', 'kubernetes']);
    assert.equal(svcAfter.metadata.uid, svcBefore.metadata.uid);
    assert.equal(await kite.k(['get', 'services', '-A', '-o', 'name']), 'service/kubernetes\n');
    const port = new URL(kite.url).port;
    assert.equal(await kite.k(['-n', 'default', 'get', 'endpoints', 'kubernetes', '-o', 'jsonpath={.subsets[0].ports[0].port}']), port);
    assert.equal(await kite.k(['-n', 'default', 'get', 'service', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP} {.spec.ports[0].port} {.spec.ports[0].targetPort}']), `10.43.0.1 443 ${port}`);
    const created = JSON.parse(await kite.k(['-n', ns, 'create', 'configmap', 'new', '-o', 'json'])) as Obj;
    assert.ok(Number(created.metadata.resourceVersion) > maxRV, 'no resourceVersion is handed out twice');
    // An update with the resourceVersion read before the restart still applies.
    const cm = before.items.find((o) => o.metadata.name === 'cm')!;
    const put = await kite.api('PUT', `/api/v1/namespaces/${ns}/configmaps/cm`, { ...cm, data: { a: '2' } });
    assert.equal(put.status, 200, JSON.stringify(put.body));
  });
});

type Op = 'create' | 'update' | 'delete';

interface Ack {
  readonly op: Op;
  readonly name: string;
  /** The resourceVersion the response carried (none for a delete, whose answer is a Status). */
  readonly rv: number;
  readonly counter: number;
}

interface Worker {
  readonly acks: Ack[];
  /** The write in flight when the server died: it may or may not have been committed. */
  pending?: { op: Op; name: string; counter: number };
}

const NS = 'crash';
const WORKERS = 16;

/** One client writing its own objects (so it knows each one's expected state): mostly
 *  updates, some creates, a few deletes, until a request fails (the server died). */
async function runWorker(kite: KiteProcess, id: number, worker: Worker, stop: () => boolean): Promise<void> {
  const live: { name: string; counter: number }[] = [];
  let next = 0;
  const path = `/api/v1/namespaces/${NS}/configmaps`;
  while (!stop()) {
    const roll = Math.random();
    let op: Op;
    let name: string;
    let counter: number;
    let req: RequestInit;
    let url = path;
    if (live.length === 0 || roll < 0.25) {
      op = 'create';
      name = `w${id}-${next++}`;
      counter = 0;
      req = { method: 'POST', body: JSON.stringify({ metadata: { name }, data: { counter: '0', worker: String(id) } }) };
    } else if (roll < 0.3) {
      op = 'delete';
      const target = live[Math.floor(Math.random() * live.length)];
      name = target.name;
      counter = target.counter;
      url = `${path}/${name}`;
      req = { method: 'DELETE' };
    } else {
      op = 'update';
      const target = live[Math.floor(Math.random() * live.length)];
      name = target.name;
      counter = target.counter + 1;
      url = `${path}/${name}`;
      req = { method: 'PATCH', body: JSON.stringify({ data: { counter: String(counter) } }) };
    }
    worker.pending = { op, name, counter };
    let res: Response;
    let body: { metadata?: { resourceVersion?: string } };
    try {
      const type = req.method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
      res = await kite.fetch(url, { ...req, headers: { 'Content-Type': type } });
      body = (await res.json()) as typeof body;
    } catch {
      return; // the server is gone; `pending` stays unknown
    }
    assert.ok(res.status === 200 || res.status === 201, `${op} ${name}: HTTP ${res.status} ${JSON.stringify(body)}`);
    worker.pending = undefined;
    worker.acks.push({ op, name, counter, rv: Number(body.metadata?.resourceVersion ?? 0) });
    if (op === 'create') live.push({ name, counter });
    else if (op === 'update') live.find((o) => o.name === name)!.counter = counter;
    else live.splice(live.findIndex((o) => o.name === name), 1);
  }
}

/** Resolves with the watch events seen, as (rv, name) pairs, until the stream breaks. */
async function collect(stream: LineStream, into: { rv: number; name: string; type: string }[]): Promise<void> {
  for (;;) {
    let line: string | undefined;
    try {
      line = await stream.next(60_000);
    } catch {
      return;
    }
    if (line === undefined) return;
    let e: { type: string; object: Obj };
    try {
      e = JSON.parse(line) as typeof e;
    } catch {
      return; // a line cut by the crash
    }
    into.push({ rv: Number(e.object.metadata.resourceVersion), name: e.object.metadata.name, type: e.type });
  }
}

describe('the crash test', () => {
  let kite: KiteProcess;
  before(async () => {
    kite = await startKite();
  });
  after(() => kite?.stop());

  test('kill -9 during a write load loses no acknowledged write and leaves no gap in the history', async (t) => {
    await kite.k(['create', 'namespace', NS]);
    const start = await kite.api('GET', `/api/v1/namespaces/${NS}/configmaps`);
    const startRV = Number(start.body.metadata.resourceVersion);
    const watch = await kite.watch(`/api/v1/namespaces/${NS}/configmaps?watch=1&resourceVersion=${startRV}`);
    const seen: { rv: number; name: string; type: string }[] = [];
    const watching = collect(watch, seen);

    const workers: Worker[] = Array.from({ length: WORKERS }, () => ({ acks: [] }));
    let stopped = false;
    const load = Promise.all(workers.map((w, i) => runWorker(kite, i, w, () => stopped)));
    // Let the load build up, then crash in the middle of it.
    const deadline = Date.now() + 10_000;
    while (workers.reduce((n, w) => n + w.acks.length, 0) < 600 && Date.now() < deadline) await sleep(20);
    await kite.kill();
    await load;
    stopped = true;
    await watching;
    watch.close();

    const acks = workers.flatMap((w) => w.acks);
    const written = acks.filter((a) => a.op !== 'delete');
    assert.ok(written.length >= 300, `enough load before the crash (${acks.length} acknowledged writes)`);
    assert.ok(workers.some((w) => w.pending), 'the crash interrupted writes in flight');
    const maxAcked = Math.max(...written.map((a) => a.rv));
    t.diagnostic(
      `${acks.length} acknowledged writes (${acks.filter((a) => a.op === 'delete').length} deletes), ` +
        `${workers.filter((w) => w.pending).length} in flight at the crash, ${seen.length} watch events before it`,
    );

    // The watcher, before the crash: in order, no duplicates, and every acknowledged write up
    // to the last event it got.
    const seenRVs = seen.map((e) => e.rv);
    for (let i = 1; i < seenRVs.length; i++) assert.ok(seenRVs[i] > seenRVs[i - 1], `watch events in revision order at ${i}`);
    const lastSeen = seenRVs.at(-1) ?? startRV;
    const seenSet = new Set(seenRVs);
    for (const a of written) if (a.rv <= lastSeen) assert.ok(seenSet.has(a.rv), `the watch delivered ${a.op} ${a.name}@${a.rv}`);

    await kite.restart();

    // Every acknowledged write is there: each object's final state is its last acknowledged
    // write, or the write in flight at the crash.
    const list = await kite.api<{ metadata: { resourceVersion: string }; items: Obj[] }>('GET', `/api/v1/namespaces/${NS}/configmaps`);
    const current = new Map(list.body.items.map((o) => [o.metadata.name, o]));
    for (const [id, w] of workers.entries()) {
      const last = new Map<string, Ack>();
      for (const a of w.acks) last.set(a.name, a);
      for (const [name, a] of last) {
        const obj = current.get(name);
        const inFlight = w.pending?.name === name ? w.pending : undefined;
        if (a.op === 'delete') {
          assert.equal(obj, undefined, `worker ${id}: ${name} was deleted`);
          continue;
        }
        if (!obj) {
          assert.equal(inFlight?.op, 'delete', `worker ${id}: ${name} (acknowledged at ${a.rv}) is missing`);
          continue;
        }
        assert.ok(Number(obj.metadata.resourceVersion) >= a.rv, `${name}: resourceVersion ${obj.metadata.resourceVersion} < acknowledged ${a.rv}`);
        const counter = Number(obj.data?.counter);
        const allowed = inFlight?.op === 'update' ? [a.counter, inFlight.counter] : [a.counter];
        assert.ok(allowed.includes(counter), `${name}: counter ${counter}, acknowledged ${a.counter}`);
        if (counter === a.counter) assert.equal(Number(obj.metadata.resourceVersion), a.rv, `${name}: at its acknowledged revision`);
      }
      // Nothing this worker never wrote, except its create in flight.
      for (const name of current.keys()) {
        if (!name.startsWith(`w${id}-`)) continue;
        assert.ok(last.has(name) || w.pending?.name === name, `${name} exists but was never acknowledged nor in flight`);
      }
    }

    // The history has every acknowledged revision: an exact list at each one shows the object
    // with that resourceVersion and the value written.
    const queue = [...written];
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let a = queue.pop(); a; a = queue.pop()) {
          const r = await kite.api('GET', `/api/v1/namespaces/${NS}/configmaps?resourceVersion=${a.rv}&resourceVersionMatch=Exact&fieldSelector=metadata.name%3D${a.name}`);
          assert.equal(r.status, 200, JSON.stringify(r.body));
          assert.equal(r.body.metadata.resourceVersion, String(a.rv));
          assert.equal(r.body.items.length, 1, `${a.op} ${a.name}@${a.rv} is in the history`);
          assert.equal(r.body.items[0].metadata.resourceVersion, String(a.rv));
          assert.equal(r.body.items[0].data.counter, String(a.counter));
        }
      }),
    );

    // Revisions continue after the crash; none is reused.
    assert.ok(Number(list.body.metadata.resourceVersion) >= maxAcked);
    const fresh = await kite.api('POST', `/api/v1/namespaces/${NS}/configmaps`, { metadata: { name: 'after-crash' } });
    assert.equal(fresh.status, 201);
    assert.ok(Number(fresh.body.metadata.resourceVersion) > Math.max(maxAcked, lastSeen));
    // The restarted server serves watches and kubectl as before.
    assert.match(await kite.k(['-n', NS, 'get', 'configmap', 'after-crash']), /^NAME\s+DATA\s+AGE\nafter-crash\s+0\s+\d+s\n$/);
  });
});
