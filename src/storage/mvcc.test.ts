// Tests of the MVCC layer's own machinery that the conformance suite cannot see from outside:
// how writes are grouped into transactions, what a failed transaction or a lost race does,
// paged replay and chunked compaction. A MemoryLog subclass counts and injects faults.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { collect, until } from './conformance.js';
import { ConflictError, KeyExistsError } from './kv.js';
import { LogRaceError, type NewRow } from './log.js';
import { MemoryLog } from './memory/log.js';
import { MvccKV } from './mvcc.js';

class InstrumentedLog extends MemoryLog {
  transactions = 0;
  /** append() of this key fails as a broken disk would. */
  failKey: string | undefined;
  /** append() of this key fails once as if another writer had won. */
  raceKey: string | undefined;

  override transaction<T>(fn: () => T): T {
    this.transactions++;
    return super.transaction(fn);
  }

  override append(row: NewRow): number {
    if (row.key === this.failKey) throw new Error('disk on fire');
    if (row.key === this.raceKey) {
      this.raceKey = undefined;
      throw new LogRaceError(row.key, row.prevRevision);
    }
    return super.append(row);
  }
}

describe('mvcc: group commit', () => {
  test('concurrent writes share one transaction', async () => {
    const log = new InstrumentedLog();
    const kv = new MvccKV(log);
    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => kv.create(`/g/${i}`, '')));
    assert.equal(log.transactions, 1);
    assert.deepEqual(results.map((r) => r.modRevision), Array.from({ length: 200 }, (_, i) => i + 1), 'revisions follow submission order');
    await kv.close();
  });

  test('maxBatch splits a burst into several transactions', async () => {
    const log = new InstrumentedLog();
    const kv = new MvccKV(log, { maxBatch: 64 });
    await Promise.all(Array.from({ length: 200 }, (_, i) => kv.create(`/g/${i}`, '')));
    assert.equal(log.transactions, 4);
    await kv.close();
  });

  test('a failed transaction fails every write in it and leaves no trace', async () => {
    const log = new InstrumentedLog();
    const kv = new MvccKV(log);
    const w = collect(kv, '/', 0);
    log.failKey = '/bad';
    const results = await Promise.allSettled([kv.create('/a', ''), kv.create('/bad', ''), kv.create('/c', '')]);
    for (const r of results) assert.ok(r.status === 'rejected' && /disk on fire/.test(String(r.reason)));
    assert.equal(await kv.currentRevision(), 0);
    assert.deepEqual((await kv.list('/')).kvs, []);
    assert.equal(w.events.length, 0, 'no events from a failed transaction');
    log.failKey = undefined;
    const a = await kv.create('/a', '');
    assert.equal(a.modRevision, 1);
    assert.deepEqual(w.events.map((e) => e.revision), [1]);
    await kv.close();
  });

  test('a race lost in the log fails only that write, as a precondition failure', async () => {
    const log = new InstrumentedLog();
    const kv = new MvccKV(log);
    const x = await kv.create('/x', '1');
    log.raceKey = '/x';
    const [upd, other] = await Promise.allSettled([kv.update('/x', '2', x.modRevision), kv.create('/y', '')]);
    assert.ok(upd.status === 'rejected' && upd.reason instanceof ConflictError);
    assert.ok(other.status === 'fulfilled' && other.value.modRevision === 2);
    log.raceKey = '/z';
    await assert.rejects(kv.create('/z', ''), KeyExistsError);
    await kv.close();
  });
});

describe('mvcc: replay and compaction in steps', () => {
  test('a replay in small pages is complete and ordered, with writes arriving meanwhile', async () => {
    const kv = new MvccKV(new MemoryLog(), { replayPage: 3 });
    for (let i = 0; i < 20; i++) await kv.create(`/r/${i}`, '');
    const w = collect(kv, '/r/', 0);
    const late = await Promise.all(Array.from({ length: 5 }, (_, i) => kv.create(`/r/late${i}`, '')));
    assert.equal(w.events.length, 25, 'a commit completes the replay before it is delivered');
    await kv.create('/r/last', '');
    await until(() => w.events.length === 26);
    assert.deepEqual(w.events.map((e) => e.revision), Array.from({ length: 26 }, (_, i) => i + 1));
    assert.equal(late.length, 5);
    await kv.close();
  });

  test('a compaction runs in chunks between write batches', async () => {
    const log = new InstrumentedLog();
    const kv = new MvccKV(log, { compactChunk: 5 });
    for (let i = 0; i < 10; i++) await kv.create(`/c/${i}`, `${i}`);
    for (let i = 0; i < 10; i++) await kv.update(`/c/${i}`, `u${i}`, i + 1);
    for (let i = 0; i < 5; i++) await kv.delete(`/c/${i}`);
    const before = log.transactions;
    const compaction = kv.compact(25);
    const writes = Promise.all(Array.from({ length: 3 }, (_, i) => kv.create(`/c/new${i}`, '')));
    await Promise.all([compaction, writes]);
    assert.equal(await kv.compactedRevision(), 25);
    assert.ok(log.transactions - before >= 5 + 1, 'five compaction chunks and at least one write batch');
    assert.deepEqual(
      (await kv.list('/c/')).kvs.map((k) => `${k.key}=${k.value}`),
      ['/c/5=u5', '/c/6=u6', '/c/7=u7', '/c/8=u8', '/c/9=u9', '/c/new0=', '/c/new1=', '/c/new2='],
    );
    // Only each key's newest row survives below the compacted revision.
    assert.equal(log.history('', '\uffff', 0, 25, 0).length, 5);
    await kv.close();
  });
});
