// PriorityClasses (pkg/apis/scheduling/validation). Names starting "system-" are reserved for
// the two built-in classes with their fixed values; any other class may not exceed one
// billion. The value and the preemption policy never change after creation.

import type { FieldError } from '../errors.js';
import { bool, num, optStr, str, type Obj } from './access.js';
import { forbidden, notSupported, required } from './field.js';
import { immutableField, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';

const SYSTEM_PREFIX = 'system-';
const HIGHEST_USER_DEFINABLE_PRIORITY = 1000000000;
const SYSTEM_CLASSES: readonly { name: string; value: number; globalDefault: boolean }[] = [
  { name: 'system-node-critical', value: 2000001000, globalDefault: false },
  { name: 'system-cluster-critical', value: 2000000000, globalDefault: false },
];
const PREEMPTION_POLICIES = ['PreemptLowerPriority', 'Never'];

/** IsKnownSystemPriorityClass: undefined when acceptable, else the reason. */
function systemClassError(name: string, value: number, globalDefault: boolean): string | undefined {
  const known = SYSTEM_CLASSES.find((c) => c.name === name);
  if (!known) return `${name} is not a known system priority class`;
  if (known.value !== value) return `value of ${name} PriorityClass must be ${known.value}`;
  if (known.globalDefault !== globalDefault) return `globalDefault of ${name} PriorityClass must be ${known.globalDefault}`;
  return undefined;
}

export function validatePriorityClass(pc: Obj): FieldError[] {
  const errs = validateObjectMeta(pc.metadata, false, nameIsDNSSubdomain);
  const name = str((pc.metadata as Obj | undefined)?.name);
  const value = num(pc.value);
  if (name.startsWith(SYSTEM_PREFIX)) {
    const err = systemClassError(name, value, bool(pc.globalDefault));
    if (err !== undefined) {
      errs.push(forbidden('metadata.name', `priority class names with '${SYSTEM_PREFIX}' prefix are reserved for system use only. error: ${err}`));
    }
  } else if (value > HIGHEST_USER_DEFINABLE_PRIORITY) {
    errs.push(forbidden('value', `maximum allowed value of a user defined priority is ${HIGHEST_USER_DEFINABLE_PRIORITY}`));
  }
  const policy = optStr(pc.preemptionPolicy);
  if (policy === '') errs.push(required('preemptionPolicy'));
  else if (policy !== undefined && !PREEMPTION_POLICIES.includes(policy)) errs.push(notSupported('preemptionPolicy', policy, PREEMPTION_POLICIES));
  return errs;
}

/** ValidatePriorityClassUpdate; the strategy also runs the create rules first. */
export function validatePriorityClassUpdate(pc: Obj, old: Obj): FieldError[] {
  const errs = [...validatePriorityClass(pc), ...validateObjectMetaUpdate(pc.metadata, old.metadata)];
  if (num(pc.value) !== num(old.value)) errs.push(forbidden('value', 'may not be changed in an update.'));
  const policy = optStr(pc.preemptionPolicy);
  errs.push(...immutableField(policy, optStr(old.preemptionPolicy), 'preemptionPolicy', policy ?? null));
  return errs;
}
