// Defaults of the core (v1) kinds other than Pod (see pod.ts), as Kubernetes 1.32 fills them:
// Service (type, session affinity, port protocols and target ports, traffic policies, load
// balancer node ports and ingress IP mode), Endpoints port protocols, PersistentVolume (reclaim
// policy, volume mode, Pending phase, source defaults), PersistentVolumeClaim (volume mode,
// Pending phase), Namespace (the metadata.name label, Active phase), Node (allocatable from
// capacity, podCIDR <-> podCIDRs), Secret type, LimitRange container defaults,
// ReplicationController (replicas, selector and labels from the template), PodTemplate, and the
// fields Go always writes for a Service's and an Event's zero values. ConfigMap,
// ServiceAccount and ResourceQuota have nothing beyond their quantities.

import { REPLICA_SET_COUNTERS, zeroCounters } from './apps.js';
import { defaultPod, defaultPodTemplateSpec } from './pod.js';
import {
  defaultPointer,
  defaultString,
  emptyCollection,
  goLen,
  isNil,
  isObj,
  items,
  nonEmptyObj,
  pointer,
  str,
  struct,
  type Obj,
} from './values.js';
import { defaultClaim, defaultPersistentVolumeSources } from './volumes.js';

/** Three hours: a ClientIP session affinity's default timeout. */
const DEFAULT_CLIENT_IP_TIMEOUT_SECONDS = 10800;
const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

export const CORE_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  Pod: defaultPod,
  Service: defaultService,
  Endpoints: defaultEndpoints,
  PersistentVolume: defaultPersistentVolume,
  PersistentVolumeClaim: defaultClaim,
  Namespace: defaultNamespace,
  Node: defaultNode,
  Secret: (secret) => defaultString(secret, 'type', 'Opaque'),
  LimitRange: defaultLimitRange,
  ReplicationController: defaultReplicationController,
  PodTemplate: (pt) => {
    const template = struct(pt, 'template');
    if (template) defaultPodTemplateSpec(template);
  },
  Event: defaultEvent,
};

function defaultService(svc: Obj): void {
  const spec = struct(svc, 'spec');
  if (!spec) return;
  defaultString(spec, 'sessionAffinity', 'None');
  const config = spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'None' && (isNil(config) || isObj(config))) delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP' && (isNil(config) || isObj(config))) {
    const clientIP = config?.clientIP;
    if (isNil(clientIP) || (isObj(clientIP) && isNil(clientIP.timeoutSeconds))) {
      spec.sessionAffinityConfig = { clientIP: { timeoutSeconds: DEFAULT_CLIENT_IP_TIMEOUT_SECONDS } };
    }
  }
  defaultString(spec, 'type', 'ClusterIP');
  for (const port of items(spec, 'ports')) {
    defaultString(port, 'protocol', 'TCP');
    const target = port.targetPort;
    if (isNil(target) || target === 0 || target === '') {
      if (isNil(port.port)) port.targetPort = 0;
      else if (typeof port.port === 'number') port.targetPort = port.port;
    }
  }
  const type = spec.type;
  const externallyAccessible =
    type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && goLen(spec.externalIPs) > 0);
  if (externallyAccessible) defaultString(spec, 'externalTrafficPolicy', 'Cluster');
  if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') {
    defaultPointer(spec, 'internalTrafficPolicy', 'Cluster');
  }
  if (type === 'LoadBalancer') defaultPointer(spec, 'allocateLoadBalancerNodePorts', true);

  // ServiceStatus and its LoadBalancerStatus are plain structs: Go always writes them.
  const status = struct(svc, 'status');
  const loadBalancer = status && struct(status, 'loadBalancer');
  if (loadBalancer && type === 'LoadBalancer') {
    for (const ingress of items(loadBalancer, 'ingress')) {
      if (str(ingress, 'ip') !== '') defaultPointer(ingress, 'ipMode', 'VIP');
    }
  }
}

function defaultEndpoints(ep: Obj): void {
  for (const subset of items(ep, 'subsets')) {
    for (const port of items(subset, 'ports')) defaultString(port, 'protocol', 'TCP');
  }
}

function defaultPersistentVolume(pv: Obj): void {
  const status = struct(pv, 'status');
  if (status) defaultString(status, 'phase', 'Pending');
  const spec = struct(pv, 'spec');
  if (!spec) return;
  defaultString(spec, 'persistentVolumeReclaimPolicy', 'Retain');
  defaultPointer(spec, 'volumeMode', 'Filesystem');
  defaultPersistentVolumeSources(spec);
}

function defaultNamespace(ns: Obj): void {
  const meta = pointer(ns, 'metadata');
  const name = meta && str(meta, 'name');
  if (meta && name) {
    if (isNil(meta.labels)) meta.labels = {};
    if (isObj(meta.labels)) meta.labels[NAMESPACE_NAME_LABEL] = name;
  }
  const status = struct(ns, 'status');
  if (status) defaultString(status, 'phase', 'Active');
}

function defaultNode(node: Obj): void {
  const spec = pointer(node, 'spec');
  if (spec) {
    // The internal spec keeps the list only; v1's podCIDR is its first entry.
    const one = spec.podCIDR;
    const many = spec.podCIDRs;
    if (typeof one === 'string' && one !== '' && (isNil(many) || Array.isArray(many))) {
      if (!many || many.length === 0 || many[0] !== one) spec.podCIDRs = [one];
    }
    if (Array.isArray(spec.podCIDRs) && typeof spec.podCIDRs[0] === 'string' && spec.podCIDRs[0] !== '') {
      spec.podCIDR = spec.podCIDRs[0];
    }
  }
  const status = pointer(node, 'status');
  if (status && isNil(status.allocatable) && nonEmptyObj(status.capacity)) {
    status.allocatable = structuredClone(status.capacity);
  }
}

/** For container limits: default limit from max, default request from the default limit or min. */
function defaultLimitRange(lr: Obj): void {
  const spec = pointer(lr, 'spec');
  if (!spec) return;
  for (const item of items(spec, 'limits')) {
    if (item.type !== 'Container') continue;
    const max = isObj(item.max) ? item.max : {};
    const min = isObj(item.min) ? item.min : {};
    if (!isNil(item.default) && !isObj(item.default)) continue;
    if (!isNil(item.defaultRequest) && !isObj(item.defaultRequest)) continue;
    const limit = (item.default ?? {}) as Obj;
    const request = (item.defaultRequest ?? {}) as Obj;
    for (const [k, v] of Object.entries(max)) if (!Object.hasOwn(limit, k)) limit[k] = structuredClone(v);
    for (const [k, v] of Object.entries(limit)) if (!Object.hasOwn(request, k)) request[k] = structuredClone(v);
    for (const [k, v] of Object.entries(min)) if (!Object.hasOwn(request, k)) request[k] = structuredClone(v);
    // Go writes an empty map as nothing.
    if (Object.keys(limit).length > 0) item.default = limit;
    if (Object.keys(request).length > 0) item.defaultRequest = request;
  }
}

function defaultReplicationController(rc: Obj): void {
  zeroCounters(rc, REPLICA_SET_COUNTERS);
  const spec = struct(rc, 'spec');
  if (!spec) return;
  const template = pointer(spec, 'template');
  const templateMeta = template && pointer(template, 'metadata');
  const labels = templateMeta?.labels;
  if (nonEmptyObj(labels)) {
    if (emptyCollection(spec.selector)) spec.selector = { ...labels };
    const meta = pointer(rc, 'metadata');
    if (meta && emptyCollection(meta.labels)) meta.labels = { ...labels };
  }
  defaultPointer(spec, 'replicas', 1);
  if (template) defaultPodTemplateSpec(template);
}

/** Only the fields Go writes for a zero value: core/v1 Event has no defaulting function. */
function defaultEvent(ev: Obj): void {
  struct(ev, 'involvedObject');
  struct(ev, 'source');
  for (const time of ['firstTimestamp', 'lastTimestamp', 'eventTime']) if (ev[time] === undefined) ev[time] = null;
  if (isNil(ev.reportingComponent)) ev.reportingComponent = '';
  if (isNil(ev.reportingInstance)) ev.reportingInstance = '';
}
