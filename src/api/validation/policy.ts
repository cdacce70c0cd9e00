// PodDisruptionBudgets (ValidatePodDisruptionBudget): minAvailable or maxUnavailable, not
// both, each a non-negative int or a percent up to 100%, a valid selector and a known unhealthy
// pod eviction policy. The PDB strategy validates no metadata itself; the registry's generic
// checks cover the name.

import type { FieldError } from '../errors.js';

import { validateLabelSelector } from '../labels/index.js';
import { isSet, obj, optObj, optStr, type Obj } from './access.js';
import { child, invalid, notSupported } from './field.js';
import { goPointer, goStruct } from './go-value.js';
import { isNotMoreThan100Percent, validatePositiveIntOrPercent } from './apps.js';

export function validatePodDisruptionBudget(pdb: Obj): FieldError[] {
  const spec = obj(pdb.spec);
  const errs: FieldError[] = [];
  if (isSet(spec.minAvailable) && isSet(spec.maxUnavailable)) {
    const shown = goStruct('policy.PodDisruptionBudgetSpec', [
      ['MinAvailable', goPointer('intstr.IntOrString', true)],
      ['Selector', goPointer('v1.LabelSelector', isSet(spec.selector))],
      ['MaxUnavailable', goPointer('intstr.IntOrString', true)],
      ['UnhealthyPodEvictionPolicy', goPointer('policy.UnhealthyPodEvictionPolicyType', isSet(spec.unhealthyPodEvictionPolicy))],
    ]);
    errs.push(invalid('spec', shown, 'minAvailable and maxUnavailable cannot be both set'));
  }
  for (const f of ['minAvailable', 'maxUnavailable']) {
    if (!isSet(spec[f])) continue;
    errs.push(...validatePositiveIntOrPercent(spec[f], child('spec', f)), ...isNotMoreThan100Percent(spec[f], child('spec', f)));
  }
  errs.push(...validateLabelSelector(optObj(spec.selector) ?? null, 'spec.selector'));
  const policy = optStr(spec.unhealthyPodEvictionPolicy);
  if (policy !== undefined && policy !== 'AlwaysAllow' && policy !== 'IfHealthyBudget') {
    errs.push(notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}

