import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell, TablePrinter } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { CLUSTERROLEBINDING_TABLE, ROLEBINDING_TABLE } from './binding.js';

const subjects = [
  { kind: 'User', name: 'alice' },
  { kind: 'Group', name: 'system:masters' },
  { kind: 'ServiceAccount', name: 'default', namespace: 'kube-system' },
  { kind: 'User', name: 'bob' },
  { kind: 'Robot', name: 'r2' },
];

const cases: { name: string; table: TablePrinter; fields: Record<string, unknown>; row: TableCell[] }[] = [
  {
    name: 'rolebinding',
    table: ROLEBINDING_TABLE,
    fields: { roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' }, subjects },
    row: ['x', 'Role/reader', '60m', 'alice, bob', 'system:masters', 'kube-system/default'],
  },
  {
    name: 'clusterrolebinding without subjects',
    table: CLUSTERROLEBINDING_TABLE,
    fields: { roleRef: { kind: 'ClusterRole', name: 'cluster-admin' } },
    row: ['x', 'ClusterRole/cluster-admin', '60m', '', '', ''],
  },
];

for (const c of cases) {
  test(`binding printer: ${c.name}`, () => {
    assert.deepEqual(c.table.row(obj(c.fields), NOW), c.row);
  });
}
