// Table-driven tests of ownerReference diffs and the owners a change unblocks.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OwnerReference } from '../../api/meta.js';
import { diffReferences, isEmptyDiff, unblockedOwnerUids } from './reference-diff.js';

const ref = (uid: string, block?: boolean): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: uid, uid, ...(block === undefined ? {} : { blockOwnerDeletion: block }) });

const cases: [string, OwnerReference[], OwnerReference[], { added: string[]; removed: string[]; changed: string[]; unblocked: string[] }][] = [
  ['nothing to nothing', [], [], { added: [], removed: [], changed: [], unblocked: [] }],
  ['same references', [ref('a'), ref('b', true)], [ref('b', true), ref('a')], { added: [], removed: [], changed: [], unblocked: [] }],
  ['added and removed', [ref('a')], [ref('b')], { added: ['b'], removed: ['a'], changed: [], unblocked: [] }],
  ['a blocking reference removed', [ref('a', true), ref('b')], [ref('b')], { added: [], removed: ['a'], changed: [], unblocked: ['a'] }],
  ['blockOwnerDeletion true -> false', [ref('a', true)], [ref('a', false)], { added: [], removed: [], changed: ['a'], unblocked: ['a'] }],
  ['blockOwnerDeletion true -> unset', [ref('a', true)], [ref('a')], { added: [], removed: [], changed: ['a'], unblocked: ['a'] }],
  ['blockOwnerDeletion unset -> true', [ref('a')], [ref('a', true)], { added: [], removed: [], changed: ['a'], unblocked: [] }],
];

for (const [name, before, after, want] of cases) {
  test(`diffReferences: ${name}`, () => {
    const diff = diffReferences(before, after);
    assert.deepEqual(diff.added.map((r) => r.uid), want.added);
    assert.deepEqual(diff.removed.map((r) => r.uid), want.removed);
    assert.deepEqual(diff.changed.map((c) => c.after.uid), want.changed);
    assert.deepEqual(unblockedOwnerUids(diff), want.unblocked);
    assert.equal(isEmptyDiff(diff), want.added.length + want.removed.length + want.changed.length === 0);
  });
}
