import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { TableCell } from '../../resource.js';
import { NOW, obj } from '../testing.js';
import { HPA_TABLE } from './hpa.js';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };
const cpu = (target: Record<string, unknown>) => ({ type: 'Resource', resource: { name: 'cpu', target } });

const cases: { name: string; spec: Record<string, unknown>; status?: Record<string, unknown>; row: TableCell[] }[] = [
  {
    name: 'cpu utilization with current value',
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10, metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })] },
    status: {
      currentReplicas: 2,
      currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 50, averageValue: '250m' } } }],
    },
    row: ['x', 'Deployment/web', 'cpu: 50%/80%', '1', 10, 2, '60m'],
  },
  {
    name: 'no status yet',
    spec: { scaleTargetRef: ref, maxReplicas: 3, metrics: [cpu({ type: 'Utilization', averageUtilization: 80 })] },
    row: ['x', 'Deployment/web', 'cpu: <unknown>/80%', '<unset>', 3, 0, '60m'],
  },
  {
    name: 'resource by average value; utilization target missing prints <auto>',
    spec: {
      scaleTargetRef: ref,
      minReplicas: 2,
      maxReplicas: 4,
      metrics: [
        { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } },
        { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', target: { type: 'Utilization' } } },
      ],
    },
    status: {
      currentMetrics: [
        { type: 'Resource', resource: { name: 'memory', current: { averageValue: '64Mi' } } },
        { type: 'ContainerResource', containerResource: { name: 'cpu', container: 'app', current: { averageUtilization: 12 } } },
      ],
    },
    row: ['x', 'Deployment/web', 'memory: 64Mi/100Mi, cpu: 12%/<auto>', '2', 4, 0, '60m'],
  },
  {
    name: 'pods, object and external; more than two are elided',
    spec: {
      scaleTargetRef: ref,
      maxReplicas: 5,
      metrics: [
        { type: 'Pods', pods: { metric: { name: 'qps' }, target: { type: 'AverageValue', averageValue: '10' } } },
        { type: 'Object', object: { metric: { name: 'hits' }, target: { type: 'Value', value: '2k' } } },
        { type: 'External', external: { metric: { name: 'queue' }, target: { type: 'AverageValue', averageValue: '30' } } },
      ],
    },
    status: { currentMetrics: [{ type: 'Pods', pods: { metric: { name: 'qps' }, current: { averageValue: '7' } } }] },
    row: ['x', 'Deployment/web', '7/10, <unknown>/2k + 1 more...', '<unset>', 5, 0, '60m'],
  },
  {
    name: 'object and external averages',
    spec: {
      scaleTargetRef: ref,
      maxReplicas: 5,
      metrics: [
        { type: 'Object', object: { target: { type: 'AverageValue', averageValue: '5' } } },
        { type: 'External', external: { target: { type: 'Value', value: '9' } } },
      ],
    },
    status: {
      currentMetrics: [
        { type: 'Object', object: { current: { averageValue: '4' } } },
        { type: 'External', external: { current: { value: '8' } } },
      ],
    },
    row: ['x', 'Deployment/web', '4/5 (avg), 8/9', '<unset>', 5, 0, '60m'],
  },
  {
    name: 'no metrics, unknown type',
    spec: { scaleTargetRef: ref, maxReplicas: 1, metrics: [] },
    row: ['x', 'Deployment/web', '<none>', '<unset>', 1, 0, '60m'],
  },
  {
    name: 'unknown metric type',
    spec: { scaleTargetRef: ref, maxReplicas: 1, metrics: [{ type: 'Magic' }] },
    row: ['x', 'Deployment/web', '<unknown type>', '<unset>', 1, 0, '60m'],
  },
  {
    name: 'metric without its source does not throw',
    spec: { scaleTargetRef: ref, maxReplicas: 1, metrics: [{ type: 'Resource' }, { type: 'Pods' }] },
    status: { currentMetrics: ['odd', null] },
    row: ['x', 'Deployment/web', ': <unknown>/<auto>, <unknown>/<nil>', '<unset>', 1, 0, '60m'],
  },
];

for (const c of cases) {
  test(`hpa printer: ${c.name}`, () => {
    const row = HPA_TABLE.row(obj({ spec: c.spec, ...(c.status ? { status: c.status } : {}) }), NOW);
    assert.deepEqual(row, c.row);
    assert.equal(row.length, HPA_TABLE.columns.length);
  });
}
