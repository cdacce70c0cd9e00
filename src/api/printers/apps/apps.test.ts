import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { CONTROLLERREVISION_TABLE } from './controllerrevision.js';
import { DAEMONSET_TABLE } from './daemonset.js';
import { DEPLOYMENT_TABLE } from './deployment.js';
import { REPLICASET_TABLE } from './replicaset.js';
import { STATEFULSET_TABLE } from './statefulset.js';

const template = {
  spec: {
    containers: [
      { name: 'web', image: 'nginx:1.27' },
      { name: 'log', image: 'busybox' },
    ],
    nodeSelector: { 'kubernetes.io/os': 'linux', disk: 'ssd' },
  },
};

const cases: { name: string; table: TablePrinter; obj: KubeObject; row: TableCell[] }[] = [
  {
    name: 'deployment',
    table: DEPLOYMENT_TABLE,
    obj: obj({
      spec: { replicas: 3, selector: { matchLabels: { app: 'web' } }, template },
      status: { replicas: 3, updatedReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    }),
    row: ['x', '2/3', 3, 2, '60m', 'web,log', 'nginx:1.27,busybox', 'app=web'],
  },
  {
    name: 'deployment with an empty selector prints it empty',
    table: DEPLOYMENT_TABLE,
    obj: obj({ spec: { replicas: 1, selector: {} } }),
    row: ['x', '0/1', 0, 0, '60m', '', '', ''],
  },
  {
    name: 'deployment with an invalid selector',
    table: DEPLOYMENT_TABLE,
    obj: obj({ spec: { selector: { matchExpressions: [{ key: 'a', operator: 'Bogus' }] } } }),
    row: ['x', '0/0', 0, 0, '60m', '', '', '<invalid>'],
  },
  {
    name: 'replicaset',
    table: REPLICASET_TABLE,
    obj: obj({
      spec: { replicas: 2, selector: { matchLabels: { app: 'web', 'pod-template-hash': 'abc' } }, template },
      status: { replicas: 2, readyReplicas: 1 },
    }),
    row: ['x', 2, 2, 1, '60m', 'web,log', 'nginx:1.27,busybox', 'app=web,pod-template-hash=abc'],
  },
  {
    name: 'replicaset without selector',
    table: REPLICASET_TABLE,
    obj: obj({ spec: { replicas: 0 } }),
    row: ['x', 0, 0, 0, '60m', '', '', '<none>'],
  },
  {
    name: 'statefulset',
    table: STATEFULSET_TABLE,
    obj: obj({ spec: { replicas: 3, template }, status: { readyReplicas: 3 } }),
    row: ['x', '3/3', '60m', 'web,log', 'nginx:1.27,busybox'],
  },
  {
    name: 'daemonset',
    table: DAEMONSET_TABLE,
    obj: obj({
      spec: { selector: { matchLabels: { app: 'agent' } }, template },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 3, numberAvailable: 2 },
    }),
    row: ['x', 3, 3, 2, 3, 2, 'disk=ssd,kubernetes.io/os=linux', '60m', 'web,log', 'nginx:1.27,busybox', 'app=agent'],
  },
  {
    name: 'daemonset without node selector',
    table: DAEMONSET_TABLE,
    obj: obj({ spec: { template: { spec: { containers: [{ name: 'a', image: 'b' }] } } } }),
    row: ['x', 0, 0, 0, 0, 0, '<none>', '60m', 'a', 'b', '<none>'],
  },
  {
    name: 'controllerrevision of a statefulset',
    table: CONTROLLERREVISION_TABLE,
    obj: obj(
      { revision: 4 },
      {
        ownerReferences: [
          { apiVersion: 'v1', kind: 'Pod', name: 'other', uid: '1' },
          { apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: '2', controller: true },
        ],
      },
    ),
    row: ['x', 'statefulset.apps/web', 4, '60m'],
  },
  {
    name: 'controllerrevision of a core kind',
    table: CONTROLLERREVISION_TABLE,
    obj: obj({ revision: 1 }, { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'p', uid: '1', controller: true }] }),
    row: ['x', 'pod/p', 1, '60m'],
  },
  {
    name: 'controllerrevision without controller',
    table: CONTROLLERREVISION_TABLE,
    obj: obj({ revision: 2 }),
    row: ['x', '<none>', 2, '60m'],
  },
];

for (const c of cases) {
  test(`apps printer: ${c.name}`, () => {
    const row = c.table.row(c.obj, NOW);
    assert.deepEqual(row, c.row);
    assert.equal(row.length, c.table.columns.length);
  });
}
