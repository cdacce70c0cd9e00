// Helpers for the ReplicaSet controller's integration tests: a real in-process KiteServer
// running only the controllers under test, a ReplicaSet builder, polling with a deadline, and
// the kubelet's part (pods have no kubelet yet: tests write pod status themselves).

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ReplicaSet } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import { Client } from '../../client/client.js';
import type { CoreEvent } from '../../client/events/types.js';
import { KiteServer } from '../../server/kite-server.js';
import type { ControllerFactory } from '../controller.js';
import { isAlreadyExists, isConflict } from '../common/api-errors.js';
import { getControllerOf } from '../common/controller-ref.js';
import { isPodActive } from '../common/pod-status.js';
import { formatTime } from '../common/time.js';

export interface TestCluster {
  server: KiteServer;
  client: Client;
  readonly dataDir: string;
  /** Stops the server and starts a new one on the same data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startCluster(controllers: readonly ControllerFactory[], storage: 'memory' | 'sqlite' = 'memory'): Promise<TestCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-rs-'));
  const start = async (): Promise<KiteServer> => {
    const server = new KiteServer({ dataDir, storage, bindAddress: '127.0.0.1', port: 0, reconcileIntervalMs: 3_600_000, controllers });
    await server.start();
    return server;
  };
  const server = await start();
  const cluster: TestCluster = {
    server,
    client: Client.inProcess(server.apiServer, { userAgent: 'test' }),
    dataDir,
    async restart() {
      cluster.client.close();
      await cluster.server.stop();
      cluster.server = await start();
      cluster.client = Client.inProcess(cluster.server.apiServer, { userAgent: 'test' });
    },
    async stop() {
      cluster.client.close();
      await cluster.server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Polls fn until it answers something other than undefined/false, or fails after timeoutMs. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 25));
  }
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
