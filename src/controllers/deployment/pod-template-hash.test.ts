// The pod-template-hash: FNV-32a vectors, the safe alphabet, determinism and collision salting.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { canonicalJson, computeHash, fnv32a, safeEncodeString } from './pod-template-hash.js';

describe('fnv32a', () => {
  // The published FNV-1a 32-bit test vectors.
  for (const [input, want] of [
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ] as const) {
    test(JSON.stringify(input), () => assert.equal(fnv32a(Buffer.from(input)), want));
  }

  test('continuing a sum equals hashing the concatenation', () => {
    assert.equal(fnv32a(Buffer.from('bar'), fnv32a(Buffer.from('foo'))), fnv32a(Buffer.from('foobar')));
  });
});

describe('safeEncodeString', () => {
  for (const [input, want] of [
    ['0123456789', '456789bcdf'],
    ['', ''],
    ['4294967295', '86f8fbc6f9'],
  ] as const) {
    test(JSON.stringify(input), () => assert.equal(safeEncodeString(input), want));
  }
});

describe('canonicalJson', () => {
  test('sorts keys at every level and drops undefined', () => {
    assert.equal(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: undefined } }), '{"a":{"d":[1,{"y":2,"z":1}]},"b":1}');
  });
});

describe('computeHash', () => {
  const template = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx:1' }] } };

  test('is at most 10 characters of the safe alphabet', () => {
    assert.match(computeHash(template), /^[bcdfghjklmnpqrstvwxz2456789]{1,10}$/);
  });

  test('does not depend on key order', () => {
    const reordered = { spec: { containers: [{ image: 'nginx:1', name: 'c' }] }, metadata: { labels: { app: 'web' } } };
    assert.equal(computeHash(reordered), computeHash(template));
  });

  test('changes with the template', () => {
    const other = structuredClone(template);
    other.spec.containers[0]!.image = 'nginx:2';
    assert.notEqual(computeHash(other), computeHash(template));
  });

  test('a collision count salts the hash; each count gives another value', () => {
    const values = new Set([computeHash(template), computeHash(template, 0), computeHash(template, 1), computeHash(template, 2)]);
    assert.equal(values.size, 4);
    assert.equal(computeHash(template, null), computeHash(template));
  });
});
