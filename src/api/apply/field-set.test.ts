import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet, FieldsV1Error } from './field-set.js';

const p = (s: string): string[] =>
  s
    .split('.')
    .filter(Boolean)
    .map((x) => (/^[kvi]:/.test(x) ? x : 'f:' + x));
const set = (...paths: string[]) => FieldSet.fromPaths(paths.map(p));

test('FieldsV1 wire form matches Kubernetes byte for byte', () => {
  const s = FieldSet.fromPaths([
    ['f:metadata', 'f:labels'],
    ['f:metadata', 'f:labels', 'f:app'],
    ['f:spec', 'f:containers', 'k:{"name":"nginx"}'],
    ['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:name'],
    ['f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image'],
  ]);
  assert.equal(
    s.toWire(),
    '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
  );
});

test('FieldsV1 round-trips', () => {
  const wire = {
    'f:metadata': { 'f:finalizers': { '.': {}, 'v:"a"': {} } },
    'f:spec': { 'f:args': {}, 'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } } },
  };
  const s = FieldSet.fromFieldsV1(wire);
  assert.deepEqual(s.toFieldsV1(), wire);
  assert.equal(s.size, 5);
  assert.ok(s.has(['f:metadata', 'f:finalizers']));
  assert.ok(s.has(['f:metadata', 'f:finalizers', 'v:"a"']));
  assert.ok(!s.has(['f:metadata']));
  assert.ok(s.has(['f:spec', 'f:args']));
});

test('reading FieldsV1 canonicalizes keys, skips unknown kinds and sorts', () => {
  const s = FieldSet.fromFieldsV1({ 'f:b': {}, 'k:{"protocol":"TCP","port":80}': {}, 'z:future': {}, 'f:a': {} });
  assert.equal(s.toWire(), '{"f:a":{},"f:b":{},"k:{\\"port\\":80,\\"protocol\\":\\"TCP\\"}":{}}');
  // A node whose only children are unknown is a member.
  assert.ok(FieldSet.fromFieldsV1({ 'f:x': { 'z:y': {} } }).has(['f:x']));
});

const bad: { name: string; json: unknown }[] = [
  { name: 'not an object', json: 'x' },
  { name: 'a malformed key', json: { 'k:{': {} } },
  { name: 'a missing colon', json: { fx: {} } },
  { name: 'a non-object value', json: { 'f:x': 1 } },
];
for (const c of bad) {
  test(`FieldsV1 with ${c.name} is an error`, () => assert.throws(() => FieldSet.fromFieldsV1(c.json), FieldsV1Error));
}

const ops: { name: string; a: FieldSet; b: FieldSet; union: string[]; intersection: string[]; difference: string[]; recursive: string[] }[] = [
  {
    name: 'disjoint leaves',
    a: set('a', 'b.c'),
    b: set('d'),
    union: ['.a', '.d', '.b.c'],
    intersection: [],
    difference: ['.a', '.b.c'],
    recursive: ['.a', '.b.c'],
  },
  {
    name: 'shared leaves',
    a: set('a', 'b.c', 'b.d'),
    b: set('b.c', 'e'),
    union: ['.a', '.e', '.b.c', '.b.d'],
    intersection: ['.b.c'],
    difference: ['.a', '.b.d'],
    recursive: ['.a', '.b.d'],
  },
  {
    name: 'a parent in b removes children only recursively',
    a: set('b.c', 'b.d', 'x'),
    b: set('b'),
    union: ['.b', '.x', '.b.c', '.b.d'],
    intersection: [],
    difference: ['.x', '.b.c', '.b.d'],
    recursive: ['.x'],
  },
  {
    name: 'a child in b leaves the parent member',
    a: set('b', 'b.c'),
    b: set('b.c'),
    union: ['.b', '.b.c'],
    intersection: ['.b.c'],
    difference: ['.b'],
    recursive: ['.b'],
  },
  {
    name: 'list keys and set values',
    a: set('spec.containers.k:{"name":"a"}', 'spec.containers.k:{"name":"a"}.image', 'metadata.finalizers.v:"x"'),
    b: set('spec.containers.k:{"name":"a"}.image', 'metadata.finalizers.v:"y"'),
    union: [
      '.metadata.finalizers[="x"]',
      '.metadata.finalizers[="y"]',
      '.spec.containers[name="a"]',
      '.spec.containers[name="a"].image',
    ],
    intersection: ['.spec.containers[name="a"].image'],
    difference: ['.metadata.finalizers[="x"]', '.spec.containers[name="a"]'],
    recursive: ['.metadata.finalizers[="x"]', '.spec.containers[name="a"]'],
  },
];

for (const c of ops) {
  test(`set algebra: ${c.name}`, () => {
    assert.deepEqual(c.a.union(c.b).toStrings(), c.union);
    assert.deepEqual(c.b.union(c.a).toStrings(), c.union);
    assert.deepEqual(c.a.intersection(c.b).toStrings(), c.intersection);
    assert.deepEqual(c.b.intersection(c.a).toStrings(), c.intersection);
    assert.deepEqual(c.a.difference(c.b).toStrings(), c.difference);
    assert.deepEqual(c.a.recursiveDifference(c.b).toStrings(), c.recursive);
  });
}

test('operations that change nothing return the same set', () => {
  const a = set('a', 'b.c');
  assert.equal(a.difference(set('x')), a);
  assert.equal(a.recursiveDifference(FieldSet.EMPTY), a);
  assert.equal(a.union(FieldSet.EMPTY), a);
  assert.equal(FieldSet.EMPTY.union(a), a);
  assert.ok(a.difference(a).empty);
});

test('iterate visits a node\'s members before its children, in SMD order', () => {
  const s = set('spec.replicas', 'metadata.labels.app', 'apiVersion', 'spec.template.spec.x');
  assert.deepEqual(s.toStrings(), ['.apiVersion', '.metadata.labels.app', '.spec.replicas', '.spec.template.spec.x']);
});

test('fromFieldNames builds reset-field sets', () => {
  assert.deepEqual(FieldSet.fromFieldNames(['status'], ['metadata', 'labels']).toStrings(), ['.status', '.metadata.labels']);
});

test('equals and withPrefix', () => {
  assert.ok(set('a.b', 'c').equals(set('c', 'a.b')));
  assert.ok(!set('a.b').equals(set('a')));
  assert.deepEqual(set('a.b', 'a.c.d').withPrefix('f:a').toStrings(), ['.b', '.c.d']);
});
