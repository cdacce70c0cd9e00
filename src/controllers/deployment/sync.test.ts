// Scaling events, paused Deployments, Recreate, history cleanup and annotation rollback, against a
// recording fake.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, ROLLBACK_TO_ANNOTATION } from './annotations.js';
import { replicaSetsToClean } from './cleanup.js';
import { oldPodsRunning, rolloutRecreate } from './recreate.js';
import { rollback } from './rollback.js';
import { isSaturated, scale } from './scale.js';
import { isScalingEvent, syncScaling } from './sync.js';
import { fakeSyncContext, makeDeployment, makeReplicaSet } from './testing.js';

const v1 = makeDeployment('web').image('img:1').build();
const v2 = makeDeployment('web').image('img:2').build();

describe('scale', () => {
  test('a single active ReplicaSet takes the new size and the replicas annotations', async () => {
    const d = makeDeployment('web').replicas(5).rolling(1, 0).build();
    const rs = makeReplicaSet(d, 'web-a').replicas(3).replicasAnnotations(3, 4).build();
    const { ctx, control } = fakeSyncContext();
    await scale(ctx, d, rs, []);
    const [update] = control.of('update-rs');
    assert.equal(update?.rs.spec?.replicas, 5);
    assert.equal(update?.rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION], '5');
    assert.equal(update?.rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION], '6');
    assert.deepEqual(control.of('event').map((e) => [e.reason, e.message]), [['ScalingReplicaSet', 'Scaled up replica set web-a from 3 to 5']]);
  });

  test('a saturated new ReplicaSet: old ones go to 0', async () => {
    const d = makeDeployment('web').replicas(3).image('img:2').build();
    const cur = makeReplicaSet(d, 'web-b').replicas(3).available(3).replicasAnnotations(3, 4).build();
    const old = makeReplicaSet(v1, 'web-a').replicas(1).build();
    assert.ok(isSaturated(d, cur));
    const { ctx, control } = fakeSyncContext();
    await scale(ctx, d, cur, [old]);
    assert.deepEqual(control.of('event').map((e) => e.message), ['Scaled down replica set web-a from 1 to 0']);
  });

  test('several active ReplicaSets: proportional shares', async () => {
    const d = makeDeployment('web').replicas(12).rolling(3, 0).image('img:2').build();
    const cur = makeReplicaSet(d, 'web-b').replicas(5).replicasAnnotations(10, 13).created(10).build();
    const old = makeReplicaSet(v1, 'web-a').replicas(8).replicasAnnotations(10, 13).build();
    const { ctx, control } = fakeSyncContext();
    await scale(ctx, d, cur, [old]);
    assert.deepEqual(
      control.of('update-rs').map((a) => [a.rs.metadata.name, a.rs.spec?.replicas, a.rs.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION]]),
      [
        ['web-a', 9, '12'],
        ['web-b', 6, '12'],
      ],
    );
  });

  test('isScalingEvent: an active ReplicaSet recorded another desired size', async () => {
    const d = makeDeployment('web').replicas(4).build();
    const recorded = makeReplicaSet(d, 'web-a').replicas(2).replicasAnnotations(2, 3).build();
    assert.equal(await isScalingEvent(fakeSyncContext().ctx, d, [recorded]), true);
    const current = makeReplicaSet(d, 'web-a').replicas(2).replicasAnnotations(4, 5).build();
    assert.equal(await isScalingEvent(fakeSyncContext().ctx, d, [current]), false);
  });

  test('a paused Deployment is scaled but never rolled out', async () => {
    const d = makeDeployment('web').replicas(3).paused().image('img:2').build();
    const old = makeReplicaSet(v1, 'web-a').replicas(2).replicasAnnotations(2, 3).build();
    const { ctx, control } = fakeSyncContext();
    await syncScaling(ctx, d, [old]);
    assert.equal(control.of('create-rs').length, 0);
    assert.deepEqual(control.of('update-rs').map((a) => a.rs.spec?.replicas), [3]);
  });
});

describe('Recreate', () => {
  const pod = (phase: string): Pod => ({ metadata: { name: 'p' }, status: { phase } });

  test('old ReplicaSets are scaled to 0 first, and nothing new is created', async () => {
    const d = makeDeployment('web').replicas(2).recreate().image('img:2').build();
    const old = makeReplicaSet(v1, 'web-a').replicas(2).available(2).build();
    const { ctx, control } = fakeSyncContext();
    await rolloutRecreate(ctx, d, [old], new Map());
    assert.deepEqual(control.of('update-rs').map((a) => [a.rs.metadata.name, a.rs.spec?.replicas]), [['web-a', 0]]);
    assert.equal(control.of('create-rs').length, 0);
  });

  test('while old pods run, the new ReplicaSet waits', async () => {
    const d = makeDeployment('web').replicas(2).recreate().image('img:2').build();
    const old = makeReplicaSet(v1, 'web-a').statusReplicas(0).build();
    const { ctx, control } = fakeSyncContext();
    await rolloutRecreate(ctx, d, [old], new Map([['uid-web-a', [pod('Running')]]]));
    assert.equal(control.of('create-rs').length, 0);
  });

  test('once old pods are gone the new ReplicaSet starts at full size', async () => {
    const d = makeDeployment('web').replicas(2).recreate().image('img:2').build();
    const old = makeReplicaSet(v1, 'web-a').build();
    const { ctx, control } = fakeSyncContext();
    await rolloutRecreate(ctx, d, [old], new Map([['uid-web-a', [pod('Succeeded')]]]));
    assert.equal(control.of('create-rs')[0]?.rs.spec?.replicas, 2);
  });

  const cases: { name: string; statusReplicas: number; phases: string[]; running: boolean }[] = [
    { name: 'no pods', statusReplicas: 0, phases: [], running: false },
    { name: 'terminal pods only', statusReplicas: 0, phases: ['Failed', 'Succeeded'], running: false },
    { name: 'a pending pod', statusReplicas: 0, phases: ['Pending'], running: true },
    { name: 'an Unknown pod', statusReplicas: 0, phases: ['Unknown'], running: true },
    { name: 'the ReplicaSet still reports replicas', statusReplicas: 1, phases: [], running: true },
  ];
  for (const c of cases) {
    test(`oldPodsRunning: ${c.name}`, () => {
      const old = makeReplicaSet(v1, 'web-a').statusReplicas(c.statusReplicas).build();
      assert.equal(oldPodsRunning(undefined, [old], new Map([['uid-web-a', c.phases.map(pod)]])), c.running);
    });
  }

  test("oldPodsRunning ignores the new ReplicaSet's pods", () => {
    const cur = makeReplicaSet(v2, 'web-b').build();
    assert.equal(oldPodsRunning(cur, [], new Map([['uid-web-b', [pod('Running')]]])), false);
  });
});

describe('revision history cleanup', () => {
  const old = (name: string, revision: number, size = 0) => makeReplicaSet(v1, name).replicas(size).revision(revision).build();
  const cases: { name: string; limit: number | undefined; rss: ReturnType<typeof old>[]; want: string[] }[] = [
    { name: 'within the limit', limit: 3, rss: [old('a', 1), old('b', 2)], want: [] },
    { name: 'the lowest revisions go', limit: 1, rss: [old('c', 3), old('a', 1), old('b', 2)], want: ['a', 'b'] },
    { name: 'limit 0 keeps nothing', limit: 0, rss: [old('a', 1)], want: ['a'] },
    { name: 'a ReplicaSet with replicas is kept', limit: 0, rss: [old('a', 1, 1), old('b', 2)], want: ['b'] },
    { name: 'no limit keeps everything', limit: undefined, rss: [old('a', 1)], want: [] },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = makeDeployment('web').historyLimit(c.limit).build();
      assert.deepEqual(replicaSetsToClean(d, c.rss).map((rs) => rs.metadata.name), c.want);
    });
  }
});

describe('rollback by annotation', () => {
  test('to a revision: template and annotations from its ReplicaSet, request cleared, event', async () => {
    const d = makeDeployment('web').image('img:2').annotations({ [ROLLBACK_TO_ANNOTATION]: '1' }).build();
    const rs1 = makeReplicaSet(v1, 'web-1').revision(1).build();
    rs1.metadata.annotations!['kubernetes.io/change-cause'] = 'first';
    const rs2 = makeReplicaSet(d, 'web-2').replicas(1).revision(2).build();
    const { ctx, control } = fakeSyncContext([rs1, rs2]);
    await rollback(ctx, d, [rs1, rs2]);
    const [update] = control.of('update-deployment');
    assert.equal(update?.deployment.spec?.template.spec?.containers[0]?.image, 'img:1');
    assert.equal(update?.deployment.spec?.template.metadata?.labels?.['pod-template-hash'], undefined);
    assert.equal(update?.deployment.metadata.annotations?.[ROLLBACK_TO_ANNOTATION], undefined);
    assert.equal(update?.deployment.metadata.annotations?.['kubernetes.io/change-cause'], 'first');
    assert.deepEqual(control.of('event').at(-1), { verb: 'event', type: 'Normal', reason: 'DeploymentRollback', message: 'Rolled back deployment "web" to revision 1' });
  });

  test('an unknown revision only clears the request', async () => {
    const d = makeDeployment('web').annotations({ [ROLLBACK_TO_ANNOTATION]: '7' }).build();
    const rs = makeReplicaSet(d, 'web-1').replicas(1).revision(1).build();
    const { ctx, control } = fakeSyncContext([rs]);
    await rollback(ctx, d, [rs]);
    assert.deepEqual(control.of('event').map((e) => [e.type, e.reason, e.message]), [['Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.']]);
    assert.equal(control.of('update-deployment')[0]?.deployment.metadata.annotations?.[ROLLBACK_TO_ANNOTATION], undefined);
  });
});
