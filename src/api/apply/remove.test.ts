import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { FieldSet } from './field-set.js';
import { removeItems } from './remove.js';
import { atomOf } from './schema-types.js';

const pod = atomOf(SchemaNode.forKind('', 'v1', 'Pod')!);

const cases: { name: string; value: unknown; remove: string[][]; want: unknown }[] = [
  {
    name: 'a leaf',
    value: { spec: { hostname: 'h', subdomain: 's' } },
    remove: [['f:spec', 'f:hostname']],
    want: { spec: { subdomain: 's' } },
  },
  {
    name: 'a list element with everything in it',
    value: { spec: { containers: [{ name: 'a', image: '1' }, { name: 'b' }] } },
    remove: [['f:spec', 'f:containers', 'k:{"name":"a"}']],
    want: { spec: { containers: [{ name: 'b' }] } },
  },
  {
    name: 'a field inside a list element',
    value: { spec: { containers: [{ name: 'a', image: '1' }] } },
    remove: [['f:spec', 'f:containers', 'k:{"name":"a"}', 'f:image']],
    want: { spec: { containers: [{ name: 'a' }] } },
  },
  {
    name: 'a set element',
    value: { metadata: { finalizers: ['a', 'b'] } },
    remove: [['f:metadata', 'f:finalizers', 'v:"a"']],
    want: { metadata: { finalizers: ['b'] } },
  },
  {
    name: 'emptied maps and lists become null, as in SMD',
    value: { metadata: { labels: { a: '1' }, finalizers: ['x'] } },
    remove: [
      ['f:metadata', 'f:labels', 'f:a'],
      ['f:metadata', 'f:finalizers', 'v:"x"'],
    ],
    want: { metadata: { labels: null, finalizers: null } },
  },
  {
    name: 'a whole struct field',
    value: { spec: { securityContext: { runAsUser: 1 }, hostname: 'h' } },
    remove: [['f:spec', 'f:securityContext']],
    want: { spec: { hostname: 'h' } },
  },
];

for (const c of cases) {
  test(`removeItems: ${c.name}`, () => {
    const before = JSON.stringify(c.value);
    assert.deepEqual(removeItems(c.value, FieldSet.fromPaths(c.remove).root, pod), c.want);
    assert.equal(JSON.stringify(c.value), before, 'input untouched');
  });
}

test('removing nothing returns the value itself', () => {
  const v = { spec: {} };
  assert.equal(removeItems(v, undefined, pod), v);
});
