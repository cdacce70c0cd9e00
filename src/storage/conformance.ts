// The shared conformance suite: every guarantee of the KV contract (kv.ts), as node:test
// tests, run against any backend. A backend's test file calls kvConformance with a factory
// that opens a fresh, empty store; each test opens its own and the suite closes it.

import assert from 'node:assert/strict';
import { after, afterEach, describe, test } from 'node:test';
import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  InvalidArgumentError,
  KeyExistsError,
  KeyNotFoundError,
  StorageClosedError,
  type KV,
  type KeyValue,
  type Watch,
  type WatchEvent,
} from './kv.js';

export function kvConformance(name: string, open: () => Promise<KV>, cleanup?: () => Promise<void>): void {
  describe(`${name}: KV conformance`, () => {
    const opened: KV[] = [];
    const fresh = async (): Promise<KV> => {
      const kv = await open();
      opened.push(kv);
      return kv;
    };
    afterEach(async () => {
      for (const kv of opened.splice(0)) await kv.close();
    });
    if (cleanup) after(cleanup);

    describe('basics', () => {
      test('an empty store is at revision 0', async () => {
        const kv = await fresh();
        assert.equal(await kv.currentRevision(), 0);
        assert.equal(await kv.compactedRevision(), 0);
        assert.deepEqual(await kv.get('/a'), { kv: undefined, revision: 0 });
        assert.deepEqual(await kv.list('/'), { kvs: [], revision: 0, more: false, remaining: 0 });
        assert.deepEqual(await kv.count('/'), { count: 0, revision: 0 });
      });

      test('create, then get; create of an existing key fails', async () => {
        const kv = await fresh();
        const a = await kv.create('/r/a', 'one');
        assert.deepEqual(a, { key: '/r/a', value: 'one', createRevision: 1, modRevision: 1 });
        assert.deepEqual(await kv.get('/r/a'), { kv: a, revision: 1 });
        await assert.rejects(kv.create('/r/a', 'two'), (e) => e instanceof KeyExistsError && e.key === '/r/a');
        assert.equal((await kv.get('/r/a')).kv?.value, 'one');
        assert.equal(await kv.currentRevision(), 1, 'a failed write consumes no revision');
      });

      test('update is compare-and-swap on modRevision', async () => {
        const kv = await fresh();
        const a1 = await kv.create('/r/a', 'v1');
        await kv.create('/r/other', 'x');
        const a2 = await kv.update('/r/a', 'v2', a1.modRevision);
        assert.deepEqual(a2, { key: '/r/a', value: 'v2', createRevision: 1, modRevision: 3 });
        await assert.rejects(kv.update('/r/a', 'v3', a1.modRevision), (e) => {
          assert.ok(e instanceof ConflictError);
          assert.equal(e.key, '/r/a');
          assert.deepEqual(e.current, a2);
          return true;
        });
        await assert.rejects(kv.update('/r/missing', 'v', 1), KeyNotFoundError);
        assert.deepEqual((await kv.get('/r/a')).kv, a2);
        assert.equal(await kv.currentRevision(), 3);
      });

      test('delete, unconditional and compare-and-swap', async () => {
        const kv = await fresh();
        const a = await kv.create('/r/a', 'va');
        const b = await kv.create('/r/b', 'vb');
        await assert.rejects(kv.delete('/r/a', a.modRevision + 1), (e) => e instanceof ConflictError && e.current.value === 'va');
        assert.deepEqual(await kv.delete('/r/a', a.modRevision), { revision: 3, prevKv: a });
        assert.deepEqual(await kv.delete('/r/b'), { revision: 4, prevKv: b });
        await assert.rejects(kv.delete('/r/a'), KeyNotFoundError);
        await assert.rejects(kv.delete('/r/never', 1), KeyNotFoundError);
        await assert.rejects(kv.update('/r/a', 'x', 1), KeyNotFoundError);
        assert.equal((await kv.get('/r/a')).kv, undefined);
        assert.equal(await kv.currentRevision(), 4);
      });

      test('revisions grow by one per successful write; re-creation gets a fresh createRevision', async () => {
        const kv = await fresh();
        const revs: number[] = [];
        const a = await kv.create('/r/a', '1');
        revs.push(a.modRevision);
        const a2 = await kv.update('/r/a', '2', a.modRevision);
        revs.push(a2.modRevision);
        revs.push((await kv.delete('/r/a')).revision);
        const a3 = await kv.create('/r/a', '3');
        revs.push(a3.modRevision);
        assert.deepEqual(revs, [1, 2, 3, 4]);
        assert.equal(a2.createRevision, 1);
        assert.equal(a3.createRevision, 4);
        const a4 = await kv.update('/r/a', '4', 4);
        assert.deepEqual(a4, { key: '/r/a', value: '4', createRevision: 4, modRevision: 5 });
      });

      test('get at past revisions sees each incarnation', async () => {
        const kv = await fresh();
        const a1 = await kv.create('/r/a', '1'); // 1
        const a2 = await kv.update('/r/a', '2', 1); // 2
        await kv.delete('/r/a'); // 3
        const a4 = await kv.create('/r/a', '4'); // 4
        assert.deepEqual(await kv.get('/r/a', { revision: 1 }), { kv: a1, revision: 1 });
        assert.deepEqual(await kv.get('/r/a', { revision: 2 }), { kv: a2, revision: 2 });
        assert.deepEqual(await kv.get('/r/a', { revision: 3 }), { kv: undefined, revision: 3 });
        assert.deepEqual(await kv.get('/r/a', { revision: 4 }), { kv: a4, revision: 4 });
        assert.deepEqual(await kv.get('/r/a', { revision: 0 }), { kv: a4, revision: 4 });
        await assert.rejects(kv.get('/r/a', { revision: 5 }), (e) => e instanceof FutureRevisionError && e.current === 4);
      });

      test('values round-trip exactly', async () => {
        const kv = await fresh();
        const values = ['', ' ', 'line\nbreak\ttab', 'nul\u0000inside', 'ünïcødé ✓ 日本', '😀 astral', JSON.stringify({ a: [1, { b: null }] }), 'x'.repeat(1 << 20)];
        for (const [i, v] of values.entries()) await kv.create(`/v/${i}`, v);
        const { kvs } = await kv.list('/v/');
        assert.deepEqual(kvs.map((k) => k.value), values);
      });
    });

    describe('list and count', () => {
      test('sorted bytewise, deleted keys excluded', async () => {
        const kv = await fresh();
        const keys = ['/l/b', '/l/a', '/l/B', '/l/a-1', '/l/a/1', '/l/0', '/l/~', '/l/a.b', '/l/gone'];
        for (const k of keys) await kv.create(k, k);
        await kv.delete('/l/gone');
        const { kvs, revision, more, remaining } = await kv.list('/l/');
        const expected = keys.filter((k) => k !== '/l/gone').sort((x, y) => Buffer.compare(Buffer.from(x), Buffer.from(y)));
        assert.deepEqual(kvs.map((k) => k.key), expected);
        assert.equal(revision, keys.length + 1);
        assert.equal(more, false);
        assert.equal(remaining, 0);
        assert.deepEqual(await kv.count('/l/'), { count: expected.length, revision });
      });

      test('list at a past revision', async () => {
        const kv = await fresh();
        await kv.create('/p/a', 'a1'); // 1
        await kv.create('/p/b', 'b1'); // 2
        await kv.update('/p/a', 'a2', 1); // 3
        await kv.delete('/p/b'); // 4
        await kv.create('/p/c', 'c1'); // 5
        const at = async (revision: number) => (await kv.list('/p/', { revision })).kvs.map((k) => `${k.key}=${k.value}@${k.modRevision}`);
        assert.deepEqual(await at(1), ['/p/a=a1@1']);
        assert.deepEqual(await at(2), ['/p/a=a1@1', '/p/b=b1@2']);
        assert.deepEqual(await at(3), ['/p/a=a2@3', '/p/b=b1@2']);
        assert.deepEqual(await at(4), ['/p/a=a2@3']);
        assert.deepEqual(await at(5), ['/p/a=a2@3', '/p/c=c1@5']);
        assert.equal((await kv.list('/p/', { revision: 2 })).revision, 2);
        await assert.rejects(kv.list('/p/', { revision: 6 }), FutureRevisionError);
      });

      test('pagination with limit, startKey, more and remaining, at a fixed revision', async () => {
        const kv = await fresh();
        const keys = Array.from({ length: 25 }, (_, i) => `/pg/k${String(i).padStart(2, '0')}`);
        for (const k of keys) await kv.create(k, k);
        await kv.delete('/pg/k03');
        await kv.delete('/pg/k17');
        const live = keys.filter((k) => k !== '/pg/k03' && k !== '/pg/k17');
        const first = await kv.list('/pg/', { limit: 10 });
        const listRevision = first.revision;
        // Writes after the first page must not show up in later pages read at its revision.
        await kv.create('/pg/k05a', 'new');
        await kv.delete('/pg/k20');
        await kv.update('/pg/k21', 'changed', (await kv.get('/pg/k21')).kv!.modRevision);

        const pages = [first];
        while (pages[pages.length - 1]!.more) {
          const last = pages[pages.length - 1]!;
          const startKey = `${last.kvs[last.kvs.length - 1]!.key}\x00`;
          pages.push(await kv.list('/pg/', { limit: 10, startKey, revision: listRevision }));
        }
        assert.deepEqual(pages.map((p) => p.kvs.length), [10, 10, 3]);
        assert.deepEqual(pages.map((p) => p.remaining), [13, 3, 0]);
        assert.deepEqual(pages.map((p) => p.more), [true, true, false]);
        assert.ok(pages.every((p) => p.revision === listRevision));
        assert.deepEqual(pages.flatMap((p) => p.kvs.map((k) => k.key)), live);
        assert.equal(pages.flatMap((p) => p.kvs).find((k) => k.key === '/pg/k21')!.value, '/pg/k21', 'read at the first page\'s revision');

        // startKey is inclusive; a limit exactly matching what is left means no more.
        const tail = await kv.list('/pg/', { startKey: '/pg/k22', limit: 3 });
        assert.deepEqual(tail.kvs.map((k) => k.key), ['/pg/k22', '/pg/k23', '/pg/k24']);
        assert.equal(tail.more, false);
        assert.equal(tail.remaining, 0);
        await assert.rejects(kv.list('/pg/', { startKey: '/other/a' }), InvalidArgumentError);
      });

      test('a prefix is a plain string prefix: /a/b/ and /a/bc/ are isolated', async () => {
        const kv = await fresh();
        await kv.create('/a/b/1', '');
        await kv.create('/a/b/2', '');
        await kv.create('/a/bc/1', '');
        await kv.create('/a/b', '');
        await kv.create('/a/c/1', '');
        const keys = async (prefix: string) => (await kv.list(prefix)).kvs.map((k) => k.key);
        assert.deepEqual(await keys('/a/b/'), ['/a/b/1', '/a/b/2']);
        assert.deepEqual(await keys('/a/bc/'), ['/a/bc/1']);
        assert.deepEqual(await keys('/a/b'), ['/a/b', '/a/b/1', '/a/b/2', '/a/bc/1']);
        assert.deepEqual(await keys(''), ['/a/b', '/a/b/1', '/a/b/2', '/a/bc/1', '/a/c/1']);
        assert.equal((await kv.count('/a/b/')).count, 2);
        assert.equal((await kv.count('/a/bc/')).count, 1);
        const limited = await kv.list('/a/b/', { limit: 1 });
        assert.equal(limited.remaining, 1, 'remaining counts only keys under the prefix');
      });
    });

    describe('watch', () => {
      test('delivers create, update and delete with prevKv', async () => {
        const kv = await fresh();
        const w = collect(kv, '/w/', 0);
        const a = await kv.create('/w/a', '1');
        const a2 = await kv.update('/w/a', '2', a.modRevision);
        await kv.create('/x/ignored', '');
        const del = await kv.delete('/w/a');
        assert.deepEqual(w.events, [
          { type: 'create', revision: 1, kv: a },
          { type: 'update', revision: 2, kv: a2, prevKv: a },
          { type: 'delete', revision: 4, key: '/w/a', prevKv: a2 },
        ]);
        assert.equal(del.revision, 4);
        w.watch.close();
      });

      test('events reach watchers before the write resolves; progress covers other prefixes', async () => {
        const kv = await fresh();
        const w = collect(kv, '/mine/', 0);
        const other = collect(kv, '/other/', 0);
        await until(() => w.progress.length > 0 && other.progress.length > 0);
        for (let i = 0; i < 20; i++) {
          const created = await kv.create(`/mine/${i}`, 'v');
          assert.equal(w.events[w.events.length - 1]?.revision, created.modRevision);
          assert.ok(other.progress[other.progress.length - 1]! >= created.modRevision, 'progress reported for a commit with no matching events');
        }
        // The same holds for concurrent writers sharing commits.
        const results = await Promise.all(Array.from({ length: 50 }, (_, i) => kv.create(`/mine/c${i}`, 'v').then((r) => {
          assert.ok(w.events.some((e) => e.revision === r.modRevision), `event ${r.modRevision} delivered before resolve`);
          return r;
        })));
        assert.equal(results.length, 50);
        assert.equal(other.events.length, 0);
      });

      test('watch from a past revision replays history then continues live, with no gap or duplicate', async () => {
        const kv = await fresh();
        for (let i = 0; i < 30; i++) await kv.create(`/h/${i}`, `${i}`);
        for (let i = 0; i < 10; i++) await kv.update(`/h/${i}`, `u${i}`, i + 1);
        for (let i = 10; i < 15; i++) await kv.delete(`/h/${i}`);
        // 45 revisions so far. Keep writing while the watch starts from the middle.
        let stop = false;
        const writer = (async () => {
          let n = 0;
          while (!stop) await kv.create(`/h/live${n++}`, 'x');
        })();
        const from = 20;
        const w = collect(kv, '/h/', from);
        await until(() => w.events.length >= 60);
        stop = true;
        await writer;
        const current = await kv.currentRevision();
        await until(() => w.events[w.events.length - 1]?.revision === current);
        assert.deepEqual(
          w.events.map((e) => e.revision),
          Array.from({ length: current - from }, (_, i) => from + 1 + i),
        );
        const update = w.events.find((e) => e.revision === 40)!;
        assert.deepEqual(update, {
          type: 'update',
          revision: 40,
          kv: { key: '/h/9', value: 'u9', createRevision: 10, modRevision: 40 },
          prevKv: { key: '/h/9', value: '9', createRevision: 10, modRevision: 10 },
        });
        const del = w.events.find((e) => e.revision === 41)!;
        assert.deepEqual(del, { type: 'delete', revision: 41, key: '/h/10', prevKv: { key: '/h/10', value: '10', createRevision: 11, modRevision: 11 } });
        assert.equal(w.errors.length, 0);
        w.watch.close();
      });

      test('a long replay arrives complete and in order', async () => {
        const kv = await fresh();
        const writes = Array.from({ length: 2500 }, (_, i) => kv.create(`/long/${i}`, `${i}`));
        await Promise.all(writes);
        const w = collect(kv, '/long/', 0);
        const late = kv.create('/long/late', 'x');
        await late;
        await until(() => w.events.length === 2501);
        assert.deepEqual(w.events.map((e) => e.revision), Array.from({ length: 2501 }, (_, i) => i + 1));
        assert.equal(w.progress[w.progress.length - 1], 2501);
      });

      test('watch from the future waits for it', async () => {
        const kv = await fresh();
        await kv.create('/f/a', '');
        const w = collect(kv, '/f/', 3);
        await kv.create('/f/b', ''); // 2: not after 3
        await kv.create('/f/c', ''); // 3
        await kv.create('/f/d', ''); // 4
        await until(() => w.events.length === 1);
        assert.deepEqual(w.events.map((e) => e.revision), [4]);
      });

      test('close stops delivery; a throwing callback ends only its own watch', async () => {
        const kv = await fresh();
        const closed = collect(kv, '/c/', 0);
        const thrower = collect(kv, '/c/', 0, () => {
          throw new Error('boom');
        });
        const healthy = collect(kv, '/c/', 0);
        await kv.create('/c/1', '');
        closed.watch.close();
        const second = await kv.create('/c/2', '');
        assert.equal(closed.events.length, 1);
        assert.equal(thrower.errors.length, 1);
        assert.match(thrower.errors[0]!.message, /boom/);
        assert.deepEqual(healthy.events.map((e) => e.revision), [1, second.modRevision]);
      });

      test('a watch opened inside a callback starts exactly after the current revision', async () => {
        const kv = await fresh();
        let inner: ReturnType<typeof collect> | undefined;
        const outer = kv.watch('/n/', 0, {
          onEvents: (events) => {
            if (!inner) inner = collect(kv, '/n/', events[events.length - 1]!.revision);
          },
        });
        await kv.create('/n/1', '');
        await kv.create('/n/2', '');
        await until(() => inner !== undefined && inner.events.length === 1);
        assert.deepEqual(inner!.events.map((e) => e.revision), [2]);
        outer.close();
      });
    });

    describe('compaction', () => {
      test('compaction keeps state at the revision and refuses older reads', async () => {
        const kv = await fresh();
        await kv.create('/k/a', 'a1'); // 1
        await kv.create('/k/b', 'b1'); // 2
        await kv.update('/k/a', 'a2', 1); // 3
        await kv.delete('/k/b'); // 4
        await kv.create('/k/c', 'c1'); // 5
        await kv.update('/k/a', 'a3', 3); // 6
        await kv.compact(4);
        assert.equal(await kv.compactedRevision(), 4);
        assert.equal(await kv.currentRevision(), 6, 'compaction is not a write');
        await assert.rejects(kv.get('/k/a', { revision: 3 }), (e) => e instanceof CompactedError && e.requested === 3 && e.compacted === 4);
        await assert.rejects(kv.list('/k/', { revision: 1 }), CompactedError);
        assert.deepEqual((await kv.list('/k/', { revision: 4 })).kvs.map((k) => `${k.key}=${k.value}`), ['/k/a=a2']);
        assert.deepEqual((await kv.get('/k/a', { revision: 4 })).kv, { key: '/k/a', value: 'a2', createRevision: 1, modRevision: 3 });
        assert.deepEqual((await kv.list('/k/')).kvs.map((k) => `${k.key}=${k.value}`), ['/k/a=a3', '/k/c=c1']);
        assert.throws(() => kv.watch('/k/', 3, { onEvents: () => undefined }), CompactedError);

        // Watching from the compacted revision replays everything after it, prevKv included.
        const w = collect(kv, '/k/', 4);
        await until(() => w.events.length === 2);
        assert.deepEqual(w.events[1], {
          type: 'update',
          revision: 6,
          kv: { key: '/k/a', value: 'a3', createRevision: 1, modRevision: 6 },
          prevKv: { key: '/k/a', value: 'a2', createRevision: 1, modRevision: 3 },
        });

        await kv.compact(2); // older: no-op
        await kv.compact(4); // same: no-op
        assert.equal(await kv.compactedRevision(), 4);
        await assert.rejects(kv.compact(7), FutureRevisionError);
        await kv.compact(6);
        assert.equal(await kv.compactedRevision(), 6);
        assert.deepEqual((await kv.list('/k/')).kvs.map((k) => `${k.key}=${k.value}@${k.modRevision}`), ['/k/a=a3@6', '/k/c=c1@5']);
      });

      test('writes continue correctly after compaction, including re-creating a deleted key', async () => {
        const kv = await fresh();
        const a = await kv.create('/k/a', '1');
        await kv.delete('/k/a');
        await kv.compact(2);
        const again = await kv.create('/k/a', '2');
        assert.deepEqual(again, { key: '/k/a', value: '2', createRevision: 3, modRevision: 3 });
        await kv.delete('/k/a', again.modRevision);
        const third = await kv.create('/k/a', '3');
        assert.equal(third.createRevision, 5);
        assert.notEqual(a.createRevision, third.createRevision);
        await kv.compact(5);
        const w = collect(kv, '/k/', 5);
        const upd = await kv.update('/k/a', '4', 5);
        assert.deepEqual(w.events, [{ type: 'update', revision: 6, kv: upd, prevKv: third }]);
      });

      test('a compaction that overtakes a replay ends the watch instead of skipping events', async () => {
        const kv = await fresh();
        await Promise.all(Array.from({ length: 3000 }, (_, i) => kv.create(`/o/${i % 100}/${i}`, '')));
        for (let i = 0; i < 100; i++) await kv.delete(`/o/${i}/${i}`);
        const w = collect(kv, '/o/', 0);
        const current = await kv.currentRevision();
        await kv.compact(current);
        await until(() => w.errors.length > 0 || w.events.length === current);
        const revs = w.events.map((e) => e.revision);
        assert.deepEqual(revs, Array.from({ length: revs.length }, (_, i) => i + 1), 'whatever was delivered has no gap');
        if (w.errors.length > 0) assert.ok(w.errors[0] instanceof CompactedError);
      });
    });

    describe('concurrency', () => {
      test('concurrent writes: distinct keys all succeed, one key has exactly one winner', async () => {
        const kv = await fresh();
        const distinct = await Promise.all(Array.from({ length: 200 }, (_, i) => kv.create(`/cc/k${i}`, `${i}`)));
        assert.deepEqual(distinct.map((r) => r.modRevision).sort((x, y) => x - y), Array.from({ length: 200 }, (_, i) => i + 1));

        const same = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => kv.create('/cc/one', `${i}`)));
        const created = same.filter((s) => s.status === 'fulfilled');
        assert.equal(created.length, 1);
        assert.ok(same.every((s) => s.status === 'fulfilled' || s.reason instanceof KeyExistsError));
        const base = (created[0] as PromiseFulfilledResult<KeyValue>).value;

        const updates = await Promise.allSettled(Array.from({ length: 200 }, (_, i) => kv.update('/cc/one', `u${i}`, base.modRevision)));
        const won = updates.filter((s): s is PromiseFulfilledResult<KeyValue> => s.status === 'fulfilled');
        assert.equal(won.length, 1);
        for (const s of updates) {
          if (s.status === 'rejected') {
            assert.ok(s.reason instanceof ConflictError);
            assert.deepEqual(s.reason.current, won[0]!.value);
          }
        }
        assert.deepEqual((await kv.get('/cc/one')).kv, won[0]!.value);
        assert.equal(await kv.currentRevision(), 202);
      });

      test('a failing write in a batch fails only its caller', async () => {
        const kv = await fresh();
        const b = await kv.create('/bt/b', 'b');
        const w = collect(kv, '/bt/', 1);
        const [a, bad, c, missing, d] = await Promise.allSettled([
          kv.create('/bt/a', 'a'),
          kv.update('/bt/b', 'x', b.modRevision + 100),
          kv.create('/bt/c', 'c'),
          kv.delete('/bt/none'),
          kv.update('/bt/b', 'b2', b.modRevision),
        ]);
        assert.equal(a.status, 'fulfilled');
        assert.equal(c.status, 'fulfilled');
        assert.equal(d.status, 'fulfilled');
        assert.ok(bad.status === 'rejected' && bad.reason instanceof ConflictError);
        assert.ok(missing.status === 'rejected' && missing.reason instanceof KeyNotFoundError);
        assert.deepEqual(w.events.map((e) => e.revision), [2, 3, 4]);
        assert.deepEqual(w.events.map((e) => e.type), ['create', 'create', 'update']);
      });

      test('interleaved writers and readers agree with a watcher-fed cache', async () => {
        const kv = await fresh();
        const cache = new Map<string, KeyValue>();
        const w = kv.watch('/cache/', 0, {
          onEvents: (events) => {
            for (const e of events) {
              if (e.type === 'delete') cache.delete(e.key);
              else cache.set(e.kv.key, e.kv);
            }
          },
        });
        await Promise.all(Array.from({ length: 20 }, async (_, writer) => {
          let cur = await kv.create(`/cache/${writer}`, '0');
          for (let i = 1; i <= 20; i++) {
            cur = await kv.update(cur.key, `${i}`, cur.modRevision);
            assert.deepEqual(cache.get(cur.key), cur, 'a read after a write sees it in the cache');
          }
          if (writer % 2 === 0) {
            await kv.delete(cur.key);
            assert.equal(cache.has(cur.key), false);
          }
        }));
        assert.deepEqual([...cache.values()].sort((x, y) => (x.key < y.key ? -1 : 1)), (await kv.list('/cache/')).kvs);
        w.close();
      });
    });

    describe('input and lifecycle', () => {
      test('bad input is refused and changes nothing', async () => {
        const kv = await fresh();
        await kv.create('/ok', 'v');
        const bad: Array<() => Promise<unknown>> = [
          () => kv.create('', 'v'),
          () => kv.create('/ünicode', 'v'),
          () => kv.create('/ctl\n', 'v'),
          () => kv.create(42 as unknown as string, 'v'),
          () => kv.create('/x', 7 as unknown as string),
          () => kv.create('/x', 'lone \ud800 surrogate'),
          () => kv.update('/ok', 'v', -1),
          () => kv.update('/ok', 'v', 1.5),
          () => kv.delete('/ok', Number.NaN),
          () => kv.get('/ok', { revision: -1 }),
          () => kv.list('/', { limit: -1 }),
          () => kv.list('/', { revision: 0.5 }),
          () => kv.list('/\u00e9'),
          () => kv.compact(-1),
        ];
        for (const call of bad) await assert.rejects(call(), InvalidArgumentError);
        assert.throws(() => kv.watch('/', -1, { onEvents: () => undefined }), InvalidArgumentError);
        assert.equal(await kv.currentRevision(), 1);
        assert.deepEqual((await kv.list('')).kvs.map((k) => k.key), ['/ok']);
      });

      test('close commits accepted writes, ends watches, then refuses everything', async () => {
        const kv = await fresh();
        const w = collect(kv, '/', 0);
        const pending = Array.from({ length: 10 }, (_, i) => kv.create(`/z/${i}`, ''));
        const closing = kv.close();
        const results = await Promise.allSettled(pending);
        assert.ok(results.every((r) => r.status === 'fulfilled'), 'writes accepted before close are committed');
        await closing;
        await kv.close(); // idempotent
        assert.equal(w.events.length, 10);
        assert.equal(w.errors.length, 1);
        assert.ok(w.errors[0] instanceof StorageClosedError);
        await assert.rejects(kv.get('/z/1'), StorageClosedError);
        await assert.rejects(kv.list('/'), StorageClosedError);
        await assert.rejects(kv.count('/'), StorageClosedError);
        await assert.rejects(kv.create('/z/new', ''), StorageClosedError);
        await assert.rejects(kv.update('/z/1', '', 1), StorageClosedError);
        await assert.rejects(kv.delete('/z/1'), StorageClosedError);
        await assert.rejects(kv.currentRevision(), StorageClosedError);
        await assert.rejects(kv.compactedRevision(), StorageClosedError);
        await assert.rejects(kv.compact(1), StorageClosedError);
        assert.throws(() => kv.watch('/', 0, { onEvents: () => undefined }), StorageClosedError);
      });
    });
  });
}

interface Collected {
  readonly watch: Watch;
  readonly events: WatchEvent[];
  readonly progress: number[];
  readonly errors: Error[];
}

/** Opens a watch that records what it receives; onBatch may throw to test failure paths. */
export function collect(kv: KV, prefix: string, from: number, onBatch?: (events: readonly WatchEvent[]) => void): Collected {
  const events: WatchEvent[] = [];
  const progress: number[] = [];
  const errors: Error[] = [];
  const watch = kv.watch(prefix, from, {
    onEvents: (batch) => {
      events.push(...batch);
      onBatch?.(batch);
    },
    onProgress: (revision) => progress.push(revision),
    onError: (err) => errors.push(err),
  });
  return { watch, events, progress, errors };
}

/** Waits (yielding to the event loop) until cond holds; fails after timeoutMs. */
export async function until(cond: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}
