import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { BUILTIN_RESOURCES } from '../registry/index.js';
import { DEFINITIONS, definitionFor, referenceClosure, type Schema } from './definitions.js';
import { DESCRIPTIONS, describedDefinitions, descriptionStats } from './descriptions.js';

/** Definition names of every kind kite serves (and its list kind and subresource kinds). */
function servedKinds(): { kinds: string[]; lists: string[] } {
  const kinds = new Set<string>();
  const lists = new Set<string>();
  for (const r of BUILTIN_RESOURCES) {
    for (const v of r.versions) {
      const name = definitionFor(r.group, v, r.kind);
      assert.ok(name, `no definition for ${r.group}/${v} ${r.kind}`);
      kinds.add(name);
      const list = definitionFor(r.group, v, r.listKind);
      if (list) lists.add(list);
      for (const s of r.subresources) {
        const sub = s.kind ? definitionFor(s.group ?? r.group, s.version ?? v, s.kind) : undefined;
        if (sub) kinds.add(sub);
      }
    }
  }
  return { kinds: [...kinds].sort(), lists: [...lists].sort() };
}

const props = (s: Schema) => (s.properties ?? {}) as Record<string, Schema>;

// ---- similarity to Kubernetes' own prose ----

const words = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim().split(' ').filter(Boolean);

/** The longest run of consecutive words two texts share. */
function longestSharedRun(a: string, b: string): number {
  const wa = words(a);
  const wb = words(b);
  let best = 0;
  const row = new Array<number>(wb.length + 1).fill(0);
  for (let i = 1; i <= wa.length; i++) {
    let diag = 0;
    for (let j = 1; j <= wb.length; j++) {
      const above = row[j];
      row[j] = wa[i - 1] === wb[j - 1] ? diag + 1 : 0;
      if (row[j] > best) best = row[j];
      diag = above;
    }
  }
  return best;
}

/** The share of ours' word trigrams that also occur in theirs. */
function trigramOverlap(ours: string, theirs: string): number {
  const grams = (w: string[]) => new Set(w.slice(2).map((_, i) => `${w[i]} ${w[i + 1]} ${w[i + 2]}`));
  const a = grams(words(ours));
  const b = grams(words(theirs));
  if (!a.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return shared / a.size;
}

/** kite copies no prose: a text of ours may share short factual phrases with Kubernetes'
 *  ("Defaults to 1", a list of enum values), never a sentence. */
function assertNotCopied(where: string, ours: string, theirs: string, maxRun = 7): void {
  const run = longestSharedRun(ours, theirs);
  assert.ok(run <= maxRun, `${where}: shares ${run} consecutive words with Kubernetes' text\n  kite: ${ours}\n  k8s:  ${theirs}`);
  if (words(ours).length >= 8) {
    const overlap = trigramOverlap(ours, theirs);
    assert.ok(overlap < 0.5, `${where}: ${Math.round(overlap * 100)}% of its word trigrams come from Kubernetes' text\n  kite: ${ours}\n  k8s:  ${theirs}`);
  }
}

/** A sample of Kubernetes' description sentences (quoted from its OpenAPI document only to
 *  check against them), by definition and property ('' for the definition itself). */
const KUBERNETES_SAMPLE: [string, string, string][] = [
  ['io.k8s.api.apps.v1.Deployment', '', 'Deployment enables declarative updates for Pods and ReplicaSets.'],
  ['io.k8s.api.apps.v1.Deployment', 'apiVersion', 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values.'],
  ['io.k8s.api.apps.v1.Deployment', 'kind', 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase.'],
  ['io.k8s.api.apps.v1.DeploymentSpec', 'replicas', 'Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.'],
  ['io.k8s.api.core.v1.Pod', '', 'Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.'],
  ['io.k8s.api.core.v1.PodSpec', 'containers', 'List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.'],
  ['io.k8s.api.core.v1.PodSpec', 'restartPolicy', 'Restart policy for all containers within the pod. One of Always, OnFailure, Never. In some contexts, only a subset of those values may be permitted. Default to Always.'],
  ['io.k8s.api.core.v1.Container', 'image', 'Container image name. This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.'],
  ['io.k8s.api.core.v1.Probe', 'periodSeconds', 'How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.'],
  ['io.k8s.api.core.v1.ServiceSpec', 'type', 'type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer. "ClusterIP" allocates a cluster-internal IP address for load-balancing to endpoints.'],
  ['io.k8s.api.core.v1.ConfigMap', 'data', "Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field."],
  ['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', 'labels', 'Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services.'],
];

/** Kubernetes' full OpenAPI document, when the shared reference copy is checked out next to
 *  the repository (the generator reads it from there too). */
const REFERENCE = new URL('../../../../../shared/reference/kubernetes-openapi-v2.json', import.meta.url);

describe('kite descriptions', () => {
  const described = describedDefinitions();

  it('describes every kind kite serves, its list kind and their top-level fields', () => {
    const { kinds, lists } = servedKinds();
    assert.ok(kinds.length >= 40, `only ${kinds.length} served kinds found`);
    for (const name of [...kinds, ...lists]) {
      const s = described[name];
      assert.ok(typeof s.description === 'string' && s.description.length > 20, `${name} has no description`);
      for (const [p, ps] of Object.entries(props(s))) assert.ok(ps.description, `${name}.${p} has no description`);
    }
    // Each served kind has its own hand-written sentence, not just the generic one.
    for (const name of kinds) assert.ok(DESCRIPTIONS[name]?.description, `${name} has no hand-written description`);
  });

  it('describes every definition and property reachable from the served kinds', () => {
    const { kinds, lists } = servedKinds();
    const missing: string[] = [];
    for (const name of referenceClosure([...kinds, ...lists])) {
      const s = described[name];
      if (!s.description) missing.push(name);
      for (const [p, ps] of Object.entries(props(s))) if (!ps.description) missing.push(`${name}.${p}`);
    }
    assert.deepEqual(missing, []);
  });

  it('covers the pod and workload families field by field', () => {
    const families = [
      'io.k8s.api.core.v1.PodSpec', 'io.k8s.api.core.v1.Container', 'io.k8s.api.core.v1.ContainerPort', 'io.k8s.api.core.v1.EnvVar',
      'io.k8s.api.core.v1.EnvVarSource', 'io.k8s.api.core.v1.ResourceRequirements', 'io.k8s.api.core.v1.Probe', 'io.k8s.api.core.v1.Volume',
      'io.k8s.api.core.v1.VolumeMount', 'io.k8s.api.core.v1.SecurityContext', 'io.k8s.api.core.v1.PodSecurityContext', 'io.k8s.api.core.v1.Affinity',
      'io.k8s.api.core.v1.Toleration', 'io.k8s.api.core.v1.TopologySpreadConstraint', 'io.k8s.api.core.v1.PodStatus', 'io.k8s.api.core.v1.ContainerStatus',
      'io.k8s.api.apps.v1.DeploymentSpec', 'io.k8s.api.apps.v1.StatefulSetSpec', 'io.k8s.api.apps.v1.DaemonSetSpec', 'io.k8s.api.batch.v1.JobSpec',
      'io.k8s.api.batch.v1.CronJobSpec', 'io.k8s.api.core.v1.ServiceSpec', 'io.k8s.api.core.v1.ServicePort', 'io.k8s.api.networking.v1.IngressSpec',
      'io.k8s.api.networking.v1.NetworkPolicySpec', 'io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec', 'io.k8s.api.policy.v1.PodDisruptionBudgetSpec',
      'io.k8s.api.rbac.v1.PolicyRule', 'io.k8s.api.rbac.v1.Subject', 'io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta',
      'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference', 'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
    ];
    for (const name of families) {
      const own = DESCRIPTIONS[name];
      assert.ok(own?.description, `${name}: no description`);
      for (const p of Object.keys(props(DEFINITIONS[name]))) assert.ok(own.properties?.[p], `${name}.${p}: no hand-written text`);
    }
  });

  it('states allowed values and defaults where Kubernetes has them', () => {
    const text = (name: string, p: string) => props(described[name])[p].description as string;
    assert.match(text('io.k8s.api.core.v1.ServiceSpec', 'type'), /ClusterIP.*NodePort.*LoadBalancer.*ExternalName/s);
    assert.match(text('io.k8s.api.core.v1.ServiceSpec', 'type'), /default/i);
    assert.match(text('io.k8s.api.core.v1.PodSpec', 'restartPolicy'), /Always.*OnFailure.*Never/s);
    assert.match(text('io.k8s.api.core.v1.Container', 'imagePullPolicy'), /Always.*IfNotPresent.*Never/s);
    assert.match(text('io.k8s.api.apps.v1.DeploymentStrategy', 'type'), /RollingUpdate.*Recreate/s);
    assert.match(text('io.k8s.api.apps.v1.RollingUpdateDeployment', 'maxSurge'), /25%/);
    assert.match(text('io.k8s.api.core.v1.Probe', 'periodSeconds'), /10/);
    assert.match(text('io.k8s.api.batch.v1.JobSpec', 'backoffLimit'), /6/);
    assert.match(text('io.k8s.api.core.v1.PodSpec', 'terminationGracePeriodSeconds'), /30/);
  });

  it('writes only texts for definitions and properties that exist, each a full sentence', () => {
    for (const [name, text] of Object.entries(DESCRIPTIONS)) {
      assert.ok(DEFINITIONS[name], `text for unknown definition ${name}`);
      for (const p of Object.keys(text.properties ?? {})) assert.ok(props(DEFINITIONS[name])[p], `text for unknown property ${name}.${p}`);
    }
    for (const [name, s] of Object.entries(described)) {
      const texts = [s.description, ...Object.values(props(s)).map((ps) => ps.description)].filter((t) => t !== undefined);
      for (const t of texts) {
        assert.equal(typeof t, 'string', name);
        assert.match(t as string, /^\S.*[.)]$/s, `${name}: "${t}" should be a trimmed sentence`);
        assert.doesNotMatch(t as string, /TODO|TBD|lorem/i, name);
      }
    }
  });

  it('leaves the raw definitions alone and only adds description keys', () => {
    assert.equal(Object.keys(described).length, Object.keys(DEFINITIONS).length);
    assert.equal(DEFINITIONS['io.k8s.api.apps.v1.Deployment'].description, undefined);
    assert.equal(props(DEFINITIONS['io.k8s.api.apps.v1.DeploymentSpec']).replicas.description, undefined);
    const strip = (v: unknown, isProps = false): unknown => {
      if (Array.isArray(v)) return v.map((x) => strip(x));
      if (v && typeof v === 'object') {
        const out: Record<string, unknown> = {};
        // A property *named* description (inside properties) is schema, not prose.
        for (const [k, x] of Object.entries(v)) if (isProps || k !== 'description') out[k] = strip(x, k === 'properties' && !isProps);
        return out;
      }
      return v;
    };
    assert.deepEqual(strip(described), strip(DEFINITIONS));
    assert.equal(describedDefinitions(), described, 'built once and cached');
    const stats = descriptionStats();
    assert.ok(stats.definitions >= 400 && stats.properties >= 1400, JSON.stringify(stats));
  });

  it('does not copy Kubernetes\' description sentences (sample)', () => {
    for (const [name, p, theirs] of KUBERNETES_SAMPLE) {
      const s = described[name];
      const ours = (p ? props(s)[p].description : s.description) as string;
      assert.ok(ours, `${name} ${p}: no text`);
      assertNotCopied(`${name}${p ? `.${p}` : ''}`, ours, theirs, 5);
    }
  });

  it('does not copy Kubernetes\' description sentences (whole reference document, when present)', (t) => {
    if (!existsSync(REFERENCE)) {
      t.skip('no ../shared/reference/kubernetes-openapi-v2.json');
      return;
    }
    const ref = (JSON.parse(readFileSync(REFERENCE, 'utf8')) as { definitions: Record<string, Schema> }).definitions;
    let compared = 0;
    for (const [name, s] of Object.entries(described)) {
      const r = ref[name];
      if (!r) continue;
      if (s.description && r.description) {
        assertNotCopied(name, s.description as string, r.description as string);
        compared++;
      }
      for (const [p, ps] of Object.entries(props(s))) {
        const theirs = props(r)[p]?.description;
        if (ps.description && typeof theirs === 'string') {
          assertNotCopied(`${name}.${p}`, ps.description as string, theirs);
          compared++;
        }
      }
    }
    assert.ok(compared > 2000, `only ${compared} texts compared`);
  });
});
