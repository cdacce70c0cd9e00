import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { RESOURCE_QUOTA_TABLE, quotaCells } from './quota.js';
import { ODD_OBJECTS, ago, cells } from './testing.js';

describe('resource quota table', () => {
  const cases: { name: string; hard: unknown; used: unknown; want: { requests: string; limits: string } }[] = [
    { name: 'nothing limited', hard: undefined, used: undefined, want: { requests: '', limits: '' } },
    {
      name: 'sorted, split by the limits. prefix',
      hard: { 'requests.cpu': '1', pods: '10', 'limits.memory': '2Gi', 'limits.cpu': '2', 'count/configmaps': '5' },
      used: { pods: '1', 'requests.cpu': '500m', 'limits.memory': '512Mi' },
      want: { requests: 'count/configmaps: 0/5, pods: 1/10, requests.cpu: 500m/1', limits: 'limits.cpu: 0/2, limits.memory: 512Mi/2Gi' },
    },
    { name: 'a resource merely named limits', hard: { limits: '3' }, used: { limits: '1' }, want: { requests: 'limits: 1/3', limits: '' } },
  ];
  for (const c of cases) it(c.name, () => assert.deepEqual(quotaCells(c.hard, c.used), c.want));

  it('prints name, request, limit and age', () => {
    const quota = { metadata: { name: 'q', creationTimestamp: ago(30) }, status: { hard: { pods: '10', 'limits.cpu': '2' }, used: { pods: '3', 'limits.cpu': '1' } } };
    assert.deepEqual(RESOURCE_QUOTA_TABLE.row(quota, new Date(Date.parse(ago(0)))), ['q', 'pods: 3/10', 'limits.cpu: 1/2', '30s']);
    assert.deepEqual(RESOURCE_QUOTA_TABLE.columns.map((c) => c.name), ['Name', 'Request', 'Limit', 'Age']);
  });

  it('prints empty cells for a quota with only metadata', () => {
    assert.deepEqual(RESOURCE_QUOTA_TABLE.row({ metadata: { name: 'bare' } }, new Date()), ['bare', '', '', '<unknown>']);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(RESOURCE_QUOTA_TABLE, obj));
  });
});
