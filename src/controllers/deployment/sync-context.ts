// What one sync of a Deployment works with besides the Deployment and its ReplicaSets: the
// side effects, the clock, the informer cache (to resolve a create that found the name
// taken), and the queue (to come back to a stuck rollout at its deadline).
//
// The Deployment a sync works on is its own deep copy of the cached object; writes update
// that copy's resourceVersion, so a second write in the same sync does not conflict with the
// first (Kubernetes' controller leaves the stale version and retries on the conflict).

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { DeploymentControl } from './control.js';

export interface SyncContext {
  readonly control: DeploymentControl;
  /** Milliseconds since the epoch. */
  now(): number;
  /** A ReplicaSet from the informer cache. */
  cachedReplicaSet(namespace: string, name: string): ReplicaSet | undefined;
  /** Syncs the Deployment again after ms. */
  requeueAfter(d: Deployment, ms: number): void;
  /** Syncs the Deployment again soon, with per-key backoff. */
  requeueRateLimited(d: Deployment): void;
}

/** Writes d's status (and annotations) and adopts the new resourceVersion into d. */
export async function writeStatus(ctx: SyncContext, d: Deployment): Promise<void> {
  const stored = await ctx.control.updateDeploymentStatus(d);
  if (stored.metadata.resourceVersion) d.metadata.resourceVersion = stored.metadata.resourceVersion;
}
