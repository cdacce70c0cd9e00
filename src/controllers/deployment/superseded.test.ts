// Skipping syncs of a cached Deployment the controller has already rewritten.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { SupersededVersions } from './superseded.js';

describe('SupersededVersions', () => {
  test('versions written over are superseded until the cache shows another one', () => {
    const v = new SupersededVersions();
    v.record('ns/web', '10', '11');
    v.record('ns/web', '11', '12');
    assert.equal(v.isSuperseded('ns/web', '10'), true);
    assert.equal(v.isSuperseded('ns/web', '11'), true);
    assert.equal(v.isSuperseded('ns/web', '12'), false);
    // Caught up: the record is gone, even for an old version seen again.
    assert.equal(v.isSuperseded('ns/web', '10'), false);
  });

  test('a write that changed nothing supersedes nothing', () => {
    const v = new SupersededVersions();
    v.record('ns/web', '10', '10');
    assert.equal(v.isSuperseded('ns/web', '10'), false);
  });

  test('keys are independent; forget drops a key', () => {
    const v = new SupersededVersions();
    v.record('ns/a', '1', '2');
    v.record('ns/b', '1', '2');
    v.forget('ns/a');
    assert.equal(v.isSuperseded('ns/a', '1'), false);
    assert.equal(v.isSuperseded('ns/b', '1'), true);
  });
});
