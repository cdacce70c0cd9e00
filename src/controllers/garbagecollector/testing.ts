// Test support for the controllers' integration tests: a real in-process KiteServer with
// memory storage running only the controllers under test, a client of it, object builders,
// and waitFor — polling a condition until a deadline, so tests never sleep a fixed time.

import type { KubeObject, OwnerReference } from '../../api/meta.js';
import { StatusError } from '../../api/errors.js';
import { Client } from '../../client/client.js';
import { startTestCluster, type TestCluster } from '../testing.js';
import type { ControllerFactory } from '../controller.js';

export type TestServer = TestCluster;

export function startTestServer(controllers: readonly ControllerFactory[]): Promise<TestServer> {
  return startTestCluster(controllers, { userAgent: 'controller-test' });
}

export interface WaitOptions {
  readonly timeoutMs?: number;
  readonly intervalMs?: number;
  readonly message?: string;
}

/** Polls until check() answers a value other than undefined/false; throws at the deadline
 *  with the last value seen. */
export async function waitFor<T>(check: () => Promise<T | undefined | false> | T | undefined | false, opts: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + (opts.timeoutMs ?? 10_000);
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
      last = value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting${opts.message ? ` for ${opts.message}` : ''}; last: ${describe(last)}`);
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 20));
  }
}

function describe(v: unknown): string {
  if (v instanceof Error) return v.message;
  try {
    return JSON.stringify(v)?.slice(0, 500) ?? String(v);
  } catch {
    return String(v);
  }
}

/** The object, or undefined once the API server has no object of that name. */
export async function getOrUndefined<T extends KubeObject>(get: () => Promise<T>): Promise<T | undefined> {
  try {
    return await get();
  } catch (err) {
    if (err instanceof StatusError && err.code === 404) return undefined;
    throw err;
  }
}

/** A reference to owner, as controllers set them. */
export function ownerRef(owner: KubeObject, opts: { controller?: boolean; blockOwnerDeletion?: boolean } = {}): OwnerReference {
  return {
    apiVersion: owner.apiVersion ?? 'v1',
    kind: owner.kind ?? '',
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    ...(opts.controller !== undefined ? { controller: opts.controller } : {}),
    ...(opts.blockOwnerDeletion !== undefined ? { blockOwnerDeletion: opts.blockOwnerDeletion } : {}),
  };
}

export function configMap(namespace: string, name: string, extra: { owners?: OwnerReference[]; finalizers?: string[] } = {}): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name,
      namespace,
      ...(extra.owners ? { ownerReferences: extra.owners } : {}),
      ...(extra.finalizers ? { finalizers: extra.finalizers } : {}),
    },
    data: { k: 'v' },
  };
}

/** Creates the namespace's `default` ServiceAccount unless it exists (pods need it). */
export async function ensureDefaultServiceAccount(client: Client, namespace: string): Promise<void> {
  try {
    await client.core.serviceaccounts(namespace).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace } });
  } catch (err) {
    if (!(err instanceof StatusError && err.code === 409)) throw err;
  }
}

export function namespaceObject(name: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
}

export function replicaSet(namespace: string, name: string, replicas: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    },
  };
}

export function pod(namespace: string, name: string, owners: OwnerReference[] = []): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { app: name.replace(/-\d+$/, '') }, ownerReferences: owners },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  };
}
