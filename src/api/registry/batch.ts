// batch/v1: jobs and cronjobs, as Kubernetes 1.32 serves them.

import { isPlainObject, type KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { CRONJOB_TABLE } from '../printers/batch/cronjob.js';
import { JOB_TABLE } from '../printers/batch/job.js';
import { STATUS_SUBRESOURCE, resource } from './common.js';

/** status.successful as the job field selector compares it: status.succeeded, 0 when unset. */
function statusSuccessful(obj: KubeObject): string {
  const status = isPlainObject(obj.status) ? obj.status : {};
  return typeof status.succeeded === 'number' ? String(Math.trunc(status.succeeded)) : '0';
}

const group = 'batch';
const versions = ['v1'];

export const BATCH_RESOURCES: readonly ResourceDef[] = [
  resource({
    group,
    versions,
    kind: 'Job',
    plural: 'jobs',
    singular: 'job',
    namespaced: true,
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE],
    table: JOB_TABLE,
    fieldSelectors: { 'status.successful': statusSuccessful },
    generationFields: ['spec'],
  }),
  resource({
    group,
    versions,
    kind: 'CronJob',
    plural: 'cronjobs',
    singular: 'cronjob',
    namespaced: true,
    shortNames: ['cj'],
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE],
    table: CRONJOB_TABLE,
    generationFields: ['spec'],
  }),
];
