import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { zeroObject } from './zero-object.js';

const cases: { kind: [string, string, string]; want: unknown }[] = [
  {
    kind: ['', 'v1', 'Pod'],
    want: { apiVersion: 'v1', kind: 'Pod', metadata: { creationTimestamp: null }, spec: { containers: null }, status: {} },
  },
  {
    kind: ['apps', 'v1', 'Deployment'],
    want: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { creationTimestamp: null },
      spec: {
        selector: null,
        template: { metadata: { creationTimestamp: null }, spec: { containers: null } },
        strategy: {},
      },
      status: {},
    },
  },
  {
    kind: ['batch', 'v1', 'CronJob'],
    want: {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { creationTimestamp: null },
      spec: {
        schedule: '',
        jobTemplate: {
          metadata: { creationTimestamp: null },
          spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: null } } },
        },
      },
      status: {},
    },
  },
  {
    kind: ['', 'v1', 'ConfigMap'],
    want: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { creationTimestamp: null } },
  },
  {
    kind: ['', 'v1', 'Service'],
    want: { apiVersion: 'v1', kind: 'Service', metadata: { creationTimestamp: null }, spec: {}, status: { loadBalancer: {} } },
  },
];

for (const c of cases) {
  test(`zero ${c.kind.join('/')}`, () => {
    const [group, version, kind] = c.kind;
    const apiVersion = group ? `${group}/${version}` : version;
    assert.deepEqual(zeroObject(SchemaNode.forKind(group, version, kind)!, apiVersion, kind), c.want);
  });
}

test('zero objects are fresh copies', () => {
  const schema = SchemaNode.forKind('', 'v1', 'Pod')!;
  const a = zeroObject(schema, 'v1', 'Pod');
  a.metadata.name = 'x';
  assert.equal(zeroObject(schema, 'v1', 'Pod').metadata.name, undefined);
});
