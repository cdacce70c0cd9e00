// Leases (pkg/apis/coordination/validation): a DNS-subdomain name, a positive duration and a
// non-negative transition count. The strategy and preferredHolder fields belong to the alpha
// CoordinatedLeaderElection feature, off by default in 1.32, whose strategy drops them before
// validation; they are not checked here.

import type { FieldError } from '../errors.js';
import { obj, optNum, type Obj } from './access.js';
import { invalid } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

function validateLeaseSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const duration = optNum(spec.leaseDurationSeconds);
  if (duration !== undefined && duration <= 0) errs.push(invalid(`${field}.leaseDurationSeconds`, duration, 'must be greater than 0'));
  const transitions = optNum(spec.leaseTransitions);
  if (transitions !== undefined && transitions < 0) {
    errs.push(invalid(`${field}.leaseTransitions`, transitions, 'must be greater than or equal to 0'));
  }
  return errs;
}

export function validateLease(lease: Obj): FieldError[] {
  return [...validateObjectMeta(lease.metadata, true, nameIsDNSSubdomain), ...validateLeaseSpec(lease.spec, 'spec')];
}

/** ValidateLeaseUpdate: metadata update rules and the spec rules; nothing is immutable. */
export function validateLeaseUpdate(lease: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(lease.metadata, old.metadata), ...validateLeaseSpec(lease.spec, 'spec')];
}
