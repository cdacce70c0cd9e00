// RBAC roles and bindings (pkg/apis/rbac/validation). Names only need to be URL path segments.
// A resource rule needs verbs, apiGroups and resources (resourceNames with one resource only),
// a namespaced Role may not grant non-resource URLs; a binding's roleRef must name a Role or
// ClusterRole in rbac.authorization.k8s.io and can never change; subjects are ServiceAccounts
// (with a namespace for cluster bindings), Users or Groups.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { goQuote, validateLabelSelector } from '../labels/index.js';
import { obj, objs, optObj, str, strs, type Obj } from './access.js';
import { child, index, invalid, notSupported, required } from './field.js';
import { validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isValidPathSegmentName, nameIsDNSSubdomain, pathSegmentName } from './names.js';

const GROUP = 'rbac.authorization.k8s.io';

function validatePolicyRule(rule: Obj, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (strs(rule.verbs).length === 0) errs.push(required(child(field, 'verbs'), 'verbs must contain at least one value'));
  const urls = strs(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(invalid(child(field, 'nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (strs(rule.apiGroups).length > 0 || strs(rule.resources).length > 0 || strs(rule.resourceNames).length > 0) {
      errs.push(invalid(child(field, 'nonResourceURLs'), urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (strs(rule.apiGroups).length === 0) errs.push(required(child(field, 'apiGroups'), 'resource rules must supply at least one api group'));
  if (strs(rule.resources).length === 0) errs.push(required(child(field, 'resources'), 'resource rules must supply at least one resource'));
  if (strs(rule.resourceNames).length > 0 && strs(rule.resources).length > 1) {
    errs.push(required(child(field, 'resourceNames'), 'resource names cannot apply to multiple resources'));
  }
  return errs;
}

function validateRules(role: Obj, namespaced: boolean): FieldError[] {
  return objs(role.rules).flatMap((r, i) => validatePolicyRule(r, namespaced, index('rules', i)));
}

export function validateRole(role: Obj): FieldError[] {
  return [...validateObjectMeta(role.metadata, true, pathSegmentName), ...validateRules(role, true)];
}

export function validateRoleUpdate(role: Obj, old: Obj): FieldError[] {
  return [...validateRole(role), ...validateObjectMetaUpdate(role.metadata, old.metadata)];
}

export function validateClusterRole(role: Obj): FieldError[] {
  const errs = validateObjectMeta(role.metadata, false, pathSegmentName);
  const aggregation = optObj(role.aggregationRule);
  if (aggregation) {
    const selectors = objs(aggregation.clusterRoleSelectors);
    if (selectors.length === 0) {
      errs.push(required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
    }
    selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, index('aggregationRule.clusterRoleSelectors', i))));
  }
  errs.push(...validateRules(role, false));
  return errs;
}

export function validateClusterRoleUpdate(role: Obj, old: Obj): FieldError[] {
  return [...validateClusterRole(role), ...validateObjectMetaUpdate(role.metadata, old.metadata)];
}

function validateSubject(subject: Obj, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(subject.name);
  const apiGroup = str(subject.apiGroup);
  if (name === '') errs.push(required(child(field, 'name')));
  switch (str(subject.kind)) {
    case 'ServiceAccount':
      if (name.length > 0) for (const m of nameIsDNSSubdomain(name, false)) errs.push(invalid(child(field, 'name'), name, m));
      if (apiGroup.length > 0) errs.push(notSupported(child(field, 'apiGroup'), apiGroup, ['']));
      if (!namespaced && str(subject.namespace) === '') errs.push(required(child(field, 'namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== GROUP) errs.push(notSupported(child(field, 'apiGroup'), apiGroup, [GROUP]));
      break;
    default:
      errs.push(notSupported(child(field, 'kind'), str(subject.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(binding: Obj, namespaced: boolean): FieldError[] {
  const errs = validateObjectMeta(binding.metadata, namespaced, pathSegmentName);
  const ref = obj(binding.roleRef);
  const apiGroup = str(ref.apiGroup);
  if (apiGroup !== GROUP) errs.push(notSupported('roleRef.apiGroup', apiGroup, [GROUP]));
  const kind = str(ref.kind);
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(kind)) errs.push(notSupported('roleRef.kind', kind, kinds));
  const name = str(ref.name);
  if (name === '') errs.push(required('roleRef.name'));
  else for (const m of isValidPathSegmentName(name)) errs.push(invalid('roleRef.name', name, m));
  objs(binding.subjects).forEach((s, i) => errs.push(...validateSubject(s, namespaced, index('subjects', i))));
  return errs;
}

function roleRefLiteral(ref: Obj) {
  return goValue(`rbac.RoleRef{APIGroup:${goQuote(str(ref.apiGroup))}, Kind:${goQuote(str(ref.kind))}, Name:${goQuote(str(ref.name))}}`);
}

function roleRefUnchanged(binding: Obj, old: Obj): FieldError[] {
  const a = obj(binding.roleRef);
  const b = obj(old.roleRef);
  const same = str(a.apiGroup) === str(b.apiGroup) && str(a.kind) === str(b.kind) && str(a.name) === str(b.name);
  return same ? [] : [invalid('roleRef', roleRefLiteral(a), 'cannot change roleRef')];
}

export function validateRoleBinding(binding: Obj): FieldError[] {
  return validateBinding(binding, true);
}

export function validateRoleBindingUpdate(binding: Obj, old: Obj): FieldError[] {
  return [...validateBinding(binding, true), ...validateObjectMetaUpdate(binding.metadata, old.metadata), ...roleRefUnchanged(binding, old)];
}

export function validateClusterRoleBinding(binding: Obj): FieldError[] {
  return validateBinding(binding, false);
}

export function validateClusterRoleBindingUpdate(binding: Obj, old: Obj): FieldError[] {
  return [...validateBinding(binding, false), ...validateObjectMetaUpdate(binding.metadata, old.metadata), ...roleRefUnchanged(binding, old)];
}
