// The core/v1 event recorder (EventBroadcaster + EventCorrelator) against a real in-process
// kite API server: the Events it writes, field by field; repeats as count increments;
// aggregation of similar events from the tenth on and its 10-minute window; the spam
// filter's burst and refill; re-creation of an Event deleted meanwhile; and the same Events
// read through events.k8s.io/v1. The recorder's clock is a FakeClock, so the time-based rules
// are exercised without waiting.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KiteServer } from '../../server/kite-server.js';
import { Client } from '../client.js';
import type { corev1, eventsv1 } from '../index.js';
import { FakeClock } from '../workqueue/clock.js';
import { AGGREGATE_MESSAGE_PREFIX } from './correlator.js';
import { EventBroadcaster, type EventRecorder } from './recorder.js';
import type { CoreEvent } from './types.js';

const NS = 'events-core';
const MINUTE = 60_000;

describe('core/v1 event recorder against an in-process server', () => {
  let server: KiteServer;
  let dataDir: string;
  let client: Client;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kite-events-'));
    server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, controllers: [] });
    await server.start();
    client = Client.inProcess(server.apiServer, { userAgent: 'events-test' });
    await client.core.namespaces().create({ metadata: { name: NS } });
  });

  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  interface Setup {
    readonly clock: FakeClock;
    readonly broadcaster: EventBroadcaster;
    readonly recorder: EventRecorder;
    readonly errors: unknown[];
    readonly subject: corev1.ConfigMap;
  }

  /** A fresh broadcaster (its own caches) and an object to record events about. */
  async function setup(subjectName: string): Promise<Setup> {
    const clock = new FakeClock(Date.UTC(2025, 0, 1, 12, 0, 0));
    const errors: unknown[] = [];
    const broadcaster = new EventBroadcaster({ client: client.core.events(), clock, random: () => 0, onError: (e) => errors.push(e) });
    const recorder = broadcaster.newRecorder({ component: 'test-controller', host: 'node-1' });
    const subject = await client.core.configmaps(NS).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: subjectName }, data: { k: 'v' } });
    return { clock, broadcaster, recorder, errors, subject };
  }

  /** The Events about one object, oldest first. */
  async function eventsAbout(name: string): Promise<CoreEvent[]> {
    const list = await client.core.events(NS).list({ fieldSelector: `involvedObject.name=${name}` });
    return (list.items as CoreEvent[]).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  test('an event is written with the fields Kubernetes writes, and reads back through events.k8s.io/v1', async () => {
    const s = await setup('fields');
    s.recorder.event(s.subject, 'Normal', 'Synced', 'synced the object');
    await s.broadcaster.flush();
    const [ev, ...rest] = await eventsAbout('fields');
    assert.deepEqual(rest, []);
    assert.match(ev!.metadata.name!, /^fields\.[0-9a-f]+$/);
    assert.equal(ev!.metadata.namespace, NS);
    assert.deepEqual(ev!.involvedObject, {
      kind: 'ConfigMap',
      namespace: NS,
      name: 'fields',
      uid: s.subject.metadata.uid,
      apiVersion: 'v1',
      resourceVersion: s.subject.metadata.resourceVersion,
    });
    assert.equal(ev!.reason, 'Synced');
    assert.equal(ev!.message, 'synced the object');
    assert.equal(ev!.type, 'Normal');
    assert.equal(ev!.count, 1);
    assert.deepEqual(ev!.source, { component: 'test-controller', host: 'node-1' });
    assert.equal(ev!.firstTimestamp, '2025-01-01T12:00:00Z');
    assert.equal(ev!.lastTimestamp, '2025-01-01T12:00:00Z');
    assert.equal(ev!.reportingComponent, 'test-controller');
    assert.equal(ev!.reportingInstance, 'node-1');

    const v1 = (await client.events.events(NS).get(ev!.metadata.name!)) as eventsv1.Event;
    assert.equal(v1.apiVersion, 'events.k8s.io/v1');
    assert.deepEqual(v1.regarding, ev!.involvedObject);
    assert.equal(v1.note, 'synced the object');
    assert.equal(v1.reason, 'Synced');
    assert.equal(v1.type, 'Normal');
    assert.equal(v1.reportingController, 'test-controller');
    assert.equal(v1.reportingInstance, 'node-1');
    assert.equal(v1.deprecatedCount, 1);
    assert.deepEqual(v1.deprecatedSource, { component: 'test-controller', host: 'node-1' });
    assert.equal(v1.deprecatedFirstTimestamp, '2025-01-01T12:00:00Z');
    assert.deepEqual(s.errors, []);
  });

  test('a repeated event is one Event whose count and lastTimestamp move', async () => {
    const s = await setup('repeats');
    for (let i = 0; i < 3; i++) {
      s.recorder.event(s.subject, 'Warning', 'FailedSync', 'could not sync');
      await s.clock.advance(MINUTE);
    }
    await s.broadcaster.flush();
    const events = await eventsAbout('repeats');
    assert.equal(events.length, 1);
    assert.equal(events[0]!.count, 3);
    assert.equal(events[0]!.firstTimestamp, '2025-01-01T12:00:00Z');
    assert.equal(events[0]!.lastTimestamp, '2025-01-01T12:02:00Z');
    assert.equal(events[0]!.message, 'could not sync');
  });

  test('similar events (same reason, other messages) are aggregated from the tenth on, within 10 minutes', async () => {
    const s = await setup('similar');
    for (let i = 1; i <= 12; i++) {
      s.recorder.event(s.subject, 'Normal', 'Scaled', `scaled to ${i}`);
      await s.clock.advance(10_000);
    }
    await s.broadcaster.flush();
    let events = await eventsAbout('similar');
    const single = events.filter((e) => !e.message!.startsWith(AGGREGATE_MESSAGE_PREFIX));
    const combined = events.filter((e) => e.message!.startsWith(AGGREGATE_MESSAGE_PREFIX));
    assert.deepEqual(
      single.map((e) => [e.message, e.count]),
      Array.from({ length: 9 }, (_, i) => [`scaled to ${i + 1}`, 1]),
    );
    assert.deepEqual(
      combined.map((e) => [e.message, e.count, e.reason]),
      [[`${AGGREGATE_MESSAGE_PREFIX}scaled to 12`, 3, 'Scaled']],
    );

    // Ten quiet minutes later the window has passed: a new message is its own Event again.
    await s.clock.advance(11 * MINUTE);
    s.recorder.event(s.subject, 'Normal', 'Scaled', 'scaled to 13');
    await s.broadcaster.flush();
    events = await eventsAbout('similar');
    assert.equal(events.length, 11);
    assert.ok(events.some((e) => e.message === 'scaled to 13' && e.count === 1));
  });

  test('spam filter: a burst of 25 per source and object, then one per 5 minutes; count keeps every occurrence', async () => {
    const s = await setup('spammy');
    for (let i = 0; i < 30; i++) s.recorder.event(s.subject, 'Warning', 'BackOff', 'backing off');
    await s.broadcaster.flush();
    let [ev] = await eventsAbout('spammy');
    assert.equal(ev!.count, 25, 'the 26th to 30th writes were dropped');

    await s.clock.advance(5 * MINUTE);
    s.recorder.event(s.subject, 'Warning', 'BackOff', 'backing off');
    s.recorder.event(s.subject, 'Warning', 'BackOff', 'backing off');
    await s.broadcaster.flush();
    [ev] = await eventsAbout('spammy');
    // One token came back: the 31st occurrence was written, counting the five dropped ones
    // (as client-go counts them); the 32nd was dropped.
    assert.equal(ev!.count, 31);

    // Another object has its own budget.
    const other = await client.core.configmaps(NS).create({ metadata: { name: 'spammy-2' } });
    s.recorder.event(other, 'Warning', 'BackOff', 'backing off');
    await s.broadcaster.flush();
    assert.equal((await eventsAbout('spammy-2')).length, 1);
  });

  test('a repeat of an Event deleted meanwhile creates it again, with its count', async () => {
    const s = await setup('deleted');
    s.recorder.event(s.subject, 'Normal', 'Synced', 'synced');
    await s.broadcaster.flush();
    const [first] = await eventsAbout('deleted');
    await client.core.events(NS).delete(first!.metadata.name!);
    s.recorder.event(s.subject, 'Normal', 'Synced', 'synced');
    await s.broadcaster.flush();
    const events = await eventsAbout('deleted');
    assert.deepEqual(
      events.map((e) => [e.metadata.name, e.count]),
      [[first!.metadata.name, 2]],
    );
    assert.deepEqual(s.errors, []);
  });

  test('events about cluster-scoped objects go to the default namespace; a bad type is refused', async () => {
    const s = await setup('cluster-scoped');
    const node = await client.core.nodes().create({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-x' } });
    s.recorder.event(node, 'Normal', 'NodeReady', 'node is ready');
    s.recorder.event(s.subject, 'Bad' as 'Normal', 'Whatever', 'refused');
    await s.broadcaster.flush();
    const inDefault = await client.core.events('default').list({ fieldSelector: 'involvedObject.name=node-x' });
    assert.equal(inDefault.items.length, 1);
    const ev = inDefault.items[0] as CoreEvent;
    assert.deepEqual(ev.involvedObject, { kind: 'Node', name: 'node-x', uid: node.metadata.uid, apiVersion: 'v1', resourceVersion: node.metadata.resourceVersion });
    assert.deepEqual(await eventsAbout('cluster-scoped'), []);
    assert.equal(s.errors.length, 1);
    assert.match(String(s.errors[0]), /unsupported event type: 'Bad'/);
  });
});
