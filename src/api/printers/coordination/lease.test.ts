import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { LEASE_TABLE } from './lease.js';

const cases: { name: string; fields: Record<string, unknown>; row: TableCell[] }[] = [
  { name: 'held', fields: { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } }, row: ['x', 'node-1', '60m'] },
  { name: 'released', fields: { spec: { holderIdentity: null } }, row: ['x', '', '60m'] },
];

for (const c of cases) {
  test(`lease printer: ${c.name}`, () => {
    assert.deepEqual(LEASE_TABLE.row(obj(c.fields), NOW), c.row);
  });
}
