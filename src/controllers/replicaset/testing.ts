// Helpers for the ReplicaSet controller's integration tests: a real in-process KiteServer
// running only the controllers under test, a ReplicaSet builder, polling with a deadline, and
// the kubelet's part (pods have no kubelet yet: tests write pod status themselves).

import type { ReplicaSet } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import { Client } from '../../client/client.js';
import type { CoreEvent } from '../../client/events/types.js';
import { startTestCluster, type TestCluster } from '../testing.js';
import type { ControllerFactory } from '../controller.js';
import { isAlreadyExists, isConflict } from '../common/api-errors.js';
import { getControllerOf } from '../common/controller-ref.js';
import { isPodActive } from '../common/pod-status.js';
import { formatTime } from '../common/time.js';

export { waitFor, type TestCluster } from '../testing.js';

export function startCluster(controllers: readonly ControllerFactory[], storage: 'memory' | 'sqlite' = 'memory'): Promise<TestCluster> {
  return startTestCluster(controllers, { storage });
}

/** A namespace whose default service account exists (pods can be created in it). The tests
 *  run without the service account controller, so they make the account themselves. */
export async function createNamespace(client: Client, name: string): Promise<void> {
  await client.core.namespaces().create({ metadata: { name } });
  try {
    await client.core.serviceaccounts(name).create({ metadata: { name: 'default' } });
  } catch (err) {
    if (!isAlreadyExists(err)) throw err;
  }
}

export function makeReplicaSet(name: string, replicas: number, labels: Record<string, string> = { app: name }): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: labels },
      template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    },
  };
}

/** Every pod of the namespace (optionally only those a ReplicaSet controls), from the server. */
export async function listPods(client: Client, namespace: string, ownerUid?: string): Promise<Pod[]> {
  const pods = (await client.core.pods(namespace).list({})).items;
  return ownerUid === undefined ? pods : pods.filter((p) => getControllerOf(p)?.uid === ownerUid);
}

export async function activePods(client: Client, namespace: string, ownerUid?: string): Promise<Pod[]> {
  return (await listPods(client, namespace, ownerUid)).filter(isPodActive);
}

/** Does the kubelet's part: phase Running and Ready (since `readySinceMs`, default now), retrying conflicts. */
export async function makeReady(client: Client, namespace: string, name: string, readySinceMs = Date.now()): Promise<Pod> {
  for (;;) {
    const pod = await client.core.pods(namespace).get(name);
    const status = { ...pod.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: formatTime(readySinceMs) }] };
    try {
      return await client.core.pods(namespace).updateStatus({ ...pod, status });
    } catch (err) {
      if (!isConflict(err)) throw err;
    }
  }
}

export async function getReplicaSet(client: Client, namespace: string, name: string): Promise<ReplicaSet> {
  return client.apps.replicasets(namespace).get(name);
}

export async function eventsFor(client: Client, namespace: string, name: string): Promise<CoreEvent[]> {
  const events = (await client.core.events(namespace).list({})).items as CoreEvent[];
  return events.filter((e) => e.involvedObject?.name === name);
}
