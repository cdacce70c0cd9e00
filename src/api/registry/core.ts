// The core/v1 resources (the "" group), declared as Kubernetes 1.32 serves them: names, short
// names, categories, verbs, subresources, table printers, per-kind field selectors and which
// fields bump metadata.generation.

import { isPlainObject, type KubeObject } from '../meta.js';
import {
  CONFIG_MAP_TABLE,
  ENDPOINTS_TABLE,
  EVENT_TABLE,
  NAMESPACE_TABLE,
  NODE_TABLE,
  PERSISTENT_VOLUME_CLAIM_TABLE,
  PERSISTENT_VOLUME_TABLE,
  POD_TABLE,
  POD_TEMPLATE_TABLE,
  REPLICATION_CONTROLLER_TABLE,
  RESOURCE_QUOTA_TABLE,
  SECRET_TABLE,
  SERVICE_ACCOUNT_TABLE,
  SERVICE_TABLE,
} from '../printers/core/index.js';
import { int, path, text } from '../printers/core/read.js';
import type { ResourceDef, SubresourceDef } from '../resource.js';
import { CREATED_AT_TABLE, SCALE_SUBRESOURCE, STATUS_SUBRESOURCE, resource } from './common.js';

/** kubectl get all lists the kinds in this category. */
const ALL = ['all'];

const BINDING_SUBRESOURCE: SubresourceDef = { name: 'binding', kind: 'Binding', verbs: ['create'] };
const FINALIZE_SUBRESOURCE: SubresourceDef = { name: 'finalize', kind: 'Namespace', verbs: ['update'] };

/** The string at a path below obj, '' when absent (what Go's field sets hold for zero values). */
function str(...keys: string[]): (obj: KubeObject) => string {
  return (obj) => text(path(obj, ...keys));
}

/** A boolean at a path as Go formats it: "true", or "false" when absent. */
function bool(...keys: string[]): (obj: KubeObject) => string {
  return (obj) => String(path(obj, ...keys) === true);
}

/** The first element of a string list, or a single-valued field when the list is empty: the
 *  v1 conversion fills the list from that field, and Kubernetes selects on the list. */
function firstOf(list: unknown, single: unknown): string {
  if (Array.isArray(list) && list.length > 0) {
    const first: unknown = list[0];
    return typeof first === 'string' ? first : text(isPlainObject(first) ? first['ip'] : undefined);
  }
  return text(single);
}

function podIP(obj: KubeObject): string {
  return firstOf(path(obj, 'status', 'podIPs'), path(obj, 'status', 'podIP'));
}

export const CORE_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Namespace',
    plural: 'namespaces',
    singular: 'namespace',
    namespaced: false,
    shortNames: ['ns'],
    // Namespaces are deleted one at a time, through their finalizers.
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [FINALIZE_SUBRESOURCE, STATUS_SUBRESOURCE],
    table: NAMESPACE_TABLE,
    fieldSelectors: { 'status.phase': str('status', 'phase') },
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ALL,
    subresources: [BINDING_SUBRESOURCE, STATUS_SUBRESOURCE],
    table: POD_TABLE,
    fieldSelectors: {
      'spec.nodeName': str('spec', 'nodeName'),
      // Old v1 clients still send spec.host; Kubernetes reads it as spec.nodeName.
      'spec.host': str('spec', 'nodeName'),
      'spec.restartPolicy': str('spec', 'restartPolicy'),
      'spec.schedulerName': str('spec', 'schedulerName'),
      'spec.serviceAccountName': str('spec', 'serviceAccountName'),
      'spec.hostNetwork': bool('spec', 'hostNetwork'),
      'status.phase': str('status', 'phase'),
      'status.podIP': podIP,
      // Kubernetes accepts this label but never fills it in, so it always compares against ''.
      'status.podIPs': () => '',
      'status.nominatedNodeName': str('status', 'nominatedNodeName'),
    },
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Service',
    plural: 'services',
    singular: 'service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ALL,
    subresources: [STATUS_SUBRESOURCE],
    table: SERVICE_TABLE,
    fieldSelectors: {
      'spec.clusterIP': (obj) => text(path(obj, 'spec', 'clusterIP')) || firstOf(path(obj, 'spec', 'clusterIPs'), ''),
      'spec.type': str('spec', 'type'),
    },
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Endpoints',
    plural: 'endpoints',
    singular: 'endpoints',
    namespaced: true,
    shortNames: ['ep'],
    table: ENDPOINTS_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'ConfigMap',
    plural: 'configmaps',
    singular: 'configmap',
    namespaced: true,
    shortNames: ['cm'],
    table: CONFIG_MAP_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Secret',
    plural: 'secrets',
    singular: 'secret',
    namespaced: true,
    table: SECRET_TABLE,
    fieldSelectors: { type: str('type') },
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'ServiceAccount',
    plural: 'serviceaccounts',
    singular: 'serviceaccount',
    namespaced: true,
    shortNames: ['sa'],
    table: SERVICE_ACCOUNT_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Node',
    plural: 'nodes',
    singular: 'node',
    namespaced: false,
    shortNames: ['no'],
    subresources: [STATUS_SUBRESOURCE],
    table: NODE_TABLE,
    fieldSelectors: { 'spec.unschedulable': bool('spec', 'unschedulable') },
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    namespaced: true,
    shortNames: ['ev'],
    table: EVENT_TABLE,
    fieldSelectors: {
      'involvedObject.kind': str('involvedObject', 'kind'),
      'involvedObject.namespace': str('involvedObject', 'namespace'),
      'involvedObject.name': str('involvedObject', 'name'),
      'involvedObject.uid': str('involvedObject', 'uid'),
      'involvedObject.apiVersion': str('involvedObject', 'apiVersion'),
      'involvedObject.resourceVersion': str('involvedObject', 'resourceVersion'),
      'involvedObject.fieldPath': str('involvedObject', 'fieldPath'),
      reason: str('reason'),
      reportingComponent: str('reportingComponent'),
      // Events written through events.k8s.io have no source; their reporter stands in.
      source: (obj) => text(path(obj, 'source', 'component')) || text(path(obj, 'reportingComponent')),
      type: str('type'),
    },
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'PersistentVolume',
    plural: 'persistentvolumes',
    singular: 'persistentvolume',
    namespaced: false,
    shortNames: ['pv'],
    subresources: [STATUS_SUBRESOURCE],
    table: PERSISTENT_VOLUME_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'PersistentVolumeClaim',
    plural: 'persistentvolumeclaims',
    singular: 'persistentvolumeclaim',
    namespaced: true,
    shortNames: ['pvc'],
    subresources: [STATUS_SUBRESOURCE],
    table: PERSISTENT_VOLUME_CLAIM_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'ResourceQuota',
    plural: 'resourcequotas',
    singular: 'resourcequota',
    namespaced: true,
    shortNames: ['quota'],
    subresources: [STATUS_SUBRESOURCE],
    table: RESOURCE_QUOTA_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'LimitRange',
    plural: 'limitranges',
    singular: 'limitrange',
    namespaced: true,
    shortNames: ['limits'],
    // Kubernetes has no printer for limit ranges and falls back to NAME and CREATED AT.
    table: CREATED_AT_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'PodTemplate',
    plural: 'podtemplates',
    singular: 'podtemplate',
    namespaced: true,
    table: POD_TEMPLATE_TABLE,
  }),
  resource({
    group: '',
    versions: ['v1'],
    kind: 'ReplicationController',
    plural: 'replicationcontrollers',
    singular: 'replicationcontroller',
    namespaced: true,
    shortNames: ['rc'],
    categories: ALL,
    subresources: [STATUS_SUBRESOURCE, SCALE_SUBRESOURCE],
    table: REPLICATION_CONTROLLER_TABLE,
    fieldSelectors: { 'status.replicas': (obj) => String(int(path(obj, 'status', 'replicas'))) },
    generationFields: ['spec'],
  }),
];
