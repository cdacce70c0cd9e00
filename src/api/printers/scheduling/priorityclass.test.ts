import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { PRIORITYCLASS_TABLE } from './priorityclass.js';

const cases: { name: string; fields: Record<string, unknown>; row: TableCell[] }[] = [
  {
    name: 'system class',
    fields: { value: 2000001000, globalDefault: false, preemptionPolicy: 'PreemptLowerPriority' },
    row: ['x', 2000001000, false, '60m', 'PreemptLowerPriority'],
  },
  { name: 'global default without policy', fields: { value: -5, globalDefault: true }, row: ['x', -5, true, '60m', ''] },
];

for (const c of cases) {
  test(`priorityclass printer: ${c.name}`, () => {
    assert.deepEqual(PRIORITYCLASS_TABLE.row(obj(c.fields), NOW), c.row);
  });
}
