import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { WEBHOOK_CONFIGURATION_TABLE } from './webhook.js';

const cases: { name: string; fields: Record<string, unknown>; row: TableCell[] }[] = [
  { name: 'two webhooks', fields: { webhooks: [{ name: 'a.example.com' }, { name: 'b.example.com' }] }, row: ['x', 2, '60m'] },
  { name: 'none', fields: {}, row: ['x', 0, '60m'] },
];

for (const c of cases) {
  test(`webhook configuration printer: ${c.name}`, () => {
    assert.deepEqual(WEBHOOK_CONFIGURATION_TABLE.row(obj(c.fields), NOW), c.row);
  });
}
