// The kinds the deployment controller owns and is owned by, as controller references name them.

import type { GroupVersionKind } from '../common/controller-ref.js';

export const DEPLOYMENT_GVK: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'Deployment' };
export const REPLICA_SET_GVK: GroupVersionKind = { group: 'apps', version: 'v1', kind: 'ReplicaSet' };

/** The event recorder's component name. */
export const COMPONENT = 'deployment-controller';
