// apps/v1: the workload controllers' resources, as Kubernetes 1.32 serves them.

import { isPlainObject, type KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { CONTROLLERREVISION_TABLE } from '../printers/apps/controllerrevision.js';
import { DAEMONSET_TABLE } from '../printers/apps/daemonset.js';
import { DEPLOYMENT_TABLE } from '../printers/apps/deployment.js';
import { REPLICASET_TABLE } from '../printers/apps/replicaset.js';
import { STATEFULSET_TABLE } from '../printers/apps/statefulset.js';
import { SCALE_SUBRESOURCE, STATUS_SUBRESOURCE, resource } from './common.js';

/** status.replicas as the replicaset field selector compares it: a decimal, 0 when unset. */
function statusReplicas(obj: KubeObject): string {
  const status = isPlainObject(obj.status) ? obj.status : {};
  return typeof status.replicas === 'number' ? String(Math.trunc(status.replicas)) : '0';
}

const group = 'apps';
const versions = ['v1'];

export const APPS_RESOURCES: readonly ResourceDef[] = [
  resource({
    group,
    versions,
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE, SCALE_SUBRESOURCE],
    table: DEPLOYMENT_TABLE,
    // Annotation changes bump it too: the deployment controller copies them to replica sets.
    generationFields: ['spec', 'metadata.annotations'],
  }),
  resource({
    group,
    versions,
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE, SCALE_SUBRESOURCE],
    table: REPLICASET_TABLE,
    fieldSelectors: { 'status.replicas': statusReplicas },
    generationFields: ['spec'],
  }),
  resource({
    group,
    versions,
    kind: 'StatefulSet',
    plural: 'statefulsets',
    singular: 'statefulset',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE, SCALE_SUBRESOURCE],
    table: STATEFULSET_TABLE,
    generationFields: ['spec'],
  }),
  resource({
    group,
    versions,
    kind: 'DaemonSet',
    plural: 'daemonsets',
    singular: 'daemonset',
    namespaced: true,
    shortNames: ['ds'],
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE],
    table: DAEMONSET_TABLE,
    generationFields: ['spec'],
  }),
  resource({
    group,
    versions,
    kind: 'ControllerRevision',
    plural: 'controllerrevisions',
    singular: 'controllerrevision',
    namespaced: true,
    table: CONTROLLERREVISION_TABLE,
  }),
];
