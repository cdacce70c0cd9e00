// The ReplicaSet controller as kite's controller manager runs it (replicaset-controller.ts).

import type { ControllerFactory } from '../controller.js';
import { ReplicaSetController } from './replicaset-controller.js';

export { BURST_REPLICAS, REPLICASET_CONTROLLER, REPLICASET_GVK, ReplicaSetController, type ReplicaSetControllerOptions } from './replicaset-controller.js';
export { calculateStatus, updateReplicaSetStatus, REPLICA_FAILURE } from './status.js';

export const replicaSetController: ControllerFactory = (ctx) => new ReplicaSetController(ctx);
