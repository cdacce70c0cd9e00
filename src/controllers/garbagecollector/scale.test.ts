// The collector at scale, against the real in-process API server: pods owned by ReplicaSets,
// every ReplicaSet deleted in the background, every pod collected. 2,000 pods by default
// (seconds); KITE_GC_SCALE_PODS=10000 runs the full-size check.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { ResourceClient } from '../../client/contract.js';
import { forEachBounded } from './bounded-parallel.js';
import { garbageCollectorFactory } from './garbage-collector.js';
import { ensureDefaultServiceAccount, namespaceObject, ownerRef, pod, replicaSet, startTestServer, waitFor, type TestServer } from './testing.js';

const PODS = Number(process.env.KITE_GC_SCALE_PODS ?? 2_000);
const PODS_PER_RS = 100;
const NS = 'scale';

let t: TestServer;
before(async () => {
  t = await startTestServer([garbageCollectorFactory]);
});
after(async () => {
  await t?.stop();
});

test(`background deletion of ${PODS / PODS_PER_RS} ReplicaSets collects their ${PODS} pods`, { timeout: 600_000 }, async () => {
  await t.client.resource(builtinRef('', 'namespaces')).create(namespaceObject(NS));
  await ensureDefaultServiceAccount(t.client, NS);
  const replicaSets: ResourceClient<KubeObject> = t.client.resource(builtinRef('apps', 'replicasets'), NS);
  const pods: ResourceClient<KubeObject> = t.client.resource(builtinRef('', 'pods'), NS);
  const owners: KubeObject[] = [];
  for (let r = 0; r < PODS / PODS_PER_RS; r++) owners.push(await replicaSets.create(replicaSet(NS, `rs-${r}`, PODS_PER_RS)));
  const indexes = Array.from({ length: PODS }, (_, i) => i);
  const createErrors = await forEachBounded(indexes, 50, async (i) => {
    const owner = owners[i % owners.length]!;
    await pods.create(pod(NS, `${owner.metadata.name}-${i}`, [ownerRef(owner, { controller: true, blockOwnerDeletion: true })]));
  });
  assert.deepEqual(createErrors, []);

  const started = Date.now();
  await forEachBounded(owners, 20, async (o) => void (await replicaSets.delete(o.metadata.name!, { propagationPolicy: 'Background' })));
  await waitFor(async () => (await pods.list({ limit: 1 })).items.length === 0, { timeoutMs: 300_000, intervalMs: 250, message: 'every pod collected' });
  const seconds = (Date.now() - started) / 1000;
  console.log(`# collected ${PODS} pods in ${seconds.toFixed(1)} s (${Math.round(PODS / seconds)} pods/s)`);
});
