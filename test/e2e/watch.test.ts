// Watch and list semantics end to end: a watcher (raw HTTP and `kubectl get -w`) sees every
// one of 1,000 rapid updates in order; bookmarks; selectors on watches; the 410 Expired
// answers for a watch older than the window and for an exact list of a compacted revision;
// limit/continue pagination that stays consistent at the first page's revision; and the
// resourceVersion semantics of a list.
//
// A memory-backed server serves most tests (fast writes); the tests that need a restart or
// compaction use a sqlite-backed one, compacted offline through the storage API while it is
// stopped (the server compacts only every 5 minutes).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { openStorage } from '../../src/storage/index.js';
import { type KiteProcess, startKite } from './harness.js';

interface WatchEvent {
  type: string;
  object: {
    kind?: string;
    apiVersion?: string;
    metadata: { name?: string; resourceVersion: string; annotations?: Record<string, string>; creationTimestamp?: string | null };
    data?: Record<string, string>;
    code?: number;
    reason?: string;
    message?: string;
    status?: string;
  };
}

let kite: KiteProcess;
before(async () => {
  kite = await startKite({ storage: 'memory' });
});
after(() => kite.stop());

async function namespace(k: KiteProcess, name: string): Promise<void> {
  await k.k(['create', 'namespace', name]);
}

async function createConfigMap(k: KiteProcess, ns: string, name: string, data: Record<string, string> = {}, labels?: Record<string, string>): Promise<string> {
  const r = await k.api('POST', `/api/v1/namespaces/${ns}/configmaps`, { metadata: { name, labels }, data });
  assert.equal(r.status, 201, JSON.stringify(r.body));
  return r.body.metadata.resourceVersion;
}

function parseEvents(lines: string[]): WatchEvent[] {
  return lines.map((l) => JSON.parse(l) as WatchEvent);
}

describe('1,000 rapid updates to one object', () => {
  const ns = 'watch-rapid';
  before(() => namespace(kite, ns));

  test('a raw watch and kubectl get -w see every one, in order, with increasing resourceVersions', async () => {
    const createdRV = await createConfigMap(kite, ns, 'counter', { n: '0' });
    const raw = await kite.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${createdRV}&fieldSelector=metadata.name%3Dcounter`);
    const kubectl = kite.watchKubectl(['-n', ns, 'get', 'configmap', 'counter', '-w', '-o', 'json', '--output-watch-events']);
    try {
      // kubectl starts with the current state. (If it does not, say what kubectl said: this
      // once timed out in CI without a trace.)
      const firstLines = await kubectl.lines.take(1).catch((err: unknown) => {
        throw new Error(`${String(err)}; kubectl exit ${kubectl.child.exitCode}, stderr: ${kubectl.stderr()}\nserver: ${kite.output.slice(-2000)}`);
      });
      const first = parseEvents(firstLines)[0];
      assert.equal(first.type, 'ADDED');
      assert.equal(first.object.metadata.resourceVersion, createdRV);

      const acked: string[] = [];
      for (let i = 1; i <= 1000; i++) {
        const r = await kite.fetch(`/api/v1/namespaces/${ns}/configmaps/counter`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/merge-patch+json' },
          body: JSON.stringify({ data: { n: String(i) } }),
        });
        assert.equal(r.status, 200);
        acked.push(((await r.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion);
      }
      for (let i = 1; i < acked.length; i++) assert.ok(Number(acked[i]) > Number(acked[i - 1]), 'acknowledged resourceVersions increase');

      for (const [who, stream] of [
        ['raw watch', raw],
        ['kubectl get -w', kubectl.lines],
      ] as const) {
        const lines = await stream.take(1000, 30_000).catch((err: unknown) => {
          throw new Error(`${who}: ${String(err)}; kubectl exit ${kubectl.child.exitCode}, stderr: ${kubectl.stderr()}\nserver: ${kite.output.slice(-2000)}`);
        });
        const events = parseEvents(lines);
        events.forEach((e, i) => {
          assert.equal(e.type, 'MODIFIED', `${who}: event ${i}`);
          assert.equal(e.object.data?.n, String(i + 1), `${who}: event ${i} is update ${i + 1}`);
          assert.equal(e.object.metadata.resourceVersion, acked[i], `${who}: event ${i} carries the acknowledged resourceVersion`);
        });
      }
    } finally {
      raw.close();
      kubectl.lines.close();
    }
  });

  test('concurrent writers: the watch delivers each acknowledged write exactly once, in revision order', async () => {
    await createConfigMap(kite, ns, 'shared');
    const list = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps`);
    const w = await kite.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      const acked: number[] = [];
      await Promise.all(
        Array.from({ length: 10 }, async (_, worker) => {
          for (let i = 0; i < 20; i++) {
            const r = await kite.fetch(`/api/v1/namespaces/${ns}/configmaps/shared`, {
              method: 'PATCH',
              headers: { 'Content-Type': 'application/merge-patch+json' },
              body: JSON.stringify({ data: { [`w${worker}`]: String(i) } }),
            });
            assert.equal(r.status, 200, await r.clone().text());
            acked.push(Number(((await r.json()) as { metadata: { resourceVersion: string } }).metadata.resourceVersion));
          }
        }),
      );
      const events = parseEvents(await w.take(200, 20_000));
      const seen = events.map((e) => Number(e.object.metadata.resourceVersion));
      assert.deepEqual(seen, [...seen].sort((a, b) => a - b), 'in revision order');
      assert.deepEqual([...seen].sort((a, b) => a - b), [...acked].sort((a, b) => a - b), 'every acknowledged write, once');
      assert.deepEqual(events.at(-1)!.object.data, Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`w${i}`, '19'])));
    } finally {
      w.close();
    }
  });
});

describe('watch features', () => {
  const ns = 'watch-features';
  before(() => namespace(kite, ns));

  test('a watch without resourceVersion starts with ADDED for what exists; a DELETED carries the deletion revision', async () => {
    await createConfigMap(kite, ns, 'x');
    const w = await kite.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1`);
    try {
      const [added] = parseEvents(await w.take(1));
      assert.equal(added.type, 'ADDED');
      assert.equal(added.object.metadata.name, 'x');
      assert.equal(added.object.kind, 'ConfigMap');
      assert.equal(added.object.apiVersion, 'v1');
      const del = await kite.api('DELETE', `/api/v1/namespaces/${ns}/configmaps/x`);
      assert.equal(del.status, 200);
      const [deleted] = parseEvents(await w.take(1));
      assert.equal(deleted.type, 'DELETED');
      assert.ok(Number(deleted.object.metadata.resourceVersion) > Number(added.object.metadata.resourceVersion));
    } finally {
      w.close();
    }
  });

  test('a label-selected watch sees an object entering as ADDED and leaving as DELETED', async () => {
    const rv = await createConfigMap(kite, ns, 'sel', {}, { app: 'a' });
    const w = await kite.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${rv}&labelSelector=app%3Db`);
    try {
      const patch = (labels: Record<string, string>) =>
        kite.fetch(`/api/v1/namespaces/${ns}/configmaps/sel`, {
          method: 'PATCH',
          headers: { 'Content-Type': 'application/merge-patch+json' },
          body: JSON.stringify({ metadata: { labels } }),
        });
      await patch({ app: 'b' });
      await patch({ app: 'b', extra: '1' });
      await patch({ app: 'c' });
      const events = parseEvents(await w.take(3));
      assert.deepEqual(events.map((e) => e.type), ['ADDED', 'MODIFIED', 'DELETED']);
    } finally {
      w.close();
    }
  });

  test('allowWatchBookmarks: a BOOKMARK with the current resourceVersion before timeoutSeconds ends the watch', async () => {
    const rv = await createConfigMap(kite, ns, 'bm');
    const started = Date.now();
    const w = await kite.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&allowWatchBookmarks=true&timeoutSeconds=4&resourceVersion=${rv}`);
    const lines = await w.rest(10_000);
    const elapsed = Date.now() - started;
    const events = parseEvents(lines);
    assert.equal(events.length, 1, lines.join('\n'));
    assert.deepEqual(events[0], {
      type: 'BOOKMARK',
      object: { kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: events[0].object.metadata.resourceVersion, creationTimestamp: null } },
    });
    assert.ok(Number(events[0].object.metadata.resourceVersion) >= Number(rv));
    assert.ok(elapsed >= 3500 && elapsed < 10_000, `the watch ended after timeoutSeconds (${elapsed} ms)`);
  });

  test('without allowWatchBookmarks there are no bookmarks; timeoutSeconds still ends the watch', async () => {
    const list = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps`);
    const w = await kite.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&timeoutSeconds=3&resourceVersion=${list.body.metadata.resourceVersion}`);
    assert.deepEqual(await w.rest(10_000), []);
  });

  test('sendInitialEvents: the state as ADDED, then a BOOKMARK annotated k8s.io/initial-events-end', async () => {
    const ns2 = 'watch-list';
    await namespace(kite, ns2);
    await createConfigMap(kite, ns2, 'a');
    await createConfigMap(kite, ns2, 'b');
    const w = await kite.watch(`/api/v1/namespaces/${ns2}/configmaps?watch=1&sendInitialEvents=true&resourceVersionMatch=NotOlderThan&allowWatchBookmarks=true`);
    try {
      const events = parseEvents(await w.take(3));
      assert.deepEqual(events.map((e) => [e.type, e.object.metadata.name]), [['ADDED', 'a'], ['ADDED', 'b'], ['BOOKMARK', undefined]]);
      assert.deepEqual(events[2].object.metadata.annotations, { 'k8s.io/initial-events-end': 'true' });
    } finally {
      w.close();
    }
    const bad = await kite.fetch(`/api/v1/namespaces/${ns2}/configmaps?watch=1&sendInitialEvents=true`);
    assert.equal(bad.status, 400);
  });

  test('kubectl get -w --output-watch-events -o jsonpath prints every event', async () => {
    await createConfigMap(kite, ns, 'jp');
    const w = kite.watchKubectl(['-n', ns, 'get', 'configmap', 'jp', '-w', '--output-watch-events', '-o', 'jsonpath={.type} {.object.metadata.name}{"\\n"}']);
    try {
      assert.equal(await w.lines.next(), 'ADDED jp');
      await kite.k(['-n', ns, 'label', 'configmap', 'jp', 'a=b']);
      await kite.k(['-n', ns, 'delete', 'configmap', 'jp']);
      assert.deepEqual(await w.lines.take(2), ['MODIFIED jp', 'DELETED jp']);
    } finally {
      w.lines.close();
    }
  });
});

describe('lists: limit, continue and resourceVersion', () => {
  const ns = 'watch-pages';
  before(async () => {
    await namespace(kite, ns);
    for (let i = 0; i < 7; i++) await createConfigMap(kite, ns, `item-${i}`, { v: '1' });
  });

  test('pages stay consistent at the first page\'s revision while objects change', async () => {
    const path = `/api/v1/namespaces/${ns}/configmaps`;
    const p1 = await kite.api('GET', `${path}?limit=3`);
    const rv = p1.body.metadata.resourceVersion;
    assert.deepEqual(p1.body.items.map((o: { metadata: { name: string } }) => o.metadata.name), ['item-0', 'item-1', 'item-2']);
    assert.equal(p1.body.metadata.remainingItemCount, 4);
    assert.ok(p1.body.metadata.continue);
    // Change what later pages hold.
    await kite.api('DELETE', `${path}/item-4`);
    await kite.fetch(`${path}/item-5`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"data":{"v":"2"}}' });
    await createConfigMap(kite, ns, 'item-3a');
    const p2 = await kite.api('GET', `${path}?limit=3&continue=${p1.body.metadata.continue}`);
    assert.equal(p2.body.metadata.resourceVersion, rv);
    assert.deepEqual(p2.body.items.map((o: { metadata: { name: string } }) => o.metadata.name), ['item-3', 'item-4', 'item-5']);
    assert.equal(p2.body.items[2].data.v, '1', 'the page shows item-5 as it was at the first page\'s revision');
    assert.equal(p2.body.metadata.remainingItemCount, 1);
    const p3 = await kite.api('GET', `${path}?limit=3&continue=${p2.body.metadata.continue}`);
    assert.deepEqual(p3.body.items.map((o: { metadata: { name: string } }) => o.metadata.name), ['item-6']);
    assert.equal(p3.body.metadata.continue, undefined);
    assert.equal(p3.body.metadata.remainingItemCount, undefined);
    // A fresh list sees the changes.
    const now = await kite.api('GET', path);
    assert.deepEqual(
      now.body.items.map((o: { metadata: { name: string } }) => o.metadata.name),
      ['item-0', 'item-1', 'item-2', 'item-3', 'item-3a', 'item-5', 'item-6'],
    );
  });

  test('kubectl get --chunk-size=2 prints the same as an unchunked get', async () => {
    const whole = await kite.k(['-n', ns, 'get', 'configmaps', '-o', 'name']);
    const chunked = await kite.k(['-n', ns, 'get', 'configmaps', '-o', 'name', '--chunk-size=2']);
    assert.equal(chunked, whole);
    const table = await kite.k(['-n', ns, 'get', 'configmaps', '--chunk-size=2', '--no-headers', '-o', 'custom-columns=N:.metadata.name']);
    assert.equal(table.replace(/ +\n/g, '\n'), whole.replace(/configmap\//g, ''));
  });

  test('continue with a resourceVersion is refused; a garbled token is 400', async () => {
    const p1 = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?limit=1`);
    const both = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?limit=1&continue=${p1.body.metadata.continue}&resourceVersion=5`);
    assert.equal(both.status, 422);
    assert.equal(both.body.reason, 'Invalid');
    const garbled = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?limit=1&continue=not-a-token`);
    assert.equal(garbled.status, 400);
    assert.equal(garbled.body.reason, 'BadRequest');
  });

  test('a list without resourceVersion is consistent: it includes every acknowledged write', async () => {
    for (let i = 0; i < 20; i++) {
      const rv = await createConfigMap(kite, ns, `fresh-${i}`);
      const list = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?labelSelector=`);
      assert.ok(Number(list.body.metadata.resourceVersion) >= Number(rv));
      assert.ok(list.body.items.some((o: { metadata: { name: string } }) => o.metadata.name === `fresh-${i}`));
    }
  });

  test('resourceVersionMatch=Exact reads a past revision; a future resourceVersion times out with 504', async () => {
    const before = await createConfigMap(kite, ns, 'exact', { v: 'old' });
    await kite.fetch(`/api/v1/namespaces/${ns}/configmaps/exact`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"data":{"v":"new"}}' });
    const past = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${before}&resourceVersionMatch=Exact&fieldSelector=metadata.name%3Dexact`);
    assert.equal(past.status, 200);
    assert.equal(past.body.metadata.resourceVersion, before);
    assert.equal(past.body.items[0].data.v, 'old');
    const notOlder = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${before}&resourceVersionMatch=NotOlderThan&fieldSelector=metadata.name%3Dexact`);
    assert.equal(notOlder.body.items[0].data.v, 'new');
    const zeroExact = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?resourceVersion=0&resourceVersionMatch=Exact`);
    assert.equal(zeroExact.status, 422);
    const future = Number(before) + 1_000_000;
    const tooLarge = await kite.api('GET', `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${future}`);
    assert.equal(tooLarge.status, 504);
    assert.equal(tooLarge.body.reason, 'Timeout');
    assert.match(tooLarge.body.message, new RegExp(`^Too large resource version: ${future}, current: \\d+$`));
    assert.deepEqual(tooLarge.body.details.causes, [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }]);
  });
});

describe('410 Expired (sqlite, restarted and compacted)', () => {
  let durable: KiteProcess;
  const ns = 'watch-expired';
  let early = '';
  let token = '';

  before(async () => {
    durable = await startKite();
    await namespace(durable, ns);
    early = await createConfigMap(durable, ns, 'a', { v: '1' });
    for (let i = 0; i < 4; i++) await createConfigMap(durable, ns, `b-${i}`);
    const page = await durable.api('GET', `/api/v1/namespaces/${ns}/configmaps?limit=2`);
    token = page.body.metadata.continue;
    await durable.fetch(`/api/v1/namespaces/${ns}/configmaps/a`, { method: 'PATCH', headers: { 'Content-Type': 'application/merge-patch+json' }, body: '{"data":{"v":"2"}}' });
    // Restart, compacting everything up to the current revision while the server is down.
    await durable.restart({
      between: async () => {
        const kv = await openStorage({ backend: 'sqlite', dataDir: durable.dataDir });
        try {
          await kv.compact(await kv.currentRevision());
        } finally {
          await kv.close();
        }
      },
    });
  });
  after(() => durable?.stop());

  test('a watch from a resourceVersion older than the watch window gets an ERROR event with a 410 Expired Status', async () => {
    const w = await durable.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${early}`);
    const events = parseEvents(await w.rest(10_000));
    assert.equal(events.length, 1);
    assert.equal(events[0].type, 'ERROR');
    const status = events[0].object;
    assert.equal(status.kind, 'Status');
    assert.equal(status.apiVersion, 'v1');
    assert.equal(status.status, 'Failure');
    assert.equal(status.code, 410);
    assert.equal(status.reason, 'Expired');
    assert.match(status.message!, new RegExp(`^too old resource version: ${early} \\(\\d+\\)$`));
  });

  test('a watch from the current resourceVersion works after the restart', async () => {
    const list = await durable.api('GET', `/api/v1/namespaces/${ns}/configmaps`);
    assert.equal(list.body.items.length, 5);
    const w = await durable.watch(`/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${list.body.metadata.resourceVersion}`);
    try {
      await createConfigMap(durable, ns, 'after');
      const [e] = parseEvents(await w.take(1));
      assert.deepEqual([e.type, e.object.metadata.name], ['ADDED', 'after']);
    } finally {
      w.close();
    }
  });

  test('an exact list of a compacted revision is 410 Expired', async () => {
    const r = await durable.api('GET', `/api/v1/namespaces/${ns}/configmaps?resourceVersion=${early}&resourceVersionMatch=Exact`);
    assert.equal(r.status, 410);
    assert.equal(r.body.reason, 'Expired');
    assert.equal(r.body.message, 'The resourceVersion for the provided list is too old.');
  });

  test('a continue token of a compacted revision is 410 Expired', async () => {
    const r = await durable.api('GET', `/api/v1/namespaces/${ns}/configmaps?limit=2&continue=${token}`);
    assert.equal(r.status, 410);
    assert.equal(r.body.reason, 'Expired');
    assert.match(r.body.message, /^The provided continue parameter is too old to display a consistent list result\./);
  });

  test('kubectl get -w from a too old resourceVersion is refused as Kubernetes refuses it', async () => {
    // kubectl has no flag for a watch's resourceVersion; `get --raw` of the watch shows the event.
    const out = await durable.k(['get', '--raw', `/api/v1/namespaces/${ns}/configmaps?watch=1&resourceVersion=${early}`]);
    const event = JSON.parse(out.trim()) as WatchEvent;
    assert.equal(event.type, 'ERROR');
    assert.equal(event.object.code, 410);
  });
});
