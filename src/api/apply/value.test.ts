import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cloneValue, compareStrings, goJson, valueCompare, valueEquals, valueString } from './value.js';

const equalities: { a: unknown; b: unknown; want: boolean }[] = [
  { a: 1, b: 1, want: true },
  { a: 1, b: '1', want: false },
  { a: null, b: null, want: true },
  { a: null, b: {}, want: false },
  { a: { x: 1, y: [1, 2] }, b: { y: [1, 2], x: 1 }, want: true },
  { a: { x: 1 }, b: { x: 1, y: 2 }, want: false },
  { a: { x: 1, y: undefined }, b: { x: 1 }, want: true },
  { a: [1, 2], b: [2, 1], want: false },
  { a: [], b: {}, want: false },
  { a: true, b: true, want: true },
];

for (const c of equalities) {
  test(`valueEquals(${JSON.stringify(c.a)}, ${JSON.stringify(c.b)}) = ${c.want}`, () => {
    assert.equal(valueEquals(c.a, c.b), c.want);
    assert.equal(valueEquals(c.b, c.a), c.want);
  });
}

test('valueCompare orders numbers < strings < booleans < lists < maps < null', () => {
  const values = [null, { a: 1 }, [1], true, false, 'b', 'a', 10, 2, 1.5];
  const sorted = [...values].sort(valueCompare);
  assert.deepEqual(sorted, [1.5, 2, 10, 'a', 'b', false, true, [1], { a: 1 }, null]);
});

test('valueCompare compares lists and maps lexically', () => {
  assert.equal(valueCompare([1, 2], [1, 3]), -1);
  assert.equal(valueCompare([1], [1, 0]), -1);
  assert.equal(valueCompare({ a: 1, b: 2 }, { b: 2, a: 1 }), 0);
  assert.equal(valueCompare({ a: 1 }, { b: 0 }), -1);
});

test('compareStrings is UTF-8 byte order', () => {
  // U+FF01 (3 bytes, EF BC 81) sorts before U+1F600 (4 bytes, F0 ...), though UTF-16 says otherwise.
  assert.equal(compareStrings('\uff01', '\u{1f600}'), -1);
  assert.equal(compareStrings('a', 'b'), -1);
  assert.equal(compareStrings('ab', 'a'), 1);
  assert.equal(compareStrings('same', 'same'), 0);
});

const encodings: { v: unknown; want: string }[] = [
  { v: { b: 1, a: 'x' }, want: '{"a":"x","b":1}' },
  { v: 'a<b>&c', want: '"a\\u003cb\\u003e\\u0026c"' },
  { v: 'line\u2028sep', want: '"line\\u2028sep"' },
  { v: 'quote"back\\slash\n', want: '"quote\\"back\\\\slash\\n"' },
  { v: [1, null, true], want: '[1,null,true]' },
  { v: { z: { y: 1, x: 2 } }, want: '{"z":{"x":2,"y":1}}' },
  { v: 'héllo', want: '"héllo"' },
];

for (const c of encodings) {
  test(`goJson ${c.want}`, () => assert.equal(goJson(c.v), c.want));
}

const strings: { v: unknown; want: string }[] = [
  { v: 'nginx', want: '"nginx"' },
  { v: 80, want: '80' },
  { v: 1.5, want: '1.5' },
  { v: 1234567.5, want: '1.2345675e+06' },
  { v: true, want: 'true' },
  { v: null, want: 'null' },
  { v: ['a', 1], want: '["a",1]' },
  { v: 'tab\there', want: '"tab\\there"' },
];

for (const c of strings) {
  test(`valueString ${c.want}`, () => assert.equal(valueString(c.v), c.want));
}

test('cloneValue copies deeply and drops undefined members', () => {
  const src = { a: { b: [1, { c: 2 }] }, d: undefined };
  const copy = cloneValue(src);
  assert.deepEqual(copy, { a: { b: [1, { c: 2 }] } });
  assert.notEqual(copy.a, src.a);
  assert.notEqual(copy.a.b[1], src.a.b[1]);
});
