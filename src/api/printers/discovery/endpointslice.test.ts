import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { ENDPOINTSLICE_TABLE } from './endpointslice.js';

const cases: { name: string; fields: Record<string, unknown>; row: TableCell[] }[] = [
  {
    name: 'ports and endpoints',
    fields: {
      addressType: 'IPv4',
      ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
      endpoints: [{ addresses: ['10.42.0.5'] }, { addresses: ['10.42.0.6'] }],
    },
    row: ['x', 'IPv4', '8080', '10.42.0.5,10.42.0.6', '60m'],
  },
  {
    name: 'unnamed and numberless ports, more than three of each',
    fields: {
      addressType: 'IPv6',
      ports: [{ name: 'dns' }, {}, { port: 53 }, { port: 54 }],
      endpoints: [{ addresses: ['fd00::1', 'fd00::2'] }, { addresses: ['fd00::3', 'fd00::4', 'fd00::5'] }],
    },
    row: ['x', 'IPv6', 'dns,*,53 + 1 more...', 'fd00::1,fd00::2,fd00::3 + 2 more...', '60m'],
  },
  { name: 'empty slice', fields: { addressType: 'IPv4', ports: null, endpoints: [] }, row: ['x', 'IPv4', '<unset>', '<unset>', '60m'] },
];

for (const c of cases) {
  test(`endpointslice printer: ${c.name}`, () => {
    assert.deepEqual(ENDPOINTSLICE_TABLE.row(obj(c.fields), NOW), c.row);
  });
}
