import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { applyDefaults } from './index.js';
import { defaulted } from './testing.js';

// Objects touching most defaulting paths, to mutate below.
const BASES: Record<string, unknown>[] = [
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { a: 'b' }, annotations: { x: 'y' } },
    spec: {
      hostNetwork: true,
      serviceAccount: 'sa',
      containers: [
        {
          name: 'c',
          image: 'nginx',
          ports: [{ containerPort: 80 }],
          env: [{ name: 'N', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }],
          resources: { limits: { cpu: '0.5' } },
          livenessProbe: { httpGet: { port: 80 }, grpc: { port: 1 } },
          lifecycle: { preStop: { httpGet: { port: 80 } } },
        },
      ],
      volumes: [
        { name: 'a' },
        { name: 's', secret: { secretName: 's' } },
        { name: 'p', projected: { sources: [{ serviceAccountToken: { path: 't' } }, { downwardAPI: { items: [{ path: 'x', fieldRef: { fieldPath: 'f' } }] } }] } },
        { name: 'e', ephemeral: { volumeClaimTemplate: { spec: { resources: { requests: { storage: '1Gi' } } } } } },
      ],
      affinity: { podAffinity: {} },
    },
    status: { podIP: '10.0.0.1', containerStatuses: [{ name: 'c' }] },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 's' },
    spec: {
      updateStrategy: { rollingUpdate: {} },
      persistentVolumeClaimRetentionPolicy: {},
      template: { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'd' }, spec: { resources: { requests: { storage: '1Gi' } } } }],
    },
  },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { strategy: { rollingUpdate: {} }, template: { spec: { containers: [] } } } },
  { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'd' }, spec: { updateStrategy: { rollingUpdate: {} }, template: { spec: {} } } },
  {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'j' },
    spec: { podFailurePolicy: { rules: [{ onPodConditions: [{ type: 'X' }] }] }, template: { metadata: { labels: { a: 'b' } }, spec: {} } },
  },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: {} } } } } },
  {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 's' },
    spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} }, ports: [{ port: 80 }] },
    status: { loadBalancer: { ingress: [{ ip: '1.2.3.4' }] } },
  },
  { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'r' }, spec: { template: { metadata: { labels: { a: 'b' } }, spec: {} } } },
  { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'l' }, spec: { limits: [{ type: 'Container', max: { cpu: '1' }, min: { memory: '1Mi' } }] } },
  { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n' }, spec: { podCIDR: '10.0.0.0/24' }, status: { capacity: { cpu: '1' } } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'n', labels: {} } },
  { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'p' }, spec: { hostPath: { path: '/x' }, rbd: {}, azureDisk: {} } },
  { apiVersion: 'v1', kind: 'Event', metadata: { name: 'e' } },
  { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { behavior: { scaleUp: { policies: [] } } } },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'n' }, spec: { egress: [{ ports: [{}] }] } },
  { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'r' }, roleRef: {}, subjects: [{ kind: 'User' }] },
  {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'MutatingWebhookConfiguration',
    metadata: { name: 'm' },
    webhooks: [{ clientConfig: { service: {} }, rules: [{}] }],
  },
  {
    apiVersion: 'apiextensions.k8s.io/v1',
    kind: 'CustomResourceDefinition',
    metadata: { name: 'c' },
    spec: { names: { kind: 'W' }, conversion: { strategy: 'Webhook', webhook: { clientConfig: { service: {} } } }, versions: [{ name: 'v1', storage: true }] },
  },
];

const ODD: unknown[] = [true, 7, 'x', [null, 7], { odd: true }, null, []];

/** Every path to a value inside v. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (Array.isArray(v)) v.forEach((x, i) => out.push([...prefix, i], ...paths(x, [...prefix, i])));
  else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) out.push([...prefix, k], ...paths(x, [...prefix, k]));
  return out;
}

function at(v: unknown, path: (string | number)[]): unknown {
  for (const p of path) v = v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[p];
  return v;
}

function put(v: unknown, path: (string | number)[], value: unknown): void {
  const parent = at(v, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]!] = value;
}

test('odd values anywhere never make defaulting throw, and values of the wrong type are left alone', () => {
  for (const base of BASES) {
    for (const path of paths(base)) {
      if (path[0] === 'apiVersion' || path[0] === 'kind') continue;
      for (const odd of ODD) {
        const obj = structuredClone(base);
        put(obj, path, structuredClone(odd));
        const where = `${String(base.kind)} ${path.join('.')} = ${JSON.stringify(odd)}`;
        let once: KubeObject;
        assert.doesNotThrow(() => {
          once = defaulted(obj);
        }, where);
        // true and [null, 7] fit no field kite defaults (a number or string may be a quantity,
        // null, {} and [] are legitimately empty).
        if (odd === true || Array.isArray(odd) && odd.length === 2) assert.deepEqual(at(once!, path), odd, where);
        assert.deepEqual(defaulted(once!), once!, `idempotent: ${where}`);
      }
    }
  }
});

test('objects defaulting does not know are left alone', () => {
  const odd: unknown[] = [
    { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' }, spec: {} },
    { apiVersion: 'v1', kind: 'constructor', metadata: {} },
    { apiVersion: 'v1', kind: 'toString', metadata: {} },
    { apiVersion: 'v1', kind: '__proto__', metadata: {} },
    { apiVersion: 'apps/v2', kind: 'Deployment', metadata: {} },
    { kind: 'Pod', metadata: {} },
    { apiVersion: 7, kind: 'Pod', metadata: {} },
    { apiVersion: 'v1', kind: ['Pod'], metadata: {} },
  ];
  for (const o of odd) {
    const copy = structuredClone(o) as KubeObject;
    applyDefaults(copy);
    assert.deepEqual(copy, o);
  }
  for (const o of [null, undefined, 5, 'Pod', []]) assert.doesNotThrow(() => applyDefaults(o as unknown as KubeObject));
});

test('defaulting never shares a default value between objects or fields', () => {
  const a = defaulted({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  const b = defaulted({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b' }, spec: { containers: [{ name: 'c', image: 'i' }] } });
  ((a.spec as Record<string, Record<string, unknown>>).securityContext as Record<string, unknown>).runAsUser = 1;
  assert.deepEqual((b.spec as Record<string, unknown>).securityContext, {});
  const hpa = defaulted({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {}, spec: { behavior: {} } });
  const again = defaulted({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: {}, spec: { behavior: {} } });
  const spec = hpa.spec as { behavior: { scaleUp: { policies: unknown[] } } };
  spec.behavior.scaleUp.policies.push('x');
  assert.equal((again.spec as typeof spec).behavior.scaleUp.policies.length, 2);
});
