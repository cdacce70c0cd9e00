import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import type { KV } from '../../storage/kv.js';
import { openMemory } from '../../storage/memory/index.js';
import { cachedFromStorage } from '../registry/store.js';
import { EventWindow } from './event-window.js';
import { TooOldError, WatchCache, type WatcherEvent } from './watch-cache.js';

const PREFIX = '/registry/core/configmaps/';

function cm(name: string, labels: Record<string, string> = {}, data: Record<string, string> = {}): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'ns', labels }, data });
}

function recorder(): { events: WatcherEvent[]; onEvents: (e: readonly WatcherEvent[]) => void; onClose: () => void } {
  const events: WatcherEvent[] = [];
  return { events, onEvents: (e) => events.push(...e), onClose: () => {} };
}

const names = (events: readonly WatcherEvent[]) => events.map((e) => `${e.type}:${e.object.obj.metadata.name}`);

describe('WatchCache', () => {
  let kv: KV;
  let cache: WatchCache;
  beforeEach(async () => {
    kv = openMemory();
    await kv.create(`${PREFIX}ns/b`, cm('b'));
    await kv.create(`${PREFIX}ns/a`, cm('a'));
    await kv.create('/registry/core/secrets/ns/s', '{"metadata":{"name":"s"}}');
    cache = new WatchCache(kv, PREFIX, cachedFromStorage);
    await cache.start();
  });
  afterEach(async () => {
    cache.stop();
    await kv.close();
  });

  test('primes from storage and answers sorted snapshots with resourceVersions', () => {
    const snap = cache.snapshot();
    assert.deepEqual(snap.objects.map((o) => o.obj.metadata.name), ['a', 'b']);
    assert.equal(snap.revision, 3);
    assert.equal(cache.get(`${PREFIX}ns/b`)?.obj.metadata.resourceVersion, '1');
  });

  test('a watch without a revision gets the state, then changes', async () => {
    const r = recorder();
    cache.watch(undefined, { keyPrefix: PREFIX, ...r });
    await kv.create(`${PREFIX}ns/c`, cm('c'));
    assert.deepEqual(names(r.events), ['ADDED:a', 'ADDED:b', 'ADDED:c']);
  });

  test('a watch from a revision gets only later events, in order', async () => {
    const c = await kv.create(`${PREFIX}ns/c`, cm('c'));
    await kv.update(`${PREFIX}ns/c`, cm('c', { v: '2' }), c.modRevision);
    const r = recorder();
    cache.watch(c.modRevision, { keyPrefix: PREFIX, ...r });
    await kv.delete(`${PREFIX}ns/a`);
    assert.deepEqual(names(r.events), ['MODIFIED:c', 'DELETED:a']);
    const revisions = r.events.map((e) => Number(e.object.obj.metadata.resourceVersion));
    assert.deepEqual(revisions, [...revisions].sort((x, y) => x - y));
  });

  test('a deleted object is reported at the revision of its deletion', async () => {
    const r = recorder();
    cache.watch(cache.revision, { keyPrefix: PREFIX, ...r });
    const { revision } = await kv.delete(`${PREFIX}ns/a`);
    assert.equal(r.events[0].type, 'DELETED');
    assert.equal(r.events[0].object.obj.metadata.resourceVersion, String(revision));
  });

  test('filtered watchers see objects enter and leave the selection', async () => {
    const r = recorder();
    const filter = (o: KubeObject) => o.metadata.labels?.team === 'x';
    cache.watch(cache.revision, { keyPrefix: PREFIX, filter, ...r });
    const a = cache.get(`${PREFIX}ns/a`)!;
    const u1 = await kv.update(`${PREFIX}ns/a`, cm('a', { team: 'x' }), a.revision);
    const u2 = await kv.update(`${PREFIX}ns/a`, cm('a', { team: 'x' }, { k: 'v' }), u1.modRevision);
    const u3 = await kv.update(`${PREFIX}ns/a`, cm('a', { team: 'y' }), u2.modRevision);
    assert.deepEqual(names(r.events), ['ADDED:a', 'MODIFIED:a', 'DELETED:a']);
    // Leaving the selection: the last matching content at the revision that moved it out.
    assert.equal(r.events[2].object.obj.metadata.labels?.team, 'x');
    assert.equal(r.events[2].object.obj.metadata.resourceVersion, String(u3.modRevision));
  });

  test('superseded versions keep only their JSON, and a late filtered watch still sees them right', async () => {
    const start = cache.revision;
    const a = cache.get(`${PREFIX}ns/a`)!;
    const u1 = await kv.update(`${PREFIX}ns/a`, cm('a', { team: 'x' }), a.revision);
    const v1 = cache.get(`${PREFIX}ns/a`)!;
    const objBefore = v1.obj;
    const u2 = await kv.update(`${PREFIX}ns/a`, cm('a', { team: 'x' }, { k: 'v' }), u1.modRevision);
    await kv.update(`${PREFIX}ns/a`, cm('a', { team: 'y' }), u2.modRevision);
    // v1 was superseded: its object is parsed again on demand, with the same content.
    assert.notEqual(v1.obj, objBefore);
    assert.deepEqual(v1.obj, objBefore);
    assert.equal(v1.obj, v1.obj, 'parsed once, then kept');
    // A watch from before those writes replays them from the window, filter and all.
    const r = recorder();
    cache.watch(start, { keyPrefix: PREFIX, filter: (o: KubeObject) => o.metadata.labels?.team === 'x', ...r });
    assert.deepEqual(names(r.events), ['ADDED:a', 'MODIFIED:a', 'DELETED:a']);
    assert.deepEqual(r.events[1].object.obj.data, { k: 'v' });
  });

  test('key prefixes narrow a watch to one namespace', async () => {
    const r = recorder();
    cache.watch(cache.revision, { keyPrefix: `${PREFIX}other/`, ...r });
    await kv.create(`${PREFIX}ns/z`, cm('z'));
    await kv.create(`${PREFIX}other/y`, cm('y'));
    assert.deepEqual(names(r.events), ['ADDED:y']);
  });

  test('a revision older than the window is too old', () => {
    assert.throws(() => cache.watch(1, { keyPrefix: PREFIX, ...recorder() }), TooOldError);
  });

  test('writes elsewhere make the cache fresh at their revision', async () => {
    const s = await kv.create('/registry/core/secrets/ns/t', '{"metadata":{"name":"t"}}');
    await cache.waitUntilFresh(s.modRevision, 100);
    assert.equal(cache.revision, s.modRevision);
  });

  test('waiting for a revision that never comes times out', async () => {
    await assert.rejects(cache.waitUntilFresh(1000, 20), /Too large resource version/);
  });

  test('stopping closes every watcher', () => {
    let closed = 0;
    cache.watch(undefined, { keyPrefix: PREFIX, onEvents: () => {}, onClose: () => closed++ });
    cache.stop();
    assert.equal(closed, 1);
  });

  test('snapshots are immutable views', async () => {
    const before = cache.snapshot();
    await kv.create(`${PREFIX}ns/c`, cm('c'));
    assert.equal(before.objects.length, 2);
    assert.equal(cache.snapshot().objects.length, 3);
  });
});

describe('EventWindow', () => {
  const event = (revision: number, time: number) => ({ type: 'ADDED' as const, revision, object: undefined as never, time });

  test('keeps events after its start and reports older revisions as dropped', () => {
    const w = new EventWindow(10, { minEvents: 2, maxEvents: 3, maxAgeMs: 1000 });
    for (let r = 11; r <= 15; r++) w.push(event(r, 0));
    assert.equal(w.size, 3);
    assert.equal(w.from, 12);
    assert.deepEqual(w.since(13)?.map((e) => e.revision), [14, 15]);
    assert.equal(w.since(11), undefined);
  });

  test('drops events older than maxAge beyond minEvents', () => {
    const w = new EventWindow(0, { minEvents: 1, maxEvents: 100, maxAgeMs: 1000 });
    w.push(event(1, 0));
    w.push(event(2, 500));
    w.push(event(3, 2000));
    assert.deepEqual(w.since(w.from)?.map((e) => e.revision), [3]);
  });
});
