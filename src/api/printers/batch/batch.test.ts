import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { CRONJOB_TABLE } from './cronjob.js';
import { JOB_TABLE } from './job.js';

const template = { spec: { containers: [{ name: 'pi', image: 'perl:5.34' }] } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': 'u1' } };

const cases: { name: string; table: TablePrinter; obj: KubeObject; row: TableCell[] }[] = [
  {
    name: 'job complete',
    table: JOB_TABLE,
    obj: obj({
      spec: { completions: 1, parallelism: 1, selector, template },
      status: {
        succeeded: 1,
        startTime: '2024-05-01T11:00:00Z',
        completionTime: '2024-05-01T11:00:12Z',
        conditions: [
          { type: 'SuccessCriteriaMet', status: 'True' },
          { type: 'Complete', status: 'True' },
        ],
      },
    }),
    row: ['x', 'Complete', '1/1', '12s', '60m', 'pi', 'perl:5.34', 'batch.kubernetes.io/controller-uid=u1'],
  },
  {
    name: 'job running: duration runs to now',
    table: JOB_TABLE,
    obj: obj({ spec: { completions: 5, template }, status: { succeeded: 2, startTime: '2024-05-01T11:55:00Z' } }),
    row: ['x', 'Running', '2/5', '5m', '60m', 'pi', 'perl:5.34', '<none>'],
  },
  {
    name: 'job failed',
    table: JOB_TABLE,
    obj: obj({ spec: { completions: 1 }, status: { conditions: [{ type: 'FailureTarget', status: 'True' }, { type: 'Failed', status: 'True' }] } }),
    row: ['x', 'Failed', '0/1', '', '60m', '', '', '<none>'],
  },
  {
    name: 'job suspended',
    table: JOB_TABLE,
    obj: obj({ spec: { completions: 3 }, status: { conditions: [{ type: 'Suspended', status: 'True' }] } }),
    row: ['x', 'Suspended', '0/3', '', '60m', '', '', '<none>'],
  },
  {
    name: 'job terminating outranks suspended',
    table: JOB_TABLE,
    obj: obj({ status: { conditions: [{ type: 'Suspended', status: 'True' }] } }, { deletionTimestamp: '2024-05-01T11:59:00Z' }),
    row: ['x', 'Terminating', '0/1', '', '60m', '', '', '<none>'],
  },
  {
    name: 'job failure target',
    table: JOB_TABLE,
    obj: obj({ status: { conditions: [{ type: 'FailureTarget', status: 'True' }] } }),
    row: ['x', 'FailureTarget', '0/1', '', '60m', '', '', '<none>'],
  },
  {
    name: 'job without completions but parallel',
    table: JOB_TABLE,
    obj: obj({ spec: { completions: null, parallelism: 3 }, status: { succeeded: 1, conditions: [{ type: 'Complete', status: 'False' }] } }),
    row: ['x', 'Running', '1/1 of 3', '', '60m', '', '', '<none>'],
  },
  {
    name: 'cronjob',
    table: CRONJOB_TABLE,
    obj: obj({
      spec: { schedule: '*/5 * * * *', timeZone: 'Etc/UTC', suspend: false, jobTemplate: { spec: { template } } },
      status: { active: [{ name: 'j1' }], lastScheduleTime: '2024-05-01T11:58:30Z' },
    }),
    row: ['x', '*/5 * * * *', 'Etc/UTC', 'False', 1, '90s', '60m', 'pi', 'perl:5.34', '<none>'],
  },
  {
    name: 'cronjob never scheduled, suspended, no time zone',
    table: CRONJOB_TABLE,
    obj: obj({ spec: { schedule: '@hourly', suspend: true, jobTemplate: { spec: { selector } } } }),
    row: ['x', '@hourly', '<none>', 'True', 0, '<none>', '60m', '', '', 'batch.kubernetes.io/controller-uid=u1'],
  },
];

for (const c of cases) {
  test(`batch printer: ${c.name}`, () => {
    const row = c.table.row(c.obj, NOW);
    assert.deepEqual(row, c.row);
    assert.equal(row.length, c.table.columns.length);
  });
}
