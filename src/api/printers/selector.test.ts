import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatLabelSelector, selectorString } from './selector.js';

const cases: { name: string; selector: unknown; string: string | undefined; formatted: string }[] = [
  { name: 'nil', selector: undefined, string: '', formatted: '<none>' },
  { name: 'null', selector: null, string: '', formatted: '<none>' },
  { name: 'empty', selector: {}, string: '', formatted: '<none>' },
  { name: 'empty parts', selector: { matchLabels: {}, matchExpressions: [] }, string: '', formatted: '<none>' },
  { name: 'labels sorted by key', selector: { matchLabels: { tier: 'web', app: 'nginx' } }, string: 'app=nginx,tier=web', formatted: 'app=nginx,tier=web' },
  {
    name: 'expressions',
    selector: {
      matchExpressions: [
        { key: 'zone', operator: 'In', values: ['b', 'a'] },
        { key: 'env', operator: 'NotIn', values: ['dev'] },
        { key: 'canary', operator: 'DoesNotExist' },
        { key: 'gpu', operator: 'Exists', values: [] },
      ],
    },
    string: '!canary,env notin (dev),gpu,zone in (a,b)',
    formatted: '!canary,env notin (dev),gpu,zone in (a,b)',
  },
  {
    name: 'labels and expressions merged by key',
    selector: { matchLabels: { b: '1' }, matchExpressions: [{ key: 'a', operator: 'Exists' }] },
    string: 'a,b=1',
    formatted: 'a,b=1',
  },
  { name: 'unknown operator', selector: { matchExpressions: [{ key: 'a', operator: 'Gt', values: ['1'] }] }, string: undefined, formatted: '<error>' },
  { name: 'in without values', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: [] }] }, string: undefined, formatted: '<error>' },
  { name: 'exists with values', selector: { matchExpressions: [{ key: 'a', operator: 'Exists', values: ['x'] }] }, string: undefined, formatted: '<error>' },
  { name: 'odd expression', selector: { matchExpressions: ['nope'] }, string: undefined, formatted: '<error>' },
  { name: 'invalid label key', selector: { matchLabels: { 'bad key!': 'v' } }, string: undefined, formatted: '<error>' },
  { name: 'invalid label value', selector: { matchExpressions: [{ key: 'a', operator: 'In', values: ['-x-'] }] }, string: undefined, formatted: '<error>' },
  { name: 'non-string label', selector: { matchLabels: { a: 1 } }, string: undefined, formatted: '<error>' },
];

for (const c of cases) {
  test(`selector: ${c.name}`, () => {
    assert.equal(selectorString(c.selector), c.string);
    assert.equal(formatLabelSelector(c.selector), c.formatted);
  });
}
