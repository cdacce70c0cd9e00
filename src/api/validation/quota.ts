// ResourceQuota and LimitRange. Quota keys must be standard quota resources (or qualified
// extended ones) with non-negative, whole-where-counted quantities; scopes must be known, fit
// the resources they limit and not contradict each other, and never change after creation.
// A LimitRange's entries each have a known type, used at most once, with min <= default request
// <= default <= max and ratios of at least 1.

import type { FieldError } from '../errors.js';
import { goValue, type GoValue } from '../errors.js';
import { goQuote } from '../labels/index.js';
import { isQualifiedName } from '../labels/index.js';
import { obj, objs, optObj, str, strs, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid, key, required } from './field.js';
import { goTypedStrings, goQuantity } from './go-value.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import {

  isOvercommitAllowed,
  isStandardQuotaResourceName,
  parseQuantity,
  validateContainerResourceName,
  validateResourceName,
  validateResourceQuantityValue,
  validateResourceQuotaResourceName,
} from './resources.js';
import { Quantity } from '../quantity.js';

const STANDARD_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

function scopeValidForResource(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating':
    case 'NotTerminating':
    case 'NotBestEffort':
    case 'PriorityClass':
      return resource === 'pods' || POD_COMPUTE.has(resource);
    case 'BestEffort':
    case 'CrossNamespacePodAffinity':
      return resource === 'pods';
    default:
      return true;
  }
}

const CONFLICTS = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
];

function validateResourceList(list: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const [k, v] of Object.entries(obj(list))) {
    const p = key(field, k);
    errs.push(...validateResourceQuotaResourceName(k, p));
    const q = parseQuantity(v);
    if (q) errs.push(...validateResourceQuantityValue(k, q, p, v));
  }
  return errs;
}

function validateQuotaSpec(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = validateResourceList(spec.hard, 'spec.hard');
  const hard = Object.keys(obj(spec.hard)).sort();
  const scopes = strs(spec.scopes);
  const scopesShown = goTypedStrings('core.ResourceQuotaScope', Array.isArray(spec.scopes) ? scopes : undefined);
  if (scopes.length > 0) {
    for (const scope of scopes) {
      if (!STANDARD_SCOPES.has(scope)) errs.push(invalid('spec.scopes', scopesShown, 'unsupported scope'));
      for (const k of hard) {
        if (isStandardQuotaResourceName(k) && !scopeValidForResource(scope, k)) errs.push(invalid('spec.scopes', scopesShown, 'unsupported scope applied to resource'));
      }
    }
    for (const pair of CONFLICTS) if (pair.every((s) => scopes.includes(s))) errs.push(invalid('spec.scopes', scopesShown, 'conflicting scopes'));
  }
  const selector = optObj(spec.scopeSelector);
  if (selector) {
    const p = 'spec.scopeSelector.matchExpressions';
    const seen = new Set<string>();
    for (const req of objs(selector.matchExpressions)) {
      const scope = str(req.scopeName);
      const op = str(req.operator);
      if (!STANDARD_SCOPES.has(scope)) errs.push(invalid(child(p, 'scopeName'), scope, 'unsupported scope'));
      for (const k of hard) {
        if (isStandardQuotaResourceName(k) && !scopeValidForResource(scope, k)) {
          errs.push(invalid(p, scopeSelectorText(selector), 'unsupported scope applied to resource'));
        }
      }
      if (['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'].includes(scope) && op !== 'Exists') {
        errs.push(
          invalid(
            child(p, 'operator'),
            op,
            "must be 'Exists' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
          ),
        );
      }
      const values = strs(req.values);
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) errs.push(required(child(p, 'values'), "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector"));
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length !== 0) errs.push(invalid(child(p, 'values'), values, "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector"));
      } else {
        errs.push(invalid(child(p, 'operator'), op, 'not a valid selector operator'));
      }
      seen.add(scope);
    }
    for (const pair of CONFLICTS) if (pair.every((s) => seen.has(s))) errs.push(invalid(p, scopesShown, 'conflicting scopes'));
  }
  return errs;
}

/** %#v of a dereferenced *core.ScopeSelector. */
function scopeSelectorText(selector: Obj): GoValue {
  const reqs = objs(selector.matchExpressions).map((r) => {
    const values = Array.isArray(r.values) ? `[]string{${strs(r.values).map(goQuote).join(', ')}}` : '[]string(nil)';
    return `core.ScopedResourceSelectorRequirement{ScopeName:${goQuote(str(r.scopeName))}, Operator:${goQuote(str(r.operator))}, Values:${values}}`;
  });
  const list = Array.isArray(selector.matchExpressions) ? `[]core.ScopedResourceSelectorRequirement{${reqs.join(', ')}}` : '[]core.ScopedResourceSelectorRequirement(nil)';
  return goValue(`core.ScopeSelector{MatchExpressions:${list}}`);
}

export function validateResourceQuota(rq: Obj): FieldError[] {
  const status = obj(rq.status);
  return [
    ...validateObjectMeta(rq.metadata, true, nameIsDNSSubdomain),
    ...validateQuotaSpec(rq.spec),
    ...validateResourceList(status.hard, 'status.hard'),
    ...validateResourceList(status.used, 'status.used'),
  ];
}

export function validateResourceQuotaUpdate(rq: Obj, old: Obj): FieldError[] {
  const errs = [...validateObjectMetaUpdate(rq.metadata, old.metadata), ...validateQuotaSpec(rq.spec)];
  const now = new Set(strs(obj(rq.spec).scopes));
  const before = new Set(strs(obj(old.spec).scopes));
  if (now.size !== before.size || [...now].some((s) => !before.has(s))) {
    errs.push(invalid('spec.scopes', goTypedStrings('core.ResourceQuotaScope', strs(obj(rq.spec).scopes)), 'field is immutable'));
  }
  return errs;
}

const LIMIT_TYPES = new Set(['Pod', 'Container', 'PersistentVolumeClaim']);

function validateLimitRangeResourceName(type: string, name: string, field: string): FieldError[] {
  return type === 'Pod' || type === 'Container' ? validateContainerResourceName(name, field) : validateResourceName(name, field);
}

/** Go's %f of a float64. */
function goFloatF(n: number): string {
  return Number.isFinite(n) ? n.toFixed(6) : n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
}

export function validateLimitRange(lr: Obj): FieldError[] {
  const errs = validateObjectMeta(lr.metadata, true, nameIsDNSSubdomain);
  const types = new Set<string>();
  objs(obj(lr.spec).limits).forEach((limit, i) => {
    const p = index('spec.limits', i);
    const type = str(limit.type);
    const typeErrs = isQualifiedName(type).map((m) => invalid(child(p, 'type'), type, m));
    if (typeErrs.length === 0 && !type.includes('/') && !LIMIT_TYPES.has(type)) {
      typeErrs.push(invalid(child(p, 'type'), type, 'must be a standard limit type or fully qualified'));
    }
    errs.push(...typeErrs);
    if (types.has(type)) errs.push(duplicate(child(p, 'type'), type));
    types.add(type);
    const keys = new Set<string>();
    const lists: Record<string, Map<string, Quantity>> = { max: new Map(), min: new Map(), default: new Map(), defaultRequest: new Map(), maxLimitRequestRatio: new Map() };
    const collect = (name: string) => {
      for (const [k, v] of Object.entries(obj(limit[name]))) {
        errs.push(...validateLimitRangeResourceName(type, k, key(child(p, name), k)));
        keys.add(k);
        const q = parseQuantity(v);
        if (q) lists[name]!.set(k, q);
      }
    };
    collect('max');
    collect('min');
    if (type === 'Pod') {
      if (Object.keys(obj(limit.default)).length > 0) errs.push(forbidden(child(p, 'default'), "may not be specified when `type` is 'Pod'"));
      if (Object.keys(obj(limit.defaultRequest)).length > 0) errs.push(forbidden(child(p, 'defaultRequest'), "may not be specified when `type` is 'Pod'"));
    } else {
      collect('default');
      collect('defaultRequest');
    }
    if (type === 'PersistentVolumeClaim' && !('storage' in obj(limit.min)) && !('storage' in obj(limit.max))) {
      errs.push(required(child(p, 'limits'), 'either minimum or maximum storage value is required, but neither was provided'));
    }
    collect('maxLimitRequestRatio');
    for (const k of keys) {
      const min = lists.min!.get(k);
      const max = lists.max!.get(k);
      const def = lists.default!.get(k);
      const defReq = lists.defaultRequest!.get(k);
      const ratio = lists.maxLimitRequestRatio!.get(k);
      if (min && max && min.cmp(max) > 0) errs.push(invalid(key(child(p, 'min'), k), goQuantity(obj(limit.min)[k], true), `min value ${min} is greater than max value ${max}`));
      if (defReq && min && min.cmp(defReq) > 0) {
        errs.push(invalid(key(child(p, 'defaultRequest'), k), goQuantity(obj(limit.defaultRequest)[k], true), `min value ${min} is greater than default request value ${defReq}`));
      }
      if (defReq && max && defReq.cmp(max) > 0) {
        errs.push(invalid(key(child(p, 'defaultRequest'), k), goQuantity(obj(limit.defaultRequest)[k], true), `default request value ${defReq} is greater than max value ${max}`));
      }
      if (defReq && def && defReq.cmp(def) > 0) {
        errs.push(invalid(key(child(p, 'defaultRequest'), k), goQuantity(obj(limit.defaultRequest)[k], true), `default request value ${defReq} is greater than default limit value ${def}`));
      }
      if (def && min && min.cmp(def) > 0) errs.push(invalid(key(child(p, 'default'), k), goQuantity(obj(limit.min)[k], true), `min value ${min} is greater than default value ${def}`));
      if (def && max && def.cmp(max) > 0) errs.push(invalid(key(child(p, 'default'), k), goQuantity(obj(limit.max)[k], true), `default value ${def} is greater than max value ${max}`));
      if (ratio && ratio.cmp(Quantity.fromInt(1)) < 0) {
        errs.push(invalid(key(child(p, 'maxLimitRequestRatio'), k), goQuantity(obj(limit.maxLimitRequestRatio)[k], true), `ratio ${ratio} is less than 1`));
      }
      if (ratio && min && max) {
        const maxMilli = BigInt('9223372036854775807') / 1000n;
        let ratioValue = Number(ratio.value());
        let minValue = Number(min.value());
        let maxValue = Number(max.value());
        if (ratio.value() < maxMilli && min.value() < maxMilli && max.value() < maxMilli) {
          ratioValue = Number(ratio.milliValue()) / 1000;
          minValue = Number(min.milliValue());
          maxValue = Number(max.milliValue());
        }
        const limitRatio = maxValue / minValue;
        if (ratioValue > limitRatio) {
          errs.push(invalid(key(child(p, 'maxLimitRequestRatio'), k), goQuantity(obj(limit.maxLimitRequestRatio)[k], true), `ratio ${ratio} is greater than max/min = ${goFloatF(limitRatio)}`));
        }
      }
      if (!isOvercommitAllowed(k) && def && defReq && def.cmp(defReq) !== 0) {
        errs.push(invalid(key(child(p, 'defaultRequest'), k), goQuantity(obj(limit.defaultRequest)[k], true), `default value ${def} must equal to defaultRequest value ${defReq} in ${k}`));
      }
    }
  });
  return errs;
}

/** The LimitRange strategy validates an update like a create (the registry checks metadata). */
export function validateLimitRangeUpdate(lr: Obj): FieldError[] {
  return validateLimitRange(lr);
}

