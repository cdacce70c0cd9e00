import assert from 'node:assert/strict';
import { test } from 'node:test';
import { QueuedPodInfo } from '../../framework/pod-info.js';
import { makePod } from '../../testing/wrappers.js';
import { PrioritySort } from './priority-sort.js';

test('PrioritySort: higher priority first, then earlier queued', () => {
  const sort = new PrioritySort();
  const q = (name: string, priority: number, ts: number): QueuedPodInfo => new QueuedPodInfo(makePod(name).priority(priority).info(), ts);
  const cases: [QueuedPodInfo, QueuedPodInfo, boolean][] = [
    [q('a', 10, 2), q('b', 5, 1), true],
    [q('a', 5, 1), q('b', 10, 2), false],
    [q('a', 5, 1), q('b', 5, 2), true],
    [q('a', 5, 2), q('b', 5, 1), false],
    [q('a', 5, 1), q('b', 5, 1), false],
  ];
  for (const [a, b, want] of cases) assert.equal(sort.less(a, b), want);
});
