// HorizontalPodAutoscaler between autoscaling/v1 and autoscaling/v2 (the storage version), as
// Kubernetes 1.32 converts it. v1 only has a CPU utilization target, so everything else v2 can
// say travels in four annotations on the v1 object: the other metric specs, the current metric
// statuses, the behavior and the conditions. Reading v1 folds them back in (and drops them);
// reading v2 never shows them. A v1 object without any metric gets the old implicit default,
// CPU at 80%. Neither direction mutates its input.

import type { KubeObject } from '../meta.js';
import type { VersionConverter } from '../resource.js';
import { defined, field, goJson, object, objects, parseJson, set, str, type JsonObject } from './json.js';

export const METRIC_SPECS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/metrics';
export const METRIC_STATUSES_ANNOTATION = 'autoscaling.alpha.kubernetes.io/current-metrics';
export const CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';
export const BEHAVIOR_ANNOTATION = 'autoscaling.alpha.kubernetes.io/behavior';

const ROUND_TRIP_ANNOTATIONS = [METRIC_SPECS_ANNOTATION, METRIC_STATUSES_ANNOTATION, CONDITIONS_ANNOTATION, BEHAVIOR_ANNOTATION];

/** The CPU target autoscaling/v1 implied before metrics were explicit. */
export const DEFAULT_CPU_UTILIZATION = 80;

const KIND = 'HorizontalPodAutoscaler';

/** Go's zero resource.Quantity, which non-pointer quantity fields marshal as. */
const ZERO = '0';

/** A copy of metadata without the round-trip annotations; annotations go when left empty. */
function withoutRoundTrip(metadata: KubeObject['metadata']): KubeObject['metadata'] {
  const meta = structuredClone(metadata ?? {});
  const annotations = meta.annotations;
  if (!annotations || !ROUND_TRIP_ANNOTATIONS.some((a) => Object.hasOwn(annotations, a))) return meta;
  for (const a of ROUND_TRIP_ANNOTATIONS) delete annotations[a];
  if (Object.keys(annotations).length === 0) delete meta.annotations;
  return meta;
}

function crossVersionRef(v: unknown): JsonObject {
  const ref = object(v);
  return defined({ kind: str(field(ref, 'kind')), name: str(field(ref, 'name')), apiVersion: set(field(ref, 'apiVersion')) || undefined });
}

function isCpuUtilization(metric: JsonObject): boolean {
  const resource = object(metric.resource);
  return metric.type === 'Resource' && resource !== undefined && resource.name === 'cpu' && set(object(resource.target)?.averageUtilization) !== undefined;
}

function cpuUtilizationMetric(percent: unknown): JsonObject {
  return { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: percent } } };
}

// ---- v2 to v1 ----------------------------------------------------------------------------

function metricSpecToV1(m: JsonObject): JsonObject {
  const object_ = object(m.object);
  const pods = object(m.pods);
  const resource = object(m.resource);
  const container = object(m.containerResource);
  const external = object(m.external);
  const t = (s: JsonObject | undefined) => object(s?.target) ?? {};
  const id = (s: JsonObject | undefined) => object(s?.metric) ?? {};
  return defined({
    type: str(m.type),
    object: object_ && defined({
      target: crossVersionRef(object_.describedObject),
      metricName: str(id(object_).name),
      targetValue: set(t(object_).value) ?? ZERO,
      selector: set(id(object_).selector),
      averageValue: set(t(object_).averageValue),
    }),
    pods: pods && defined({
      metricName: str(id(pods).name),
      targetAverageValue: set(t(pods).averageValue) ?? ZERO,
      selector: set(id(pods).selector),
    }),
    resource: resource && defined({
      name: str(resource.name),
      targetAverageUtilization: set(t(resource).averageUtilization),
      targetAverageValue: set(t(resource).averageValue),
    }),
    containerResource: container && defined({
      name: str(container.name),
      targetAverageUtilization: set(t(container).averageUtilization),
      targetAverageValue: set(t(container).averageValue),
      container: str(container.container),
    }),
    external: external && defined({
      metricName: str(id(external).name),
      metricSelector: set(id(external).selector),
      targetValue: set(t(external).value),
      targetAverageValue: set(t(external).averageValue),
    }),
  });
}

function metricStatusToV1(m: JsonObject): JsonObject {
  const object_ = object(m.object);
  const pods = object(m.pods);
  const resource = object(m.resource);
  const container = object(m.containerResource);
  const external = object(m.external);
  const c = (s: JsonObject | undefined) => object(s?.current) ?? {};
  const id = (s: JsonObject | undefined) => object(s?.metric) ?? {};
  return defined({
    type: str(m.type),
    object: object_ && defined({
      target: crossVersionRef(object_.describedObject),
      metricName: str(id(object_).name),
      currentValue: set(c(object_).value) ?? ZERO,
      selector: set(id(object_).selector),
      averageValue: set(c(object_).averageValue),
    }),
    pods: pods && defined({
      metricName: str(id(pods).name),
      currentAverageValue: set(c(pods).averageValue) ?? ZERO,
      selector: set(id(pods).selector),
    }),
    resource: resource && defined({
      name: str(resource.name),
      currentAverageUtilization: set(c(resource).averageUtilization),
      currentAverageValue: set(c(resource).averageValue) ?? ZERO,
    }),
    containerResource: container && defined({
      name: str(container.name),
      currentAverageUtilization: set(c(container).averageUtilization),
      currentAverageValue: set(c(container).averageValue) ?? ZERO,
      container: str(container.container),
    }),
    external: external && defined({
      metricName: str(id(external).name),
      metricSelector: set(id(external).selector),
      currentValue: set(c(external).value) ?? ZERO,
      currentAverageValue: set(c(external).averageValue),
    }),
  });
}

function conditionToV1(c: JsonObject): JsonObject {
  return defined({
    type: str(c.type),
    status: str(c.status),
    // A zero metav1.Time still marshals, as null.
    lastTransitionTime: set(c.lastTransitionTime) ?? null,
    reason: str(c.reason) || undefined,
    message: str(c.message) || undefined,
  });
}

/** Behavior as the annotation holds it: Kubernetes marshals its internal type, which has no
 *  JSON tags, so keys are Go field names and unset pointers are null. */
function behaviorToAnnotation(behavior: JsonObject): JsonObject {
  const rules = (v: unknown): JsonObject | null => {
    const r = object(v);
    if (!r) return null;
    const policies = objects(r.policies);
    return {
      StabilizationWindowSeconds: set(r.stabilizationWindowSeconds) ?? null,
      SelectPolicy: set(r.selectPolicy) ?? null,
      Policies: Array.isArray(r.policies)
        ? policies.map((p) => ({ Type: str(p.type), Value: set(p.value) ?? 0, PeriodSeconds: set(p.periodSeconds) ?? 0 }))
        : null,
    };
  };
  return { ScaleUp: rules(behavior.scaleUp), ScaleDown: rules(behavior.scaleDown) };
}

function v2ToV1(obj: KubeObject): KubeObject {
  const spec = object(obj.spec) ?? {};
  const status = object(obj.status) ?? {};
  const metadata = withoutRoundTrip(obj.metadata);
  const metrics = objects(spec.metrics);
  const currentMetrics = objects(status.currentMetrics);
  const conditions = objects(status.conditions);
  const behavior = object(spec.behavior);

  const cpuTarget = metrics.find(isCpuUtilization);
  const otherMetrics = metrics.filter((m) => !isCpuUtilization(m));
  let currentCpu: unknown;
  for (const m of currentMetrics) {
    const resource = object(m.resource);
    const utilization = set(object(resource?.current)?.averageUtilization);
    if (m.type === 'Resource' && resource?.name === 'cpu' && utilization !== undefined) currentCpu = utilization;
  }

  const annotations: Record<string, string> = {};
  if (otherMetrics.length > 0) annotations[METRIC_SPECS_ANNOTATION] = goJson(otherMetrics.map(metricSpecToV1));
  // All statuses go in, CPU included: the annotation keeps the raw values v1 cannot show.
  if (currentMetrics.length > 0) annotations[METRIC_STATUSES_ANNOTATION] = goJson(currentMetrics.map(metricStatusToV1));
  if (behavior) annotations[BEHAVIOR_ANNOTATION] = goJson(behaviorToAnnotation(behavior));
  if (conditions.length > 0) annotations[CONDITIONS_ANNOTATION] = goJson(conditions.map(conditionToV1));
  if (Object.keys(annotations).length > 0) metadata.annotations = { ...metadata.annotations, ...annotations };

  return {
    apiVersion: 'autoscaling/v1',
    kind: KIND,
    metadata,
    spec: defined({
      scaleTargetRef: crossVersionRef(spec.scaleTargetRef),
      minReplicas: set(spec.minReplicas),
      maxReplicas: set(spec.maxReplicas) ?? 0,
      targetCPUUtilizationPercentage: cpuTarget ? object(object(cpuTarget.resource)?.target)?.averageUtilization : undefined,
    }),
    status: defined({
      observedGeneration: set(status.observedGeneration),
      lastScaleTime: set(status.lastScaleTime),
      currentReplicas: set(status.currentReplicas) ?? 0,
      desiredReplicas: set(status.desiredReplicas) ?? 0,
      currentCPUUtilizationPercentage: currentCpu,
    }),
  };
}

// ---- v1 to v2 ----------------------------------------------------------------------------

/** An Object metric's target: typed by whether an average is set, its value always kept. */
function target(value: unknown, averageValue: unknown): JsonObject {
  return defined({ type: averageValue === undefined ? 'Value' : 'AverageValue', value, averageValue });
}

function metricId(name: unknown, selector: unknown): JsonObject {
  return defined({ name: str(name), selector: set(selector) });
}

function utilizationTarget(utilization: unknown, averageValue: unknown): JsonObject {
  return defined({
    type: utilization === undefined ? 'AverageValue' : 'Utilization',
    averageValue,
    averageUtilization: utilization,
  });
}

function metricSpecToV2(m: JsonObject): JsonObject {
  const object_ = object(field(m, 'object'));
  const pods = object(field(m, 'pods'));
  const resource = object(field(m, 'resource'));
  const container = object(field(m, 'containerResource'));
  const external = object(field(m, 'external'));
  const externalValue = set(field(external, 'targetValue'));
  return defined({
    type: str(field(m, 'type')),
    object: object_ && {
      describedObject: crossVersionRef(field(object_, 'target')),
      target: target(set(field(object_, 'targetValue')) ?? ZERO, set(field(object_, 'averageValue'))),
      metric: metricId(field(object_, 'metricName'), field(object_, 'selector')),
    },
    pods: pods && {
      metric: metricId(field(pods, 'metricName'), field(pods, 'selector')),
      target: { type: 'AverageValue', averageValue: set(field(pods, 'targetAverageValue')) ?? ZERO },
    },
    resource: resource && {
      name: str(field(resource, 'name')),
      target: utilizationTarget(set(field(resource, 'targetAverageUtilization')), set(field(resource, 'targetAverageValue'))),
    },
    containerResource: container && {
      name: str(field(container, 'name')),
      target: utilizationTarget(set(field(container, 'targetAverageUtilization')), set(field(container, 'targetAverageValue'))),
      container: str(field(container, 'container')),
    },
    external: external && {
      metric: metricId(field(external, 'metricName'), field(external, 'metricSelector')),
      target: defined({
        type: externalValue === undefined ? 'AverageValue' : 'Value',
        value: externalValue,
        averageValue: set(field(external, 'targetAverageValue')),
      }),
    },
  });
}

function metricStatusToV2(m: JsonObject): JsonObject {
  const object_ = object(field(m, 'object'));
  const pods = object(field(m, 'pods'));
  const resource = object(field(m, 'resource'));
  const container = object(field(m, 'containerResource'));
  const external = object(field(m, 'external'));
  const resourceCurrent = (r: JsonObject) =>
    defined({
      averageValue: set(field(r, 'currentAverageValue')) ?? ZERO,
      averageUtilization: set(field(r, 'currentAverageUtilization')),
    });
  return defined({
    type: str(field(m, 'type')),
    object: object_ && {
      metric: metricId(field(object_, 'metricName'), field(object_, 'selector')),
      current: defined({ value: set(field(object_, 'currentValue')) ?? ZERO, averageValue: set(field(object_, 'averageValue')) }),
      describedObject: crossVersionRef(field(object_, 'target')),
    },
    pods: pods && {
      metric: metricId(field(pods, 'metricName'), field(pods, 'selector')),
      current: { averageValue: set(field(pods, 'currentAverageValue')) ?? ZERO },
    },
    resource: resource && { name: str(field(resource, 'name')), current: resourceCurrent(resource) },
    containerResource: container && {
      name: str(field(container, 'name')),
      current: resourceCurrent(container),
      container: str(field(container, 'container')),
    },
    external: external && {
      metric: metricId(field(external, 'metricName'), field(external, 'metricSelector')),
      current: defined({
        value: set(field(external, 'currentValue')) ?? ZERO,
        averageValue: set(field(external, 'currentAverageValue')),
      }),
    },
  });
}

function conditionToV2(c: JsonObject): JsonObject {
  return defined({
    type: str(field(c, 'type')),
    status: str(field(c, 'status')),
    lastTransitionTime: set(field(c, 'lastTransitionTime')) ?? null,
    reason: str(field(c, 'reason')) || undefined,
    message: str(field(c, 'message')) || undefined,
  });
}

/** The behavior an annotation carries, or undefined when it is unreadable or empty. */
function behaviorFromAnnotation(text: string): JsonObject | undefined {
  const b = object(parseJson(text));
  if (!b) return undefined;
  const rules = (v: unknown): JsonObject | undefined => {
    const r = object(v);
    if (!r) return undefined;
    const policies = field(r, 'Policies');
    return defined({
      stabilizationWindowSeconds: set(field(r, 'StabilizationWindowSeconds')),
      selectPolicy: set(field(r, 'SelectPolicy')),
      policies: Array.isArray(policies) && policies.length > 0
        ? objects(policies).map((p) => ({ type: str(field(p, 'Type')), value: set(field(p, 'Value')) ?? 0, periodSeconds: set(field(p, 'PeriodSeconds')) ?? 0 }))
        : undefined,
    });
  };
  const behavior = defined({ scaleUp: rules(field(b, 'ScaleUp')), scaleDown: rules(field(b, 'ScaleDown')) });
  return Object.keys(behavior).length > 0 ? behavior : undefined;
}

/** The array an annotation carries as JSON, or undefined when it holds something else. */
function annotationArray(annotations: Record<string, string> | undefined, key: string): JsonObject[] | undefined {
  const text = annotations?.[key];
  if (typeof text !== 'string') return undefined;
  const v = parseJson(text);
  if (v === null) return [];
  return Array.isArray(v) ? objects(v) : undefined;
}

function v1ToV2(obj: KubeObject): KubeObject {
  const spec = object(obj.spec) ?? {};
  const status = object(obj.status) ?? {};
  const annotations = obj.metadata?.annotations;

  let metrics: JsonObject[] = [];
  const cpuTarget = set(spec.targetCPUUtilizationPercentage);
  if (cpuTarget !== undefined) metrics = [cpuUtilizationMetric(cpuTarget)];
  const otherMetrics = annotationArray(annotations, METRIC_SPECS_ANNOTATION);
  // The annotated metrics come first, the CPU target (if any) after them.
  if (otherMetrics) metrics = [...otherMetrics.map(metricSpecToV2), ...metrics];

  const behaviorText = annotations?.[BEHAVIOR_ANNOTATION];
  const behavior = typeof behaviorText === 'string' ? behaviorFromAnnotation(behaviorText) : undefined;

  let currentMetrics: JsonObject[] = [];
  const currentCpu = set(status.currentCPUUtilizationPercentage);
  if (currentCpu !== undefined) {
    currentMetrics = [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: currentCpu } } }];
  }
  // The annotated statuses carry more than the CPU figure, so they replace it.
  const annotatedStatuses = annotationArray(annotations, METRIC_STATUSES_ANNOTATION);
  if (annotatedStatuses) currentMetrics = annotatedStatuses.map(metricStatusToV2);

  if (metrics.length === 0) metrics = [cpuUtilizationMetric(DEFAULT_CPU_UTILIZATION)];

  const conditions = annotationArray(annotations, CONDITIONS_ANNOTATION)?.map(conditionToV2) ?? [];
  const currentReplicas = set(status.currentReplicas);

  return {
    apiVersion: 'autoscaling/v2',
    kind: KIND,
    metadata: withoutRoundTrip(obj.metadata),
    spec: defined({
      scaleTargetRef: crossVersionRef(spec.scaleTargetRef),
      minReplicas: set(spec.minReplicas),
      maxReplicas: set(spec.maxReplicas) ?? 0,
      metrics,
      behavior,
    }),
    status: defined({
      observedGeneration: set(status.observedGeneration),
      lastScaleTime: set(status.lastScaleTime),
      currentReplicas: currentReplicas === 0 ? undefined : currentReplicas,
      desiredReplicas: set(status.desiredReplicas) ?? 0,
      currentMetrics: currentMetrics.length > 0 ? currentMetrics : undefined,
      conditions: conditions.length > 0 ? conditions : undefined,
    }),
  };
}

/** autoscaling/v1 served over autoscaling/v2 storage. */
export const HPA_V1_CONVERTER: VersionConverter = {
  toStorage: (obj) => structuredClone(v1ToV2(obj)),
  fromStorage: (obj) => structuredClone(v2ToV1(obj)),
};
