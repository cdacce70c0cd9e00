import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  canonicalKey,
  keyKey,
  parsePathElement,
  PathElementError,
  pathElementString,
  pathString,
  serializePathElement,
  sortKeys,
  valueKey,
  type PathElement,
} from './path-element.js';

const roundTrips: { pe: PathElement; key: string; text: string }[] = [
  { pe: { kind: 'field', name: 'spec' }, key: 'f:spec', text: '.spec' },
  { pe: { kind: 'field', name: 'app.kubernetes.io/name' }, key: 'f:app.kubernetes.io/name', text: '.app.kubernetes.io/name' },
  { pe: { kind: 'key', fields: [['name', 'nginx']] }, key: 'k:{"name":"nginx"}', text: '[name="nginx"]' },
  {
    pe: { kind: 'key', fields: [['containerPort', 80], ['protocol', 'TCP']] },
    key: 'k:{"containerPort":80,"protocol":"TCP"}',
    text: '[containerPort=80,protocol="TCP"]',
  },
  { pe: { kind: 'value', value: 'example.com/finalizer' }, key: 'v:"example.com/finalizer"', text: '[="example.com/finalizer"]' },
  { pe: { kind: 'value', value: 8080 }, key: 'v:8080', text: '[=8080]' },
  { pe: { kind: 'index', index: 3 }, key: 'i:3', text: '[3]' },
];

for (const c of roundTrips) {
  test(`path element ${c.key}`, () => {
    assert.equal(serializePathElement(c.pe), c.key);
    assert.deepEqual(parsePathElement(c.key), c.pe);
    assert.equal(pathElementString(c.pe), c.text);
  });
}

test('k: keys sort their fields by name and escape as Go does', () => {
  assert.equal(keyKey([['protocol', 'TCP'], ['port', 80]]), 'k:{"port":80,"protocol":"TCP"}');
  assert.equal(keyKey([['name', 'a<b']]), 'k:{"name":"a\\u003cb"}');
  assert.equal(valueKey('a&b'), 'v:"a\\u0026b"');
});

const canonical: { raw: string; want: string | undefined }[] = [
  { raw: 'f:x', want: 'f:x' },
  { raw: 'k:{"protocol":"TCP","containerPort":80}', want: 'k:{"containerPort":80,"protocol":"TCP"}' },
  { raw: 'k:{"port":80.0}', want: 'k:{"port":80}' },
  { raw: 'v:"a"', want: 'v:"a"' },
  { raw: 'i:2', want: 'i:2' },
  { raw: 'z:unknown', want: undefined },
];

for (const c of canonical) {
  test(`canonicalKey ${c.raw}`, () => assert.equal(canonicalKey(c.raw), c.want));
}

const malformed = ['x', 'fx', 'k:{', 'k:[1]', 'i:one', 'v:{'];
for (const raw of malformed) {
  test(`malformed key ${raw} is an error`, () => assert.throws(() => parsePathElement(raw), PathElementError));
}

test('keys sort fields first, then keys, values and indices, each by content', () => {
  const keys = ['i:10', 'v:"b"', 'k:{"name":"b"}', 'f:b', 'i:2', 'v:1', 'k:{"name":"a"}', 'f:a', 'v:"a"'];
  assert.deepEqual(sortKeys(keys), ['f:a', 'f:b', 'k:{"name":"a"}', 'k:{"name":"b"}', 'v:1', 'v:"a"', 'v:"b"', 'i:2', 'i:10']);
});

test('multi-field keys sort by field names, then values', () => {
  const keys = ['k:{"containerPort":80,"protocol":"UDP"}', 'k:{"containerPort":443,"protocol":"TCP"}', 'k:{"containerPort":80,"protocol":"TCP"}'];
  assert.deepEqual(sortKeys(keys), [
    'k:{"containerPort":80,"protocol":"TCP"}',
    'k:{"containerPort":80,"protocol":"UDP"}',
    'k:{"containerPort":443,"protocol":"TCP"}',
  ]);
});

test('pathString prints a path as SMD does', () => {
  assert.equal(
    pathString(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:image']),
    '.spec.template.spec.containers[name="nginx"].image',
  );
  assert.equal(pathString(['f:metadata', 'f:finalizers', 'v:"a"']), '.metadata.finalizers[="a"]');
});
