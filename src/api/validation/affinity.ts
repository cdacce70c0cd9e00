// Where a pod may run: node selector terms, node affinity, pod (anti-)affinity terms,
// tolerations, node taints and topology spread constraints, with Kubernetes' messages. The
// preferred node affinity terms tolerate invalid label values (they can still match), the
// required ones do not.

import { goValue, type FieldError } from '../errors.js';
import { goQuote, isValidLabelValue, validateLabelName, validateLabelSelector } from '../labels/index.js';
import { arr, isSet, num, obj, objs, optNum, optObj, optStr, str, strs, type Obj } from './access.js';
import { child, duplicate, forbidden, index, invalid, notSupported, required, withDetail, IS_NOT_POSITIVE_ERROR_MSG } from './field.js';
import { nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';

export function validateNodeSelectorRequirement(rq: Obj, allowInvalidValues: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = strs(rq.values);
  const op = str(rq.operator);
  switch (op) {
    case 'In':
    case 'NotIn':
      if (values.length === 0) errs.push(required(child(field, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) errs.push(forbidden(child(field, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) errs.push(required(child(field, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(invalid(child(field, 'operator'), op, 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(rq.key), child(field, 'key')));
  if (!allowInvalidValues) {
    values.forEach((v, i) => {
      for (const msg of isValidLabelValue(v)) errs.push(invalid(index(child(field, 'values'), i), v, msg));
    });
  }
  return errs;
}

function validateNodeFieldSelectorRequirement(rq: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const values = strs(rq.values);
  const op = str(rq.operator);
  if (op === 'In' || op === 'NotIn') {
    if (values.length !== 1) {
      errs.push(required(child(field, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    }
  } else {
    errs.push(invalid(child(field, 'operator'), op, 'not a valid selector operator'));
  }
  const k = str(rq.key);
  if (k !== 'metadata.name') errs.push(invalid(child(field, 'key'), k, 'not a valid field selector key'));
  else {
    values.forEach((v, i) => {
      for (const msg of nameIsDNSSubdomain(v, false)) errs.push(invalid(index(child(field, 'values'), i), v, msg));
    });
  }
  return errs;
}

export function validateNodeSelectorTerm(term: Obj, allowInvalidValues: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(term.matchExpressions).forEach((rq, j) =>
    errs.push(...validateNodeSelectorRequirement(rq, allowInvalidValues, index(child(field, 'matchExpressions'), j))),
  );
  objs(term.matchFields).forEach((rq, j) => errs.push(...validateNodeFieldSelectorRequirement(rq, index(child(field, 'matchFields'), j))));
  return errs;
}

export function validateNodeSelector(selector: Obj, allowInvalidValues: boolean, field: string): FieldError[] {
  const terms = objs(selector.nodeSelectorTerms);
  const termsPath = child(field, 'nodeSelectorTerms');
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((t, i) => validateNodeSelectorTerm(t, allowInvalidValues, index(termsPath, i)));
}

function validateWeight(weight: number, field: string): FieldError[] {
  return weight <= 0 || weight > 100 ? [invalid(field, weight, 'must be in the range 1-100')] : [];
}

function validateLabelKeys(field: string, keys: string[], selector: Obj | undefined): FieldError[] {
  if (keys.length === 0) return [];
  if (!selector) return [forbidden(field, 'must not be specified when labelSelector is not set')];
  return keys.flatMap((k, i) => validateLabelName(k, index(field, i)));
}

function validatePodAffinityTerm(term: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const selector = optObj(term.labelSelector);
  errs.push(...validateLabelSelector(selector ?? null, child(field, 'labelSelector')));
  errs.push(...validateLabelSelector(optObj(term.namespaceSelector) ?? null, child(field, 'namespaceSelector')));
  for (const ns of strs(term.namespaces)) {
    for (const msg of nameIsDNSLabel(ns, false)) errs.push(invalid(child(field, 'namespace'), ns, msg));
  }
  const matchKeys = strs(term.matchLabelKeys);
  const mismatchKeys = strs(term.mismatchLabelKeys);
  errs.push(...validateLabelKeys(child(field, 'matchLabelKeys'), matchKeys, selector));
  errs.push(...validateLabelKeys(child(field, 'mismatchLabelKeys'), mismatchKeys, selector));
  if (selector) {
    const matchIndex = new Map(matchKeys.map((k, i) => [k, i] as const));
    const selectorKeys = new Set(Object.keys(obj(selector.matchLabels)));
    for (const expr of objs(selector.matchExpressions)) {
      const k = str(expr.key);
      const i = matchIndex.get(k);
      // The key came from matchLabelKeys and appears in the selector already.
      if (i !== undefined && selectorKeys.has(k)) errs.push(invalid(index(field, i), k, 'exists in both matchLabelKeys and labelSelector'));
      selectorKeys.add(k);
    }
  }
  const mismatch = new Set(mismatchKeys);
  matchKeys.forEach((k, i) => {
    if (mismatch.has(k)) errs.push(invalid(index(child(field, 'matchLabelKeys'), i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'));
  });
  const topologyKey = str(term.topologyKey);
  if (topologyKey === '') errs.push(required(child(field, 'topologyKey'), 'can not be empty'));
  errs.push(...validateLabelName(topologyKey, child(field, 'topologyKey')));
  return errs;
}

function validatePodAffinityGroup(group: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(group.requiredDuringSchedulingIgnoredDuringExecution).forEach((t, i) =>
    errs.push(...validatePodAffinityTerm(t, index(child(field, 'requiredDuringSchedulingIgnoredDuringExecution'), i))),
  );
  objs(group.preferredDuringSchedulingIgnoredDuringExecution).forEach((w, j) => {
    const p = index(child(field, 'preferredDuringSchedulingIgnoredDuringExecution'), j);
    errs.push(...validateWeight(num(w.weight), child(p, 'weight')));
    errs.push(...validatePodAffinityTerm(obj(w.podAffinityTerm), child(p, 'podAffinityTerm')));
  });
  return errs;
}

export function validateAffinity(affinity: unknown, field: string): FieldError[] {
  const a = optObj(affinity);
  if (!a) return [];
  const errs: FieldError[] = [];
  const na = optObj(a.nodeAffinity);
  if (na) {
    const p = child(field, 'nodeAffinity');
    const req = optObj(na.requiredDuringSchedulingIgnoredDuringExecution);
    if (req) errs.push(...validateNodeSelector(req, false, child(p, 'requiredDuringSchedulingIgnoredDuringExecution')));
    objs(na.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
      const tp = index(child(p, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      errs.push(...validateWeight(num(t.weight), child(tp, 'weight')));
      errs.push(...validateNodeSelectorTerm(obj(t.preference), true, child(tp, 'preference')));
    });
  }
  const pa = optObj(a.podAffinity);
  if (pa) errs.push(...validatePodAffinityGroup(pa, child(field, 'podAffinity')));
  const paa = optObj(a.podAntiAffinity);
  if (paa) errs.push(...validatePodAffinityGroup(paa, child(field, 'podAntiAffinity')));
  return errs;
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTaintEffect(effect: string, allowEmpty: boolean, field: string): FieldError[] {
  if (!allowEmpty && effect === '') return [required(field)];
  return TAINT_EFFECTS.includes(effect) ? [] : [notSupported(field, effect, TAINT_EFFECTS)];
}

export function validateTolerations(tolerations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objs(tolerations).forEach((t, i) => {
    const p = index(field, i);
    const k = str(t.key);
    const op = str(t.operator);
    const value = str(t.value);
    const effect = str(t.effect);
    if (k.length > 0) errs.push(...validateLabelName(k, child(p, 'key')));
    if (k.length === 0 && op !== 'Exists') {
      errs.push(invalid(child(p, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (isSet(t.tolerationSeconds) && effect !== 'NoExecute') {
      errs.push(invalid(child(p, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    switch (op) {
      case 'Equal':
      case '': {
        const msgs = isValidLabelValue(value);
        if (msgs.length > 0) errs.push(invalid(child(p, 'operator'), value, msgs.join(';')));
        break;
      }
      case 'Exists':
        if (value.length > 0) errs.push(invalid(child(p, 'operator'), value, "value must be empty when `operator` is 'Exists'"));
        break;
      default:
        errs.push(notSupported(child(p, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect.length > 0) errs.push(...validateTaintEffect(effect, true, child(p, 'effect')));
  });
  return errs;
}

/** %#v of a core.Taint, for the duplicate-taint error. */
function taintLiteral(t: Obj): string {
  const added = isSet(t.timeAdded) ? '(*v1.Time)(0xc000000000)' : '(*v1.Time)(nil)';
  return `core.Taint{Key:${goQuote(str(t.key))}, Value:${goQuote(str(t.value))}, Effect:${goQuote(str(t.effect))}, TimeAdded:${added}}`;
}

export function validateNodeTaints(taints: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const seen = new Map<string, Set<string>>();
  objs(taints).forEach((t, i) => {
    const p = index(field, i);
    const k = str(t.key);
    const effect = str(t.effect);
    errs.push(...validateLabelName(k, child(p, 'key')));
    const msgs = isValidLabelValue(str(t.value));
    if (msgs.length > 0) errs.push(invalid(child(p, 'value'), str(t.value), msgs.join(';')));
    errs.push(...validateTaintEffect(effect, false, child(p, 'effect')));
    const keys = seen.get(effect) ?? new Set<string>();
    if (keys.has(k)) {
      errs.push(withDetail(duplicate(p, goValue(taintLiteral(t))), 'taints must be unique by key and effect pair'));
      return;
    }
    keys.add(k);
    seen.set(effect, keys);
  });
  return errs;
}

const SCHEDULE_ACTIONS = ['DoNotSchedule', 'ScheduleAnyway'];
const NODE_INCLUSION_POLICIES = ['Honor', 'Ignore'];

export function validateTopologySpreadConstraints(constraints: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const list = objs(constraints);
  list.forEach((c, i) => {
    const p = index(field, i);
    const maxSkew = num(c.maxSkew);
    if (maxSkew <= 0) errs.push(invalid(child(p, 'maxSkew'), maxSkew, IS_NOT_POSITIVE_ERROR_MSG));
    const topologyKey = str(c.topologyKey);
    if (topologyKey === '') errs.push(required(child(p, 'topologyKey'), 'can not be empty'));
    const action = str(c.whenUnsatisfiable);
    if (!SCHEDULE_ACTIONS.includes(action)) errs.push(notSupported(child(p, 'whenUnsatisfiable'), action, SCHEDULE_ACTIONS));
    for (const rest of list.slice(i + 1)) {
      if (str(rest.topologyKey) === topologyKey && str(rest.whenUnsatisfiable) === action) {
        errs.push(duplicate(child(p, '{topologyKey, whenUnsatisfiable}'), `{${topologyKey}, ${action}}`));
        break;
      }
    }
    const minDomains = optNum(c.minDomains);
    if (minDomains !== undefined) {
      if (minDomains <= 0) errs.push(invalid(child(p, 'minDomains'), minDomains, IS_NOT_POSITIVE_ERROR_MSG));
      if (action !== 'DoNotSchedule') {
        errs.push(invalid(child(p, 'minDomains'), minDomains, `can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ${action}`));
      }
    }
    for (const policy of ['nodeAffinityPolicy', 'nodeTaintsPolicy']) {
      const v = optStr(c[policy]);
      if (v !== undefined && !NODE_INCLUSION_POLICIES.includes(v)) errs.push(notSupported(child(p, policy), v, NODE_INCLUSION_POLICIES));
    }
    const selector = optObj(c.labelSelector);
    const matchKeys = strs(c.matchLabelKeys);
    if (matchKeys.length > 0) {
      const mp = child(p, 'matchLabelKeys');
      const selectorKeys = new Set<string>();
      if (selector) {
        for (const k of Object.keys(obj(selector.matchLabels))) selectorKeys.add(k);
        for (const e of arr(selector.matchExpressions)) selectorKeys.add(str(obj(e).key));
      } else {
        errs.push(forbidden(mp, 'must not be specified when labelSelector is not set'));
      }
      matchKeys.forEach((k, j) => {
        errs.push(...validateLabelName(k, index(mp, j)));
        if (selectorKeys.has(k)) errs.push(invalid(index(mp, j), k, 'exists in both matchLabelKeys and labelSelector'));
      });
    }
    errs.push(...validateLabelSelector(selector ?? null, child(p, 'labelSelector')));
  });
  return errs;
}
