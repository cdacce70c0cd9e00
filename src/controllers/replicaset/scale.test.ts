// How fast one ReplicaSet gets its pods: creates N replicas (KITE_RS_SCALE, default 1000; the
// figure reported in docs is for 10,000) on one in-process server with memory storage and
// reports the time until every pod exists and status.replicas says so. Also checks that not
// one pod too many was created.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { replicaSetController } from './index.js';
import { createNamespace, getReplicaSet, listPods, makeReplicaSet, startCluster, waitFor } from './testing.js';

const replicas = Number(process.env.KITE_RS_SCALE ?? 1000);

test(`a ReplicaSet of ${replicas} replicas gets its pods`, { timeout: 300_000 }, async () => {
  const cluster = await startCluster([replicaSetController], (process.env.KITE_RS_STORAGE as 'sqlite' | undefined) ?? 'memory');
  try {
    const { client } = cluster;
    await createNamespace(client, 'scale');
    const started = Date.now();
    await client.apps.replicasets('scale').create(makeReplicaSet('big', replicas));
    await waitFor('status.replicas', async () => (await getReplicaSet(client, 'scale', 'big')).status?.replicas === replicas, 280_000);
    const elapsed = Date.now() - started;
    const pods = await listPods(client, 'scale');
    assert.equal(pods.length, replicas);
    console.log(`# ${replicas} pods created and counted in ${elapsed} ms (${Math.round((replicas * 1000) / elapsed)} pods/s)`);
  } finally {
    await cluster.stop();
  }
});
