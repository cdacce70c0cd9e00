import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../meta.js';
import {
  BEHAVIOR_ANNOTATION,
  CONDITIONS_ANNOTATION,
  HPA_V1_CONVERTER,
  METRIC_SPECS_ANNOTATION,
  METRIC_STATUSES_ANNOTATION,
} from './hpa.js';

const { toStorage, fromStorage } = HPA_V1_CONVERTER;

/** Freezes v and everything in it, so a converter that writes to its input throws. */
function frozen<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const child of Object.values(v)) frozen(child);
    Object.freeze(v);
  }
  return v;
}

const meta = { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7', creationTimestamp: '2024-05-01T11:00:00Z' };
const ref = { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' };

/** A v2 object using everything v1 cannot express. */
const richV2: KubeObject = {
  apiVersion: 'autoscaling/v2',
  kind: 'HorizontalPodAutoscaler',
  metadata: { ...meta, annotations: { team: 'a' } },
  spec: {
    scaleTargetRef: ref,
    minReplicas: 2,
    maxReplicas: 10,
    metrics: [
      { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
      { type: 'Pods', pods: { metric: { name: 'qps', selector: { matchLabels: { a: '<b>' } } }, target: { type: 'AverageValue', averageValue: '10' } } },
      { type: 'Object', object: { describedObject: { kind: 'Service', name: 's', apiVersion: 'v1' }, metric: { name: 'hits' }, target: { type: 'Value', value: '2k' } } },
      { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
      { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization', averageUtilization: 70 } } },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
    ],
    behavior: {
      scaleDown: { stabilizationWindowSeconds: 300, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    },
  },
  status: {
    observedGeneration: 3,
    lastScaleTime: '2024-05-01T11:30:00Z',
    currentReplicas: 3,
    desiredReplicas: 4,
    currentMetrics: [
      { type: 'Resource', resource: { name: 'memory', current: { averageValue: '64Mi' } } },
      { type: 'Resource', resource: { name: 'cpu', current: { averageValue: '120m', averageUtilization: 40 } } },
    ],
    conditions: [
      {
        type: 'AbleToScale',
        status: 'True',
        lastTransitionTime: '2024-05-01T11:00:00Z',
        reason: 'ReadyForNewScale',
        message: 'recommended size matches current size',
      },
    ],
  },
};

test('hpa v2 -> v1: the CPU target maps to v1 fields, the rest to annotations', () => {
  const v1 = fromStorage(frozen(structuredClone(richV2)));
  assert.equal(v1.apiVersion, 'autoscaling/v1');
  assert.equal(v1.kind, 'HorizontalPodAutoscaler');
  assert.deepEqual(v1.spec, { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 10, targetCPUUtilizationPercentage: 60 });
  assert.deepEqual(v1.status, {
    observedGeneration: 3,
    lastScaleTime: '2024-05-01T11:30:00Z',
    currentReplicas: 3,
    desiredReplicas: 4,
    currentCPUUtilizationPercentage: 40,
  });
  const a = v1.metadata.annotations ?? {};
  assert.equal(a.team, 'a');
  assert.equal(
    a[METRIC_SPECS_ANNOTATION],
    '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}},' +
      '{"type":"Pods","pods":{"metricName":"qps","targetAverageValue":"10","selector":{"matchLabels":{"a":"\\u003cb\\u003e"}}}},' +
      '{"type":"Object","object":{"target":{"kind":"Service","name":"s","apiVersion":"v1"},"metricName":"hits","targetValue":"2k"}},' +
      '{"type":"External","external":{"metricName":"queue","targetAverageValue":"30"}},' +
      '{"type":"ContainerResource","containerResource":{"name":"cpu","targetAverageUtilization":70,"container":"app"}}]',
  );
  assert.equal(
    a[METRIC_STATUSES_ANNOTATION],
    '[{"type":"Resource","resource":{"name":"memory","currentAverageValue":"64Mi"}},' +
      '{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":40,"currentAverageValue":"120m"}}]',
  );
  assert.equal(
    a[BEHAVIOR_ANNOTATION],
    '{"ScaleUp":null,"ScaleDown":{"StabilizationWindowSeconds":300,"SelectPolicy":"Max","Policies":[{"Type":"Percent","Value":100,"PeriodSeconds":15}]}}',
  );
  assert.equal(
    a[CONDITIONS_ANNOTATION],
    '[{"type":"AbleToScale","status":"True","lastTransitionTime":"2024-05-01T11:00:00Z","reason":"ReadyForNewScale","message":"recommended size matches current size"}]',
  );
});

test('hpa v2 -> v1 -> v2 round-trips', () => {
  const back = toStorage(frozen(fromStorage(frozen(structuredClone(richV2)))));
  assert.deepEqual(back, richV2);
});

test('hpa v2 with only a CPU target needs no spec annotation', () => {
  const v2: KubeObject = {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta,
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
    status: { desiredReplicas: 0 },
  };
  const v1 = fromStorage(frozen(structuredClone(v2)));
  assert.deepEqual(v1, {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta,
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 3, targetCPUUtilizationPercentage: 50 },
    status: { currentReplicas: 0, desiredReplicas: 0 },
  });
  assert.deepEqual(toStorage(frozen(v1)), v2);
});

test('hpa v2 -> v1 replaces stale round-trip annotations', () => {
  const v2 = structuredClone(richV2);
  v2.metadata.annotations = { [METRIC_SPECS_ANNOTATION]: '[]', [BEHAVIOR_ANNOTATION]: '{}' };
  (v2.spec as { metrics: unknown[]; behavior?: unknown }).metrics = [];
  delete (v2.spec as { behavior?: unknown }).behavior;
  const v1 = fromStorage(frozen(v2));
  const a = v1.metadata.annotations ?? {};
  assert.equal(a[METRIC_SPECS_ANNOTATION], undefined);
  assert.equal(a[BEHAVIOR_ANNOTATION], undefined);
  assert.ok(a[METRIC_STATUSES_ANNOTATION]);
});

test('hpa v1 without a target gets the implicit 80% CPU target', () => {
  const v1: KubeObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta,
    spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5 },
  };
  assert.deepEqual(toStorage(frozen(v1)), {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: meta,
    spec: {
      scaleTargetRef: { kind: 'Deployment', name: 'web' },
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
    },
    status: { desiredReplicas: 0 },
  });
});

test('hpa v1 annotations fold into v2 and are dropped', () => {
  const v1: KubeObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      ...meta,
      annotations: {
        keep: 'me',
        [METRIC_SPECS_ANNOTATION]:
          '[{"type":"External","external":{"metricName":"q","targetValue":"5"}},{"type":"Object","object":{"target":{"kind":"Service","name":"s"},"metricName":"m","targetValue":"1","averageValue":"2"}}]',
        [METRIC_STATUSES_ANNOTATION]: '[{"type":"Pods","pods":{"metricName":"qps","currentAverageValue":"3"}}]',
        // Go reads struct fields case-insensitively, so lower-case keys work too.
        [BEHAVIOR_ANNOTATION]: '{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Pods","value":4,"periodSeconds":15}]},"ScaleDown":null}',
        [CONDITIONS_ANNOTATION]: '[{"type":"ScalingActive","status":"False","lastTransitionTime":"2024-05-01T11:00:00Z","reason":"FailedGetExternalMetric"}]',
      },
    },
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 75 },
    status: { currentReplicas: 1, desiredReplicas: 1, currentCPUUtilizationPercentage: 20 },
  };
  const v2 = toStorage(frozen(v1));
  assert.deepEqual(v2.metadata, { ...meta, annotations: { keep: 'me' } });
  assert.deepEqual(v2.spec, {
    scaleTargetRef: ref,
    minReplicas: 1,
    maxReplicas: 5,
    metrics: [
      { type: 'External', external: { metric: { name: 'q' }, target: { type: 'Value', value: '5' } } },
      {
        type: 'Object',
        object: {
          describedObject: { kind: 'Service', name: 's' },
          target: { type: 'AverageValue', value: '1', averageValue: '2' },
          metric: { name: 'm' },
        },
      },
      { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } } },
    ],
    behavior: { scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }] } },
  });
  assert.deepEqual(v2.status, {
    currentReplicas: 1,
    desiredReplicas: 1,
    // The annotated statuses replace the one built from currentCPUUtilizationPercentage.
    currentMetrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, current: { averageValue: '3' } } }],
    conditions: [{ type: 'ScalingActive', status: 'False', lastTransitionTime: '2024-05-01T11:00:00Z', reason: 'FailedGetExternalMetric' }],
  });
});

test('hpa v1 -> v2 -> v1 round-trips', () => {
  const v1: KubeObject = {
    apiVersion: 'autoscaling/v1',
    kind: 'HorizontalPodAutoscaler',
    metadata: {
      ...meta,
      annotations: {
        [METRIC_SPECS_ANNOTATION]: '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"1Gi"}}]',
        [METRIC_STATUSES_ANNOTATION]: '[{"type":"Resource","resource":{"name":"cpu","currentAverageUtilization":30,"currentAverageValue":"90m"}}]',
      },
    },
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 4, targetCPUUtilizationPercentage: 65 },
    status: { currentReplicas: 2, desiredReplicas: 2, currentCPUUtilizationPercentage: 30 },
  };
  assert.deepEqual(fromStorage(frozen(toStorage(frozen(structuredClone(v1))))), v1);
});

test('hpa v1 with unreadable annotations ignores them', () => {
  const v1: KubeObject = {
    metadata: { ...meta, annotations: { [METRIC_SPECS_ANNOTATION]: '{not json', [BEHAVIOR_ANNOTATION]: '{}', [CONDITIONS_ANNOTATION]: '"x"' } },
    spec: { scaleTargetRef: ref, maxReplicas: 2, targetCPUUtilizationPercentage: 90 },
  };
  const v2 = toStorage(frozen(v1));
  assert.deepEqual(v2.metadata, meta);
  assert.deepEqual(v2.spec, {
    scaleTargetRef: ref,
    maxReplicas: 2,
    metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 90 } } }],
  });
});

test('hpa converters accept an object with metadata only', () => {
  const bare = frozen({ metadata: { name: 'x' } });
  assert.equal(toStorage(bare).apiVersion, 'autoscaling/v2');
  assert.equal(fromStorage(bare).apiVersion, 'autoscaling/v1');
});

test('hpa converters do not share structure with their input', () => {
  const input = structuredClone(richV2);
  const v1 = fromStorage(input);
  (v1.spec as { scaleTargetRef: { name: string } }).scaleTargetRef.name = 'changed';
  assert.deepEqual(input, richV2);
});
