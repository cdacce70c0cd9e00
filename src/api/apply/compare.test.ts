import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { compare, isSame } from './compare.js';
import { atomOf } from './schema-types.js';

const deployment = atomOf(SchemaNode.forKind('apps', 'v1', 'Deployment')!);
const pod = atomOf(SchemaNode.forKind('', 'v1', 'Pod')!);

const cases: { name: string; atom: typeof pod; lhs: unknown; rhs: unknown; added: string[]; modified: string[]; removed: string[] }[] = [
  {
    name: 'scalar changed, added, removed',
    atom: deployment,
    lhs: { spec: { replicas: 1, paused: true } },
    rhs: { spec: { replicas: 3, minReadySeconds: 5 } },
    added: ['.spec.minReadySeconds'],
    modified: ['.spec.replicas'],
    removed: ['.spec.paused'],
  },
  {
    name: 'a new map is added itself, with its keys',
    atom: deployment,
    lhs: { metadata: {} },
    rhs: { metadata: { labels: { app: 'web' } } },
    added: ['.metadata.labels', '.metadata.labels.app'],
    modified: [],
    removed: [],
  },
  {
    name: 'a new list element is added itself, with its fields',
    atom: pod,
    lhs: { spec: { containers: [{ name: 'a', image: 'x' }] } },
    rhs: { spec: { containers: [{ name: 'a', image: 'y' }, { name: 'b', image: 'z' }] } },
    added: ['.spec.containers[name="b"]', '.spec.containers[name="b"].image', '.spec.containers[name="b"].name'],
    modified: ['.spec.containers[name="a"].image'],
    removed: [],
  },
  {
    name: 'reordering an associative list changes nothing',
    atom: pod,
    lhs: { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
    rhs: { spec: { containers: [{ name: 'b' }, { name: 'a' }] } },
    added: [],
    modified: [],
    removed: [],
  },
  {
    name: 'an atomic list compares as a whole',
    atom: pod,
    lhs: { spec: { tolerations: [{ key: 'a' }] } },
    rhs: { spec: { tolerations: [{ key: 'a' }, { key: 'b' }] } },
    added: [],
    modified: ['.spec.tolerations'],
    removed: [],
  },
  {
    name: 'set elements by value',
    atom: pod,
    lhs: { metadata: { finalizers: ['a', 'b'] } },
    rhs: { metadata: { finalizers: ['b', 'c'] } },
    added: ['.metadata.finalizers[="c"]'],
    modified: [],
    removed: ['.metadata.finalizers[="a"]'],
  },
  {
    name: 'null is present: a null replaced by a value is modified, not added',
    atom: deployment,
    lhs: { spec: { selector: null, template: { spec: { containers: null } } } },
    rhs: { spec: { selector: { matchLabels: { a: 'b' } }, template: { spec: { containers: [{ name: 'c' }] } } } },
    added: ['.spec.template.spec.containers[name="c"]', '.spec.template.spec.containers[name="c"].name'],
    modified: ['.spec.selector'],
    removed: [],
  },
  {
    name: 'maps empty on both sides are leaves',
    atom: pod,
    lhs: { spec: { containers: [{ name: 'c' }] } },
    rhs: { spec: { containers: [{ name: 'c', resources: {} }], securityContext: {} } },
    added: ['.spec.securityContext', '.spec.containers[name="c"].resources'],
    modified: [],
    removed: [],
  },
  {
    name: 'a removed map is removed itself',
    atom: pod,
    lhs: { metadata: { annotations: { a: 'b' } } },
    rhs: { metadata: {} },
    added: [],
    modified: [],
    removed: ['.metadata.annotations', '.metadata.annotations.a'],
  },
  {
    name: 'duplicates on one side',
    atom: pod,
    lhs: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'a', image: '2' }] } },
    rhs: { spec: { containers: [{ name: 'a', image: '1' }] } },
    // SMD adds the surviving element and removes the duplicated one, under the same key.
    added: ['.spec.containers[name="a"]', '.spec.containers[name="a"].image', '.spec.containers[name="a"].name'],
    modified: [],
    removed: ['.spec.containers[name="a"]'],
  },
];

for (const c of cases) {
  test(`compare: ${c.name}`, () => {
    const got = compare(c.lhs, c.rhs, c.atom);
    assert.deepEqual(got.added.toStrings(), c.added, 'added');
    assert.deepEqual(got.modified.toStrings(), c.modified, 'modified');
    assert.deepEqual(got.removed.toStrings(), c.removed, 'removed');
  });
}

test('identical objects compare the same', () => {
  const obj = { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } };
  assert.ok(isSame(compare(obj, structuredClone(obj), pod)));
});
