import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { FieldSet } from './field-set.js';
import { atomOf } from './schema-types.js';
import { ensureNamedFieldsAreMembers, toFieldSet } from './to-field-set.js';

const pod = atomOf(SchemaNode.forKind('', 'v1', 'Pod')!);
const deployment = atomOf(SchemaNode.forKind('apps', 'v1', 'Deployment')!);

const cases: { name: string; atom: typeof pod; value: unknown; want: unknown }[] = [
  {
    name: 'the example from the Kubernetes documentation',
    atom: pod,
    value: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
    },
    want: {
      'f:apiVersion': {},
      'f:kind': {},
      'f:metadata': { 'f:labels': { 'f:app': {} }, 'f:name': {} },
      'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
    },
  },
  {
    name: 'set elements by value, atomic lists and maps as one leaf',
    atom: pod,
    value: {
      metadata: { finalizers: ['b', 'a'] },
      spec: {
        nodeSelector: { disk: 'ssd' },
        tolerations: [{ key: 'k', operator: 'Exists' }],
        containers: [{ name: 'c', args: ['x', 'y'] }],
      },
    },
    want: {
      'f:metadata': { 'f:finalizers': { 'v:"a"': {}, 'v:"b"': {} } },
      'f:spec': {
        'f:containers': { 'k:{"name":"c"}': { '.': {}, 'f:args': {}, 'f:name': {} } },
        'f:nodeSelector': {},
        'f:tolerations': {},
      },
    },
  },
  {
    name: 'container ports default their protocol key to TCP',
    atom: pod,
    value: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }] }] } },
    want: {
      'f:spec': {
        'f:containers': {
          'k:{"name":"c"}': {
            '.': {},
            'f:name': {},
            'f:ports': {
              'k:{"containerPort":53,"protocol":"UDP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
              'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} },
            },
          },
        },
      },
    },
  },
  {
    name: 'empty and null values',
    atom: deployment,
    value: { spec: { strategy: {}, selector: null, template: { spec: { containers: [] } }, replicas: null } },
    // An empty granular struct or list owns nothing; a null scalar or atomic map is a leaf.
    want: { 'f:spec': { 'f:replicas': {}, 'f:selector': {} } },
  },
  {
    name: 'atomic LabelSelector and int-or-string leaves',
    atom: deployment,
    value: {
      spec: {
        selector: { matchLabels: { app: 'web' } },
        strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 } },
      },
    },
    want: {
      'f:spec': {
        'f:selector': {},
        'f:strategy': { 'f:rollingUpdate': { 'f:maxSurge': {}, 'f:maxUnavailable': {} } },
      },
    },
  },
  {
    name: 'elements without their key own nothing',
    atom: pod,
    value: { spec: { containers: [{ image: 'x' }, { name: 'ok' }] } },
    want: { 'f:spec': { 'f:containers': { 'k:{"name":"ok"}': { '.': {}, 'f:name': {} } } } },
  },
];

for (const c of cases) {
  test(`toFieldSet: ${c.name}`, () => assert.deepEqual(toFieldSet(c.value, c.atom).toFieldsV1(), c.want));
}

test('ensureNamedFieldsAreMembers adds struct fields that have members, not map keys', () => {
  const s = FieldSet.fromFieldsV1({
    'f:metadata': { 'f:labels': { 'f:app': {} } },
    'f:spec': { 'f:containers': { 'k:{"name":"c"}': { 'f:resources': { 'f:limits': { 'f:cpu': {} } } } } },
  });
  assert.deepEqual(ensureNamedFieldsAreMembers(s, pod).toFieldsV1(), {
    'f:metadata': { '.': {}, 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      '.': {},
      'f:containers': {
        '.': {},
        'k:{"name":"c"}': { 'f:resources': { '.': {}, 'f:limits': { '.': {}, 'f:cpu': {} } } },
      },
    },
  });
});
