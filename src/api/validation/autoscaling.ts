// HorizontalPodAutoscalers, in their autoscaling/v2 storage shape
// (pkg/apis/autoscaling/validation): minReplicas at least 1 (0 is kept only for an HPA that
// already had it, HPAScaleToZero being alpha), maxReplicas positive and not below minReplicas,
// a scale target with path-segment kind and name, metrics whose type matches the one source
// they populate, and scaling behavior rules with bounded windows and periods.

import type { FieldError } from '../errors.js';
import { isSet, obj, objs, optNum, optObj, optStr, str, type Obj } from './access.js';
import { child, forbidden, index, invalid, notSupported, required } from './field.js';
import { goQuantity } from './go-value.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isValidPathSegmentName, nameIsDNSSubdomain } from './names.js';
import { parseQuantity, validateContainerResourceName } from './resources.js';

const MAX_PERIOD_SECONDS = 1800;
const MAX_STABILIZATION_WINDOW_SECONDS = 3600;
const SELECT_POLICIES = ['Disabled', 'Max', 'Min'];
const POLICY_TYPES = ['Percent', 'Pods'];
const METRIC_SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS: Record<string, string> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  External: 'external',
  ContainerResource: 'containerResource',
};

/** ValidateCrossVersionObjectReference. */
function validateCrossVersionObjectReference(refValue: unknown, field: string): FieldError[] {
  const ref = obj(refValue);
  const errs: FieldError[] = [];
  for (const f of ['kind', 'name']) {
    const v = str(ref[f]);
    if (v === '') errs.push(required(child(field, f)));
    else for (const m of isValidPathSegmentName(v)) errs.push(invalid(child(field, f), v, m));
  }
  return errs;
}

function validateMetricIdentifier(idValue: unknown, field: string): FieldError[] {
  const name = str(obj(idValue).name);
  if (name === '') return [required(child(field, 'name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((m) => invalid(child(field, 'name'), name, m));
}

/** A quantity's Sign() != 1: zero, negative, or (unparsable) treated as zero. */
function notPositive(v: unknown): boolean {
  return (parseQuantity(v)?.sign() ?? 0) !== 1;
}

function validateMetricTarget(target: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(target.type);
  if (type === '') errs.push(required(child(field, 'type'), 'must specify a metric target type'));
  if (type !== 'Utilization' && type !== 'Value' && type !== 'AverageValue') {
    errs.push(invalid(child(field, 'type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  for (const f of ['value', 'averageValue']) {
    if (isSet(target[f]) && notPositive(target[f])) errs.push(invalid(child(field, f), goQuantity(target[f]), 'must be positive'));
  }
  const util = optNum(target.averageUtilization);
  if (util !== undefined && util < 1) errs.push(invalid(child(field, 'averageUtilization'), util, 'must be greater than 0'));
  return errs;
}

function validateObjectSource(src: Obj, field: string): FieldError[] {
  const target = obj(src.target);
  const errs = [
    ...validateCrossVersionObjectReference(src.describedObject, child(field, 'describedObject')),
    ...validateMetricIdentifier(src.metric, child(field, 'metric')),
    ...validateMetricTarget(target, child(field, 'target')),
  ];
  if (!isSet(target.value) && !isSet(target.averageValue)) {
    errs.push(required(child(field, 'target', 'averageValue'), 'must set either a target value or averageValue'));
  }
  return errs;
}

function validateExternalSource(src: Obj, field: string): FieldError[] {
  const target = obj(src.target);
  const errs = [...validateMetricIdentifier(src.metric, child(field, 'metric')), ...validateMetricTarget(target, child(field, 'target'))];
  if (!isSet(target.value) && !isSet(target.averageValue)) {
    errs.push(required(child(field, 'target', 'averageValue'), 'must set either a target value for metric or a per-pod target'));
  }
  if (isSet(target.value) && isSet(target.averageValue)) {
    errs.push(forbidden(child(field, 'target', 'value'), 'may not set both a target value for metric and a per-pod target'));
  }
  return errs;
}

function validatePodsSource(src: Obj, field: string): FieldError[] {
  const target = obj(src.target);
  const errs = [...validateMetricIdentifier(src.metric, child(field, 'metric')), ...validateMetricTarget(target, child(field, 'target'))];
  if (!isSet(target.averageValue)) errs.push(required(child(field, 'target', 'averageValue'), 'must specify a positive target averageValue'));
  return errs;
}

function utilizationOrValue(target: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
    errs.push(required(child(field, 'target', 'averageUtilization'), 'must set either a target raw value or a target utilization'));
  }
  if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
    errs.push(forbidden(child(field, 'target', 'averageValue'), 'may not set both a target raw value and a target utilization'));
  }
  return errs;
}

function validateResourceSource(src: Obj, field: string): FieldError[] {
  const target = obj(src.target);
  const errs: FieldError[] = [];
  if (str(src.name) === '') errs.push(required(child(field, 'name'), 'must specify a resource name'));
  errs.push(...validateMetricTarget(target, child(field, 'target')), ...utilizationOrValue(target, field));
  return errs;
}

function validateContainerResourceSource(src: Obj, field: string): FieldError[] {
  const target = obj(src.target);
  const errs: FieldError[] = [];
  const name = str(src.name);
  if (name === '') errs.push(required(child(field, 'name'), 'must specify a resource name'));
  else errs.push(...validateContainerResourceName(name, child(field, 'name')));
  const container = str(src.container);
  if (container === '') errs.push(required(child(field, 'container'), 'must specify a container'));
  else for (const m of isDNS1123Label(container)) errs.push(invalid(child(field, 'container'), container, m));
  errs.push(...validateMetricTarget(target, child(field, 'target')), ...utilizationOrValue(target, field));
  return errs;
}

const SOURCE_VALIDATORS: [string, (src: Obj, field: string) => FieldError[]][] = [
  ['object', validateObjectSource],
  ['external', validateExternalSource],
  ['pods', validatePodsSource],
  ['resource', validateResourceSource],
  ['containerResource', validateContainerResourceSource],
];

function validateMetricSpec(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  if (type === '') errs.push(required(child(field, 'type'), 'must specify a metric source type'));
  if (!METRIC_SOURCE_TYPES.includes(type)) errs.push(notSupported(child(field, 'type'), type, METRIC_SOURCE_TYPES));
  // Only the first populated source is validated; the others are reported below.
  const present: string[] = [];
  for (const [f, validate] of SOURCE_VALIDATORS) {
    const src = optObj(spec[f]);
    if (!src) continue;
    present.push(f);
    if (present.length === 1) errs.push(...validate(src, child(field, f)));
  }
  const expected = SOURCE_FIELDS[type];
  if (expected !== undefined) {
    if (!present.includes(expected)) errs.push(required(child(field, expected), 'must populate information for the given metric source'));
  } else {
    errs.push(notSupported(child(field, 'type'), type, METRIC_SOURCE_TYPES));
  }
  if (present.length !== 1) {
    for (const f of present) if (f !== expected) errs.push(forbidden(child(field, f), 'must populate the given metric source only'));
  }
  return errs;
}

function validateMetrics(metrics: Obj[], minReplicas: number | undefined, field: string): FieldError[] {
  const errs = metrics.flatMap((m, i) => validateMetricSpec(m, index(field, i)));
  if (minReplicas === 0 && !metrics.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(forbidden(field, 'must specify at least one Object or External metric to support scaling to zero replicas'));
  }
  return errs;
}

function validateScalingRules(rules: Obj | undefined, field: string): FieldError[] {
  if (!rules) return [];
  const errs: FieldError[] = [];
  const window = optNum(rules.stabilizationWindowSeconds);
  const windowPath = child(field, 'stabilizationWindowSeconds');
  if (window !== undefined && window < 0) errs.push(invalid(windowPath, window, 'must be greater than or equal to zero'));
  if (window !== undefined && window > MAX_STABILIZATION_WINDOW_SECONDS) {
    errs.push(invalid(windowPath, window, `must be less than or equal to ${MAX_STABILIZATION_WINDOW_SECONDS}`));
  }
  const select = optStr(rules.selectPolicy);
  if (select !== undefined && !SELECT_POLICIES.includes(select)) errs.push(notSupported(child(field, 'selectPolicy'), select, SELECT_POLICIES));
  const policiesPath = child(field, 'policies');
  const policies = objs(rules.policies);
  if (policies.length === 0) errs.push(required(policiesPath, 'must specify at least one Policy'));
  policies.forEach((policy, i) => {
    const p = index(policiesPath, i);
    const type = str(policy.type);
    if (!POLICY_TYPES.includes(type)) errs.push(notSupported(child(p, 'type'), type, POLICY_TYPES));
    const value = optNum(policy.value) ?? 0;
    if (value <= 0) errs.push(invalid(child(p, 'value'), value, 'must be greater than zero'));
    const period = optNum(policy.periodSeconds) ?? 0;
    if (period <= 0) errs.push(invalid(child(p, 'periodSeconds'), period, 'must be greater than zero'));
    if (period > MAX_PERIOD_SECONDS) errs.push(invalid(child(p, 'periodSeconds'), period, `must be less than or equal to ${MAX_PERIOD_SECONDS}`));
  });
  return errs;
}

function validateSpec(specValue: unknown, minReplicasLowerBound: number, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const min = optNum(spec.minReplicas);
  const max = optNum(spec.maxReplicas) ?? 0;
  if (min !== undefined && min < minReplicasLowerBound) {
    errs.push(invalid(child(field, 'minReplicas'), min, `must be greater than or equal to ${minReplicasLowerBound}`));
  }
  if (max < 1) errs.push(invalid(child(field, 'maxReplicas'), max, 'must be greater than 0'));
  if (min !== undefined && max < min) errs.push(invalid(child(field, 'maxReplicas'), max, 'must be greater than or equal to `minReplicas`'));
  errs.push(...validateCrossVersionObjectReference(spec.scaleTargetRef, child(field, 'scaleTargetRef')));
  errs.push(...validateMetrics(objs(spec.metrics), min, child(field, 'metrics')));
  const behavior = optObj(spec.behavior);
  if (behavior) {
    errs.push(...validateScalingRules(optObj(behavior.scaleUp), child(field, 'behavior', 'scaleUp')));
    errs.push(...validateScalingRules(optObj(behavior.scaleDown), child(field, 'behavior', 'scaleDown')));
  }
  return errs;
}

export function validateHorizontalPodAutoscaler(hpa: Obj): FieldError[] {
  return [...validateObjectMeta(hpa.metadata, true, nameIsDNSSubdomain), ...validateSpec(hpa.spec, 1, 'spec')];
}

/** ValidateHorizontalPodAutoscalerUpdate: an HPA already at minReplicas 0 may stay there. */
export function validateHorizontalPodAutoscalerUpdate(hpa: Obj, old: Obj): FieldError[] {
  const lowerBound = optNum(obj(old.spec).minReplicas) === 0 ? 0 : 1;
  return [...validateObjectMetaUpdate(hpa.metadata, old.metadata), ...validateSpec(hpa.spec, lowerBound, 'spec')];
}

/** ValidateScale (the scale subresource of every scalable kind). */
export function validateScale(scale: Obj): FieldError[] {
  const errs = validateObjectMeta(scale.metadata, true, nameIsDNSSubdomain);
  const replicas = optNum(obj(scale.spec).replicas) ?? 0;
  if (replicas < 0) errs.push(invalid('spec.replicas', replicas, 'must be greater than or equal to 0'));
  return errs;
}
