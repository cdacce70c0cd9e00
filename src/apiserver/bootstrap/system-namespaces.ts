// The namespaces every cluster has — default, kube-system, kube-public, kube-node-lease —
// created at start and recreated if they go missing, as Kubernetes' apiserver does.

import { StatusError } from '../../api/errors.js';
import type { ApiResources } from '../api-resources.js';

export const SYSTEM_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

export async function ensureSystemNamespaces(api: ApiResources): Promise<void> {
  const store = api.store('', 'namespaces');
  for (const name of SYSTEM_NAMESPACES) {
    if (store.cache.get(store.key('', name))) continue;
    try {
      await store.create('', { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
    } catch (err) {
      if (!(err instanceof StatusError && err.reason === 'AlreadyExists')) throw err;
    }
  }
}
