// The PriorityClasses every cluster has (system-node-critical, system-cluster-critical),
// created at start and recreated if deleted, as Kubernetes' apiserver does.

import { SYSTEM_PRIORITY_CLASSES } from '../../api/defaults/index.js';
import { StatusError } from '../../api/errors.js';
import type { ApiResources } from '../api-resources.js';

export async function ensureSystemPriorityClasses(api: ApiResources): Promise<void> {
  const store = api.store('scheduling.k8s.io', 'priorityclasses');
  for (const pc of SYSTEM_PRIORITY_CLASSES) {
    if (store.cache.get(store.key('', pc.metadata.name!))) continue;
    try {
      await store.create('', structuredClone(pc));
    } catch (err) {
      if (!(err instanceof StatusError && err.reason === 'AlreadyExists')) throw err;
    }
  }
}
