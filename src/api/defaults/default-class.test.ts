import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { defaultIngressClassName, defaultStorageClassName } from './default-class.js';
import { addProtectionFinalizer } from './protection.js';

const cls = (kind: string, name: string, created: string, annotation?: string): KubeObject => ({
  apiVersion: 'storage.k8s.io/v1',
  kind,
  metadata: { name, creationTimestamp: created, ...(annotation ? { annotations: { [annotation]: 'true' } } : {}) },
});

const SC = 'storageclass.kubernetes.io/is-default-class';
const SC_BETA = 'storageclass.beta.kubernetes.io/is-default-class';
const IC = 'ingressclass.kubernetes.io/is-default-class';

const storageCases: { name: string; pvc: Record<string, unknown>; classes: KubeObject[]; want: unknown }[] = [
  { name: 'no default class', pvc: { spec: {} }, classes: [cls('StorageClass', 'a', '2025-01-01T00:00:00Z')], want: undefined },
  {
    name: 'the newest default wins, then the first by name',
    pvc: { spec: {} },
    classes: [
      cls('StorageClass', 'old', '2025-01-01T00:00:00Z', SC),
      cls('StorageClass', 'new-b', '2025-02-01T00:00:00Z', SC_BETA),
      cls('StorageClass', 'new-a', '2025-02-01T00:00:00Z', SC),
    ],
    want: 'new-a',
  },
  { name: 'an explicit "" means no class', pvc: { spec: { storageClassName: '' } }, classes: [cls('StorageClass', 'a', '2025-01-01T00:00:00Z', SC)], want: '' },
  {
    name: 'the beta annotation names a class too',
    pvc: { metadata: { annotations: { 'volume.beta.kubernetes.io/storage-class': 'x' } }, spec: {} },
    classes: [cls('StorageClass', 'a', '2025-01-01T00:00:00Z', SC)],
    want: undefined,
  },
];

for (const c of storageCases) {
  test(`defaultStorageClassName: ${c.name}`, () => {
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd' }, ...structuredClone(c.pvc) } as KubeObject;
    defaultStorageClassName(pvc, c.classes);
    assert.equal((pvc.spec as Record<string, unknown>).storageClassName, c.want);
  });
}

test('defaultIngressClassName', () => {
  const classes = [cls('IngressClass', 'nginx', '2025-01-01T00:00:00Z', IC), cls('IngressClass', 'traefik', '2025-03-01T00:00:00Z')];
  const ing = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' }, spec: {} } as KubeObject;
  defaultIngressClassName(ing, classes);
  assert.equal((ing.spec as Record<string, unknown>).ingressClassName, 'nginx');
  const annotated = { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i', annotations: { 'kubernetes.io/ingress.class': 'x' } }, spec: {} } as KubeObject;
  defaultIngressClassName(annotated, classes);
  assert.equal((annotated.spec as Record<string, unknown>).ingressClassName, undefined);
});

test('addProtectionFinalizer', () => {
  const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'd', finalizers: ['x'] } } as KubeObject;
  addProtectionFinalizer(pvc);
  addProtectionFinalizer(pvc);
  assert.deepEqual(pvc.metadata.finalizers, ['x', 'kubernetes.io/pvc-protection']);
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' } } as KubeObject;
  addProtectionFinalizer(pv);
  assert.deepEqual(pv.metadata.finalizers, ['kubernetes.io/pv-protection']);
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } } as KubeObject;
  addProtectionFinalizer(pod);
  assert.equal(pod.metadata.finalizers, undefined);
});
