// The absent-owner LRU: bounded, recency-ordered, keyed by the full identity.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AbsentOwnerCache } from './absent-owner-cache.js';
import type { ObjectIdentity } from './identity.js';

const id = (uid: string, namespace = 'ns'): ObjectIdentity => ({ apiVersion: 'v1', kind: 'ConfigMap', name: uid, uid, namespace });

test('AbsentOwnerCache keeps the most recently used entries', () => {
  const cache = new AbsentOwnerCache(2);
  cache.add(id('a'));
  cache.add(id('b'));
  assert.ok(cache.has(id('a')));
  cache.add(id('c'));
  assert.equal(cache.size, 2);
  assert.ok(cache.has(id('a')), 'a was used last, so b was evicted');
  assert.ok(!cache.has(id('b')));
  assert.ok(cache.has(id('c')));
});

test('AbsentOwnerCache: an owner absent in one namespace is not absent in another', () => {
  const cache = new AbsentOwnerCache();
  cache.add(id('a', 'ns1'));
  assert.ok(cache.has(id('a', 'ns1')));
  assert.ok(!cache.has(id('a', 'ns2')));
  assert.ok(!cache.has(id('a', '')));
});
