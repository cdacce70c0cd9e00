// Every active namespace has a `default` ServiceAccount, which pods run as unless they name
// another (the ServiceAccount admission plugin refuses pods whose account is missing).
//
// In Kubernetes the controller manager's serviceaccounts controller keeps this true. Until
// kite's controller manager exists, the server does it here, reacting to namespace events
// and reconciling periodically with everything else it keeps.

import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import type { ApiResources } from '../api-resources.js';

const NAME = 'default';

function active(ns: KubeObject): boolean {
  return !ns.metadata.deletionTimestamp && (ns.status as { phase?: string } | undefined)?.phase !== 'Terminating';
}

export async function ensureDefaultServiceAccount(api: ApiResources, namespace: string): Promise<void> {
  const accounts = api.store('', 'serviceaccounts');
  if (accounts.cache.get(accounts.key(namespace, NAME))) return;
  try {
    await accounts.create(namespace, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: NAME, namespace } });
  } catch (err) {
    // Raced with another writer, or the namespace went away meanwhile.
    if (err instanceof StatusError && (err.reason === 'AlreadyExists' || err.code === 404 || err.code === 403)) return;
    throw err;
  }
}

export async function ensureDefaultServiceAccounts(api: ApiResources): Promise<void> {
  const namespaces = api.store('', 'namespaces');
  for (const ns of namespaces.cache.snapshot().objects) {
    if (active(ns.obj)) await ensureDefaultServiceAccount(api, ns.obj.metadata.name!);
  }
}

/** Creates the account as soon as a namespace appears. */
export function watchNamespacesForServiceAccounts(api: ApiResources, onError: (err: unknown) => void): () => void {
  const namespaces = api.store('', 'namespaces');
  const watcher = namespaces.cache.watch(namespaces.cache.revision, {
    keyPrefix: namespaces.prefix,
    onEvents: (events) => {
      for (const e of events) {
        if (e.type !== 'DELETED' && active(e.object.obj)) ensureDefaultServiceAccount(api, e.object.obj.metadata.name!).catch(onError);
      }
    },
    onClose: () => {},
  });
  return () => watcher.close();
}
