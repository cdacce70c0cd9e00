// When a watch that allows bookmarks gets them: every interval, and once shortly before its
// timeout ends it, as Kubernetes' cacheWatcher schedules them.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextBookmarkDelay } from './watch.js';

test('a long watch gets a bookmark every interval', () => {
  assert.equal(nextBookmarkDelay(0, 3_600_000, 60_000), 60_000);
});

test('the last bookmark comes 2 s before the timeout', () => {
  assert.equal(nextBookmarkDelay(0, 5_000, 60_000), 3_000);
  assert.equal(nextBookmarkDelay(3_550_000, 3_600_000, 60_000), 48_000);
});

test('none once that moment has come or passed', () => {
  assert.equal(nextBookmarkDelay(3_000, 5_000, 60_000), undefined);
  assert.equal(nextBookmarkDelay(0, 1_000, 60_000), undefined);
});
