// The Deployment controller with the ReplicaSet controller against a real in-process API
// server. There is no kubelet: a PodWatcher marks pods ready (or, for a stuck rollout, not).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { getControllerOf } from '../common/controller-ref.js';
import { isPodReady } from '../common/pod-status.js';
import { replicaSetController } from '../replicaset/index.js';
import { serviceAccountsControllerFactory } from '../serviceaccount/index.js';
import { CHANGE_CAUSE_ANNOTATION, REVISION_ANNOTATION, REVISION_HISTORY_ANNOTATION } from './annotations.js';
import { createNamespace, eventsFor, imageOf, makeDeploymentObject, PodWatcher, startCluster, waitFor, type TestCluster } from './cluster-testing.js';
import { getCondition } from './conditions.js';
import { deploymentController } from './index.js';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';

describe('Deployment controller', () => {
  let cluster: TestCluster;
  let n = 0;
  const watchers: PodWatcher[] = [];

  before(async () => {
    // Pods need their namespace's default ServiceAccount (admission checks it).
    cluster = await startCluster([serviceAccountsControllerFactory, deploymentController, replicaSetController]);
  });
  after(async () => {
    for (const w of watchers) w.stop();
    await cluster?.stop();
  });

  async function namespace(opts: ConstructorParameters<typeof PodWatcher>[2] = {}): Promise<{ ns: string; pods: PodWatcher }> {
    const ns = `deploy-${++n}`;
    await createNamespace(cluster.client, ns);
    const pods = new PodWatcher(cluster.client, ns, opts);
    watchers.push(pods);
    return { ns, pods };
  }

  const deployments = (ns: string) => cluster.client.apps.deployments(ns);
  const replicaSets = async (ns: string): Promise<ReplicaSet[]> => (await cluster.client.apps.replicasets(ns).list({})).items;

  /** Waits until the rollout is done as `kubectl rollout status` decides it. */
  async function rolledOut(ns: string, name: string, timeoutMs?: number): Promise<Deployment> {
    return waitFor(
      `${ns}/${name} rolled out`,
      async () => {
        const d = await deployments(ns).get(name);
        const s = d.status ?? {};
        const replicas = d.spec?.replicas ?? 1;
        const done =
          (s.observedGeneration ?? 0) >= (d.metadata.generation ?? 0) &&
          (s.updatedReplicas ?? 0) === replicas &&
          (s.replicas ?? 0) === replicas &&
          (s.availableReplicas ?? 0) === replicas &&
          getCondition(s, 'Progressing')?.reason === 'NewReplicaSetAvailable';
        return done && d;
      },
      timeoutMs,
    );
  }

  async function setImage(ns: string, name: string, image: string): Promise<void> {
    // kubectl set image sends a strategic merge patch of the container.
    await deployments(ns).patch(name, 'strategic', { spec: { template: { spec: { containers: [{ name: 'c', image }] } } } });
  }

  test('create: a ReplicaSet per template, all replicas available, status and events as Kubernetes reports them', async () => {
    const { ns } = await namespace();
    const created = await deployments(ns).create(makeDeploymentObject('web', 3, 'img:1'));
    const d = await rolledOut(ns, 'web');
    const [rs, ...more] = await replicaSets(ns);
    assert.equal(more.length, 0);
    const hash = rs!.metadata.labels![POD_TEMPLATE_HASH_LABEL]!;
    assert.equal(rs!.metadata.name, `web-${hash}`);
    assert.deepEqual(rs!.spec!.selector, { matchLabels: { app: 'web', [POD_TEMPLATE_HASH_LABEL]: hash } });
    assert.equal(rs!.spec!.template!.metadata!.labels![POD_TEMPLATE_HASH_LABEL], hash);
    assert.equal(rs!.metadata.annotations![REVISION_ANNOTATION], '1');
    assert.equal(rs!.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '3');
    assert.equal(rs!.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '4');
    assert.deepEqual(getControllerOf(rs!), { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: created.metadata.uid, controller: true, blockOwnerDeletion: true });
    const pods = (await cluster.client.core.pods(ns).list({})).items;
    assert.equal(pods.length, 3);
    for (const p of pods) assert.equal(p.metadata.labels![POD_TEMPLATE_HASH_LABEL], hash);

    const s = d.status!;
    assert.deepEqual([s.observedGeneration, s.replicas, s.updatedReplicas, s.readyReplicas, s.availableReplicas, s.unavailableReplicas], [1, 3, 3, 3, 3, undefined]);
    const available = getCondition(s, 'Available')!;
    assert.deepEqual([available.status, available.reason, available.message], ['True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.']);
    const progressing = getCondition(s, 'Progressing')!;
    assert.deepEqual([progressing.status, progressing.reason, progressing.message], ['True', 'NewReplicaSetAvailable', `ReplicaSet "web-${hash}" has successfully progressed.`]);

    const events = await waitFor('the scaling event', async () => {
      const e = (await eventsFor(cluster.client, ns, 'web')).filter((x) => x.reason === 'ScalingReplicaSet');
      return e.length > 0 && e;
    });
    assert.deepEqual(
      events.map((e) => [e.type, e.message, e.source?.component]),
      [['Normal', `Scaled up replica set web-${hash} from 0 to 3`, 'deployment-controller']],
    );
  });

  test(
    "the Deployment carries its new ReplicaSet's revision (written through /status, whose strategy keeps annotations as Kubernetes' does)",
    async () => {
      const { ns } = await namespace();
      await deployments(ns).create(makeDeploymentObject('web', 1, 'img:1'));
      await rolledOut(ns, 'web');
      await waitFor('revision annotation on the Deployment', async () => (await deployments(ns).get('web')).metadata.annotations?.[REVISION_ANNOTATION] === '1', 2000);
    },
  );

  test('scale up and down through the scale subresource: the same ReplicaSet, with events', async () => {
    const { ns } = await namespace();
    await deployments(ns).create(makeDeploymentObject('web', 2, 'img:1'));
    await rolledOut(ns, 'web');
    for (const replicas of [5, 1]) {
      await deployments(ns).patch('web', 'merge', { spec: { replicas } }, { subresource: 'scale' });
      await rolledOut(ns, 'web');
    }
    const rss = await replicaSets(ns);
    assert.equal(rss.length, 1);
    assert.equal(rss[0]!.spec!.replicas, 1);
    assert.equal(rss[0]!.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '1');
    const name = rss[0]!.metadata.name;
    const messages = await waitFor('three scaling events', async () => {
      const m = (await eventsFor(cluster.client, ns, 'web')).filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
      return m.length === 3 && m;
    });
    assert.deepEqual(messages.sort(), [`Scaled down replica set ${name} from 5 to 1`, `Scaled up replica set ${name} from 0 to 2`, `Scaled up replica set ${name} from 2 to 5`].sort());
  });

  const rollingCases: { replicas: number; maxSurge: number | string; maxUnavailable: number | string; surge: number; unavailable: number }[] = [
    { replicas: 4, maxSurge: 1, maxUnavailable: 1, surge: 1, unavailable: 1 },
    { replicas: 5, maxSurge: 0, maxUnavailable: 2, surge: 0, unavailable: 2 },
    { replicas: 3, maxSurge: 2, maxUnavailable: 0, surge: 2, unavailable: 0 },
    { replicas: 10, maxSurge: '25%', maxUnavailable: '25%', surge: 3, unavailable: 2 },
  ];
  for (const c of rollingCases) {
    const { surge, unavailable } = c;
    test(`a new image rolls out within maxSurge ${c.maxSurge} / maxUnavailable ${c.maxUnavailable} of ${c.replicas}`, async () => {
      let watching = false;
      let maxPods = 0;
      let minAvailable = Infinity;
      const { ns } = await namespace({
        onChange: (pods) => {
          if (!watching) return;
          maxPods = Math.max(maxPods, pods.size);
          minAvailable = Math.min(minAvailable, [...pods.values()].filter((p) => isPodReady(p) && !p.metadata.deletionTimestamp).length);
        },
      });
      const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: c.maxSurge, maxUnavailable: c.maxUnavailable } };
      await deployments(ns).create(makeDeploymentObject('web', c.replicas, 'img:1', { strategy }));
      await rolledOut(ns, 'web');
      watching = true;
      await setImage(ns, 'web', 'img:2');
      const d = await rolledOut(ns, 'web', 30_000);
      watching = false;
      assert.ok(maxPods > 0 && minAvailable < Infinity, 'the watcher saw the rollout');
      assert.ok(maxPods <= c.replicas + surge, `saw ${maxPods} pods, more than ${c.replicas} + ${surge}`);
      assert.ok(minAvailable >= c.replicas - unavailable, `saw ${minAvailable} available pods, fewer than ${c.replicas} - ${unavailable}`);
      const pods = (await cluster.client.core.pods(ns).list({})).items;
      assert.deepEqual(pods.map(imageOf), Array(c.replicas).fill('img:2'));
      const rss = await replicaSets(ns);
      const byRevision = Object.fromEntries(rss.map((rs) => [rs.metadata.annotations![REVISION_ANNOTATION], rs.spec!.replicas]));
      assert.deepEqual(byRevision, { '1': 0, '2': c.replicas });
      assert.equal(d.status?.observedGeneration, d.metadata.generation);
    });
  }

  test('Recreate: every old pod is gone before a new one exists', async () => {
    let overlap = false;
    const { ns } = await namespace({
      onChange: (pods) => {
        const images = new Set([...pods.values()].map(imageOf));
        if (images.has('img:1') && images.has('img:2')) overlap = true;
      },
    });
    await deployments(ns).create(makeDeploymentObject('web', 3, 'img:1', { strategy: { type: 'Recreate' } }));
    await rolledOut(ns, 'web');
    await setImage(ns, 'web', 'img:2');
    await rolledOut(ns, 'web');
    assert.equal(overlap, false);
    const pods = (await cluster.client.core.pods(ns).list({})).items;
    assert.deepEqual(pods.map(imageOf), ['img:2', 'img:2', 'img:2']);
  });

  test('pause stops a rollout (scaling still applies); resume carries it out', async () => {
    const { ns } = await namespace();
    await deployments(ns).create(makeDeploymentObject('web', 2, 'img:1'));
    await rolledOut(ns, 'web');
    await deployments(ns).patch('web', 'merge', { spec: { paused: true } });
    await waitFor('Progressing DeploymentPaused', async () => {
      const c = getCondition((await deployments(ns).get('web')).status, 'Progressing');
      return c?.reason === 'DeploymentPaused' && c.status === 'Unknown' && c.message === 'Deployment is paused';
    });
    await setImage(ns, 'web', 'img:2');
    await deployments(ns).patch('web', 'merge', { spec: { replicas: 3 } });
    await waitFor('3 replicas of the old template', async () => {
      const pods = (await cluster.client.core.pods(ns).list({})).items;
      return pods.length === 3 && pods.every((p) => imageOf(p) === 'img:1');
    });
    assert.equal((await replicaSets(ns)).length, 1);
    const paused = await deployments(ns).get('web');
    assert.equal(paused.status?.observedGeneration, paused.metadata.generation);

    await deployments(ns).patch('web', 'merge', { spec: { paused: false } });
    await rolledOut(ns, 'web');
    const pods = (await cluster.client.core.pods(ns).list({})).items;
    assert.deepEqual(pods.map(imageOf), ['img:2', 'img:2', 'img:2']);
  });

  test('rollback as kubectl rollout undo does it: the old ReplicaSet is reused and gets the next revision', async () => {
    const { ns } = await namespace();
    const v1 = makeDeploymentObject('web', 2, 'img:1');
    v1.metadata.annotations = { [CHANGE_CAUSE_ANNOTATION]: 'first' };
    await deployments(ns).create(v1);
    await rolledOut(ns, 'web');
    await deployments(ns).patch('web', 'strategic', {
      metadata: { annotations: { [CHANGE_CAUSE_ANNOTATION]: 'second' } },
      spec: { template: { spec: { containers: [{ name: 'c', image: 'img:2' }] } } },
    });
    await rolledOut(ns, 'web');
    const before = await replicaSets(ns);
    const first = before.find((rs) => rs.metadata.annotations![REVISION_ANNOTATION] === '1')!;
    assert.equal(first.metadata.annotations![CHANGE_CAUSE_ANNOTATION], 'first');
    assert.equal(before.find((rs) => rs.metadata.annotations![REVISION_ANNOTATION] === '2')!.metadata.annotations![CHANGE_CAUSE_ANNOTATION], 'second');

    // kubectl rollout undo (1.32, client-side): the revision's template without the hash
    // label, and its annotations except the controller's own, as one JSON patch.
    const template = structuredClone(first.spec!.template!);
    delete template.metadata!.labels![POD_TEMPLATE_HASH_LABEL];
    const current = await deployments(ns).get('web');
    const annotations: Record<string, string> = {};
    for (const [k, v] of Object.entries(current.metadata.annotations ?? {})) if (k === REVISION_ANNOTATION) annotations[k] = v;
    for (const [k, v] of Object.entries(first.metadata.annotations ?? {})) if (!k.startsWith('deployment.kubernetes.io/')) annotations[k] = v;
    await deployments(ns).patch('web', 'json', [
      { op: 'replace', path: '/spec/template', value: template },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ]);
    await rolledOut(ns, 'web');
    const after = await waitFor('revision 3', async () => {
      const rss = await replicaSets(ns);
      return rss.find((rs) => rs.metadata.annotations![REVISION_ANNOTATION] === '3') && rss;
    });
    assert.equal(after.length, 2);
    const reused = after.find((rs) => rs.metadata.uid === first.metadata.uid)!;
    assert.equal(reused.metadata.annotations![REVISION_ANNOTATION], '3');
    assert.equal(reused.metadata.annotations![REVISION_HISTORY_ANNOTATION], '1');
    assert.equal(reused.spec!.replicas, 2);
    const pods = (await cluster.client.core.pods(ns).list({})).items;
    assert.deepEqual(pods.map(imageOf), ['img:1', 'img:1']);
  });

  test('revisionHistoryLimit: old ReplicaSets beyond the limit are deleted, lowest revisions first', async () => {
    const { ns } = await namespace();
    await deployments(ns).create(makeDeploymentObject('web', 1, 'img:1', { revisionHistoryLimit: 1 }));
    await rolledOut(ns, 'web');
    for (const image of ['img:2', 'img:3', 'img:4']) {
      await setImage(ns, 'web', image);
      await rolledOut(ns, 'web');
    }
    const rss = await waitFor('two ReplicaSets left', async () => {
      const r = await replicaSets(ns);
      return r.length === 2 && r;
    });
    assert.deepEqual(rss.map((rs) => rs.metadata.annotations![REVISION_ANNOTATION]).sort(), ['3', '4']);
  });

  test('a rollout whose pods never become ready exceeds its progress deadline', async () => {
    const { ns } = await namespace({ neverReady: (pod) => imageOf(pod) === 'img:broken' });
    await deployments(ns).create(makeDeploymentObject('web', 2, 'img:1', { progressDeadlineSeconds: 2 }));
    await rolledOut(ns, 'web');
    await setImage(ns, 'web', 'img:broken');
    const d = await waitFor(
      'ProgressDeadlineExceeded',
      async () => {
        const cur = await deployments(ns).get('web');
        return getCondition(cur.status, 'Progressing')?.reason === 'ProgressDeadlineExceeded' && cur;
      },
      15_000,
    );
    const newRS = (await replicaSets(ns)).find((rs) => rs.spec!.template!.spec!.containers[0]!.image === 'img:broken')!;
    const cond = getCondition(d.status, 'Progressing')!;
    assert.deepEqual([cond.status, cond.message], ['False', `ReplicaSet "${newRS.metadata.name}" has timed out progressing.`]);
    // The old pods stay (maxUnavailable of 2 rounds down to 0).
    assert.equal(getCondition(d.status, 'Available')?.status, 'True');
  });

  test('scaling mid-rollout shares the new replicas out proportionally', async () => {
    const { ns } = await namespace({ neverReady: (pod) => imageOf(pod) === 'img:stuck' });
    const strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    await deployments(ns).create(makeDeploymentObject('web', 10, 'img:1', { strategy }));
    await rolledOut(ns, 'web');
    await setImage(ns, 'web', 'img:stuck');
    const sizes = async () => {
      const rss = await replicaSets(ns);
      const of = (image: string) => rss.find((rs) => rs.spec!.template!.spec!.containers[0]!.image === image)?.spec?.replicas;
      return [of('img:1'), of('img:stuck')];
    };
    // Old 10 -> 8, new 0 -> 5; then the new pods never become available and the rollout stalls.
    await waitFor('the rollout to stall at 8 + 5', async () => (await sizes()).join() === '8,5');
    await deployments(ns).patch('web', 'merge', { spec: { replicas: 20 } });
    // 20 + 3 allowed, 10 to add: 8 -> round(8 * 23 / 13) = 14, 5 -> round(5 * 23 / 13) = 9.
    await waitFor('proportional sizes 14 + 9', async () => (await sizes()).join() === '14,9');
    const rss = await replicaSets(ns);
    for (const rs of rss) {
      assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/desired-replicas'], '20');
      assert.equal(rs.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '23');
    }
  });

  test('orphaned ReplicaSets matching the selector are adopted; ones no longer matching are released', async () => {
    const { ns } = await namespace();
    const d = await deployments(ns).create(makeDeploymentObject('web', 1, 'img:1'));
    await rolledOut(ns, 'web');
    const [rs] = await replicaSets(ns);
    // Orphan it: the controller adopts it back.
    await cluster.client.apps.replicasets(ns).patch(rs!.metadata.name!, 'json', [{ op: 'remove', path: '/metadata/ownerReferences' }]);
    await waitFor('re-adoption', async () => getControllerOf(await cluster.client.apps.replicasets(ns).get(rs!.metadata.name!))?.uid === d.metadata.uid);
    // Change its labels so the selector no longer matches: released, and a new one takes over.
    await cluster.client.apps.replicasets(ns).patch(rs!.metadata.name!, 'merge', { metadata: { labels: { app: 'elsewhere' } } });
    await waitFor('release', async () => getControllerOf(await cluster.client.apps.replicasets(ns).get(rs!.metadata.name!)) === undefined);
    // The replacement's name (same template, same hash) is taken by the released one: a hash
    // collision, resolved by bumping collisionCount.
    const replacement = await waitFor('a replacement ReplicaSet', async () => (await replicaSets(ns)).find((r) => getControllerOf(r)?.uid === d.metadata.uid));
    assert.notEqual(replacement.metadata.name, rs!.metadata.name);
    assert.equal((await deployments(ns).get('web')).status?.collisionCount, 1);
    await rolledOut(ns, 'web');
  });
});

