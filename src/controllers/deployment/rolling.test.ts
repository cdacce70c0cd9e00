// The RollingUpdate steps and the new ReplicaSet's bookkeeping, against a recording fake
// (cases after Kubernetes' rolling_test.go and sync_test.go).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { alreadyExists, StatusError } from '../../api/errors.js';
import type { ReplicaSet } from '../../api/types/apps-v1.js';
import { REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './annotations.js';
import { getCondition } from './conditions.js';
import { getAllReplicaSetsAndSyncRevision, newReplicaSetFor } from './new-replica-set.js';
import { reconcileNewReplicaSet, reconcileOldReplicaSets, rolloutRolling } from './rolling.js';
import { fakeSyncContext, makeDeployment, makeReplicaSet } from './testing.js';

const sizes = (rss: readonly ReplicaSet[]) => Object.fromEntries(rss.map((rs) => [rs.metadata.name, rs.spec?.replicas]));

describe('reconcileNewReplicaSet', () => {
  // Kubernetes' TestDeploymentController_reconcileNewReplicaSet.
  const cases: { name: string; replicas: number; surge: number; oldSize: number; newSize: number; want?: number }[] = [
    { name: 'scale up by the surge', replicas: 10, surge: 2, oldSize: 10, newSize: 0, want: 2 },
    { name: 'scale up into room freed by old pods', replicas: 10, surge: 2, oldSize: 5, newSize: 5, want: 7 },
    { name: 'no room', replicas: 10, surge: 2, oldSize: 10, newSize: 2 },
    { name: 'too large: scale down to spec.replicas', replicas: 10, surge: 2, oldSize: 0, newSize: 12, want: 10 },
    { name: 'already right', replicas: 10, surge: 2, oldSize: 0, newSize: 10 },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const d = makeDeployment('web').replicas(c.replicas).rolling(c.surge, 0).image('img:2').build();
      const old = makeReplicaSet(makeDeployment('web').image('img:1').build(), 'web-old').replicas(c.oldSize).build();
      const cur = makeReplicaSet(d, 'web-new').replicas(c.newSize).build();
      const { ctx, control } = fakeSyncContext();
      const scaled = await reconcileNewReplicaSet(ctx, [old, cur], cur, d);
      assert.equal(scaled, c.want !== undefined);
      assert.deepEqual(control.of('update-rs').map((a) => a.rs.spec?.replicas), c.want === undefined ? [] : [c.want]);
    });
  }
});

describe('reconcileOldReplicaSets', () => {
  // Kubernetes' TestDeploymentController_reconcileOldReplicaSets and cleanupUnhealthyReplicas.
  const cases: {
    name: string;
    replicas: number;
    maxUnavailable: number;
    old: [number, number];
    new: [number, number];
    want: Record<string, number>;
  }[] = [
    { name: 'scale down by maxUnavailable', replicas: 10, maxUnavailable: 2, old: [10, 10], new: [0, 0], want: { 'web-old': 8 } },
    { name: 'new pods available: more old ones may go', replicas: 10, maxUnavailable: 2, old: [8, 8], new: [4, 4], want: { 'web-old': 4 } },
    { name: 'new pods not available: nothing may go', replicas: 10, maxUnavailable: 2, old: [8, 8], new: [4, 0], want: {} },
    { name: 'unhealthy old pods go first and cost nothing', replicas: 10, maxUnavailable: 2, old: [10, 8], new: [0, 0], want: { 'web-old': 8 } },
    { name: 'minimum availability already reached', replicas: 10, maxUnavailable: 0, old: [10, 10], new: [0, 0], want: {} },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const d = makeDeployment('web').replicas(c.replicas).rolling(2, c.maxUnavailable).image('img:2').build();
      const old = makeReplicaSet(makeDeployment('web').image('img:1').build(), 'web-old').replicas(c.old[0]).available(c.old[1]).build();
      const cur = makeReplicaSet(d, 'web-new').replicas(c.new[0]).available(c.new[1]).build();
      const { ctx, control } = fakeSyncContext();
      const scaled = await reconcileOldReplicaSets(ctx, [old, cur], [old], cur, d);
      assert.equal(scaled, Object.keys(c.want).length > 0);
      const last = new Map(control.of('update-rs').map((a) => [a.rs.metadata.name, a.rs.spec?.replicas]));
      assert.deepEqual(Object.fromEntries(last), c.want);
    });
  }
});

describe('rolloutRolling', () => {
  test('a new template: the new ReplicaSet is created at the surge (and old pods scaled down within maxUnavailable), with revision, events and conditions', async () => {
    const d = makeDeployment('web').replicas(4).rolling(1, 1).image('img:2').build();
    const old = makeReplicaSet(makeDeployment('web').image('img:1').build(), 'web-old').replicas(4).available(4).revision(1).build();
    const { ctx, control } = fakeSyncContext([old]);
    await rolloutRolling(ctx, d, [old]);
    const [created] = control.of('create-rs');
    assert.ok(created);
    const rs = created.rs;
    const hash = rs.metadata.labels!['pod-template-hash']!;
    assert.equal(rs.metadata.name, `web-${hash}`);
    assert.deepEqual(rs.spec!.selector, { matchLabels: { app: 'web', 'pod-template-hash': hash } });
    assert.equal(rs.spec!.template!.metadata!.labels!['pod-template-hash'], hash);
    assert.equal(rs.spec!.replicas, 1);
    assert.deepEqual(rs.metadata.ownerReferences, [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'uid-web', controller: true, blockOwnerDeletion: true }]);
    assert.equal(rs.metadata.annotations![REVISION_ANNOTATION], '2');
    assert.deepEqual(
      control.of('event').map((e) => e.message),
      [`Scaled up replica set web-${hash} from 0 to 1`, 'Scaled down replica set web-old from 4 to 3'],
    );
    const status = control.of('update-status')[0]!.deployment;
    assert.equal(status.metadata.annotations![REVISION_ANNOTATION], '2');
    assert.equal(getCondition(status.status, 'Progressing')?.reason, 'NewReplicaSetCreated');
    assert.equal(getCondition(status.status, 'Progressing')?.message, `Created new replica set "web-${hash}"`);
  });

  test('one step at a time: a scale-up stops the sync before any scale-down', async () => {
    const d = makeDeployment('web').replicas(4).rolling(1, 1).image('img:2').build();
    const old = makeReplicaSet(makeDeployment('web').image('img:1').build(), 'web-old').replicas(4).available(4).revision(1).build();
    const cur = makeReplicaSet(d, 'web-new').replicas(0).revision(2).build();
    const { ctx, control } = fakeSyncContext([old, cur]);
    await rolloutRolling(ctx, d, [old, cur]);
    assert.deepEqual(sizes(control.of('update-rs').map((a) => a.rs)), { 'web-new': 1 });
    assert.deepEqual(
      control.of('event').map((e) => e.message),
      ['Scaled up replica set web-new from 0 to 1'],
    );
  });

  test('a complete rollout cleans up history beyond the limit', async () => {
    const d = makeDeployment('web').replicas(1).historyLimit(1).image('img:3').status({ observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1 }).build();
    const rs1 = makeReplicaSet(makeDeployment('web').image('img:1').build(), 'web-1').revision(1).build();
    const rs2 = makeReplicaSet(makeDeployment('web').image('img:2').build(), 'web-2').revision(2).build();
    const cur = makeReplicaSet(d, 'web-3').replicas(1).available(1).revision(3).build();
    cur.metadata.annotations!['deployment.kubernetes.io/desired-replicas'] = '1';
    const { ctx, control } = fakeSyncContext();
    await rolloutRolling(ctx, d, [rs1, rs2, cur]);
    assert.deepEqual(control.of('delete-rs').map((a) => a.name), ['web-1']);
  });
});

describe('the new ReplicaSet and revisions', () => {
  test('rolling back to an old template reuses its ReplicaSet with the next revision', async () => {
    const v1 = makeDeployment('web').image('img:1').build();
    const rs1 = makeReplicaSet(v1, 'web-1').revision(1).build();
    const rs2 = makeReplicaSet(makeDeployment('web').image('img:2').build(), 'web-2').replicas(1).revision(2).build();
    const { ctx, control } = fakeSyncContext([rs1, rs2]);
    const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, v1, [rs1, rs2], true);
    assert.equal(newRS?.metadata.name, 'web-1');
    assert.deepEqual(oldRSs.map((rs) => rs.metadata.name), ['web-2']);
    assert.equal(control.of('create-rs').length, 0);
    const [update] = control.of('update-rs');
    assert.equal(update?.rs.metadata.annotations![REVISION_ANNOTATION], '3');
    assert.equal(update?.rs.metadata.annotations![REVISION_HISTORY_ANNOTATION], '1');
  });

  test('the Deployment takes its new ReplicaSet revision, and FoundNewReplicaSet when it has no Progressing condition', async () => {
    const d = makeDeployment('web').build();
    const rs = makeReplicaSet(d, 'web-1').revision(1).build();
    const { ctx, control } = fakeSyncContext([rs]);
    await getAllReplicaSetsAndSyncRevision(ctx, d, [rs], false);
    const [status] = control.of('update-status');
    assert.equal(status?.deployment.metadata.annotations?.[REVISION_ANNOTATION], '1');
    assert.equal(getCondition(status?.deployment.status, 'Progressing')?.reason, 'FoundNewReplicaSet');
  });

  test('a hash collision bumps collisionCount and fails the sync', async () => {
    const d = makeDeployment('web').image('img:2').build();
    const takenName = newReplicaSetFor(d).metadata.name!;
    const squatter = makeReplicaSet(makeDeployment('web').image('img:9').build(), takenName).build();
    const { ctx, control } = fakeSyncContext([squatter]);
    control.failOn = { verb: 'create-rs', error: alreadyExists({ group: 'apps', resource: 'replicasets' }, takenName) };
    await assert.rejects(getAllReplicaSetsAndSyncRevision(ctx, d, [], true), StatusError);
    assert.equal(control.of('update-status')[0]?.deployment.status?.collisionCount, 1);
    d.status = { collisionCount: 1 };
    assert.notEqual(newReplicaSetFor(d).metadata.name, takenName);
  });

  test('a create that finds our own ReplicaSet (stale cache) uses it', async () => {
    const d = makeDeployment('web').image('img:2').build();
    const mine = { ...newReplicaSetFor(d), metadata: { ...newReplicaSetFor(d).metadata, uid: 'uid-mine' } };
    const { ctx, control } = fakeSyncContext([mine]);
    control.failOn = { verb: 'create-rs', error: alreadyExists({ group: 'apps', resource: 'replicasets' }, mine.metadata.name!) };
    const { newRS } = await getAllReplicaSetsAndSyncRevision(ctx, d, [], true);
    assert.equal(newRS?.metadata.name, mine.metadata.name);
    assert.equal(control.of('event').length, 0);
  });

  test('other create failures: Progressing ReplicaSetCreateError and a Warning', async () => {
    const d = makeDeployment('web').build();
    const { ctx, control } = fakeSyncContext();
    control.failOn = { verb: 'create-rs', error: new StatusError(403, 'Forbidden', 'exceeded quota') };
    await assert.rejects(getAllReplicaSetsAndSyncRevision(ctx, d, [], true));
    const cond = getCondition(control.of('update-status')[0]?.deployment.status, 'Progressing');
    assert.equal(cond?.status, 'False');
    assert.equal(cond?.reason, 'ReplicaSetCreateError');
    assert.match(cond?.message ?? '', /^Failed to create new replica set "web-[a-z0-9]+": exceeded quota$/);
    assert.deepEqual(control.of('event').map((e) => [e.type, e.reason]), [['Warning', 'ReplicaSetCreateError']]);
  });
});
