// The events.k8s.io/v1 recorder (EventsV1Broadcaster) against a real in-process kite API
// server: the Event it writes, read through both APIs; isomorphic events as an EventSeries
// (count 2 on the second, counted in memory afterwards, written every 30 minutes while the
// series goes on and once more when it ends); a new Event after a series ended. The
// recorder's clock is a FakeClock.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KiteServer } from '../../server/kite-server.js';
import { Client } from '../client.js';
import type { corev1 } from '../index.js';
import { FakeClock } from '../workqueue/clock.js';
import { EventsV1Broadcaster, SERIES_REFRESH_MS, type EventsV1Recorder } from './events-v1-broadcaster.js';
import type { CoreEvent, EventV1 } from './types.js';

const NS = 'events-v1';
const MINUTE = 60_000;

describe('events.k8s.io/v1 recorder against an in-process server', () => {
  let server: KiteServer;
  let dataDir: string;
  let client: Client;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kite-events-v1-'));
    server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, controllers: [] });
    await server.start();
    client = Client.inProcess(server.apiServer, { userAgent: 'events-v1-test' });
    await client.core.namespaces().create({ metadata: { name: NS } });
  });

  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  interface Setup {
    readonly clock: FakeClock;
    readonly broadcaster: EventsV1Broadcaster;
    readonly recorder: EventsV1Recorder;
    readonly errors: unknown[];
    readonly subject: corev1.ConfigMap;
  }

  async function setup(subjectName: string): Promise<Setup> {
    const clock = new FakeClock(Date.UTC(2025, 0, 1, 12, 0, 0));
    const errors: unknown[] = [];
    const broadcaster = new EventsV1Broadcaster({ client: client.events.events(), clock, host: 'node-1', random: () => 0, onError: (e) => errors.push(e) });
    const recorder = broadcaster.newRecorder('kite.dev/test-operator');
    const subject = await client.core.configmaps(NS).create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: subjectName } });
    return { clock, broadcaster, recorder, errors, subject };
  }

  async function eventsAbout(name: string): Promise<EventV1[]> {
    const list = await client.events.events(NS).list({});
    return (list.items as EventV1[]).filter((e) => e.regarding?.name === name).sort((a, b) => (a.metadata.name! < b.metadata.name! ? -1 : 1));
  }

  test('an event is written with the events.k8s.io/v1 fields, and reads back as a core/v1 Event', async () => {
    const s = await setup('fields');
    const related = await client.core.secrets(NS).create({ metadata: { name: 'source' } });
    s.recorder.eventf(s.subject, related, 'Normal', 'Mirrored', 'Mirror', 'copied from secret source');
    await s.broadcaster.flush();
    const [ev, ...rest] = await eventsAbout('fields');
    assert.deepEqual(rest, []);
    assert.match(ev!.metadata.name!, /^fields\.[0-9a-f]+$/);
    assert.equal(ev!.eventTime, '2025-01-01T12:00:00.000000Z');
    assert.equal(ev!.reportingController, 'kite.dev/test-operator');
    assert.equal(ev!.reportingInstance, 'kite.dev/test-operator-node-1');
    assert.equal(ev!.action, 'Mirror');
    assert.equal(ev!.reason, 'Mirrored');
    assert.equal(ev!.note, 'copied from secret source');
    assert.equal(ev!.type, 'Normal');
    assert.equal(ev!.series, undefined);
    assert.deepEqual(ev!.regarding, { kind: 'ConfigMap', namespace: NS, name: 'fields', uid: s.subject.metadata.uid, apiVersion: 'v1', resourceVersion: s.subject.metadata.resourceVersion });
    assert.deepEqual(ev!.related, { kind: 'Secret', namespace: NS, name: 'source', uid: related.metadata.uid, apiVersion: 'v1', resourceVersion: related.metadata.resourceVersion });

    const core = (await client.core.events(NS).get(ev!.metadata.name!)) as CoreEvent;
    assert.deepEqual(core.involvedObject, ev!.regarding);
    assert.equal(core.message, 'copied from secret source');
    assert.equal(core.reportingComponent, 'kite.dev/test-operator');
    assert.equal(core.action, 'Mirror');
    assert.equal(core.eventTime, '2025-01-01T12:00:00.000000Z');
    assert.deepEqual(s.errors, []);
    s.broadcaster.shutdown();
  });

  test('isomorphic events become a series: count 2 at once, later counts when the series ends', async () => {
    const s = await setup('series');
    s.recorder.eventf(s.subject, undefined, 'Warning', 'FailedMirror', 'Mirror', 'target namespace is terminating');
    await s.clock.advance(MINUTE);
    // The note does not count: same type, reason, action, controller and object.
    s.recorder.eventf(s.subject, undefined, 'Warning', 'FailedMirror', 'Mirror', 'target namespace is still terminating');
    await s.broadcaster.flush();
    let [ev] = await eventsAbout('series');
    assert.deepEqual(ev!.series, { count: 2, lastObservedTime: '2025-01-01T12:01:00.000000Z' });
    assert.equal(ev!.note, 'target namespace is terminating', 'the series keeps the first note');

    for (let i = 0; i < 3; i++) {
      await s.clock.advance(MINUTE);
      s.recorder.eventf(s.subject, undefined, 'Warning', 'FailedMirror', 'Mirror', 'again');
    }
    await s.broadcaster.flush();
    [ev] = await eventsAbout('series');
    assert.equal(ev!.series!.count, 2, 'occurrences 3-5 are only counted in memory');

    // Six quiet minutes: the series has ended; its final count is written.
    await s.clock.advance(12 * MINUTE);
    await s.broadcaster.flush();
    [ev] = await eventsAbout('series');
    assert.deepEqual(ev!.series, { count: 5, lastObservedTime: '2025-01-01T12:04:00.000000Z' });

    // The next occurrence starts a new Event.
    s.recorder.eventf(s.subject, undefined, 'Warning', 'FailedMirror', 'Mirror', 'once more');
    await s.broadcaster.flush();
    const events = await eventsAbout('series');
    assert.equal(events.length, 2);
    assert.equal(events[1]!.note, 'once more');
    assert.deepEqual(s.errors, []);
    s.broadcaster.shutdown();
  });

  test('an ongoing series is written every 30 minutes', async () => {
    const s = await setup('ongoing');
    for (let minute = 0; minute <= 31; minute++) {
      s.recorder.eventf(s.subject, undefined, 'Normal', 'Waiting', 'Wait', 'waiting for the target');
      await s.clock.advance(MINUTE);
    }
    await s.broadcaster.flush();
    const [ev] = await eventsAbout('ongoing');
    // Written at 12:30 by the refresh, when 30 occurrences (12:00 to 12:29) had been seen.
    assert.equal(ev!.series!.count, 30);
    assert.equal(SERIES_REFRESH_MS, 30 * MINUTE);
    s.broadcaster.shutdown();
  });

  test('events about different objects, reasons or actions are separate Events', async () => {
    const s = await setup('distinct');
    const other = await client.core.configmaps(NS).create({ metadata: { name: 'distinct-2' } });
    s.recorder.eventf(s.subject, undefined, 'Normal', 'A', 'Act', 'n');
    s.recorder.eventf(s.subject, undefined, 'Normal', 'B', 'Act', 'n');
    s.recorder.eventf(s.subject, undefined, 'Normal', 'A', 'Other', 'n');
    s.recorder.eventf(other, undefined, 'Normal', 'A', 'Act', 'n');
    s.recorder.eventf(s.subject, undefined, 'Bogus' as 'Normal', 'A', 'Act', 'n');
    await s.broadcaster.flush();
    assert.equal((await eventsAbout('distinct')).length, 3);
    assert.equal((await eventsAbout('distinct-2')).length, 1);
    assert.equal(s.errors.length, 1);
    s.broadcaster.shutdown();
  });
});
