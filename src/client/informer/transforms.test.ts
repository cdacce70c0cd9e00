import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { withoutManagedFields } from './transforms.js';

test('withoutManagedFields returns a copy without managedFields and leaves the original alone', () => {
  const original: KubeObject = { metadata: { name: 'a', labels: { x: 'y' }, managedFields: [{ manager: 'm', operation: 'Update' }] }, spec: { n: 1 } };
  const out = withoutManagedFields(original);
  assert.notEqual(out, original);
  assert.deepEqual(out, { metadata: { name: 'a', labels: { x: 'y' } }, spec: { n: 1 } });
  assert.equal(original.metadata.managedFields?.length, 1);
});

test('an object without managedFields is returned as it is', () => {
  const original: KubeObject = { metadata: { name: 'a' } };
  assert.equal(withoutManagedFields(original), original);
});
