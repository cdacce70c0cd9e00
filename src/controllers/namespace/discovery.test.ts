// Group version parsing as Go's schema.ParseGroupVersion does it.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseGroupVersion } from './discovery.js';
import { GroupVersionParseError } from './errors.js';

const cases: [string, { group: string; version: string } | 'error'][] = [
  ['v1', { group: '', version: 'v1' }],
  ['apps/v1', { group: 'apps', version: 'v1' }],
  ['', { group: '', version: '' }],
  ['a/b/c', 'error'],
];

for (const [gv, expected] of cases) {
  test(`parseGroupVersion(${JSON.stringify(gv)})`, () => {
    const got = parseGroupVersion(gv);
    if (expected === 'error') assert.ok(got instanceof GroupVersionParseError);
    else assert.deepEqual(got, expected);
  });
}
