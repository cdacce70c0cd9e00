import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalQuantity } from './quantities.js';

// [input, canonical, canonical in a ResourceList (rounded up to thousandths)]
const cases: [unknown, unknown, unknown][] = [
  ['0.5', '500m', '500m'],
  ['1024Mi', '1Gi', '1Gi'],
  ['1536Mi', '1536Mi', '1536Mi'],
  ['1000', '1k', '1k'],
  ['1G', '1G', '1G'],
  ['100m', '100m', '100m'],
  ['100u', '100u', '1m'],
  ['1n', '1n', '1m'],
  ['0.0001', '100u', '1m'],
  ['1.0001', '1000100u', '1001m'],
  ['-0.0001', '-100u', '-1m'],
  ['1e3', '1e3', '1e3'],
  ['1e-5', '10e-6', '1e-3'],
  [' 2 ', '2', '2'],
  [2, '2', '2'],
  [0.25, '250m', '250m'],
  ['0', '0', '0'],
  // Not quantities: left for validation.
  ['abc', 'abc', 'abc'],
  ['1.5.5', '1.5.5', '1.5.5'],
  ['', '', ''],
  [true, true, true],
  [{ a: 1 }, { a: 1 }, { a: 1 }],
  [Number.NaN, Number.NaN, Number.NaN],
  // A null map entry is the zero quantity; a null field is unset.
  [null, null, '0'],
];

for (const [input, canonical, rounded] of cases) {
  test(`quantity ${JSON.stringify(input)}`, () => {
    assert.deepEqual(canonicalQuantity(input, false), canonical);
    assert.deepEqual(canonicalQuantity(input, true), rounded);
  });
}
