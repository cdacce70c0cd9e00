// The cronjobs table as Kubernetes 1.32 prints it: SCHEDULE, TIMEZONE ('<none>' when unset),
// SUSPEND as True/False, ACTIVE job count and time since the LAST SCHEDULE; wide adds the job
// template's containers and images and its selector.

import { timestampAge } from '../../duration.js';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells } from '../../registry/common.js';
import { present, text } from '../core/read.js';
import { formatLabelSelector } from '../selector.js';

interface CronJob extends KubeObject {
  spec?: {
    schedule?: string;
    timeZone?: string | null;
    suspend?: boolean | null;
    jobTemplate?: { spec?: { selector?: unknown; template?: { spec?: { containers?: unknown } } } };
  };
  status?: { active?: unknown[]; lastScheduleTime?: string | null };
}

/** A *bool cell as Kubernetes prints it: True, False, or '<unset>' when nil. */
function boolPointer(v: unknown): string {
  if (typeof v !== 'boolean') return '<unset>';
  return v ? 'True' : 'False';
}

function cronJobRow(obj: KubeObject, now: Date): TableCell[] {
  const cj = obj as CronJob;
  const spec = present(cj.spec) ? cj.spec : undefined;
  const status = present(cj.status) ? cj.status : undefined;
  const jobSpec = spec?.jobTemplate?.spec;
  const { names, images } = containerCells(jobSpec?.template?.spec?.containers);
  const last = status?.lastScheduleTime;
  return [
    text(cj.metadata?.name),
    text(spec?.schedule),
    typeof spec?.timeZone === 'string' ? spec.timeZone : '<none>',
    boolPointer(spec?.suspend),
    Array.isArray(status?.active) ? status.active.length : 0,
    typeof last === 'string' ? timestampAge(last, now) : '<none>',
    age(cj, now),
    names,
    images,
    formatLabelSelector(jobSpec?.selector),
  ];
}

export const CRONJOB_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Schedule', 'string', 'When jobs start, in cron syntax.'),
    column('Timezone', 'string', 'The time zone the schedule is read in.'),
    column('Suspend', 'boolean', 'Whether new jobs are held back.'),
    column('Active', 'integer', 'The number of jobs running now.'),
    column('Last Schedule', 'string', 'Time since a job was last started.'),
    AGE_COLUMN,
    column('Containers', 'string', 'The names of the containers in the job template.', 1),
    column('Images', 'string', 'The images of the containers in the job template.', 1),
    column('Selector', 'string', 'The label selector of the job template.', 1),
  ],
  row: cronJobRow,
};
