// Conditions, status computation and rollout progress (complete, progressing, timed out, paused).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { DeploymentCondition, DeploymentStatus } from '../../api/types/apps-v1.js';
import { formatTime } from '../common/time.js';
import { getCondition, newCondition, setCondition } from './conditions.js';
import { pausedCondition, rolloutStatus, stuckRequeue } from './progress.js';
import { calculateStatus, deploymentComplete, statusEqual } from './status.js';
import { makeDeployment, makeReplicaSet, T0 } from './testing.js';

const at = (s: number) => formatTime(T0 + s * 1000);

describe('setCondition', () => {
  test('same status and reason: nothing changes, not even the times', () => {
    const status: DeploymentStatus = {};
    setCondition(status, newCondition('Available', 'True', 'R', 'm', T0));
    setCondition(status, newCondition('Available', 'True', 'R', 'other', T0 + 5000));
    assert.equal(status.conditions![0]!.lastUpdateTime, at(0));
    assert.equal(status.conditions![0]!.message, 'm');
  });
  test('a new reason with the same status keeps lastTransitionTime and moves to the end', () => {
    const status: DeploymentStatus = {};
    setCondition(status, newCondition('Progressing', 'True', 'A', 'a', T0));
    setCondition(status, newCondition('Available', 'True', 'X', 'x', T0));
    setCondition(status, newCondition('Progressing', 'True', 'B', 'b', T0 + 5000));
    assert.deepEqual(
      status.conditions!.map((c) => [c.type, c.reason, c.lastTransitionTime, c.lastUpdateTime]),
      [
        ['Available', 'X', at(0), at(0)],
        ['Progressing', 'B', at(0), at(5)],
      ],
    );
  });
  test('a new status moves lastTransitionTime', () => {
    const status: DeploymentStatus = {};
    setCondition(status, newCondition('Available', 'True', 'A', 'a', T0));
    setCondition(status, newCondition('Available', 'False', 'B', 'b', T0 + 5000));
    assert.equal(status.conditions![0]!.lastTransitionTime, at(5));
  });
});

describe('calculateStatus', () => {
  const d = makeDeployment('web').replicas(4).rolling(1, 1).generation(3).build();
  const old = makeReplicaSet(d, 'old').replicas(2).available(2).build();
  const cur = makeReplicaSet(d, 'new').replicas(3).available(1).build();

  test('counts', () => {
    const s = calculateStatus([old, cur], cur, d, T0);
    assert.deepEqual(
      [s.observedGeneration, s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas],
      [3, 5, 3, 3, 3, 2],
    );
  });
  test('Available holds at replicas - maxUnavailable', () => {
    const s = calculateStatus([old, cur], cur, d, T0);
    assert.deepEqual(pick(getCondition(s, 'Available')), ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
    const short = calculateStatus([makeReplicaSet(d, 'x').replicas(4).available(2).build()], undefined, d, T0);
    assert.deepEqual(pick(getCondition(short, 'Available')), ['False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.']);
  });
  test('zero counts are omitted, as Kubernetes encodes them', () => {
    const empty = makeDeployment('web').replicas(0).build();
    const s = calculateStatus([], undefined, empty, T0);
    assert.deepEqual(Object.keys(s).sort(), ['conditions', 'observedGeneration']);
    assert.ok(statusEqual(s, { ...s, replicas: 0, availableReplicas: 0 }));
  });
});

function pick(c: DeploymentCondition | undefined): [string, string, string] | undefined {
  return c ? [c.status, c.reason ?? '', c.message ?? ''] : undefined;
}

describe('rolloutStatus', () => {
  const base = makeDeployment('web').replicas(2).rolling(1, 0).progressDeadline(10);
  const progressing = newCondition('Progressing', 'True', 'NewReplicaSetCreated', 'Created new replica set "web-b"', T0);

  test('a complete rollout: NewReplicaSetAvailable', () => {
    const d = base.status({ conditions: [progressing] }).build();
    const cur = makeReplicaSet(d, 'web-b').replicas(2).available(2).build();
    const s = rolloutStatus([cur], cur, d, T0 + 1000);
    assert.deepEqual(pick(getCondition(s, 'Progressing')), ['True', 'NewReplicaSetAvailable', 'ReplicaSet "web-b" has successfully progressed.']);
    assert.ok(deploymentComplete(d, s));
  });

  test('progress: ReplicaSetUpdated, transition time kept, update time moved', () => {
    const d = base.status({ replicas: 2, updatedReplicas: 0, conditions: [progressing] }).build();
    const old = makeReplicaSet(d, 'web-a').replicas(2).available(2).build();
    const cur = makeReplicaSet(d, 'web-b').replicas(1).build();
    const c = getCondition(rolloutStatus([old, cur], cur, d, T0 + 7000), 'Progressing')!;
    assert.deepEqual([c.reason, c.message, c.lastTransitionTime, c.lastUpdateTime], ['ReplicaSetUpdated', 'ReplicaSet "web-b" is progressing.', at(0), at(7)]);
  });

  const stuck = base.status({ replicas: 3, updatedReplicas: 1, availableReplicas: 2, readyReplicas: 2, conditions: [progressing] }).build();
  const stuckOld = makeReplicaSet(stuck, 'web-a').replicas(2).available(2).build();
  const stuckNew = makeReplicaSet(stuck, 'web-b').replicas(1).build();

  test('no progress within the deadline: Progressing unchanged, and a requeue for the deadline', () => {
    const s = rolloutStatus([stuckOld, stuckNew], stuckNew, stuck, T0 + 4000);
    assert.deepEqual(getCondition(s, 'Progressing'), progressing);
    // lastUpdateTime + 10 s - now + 1 s.
    assert.equal(stuckRequeue(stuck, s, T0 + 4000), 7000);
    assert.equal(stuckRequeue(stuck, s, T0 + 9500), 'now');
  });

  test('no progress past the deadline: ProgressDeadlineExceeded', () => {
    const s = rolloutStatus([stuckOld, stuckNew], stuckNew, stuck, T0 + 10_001);
    assert.deepEqual(pick(getCondition(s, 'Progressing')), ['False', 'ProgressDeadlineExceeded', 'ReplicaSet "web-b" has timed out progressing.']);
  });

  test('without a deadline there is no Progressing condition', () => {
    const d = makeDeployment('web').replicas(1).progressDeadline(undefined).status({ conditions: [progressing] }).build();
    const s = rolloutStatus([], undefined, d, T0);
    assert.equal(getCondition(s, 'Progressing'), undefined);
    assert.equal(stuckRequeue(d, s, T0), undefined);
  });

  test("a ReplicaSet's ReplicaFailure is reported, the new ReplicaSet's first", () => {
    const d = base.build();
    const failure = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: at(3) };
    const old = makeReplicaSet(d, 'web-a').build();
    old.status!.conditions = [{ ...failure, message: 'old' }];
    const cur = makeReplicaSet(d, 'web-b').build();
    cur.status!.conditions = [failure];
    assert.equal(getCondition(rolloutStatus([old, cur], cur, d, T0), 'ReplicaFailure')?.message, 'quota');
    cur.status!.conditions = [];
    assert.equal(getCondition(rolloutStatus([old, cur], cur, d, T0), 'ReplicaFailure')?.message, 'old');
    old.status!.conditions = [];
    assert.equal(getCondition(rolloutStatus([old, cur], cur, d, T0), 'ReplicaFailure'), undefined);
  });
});

describe('pausedCondition', () => {
  const cases: { name: string; paused: boolean; reason?: string; want?: [string, string] }[] = [
    { name: 'pausing', paused: true, reason: 'NewReplicaSetAvailable', want: ['DeploymentPaused', 'Deployment is paused'] },
    { name: 'already paused', paused: true, reason: 'DeploymentPaused' },
    { name: 'resuming', paused: false, reason: 'DeploymentPaused', want: ['DeploymentResumed', 'Deployment is resumed'] },
    { name: 'not paused', paused: false, reason: 'ReplicaSetUpdated' },
    { name: 'a timed-out rollout stays timed out', paused: true, reason: 'ProgressDeadlineExceeded' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const conditions = c.reason ? [newCondition('Progressing', 'True', c.reason, '', T0)] : [];
      const d = makeDeployment('web').paused(c.paused).status({ conditions }).build();
      const cond = pausedCondition(d, T0);
      assert.deepEqual(cond ? [cond.reason, cond.message] : undefined, c.want);
      if (cond) assert.equal(cond.status, 'Unknown');
    });
  }
});
