// The pod controllers: Deployment, ReplicaSet, StatefulSet, DaemonSet and ControllerRevision
// (pkg/apis/apps/validation), and the core ReplicationController, which follows the same
// rules. A controller's selector must be set, non-empty and match its template's labels; the
// template must restart Always; replica and history counts are non-negative; rolling update
// parameters are ints or percentages within bounds. On update the apps/v1 selector is
// immutable (the registry strategies check it), and a StatefulSet may change only replicas,
// ordinals, template, updateStrategy, persistentVolumeClaimRetentionPolicy and minReadySeconds.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { LabelSelector, selectorFromObject, validateLabels, validateLabelSelector } from '../labels/index.js';
import { isObj, isSet, num, obj, optNum, optObj, optStrMap, semanticEqual, str, type Obj } from './access.js';
import { child, forbidden, invalid, notSupported, required, nonNegative, FIELD_IMMUTABLE_ERROR_MSG } from './field.js';
import { goIntOrString, goLabelSelector, goPointer, goStringMap } from './go-value.js';
import { validateAnnotations, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isValidPercent, nameIsDNSLabel, nameIsDNSSubdomain } from './names.js';
import { validatePodSpecificAnnotations, validatePodTemplateSpec } from './pod.js';

/** ValidatePositiveIntOrPercent: a non-negative int, or "N%". */
export function validatePositiveIntOrPercent(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPercent(v).map((m) => invalid(field, goIntOrString(v), m));
  return nonNegative(typeof v === 'number' ? Math.trunc(v) : 0, field);
}

function percentValue(v: unknown): number | undefined {
  if (typeof v !== 'string' || isValidPercent(v).length > 0) return undefined;
  return Number.parseInt(v.slice(0, -1), 10);
}

/** getIntOrPercentValue: the percent's number, an int as is; other strings read as 0. */
function intOrPercentValue(v: unknown): number {
  const p = percentValue(v);
  if (p !== undefined) return p;
  if (typeof v === 'number') return Math.trunc(v);
  if (typeof v === 'string') {
    const n = Number.parseInt(v, 10);
    return Number.isNaN(n) ? 0 : n;
  }
  return 0;
}

export function isNotMoreThan100Percent(v: unknown, field: string): FieldError[] {
  const p = percentValue(v);
  return p === undefined || p <= 100 ? [] : [invalid(field, goIntOrString(v), 'must not be greater than 100%')];
}

/** LabelSelectorAsSelector; undefined when it fails to convert. */
function toSelector(sel: unknown): LabelSelector | undefined {
  try {
    return selectorFromObject(isObj(sel) ? sel : null);
  } catch {
    return undefined;
  }
}

/** The "`selector` does not match template `labels`" check at template.metadata.labels. */
function selectorMatchesTemplate(selector: LabelSelector, template: Obj, templatePath: string): FieldError[] {
  const labels = optStrMap(obj(template.metadata).labels);
  if (!selector.isEmpty() && !selector.matches(labels ?? {})) {
    return [invalid(child(templatePath, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`')];
  }
  return [];
}

/** Selector required, valid, and not empty: what Deployments, ReplicaSets and StatefulSets share. */
function validateRequiredSelector(spec: Obj, field: string, kindWord: string): FieldError[] {
  const sel = optObj(spec.selector);
  if (!sel) return [required(child(field, 'selector'))];
  const errs = validateLabelSelector(sel, child(field, 'selector'));
  const count = Object.keys(obj(sel.matchLabels)).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0);
  if (count === 0) errs.push(invalid(child(field, 'selector'), goLabelSelector(sel), `empty selector is invalid for ${kindWord}`));
  return errs;
}

function restartAlways(template: Obj, templatePath: string, kind: string): FieldError[] {
  const errs: FieldError[] = [];
  const spec = obj(template.spec);
  const rp = str(spec.restartPolicy);
  if (rp !== 'Always') errs.push(notSupported(child(templatePath, 'spec', 'restartPolicy'), rp, ['Always']));
  if (isSet(spec.activeDeadlineSeconds)) {
    errs.push(forbidden(child(templatePath, 'spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${kind} is not Supported`));
  }
  return errs;
}

/** ValidatePodTemplateSpecForStatefulSet: only the template's labels and annotations. Kubernetes
 *  leaves the pod spec unvalidated here (its volumeMounts may name volumeClaimTemplates, which
 *  are not volumes); a bad one fails when the controller creates the pods. */
function validateTemplateForStatefulSet(template: Obj, field: string): FieldError[] {
  const meta = obj(template.metadata);
  return [
    ...validateLabels(optStrMap(meta.labels), child(field, 'labels')),
    ...validateAnnotations(meta.annotations, child(field, 'annotations')),
    ...validatePodSpecificAnnotations(meta.annotations, obj(template.spec), child(field, 'annotations')),
  ];
}

/** ValidatePodTemplateSpecForReplicaSet (Deployments use it too). */
function validateTemplateForReplicaSet(template: unknown, selector: LabelSelector, field: string): FieldError[] {
  const t = obj(template);
  return [...selectorMatchesTemplate(selector, t, field), ...validatePodTemplateSpec(t, field), ...restartAlways(t, field, 'ReplicaSet')];
}

function validateRollingUpdateDeployment(ru: Obj, field: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(field, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(field, 'maxSurge')),
  ];
  if (intOrPercentValue(ru.maxUnavailable) === 0 && intOrPercentValue(ru.maxSurge) === 0) {
    errs.push(invalid(child(field, 'maxUnavailable'), goIntOrString(ru.maxUnavailable), 'may not be 0 when `maxSurge` is 0'));
  }
  errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, child(field, 'maxUnavailable')));
  return errs;
}

function validateDeploymentStrategy(strategy: Obj, field: string): FieldError[] {
  const type = str(strategy.type);
  const ru = optObj(strategy.rollingUpdate);
  switch (type) {
    case 'Recreate':
      return ru ? [forbidden(child(field, 'rollingUpdate'), "may not be specified when strategy `type` is 'Recreate'")] : [];
    case 'RollingUpdate':
      return ru ? validateRollingUpdateDeployment(ru, child(field, 'rollingUpdate')) : [required(child(field, 'rollingUpdate'), 'this should be defaulted and never be nil')];
    default:
      return [notSupported(field, goValue(`apps.DeploymentStrategy{Type:"${type}", RollingUpdate:${ru ? '(*apps.RollingUpdateDeployment)(0xc000000000)' : '(*apps.RollingUpdateDeployment)(nil)'}}`), ['Recreate', 'RollingUpdate'])];
  }
}

export function validateDeploymentSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs = nonNegative(num(spec.replicas), child(field, 'replicas'));
  errs.push(...validateRequiredSelector(spec, field, 'deployment'));
  const selector = toSelector(spec.selector);
  if (!selector) errs.push(invalid(child(field, 'selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, selector, child(field, 'template')));
  errs.push(...validateDeploymentStrategy(obj(spec.strategy), child(field, 'strategy')));
  errs.push(...nonNegative(num(spec.minReadySeconds), child(field, 'minReadySeconds')));
  const rhl = optNum(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...nonNegative(rhl, child(field, 'revisionHistoryLimit')));
  const pds = optNum(spec.progressDeadlineSeconds);
  if (pds !== undefined) {
    errs.push(...nonNegative(pds, child(field, 'progressDeadlineSeconds')));
    if (pds <= num(spec.minReadySeconds)) errs.push(invalid(child(field, 'progressDeadlineSeconds'), pds, 'must be greater than minReadySeconds'));
  }
  return errs;
}

/** The apps/v1 strategies' selector immutability check. */
function selectorImmutable(obj_: Obj, old: Obj): FieldError[] {
  const now = obj(obj_.spec).selector;
  const before = obj(old.spec).selector;
  return semanticEqual(now, before) ? [] : [invalid('spec.selector', goLabelSelector(now), FIELD_IMMUTABLE_ERROR_MSG)];
}

export function validateDeployment(d: Obj): FieldError[] {
  return [...validateObjectMeta(d.metadata, true, nameIsDNSSubdomain), ...validateDeploymentSpec(d.spec, 'spec')];
}

export function validateDeploymentUpdate(d: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(d.metadata, old.metadata), ...validateDeploymentSpec(d.spec, 'spec'), ...selectorImmutable(d, old)];
}

export function validateReplicaSetSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs = [...nonNegative(num(spec.replicas), child(field, 'replicas')), ...nonNegative(num(spec.minReadySeconds), child(field, 'minReadySeconds'))];
  errs.push(...validateRequiredSelector(spec, field, 'deployment'));
  const selector = toSelector(spec.selector);
  if (!selector) errs.push(invalid(child(field, 'selector'), goLabelSelector(spec.selector), 'invalid label selector'));
  else errs.push(...validateTemplateForReplicaSet(spec.template, selector, child(field, 'template')));
  return errs;
}

export function validateReplicaSet(rs: Obj): FieldError[] {
  return [...validateObjectMeta(rs.metadata, true, nameIsDNSSubdomain), ...validateReplicaSetSpec(rs.spec, 'spec')];
}

/** The ReplicaSet strategy validates the object as on create, then as an update. */
export function validateReplicaSetUpdate(rs: Obj, old: Obj): FieldError[] {
  return [
    ...validateReplicaSet(rs),
    ...validateObjectMetaUpdate(rs.metadata, old.metadata),
    ...validateReplicaSetSpec(rs.spec, 'spec'),
    ...selectorImmutable(rs, old),
  ];
}

const PVC_RETENTION = ['Retain', 'Delete'];

export function validateStatefulSetSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  const pmp = str(spec.podManagementPolicy);
  if (pmp === '') errs.push(required(child(field, 'podManagementPolicy')));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') errs.push(invalid(child(field, 'podManagementPolicy'), pmp, "must be 'OrderedReady' or 'Parallel'"));
  const strategy = obj(spec.updateStrategy);
  const ru = optObj(strategy.rollingUpdate);
  const usPath = child(field, 'updateStrategy');
  switch (str(strategy.type)) {
    case '':
      errs.push(required(usPath));
      break;
    case 'OnDelete':
      if (ru) errs.push(invalid(child(usPath, 'rollingUpdate'), goValue(
          `apps.RollingUpdateStatefulSetStrategy{Partition:${num(obj(ru).partition)}, MaxUnavailable:${goPointer('intstr.IntOrString', isSet(obj(ru).maxUnavailable))}}`,
        ), "only allowed for updateStrategy 'RollingUpdate'"));
      break;
    case 'RollingUpdate':
      if (ru) {
        const rp = child(usPath, 'rollingUpdate');
        errs.push(...nonNegative(num(ru.partition), child(rp, 'partition')));
        if (isSet(ru.maxUnavailable)) {
          const mp = child(rp, 'maxUnavailable');
          errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, mp));
          if (intOrPercentValue(ru.maxUnavailable) === 0) errs.push(invalid(mp, goIntOrString(ru.maxUnavailable), 'cannot be 0'));
          errs.push(...isNotMoreThan100Percent(ru.maxUnavailable, mp));
        }
      }
      break;
    default:
      errs.push(invalid(usPath, goValue(`apps.StatefulSetUpdateStrategy{Type:"${str(strategy.type)}", RollingUpdate:(*apps.RollingUpdateStatefulSetStrategy)(nil)}`), "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = optObj(spec.persistentVolumeClaimRetentionPolicy);
  if (retention) {
    for (const f of ['whenDeleted', 'whenScaled']) {
      const v = str(retention[f]);
      if (!PVC_RETENTION.includes(v)) errs.push(notSupported(child(field, 'persistentVolumeClaimRetentionPolicy', f), v, PVC_RETENTION));
    }
  }
  errs.push(...nonNegative(num(spec.replicas), child(field, 'replicas')));
  errs.push(...nonNegative(num(spec.minReadySeconds), child(field, 'minReadySeconds')));
  const ordinals = optObj(spec.ordinals);
  if (ordinals) errs.push(...nonNegative(num(ordinals.start), child(field, 'ordinals.start')));
  errs.push(...validateRequiredSelector(spec, field, 'statefulset'));
  const selector = toSelector(spec.selector);
  const template = obj(spec.template);
  const tPath = child(field, 'template');
  if (!selector) errs.push(invalid(child(field, 'selector'), goLabelSelector(spec.selector), ''));
  else errs.push(...selectorMatchesTemplate(selector, template, tPath), ...validateTemplateForStatefulSet(template, tPath));
  errs.push(...restartAlways(template, tPath, 'StatefulSet'));
  return errs;
}

export function validateStatefulSet(ss: Obj): FieldError[] {
  return [...validateObjectMeta(ss.metadata, true, nameIsDNSLabel), ...validateStatefulSetSpec(ss.spec, 'spec')];
}

const STATEFULSET_UPDATABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

export function validateStatefulSetUpdate(ss: Obj, old: Obj): FieldError[] {
  const errs = [...validateObjectMetaUpdate(ss.metadata, old.metadata), ...validateStatefulSetSpec(ss.spec, 'spec')];
  const now = { ...obj(ss.spec) };
  const before = obj(old.spec);
  for (const f of STATEFULSET_UPDATABLE) {
    if (f in before) now[f] = before[f];
    else delete now[f];
  }
  if (!semanticEqual(now, before)) {
    errs.push(
      forbidden(
        'spec',
        "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ),
    );
  }
  return errs;
}

function validateRollingUpdateDaemonSet(ru: Obj, field: string): FieldError[] {
  const errs = [
    ...validatePositiveIntOrPercent(ru.maxUnavailable, child(field, 'maxUnavailable')),
    ...validatePositiveIntOrPercent(ru.maxSurge, child(field, 'maxSurge')),
    ...isNotMoreThan100Percent(ru.maxUnavailable, child(field, 'maxUnavailable')),
    ...isNotMoreThan100Percent(ru.maxSurge, child(field, 'maxSurge')),
  ];
  const hasUnavailable = intOrPercentValue(ru.maxUnavailable) !== 0;
  const hasSurge = intOrPercentValue(ru.maxSurge) !== 0;
  if (hasUnavailable && hasSurge) errs.push(invalid(child(field, 'maxSurge'), goIntOrString(ru.maxSurge), 'may not be set when maxUnavailable is non-zero'));
  else if (!hasUnavailable && !hasSurge) errs.push(required(child(field, 'maxUnavailable'), 'cannot be 0 when maxSurge is 0'));
  return errs;
}

export function validateDaemonSetSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs = validateLabelSelector(optObj(spec.selector) ?? null, child(field, 'selector'));
  const selector = toSelector(spec.selector);
  const template = obj(spec.template);
  const tPath = child(field, 'template');
  const labels = optStrMap(obj(template.metadata).labels);
  if (selector && !selector.matches(labels ?? {})) {
    errs.push(invalid(child(tPath, 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
  }
  const sel = optObj(spec.selector);
  if (sel && Object.keys(obj(sel.matchLabels)).length + (Array.isArray(sel.matchExpressions) ? sel.matchExpressions.length : 0) === 0) {
    errs.push(invalid(child(field, 'selector'), goLabelSelector(sel), 'empty selector is invalid for daemonset'));
  }
  errs.push(...validatePodTemplateSpec(template, tPath));
  errs.push(...restartAlways(template, tPath, 'DaemonSet'));
  errs.push(...nonNegative(num(spec.minReadySeconds), child(field, 'minReadySeconds')));
  errs.push(...nonNegative(num(spec.templateGeneration), child(field, 'templateGeneration')));
  const strategy = obj(spec.updateStrategy);
  const usPath = child(field, 'updateStrategy');
  switch (str(strategy.type)) {
    case 'OnDelete':
      break;
    case 'RollingUpdate': {
      const ru = optObj(strategy.rollingUpdate);
      if (!ru) errs.push(required(child(usPath, 'rollingUpdate')));
      else errs.push(...validateRollingUpdateDaemonSet(ru, child(usPath, 'rollingUpdate')));
      break;
    }
    default:
      errs.push(notSupported(usPath, goValue(`apps.DaemonSetUpdateStrategy{Type:"${str(strategy.type)}", RollingUpdate:(*apps.RollingUpdateDaemonSet)(nil)}`), ['RollingUpdate', 'OnDelete']));
  }
  const rhl = optNum(spec.revisionHistoryLimit);
  if (rhl !== undefined) errs.push(...nonNegative(rhl, child(field, 'revisionHistoryLimit')));
  return errs;
}

export function validateDaemonSet(ds: Obj): FieldError[] {
  return [...validateObjectMeta(ds.metadata, true, nameIsDNSSubdomain), ...validateDaemonSetSpec(ds.spec, 'spec')];
}

const TEMPLATE_GENERATION_ANNOTATION = 'deprecated.daemonset.template.generation';

/** The internal spec.templateGeneration, which apps/v1 carries in an annotation. */
function templateGeneration(ds: Obj): number | undefined {
  const v = optStrMap(obj(ds.metadata).annotations)?.[TEMPLATE_GENERATION_ANNOTATION];
  return v !== undefined && /^-?\d+$/.test(v) ? Number(v) : undefined;
}

/**
 * The DaemonSet strategy validates the object as on create, then as an update. Kubernetes'
 * strategy bumps the template generation whenever the template changes, so the generation
 * rules only catch clients that edit the annotation; they are skipped when the new object
 * carries none (a strategy that does not track generations).
 */
export function validateDaemonSetUpdate(ds: Obj, old: Obj): FieldError[] {
  const spec = obj(ds.spec);
  const oldSpec = obj(old.spec);
  const errs = [...validateDaemonSet(ds), ...validateObjectMetaUpdate(ds.metadata, old.metadata)];
  const gen = templateGeneration(ds);
  if (gen !== undefined) {
    const oldGen = templateGeneration(old) ?? 0;
    if (gen < oldGen) errs.push(invalid('spec.templateGeneration', gen, 'must not be decremented'));
    const templateUpdated = !semanticEqual(spec.template, oldSpec.template);
    if (gen === oldGen && templateUpdated) errs.push(invalid('spec.templateGeneration', gen, 'must be incremented upon template update'));
    else if (gen > oldGen && !templateUpdated) errs.push(invalid('spec.templateGeneration', gen, 'must not be incremented without template update'));
  }
  errs.push(...validateDaemonSetSpec(spec, 'spec'));
  errs.push(...selectorImmutable(ds, old));
  return errs;
}

export function validateControllerRevision(cr: Obj): FieldError[] {
  const errs = validateObjectMeta(cr.metadata, true, nameIsDNSSubdomain);
  if (cr.data === undefined || cr.data === null) errs.push(required('data', 'data is mandatory'));
  errs.push(...nonNegative(num(cr.revision), 'revision'));
  return errs;
}

export function validateControllerRevisionUpdate(cr: Obj, old: Obj): FieldError[] {
  const errs = [...validateObjectMetaUpdate(cr.metadata, old.metadata), ...validateControllerRevision(cr)];
  if (!semanticEqual(cr.data, old.data)) errs.push(invalid('data', goValue('runtime.RawExtension{...}'), FIELD_IMMUTABLE_ERROR_MSG));
  return errs;
}

/** ReplicationController (core): a map selector, defaulted from the template's labels. */
export function validateReplicationControllerSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs = nonNegative(num(spec.minReadySeconds), child(field, 'minReadySeconds'));
  const selectorMap = optStrMap(spec.selector) ?? {};
  if (Object.keys(selectorMap).length === 0) errs.push(required(child(field, 'selector')));
  errs.push(...nonNegative(num(spec.replicas), child(field, 'replicas')));
  const tPath = child(field, 'template');
  const template = optObj(spec.template);
  if (!template) {
    errs.push(required(tPath));
    return errs;
  }
  const selector = Object.keys(selectorMap).length === 0 ? LabelSelector.EVERYTHING : toSelector({ matchLabels: selectorMap });
  if (selector) errs.push(...selectorMatchesTemplate(selector, template, tPath));
  errs.push(...validatePodTemplateSpec(template, tPath));
  errs.push(...restartAlways(template, tPath, 'ReplicationController'));
  return errs;
}

export function validateReplicationController(rc: Obj): FieldError[] {
  return [...validateObjectMeta(rc.metadata, true, nameIsDNSSubdomain), ...validateReplicationControllerSpec(rc.spec, 'spec')];
}

export function validateReplicationControllerUpdate(rc: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(rc.metadata, old.metadata), ...validateReplicationControllerSpec(rc.spec, 'spec')];
}

