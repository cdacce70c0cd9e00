import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { FakeClock, settle } from './clock.js';
import { DelayingQueue } from './delaying-queue.js';
import { FakeQueue } from './fake-queue.js';
import { Queue } from './queue.js';

describe('Queue', () => {
  test('dedups keys added before they are handed out, in FIFO order', async () => {
    const q = new Queue<string>();
    for (const k of ['a', 'b', 'a', 'c', 'b']) q.add(k);
    assert.equal(q.len(), 3);
    const got: string[] = [];
    for (let i = 0; i < 3; i++) {
      const [item] = await q.get();
      got.push(item!);
      q.done(item!);
    }
    assert.deepEqual(got, ['a', 'b', 'c']);
  });

  test('a key being processed is not handed to a second worker', async () => {
    const q = new Queue<string>();
    q.add('a');
    const [first] = await q.get();
    assert.equal(first, 'a');
    q.add('a'); // re-added while processing: marked dirty, not queued
    assert.equal(q.len(), 0);
    let second: string | undefined;
    void q.get().then(([item]) => (second = item));
    await settle();
    assert.equal(second, undefined, 'second worker must wait while a is processing');
    q.done('a'); // now it is queued again, exactly once
    await settle();
    assert.equal(second, 'a');
    assert.equal(q.len(), 0);
  });

  test('re-added many times while processing, re-queued once', async () => {
    const q = new Queue<string>();
    q.add('a');
    await q.get();
    q.add('a');
    q.add('a');
    q.add('a');
    q.done('a');
    assert.equal(q.len(), 1);
    const [again] = await q.get();
    assert.equal(again, 'a');
    q.done('a');
    assert.equal(q.len(), 0);
  });

  test('concurrent workers never hold the same key at once', async () => {
    const q = new Queue<string>();
    const holding = new Set<string>();
    let overlaps = 0;
    let processed = 0;
    const worker = async (): Promise<void> => {
      for (;;) {
        const [key, shutdown] = await q.get();
        if (shutdown) return;
        if (holding.has(key)) overlaps++;
        holding.add(key);
        await settle(1);
        // Work that arrives while processing must come back later.
        if (processed++ < 40) q.add(key);
        holding.delete(key);
        q.done(key);
      }
    };
    for (const k of ['a', 'b', 'c']) q.add(k);
    const workers = [worker(), worker(), worker(), worker()];
    while (processed < 40) await settle(1);
    await q.shutDownWithDrain();
    await Promise.all(workers);
    assert.equal(overlaps, 0);
  });

  test('get waits for an item and wakes on add', async () => {
    const q = new Queue<string>();
    const p = q.get();
    q.add('x');
    assert.deepEqual(await p, ['x', false]);
  });

  test('shutDown: queued items are still handed out, then every get answers shutdown', async () => {
    const q = new Queue<string>();
    q.add('a');
    const waiting = new Queue<string>().get();
    void waiting;
    q.shutDown();
    q.add('b'); // ignored after shutdown
    assert.deepEqual(await q.get(), ['a', false]);
    assert.deepEqual(await q.get(), [undefined, true]);
    assert.equal(q.shuttingDown(), true);
  });

  test('shutDown wakes blocked workers', async () => {
    const q = new Queue<string>();
    const p1 = q.get();
    const p2 = q.get();
    q.shutDown();
    assert.deepEqual(await p1, [undefined, true]);
    assert.deepEqual(await p2, [undefined, true]);
  });

  test('shutDownWithDrain waits for items in flight to be done', async () => {
    const q = new Queue<string>();
    q.add('a');
    const [a] = await q.get();
    let drained = false;
    const p = q.shutDownWithDrain().then(() => (drained = true));
    await settle();
    assert.equal(drained, false);
    q.done(a!);
    await p;
    assert.equal(drained, true);
  });
});

describe('DelayingQueue', () => {
  test('addAfter adds once the delay has passed on the clock', async () => {
    const clock = new FakeClock();
    const q = new DelayingQueue<string>({ clock });
    q.addAfter('a', 1000);
    q.addAfter('b', 500);
    q.addAfter('now', 0);
    assert.equal(q.len(), 1);
    await clock.advance(499);
    assert.equal(q.len(), 1);
    await clock.advance(1);
    assert.equal(q.len(), 2);
    await clock.advance(500);
    assert.equal(q.len(), 3);
    const order: string[] = [];
    for (let i = 0; i < 3; i++) order.push((await q.get())[0]!);
    assert.deepEqual(order, ['now', 'b', 'a']);
  });

  test('an earlier addAfter brings an item forward, a later one never postpones it', async () => {
    const clock = new FakeClock();
    const q = new DelayingQueue<string>({ clock });
    q.addAfter('a', 1000);
    q.addAfter('a', 5000);
    await clock.advance(1000);
    assert.equal(q.len(), 1);
    q.addAfter('b', 5000);
    q.addAfter('b', 200);
    await clock.advance(200);
    assert.equal(q.len(), 2);
    assert.equal(q.waitingLen(), 0);
  });

  test('ready items dedup with queued ones', async () => {
    const clock = new FakeClock();
    const q = new DelayingQueue<string>({ clock });
    q.add('a');
    q.addAfter('a', 10);
    await clock.advance(10);
    assert.equal(q.len(), 1);
  });

  test('shutDown forgets waiting items and their timer', async () => {
    const clock = new FakeClock();
    const q = new DelayingQueue<string>({ clock });
    q.addAfter('a', 10);
    q.shutDown();
    assert.equal(clock.pendingTimers(), 0);
    await clock.advance(100);
    assert.equal(q.len(), 0);
  });
});

describe('FakeQueue', () => {
  test('records adds and keeps queue semantics', () => {
    const q = new FakeQueue<string>();
    q.add('a');
    q.add('a');
    q.addAfter('b', 100);
    q.addRateLimited('c');
    q.addRateLimited('c');
    assert.deepEqual(q.added, ['a', 'a']);
    assert.deepEqual(q.drain(), ['a']);
    assert.deepEqual(q.addedAfter, [{ item: 'b', delayMs: 100 }]);
    assert.equal(q.numRequeues('c'), 2);
    q.forget('c');
    assert.equal(q.numRequeues('c'), 0);
    q.flushDelayed();
    assert.deepEqual(q.drain(), ['b', 'c']);
  });
});
