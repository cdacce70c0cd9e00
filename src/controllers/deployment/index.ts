// The Deployment controller: factory for the controller manager, and the pieces other code and
// tests use.
//
//   controller.ts          DeploymentController: handlers, queue, sync(key) dispatch
//   owners.ts              owner lookups and ReplicaSet claiming
//   new-replica-set.ts     the new ReplicaSet and revision bookkeeping
//   rolling.ts, recreate.ts, rollback.ts, sync.ts, scale.ts, cleanup.ts
//                          the strategies and the scaling/paused/deleting paths
//   write-status.ts        status writes; status.ts, progress.ts compute them
//   fenceposts.ts          maxSurge/maxUnavailable arithmetic; proportion.ts scaling shares
//   annotations.ts, conditions.ts, replica-sets.ts, pod-template-hash.ts, template-equality.ts
//   control.ts             side effects (real and fake); sync-context.ts; superseded.ts (skipping
//                          syncs of a cache older than the controller's own last write)
//   kind.ts, errors.ts     kinds and typed errors
//   testing.ts             unit-test builders and a fake sync context; cluster-testing.ts the
//                          integration harness (in-process server, a stand-in kubelet)

import type { ControllerFactory } from '../controller.js';
import { DeploymentController } from './controller.js';

export const deploymentController: ControllerFactory = (ctx) => new DeploymentController(ctx);

export { CONTROLLER_NAME, DeploymentController } from './controller.js';
export { POD_TEMPLATE_HASH_LABEL, computeHash } from './pod-template-hash.js';
export * from './annotations.js';
export * from './conditions.js';
