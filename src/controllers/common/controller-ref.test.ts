// ControllerRefManager against a real in-process API server, claiming ReplicaSets for a
// Deployment (the generic case the Deployment controller uses; the ReplicaSet controller's
// own tests cover pods). No controllers run: the test is the only writer.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { selectorFromObject } from '../../api/labels/index.js';
import type { KubeObject } from '../../api/meta.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { Client } from '../../client/client.js';
import type { ResourceClient } from '../../client/contract.js';
import { KiteServer } from '../../server/kite-server.js';
import { AdoptionRefusedError, ClaimError, ControllerRefManager, getControllerOf, newControllerRef, recheckOwner } from './controller-ref.js';

const DEPLOYMENT = { group: 'apps', version: 'v1', kind: 'Deployment' };

function replicaSet(name: string, labels: Record<string, string>, owner?: KubeObject): ReplicaSet {
  return {
    metadata: { name, labels, ...(owner ? { ownerReferences: [newControllerRef(owner, DEPLOYMENT)] } : {}) },
    spec: { replicas: 0, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  };
}

function deployment(name: string, finalizers?: string[]): Deployment {
  return {
    metadata: { name, ...(finalizers ? { finalizers } : {}) },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } } },
  };
}

describe('ControllerRefManager', () => {
  let server: KiteServer;
  let client: Client;
  let dataDir: string;
  let n = 0;
  const ns = (): string => `claim-${++n}`;

  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kite-claim-'));
    server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, reconcileIntervalMs: 3_600_000, controllers: [] });
    await server.start();
    client = Client.inProcess(server.apiServer, { userAgent: 'test' });
  });
  after(async () => {
    client?.close();
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function manager(owner: Deployment, opts: { finalizers?: string[] } = {}): ControllerRefManager<ReplicaSet> {
    return new ControllerRefManager<ReplicaSet>({
      owner,
      ownerKind: DEPLOYMENT,
      selector: selectorFromObject(owner.spec!.selector),
      ownedKind: 'ReplicaSet',
      ownedClient: client.apps.replicasets(),
      canAdopt: recheckOwner(client.apps.deployments() as ResourceClient<KubeObject>, owner, 'Deployment'),
      ...opts,
    });
  }

  test('adopts orphans, keeps its own, releases what stopped matching, ignores the rest', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const rss = client.apps.replicasets(space);
    const dep = await client.apps.deployments(space).create(deployment('web'));
    const other = await client.apps.deployments(space).create(deployment('other'));
    const objects = [
      await rss.create(replicaSet('orphan', { app: 'web' })),
      await rss.create(replicaSet('mine', { app: 'web' }, dep)),
      await rss.create(replicaSet('strayed', { app: 'not-web' }, dep)),
      await rss.create(replicaSet('theirs', { app: 'web' }, other)),
      await rss.create(replicaSet('unrelated', { app: 'nope' })),
    ];
    const claimed = await manager(dep).claim(objects);
    assert.deepEqual(claimed.map((r) => r.metadata.name), ['orphan', 'mine']);
    assert.deepEqual(getControllerOf(await rss.get('orphan')), newControllerRef(dep, DEPLOYMENT));
    assert.equal((await rss.get('strayed')).metadata.ownerReferences, undefined);
    assert.equal(getControllerOf(await rss.get('theirs'))?.uid, other.metadata.uid);
    assert.equal((await rss.get('unrelated')).metadata.ownerReferences, undefined);
  });

  test('filters narrow what is adopted', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const dep = await client.apps.deployments(space).create(deployment('web'));
    const orphan = await client.apps.replicasets(space).create(replicaSet('orphan', { app: 'web' }));
    const claimed = await manager(dep).claim([orphan], [(rs) => rs.metadata.name !== 'orphan']);
    assert.deepEqual(claimed, []);
    assert.equal((await client.apps.replicasets(space).get('orphan')).metadata.ownerReferences, undefined);
  });

  test('an owner being deleted (seen by the live read, not the cache) adopts nothing', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const cached = await client.apps.deployments(space).create(deployment('web', ['kite.test/hold']));
    await client.apps.deployments(space).delete('web');
    const orphan = await client.apps.replicasets(space).create(replicaSet('orphan', { app: 'web' }));
    await assert.rejects(manager(cached).claim([orphan]), (err: unknown) => {
      assert.ok(err instanceof ClaimError);
      assert.deepEqual(err.claimed, []);
      const cause = err.errors[0] as Error;
      assert.ok(cause instanceof AdoptionRefusedError);
      assert.match(cause.message, new RegExp(`^can't adopt ReplicaSet ${space}/orphan \\(${orphan.metadata.uid}\\): ${space}/web has just been deleted at `));
      return true;
    });
    assert.equal((await client.apps.replicasets(space).get('orphan')).metadata.ownerReferences, undefined);
    await client.apps.deployments(space).patch('web', 'merge', { metadata: { finalizers: null } });
  });

  test('an owner replaced under the same name adopts nothing', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const old = await client.apps.deployments(space).create(deployment('web'));
    await client.apps.deployments(space).delete('web');
    await client.apps.deployments(space).create(deployment('web'));
    const orphan = await client.apps.replicasets(space).create(replicaSet('orphan', { app: 'web' }));
    await assert.rejects(manager(old).claim([orphan]), /is gone: got uid .*, wanted /);
  });

  test('the owner being deleted: owned objects stay claimed, nothing is released', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const dep = await client.apps.deployments(space).create(deployment('web'));
    const mine = await client.apps.replicasets(space).create(replicaSet('mine', { app: 'web' }, dep));
    const strayed = await client.apps.replicasets(space).create(replicaSet('strayed', { app: 'x' }, dep));
    const deleting: Deployment = { ...dep, metadata: { ...dep.metadata, deletionTimestamp: '2025-01-01T00:00:00Z' } };
    assert.deepEqual((await manager(deleting).claim([mine, strayed])).map((r) => r.metadata.name), ['mine']);
    assert.equal(getControllerOf(await client.apps.replicasets(space).get('strayed'))?.uid, dep.metadata.uid);
  });

  test('an object gone before its adoption is simply not claimed', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const dep = await client.apps.deployments(space).create(deployment('web'));
    const orphan = await client.apps.replicasets(space).create(replicaSet('orphan', { app: 'web' }));
    await client.apps.replicasets(space).delete('orphan');
    assert.deepEqual(await manager(dep).claim([orphan]), []);
  });

  test('finalizers come with the reference and go with it', async () => {
    const space = ns();
    await client.core.namespaces().create({ metadata: { name: space } });
    const dep = await client.apps.deployments(space).create(deployment('web'));
    const orphan = await client.apps.replicasets(space).create(replicaSet('orphan', { app: 'web' }));
    await manager(dep, { finalizers: ['kite.test/track'] }).claim([orphan]);
    const adopted = await client.apps.replicasets(space).get('orphan');
    assert.deepEqual(adopted.metadata.finalizers, ['kite.test/track']);
    const relabeled = await client.apps.replicasets(space).patch('orphan', 'merge', { metadata: { labels: { app: 'x' } } });
    await manager(dep, { finalizers: ['kite.test/track'] }).claim([relabeled]);
    const released = await client.apps.replicasets(space).get('orphan');
    assert.equal(released.metadata.ownerReferences, undefined);
    assert.equal(released.metadata.finalizers, undefined);
  });
});
