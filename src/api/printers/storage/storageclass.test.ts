import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../../meta.js';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { STORAGECLASS_TABLE } from './storageclass.js';

const cases: { name: string; obj: KubeObject; row: TableCell[] }[] = [
  {
    name: 'default class with everything set',
    obj: obj(
      { provisioner: 'rancher.io/local-path', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true },
      { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
    ),
    row: ['x (default)', 'rancher.io/local-path', 'Retain', 'WaitForFirstConsumer', true, '60m'],
  },
  {
    name: 'beta default annotation, defaults for unset fields',
    obj: obj({ provisioner: 'p' }, { annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }),
    row: ['x (default)', 'p', 'Delete', 'Immediate', false, '60m'],
  },
  {
    name: 'not default when the annotation is not "true"',
    obj: obj({ provisioner: 'p' }, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }),
    row: ['x', 'p', 'Delete', 'Immediate', false, '60m'],
  },
];

for (const c of cases) {
  test(`storageclass printer: ${c.name}`, () => {
    assert.deepEqual(STORAGECLASS_TABLE.row(c.obj, NOW), c.row);
  });
}
