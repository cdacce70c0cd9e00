// Jobs and CronJobs (pkg/apis/batch/validation, Kubernetes 1.32): counts non-negative, a
// template that restarts OnFailure or Never, the generated selector and the labels it puts on
// the template, indexed-job limits, pod failure and success policies, and for CronJobs the
// schedule, time zone and concurrency policy. On update a Job's selector, template (except
// scheduling directives of a suspended job that never started), completion mode and policies
// are immutable; completions may change only for an indexed job, together with parallelism.

import type { FieldError } from '../errors.js';
import { goValue } from '../errors.js';
import { selectorFromObject, validateLabelSelector } from '../labels/index.js';
import { arr, isObj, isSet, num, obj, objs, optNum, optObj, optStr, optStrMap, semanticEqual, str, type Obj } from './access.js';
import { child, duplicate, index, invalid, notSupported, required, tooLong, tooMany, nonNegative, FIELD_IMMUTABLE_ERROR_MSG } from './field.js';
import { goInt32s, goStringMap, goLabelSelector } from './go-value.js';
import { cronScheduleError, isKnownTimeZone } from './cron.js';
import { immutableField, validateHasLabel, validateObjectMeta, validateObjectMetaUpdate } from './meta.js';
import { isDNS1123Label, isDNS1123Subdomain, isQualifiedName, nameIsDNSSubdomain } from './names.js';
import { validatePodTemplateSpec } from './pod.js';

const MAX_PARALLELISM_INDEXED = 100000;
const MAX_FAILED_INDEXES = 100000;
const COMPLETIONS_SOFT_LIMIT = 100000;
const PARALLELISM_LIMIT_HIGH_COMPLETIONS = 10000;
const MAX_FAILED_INDEXES_HIGH_COMPLETIONS = 10000;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_ON_EXIT_CODES_VALUES = 255;
const MAX_ON_POD_CONDITIONS = 20;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES = 20;

const LEGACY_CONTROLLER_UID = 'controller-uid';
const LEGACY_JOB_NAME = 'job-name';
const CONTROLLER_UID = 'batch.kubernetes.io/controller-uid';
const JOB_NAME = 'batch.kubernetes.io/job-name';

const ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];
const CONDITION_STATUSES = ['False', 'True', 'Unknown'];

/** A dereferenced struct pointer's %#v, abbreviated: its fields hold pointers and slices of structs. */
function structShown(typeName: string, v: unknown) {
  return v === undefined || v === null ? null : goValue(`${typeName}{...}`);
}

function validateGeneratedSelector(job: Obj, requirePrefixedLabels: boolean): FieldError[] {
  const spec = obj(job.spec);
  if (spec.manualSelector === true || !isSet(spec.selector)) return [];
  const meta = obj(job.metadata);
  const uid = str(meta.uid);
  const name = str(meta.name);
  const errs: FieldError[] = [];
  if (uid === '') errs.push(required('metadata.uid'));
  const templateMeta = obj(spec.template).metadata;
  errs.push(...validateHasLabel(templateMeta, 'spec.template.metadata', LEGACY_CONTROLLER_UID, uid));
  errs.push(...validateHasLabel(templateMeta, 'spec.template.metadata', LEGACY_JOB_NAME, name));
  const expected: Record<string, string> = {};
  if (requirePrefixedLabels) {
    errs.push(...validateHasLabel(templateMeta, 'spec.template.metadata', CONTROLLER_UID, uid));
    errs.push(...validateHasLabel(templateMeta, 'spec.template.metadata', JOB_NAME, name));
    expected[CONTROLLER_UID] = uid;
    expected[JOB_NAME] = name;
  }
  expected[LEGACY_CONTROLLER_UID] = uid;
  expected[LEGACY_JOB_NAME] = name;
  try {
    if (!selectorFromObject(obj(spec.selector)).matches(expected)) {
      errs.push(invalid('spec.selector', goLabelSelector(spec.selector), '`selector` not auto-generated'));
    }
  } catch {
    // An invalid selector is reported by the spec validation.
  }
  return errs;
}

/** parseIndexInterval / validateIndexesFormat: "0,2-5,7" within [0, completions). */
function indexesFormatError(s: string, completions: number): { error?: string; total: number } {
  if (s.length === 0) return { total: 0 };
  let last: number | undefined;
  let total = 0;
  for (const interval of s.split(',')) {
    const limits = interval.split('-');
    if (limits.length > 2) return { error: `the fragment "${interval}" violates the requirement that an index interval can have at most two parts separated by '-'`, total: 0 };
    const parse = (x: string) => (/^[+-]?[0-9]+$/.test(x) ? Number(x) : undefined);
    const x = parse(limits[0]!);
    if (x === undefined) return { error: `cannot convert string to integer for index: "${limits[0]}"`, total: 0 };
    if (x >= completions) return { error: `too large index: "${limits[0]}"`, total: 0 };
    let y = x;
    if (limits.length > 1) {
      const yy = parse(limits[1]!);
      if (yy === undefined) return { error: `cannot convert string to integer for index: "${limits[1]}"`, total: 0 };
      if (yy >= completions) return { error: `too large index: "${limits[1]}"`, total: 0 };
      if (x >= yy) return { error: `non-increasing order, previous: ${x}, current: ${yy}`, total: 0 };
      y = yy;
    }
    if (last !== undefined && last >= x) return { error: `non-increasing order, previous: ${last}, current: ${x}`, total: 0 };
    total += y - x + 1;
    last = y;
  }
  return { total };
}

function validatePodFailurePolicy(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objs(obj(spec.podFailurePolicy).rules);
  const rulesPath = child(field, 'rules');
  if (rules.length > MAX_POD_FAILURE_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES));
  const template = obj(obj(spec.template).spec);
  const containerNames = new Set([...objs(template.containers), ...objs(template.initContainers)].map((c) => str(c.name)));
  rules.forEach((rule, i) => {
    const rp = index(rulesPath, i);
    const action = str(rule.action);
    if (action === '') errs.push(required(child(rp, 'action'), `valid values: ["Count" "FailIndex" "FailJob" "Ignore"]`));
    else if (action === 'FailIndex') {
      if (!isSet(spec.backoffLimitPerIndex)) errs.push(invalid(child(rp, 'action'), action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!ACTIONS.includes(action)) errs.push(notSupported(child(rp, 'action'), action, ACTIONS));
    const onExit = optObj(rule.onExitCodes);
    if (onExit) {
      const ep = child(rp, 'onExitCodes');
      const op = str(onExit.operator);
      if (op === '') errs.push(required(child(ep, 'operator'), 'valid values: ["In" "NotIn"]'));
      else if (op !== 'In' && op !== 'NotIn') errs.push(notSupported(child(ep, 'operator'), op, ['In', 'NotIn']));
      const cn = optStr(onExit.containerName);
      if (cn !== undefined && !containerNames.has(cn)) {
        errs.push(invalid(child(ep, 'containerName'), cn, 'must be one of the container or initContainer names in the pod template'));
      }
      const values = arr(onExit.values).map(num);
      const vp = child(ep, 'values');
      if (values.length === 0) errs.push(invalid(vp, goInt32s(Array.isArray(onExit.values) ? values : undefined), 'at least one value is required'));
      else if (values.length > MAX_ON_EXIT_CODES_VALUES) errs.push(tooMany(vp, values.length, MAX_ON_EXIT_CODES_VALUES));
      let ordered = true;
      const seen = new Set<number>();
      values.forEach((v, j) => {
        if (op === 'In' && v === 0) errs.push(invalid(index(vp, j), v, 'must not be 0 for the In operator'));
        if (seen.has(v)) errs.push(duplicate(index(vp, j), v));
        else seen.add(v);
        if (j > 0 && values[j - 1]! > v) ordered = false;
      });
      if (!ordered) errs.push(invalid(vp, goInt32s(values), 'must be ordered'));
    }
    const conditions = objs(rule.onPodConditions);
    if (conditions.length > 0) {
      const cp = child(rp, 'onPodConditions');
      if (conditions.length > MAX_ON_POD_CONDITIONS) errs.push(tooMany(cp, conditions.length, MAX_ON_POD_CONDITIONS));
      conditions.forEach((c, j) => {
        const pp = index(cp, j);
        const t = str(c.type);
        for (const m of isQualifiedName(t)) errs.push(invalid(child(pp, 'type'), t, m));
        const status = str(c.status);
        if (status === '') errs.push(required(child(pp, 'status'), 'valid values: ["False" "True" "Unknown"]'));
        else if (!CONDITION_STATUSES.includes(status)) errs.push(notSupported(child(pp, 'status'), status, CONDITION_STATUSES));
      });
    }
    if (onExit && conditions.length > 0) errs.push(invalid(rp, goValue('{}'), 'specifying both OnExitCodes and OnPodConditions is not supported'));
    if (!onExit && conditions.length === 0) errs.push(invalid(rp, goValue('{}'), 'specifying one of OnExitCodes and OnPodConditions is required'));
  });
  return errs;
}

function validateSuccessPolicy(spec: Obj, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objs(obj(spec.successPolicy).rules);
  const rulesPath = child(field, 'rules');
  if (rules.length === 0) errs.push(required(rulesPath, 'at least one rules must be specified when the successPolicy is specified'));
  if (rules.length > MAX_SUCCESS_POLICY_RULES) errs.push(tooMany(rulesPath, rules.length, MAX_SUCCESS_POLICY_RULES));
  const completions = num(spec.completions);
  rules.forEach((rule, i) => {
    const rp = index(rulesPath, i);
    const count = optNum(rule.succeededCount);
    const indexes = optStr(rule.succeededIndexes);
    if (count === undefined && indexes === undefined) errs.push(required(rp, 'at least one of succeededCount or succeededIndexes must be specified'));
    let total = 0;
    if (indexes !== undefined) {
      const ip = child(rp, 'succeededIndexes');
      if (indexes.length > MAX_SUCCEEDED_INDEXES_LENGTH) errs.push(tooLong(ip, MAX_SUCCEEDED_INDEXES_LENGTH));
      const r = indexesFormatError(indexes, completions);
      if (r.error) errs.push(invalid(ip, indexes, `error parsing succeededIndexes: ${r.error}`));
      total = r.total;
    }
    if (count !== undefined) {
      const cp = child(rp, 'succeededCount');
      errs.push(...nonNegative(count, cp));
      if (count > completions) errs.push(invalid(cp, count, `must be less than or equal to ${completions} (the number of specified completions)`));
      if (indexes !== undefined && count > total) {
        errs.push(invalid(cp, count, `must be less than or equal to ${total} (the number of indexes in the specified succeededIndexes field)`));
      }
    }
  });
  return errs;
}

function validateJobSpecCommon(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs: FieldError[] = [];
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) {
    const v = optNum(spec[f]);
    if (v !== undefined) errs.push(...nonNegative(v, child(field, f)));
  }
  const parallelism = optNum(spec.parallelism);
  const completions = optNum(spec.completions);
  const maxFailed = optNum(spec.maxFailedIndexes);
  const blpi = optNum(spec.backoffLimitPerIndex);
  if (maxFailed !== undefined) {
    errs.push(...nonNegative(maxFailed, child(field, 'maxFailedIndexes')));
    if (blpi === undefined) errs.push(required(child(field, 'backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  const managedBy = optStr(spec.managedBy);
  if (managedBy !== undefined) {
    errs.push(...domainPrefixedPath(child(field, 'managedBy'), managedBy));
    if (managedBy.length > MAX_MANAGED_BY_LENGTH) errs.push(tooLong(child(field, 'managedBy'), MAX_MANAGED_BY_LENGTH));
  }
  const mode = optStr(spec.completionMode);
  if (mode !== undefined) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed') errs.push(notSupported(child(field, 'completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') {
      if (completions === undefined) errs.push(required(child(field, 'completions'), 'when completion mode is Indexed'));
      if (parallelism !== undefined && parallelism > MAX_PARALLELISM_INDEXED) {
        errs.push(invalid(child(field, 'parallelism'), parallelism, `must be less than or equal to ${MAX_PARALLELISM_INDEXED} when completion mode is Indexed`));
      }
      if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
        errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
      }
      if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES) {
        errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES}`));
      }
      if (completions !== undefined && completions > COMPLETIONS_SOFT_LIMIT && blpi !== undefined) {
        if (maxFailed === undefined) {
          errs.push(required(child(field, 'maxFailedIndexes'), `must be specified when completions is above ${COMPLETIONS_SOFT_LIMIT}`));
        }
        if (parallelism !== undefined && parallelism > PARALLELISM_LIMIT_HIGH_COMPLETIONS) {
          errs.push(
            invalid(child(field, 'parallelism'), parallelism, `must be less than or equal to ${PARALLELISM_LIMIT_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`),
          );
        }
        if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_HIGH_COMPLETIONS) {
          errs.push(
            invalid(child(field, 'maxFailedIndexes'), maxFailed, `must be less than or equal to ${MAX_FAILED_INDEXES_HIGH_COMPLETIONS} when completions are above ${COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index`),
          );
        }
      }
    }
  }
  if (mode === undefined || mode === 'NonIndexed') {
    if (blpi !== undefined) errs.push(invalid(child(field, 'backoffLimitPerIndex'), blpi, 'requires indexed completion mode'));
    if (maxFailed !== undefined) errs.push(invalid(child(field, 'maxFailedIndexes'), maxFailed, 'requires indexed completion mode'));
  }
  if (isSet(spec.podFailurePolicy)) errs.push(...validatePodFailurePolicy(spec, child(field, 'podFailurePolicy')));
  if (isSet(spec.successPolicy)) {
    if ((mode ?? 'NonIndexed') !== 'Indexed') errs.push(invalid(child(field, 'successPolicy'), goValue('batch.SuccessPolicy{...}'), 'requires indexed completion mode'));
    else errs.push(...validateSuccessPolicy(spec, child(field, 'successPolicy')));
  }
  const rpp = optStr(spec.podReplacementPolicy);
  if (rpp !== undefined) {
    if (isSet(spec.podFailurePolicy)) {
      if (rpp !== 'Failed') errs.push(notSupported(child(field, 'podReplacementPolicy'), rpp, ['Failed']));
    } else if (rpp !== 'Failed' && rpp !== 'TerminatingOrFailed') {
      errs.push(notSupported(child(field, 'podReplacementPolicy'), rpp, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...validatePodTemplateSpec(spec.template, child(field, 'template')));
  const rp = str(obj(obj(spec.template).spec).restartPolicy);
  const rpPath = child(field, 'template', 'spec', 'restartPolicy');
  if (rp === 'Always' || rp === '') errs.push(required(rpPath, 'valid values: "OnFailure", "Never"'));
  else if (rp !== 'OnFailure' && rp !== 'Never') errs.push(notSupported(rpPath, rp, ['OnFailure', 'Never']));
  else if (isSet(spec.podFailurePolicy) && rp !== 'Never') errs.push(invalid(rpPath, rp, 'only "Never" is supported when podFailurePolicy is specified'));
  return errs;
}

/** IsDomainPrefixedPath. */
function domainPrefixedPath(field: string, p: string): FieldError[] {
  if (p.length === 0) return [required(field)];
  const slash = p.indexOf('/');
  if (slash <= 0 || slash === p.length - 1) return [invalid(field, p, 'must be a domain-prefixed path (such as "acme.io/foo")')];
  const host = p.slice(0, slash);
  const path = p.slice(slash + 1);
  const errs = isDNS1123Subdomain(host).map((m) => invalid(field, host, m));
  if (!/^[A-Za-z0-9/\-._~%!$&'()*+,;=:]+$/.test(path)) {
    errs.push(invalid(field, path, "Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"));
  }
  return errs;
}

export function validateJobSpec(specValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const errs = validateJobSpecCommon(spec, field);
  if (!isSet(spec.selector)) errs.push(required(child(field, 'selector')));
  else errs.push(...validateLabelSelector(obj(spec.selector), child(field, 'selector')));
  try {
    const selector = selectorFromObject(isObj(spec.selector) ? spec.selector : null);
    const labels = optStrMap(obj(obj(spec.template).metadata).labels);
    if (!selector.matches(labels ?? {})) {
      errs.push(invalid(child(field, 'template', 'metadata', 'labels'), goStringMap(labels), '`selector` does not match template `labels`'));
    }
  } catch {
    // Reported by ValidateLabelSelector above.
  }
  return errs;
}

function jobCreateChecks(job: Obj, requirePrefixedLabels: boolean): FieldError[] {
  const errs = [...validateObjectMeta(job.metadata, true, nameIsDNSSubdomain), ...validateGeneratedSelector(job, requirePrefixedLabels)];
  errs.push(...validateJobSpec(job.spec, 'spec'));
  const spec = obj(job.spec);
  const completions = optNum(spec.completions);
  if (optStr(spec.completionMode) === 'Indexed' && completions !== undefined && completions > 0) {
    const name = str(obj(job.metadata).name);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(invalid('metadata.name', name, `will not able to create pod with invalid DNS label: ${hostname}`));
    }
  }
  return errs;
}

export function validateJob(job: Obj): FieldError[] {
  return jobCreateChecks(job, true);
}

function mutableSchedulingTemplate(template: Obj, old: Obj): Obj {
  // A suspended job that never started may change its pods' scheduling directives.
  const t = obj(template);
  const spec = obj(t.spec);
  const o = structuredClone(obj(old));
  const os = obj(o.spec);
  const affinity = optObj(spec.affinity);
  const oldAffinity = optObj(os.affinity);
  if (!affinity && oldAffinity) {
    delete oldAffinity.nodeAffinity;
    if (Object.keys(oldAffinity).length === 0) delete os.affinity;
  } else if (affinity && !oldAffinity) {
    os.affinity = isSet(affinity.nodeAffinity) ? { nodeAffinity: affinity.nodeAffinity } : {};
  } else if (affinity && oldAffinity) {
    if (isSet(affinity.nodeAffinity)) oldAffinity.nodeAffinity = affinity.nodeAffinity;
    else delete oldAffinity.nodeAffinity;
  }
  for (const f of ['nodeSelector', 'tolerations', 'schedulingGates']) {
    if (spec[f] === undefined) delete os[f];
    else os[f] = spec[f];
  }
  const om = obj(o.metadata);
  const tm = obj(t.metadata);
  for (const f of ['annotations', 'labels']) {
    if (tm[f] === undefined) delete om[f];
    else om[f] = tm[f];
  }
  o.metadata = om;
  o.spec = os;
  return o;
}

export function validateJobUpdate(job: Obj, old: Obj): FieldError[] {
  const oldSpec = obj(old.spec);
  const oldLabels = optStrMap(obj(obj(oldSpec.template).metadata).labels) ?? {};
  const requirePrefixed = CONTROLLER_UID in oldLabels && JOB_NAME in oldLabels;
  const errs = [...jobCreateChecks(job, requirePrefixed), ...validateObjectMetaUpdate(job.metadata, old.metadata)];
  const spec = obj(job.spec);
  errs.push(...validateJobSpec(spec, 'spec'));
  const completions = optNum(spec.completions);
  if (optStr(spec.completionMode) === 'Indexed') {
    if (!semanticEqual(spec.completions, oldSpec.completions) && completions !== undefined && completions !== optNum(spec.parallelism)) {
      errs.push(invalid('spec.completions', completions, 'can only be modified in tandem with spec.parallelism'));
    }
  } else {
    errs.push(...immutableField(spec.completions ?? null, oldSpec.completions ?? null, 'spec.completions', completions ?? null));
  }
  errs.push(...immutableField(spec.selector, oldSpec.selector, 'spec.selector', goLabelSelector(spec.selector)));
  const suspended = oldSpec.suspend === true;
  const notStarted = !isSet(obj(old.status).startTime);
  const oldTemplate = suspended && notStarted ? mutableSchedulingTemplate(obj(spec.template), obj(oldSpec.template)) : oldSpec.template;
  if (!semanticEqual(spec.template, oldTemplate)) errs.push(invalid('spec.template', goValue('core.PodTemplateSpec{...}'), FIELD_IMMUTABLE_ERROR_MSG));
  errs.push(...immutableField(optStr(spec.completionMode), optStr(oldSpec.completionMode), 'spec.completionMode', optStr(spec.completionMode) ?? null));
  errs.push(...immutableField(spec.podFailurePolicy, oldSpec.podFailurePolicy, 'spec.podFailurePolicy', structShown('batch.PodFailurePolicy', spec.podFailurePolicy)));
  errs.push(...immutableField(optNum(spec.backoffLimitPerIndex), optNum(oldSpec.backoffLimitPerIndex), 'spec.backoffLimitPerIndex', optNum(spec.backoffLimitPerIndex) ?? null));
  errs.push(...immutableField(optStr(spec.managedBy), optStr(oldSpec.managedBy), 'spec.managedBy', optStr(spec.managedBy) ?? null));
  errs.push(...immutableField(spec.successPolicy, oldSpec.successPolicy, 'spec.successPolicy', structShown('batch.SuccessPolicy', spec.successPolicy)));
  return errs;
}

const CONCURRENCY_POLICIES = ['Allow', 'Forbid', 'Replace'];
const TIME_ZONE_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

function validateTimeZone(tz: string | undefined, field: string): FieldError[] {
  if (tz === undefined) return [];
  if (tz === '') return [invalid(field, tz, 'timeZone must be nil or non-empty string')];
  for (const part of tz.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !TIME_ZONE_PART.test(part)) return [invalid(field, tz, `unknown time zone ${tz}`)];
  }
  const errs: FieldError[] = [];
  if (tz.toLowerCase() === 'local') errs.push(invalid(field, tz, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones'));
  if (!isKnownTimeZone(tz)) errs.push(invalid(field, tz, `unknown time zone ${tz}`));
  return errs;
}

function validateJobTemplateSpec(template: unknown, field: string): FieldError[] {
  const spec = obj(obj(template).spec);
  const errs = validateJobSpecCommon(spec, child(field, 'spec'));
  if (isSet(spec.selector)) errs.push(invalid(child(field, 'spec', 'selector'), goLabelSelector(spec.selector), '`selector` will be auto-generated'));
  if (spec.manualSelector === true) errs.push(notSupported(child(field, 'spec', 'manualSelector'), true, ['nil', 'false']));
  return errs;
}

function validateCronJobSpec(specValue: unknown, oldSpecValue: unknown, field: string): FieldError[] {
  const spec = obj(specValue);
  const old = isObj(oldSpecValue) ? oldSpecValue : undefined;
  const errs: FieldError[] = [];
  const schedule = str(spec.schedule);
  const tz = optStr(spec.timeZone);
  if (schedule === '') errs.push(required(child(field, 'schedule')));
  else {
    const allowTZ = old ? str(old.schedule).includes('TZ') : false;
    const parseError = cronScheduleError(schedule);
    if (parseError) errs.push(invalid(child(field, 'schedule'), schedule, parseError));
    if (allowTZ && schedule.includes('TZ') && tz !== undefined) {
      errs.push(invalid(child(field, 'schedule'), schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
    } else if (!allowTZ && schedule.includes('TZ')) {
      errs.push(invalid(child(field, 'schedule'), schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
    }
  }
  const sds = optNum(spec.startingDeadlineSeconds);
  if (sds !== undefined) errs.push(...nonNegative(sds, child(field, 'startingDeadlineSeconds')));
  if (!old || optStr(old.timeZone) !== tz) errs.push(...validateTimeZone(tz, child(field, 'timeZone')));
  const cp = str(spec.concurrencyPolicy);
  if (cp === '') errs.push(required(child(field, 'concurrencyPolicy')));
  else if (!CONCURRENCY_POLICIES.includes(cp)) errs.push(notSupported(child(field, 'concurrencyPolicy'), cp, CONCURRENCY_POLICIES));
  errs.push(...validateJobTemplateSpec(spec.jobTemplate, child(field, 'jobTemplate')));
  for (const f of ['successfulJobsHistoryLimit', 'failedJobsHistoryLimit']) {
    const v = optNum(spec[f]);
    if (v !== undefined) errs.push(...nonNegative(v, child(field, f)));
  }
  return errs;
}

export function validateCronJob(cj: Obj): FieldError[] {
  const errs = [...validateObjectMeta(cj.metadata, true, nameIsDNSSubdomain), ...validateCronJobSpec(cj.spec, undefined, 'spec')];
  const name = str(obj(cj.metadata).name);
  // The controller appends an 11-character suffix to name each Job (63 - 11 = 52).
  if (name.length > 52) errs.push(invalid('metadata.name', name, 'must be no more than 52 characters'));
  return errs;
}

export function validateCronJobUpdate(cj: Obj, old: Obj): FieldError[] {
  return [...validateObjectMetaUpdate(cj.metadata, old.metadata), ...validateCronJobSpec(cj.spec, old.spec, 'spec')];
}


