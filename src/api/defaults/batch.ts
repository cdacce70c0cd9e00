// batch/v1 defaults, as Kubernetes 1.32 fills them. Job: completions and parallelism 1 when
// both are unset (parallelism 1 when only it is), backoffLimit 6 (MaxInt32 under
// backoffLimitPerIndex), the Job's labels from its template's when it has none, completionMode
// NonIndexed, suspend false, pod failure policy condition patterns matching status "True",
// podReplacementPolicy (Failed under a pod failure policy, else TerminatingOrFailed:
// JobPodReplacementPolicy is on in 1.32) and manualSelector false. CronJob: concurrencyPolicy
// Allow, suspend false, history limits 3 and 1. Every pod template gets the PodSpec defaults; a
// CronJob's job template gets only those (Kubernetes defaults a Job, not a JobSpec).

import { defaultPodTemplateSpec } from './pod.js';
import {
  defaultPointer,
  defaultString,
  embeddedMeta,
  emptyCollection,
  isNil,
  items,
  nonEmptyObj,
  pointer,
  struct,
  type Obj,
} from './values.js';

const MAX_INT32 = 2147483647;

export const BATCH_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  Job: defaultJob,
  CronJob: defaultCronJob,
};

function defaultJob(job: Obj): void {
  const spec = struct(job, 'spec');
  if (!spec) return;
  if (isNil(spec.completions) && isNil(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  defaultPointer(spec, 'parallelism', 1);
  defaultPointer(spec, 'backoffLimit', isNil(spec.backoffLimitPerIndex) ? 6 : MAX_INT32);

  const template = struct(spec, 'template');
  const templateMeta = template && pointer(template, 'metadata');
  const labels = templateMeta?.labels;
  const meta = pointer(job, 'metadata');
  if (meta && nonEmptyObj(labels) && emptyCollection(meta.labels)) {
    meta.labels = { ...labels };
  }

  defaultPointer(spec, 'completionMode', 'NonIndexed');
  defaultPointer(spec, 'suspend', false);
  const podFailurePolicy = pointer(spec, 'podFailurePolicy');
  if (podFailurePolicy) {
    for (const rule of items(podFailurePolicy, 'rules')) {
      for (const pattern of items(rule, 'onPodConditions')) defaultString(pattern, 'status', 'True');
    }
  }
  defaultPointer(spec, 'podReplacementPolicy', podFailurePolicy ? 'Failed' : 'TerminatingOrFailed');
  defaultPointer(spec, 'manualSelector', false);
  if (template) defaultPodTemplateSpec(template);
}

function defaultCronJob(cj: Obj): void {
  const spec = struct(cj, 'spec');
  if (!spec) return;
  defaultString(spec, 'concurrencyPolicy', 'Allow');
  defaultPointer(spec, 'suspend', false);
  defaultPointer(spec, 'successfulJobsHistoryLimit', 3);
  defaultPointer(spec, 'failedJobsHistoryLimit', 1);
  const jobTemplate = struct(spec, 'jobTemplate');
  if (!jobTemplate) return;
  embeddedMeta(jobTemplate);
  const jobSpec = struct(jobTemplate, 'spec');
  const template = jobSpec && struct(jobSpec, 'template');
  if (template) defaultPodTemplateSpec(template);
}
