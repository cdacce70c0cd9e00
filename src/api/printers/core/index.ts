// The table printers of the core/v1 kinds, one module per kind or per few small kinds.

export { CONFIG_MAP_TABLE, SECRET_TABLE, SERVICE_ACCOUNT_TABLE } from './config.js';
export { ENDPOINTS_TABLE } from './endpoints.js';
export { EVENT_TABLE } from './event.js';
export { NAMESPACE_TABLE } from './namespace.js';
export { NODE_TABLE } from './node.js';
export { POD_TABLE } from './pod.js';
export { RESOURCE_QUOTA_TABLE } from './quota.js';
export { SERVICE_TABLE } from './service.js';
export { PERSISTENT_VOLUME_CLAIM_TABLE, PERSISTENT_VOLUME_TABLE } from './volume.js';
export { POD_TEMPLATE_TABLE, REPLICATION_CONTROLLER_TABLE } from './workload.js';
