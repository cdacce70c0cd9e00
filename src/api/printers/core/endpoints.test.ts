import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ENDPOINTS_TABLE, formatEndpoints } from './endpoints.js';
import { ODD_OBJECTS, ago, cells, pick } from './testing.js';

const addrs = (...ips: string[]) => ips.map((ip) => ({ ip }));

describe('endpoints table', () => {
  const cases: { name: string; subsets: Parameters<typeof formatEndpoints>[0]; want: string }[] = [
    { name: 'no subsets', subsets: [], want: '<none>' },
    { name: 'addresses with a port', subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }] }], want: '10.0.0.1:80,10.0.0.2:80' },
    {
      name: 'more than three',
      subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5'), ports: [{ port: 80 }] }],
      want: '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 2 more...',
    },
    { name: 'exactly three', subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2', '10.0.0.3'), ports: [{ port: 80 }] }], want: '10.0.0.1:80,10.0.0.2:80,10.0.0.3:80' },
    {
      name: 'every port of every address counts',
      subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2'), ports: [{ port: 80 }, { port: 443 }] }],
      want: '10.0.0.1:80,10.0.0.2:80,10.0.0.1:443 + 1 more...',
    },
    { name: 'headless without ports', subsets: [{ addresses: addrs('10.0.0.1', '10.0.0.2') }], want: '10.0.0.1,10.0.0.2' },
    {
      name: 'across subsets',
      subsets: [{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }, { addresses: addrs('10.0.1.1', '10.0.1.2', '10.0.1.3'), ports: [{ port: 8080 }] }],
      want: '10.0.0.1:80,10.0.1.1:8080,10.0.1.2:8080 + 1 more...',
    },
    { name: 'IPv6 in brackets', subsets: [{ addresses: addrs('fd00::1'), ports: [{ port: 80 }] }], want: '[fd00::1]:80' },
    { name: 'only not-ready addresses', subsets: [{ ports: [{ port: 80 }] }], want: '' },
  ];
  for (const c of cases) it(c.name, () => assert.equal(formatEndpoints(c.subsets), c.want));

  it('prints name, endpoints and age', () => {
    const ep = { metadata: { name: 'web', creationTimestamp: ago(7200) }, subsets: [{ addresses: addrs('10.0.0.1'), ports: [{ port: 80 }] }] };
    assert.deepEqual(pick(ENDPOINTS_TABLE, ep, 'Name', 'Endpoints', 'Age'), ['web', '10.0.0.1:80', '120m']);
    assert.deepEqual(ENDPOINTS_TABLE.columns.map((c) => c.name), ['Name', 'Endpoints', 'Age']);
  });

  it('prints <none> for endpoints with only metadata', () => {
    assert.deepEqual(ENDPOINTS_TABLE.row({ metadata: { name: 'bare' } }, new Date()), ['bare', '<none>', '<unknown>']);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(ENDPOINTS_TABLE, obj));
  });
});
