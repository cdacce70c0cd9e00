// Every built-in resource kite serves, in one list.

import type { ResourceDef } from '../resource.js';
import { ADMISSIONREGISTRATION_RESOURCES } from './admissionregistration.js';
import { APIEXTENSIONS_RESOURCES } from './apiextensions.js';
import { APPS_RESOURCES } from './apps.js';
import { AUTOSCALING_RESOURCES } from './autoscaling.js';
import { BATCH_RESOURCES } from './batch.js';
import { COORDINATION_RESOURCES } from './coordination.js';
import { CORE_RESOURCES } from './core.js';
import { DISCOVERY_RESOURCES } from './discovery.js';
import { EVENTS_RESOURCES } from './events.js';
import { NETWORKING_RESOURCES } from './networking.js';
import { POLICY_RESOURCES } from './policy.js';
import { RBAC_RESOURCES } from './rbac.js';
import { SCHEDULING_RESOURCES } from './scheduling.js';
import { STORAGE_RESOURCES } from './storage.js';

export const BUILTIN_RESOURCES: readonly ResourceDef[] = [
  ...CORE_RESOURCES,
  ...APPS_RESOURCES,
  ...EVENTS_RESOURCES,
  ...AUTOSCALING_RESOURCES,
  ...BATCH_RESOURCES,
  ...NETWORKING_RESOURCES,
  ...POLICY_RESOURCES,
  ...RBAC_RESOURCES,
  ...STORAGE_RESOURCES,
  ...ADMISSIONREGISTRATION_RESOURCES,
  ...APIEXTENSIONS_RESOURCES,
  ...SCHEDULING_RESOURCES,
  ...COORDINATION_RESOURCES,
  ...DISCOVERY_RESOURCES,
];
