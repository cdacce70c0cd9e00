import assert from 'node:assert/strict';
import { afterEach, describe, test } from 'node:test';
import { StatusError } from '../../api/errors.js';
import { FakeResourceClient } from '../informer/fake-client.js';
import { FakeListerWatcher } from '../informer/fake-lister-watcher.js';
import { FakeClock, settle } from '../workqueue/clock.js';
import { LeaderElector, type LeaderElectionConfig } from './leader-elector.js';
import { formatMicroTime, LEASES, LeaseLock, type Lease } from './lease-lock.js';

const T0 = Date.UTC(2025, 0, 1);

interface Candidate {
  id: string;
  client: FakeResourceClient<Lease>;
  elector: LeaderElector;
  log: string[];
  leading?: AbortSignal;
  stop: () => Promise<void>;
  done: Promise<void>;
}

const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const s of stops.splice(0)) await s();
});

function candidate(id: string, server: FakeListerWatcher<Lease>, clock: FakeClock, extra: Partial<LeaderElectionConfig> = {}): Candidate {
  const client = new FakeResourceClient<Lease>(LEASES, server);
  const log: string[] = [];
  const c = { id, client, log } as Candidate;
  c.elector = new LeaderElector({
    lock: new LeaseLock({ client, namespace: 'kube-system', name: 'kite-controller-manager', identity: id }),
    clock,
    random: () => 0,
    callbacks: {
      onStartedLeading: (signal) => {
        c.leading = signal;
        log.push(`started@${clock.now() - T0}`);
      },
      onStoppedLeading: () => log.push(`stopped@${clock.now() - T0}`),
      onNewLeader: (who) => log.push(`leader=${who}`),
    },
    ...extra,
  });
  const ac = new AbortController();
  c.done = c.elector.run(ac.signal);
  c.stop = async () => {
    ac.abort();
    await c.done;
  };
  stops.push(c.stop);
  return c;
}

function lease(server: FakeListerWatcher<Lease>): Lease['spec'] {
  return server.get('kube-system', 'kite-controller-manager')?.spec;
}

describe('LeaderElector', () => {
  test('acquires a missing lease by creating it, with the fields Kubernetes keeps', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    await settle();
    assert.deepEqual(a.log, ['leader=a', 'started@0']);
    assert.equal(a.elector.isLeader(), true);
    assert.deepEqual(lease(server), {
      holderIdentity: 'a',
      leaseDurationSeconds: 15,
      acquireTime: '2025-01-01T00:00:00.000000Z',
      renewTime: '2025-01-01T00:00:00.000000Z',
      leaseTransitions: 0,
    });
  });

  test('renews every retryPeriod, keeping acquireTime and leaseTransitions', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    await settle();
    await clock.advance(2000);
    assert.equal(lease(server)!.renewTime, formatMicroTime(T0 + 2000));
    await clock.advance(2000);
    assert.equal(lease(server)!.renewTime, formatMicroTime(T0 + 4000));
    assert.equal(lease(server)!.acquireTime, formatMicroTime(T0));
    assert.equal(lease(server)!.leaseTransitions, 0);
    // The fast path: renewals update without reading first.
    assert.deepEqual(
      a.client.actions.map((x) => x.verb),
      ['get', 'create', 'update', 'update'],
    );
  });

  test('a second candidate waits while the leader renews, and learns who leads', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    await settle();
    const b = candidate('b', server, clock);
    await clock.advance(60_000);
    assert.deepEqual(b.log, ['leader=a']);
    assert.equal(b.elector.isLeader(), false);
    assert.equal(b.elector.getLeader(), 'a');
    assert.equal(lease(server)!.holderIdentity, 'a');
    assert.deepEqual(a.log, ['leader=a', 'started@0']);
  });

  test('steals the lease only after it expired on its own clock, counting the transition', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    // a crashes: no release, no more renewals.
    const a = candidate('a', server, clock, { releaseOnCancel: false });
    await settle();
    await a.stop();
    await clock.advance(1000);
    const b = candidate('b', server, clock);
    await settle();
    assert.deepEqual(b.log, ['leader=a'], 'b first sees a valid lease');
    // b saw the record at t=1s; the lease is 15 s: b must not take it before t=16s.
    await clock.advance(14_000);
    assert.equal(lease(server)!.holderIdentity, 'a');
    await clock.advance(4000);
    assert.deepEqual(b.log, ['leader=a', 'leader=b', 'started@17000']);
    assert.deepEqual(lease(server), {
      holderIdentity: 'b',
      leaseDurationSeconds: 15,
      acquireTime: formatMicroTime(T0 + 17_000),
      renewTime: formatMicroTime(T0 + 19_000), // renewed once since
      leaseTransitions: 1,
    });
  });

  test('loses leadership when renewals fail for renewDeadline, and its signal aborts', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    await settle();
    const down = new StatusError(503, 'ServiceUnavailable', 'apiserver is restarting');
    a.client.failNext('update', down, 100);
    a.client.failNext('get', down, 100);
    // Renewal starts at t=2s and retries every 2 s until t=12s.
    await clock.advance(11_999);
    assert.deepEqual(a.log, ['leader=a', 'started@0']);
    assert.equal(a.leading!.aborted, false);
    await clock.advance(1);
    assert.deepEqual(a.log, ['leader=a', 'started@0', 'stopped@12000']);
    assert.equal(a.leading!.aborted, true);
    await a.done;
  });

  test('a renewal request that hangs past renewDeadline loses leadership', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    await settle();
    a.client.setGate(() => new Promise<void>(() => {}));
    await clock.advance(12_000);
    assert.deepEqual(a.log, ['leader=a', 'started@0', 'stopped@12000']);
    a.client.setGate(undefined);
  });

  test('a stopping leader releases the lease and a waiting candidate takes it on its next try', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    await settle();
    const b = candidate('b', server, clock);
    await settle();
    await clock.advance(500);
    await a.stop();
    assert.deepEqual(a.log, ['leader=a', 'started@0', 'stopped@500']);
    assert.equal(lease(server)!.holderIdentity, '');
    assert.equal(lease(server)!.leaseDurationSeconds, 1);
    await clock.advance(1500); // b's retry at t=2s
    assert.deepEqual(b.log, ['leader=a', 'leader=b', 'started@2000']);
    assert.equal(lease(server)!.leaseTransitions, 1);
  });

  test('a candidate whose identity the record already names renews without a transition', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const first = candidate('a', server, clock, { releaseOnCancel: false });
    await settle();
    await first.stop();
    await clock.advance(3000);
    const again = candidate('a', server, clock);
    await settle();
    assert.deepEqual(again.log, ['leader=a', 'started@3000']);
    assert.equal(lease(server)!.acquireTime, formatMicroTime(T0));
    assert.equal(lease(server)!.leaseTransitions, 0);
  });

  test('two candidates racing for a free lease: exactly one wins', async () => {
    const clock = new FakeClock(T0);
    const server = new FakeListerWatcher<Lease>();
    const a = candidate('a', server, clock);
    const b = candidate('b', server, clock);
    await settle();
    await clock.advance(10_000);
    const leaders = [a, b].filter((c) => c.elector.isLeader());
    assert.equal(leaders.length, 1);
    assert.equal(lease(server)!.holderIdentity, leaders[0]!.id);
  });

  test('rejects inconsistent timings', () => {
    const server = new FakeListerWatcher<Lease>();
    const lock = new LeaseLock({ client: new FakeResourceClient<Lease>(LEASES, server), namespace: 'ns', name: 'l', identity: 'a' });
    const callbacks = { onStartedLeading: () => {}, onStoppedLeading: () => {} };
    assert.throws(() => new LeaderElector({ lock, callbacks, leaseDurationMs: 10_000, renewDeadlineMs: 10_000 }), /leaseDuration/);
    assert.throws(() => new LeaderElector({ lock, callbacks, renewDeadlineMs: 2000, retryPeriodMs: 2000 }), /renewDeadline/);
  });
});
