// The registry-strategy mutations: Job selectors, DaemonSet template generations, a new pod's
// status and affinity, a PersistentVolume's phase transition times.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { daemonSetTemplateGeneration } from './daemonset-generation.js';
import { generateJobSelector } from './job-selector.js';
import { persistentVolumeStatusTransition, preparePersistentVolumeForCreate } from './persistent-volume.js';
import { applyMatchLabelKeys, initialPodStatus, podQOSClass } from './pod-create.js';

const UID = '0b4f3c2e-1111-2222-3333-444455556666';

test('generateJobSelector labels the template and selects the controller uid', () => {
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi', uid: UID },
    spec: { manualSelector: false, template: { metadata: { creationTimestamp: null, labels: { app: 'pi' } }, spec: {} } },
  } as KubeObject;
  generateJobSelector(job);
  assert.deepEqual(job.spec, {
    manualSelector: false,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } },
    template: {
      metadata: {
        creationTimestamp: null,
        labels: {
          app: 'pi',
          'job-name': 'pi',
          'batch.kubernetes.io/job-name': 'pi',
          'controller-uid': UID,
          'batch.kubernetes.io/controller-uid': UID,
        },
      },
      spec: {},
    },
  });
});

test('generateJobSelector leaves a manual selector alone', () => {
  const spec = { manualSelector: true, selector: { matchLabels: { a: 'b' } }, template: { metadata: { labels: { a: 'b' } } } };
  const job = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'pi', uid: UID }, spec: structuredClone(spec) } as KubeObject;
  generateJobSelector(job);
  assert.deepEqual(job.spec, spec);
});

test('daemonSetTemplateGeneration counts template changes', () => {
  const ds = (image: string, annotations?: Record<string, string>): KubeObject => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'd', ...(annotations ? { annotations } : {}) },
    spec: { template: { spec: { containers: [{ name: 'c', image }] } }, minReadySeconds: 0 },
  });
  const created = ds('a');
  daemonSetTemplateGeneration(created);
  assert.equal(created.metadata.annotations?.['deprecated.daemonset.template.generation'], '1');
  const same = ds('a', { 'deprecated.daemonset.template.generation': '9' });
  (same.spec as Record<string, unknown>).minReadySeconds = 5;
  daemonSetTemplateGeneration(same, created);
  assert.equal(same.metadata.annotations?.['deprecated.daemonset.template.generation'], '1');
  const changed = ds('b');
  daemonSetTemplateGeneration(changed, same);
  assert.equal(changed.metadata.annotations?.['deprecated.daemonset.template.generation'], '2');
});

const podWith = (containers: unknown[], init: unknown[] = []): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p' },
  spec: { containers, initContainers: init },
});
const res = (requests?: Record<string, unknown>, limits?: Record<string, unknown>) => ({ name: 'c', resources: { requests, limits } });

const qos: [string, KubeObject, string][] = [
  ['nothing requested', podWith([{ name: 'c' }]), 'BestEffort'],
  ['zero requests count as none', podWith([res({ cpu: '0' })]), 'BestEffort'],
  ['other resources do not count', podWith([res({ 'nvidia.com/gpu': '1' }, { 'nvidia.com/gpu': '1' })]), 'BestEffort'],
  ['requests only', podWith([res({ cpu: '100m' })]), 'Burstable'],
  ['requests equal limits', podWith([res({ cpu: '1', memory: '1Gi' }, { cpu: '1000m', memory: '1024Mi' })]), 'Guaranteed'],
  ['a limit missing memory', podWith([res({ cpu: '1' }, { cpu: '1' })]), 'Burstable'],
  ['requests below limits', podWith([res({ cpu: '500m', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })]), 'Burstable'],
  [
    'an init container without limits',
    podWith([res({ cpu: '1', memory: '1Gi' }, { cpu: '1', memory: '1Gi' })], [{ name: 'i' }]),
    'Burstable',
  ],
];

for (const [name, pod, want] of qos) test(`podQOSClass: ${name}`, () => assert.equal(podQOSClass(pod), want));

test('initialPodStatus: Pending, and SchedulingGated while gates remain', () => {
  assert.deepEqual(initialPodStatus(podWith([{ name: 'c' }])), { phase: 'Pending', qosClass: 'BestEffort' });
  const gated = podWith([{ name: 'c' }]);
  (gated.spec as Record<string, unknown>).schedulingGates = [{ name: 'wait' }];
  assert.deepEqual(initialPodStatus(gated), {
    phase: 'Pending',
    qosClass: 'BestEffort',
    conditions: [
      {
        type: 'PodScheduled',
        status: 'False',
        lastProbeTime: null,
        lastTransitionTime: null,
        reason: 'SchedulingGated',
        message: 'Scheduling is blocked due to non-empty scheduling gates',
      },
    ],
  });
});

test('applyMatchLabelKeys turns label keys into requirements on the pod label values', () => {
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', labels: { app: 'web', 'pod-template-hash': 'abc' } },
    spec: {
      affinity: {
        podAntiAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { labelSelector: { matchLabels: { app: 'web' } }, topologyKey: 'kubernetes.io/hostname', matchLabelKeys: ['pod-template-hash', 'missing'] },
          ],
          preferredDuringSchedulingIgnoredDuringExecution: [
            { weight: 1, podAffinityTerm: { topologyKey: 'zone', mismatchLabelKeys: ['app'] } },
          ],
        },
      },
    },
  } as KubeObject;
  applyMatchLabelKeys(pod);
  const anti = ((pod.spec as Record<string, Record<string, unknown>>).affinity!.podAntiAffinity as Record<string, unknown[]>);
  assert.deepEqual(anti.requiredDuringSchedulingIgnoredDuringExecution![0], {
    labelSelector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'pod-template-hash', operator: 'In', values: ['abc'] }] },
    topologyKey: 'kubernetes.io/hostname',
    matchLabelKeys: ['pod-template-hash', 'missing'],
  });
  // No selector: it matches nothing, and stays so.
  assert.deepEqual(anti.preferredDuringSchedulingIgnoredDuringExecution![0], { weight: 1, podAffinityTerm: { topologyKey: 'zone', mismatchLabelKeys: ['app'] } });
});

test('PersistentVolume phase transition times', () => {
  const t0 = new Date('2025-01-15T12:00:00.123Z');
  const t1 = new Date('2025-01-15T13:00:00Z');
  const pv = { apiVersion: 'v1', kind: 'PersistentVolume', metadata: { name: 'v' } } as KubeObject;
  preparePersistentVolumeForCreate(pv, t0);
  assert.deepEqual(pv.status, { phase: 'Pending', lastPhaseTransitionTime: '2025-01-15T12:00:00Z' });
  const same = { ...pv, status: { phase: 'Pending' } } as KubeObject;
  persistentVolumeStatusTransition(same, pv, t1);
  assert.deepEqual(same.status, { phase: 'Pending', lastPhaseTransitionTime: '2025-01-15T12:00:00Z' });
  const bound = { ...pv, status: { phase: 'Available', lastPhaseTransitionTime: '2025-01-15T12:00:00Z' } } as KubeObject;
  persistentVolumeStatusTransition(bound, pv, t1);
  assert.deepEqual(bound.status, { phase: 'Available', lastPhaseTransitionTime: '2025-01-15T13:00:00Z' });
});
