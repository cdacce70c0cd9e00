// Informers over HTTP against a real `kite server` process: the client library's reflector,
// shared informer and typed client, configured from the kubeconfig the server writes.
//
// - In order: creates, updates and deletes reach the handler as they happened.
// - Server crash and restart (SIGKILL, same data directory, same port) in the middle of a
//   stream of writes: the informer reconnects on its own; afterwards its handler's view is
//   the server's state, every write was delivered (or, if made while the watch was down and
//   superseded before the relist, seen as its net effect), no object was added twice, and
//   objects deleted while the informer was disconnected were delivered as deletes.
// - Forced 410: the server restarts with its storage history compacted, and its watch cache
//   only holds events from its start, so a watch resuming from an older resourceVersion gets
//   410 Expired, as from Kubernetes' watch cache after an API server restart. The informer's clock is a FakeClock so that it stays disconnected (waiting
//   out its backoff) while the test writes; it then relists and delivers exactly the
//   differences: tombstoned deletes, delete+add for a re-created object, one update per
//   changed object, adds for new ones, nothing for unchanged ones or for an object created
//   and deleted meanwhile.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { KubeObject } from '../../src/api/meta.js';
import { Client, StatusError, type corev1, type ListerWatcher, type ResourceClient } from '../../src/client/index.js';
import { newSharedIndexInformer, NAMESPACE_INDEX, type SharedIndexInformer } from '../../src/client/informer/index.js';
import { FakeClock, type Clock } from '../../src/client/workqueue/index.js';
import { checkDelivery, HandlerLog, RecordingLW, Sequence, summarize, Writer } from './client-history.js';
import { compactStorage, eventually, startKite, type KiteProcess } from './harness.js';

type ConfigMap = corev1.ConfigMap;

const LABELS = { 'e2e.kite.dev/informer': 'yes' };
const SELECTOR = 'e2e.kite.dev/informer=yes';

/** The client with the test's label selector on every list and watch. */
function selecting<T extends KubeObject>(lw: ListerWatcher<T>): ListerWatcher<T> {
  return {
    list: (opts) => lw.list({ ...opts, labelSelector: SELECTOR }),
    watch: (opts, onEvent) => lw.watch({ ...opts, labelSelector: SELECTOR }, onEvent),
  };
}

interface Running {
  readonly informer: SharedIndexInformer<ConfigMap>;
  readonly log: HandlerLog;
  readonly lw: RecordingLW<ConfigMap>;
  readonly errors: unknown[];
  stop(): Promise<void>;
}

function runInformer(configmaps: ResourceClient<ConfigMap>, seq: Sequence, clock?: Clock): Running {
  const lw = new RecordingLW<ConfigMap>(selecting(configmaps), seq);
  const errors: unknown[] = [];
  const informer = newSharedIndexInformer<ConfigMap>(lw, {
    ...(clock ? { clock } : {}),
    indexers: { [NAMESPACE_INDEX]: (o) => [o.metadata.namespace ?? ''] },
    reflector: {
      name: 'configmaps',
      typeMeta: { apiVersion: 'v1', kind: 'ConfigMap' },
      onError: (err) => errors.push(err),
      ...(clock ? { backoff: { jitter: 0 }, random: () => 0 } : {}),
    },
  });
  const log = new HandlerLog();
  informer.addEventHandler(log);
  const ac = new AbortController();
  const done = informer.run(ac.signal);
  return {
    informer,
    log,
    lw,
    errors,
    stop: async () => {
      ac.abort();
      await done;
    },
  };
}

/** One step of the write stream: create s-i, update s-(i-2), delete s-(i-4) on even steps. */
async function writeStep(writer: Writer, i: number): Promise<void> {
  await writer.create(`s-${i}`, { step: String(i) });
  if (i >= 2) await writer.update(`s-${i - 2}`, { step: String(i), updated: 'yes' });
  if (i >= 4 && i % 2 === 0) await writer.delete(`s-${i - 4}`);
}

describe('informer over HTTP against a real kite server', { timeout: 120_000 }, () => {
  let kite: KiteProcess;
  let client: Client;

  before(async () => {
    kite = await startKite();
    client = Client.fromKubeconfig(kite.kubeconfig, { userAgent: 'client-informer-e2e' });
  });

  after(async () => {
    client?.close();
    await kite?.stop();
  });

  async function namespace(name: string): Promise<ResourceClient<ConfigMap>> {
    await client.core.namespaces().create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    return client.core.configmaps(name);
  }

  /** Waits until the handler's view is the server's (a consistent list). */
  async function converged(configmaps: ResourceClient<ConfigMap>, log: HandlerLog, timeoutMs = 30_000, drive?: () => Promise<void>): Promise<void> {
    let last = '';
    try {
      await eventually(
        async () => {
          await drive?.();
          const server = summarize((await configmaps.list({ labelSelector: SELECTOR })).items);
          const seen = summarize(log.state.values());
          last = `server ${JSON.stringify([...server])}\nhandler ${JSON.stringify([...seen])}`;
          return JSON.stringify([...server]) === JSON.stringify([...seen]);
        },
        timeoutMs,
        'the handler to see the server state',
      );
    } catch (err) {
      throw new Error(`${(err as Error).message}\n${last}\n${kite.exitReport()}`);
    }
  }

  test('creates, updates and deletes reach the handler in order', async () => {
    const configmaps = await namespace('informer-order');
    const seq = new Sequence();
    const writer = new Writer(configmaps, seq, LABELS);
    const seed = await writer.create('seed', { v: '0' });
    const run = runInformer(configmaps, seq);
    try {
      assert.equal(await run.informer.waitForSync(), true);
      assert.deepEqual(run.log.lines(), [`add seed@${seed.metadata.resourceVersion} initial`]);

      const x1 = await writer.create('x', { v: '1' });
      const x2 = await writer.update('x', { v: '2' });
      const y1 = await writer.create('y', { v: '1' });
      await writer.delete('x');
      const y2 = await writer.update('y', { v: '2' });
      await converged(configmaps, run.log);

      const lines = run.log.lines(1);
      const deleteLine = lines[3] ?? '';
      assert.deepEqual(lines, [
        `add x@${x1.metadata.resourceVersion}`,
        `update x@${x1.metadata.resourceVersion}->${x2.metadata.resourceVersion}`,
        `add y@${y1.metadata.resourceVersion}`,
        deleteLine,
        `update y@${y1.metadata.resourceVersion}->${y2.metadata.resourceVersion}`,
      ]);
      // The DELETED event carries the deletion's resourceVersion: after y's create, before
      // its update.
      const deletedAt = Number(/^delete x@(\d+)$/.exec(deleteLine)?.[1]);
      assert.ok(deletedAt > Number(y1.metadata.resourceVersion) && deletedAt < Number(y2.metadata.resourceVersion), deleteLine);
      assert.deepEqual(checkDelivery(writer.writes, run.log, run.lw.lists), []);
      assert.equal(run.lw.lists.length, 1, 'no relist');
      assert.equal(run.lw.lists[0]!.requestedRv, '0', 'the first list may be served from the watch cache');
      assert.equal(run.informer.lastSyncResourceVersion(), y2.metadata.resourceVersion);
      assert.deepEqual(
        run.informer.getIndexer().byIndex(NAMESPACE_INDEX, 'informer-order').map((o) => o.metadata.name).sort(),
        ['seed', 'y'],
      );
    } finally {
      await run.stop();
    }
  });

  test('a server killed and restarted mid-stream: nothing missed, nothing added twice, outage deletes delivered', async (t) => {
    const configmaps = await namespace('informer-restart');
    const seq = new Sequence();
    const writer = new Writer(configmaps, seq, LABELS);
    for (let i = 0; i < 6; i++) await writer.create(`seed-${i}`, { v: '0' });
    const run = runInformer(configmaps, seq);
    try {
      assert.equal(await run.informer.waitForSync(), true);
      // A stream of writes that rides out the outage (retrying until the server answers).
      let stop = false;
      let steps = 0;
      const stream = (async () => {
        for (; !stop || steps < 40; steps++) await writeStep(writer, steps);
      })();
      await eventually(() => steps >= 15, 20_000, 'the write stream to get going');

      // Crash the server in the middle of the stream and bring it back on the same port;
      // straight away (the informer is reconnecting) delete and update objects it knew.
      await kite.restart({ crash: true, samePort: true });
      const known = [...run.log.state.keys()].filter((n) => n.startsWith('seed-'));
      assert.equal(known.length, 6);
      const deletedInOutage = known.slice(0, 3);
      for (const name of deletedInOutage) await writer.delete(name);
      for (const name of known.slice(3)) await writer.update(name, { outage: 'updated' });

      stop = true;
      await stream;
      await converged(configmaps, run.log);

      assert.deepEqual(checkDelivery(writer.writes, run.log, run.lw.lists), []);
      const deletes = new Set(run.log.notifications.filter((n) => n.kind === 'delete').map((n) => n.name));
      for (const name of deletedInOutage) assert.ok(deletes.has(name), `${name}, deleted during the outage, was delivered as a delete`);
      const adds = run.log.notifications.filter((n) => n.kind === 'add').map((n) => `${n.uid}@${n.rv}`);
      assert.equal(new Set(adds).size, adds.length, 'no object added twice');
      assert.ok(run.lw.watches.length >= 2, 'the informer reconnected');
      t.diagnostic(`${writer.writes.length} writes; watches: ${run.lw.watches.map((w) => `from ${w.fromRv}: ${w.end ?? 'open'}`).join('; ')}`);
      t.diagnostic(`lists: ${run.lw.lists.map((l) => `rv=${l.requestedRv ?? '""'} -> ${l.resultRv}`).join('; ')}`);
    } finally {
      await run.stop();
    }
  });

  test('forced 410 after a restart: the informer relists and delivers exactly the differences', async () => {
    const configmaps = await namespace('informer-410');
    const seq = new Sequence();
    const writer = new Writer(configmaps, seq, LABELS);
    for (const name of ['a', 'b', 'c', 'd', 'e', 'f']) await writer.create(name, { v: '0' });
    const clock = new FakeClock(Date.now());
    const run = runInformer(configmaps, seq, clock);
    try {
      assert.equal(await run.informer.waitForSync(), true);
      await writer.update('a', { v: '1' });
      await writer.create('g', { v: '0' });
      await converged(configmaps, run.log);
      const lastSeen = run.informer.lastSyncResourceVersion();
      const mark = run.log.notifications.length;

      // Another resource's write moves the server's revision past the last ConfigMap event,
      // so the restarted server's watch window starts after what the informer has seen; and
      // the history is compacted while the server is down, so storage cannot serve it either.
      await client.core.secrets('informer-410').create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'bump' }, stringData: { k: 'v' } });
      await kite.restart({ crash: true, samePort: true, between: () => compactStorage(kite.dataDir) });
      await eventually(() => run.lw.watches[0]!.end !== undefined, 10_000, 'the watch to break');
      assert.match(run.lw.watches[0]!.end!, /^transport/);

      // While the informer waits out its backoff (on its FakeClock):
      await writer.delete('b');
      await writer.delete('c');
      const c2 = await writer.create('c', { v: 'again' });
      const d1 = await writer.update('d', { v: '1' });
      await writer.update('e', { v: '1' });
      const e2 = await writer.update('e', { v: '2' });
      const h = await writer.create('h', { v: '0' });
      await writer.create('i', { v: '0' });
      await writer.delete('i');
      assert.equal(run.lw.watches.length, 1, 'the informer has not reconnected yet');
      assert.deepEqual(run.log.lines(mark), []);

      const rv = (name: string) => run.log.state.get(name)!.metadata.resourceVersion;
      const before = { b: rv('b'), c: rv('c'), d: rv('d'), e: rv('e') };
      await converged(configmaps, run.log, 30_000, () => clock.advance(1000));

      assert.deepEqual(run.lw.watches[1], { fromRv: lastSeen, end: '410' }, 'the resumed watch got 410 Expired');
      assert.ok(run.errors.some((e) => e instanceof StatusError && e.code === 410 && e.reason === 'Expired'));
      assert.equal(run.lw.lists[1]!.requestedRv, lastSeen, 'relist: not older than the last resourceVersion seen');
      assert.deepEqual(run.log.lines(mark), [
        `delete c@${before.c} tombstone`,
        `add c@${c2.metadata.resourceVersion}`,
        `update d@${before.d}->${d1.metadata.resourceVersion}`,
        `update e@${before.e}->${e2.metadata.resourceVersion}`,
        `add h@${h.metadata.resourceVersion}`,
        `delete b@${before.b} tombstone`,
      ]);
      assert.deepEqual(checkDelivery(writer.writes, run.log, run.lw.lists), []);

      // And the watch from the relist carries on.
      const mark2 = run.log.notifications.length;
      const a2 = await writer.update('a', { v: '2' });
      await converged(configmaps, run.log);
      assert.equal(run.log.lines(mark2).length, 1);
      assert.match(run.log.lines(mark2)[0]!, new RegExp(`^update a@\\d+->${a2.metadata.resourceVersion}$`));
    } finally {
      await run.stop();
    }
  });
});
