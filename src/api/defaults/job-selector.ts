// The Job registry strategy's selector generation (not defaulting: Kubernetes does it when it
// prepares a new Job, after admission, once the Job has its name and uid): unless the Job says
// manualSelector: true, its pod template is labelled with the job name and controller uid,
// under both the legacy and the batch.kubernetes.io keys (labels the user already set are
// kept, and validation rejects wrong ones), and its selector matches the controller uid.

import type { KubeObject } from '../meta.js';
import { isObj, struct } from './values.js';

export const JOB_NAME_LABELS = ['job-name', 'batch.kubernetes.io/job-name'] as const;
export const CONTROLLER_UID_LABELS = ['controller-uid', 'batch.kubernetes.io/controller-uid'] as const;
const SELECTOR_LABEL = 'batch.kubernetes.io/controller-uid';

/** Generates the selector and template labels of a Job being created, in place. */
export function generateJobSelector(job: KubeObject, uid: string = job.metadata.uid ?? ''): void {
  const spec = struct(job, 'spec');
  if (!spec || spec.manualSelector === true) return;
  const template = struct(spec, 'template');
  const meta = template && struct(template, 'metadata');
  if (!meta) return;
  if (meta.labels === undefined || meta.labels === null) meta.labels = {};
  const labels = meta.labels;
  if (!isObj(labels)) return;
  const name = job.metadata.name ?? '';
  for (const key of JOB_NAME_LABELS) if (!Object.hasOwn(labels, key)) labels[key] = name;
  for (const key of CONTROLLER_UID_LABELS) if (!Object.hasOwn(labels, key)) labels[key] = uid;
  const selector = struct(spec, 'selector');
  if (!selector) return;
  if (selector.matchLabels === undefined || selector.matchLabels === null) selector.matchLabels = {};
  const matchLabels = selector.matchLabels;
  if (isObj(matchLabels) && !Object.hasOwn(matchLabels, SELECTOR_LABEL)) matchLabels[SELECTOR_LABEL] = uid;
}
