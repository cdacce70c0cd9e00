// Resource names and quantities: which names a container, a quota or a limit range may use
// (pkg/apis/core/helper's standard sets), ValidateResourceQuantityValue, and the container
// ResourceRequirements rules (requests within limits, extended resources equal, hugepages).
// Quantities arrive as JSON strings or numbers; one that does not parse is skipped here,
// since Kubernetes rejects it while decoding the body, before validation runs.

import type { FieldError } from '../errors.js';
import { isQualifiedName } from '../labels/index.js';
import { Quantity } from '../quantity.js';
import { obj, objs, str } from './access.js';
import { child, duplicate, forbidden, index, invalid, key, notFound, required, withDetail, IS_NEGATIVE_ERROR_MSG, IS_NOT_INTEGER_ERROR_MSG } from './field.js';
import { goQuantity } from './go-value.js';
import { isDNS1123Label } from './names.js';

export function parseQuantity(v: unknown): Quantity | undefined {
  if (typeof v !== 'string' && typeof v !== 'number') return undefined;
  try {
    return Quantity.fromJSON(v);
  } catch {
    return undefined;
  }
}

const HUGEPAGES_PREFIX = 'hugepages-';
const REQUESTS_HUGEPAGES_PREFIX = 'requests.hugepages-';

const STANDARD_CONTAINER = new Set(['cpu', 'memory', 'ephemeral-storage']);
const STANDARD_QUOTA = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers',
  'secrets', 'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers',
]);
const STANDARD = new Set([
  'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage', 'limits.cpu',
  'limits.memory', 'limits.ephemeral-storage', 'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets',
  'configmaps', 'persistentvolumeclaims', 'storage', 'requests.storage', 'services.nodeports', 'services.loadbalancers',
]);
const INTEGER = new Set([
  'pods', 'resourcequotas', 'services', 'replicationcontrollers', 'secrets', 'configmaps', 'persistentvolumeclaims',
  'services.nodeports', 'services.loadbalancers',
]);

export function isHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

function isQuotaHugePageResourceName(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX) || name.startsWith(REQUESTS_HUGEPAGES_PREFIX);
}

/** Unprefixed names and *kubernetes.io/ names are Kubernetes' own. */
export function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

export function isExtendedResourceName(name: string): boolean {
  if (isNativeResource(name) || name.startsWith('requests.')) return false;
  return isQualifiedName(`requests.${name}`).length === 0;
}

export function isOvercommitAllowed(name: string): boolean {
  return isNativeResource(name) && !isHugePageResourceName(name);
}

export function isStandardQuotaResourceName(name: string): boolean {
  return STANDARD_QUOTA.has(name) || isQuotaHugePageResourceName(name);
}

function isIntegerResourceName(name: string): boolean {
  return INTEGER.has(name) || isExtendedResourceName(name);
}

/**
 * ValidateResourceQuantityValue: never negative; counted resources are whole numbers. `raw` is
 * the JSON value the quantity was parsed from (the integer rule prints the Quantity struct).
 */
export function validateResourceQuantityValue(resource: string, q: Quantity, path: string, raw: unknown = q.toString()): FieldError[] {
  const errs: FieldError[] = [];
  if (q.sign() < 0) errs.push(invalid(path, q.toString(), IS_NEGATIVE_ERROR_MSG));
  if (isIntegerResourceName(resource) && q.milliValue() % 1000n !== 0n) errs.push(invalid(path, goQuantity(raw), IS_NOT_INTEGER_ERROR_MSG));
  return errs;
}

export function validateResourceName(name: string, path: string): FieldError[] {
  const errs = isQualifiedName(name).map((msg) => invalid(path, name, msg));
  if (errs.length > 0) return errs;
  if (!name.includes('/') && !(STANDARD.has(name) || isQuotaHugePageResourceName(name))) {
    errs.push(invalid(path, name, 'must be a standard resource type or fully qualified'));
  }
  return errs;
}

export function validateContainerResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/')) {
    if (!(STANDARD_CONTAINER.has(name) || isHugePageResourceName(name))) {
      errs.push(invalid(path, name, 'must be a standard resource for containers'));
    }
  } else if (!isNativeResource(name) && !isExtendedResourceName(name)) {
    errs.push(invalid(path, name, "doesn't follow extended resource name standard"));
  }
  return errs;
}

export function validateResourceQuotaResourceName(name: string, path: string): FieldError[] {
  const errs = validateResourceName(name, path);
  if (!name.includes('/') && !isStandardQuotaResourceName(name)) errs.push(invalid(path, name, 'must be a standard resource for quota'));
  return errs;
}

function hugePageValueError(name: string, q: Quantity): string | undefined {
  const pageSize = parseQuantity(name.slice(HUGEPAGES_PREFIX.length));
  if (!pageSize) return undefined;
  const v = q.value();
  const size = pageSize.value();
  if (size > 0n && v > 0n && v % size === 0n) return undefined;
  return `${q.toString()} is not positive integer multiple of ${name}`;
}

function validateResourceClaimNames(claims: unknown, podClaimNames: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  objs(claims).forEach((claim, i) => {
    const name = str(claim.name);
    const p = index(path, i);
    if (name === '') {
      errs.push(required(p));
      return;
    }
    const request = str(claim.request);
    if (names.has(name)) {
      errs.push(duplicate(p, name));
    } else {
      let k = name;
      if (request !== '') {
        for (const msg of isDNS1123Label(request)) errs.push(invalid(child(p, 'request'), request, msg));
        k += `/${request}`;
      }
      if (names.has(k)) errs.push(duplicate(p, k));
      else if (request === '') {
        for (const existing of names) {
          const slash = existing.indexOf('/');
          if (slash >= 0 && existing.slice(0, slash) === name) errs.push(duplicate(p, name));
        }
      }
      names.add(k);
    }
    if (!podClaimNames.has(name)) {
      const detail =
        podClaimNames.size === 0
          ? 'must be one of the names in pod.spec.resourceClaims which is empty'
          : `must be one of the names in pod.spec.resourceClaims: ${[...podClaimNames].sort().join(', ')}`;
      errs.push(withDetail(notFound(p, name), detail));
    }
  });
  return errs;
}

/** ValidateContainerResourceRequirements. */
export function validateResourceRequirements(requirements: unknown, podClaimNames: ReadonlySet<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const reqs = obj(requirements);
  const limits = obj(reqs.limits);
  const requests = obj(reqs.requests);
  const limPath = child(path, 'limits');
  const reqPath = child(path, 'requests');
  let limCPUOrMemory = false;
  let reqCPUOrMemory = false;
  let limHugePages = false;
  let reqHugePages = false;
  for (const [name, raw] of Object.entries(limits)) {
    const p = key(limPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(raw);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p, raw));
    if (isHugePageResourceName(name)) {
      limHugePages = true;
      const e = hugePageValueError(name, q);
      if (e) errs.push(invalid(p, q.toString(), e));
    }
    if (name === 'cpu' || name === 'memory') limCPUOrMemory = true;
  }
  for (const [name, raw] of Object.entries(requests)) {
    const p = key(reqPath, name);
    errs.push(...validateContainerResourceName(name, p));
    const q = parseQuantity(raw);
    if (!q) continue;
    errs.push(...validateResourceQuantityValue(name, q, p, raw));
    const limit = name in limits ? parseQuantity(limits[name]) : undefined;
    if (name in limits) {
      if (limit) {
        if (q.cmp(limit) !== 0 && !isOvercommitAllowed(name)) {
          errs.push(invalid(reqPath, q.toString(), `must be equal to ${name} limit of ${limit.toString()}`));
        } else if (q.cmp(limit) > 0) {
          errs.push(invalid(reqPath, q.toString(), `must be less than or equal to ${name} limit of ${limit.toString()}`));
        }
      }
    } else if (!isOvercommitAllowed(name)) {
      errs.push(required(limPath, 'Limit must be set for non overcommitable resources'));
    }
    if (isHugePageResourceName(name)) {
      reqHugePages = true;
      const e = hugePageValueError(name, q);
      if (e) errs.push(invalid(p, q.toString(), e));
    }
    if (name === 'cpu' || name === 'memory') reqCPUOrMemory = true;
  }
  if (!limCPUOrMemory && !reqCPUOrMemory && (reqHugePages || limHugePages)) {
    errs.push(forbidden(path, 'HugePages require cpu or memory'));
  }
  errs.push(...validateResourceClaimNames(reqs.claims, podClaimNames, child(path, 'claims')));
  return errs;
}
