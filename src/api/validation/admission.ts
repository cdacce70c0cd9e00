// Validating and mutating webhook configurations (pkg/apis/admissionregistration/validation).
// Each webhook needs a fully qualified (three-segment) name, unique within the configuration,
// well-formed rules, known failure/match/reinvocation policies, a side-effect class of None or
// NoneOnDryRun, a 1–30 s timeout, valid selectors and client config, recognised review
// versions and well-formed match conditions. On update, rules the stored object already broke
// (side effects, review versions, unique names, selector label values) are relaxed so that
// old objects stay editable. Match condition CEL expressions are not compiled.

import type { FieldError } from '../errors.js';
import { validateLabelSelector } from '../labels/index.js';
import { isSet, obj, objs, optNum, optObj, optStr, semanticEqual, str, strs, type Obj } from './access.js';
import { child, duplicate, index, invalid, notSupported, required, tooMany } from './field.js';
import { goTypedStrings } from './go-value.js';
import { validateObjectMetaGeneric } from './meta.js';
import { fullyQualifiedNameErrors, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { allHaveAcceptedVersions, validateClientConfig, validateReviewVersions } from './webhook-client.js';

const FAILURE_POLICIES = ['Fail', 'Ignore'];
const MATCH_POLICIES = ['Equivalent', 'Exact'];
const SIDE_EFFECT_CLASSES = ['None', 'NoneOnDryRun', 'Some', 'Unknown'];
const NO_SIDE_EFFECT_CLASSES = ['None', 'NoneOnDryRun'];
const OPERATIONS = ['*', 'CONNECT', 'CREATE', 'DELETE', 'UPDATE'];
const REINVOCATION_POLICIES = ['IfNeeded', 'Never'];
const SCOPES = ['*', 'Cluster', 'Namespaced'];
const MAX_MATCH_CONDITIONS = 64;

interface Options {
  ignoreMatchConditions: boolean;
  requireNoSideEffects: boolean;
  requireRecognizedAdmissionReviewVersion: boolean;
  requireUniqueWebhookNames: boolean;
  allowInvalidLabelValueInSelector: boolean;
}

const CREATE_OPTIONS: Options = {
  ignoreMatchConditions: false,
  requireNoSideEffects: true,
  requireRecognizedAdmissionReviewVersion: true,
  requireUniqueWebhookNames: true,
  allowInvalidLabelValueInSelector: false,
};

/** IsFullyQualifiedName (three segments). */
function validateWebhookName(name: string, field: string): FieldError[] {
  if (name === '') return [required(field)];
  const msg = fullyQualifiedNameErrors(name, 3);
  return msg === undefined ? [] : [invalid(field, name, msg)];
}

function validateResources(resources: string[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (resources.length === 0) errs.push(required(field));
  const withWildcardSub = new Set<string>();
  const subWithWildcardRes = new Set<string>();
  let doubleWildcard = false;
  let singleWildcard = false;
  let withoutSub = false;
  resources.forEach((resSub, i) => {
    if (resSub === '') {
      errs.push(required(index(field, i)));
      return;
    }
    if (resSub === '*/*') doubleWildcard = true;
    if (resSub === '*') singleWildcard = true;
    const slash = resSub.indexOf('/');
    if (slash < 0) {
      // Kubernetes keeps only the last plain resource's verdict here.
      withoutSub = resSub !== '*';
      return;
    }
    const [res, sub] = [resSub.slice(0, slash), resSub.slice(slash + 1)];
    if (withWildcardSub.has(res)) errs.push(invalid(index(field, i), resSub, `if '${res}/*' is present, must not specify ${resSub}`));
    if (subWithWildcardRes.has(sub)) errs.push(invalid(index(field, i), resSub, `if '*/${sub}' is present, must not specify ${resSub}`));
    if (sub === '*') withWildcardSub.add(res);
    if (res === '*') subWithWildcardRes.add(sub);
  });
  if (resources.length > 1 && doubleWildcard) errs.push(invalid(field, resources, "if '*/*' is present, must not specify other resources"));
  if (singleWildcard && withoutSub) {
    errs.push(invalid(field, resources, "if '*' is present, must not specify other resources without subresources"));
  }
  return errs;
}

function validateRuleWithOperations(rule: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const ops = strs(rule.operations);
  if (ops.length === 0) errs.push(required(child(field, 'operations')));
  if (ops.length > 1 && ops.includes('*')) {
    errs.push(invalid(child(field, 'operations'), goTypedStrings('admissionregistration.OperationType', ops), "if '*' is present, must not specify other operations"));
  }
  ops.forEach((op, i) => {
    if (!OPERATIONS.includes(op)) errs.push(notSupported(index(child(field, 'operations'), i), op, OPERATIONS));
  });
  const groups = strs(rule.apiGroups);
  if (groups.length === 0) errs.push(required(child(field, 'apiGroups')));
  if (groups.length > 1 && groups.includes('*')) errs.push(invalid(child(field, 'apiGroups'), groups, "if '*' is present, must not specify other API groups"));
  const versions = strs(rule.apiVersions);
  if (versions.length === 0) errs.push(required(child(field, 'apiVersions')));
  if (versions.length > 1 && versions.includes('*')) {
    errs.push(invalid(child(field, 'apiVersions'), versions, "if '*' is present, must not specify other API versions"));
  }
  versions.forEach((v, i) => {
    if (v === '') errs.push(required(index(child(field, 'apiVersions'), i)));
  });
  errs.push(...validateResources(strs(rule.resources), child(field, 'resources')));
  const scope = optStr(rule.scope);
  if (scope !== undefined && !SCOPES.includes(scope)) errs.push(notSupported(child(field, 'scope'), scope, SCOPES));
  return errs;
}

function validateMatchConditions(conditions: Obj[], field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (conditions.length > MAX_MATCH_CONDITIONS) errs.push(tooMany(field, conditions.length, MAX_MATCH_CONDITIONS));
  const names = new Set<string>();
  conditions.forEach((mc, i) => {
    const p = index(field, i);
    if (str(mc.expression).trim() === '') errs.push(required(child(p, 'expression')));
    const name = str(mc.name);
    if (name === '') errs.push(required(child(p, 'name')));
    else for (const m of isQualifiedName(name)) errs.push(invalid(child(p, 'name'), name, m));
    if (name !== '') {
      if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
  });
  return errs;
}

function validateWebhook(hook: Obj, mutating: boolean, opts: Options, field: string): FieldError[] {
  const errs = validateWebhookName(str(hook.name), child(field, 'name'));
  objs(hook.rules).forEach((r, i) => errs.push(...validateRuleWithOperations(r, index(child(field, 'rules'), i))));
  const failurePolicy = optStr(hook.failurePolicy);
  if (failurePolicy !== undefined && !FAILURE_POLICIES.includes(failurePolicy)) {
    errs.push(notSupported(child(field, 'failurePolicy'), failurePolicy, FAILURE_POLICIES));
  }
  const matchPolicy = optStr(hook.matchPolicy);
  if (matchPolicy !== undefined && !MATCH_POLICIES.includes(matchPolicy)) errs.push(notSupported(child(field, 'matchPolicy'), matchPolicy, MATCH_POLICIES));
  const allowed = opts.requireNoSideEffects ? NO_SIDE_EFFECT_CLASSES : SIDE_EFFECT_CLASSES;
  const sideEffects = optStr(hook.sideEffects);
  if (sideEffects === undefined) errs.push(required(child(field, 'sideEffects'), `must specify one of ${allowed.join(', ')}`));
  else if (!allowed.includes(sideEffects)) errs.push(notSupported(child(field, 'sideEffects'), sideEffects, allowed));
  const timeout = optNum(hook.timeoutSeconds);
  if (timeout !== undefined && (timeout > 30 || timeout < 1)) {
    errs.push(invalid(child(field, 'timeoutSeconds'), timeout, 'the timeout value must be between 1 and 30 seconds'));
  }
  const selOpts = { allowInvalidLabelValueInSelector: opts.allowInvalidLabelValueInSelector };
  for (const f of ['namespaceSelector', 'objectSelector']) {
    const sel = optObj(hook[f]);
    if (sel) errs.push(...validateLabelSelector(sel, child(field, f), selOpts));
  }
  if (mutating) {
    const reinvocation = optStr(hook.reinvocationPolicy);
    if (reinvocation !== undefined && !REINVOCATION_POLICIES.includes(reinvocation)) {
      errs.push(notSupported(child(field, 'reinvocationPolicy'), reinvocation, REINVOCATION_POLICIES));
    }
  }
  errs.push(...validateClientConfig(obj(hook.clientConfig), child(field, 'clientConfig')));
  if (!opts.ignoreMatchConditions) errs.push(...validateMatchConditions(objs(hook.matchConditions), child(field, 'matchConditions')));
  return errs;
}

function validateConfiguration(cfg: Obj, mutating: boolean, opts: Options): FieldError[] {
  const errs = validateObjectMetaGeneric(cfg.metadata, false, nameIsDNSSubdomain);
  const names = new Set<string>();
  objs(cfg.webhooks).forEach((hook, i) => {
    const p = index('webhooks', i);
    errs.push(...validateWebhook(hook, mutating, opts, p));
    errs.push(...validateReviewVersions(hook.admissionReviewVersions, opts.requireRecognizedAdmissionReviewVersion, child(p, 'admissionReviewVersions')));
    const name = str(hook.name);
    if (opts.requireUniqueWebhookNames && name !== '') {
      if (names.has(name)) errs.push(duplicate(child(p, 'name'), name));
      else names.add(name);
    }
  });
  return errs;
}

function updateOptions(cfg: Obj, old: Obj): Options {
  const hooks = objs(cfg.webhooks);
  const oldHooks = objs(old.webhooks);
  const oldNames = oldHooks.map((h) => str(h.name));
  const selectorInvalid = (h: Obj) =>
    ['namespaceSelector', 'objectSelector'].some((f) => isSet(h[f]) && validateLabelSelector(optObj(h[f]) ?? null, f).length > 0);
  return {
    ignoreMatchConditions: hooks.length === oldHooks.length && hooks.every((h, i) => semanticEqual(h.matchConditions, oldHooks[i]!.matchConditions)),
    requireNoSideEffects: oldHooks.every((h) => NO_SIDE_EFFECT_CLASSES.includes(str(h.sideEffects))),
    requireRecognizedAdmissionReviewVersion: allHaveAcceptedVersions(oldHooks.map((h) => strs(h.admissionReviewVersions))),
    requireUniqueWebhookNames: new Set(oldNames).size === oldNames.length,
    allowInvalidLabelValueInSelector: oldHooks.some(selectorInvalid),
  };
}

export function validateValidatingWebhookConfiguration(cfg: Obj): FieldError[] {
  return validateConfiguration(cfg, false, CREATE_OPTIONS);
}

export function validateValidatingWebhookConfigurationUpdate(cfg: Obj, old: Obj): FieldError[] {
  return validateConfiguration(cfg, false, updateOptions(cfg, old));
}

export function validateMutatingWebhookConfiguration(cfg: Obj): FieldError[] {
  return validateConfiguration(cfg, true, CREATE_OPTIONS);
}

export function validateMutatingWebhookConfigurationUpdate(cfg: Obj, old: Obj): FieldError[] {
  return validateConfiguration(cfg, true, updateOptions(cfg, old));
}
