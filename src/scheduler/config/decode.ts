// Strict decoding of a scheduler configuration document: what kube-scheduler's codec
// (serializer.EnableStrict over encoding/json) refuses before any validation runs.
//
// Contract:
//  - A Spec describes a Go type of kubescheduler.config.k8s.io/v1 (or a Kubernetes API type
//    by its OpenAPI definition, checked against kite's schemas). decodeProblem(value, spec)
//    returns what is wrong with one document, if anything:
//      * the first type mismatch only, worded as encoding/json words it (decoding stops
//        there): `json: cannot unmarshal string into Go struct field
//        KubeSchedulerProfile.profiles.percentageOfNodesToScore of type int32`; integers
//        must be whole and fit their Go type;
//      * otherwise every field no struct declares: `strict decoding error: unknown field
//        "profiles[0].foo", unknown field "bar"`.
//  - null is accepted anywhere (Go leaves the zero value); 'raw' values (plugin args of
//    plugins kube-scheduler does not know) are never looked into.
//  - Durations (metav1.Duration) are strings Go's time.ParseDuration accepts.

import { fieldPath } from '../../api/validation/duplicate-fields.js';
import { jsonTypeError } from '../../api/validation/json-types.js';
import { unknownFields } from '../../api/validation/strict-decoding.js';
import { isObj } from '../../api/validation/access.js';
import { SchemaNode } from '../../api/openapi/schema.js';
import { DurationError, parseDuration } from '../../kubelet/simulated/duration.js';
import { EXTENSION_POINTS } from '../framework/profile.js';

export type Spec =
  | 'string'
  | 'bool'
  | 'int32'
  | 'int64'
  | 'float32'
  | 'duration'
  | 'raw'
  | { readonly struct: string; readonly fields: Readonly<Record<string, Spec>> }
  | { readonly list: Spec }
  /** A Kubernetes API type, e.g. io.k8s.api.core.v1.NodeAffinity. */
  | { readonly definition: string };

const INT_RANGE = {
  int32: [-(2 ** 31), 2 ** 31 - 1],
  int64: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function goTypeName(spec: Spec): string {
  if (typeof spec === 'string') return spec === 'duration' ? 'v1.Duration' : spec === 'raw' ? 'runtime.RawExtension' : spec;
  if ('list' in spec) return `[]${goTypeName(spec.list)}`;
  if ('struct' in spec) return `v1.${spec.struct}`;
  return `v1.${spec.definition.slice(spec.definition.lastIndexOf('.') + 1)}`;
}

interface Walk {
  typeError?: string;
  readonly unknown: string[];
}

/** The strict decoding problem of value against spec, as one message (undefined when it
 *  decodes): the type error if any, else every unknown field. base: where value sits in
 *  the document (for the paths of unknown fields). */
export function decodeProblem(value: unknown, spec: Spec & { struct: string }, base = ''): string | undefined {
  const w: Walk = { unknown: [] };
  check(value, spec, base, '', '', w);
  if (w.typeError) return w.typeError;
  if (w.unknown.length === 0) return undefined;
  return `strict decoding error: ${[...new Set(w.unknown)].map((p) => `unknown field "${p}"`).join(', ')}`;
}

/**
 * path: the field path with indexes (for unknown fields); goPath: encoding/json's dotted
 * path without indexes; struct: the Go struct holding the field (for type errors; '' at
 * the document's root).
 */
function check(v: unknown, spec: Spec, path: string, goPath: string, struct: string, w: Walk): void {
  if (w.typeError || v === null || v === undefined || spec === 'raw') return;
  const mismatch = (what = jsonKind(v)): void => {
    const into = struct ? `Go struct field ${struct}.${goPath}` : 'Go value';
    w.typeError = `json: cannot unmarshal ${what} into ${into} of type ${goTypeName(spec)}`;
  };
  if (spec === 'string') {
    if (typeof v !== 'string') mismatch();
    return;
  }
  if (spec === 'bool') {
    if (typeof v !== 'boolean') mismatch();
    return;
  }
  if (spec === 'int32' || spec === 'int64') {
    if (typeof v !== 'number') return mismatch();
    const [lo, hi] = INT_RANGE[spec];
    if (!Number.isInteger(v) || v < lo || v > hi) mismatch(`number ${v}`);
    return;
  }
  if (spec === 'float32') {
    if (typeof v !== 'number') mismatch();
    return;
  }
  if (spec === 'duration') {
    if (typeof v !== 'string') return mismatch();
    try {
      parseDuration(v);
    } catch (err) {
      if (!(err instanceof DurationError)) throw err;
      w.typeError = `${path}: time: invalid duration ${JSON.stringify(v)}`;
    }
    return;
  }
  if ('list' in spec) {
    if (!Array.isArray(v)) return mismatch();
    v.forEach((x, i) => check(x, spec.list, `${path}[${i}]`, goPath, struct, w));
    return;
  }
  if ('definition' in spec) {
    const schema = SchemaNode.forDefinition(spec.definition);
    if (!schema) throw new Error(`no schema for ${spec.definition}`);
    const typeError = jsonTypeError(v, schema);
    if (typeError) {
      w.typeError = `${typeError} (at ${path})`;
      return;
    }
    for (const p of unknownFields(v, schema)) w.unknown.push(`${path}${p.startsWith('[') ? '' : '.'}${p}`);
    return;
  }
  if (!isObj(v)) return mismatch();
  for (const [k, x] of Object.entries(v)) {
    const fieldSpec = spec.fields[k];
    const p = fieldPath(path, k);
    if (!fieldSpec) {
      w.unknown.push(p);
      continue;
    }
    check(x, fieldSpec, p, goPath ? `${goPath}.${k}` : k, spec.struct, w);
    if (w.typeError) return;
  }
}

// ---- the v1 types (staging/src/k8s.io/kube-scheduler/config/v1, as of 1.32) ----

const TYPE_META = { apiVersion: 'string', kind: 'string' } as const;

const PLUGIN: Spec = { struct: 'Plugin', fields: { name: 'string', weight: 'int32' } };
const PLUGIN_SET: Spec = { struct: 'PluginSet', fields: { enabled: { list: PLUGIN }, disabled: { list: PLUGIN } } };

export const EXTENSION_POINT_FIELDS = [...EXTENSION_POINTS, 'multiPoint'] as const;

const PLUGINS: Spec = { struct: 'Plugins', fields: Object.fromEntries(EXTENSION_POINT_FIELDS.map((p) => [p, PLUGIN_SET])) };

const PLUGIN_CONFIG: Spec = { struct: 'PluginConfig', fields: { name: 'string', args: 'raw' } };

const PROFILE: Spec = {
  struct: 'KubeSchedulerProfile',
  fields: { schedulerName: 'string', percentageOfNodesToScore: 'int32', plugins: PLUGINS, pluginConfig: { list: PLUGIN_CONFIG } },
};

const LEADER_ELECTION: Spec = {
  struct: 'LeaderElectionConfiguration',
  fields: {
    leaderElect: 'bool',
    leaseDuration: 'duration',
    renewDeadline: 'duration',
    retryPeriod: 'duration',
    resourceLock: 'string',
    resourceName: 'string',
    resourceNamespace: 'string',
  },
};

const CLIENT_CONNECTION: Spec = {
  struct: 'ClientConnectionConfiguration',
  fields: { kubeconfig: 'string', acceptContentTypes: 'string', contentType: 'string', qps: 'float32', burst: 'int32' },
};

const EXTENDER: Spec = {
  struct: 'Extender',
  fields: {
    urlPrefix: 'string',
    filterVerb: 'string',
    preemptVerb: 'string',
    prioritizeVerb: 'string',
    weight: 'int64',
    bindVerb: 'string',
    enableHTTPS: 'bool',
    tlsConfig: {
      struct: 'ExtenderTLSConfig',
      fields: { insecure: 'bool', serverName: 'string', certFile: 'string', keyFile: 'string', caFile: 'string', certData: 'string', keyData: 'string', caData: 'string' },
    },
    httpTimeout: 'duration',
    nodeCacheCapable: 'bool',
    managedResources: { list: { struct: 'ExtenderManagedResource', fields: { name: 'string', ignoredByScheduler: 'bool' } } },
    ignorable: 'bool',
  },
};

export const KUBE_SCHEDULER_CONFIGURATION: Spec & { struct: string } = {
  struct: 'KubeSchedulerConfiguration',
  fields: {
    ...TYPE_META,
    parallelism: 'int32',
    leaderElection: LEADER_ELECTION,
    clientConnection: CLIENT_CONNECTION,
    // DebuggingConfiguration, inlined.
    enableProfiling: 'bool',
    enableContentionProfiling: 'bool',
    percentageOfNodesToScore: 'int32',
    podInitialBackoffSeconds: 'int64',
    podMaxBackoffSeconds: 'int64',
    profiles: { list: PROFILE },
    extenders: { list: EXTENDER },
    delayCacheUntilActive: 'bool',
  },
};

const RESOURCE_SPEC: Spec = { struct: 'ResourceSpec', fields: { name: 'string', weight: 'int64' } };
const SHAPE: Spec = { list: { struct: 'UtilizationShapePoint', fields: { utilization: 'int32', score: 'int32' } } };

/** The args types of the in-tree plugins, by plugin name (kind: name + "Args"). */
export const PLUGIN_ARGS: Readonly<Record<string, Spec & { struct: string }>> = {
  DefaultPreemption: {
    struct: 'DefaultPreemptionArgs',
    fields: { ...TYPE_META, minCandidateNodesPercentage: 'int32', minCandidateNodesAbsolute: 'int32' },
  },
  InterPodAffinity: {
    struct: 'InterPodAffinityArgs',
    fields: { ...TYPE_META, hardPodAffinityWeight: 'int32', ignorePreferredTermsOfExistingPods: 'bool' },
  },
  NodeResourcesFit: {
    struct: 'NodeResourcesFitArgs',
    fields: {
      ...TYPE_META,
      ignoredResources: { list: 'string' },
      ignoredResourceGroups: { list: 'string' },
      scoringStrategy: {
        struct: 'ScoringStrategy',
        fields: { type: 'string', resources: { list: RESOURCE_SPEC }, requestedToCapacityRatio: { struct: 'RequestedToCapacityRatioParam', fields: { shape: SHAPE } } },
      },
    },
  },
  PodTopologySpread: {
    struct: 'PodTopologySpreadArgs',
    fields: { ...TYPE_META, defaultConstraints: { list: { definition: 'io.k8s.api.core.v1.TopologySpreadConstraint' } }, defaultingType: 'string' },
  },
  NodeResourcesBalancedAllocation: {
    struct: 'NodeResourcesBalancedAllocationArgs',
    fields: { ...TYPE_META, resources: { list: RESOURCE_SPEC } },
  },
  VolumeBinding: {
    struct: 'VolumeBindingArgs',
    fields: { ...TYPE_META, bindTimeoutSeconds: 'int64', shape: SHAPE },
  },
  NodeAffinity: {
    struct: 'NodeAffinityArgs',
    fields: { ...TYPE_META, addedAffinity: { definition: 'io.k8s.api.core.v1.NodeAffinity' } },
  },
};
