// The jobs table as Kubernetes 1.32 prints it: STATUS from the job's conditions (Complete,
// Failed, Terminating, Suspended, FailureTarget, else Running), COMPLETIONS as succeeded out of
// wanted, DURATION from start to completion (or to now while running); wide adds the template's
// containers and images and the selector.

import { humanDuration } from '../../duration.js';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells } from '../../registry/common.js';
import { instant, int, present, records, text } from '../core/read.js';
import { formatLabelSelector } from '../selector.js';

interface JobCondition {
  type?: string;
  status?: string;
}

interface Job extends KubeObject {
  spec?: {
    completions?: number | null;
    parallelism?: number | null;
    selector?: unknown;
    template?: { spec?: { containers?: unknown } };
  };
  status?: { succeeded?: number; startTime?: string; completionTime?: string; conditions?: JobCondition[] };
}

/** Whether the first condition of the type is true, as Kubernetes' printer decides it. */
function hasCondition(conditions: JobCondition[], type: string): boolean {
  const c = conditions.find((x) => text(x.type) === type);
  return c !== undefined && text(c.status) === 'True';
}

function jobStatus(job: Job, conditions: JobCondition[]): string {
  if (hasCondition(conditions, 'Complete')) return 'Complete';
  if (hasCondition(conditions, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (hasCondition(conditions, 'Suspended')) return 'Suspended';
  if (hasCondition(conditions, 'FailureTarget')) return 'FailureTarget';
  return 'Running';
}

function completions(job: Job): string {
  const succeeded = int(job.status?.succeeded);
  const wanted = job.spec?.completions;
  if (typeof wanted === 'number') return `${succeeded}/${int(wanted)}`;
  // Without completions a job is done when any pod succeeds; parallelism says how many try.
  const parallelism = int(job.spec?.parallelism);
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

function duration(job: Job, now: Date): string {
  const start = instant(job.status?.startTime);
  if (start === undefined) return '';
  const end = instant(job.status?.completionTime) ?? now.getTime();
  return humanDuration(end - start);
}

function jobRow(obj: KubeObject, now: Date): TableCell[] {
  const raw = obj as Job;
  // Read through a view whose spec and status are objects or absent, never something odd.
  const job: Job = { ...raw, spec: present(raw.spec) ? raw.spec : undefined, status: present(raw.status) ? raw.status : undefined };
  const { names, images } = containerCells(job.spec?.template?.spec?.containers);
  return [
    text(job.metadata?.name),
    jobStatus(job, records(job.status?.conditions)),
    completions(job),
    duration(job, now),
    age(job, now),
    names,
    images,
    formatLabelSelector(job.spec?.selector),
  ];
}

export const JOB_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'Whether the job is running, complete, failed or suspended.'),
    column('Completions', 'string', 'Pods that succeeded out of pods needed.'),
    column('Duration', 'string', 'How long the job ran, or has been running.'),
    AGE_COLUMN,
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images of the containers in the pod template.', 1),
    column('Selector', 'string', 'The label selector of the pods the job manages.', 1),
  ],
  row: jobRow,
};
