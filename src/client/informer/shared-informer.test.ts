import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { expired, StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import type { ListerWatcher, ListOptions, WatchEvent } from '../contract.js';
import { FakeClock, settle } from '../workqueue/clock.js';
import { FakeListerWatcher } from './fake-lister-watcher.js';
import { pod, recordingHandler } from './fixtures.js';
import { NAMESPACE_INDEX, metaNamespaceIndexFunc } from './indexer.js';
import { DefaultSharedIndexInformer, filteringResourceEventHandler, newSharedIndexInformer, type SharedIndexInformerOptions } from './shared-informer.js';

interface Harness {
  clock: FakeClock;
  lw: FakeListerWatcher;
  informer: DefaultSharedIndexInformer<KubeObject>;
  calls: string[];
  errors: unknown[];
  stop: () => Promise<void>;
}

const running: Harness[] = [];

afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
});

/** An informer over a fake server, jitter-free (backoffs are exactly 800, 1600, ... ms). */
async function start(
  seed: KubeObject[] = [],
  opts: { lw?: FakeListerWatcher; wrap?: (lw: FakeListerWatcher) => ListerWatcher<KubeObject>; informer?: SharedIndexInformerOptions<KubeObject>; handler?: boolean } = {},
): Promise<Harness> {
  const clock = new FakeClock();
  const lw = opts.lw ?? new FakeListerWatcher();
  for (const o of seed) lw.create(o);
  const errors: unknown[] = [];
  const informer = newSharedIndexInformer<KubeObject>(opts.wrap ? opts.wrap(lw) : lw, {
    clock,
    ...opts.informer,
    reflector: { random: () => 0, backoff: { jitter: 0 }, onError: (e) => errors.push(e), ...opts.informer?.reflector },
  });
  const calls: string[] = [];
  if (opts.handler !== false) informer.addEventHandler(recordingHandler(calls));
  const ac = new AbortController();
  const done = informer.run(ac.signal);
  await settle();
  const h: Harness = {
    clock,
    lw,
    informer,
    calls,
    errors,
    stop: async () => {
      ac.abort();
      await done;
    },
  };
  running.push(h);
  return h;
}

describe('SharedIndexInformer: list then watch', () => {
  test('initial list arrives as adds marked initial, then watch events in order', async () => {
    const h = await start([pod('a'), pod('b')]);
    assert.equal(h.informer.hasSynced(), true);
    assert.deepEqual(h.calls.splice(0), ['add default/a@101 initial', 'add default/b@102 initial']);
    assert.deepEqual(h.lw.watchCalls.map((w) => [w.resourceVersion, w.allowWatchBookmarks]), [['102', true]]);

    h.lw.create(pod('c'));
    h.lw.update({ ...pod('a'), spec: { v: 2 } });
    h.lw.delete('default', 'b');
    await settle();
    assert.deepEqual(h.calls, ['add default/c@103', 'update default/a@101->104', 'delete default/b@105']);
    assert.deepEqual(
      h.informer.getStore().listKeys().sort(),
      ['default/a', 'default/c'],
    );
    assert.equal(h.informer.lastSyncResourceVersion(), '105');
  });

  test('pages the initial list (resourceVersion "0") with limit and continue, all from one snapshot', async () => {
    const lw = new FakeListerWatcher();
    for (const n of ['a', 'b', 'c', 'd', 'e']) lw.create(pod(n));
    const h = await start([], { lw, informer: { reflector: { pageSize: 2 } } });
    assert.deepEqual(
      lw.listCalls.map((c) => [c.limit, c.continue, c.resourceVersion]),
      [
        [2, undefined, '0'],
        [2, '105:2', undefined],
        [2, '105:4', undefined],
      ],
    );
    assert.equal(h.calls.length, 5);
    assert.equal(h.lw.watchCalls[0]!.resourceVersion, '105');
  });

  test('an expired continue token restarts the list unpaged', async () => {
    const lw = new FakeListerWatcher();
    for (const n of ['a', 'b', 'c']) lw.create(pod(n));
    let calls = 0;
    const wrap = (inner: FakeListerWatcher): ListerWatcher<KubeObject> => ({
      list: async (o: ListOptions) => {
        if (calls++ === 1) throw expired('continue token too old');
        return inner.list(o);
      },
      watch: (o, cb) => inner.watch(o, cb),
    });
    const h = await start([], { lw, wrap, informer: { reflector: { pageSize: 2 } } });
    assert.deepEqual(lw.listCalls.map((c) => c.limit), [2, undefined]);
    assert.deepEqual(h.calls, ['add default/a@101 initial', 'add default/b@102 initial', 'add default/c@103 initial']);
  });

  test('fills apiVersion/kind on list items that lack them, and applies the transform', async () => {
    const lw = new FakeListerWatcher();
    lw.create({ metadata: { name: 'n1', managedFields: [{}] } });
    const h = await start([], {
      lw,
      informer: {
        reflector: {
          typeMeta: { apiVersion: 'v1', kind: 'Node' },
          transform: (o) => {
            delete o.metadata.managedFields;
            return o;
          },
        },
      },
    });
    const n1 = h.informer.getStore().getByKey('n1')!;
    assert.equal(n1.kind, 'Node');
    assert.equal(n1.apiVersion, 'v1');
    assert.equal(n1.metadata.managedFields, undefined);
  });
});

describe('SharedIndexInformer: broken watches, no duplicate or missed events', () => {
  test('server restart: the watch ends, resumes from the last resourceVersion, sees what happened meanwhile exactly once', async () => {
    const h = await start([pod('a'), pod('b')]);
    h.lw.update({ ...pod('a'), spec: { v: 2 } });
    await settle();
    h.calls.splice(0);

    // The server goes away: the stream ends, and the first reconnect is refused.
    h.lw.failNextWatches(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));
    h.lw.endWatches();
    await settle();
    // While we are disconnected, the world moves on.
    h.lw.create(pod('c'));
    h.lw.delete('default', 'b');
    h.lw.update({ ...pod('a'), spec: { v: 3 } });
    assert.deepEqual(h.calls, []);

    await h.clock.advance(800); // the backoff after the refused connection
    assert.deepEqual(h.calls, ['add default/c@104', 'delete default/b@105', 'update default/a@103->106']);
    assert.equal(h.lw.listCalls.length, 1, 'a resumable watch never relists');
    assert.deepEqual(h.lw.watchCalls.map((w) => w.resourceVersion), ['102', '103', '103']);
  });

  test('forced 410: relist delivers exactly the differences (tombstones for missed deletes, delete+add for re-creations)', async () => {
    const h = await start([pod('a'), pod('b'), pod('c'), pod('d')]);
    h.calls.splice(0);
    const oldUid = h.informer.getStore().getByKey('default/c')!.metadata.uid;

    h.lw.failWatches(expired('too old resource version: 104 (200)'));
    await settle();
    // Missed while the reflector waits to relist:
    h.lw.update({ ...pod('a'), spec: { v: 2 } }); // 105
    h.lw.delete('default', 'b'); // 106
    h.lw.delete('default', 'c'); // 107
    h.lw.create(pod('c')); // 108, a new uid
    h.lw.create(pod('e')); // 109
    h.lw.compact();
    assert.deepEqual(h.calls, []);

    await h.clock.advance(800);
    assert.deepEqual(h.calls, [
      'update default/a@101->105',
      'delete default/c@103 tombstone',
      'add default/c@108',
      'add default/e@109',
      'delete default/b@102 tombstone',
    ]);
    assert.notEqual(h.informer.getStore().getByKey('default/c')!.metadata.uid, oldUid);
    // The relist asks for a state not older than the last one seen, in one request.
    assert.deepEqual(h.lw.listCalls, [{ resourceVersion: '0', limit: 500 }, { resourceVersion: '104' }]);
    assert.equal(h.lw.watchCalls.at(-1)!.resourceVersion, '109');

    // And the watch carries on from the relist.
    h.calls.splice(0);
    h.lw.update({ ...pod('d'), spec: { v: 2 } });
    await settle();
    assert.deepEqual(h.calls, ['update default/d@104->110']);
    assert.equal(h.errors.length, 1);
    assert.equal((h.errors[0] as StatusError).code, 410);
  });

  const unavailable: [string, unknown][] = [
    ['410 Expired', expired('The resourceVersion for the provided list is too old.')],
    [
      '504 too large (a server that lost its data)',
      new StatusError(504, 'Timeout', 'Too large resource version: 104, current: 3', {
        causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }],
      }),
    ],
  ];
  for (const [name, err] of unavailable) {
    test(`a relist whose resourceVersion is unavailable (${name}) lists the latest state at once`, async () => {
      const h = await start([pod('a'), pod('b')]);
      h.calls.splice(0);
      h.lw.failWatches(expired('too old resource version'));
      h.lw.failNextLists(err);
      h.lw.delete('default', 'a'); // 103
      await h.clock.advance(800);
      assert.deepEqual(
        h.lw.listCalls.map((c) => c.resourceVersion ?? ''),
        ['0', '102', ''],
        'first list "0", relist at the last resourceVersion, then "" with no backoff',
      );
      assert.deepEqual(h.calls, ['delete default/a@101 tombstone']);
      // Once a list succeeded, relists go back to the last-seen resourceVersion.
      h.lw.failWatches(expired('too old resource version'));
      await h.clock.advance(1600);
      assert.equal(h.lw.listCalls.at(-1)!.resourceVersion, '103');
    });
  }

  test('resume from a compacted resourceVersion answers 410 and relists once', async () => {
    const h = await start([pod('a')]);
    h.calls.splice(0);
    await h.clock.advance(5000); // the watch has been up a while
    h.lw.endWatches(); // the server restarts...
    h.lw.create(pod('b'));
    h.lw.compact(); // ...and comes back without the history the watch needs to resume
    await settle();
    assert.deepEqual(h.calls, [], 'nothing yet: the resume got 410 and the relist waits for its backoff');
    await h.clock.advance(800);
    assert.deepEqual(h.calls, ['add default/b@102']);
    assert.equal(h.lw.listCalls.length, 2);
  });

  test('events repeating a resourceVersion already cached are not delivered again', async () => {
    // A watch that starts by replaying the last object it had sent (as a server replaying an
    // overlapping window would).
    let seen: WatchEvent<KubeObject> | undefined;
    const wrap = (inner: FakeListerWatcher): ListerWatcher<KubeObject> => ({
      list: (o) => inner.list(o),
      watch: (o, cb) => {
        const again = seen;
        const stream = inner.watch(o, (e) => {
          seen = e;
          cb(e);
        });
        if (again) queueMicrotask(() => cb(again));
        return stream;
      },
    });
    const h = await start([pod('a')], { wrap });
    h.lw.update({ ...pod('a'), spec: { v: 2 } });
    await settle();
    h.lw.endWatches();
    await settle();
    h.lw.create(pod('b'));
    await settle();
    assert.deepEqual(h.calls, ['add default/a@101 initial', 'update default/a@101->102', 'add default/b@103']);
  });

  test('bookmarks advance the resourceVersion the next watch resumes from', async () => {
    const h = await start([pod('a')]);
    h.lw.advanceResourceVersion(50);
    h.lw.bookmark();
    await settle();
    assert.equal(h.informer.lastSyncResourceVersion(), '151');
    h.lw.endWatches();
    await settle();
    assert.deepEqual(h.lw.watchCalls.map((w) => w.resourceVersion), ['101', '151']);
    assert.deepEqual(h.calls, ['add default/a@101 initial']);
  });

  test('a watch that ends at once without events is resumed only after a backoff', async () => {
    const h = await start([pod('a')]);
    h.lw.endWatches();
    await settle();
    assert.equal(h.lw.watchCalls.length, 1);
    await h.clock.advance(800);
    assert.equal(h.lw.watchCalls.length, 2);
    assert.equal(h.lw.listCalls.length, 1);
  });

  test('a failed list is retried with growing backoff; nothing is delivered until it succeeds', async () => {
    const lw = new FakeListerWatcher();
    lw.create(pod('a'));
    lw.failNextLists(new StatusError(500, 'InternalError', 'etcd is down'), 3);
    const h = await start([], { lw });
    assert.equal(h.informer.hasSynced(), false);
    const times: number[] = [];
    const t0 = h.clock.now();
    for (let i = 0; i < 60 && !h.informer.hasSynced(); i++) {
      const n = lw.listCalls.length;
      await h.clock.advance(100);
      if (lw.listCalls.length > n) times.push(h.clock.now() - t0);
    }
    assert.deepEqual(times, [800, 2400, 5600]);
    assert.deepEqual(h.calls, ['add default/a@101 initial']);
  });

  test('other API errors on the watch relist; transport errors resume', async () => {
    const h = await start([pod('a')]);
    h.lw.failWatches(new StatusError(403, 'Forbidden', 'no'));
    await h.clock.advance(800);
    assert.equal(h.lw.listCalls.length, 2);
    h.lw.failWatches(new Error('socket hang up'));
    await h.clock.advance(5000);
    assert.equal(h.lw.listCalls.length, 2);
    assert.equal(h.lw.activeWatches, 1);
    assert.deepEqual(h.calls, ['add default/a@101 initial']);
  });
});

describe('SharedIndexInformer: handlers', () => {
  test('a handler added late gets the cache as adds, then live events', async () => {
    const h = await start([pod('a'), pod('b')]);
    const late: string[] = [];
    const reg = h.informer.addEventHandler(recordingHandler(late));
    assert.equal(reg.hasSynced(), true);
    assert.deepEqual(late.splice(0), ['add default/a@101 initial', 'add default/b@102 initial']);
    h.lw.delete('default', 'a');
    await settle();
    assert.deepEqual(late, ['delete default/a@103']);
    h.informer.removeEventHandler(reg);
    h.lw.delete('default', 'b');
    await settle();
    assert.deepEqual(late, ['delete default/a@103']);
  });

  test('resync delivers onUpdate(obj, obj) per handler period only', async () => {
    const h = await start([pod('a'), pod('b')], { handler: false });
    const resyncing: string[] = [];
    const quiet: string[] = [];
    h.informer.addEventHandler(recordingHandler(resyncing), { resyncPeriodMs: 30_000 });
    h.informer.addEventHandler(recordingHandler(quiet));
    resyncing.splice(0);
    quiet.splice(0);
    await h.clock.advance(29_999);
    assert.deepEqual(resyncing, []);
    await h.clock.advance(1);
    assert.deepEqual(resyncing.splice(0), ['update default/a@101->101', 'update default/b@102->102']);
    await h.clock.advance(30_000);
    assert.deepEqual(resyncing.splice(0), ['update default/a@101->101', 'update default/b@102->102']);
    assert.deepEqual(quiet, []);
  });

  test('the informer default resync applies to handlers without their own; tiny periods are raised to 1 s', async () => {
    const h = await start([pod('a')], { handler: false, informer: { resyncPeriodMs: 10 } });
    const calls: string[] = [];
    h.informer.addEventHandler(recordingHandler(calls));
    calls.splice(0);
    await h.clock.advance(999);
    assert.deepEqual(calls, []);
    await h.clock.advance(1);
    assert.deepEqual(calls, ['update default/a@101->101']);
  });

  test('a throwing handler is reported and the others still run', async () => {
    const reported: unknown[] = [];
    const calls: string[] = [];
    const clock = new FakeClock();
    const lw = new FakeListerWatcher();
    lw.create(pod('a'));
    const informer = newSharedIndexInformer(lw, { clock, onHandlerError: (e) => reported.push(e) });
    informer.addEventHandler({
      onAdd: () => {
        throw new Error('boom');
      },
    });
    informer.addEventHandler(recordingHandler(calls));
    const ac = new AbortController();
    const done = informer.run(ac.signal);
    await settle();
    assert.deepEqual(calls, ['add default/a@101 initial']);
    assert.equal(reported.length, 1);
    ac.abort();
    await done;
  });

  test('filtering handler turns updates across the filter into adds and deletes', async () => {
    const h = await start([pod('a', 'default', { app: 'web' }), pod('b', 'default', { app: 'db' })], { handler: false });
    const calls: string[] = [];
    h.informer.addEventHandler(filteringResourceEventHandler((o: KubeObject) => o.metadata.labels?.app === 'web', recordingHandler(calls)));
    assert.deepEqual(calls.splice(0), ['add default/a@101 initial']);
    h.lw.update(pod('b', 'default', { app: 'web' }));
    h.lw.update(pod('a', 'default', { app: 'db' }));
    await settle();
    assert.deepEqual(calls, ['add default/b@103', 'delete default/a@101']);
  });

  test('stop closes the watch; waitForSync and late handlers answer accordingly', async () => {
    const lw = new FakeListerWatcher();
    lw.failNextLists(new Error('down'));
    const h = await start([], { lw });
    const ac = new AbortController();
    const waiting = h.informer.waitForSync(ac.signal);
    ac.abort();
    assert.equal(await waiting, false);
    await h.clock.advance(800);
    assert.equal(await h.informer.waitForSync(), true);
    await h.stop();
    assert.equal(lw.activeWatches, 0);
    assert.equal(h.informer.isStopped(), true);
    assert.throws(() => h.informer.addEventHandler({}), /stopped/);
    lw.create(pod('z'));
    await settle();
    assert.deepEqual(h.calls, []);
  });

  test('the namespace index stays current through watch events and relists', async () => {
    const h = await start([pod('a', 'ns1'), pod('b', 'ns2')], { informer: { indexers: { [NAMESPACE_INDEX]: metaNamespaceIndexFunc } } });
    h.lw.create(pod('c', 'ns1'));
    h.lw.delete('ns2', 'b');
    await settle();
    const ix = h.informer.getIndexer();
    assert.deepEqual(ix.indexKeys(NAMESPACE_INDEX, 'ns1'), ['ns1/a', 'ns1/c']);
    assert.deepEqual(ix.indexKeys(NAMESPACE_INDEX, 'ns2'), []);
    h.lw.failWatches(expired('gone'));
    h.lw.delete('ns1', 'a');
    await h.clock.advance(800);
    assert.deepEqual(ix.indexKeys(NAMESPACE_INDEX, 'ns1'), ['ns1/c']);
  });
});
