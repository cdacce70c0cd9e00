// The PodSpec family's defaults, as Kubernetes 1.32 fills them wherever a PodSpec appears: in
// Pods and in the pod templates of PodTemplates, ReplicationControllers, Deployments,
// ReplicaSets, StatefulSets, DaemonSets, Jobs and CronJobs. Every PodSpec gets the spec-level
// defaults (dnsPolicy, restartPolicy, securityContext, terminationGracePeriodSeconds,
// schedulerName) and the container, probe, port, env and volume defaults; only a Pod itself
// gets requests copied from limits, enableServiceLinks and host ports for host-network pods,
// which Kubernetes keeps out of templates so that controllers do not see their templates change
// after an upgrade. Also here: what the v1 <-> internal round trip does to a PodSpec (the
// deprecated serviceAccount alias, pod IPs, init-container annotations) and the empty structs Go
// always writes (a container's resources, a template's metadata).

import { defaultPullPolicy } from './image.js';
import {
  defaultInt,
  defaultPointer,
  defaultString,
  embeddedMeta,
  isNil,
  isObj,
  items,
  nonEmptyObj,
  pointer,
  struct,
  type Obj,
} from './values.js';
import { defaultObjectFieldSelector, defaultVolume } from './volumes.js';

const CONTAINER_LISTS = ['initContainers', 'containers', 'ephemeralContainers'] as const;
const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;
const STATUS_LISTS = ['initContainerStatuses', 'containerStatuses', 'ephemeralContainerStatuses'] as const;

/** Annotations from before init containers were fields; conversion drops them. */
const INIT_CONTAINER_ANNOTATIONS = [
  'pod.beta.kubernetes.io/init-containers',
  'pod.alpha.kubernetes.io/init-containers',
  'pod.beta.kubernetes.io/init-container-statuses',
  'pod.alpha.kubernetes.io/init-container-statuses',
];

/** A whole Pod (v1). */
export function defaultPod(pod: Obj): void {
  dropInitContainerAnnotations(pod);
  const spec = struct(pod, 'spec');
  if (spec) {
    defaultPodOnly(spec);
    defaultPodSpec(spec);
  }
  const status = pointer(pod, 'status');
  if (status) defaultPodStatus(status);
}

/** A PodTemplateSpec inside another object. */
export function defaultPodTemplateSpec(template: Obj): void {
  const meta = embeddedMeta(template);
  if (meta) dropInitContainerAnnotations(template);
  const spec = struct(template, 'spec');
  if (spec) defaultPodSpec(spec);
}

/** SetDefaults_PodSpec and everything nested in a PodSpec. */
export function defaultPodSpec(spec: Obj): void {
  defaultString(spec, 'dnsPolicy', 'ClusterFirst');
  defaultString(spec, 'restartPolicy', 'Always');
  defaultPointer(spec, 'securityContext', {});
  defaultPointer(spec, 'terminationGracePeriodSeconds', 30);
  defaultString(spec, 'schedulerName', 'default-scheduler');
  serviceAccountAlias(spec);
  for (const volume of items(spec, 'volumes')) defaultVolume(volume);
  for (const list of CONTAINER_LISTS) for (const c of items(spec, list)) defaultContainer(c);
}

/** SetDefaults_Container (and SetDefaults_EphemeralContainer) with its nested defaults. */
export function defaultContainer(c: Obj): void {
  if (isNil(c.imagePullPolicy) || c.imagePullPolicy === '') c.imagePullPolicy = defaultPullPolicy(c.image);
  defaultString(c, 'terminationMessagePath', '/dev/termination-log');
  defaultString(c, 'terminationMessagePolicy', 'File');
  for (const port of items(c, 'ports')) defaultString(port, 'protocol', 'TCP');
  for (const env of items(c, 'env')) {
    const valueFrom = pointer(env, 'valueFrom');
    const fieldRef = valueFrom && pointer(valueFrom, 'fieldRef');
    if (fieldRef) defaultObjectFieldSelector(fieldRef);
  }
  // ResourceRequirements is a plain struct: Go always writes it, as {} when empty.
  struct(c, 'resources');
  for (const name of PROBES) {
    const probe = pointer(c, name);
    if (probe) defaultProbe(probe);
  }
  const lifecycle = pointer(c, 'lifecycle');
  if (lifecycle) {
    for (const hook of ['postStart', 'preStop']) {
      const handler = pointer(lifecycle, hook);
      const httpGet = handler && pointer(handler, 'httpGet');
      if (httpGet) defaultHTTPGet(httpGet);
    }
  }
}

function defaultProbe(probe: Obj): void {
  defaultInt(probe, 'timeoutSeconds', 1);
  defaultInt(probe, 'periodSeconds', 10);
  defaultInt(probe, 'successThreshold', 1);
  defaultInt(probe, 'failureThreshold', 3);
  const httpGet = pointer(probe, 'httpGet');
  if (httpGet) defaultHTTPGet(httpGet);
  const grpc = pointer(probe, 'grpc');
  if (grpc) defaultPointer(grpc, 'service', '');
}

function defaultHTTPGet(action: Obj): void {
  defaultString(action, 'path', '/');
  defaultString(action, 'scheme', 'HTTP');
}

/** SetDefaults_Pod: the defaults a Pod gets that its templates do not. */
function defaultPodOnly(spec: Obj): void {
  for (const list of ['containers', 'initContainers']) {
    for (const c of items(spec, list)) requestsFromLimits(c);
  }
  defaultPointer(spec, 'enableServiceLinks', true);
  if (spec.hostNetwork === true) {
    for (const list of ['containers', 'initContainers']) {
      for (const c of items(spec, list)) {
        for (const port of items(c, 'ports')) {
          const hostPort = port.hostPort;
          if ((isNil(hostPort) || hostPort === 0) && typeof port.containerPort === 'number' && port.containerPort !== 0) {
            port.hostPort = port.containerPort;
          }
        }
      }
    }
  }
}

/** A container that states limits but not requests for a resource requests its limit. */
function requestsFromLimits(c: Obj): void {
  const resources = pointer(c, 'resources');
  const limits = resources?.limits;
  if (!resources || !nonEmptyObj(limits)) return;
  if (isNil(resources.requests)) resources.requests = {};
  const requests = resources.requests;
  if (!isObj(requests)) return;
  for (const [name, value] of Object.entries(limits)) {
    if (!Object.hasOwn(requests, name)) requests[name] = structuredClone(value);
  }
}

/**
 * v1's serviceAccount is a deprecated alias of serviceAccountName: on the way in it fills an
 * empty serviceAccountName, on the way out it always mirrors serviceAccountName.
 */
function serviceAccountAlias(spec: Obj): void {
  const name = spec.serviceAccountName;
  const alias = spec.serviceAccount;
  if (!isNil(name) && typeof name !== 'string') return;
  if (!isNil(alias) && typeof alias !== 'string') return;
  const effective = name ? name : (alias ?? '');
  if (effective === '') {
    delete spec.serviceAccountName;
    delete spec.serviceAccount;
    return;
  }
  spec.serviceAccountName = effective;
  spec.serviceAccount = effective;
}

function defaultPodStatus(status: Obj): void {
  // The internal status keeps lists only; v1's singular podIP and hostIP are their first entries.
  pluralIP(status, 'podIP', 'podIPs');
  pluralIP(status, 'hostIP', 'hostIPs');
  for (const list of STATUS_LISTS) {
    for (const cs of items(status, list)) {
      // Fields Go writes even when zero.
      struct(cs, 'state');
      struct(cs, 'lastState');
      if (isNil(cs.ready)) cs.ready = false;
      if (isNil(cs.restartCount)) cs.restartCount = 0;
      if (isNil(cs.image)) cs.image = '';
      if (isNil(cs.imageID)) cs.imageID = '';
    }
  }
}

/** The singular field wins when both are set and disagree, as Kubernetes' conversion decides. */
function pluralIP(status: Obj, singular: string, plural: string): void {
  const one = status[singular];
  const many = status[plural];
  if (!isNil(one) && typeof one !== 'string') return;
  if (!isNil(many) && !Array.isArray(many)) return;
  const list = (many ?? []) as unknown[];
  const first = isObj(list[0]) ? list[0].ip : undefined;
  if (one && (list.length === 0 || first !== one)) status[plural] = [{ ip: one }];
  const now = status[plural];
  if (Array.isArray(now) && now.length > 0 && isObj(now[0]) && typeof now[0].ip === 'string' && now[0].ip !== '') {
    status[singular] = now[0].ip;
  }
}

function dropInitContainerAnnotations(o: Obj): void {
  const meta = pointer(o, 'metadata');
  const annotations = meta && pointer(meta, 'annotations');
  if (annotations) for (const key of INIT_CONTAINER_ANNOTATIONS) delete annotations[key];
}
