// The "empty object" a create is compared against. Kubernetes compares a created object with a
// freshly allocated Go value of its type, converted to JSON-like form — and a Go value is not
// `{}`: struct fields that are not pointers are there as their own zero values (`spec: {...}`,
// `template: {metadata: {creationTimestamp: null}, spec: {containers: null}}`), slices and maps
// without omitempty are there as null. That decides which parents of the created fields count
// as "added" and get a "." in the creator's FieldsV1: `f:labels` gets one (a nil map in Go),
// `f:spec`, `f:template` and `f:containers` do not.
//
// The OpenAPI document does not say which Go fields are values rather than pointers, so the
// shapes are listed here for the built-in types whose zero values have such fields. Every other
// type's zero value is `{}`; a kind's metadata, spec and status are always value structs.

import type { SchemaNode } from '../openapi/schema.js';
import type { KubeObject } from '../meta.js';

/** A value struct: present as its own zero value. */
const S = Symbol('struct');
type Zero = typeof S | null | string | number;

const V1 = 'io.k8s.api.core.v1.';
const META = 'io.k8s.apimachinery.pkg.apis.meta.v1.';

const ZERO_FIELDS: Record<string, Record<string, Zero>> = {
  [META + 'ObjectMeta']: { creationTimestamp: null },
  [V1 + 'PodTemplateSpec']: { metadata: S, spec: S },
  [V1 + 'PodTemplate']: { template: S },
  [V1 + 'PodSpec']: { containers: null },
  [V1 + 'ServiceStatus']: { loadBalancer: S },
  [V1 + 'PersistentVolumeClaimSpec']: { resources: S },
  [V1 + 'Binding']: { target: S },
  [V1 + 'Event']: {
    involvedObject: S,
    source: S,
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: null,
    reportingComponent: '',
    reportingInstance: '',
  },
  [V1 + 'NodeStatus']: { daemonEndpoints: S, nodeInfo: S },
  [V1 + 'NodeDaemonEndpoints']: { kubeletEndpoint: S },
  [V1 + 'DaemonEndpoint']: { Port: 0 },
  [V1 + 'NodeSystemInfo']: {
    machineID: '',
    systemUUID: '',
    bootID: '',
    kernelVersion: '',
    osImage: '',
    containerRuntimeVersion: '',
    kubeletVersion: '',
    kubeProxyVersion: '',
    operatingSystem: '',
    architecture: '',
  },
  'io.k8s.api.apps.v1.DeploymentSpec': { selector: null, template: S, strategy: S },
  'io.k8s.api.apps.v1.ReplicaSetSpec': { selector: null, template: S },
  'io.k8s.api.apps.v1.ReplicaSetStatus': { replicas: 0 },
  'io.k8s.api.apps.v1.StatefulSetSpec': { selector: null, template: S, updateStrategy: S },
  'io.k8s.api.apps.v1.StatefulSetStatus': { replicas: 0 },
  'io.k8s.api.apps.v1.DaemonSetSpec': { selector: null, template: S, updateStrategy: S },
  'io.k8s.api.apps.v1.DaemonSetStatus': {
    currentNumberScheduled: 0,
    numberMisscheduled: 0,
    desiredNumberScheduled: 0,
    numberReady: 0,
  },
  'io.k8s.api.apps.v1.ControllerRevision': { data: null, revision: 0 },
  'io.k8s.api.batch.v1.JobSpec': { template: S },
  'io.k8s.api.batch.v1.CronJobSpec': { schedule: '', jobTemplate: S },
  'io.k8s.api.batch.v1.JobTemplateSpec': { metadata: S, spec: S },
  'io.k8s.api.networking.v1.IngressStatus': { loadBalancer: S },
  'io.k8s.api.networking.v1.NetworkPolicySpec': { podSelector: S },
  'io.k8s.api.rbac.v1.RoleBinding': { roleRef: S },
  'io.k8s.api.rbac.v1.ClusterRoleBinding': { roleRef: S },
  'io.k8s.api.rbac.v1.RoleRef': { apiGroup: '', kind: '', name: '' },
  'io.k8s.api.rbac.v1.Role': { rules: null },
  'io.k8s.api.rbac.v1.ClusterRole': { rules: null },
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec': { scaleTargetRef: S, maxReplicas: 0 },
  'io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerStatus': { currentReplicas: 0, desiredReplicas: 0 },
  'io.k8s.api.autoscaling.v1.CrossVersionObjectReference': { kind: '', name: '' },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec': { scaleTargetRef: S, maxReplicas: 0 },
  'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerStatus': { desiredReplicas: 0 },
  'io.k8s.api.autoscaling.v2.CrossVersionObjectReference': { kind: '', name: '' },
  'io.k8s.api.policy.v1.PodDisruptionBudgetStatus': {
    disruptionsAllowed: 0,
    currentHealthy: 0,
    desiredHealthy: 0,
    expectedPods: 0,
  },
  'io.k8s.api.discovery.v1.EndpointSlice': { addressType: '', endpoints: null },
  'io.k8s.api.storage.v1.StorageClass': { provisioner: '' },
  'io.k8s.api.scheduling.v1.PriorityClass': { value: 0 },
  'io.k8s.api.events.v1.Event': { eventTime: null, regarding: S, deprecatedSource: S },
};

/** A kind's top-level value structs. */
const KIND_STRUCTS = ['metadata', 'spec', 'status'];

const cache = new Map<string, Record<string, unknown>>();

/** The zero value of the kind `schema` describes, with apiVersion and kind set (a fresh copy). */
export function zeroObject(schema: SchemaNode, apiVersion: string | undefined, kind: string | undefined): KubeObject {
  return structuredClone(sharedZero(schema, apiVersion, kind));
}

/** zeroObject without the copy, for readers only: nested values are shared between calls. */
export function sharedZero(schema: SchemaNode, apiVersion: string | undefined, kind: string | undefined): KubeObject {
  const key = schema.definition ?? '';
  let zero = key ? cache.get(key) : undefined;
  if (!zero) {
    zero = zeroOf(schema, 0, true);
    if (key) cache.set(key, zero);
  }
  const out = { ...zero } as KubeObject;
  if (apiVersion) out.apiVersion = apiVersion;
  if (kind) out.kind = kind;
  return out;
}

function zeroOf(node: SchemaNode, depth: number, isKind: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (depth > 8) return out;
  const table = node.definition ? ZERO_FIELDS[node.definition] : undefined;
  const props = node.properties ?? {};
  if (isKind) {
    for (const f of KIND_STRUCTS) {
      const p = node.property(f);
      if (p?.definition && p.properties) out[f] = zeroOf(p, depth + 1, false);
    }
  }
  if (table) {
    for (const [f, z] of Object.entries(table)) {
      if (!(f in props)) continue;
      if (z === S) {
        const p = node.property(f);
        out[f] = p ? zeroOf(p, depth + 1, false) : {};
      } else out[f] = z;
    }
  }
  return out;
}

/**
 * `obj` as a Go value of its type would hold it: the fields of the zero value that `obj` lacks
 * (value structs kite may not store, such as an empty `status: {}`) filled in. Copies only
 * along the paths it fills; `obj` itself is not modified.
 */
export function withZeroFields(obj: KubeObject, zero: KubeObject): KubeObject {
  return fill(obj, zero) as KubeObject;
}

function fill(v: unknown, zero: unknown): unknown {
  if (!isPlain(v) || !isPlain(zero)) return v;
  let out: Record<string, unknown> | undefined;
  for (const [k, z] of Object.entries(zero)) {
    const cur = v[k];
    const filled = cur === undefined ? z : fill(cur, z);
    if (filled !== cur) (out ??= { ...v })[k] = filled;
  }
  return out ?? v;
}

function isPlain(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
