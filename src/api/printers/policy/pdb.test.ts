import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { PDB_TABLE } from './pdb.js';

const cases: { name: string; fields: Record<string, unknown>; row: TableCell[] }[] = [
  { name: 'min available count', fields: { spec: { minAvailable: 2 }, status: { disruptionsAllowed: 1 } }, row: ['x', '2', 'N/A', 1, '60m'] },
  { name: 'max unavailable percentage', fields: { spec: { maxUnavailable: '25%' } }, row: ['x', 'N/A', '25%', 0, '60m'] },
  { name: 'neither set', fields: { spec: {} }, row: ['x', 'N/A', 'N/A', 0, '60m'] },
];

for (const c of cases) {
  test(`pdb printer: ${c.name}`, () => {
    assert.deepEqual(PDB_TABLE.row(obj(c.fields), NOW), c.row);
  });
}
