import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { filterActivePods, isPodActive, isPodAvailable, isPodReady, podKey } from './pod-status.js';
import { makePod } from './testing.js';

const NOW = Date.parse('2025-01-01T00:01:00Z');

describe('pod status', () => {
  const active: [string, ReturnType<typeof makePod>, boolean][] = [
    ['no phase', makePod('a'), true],
    ['Pending', makePod('a').phase('Pending'), true],
    ['Running', makePod('a').phase('Running'), true],
    ['Unknown', makePod('a').phase('Unknown'), true],
    ['Succeeded', makePod('a').phase('Succeeded'), false],
    ['Failed', makePod('a').phase('Failed'), false],
    ['Running but being deleted', makePod('a').phase('Running').deleting(), false],
  ];
  for (const [name, pod, want] of active) test(`isPodActive: ${name}`, () => assert.equal(isPodActive(pod.build()), want));

  test('filterActivePods keeps order', () => {
    const pods = [makePod('a').build(), makePod('b').phase('Failed').build(), makePod('c').build()];
    assert.deepEqual(filterActivePods(pods).map((p) => p.metadata.name), ['a', 'c']);
  });

  test('isPodReady', () => {
    assert.equal(isPodReady(makePod('a').build()), false);
    assert.equal(isPodReady(makePod('a').ready(undefined, 'False').build()), false);
    assert.equal(isPodReady(makePod('a').ready().build()), true);
  });

  const available: [string, ReturnType<typeof makePod>, number, boolean][] = [
    ['not ready', makePod('a').ready('2025-01-01T00:00:00Z', 'False'), 0, false],
    ['ready, minReadySeconds 0', makePod('a').ready('2025-01-01T00:00:59Z'), 0, true],
    ['ready without a time, minReadySeconds 0', makePod('a').ready(), 0, true],
    ['ready without a time, minReadySeconds 10', makePod('a').ready(), 10, false],
    ['ready 60s, minReadySeconds 30', makePod('a').ready('2025-01-01T00:00:00Z'), 30, true],
    ['ready exactly minReadySeconds: not yet', makePod('a').ready('2025-01-01T00:00:00Z'), 60, false],
    ['ready 60s, minReadySeconds 61', makePod('a').ready('2025-01-01T00:00:00Z'), 61, false],
  ];
  for (const [name, pod, minReady, want] of available) {
    test(`isPodAvailable: ${name}`, () => assert.equal(isPodAvailable(pod.build(), minReady, NOW), want));
  }

  test('podKey', () => assert.equal(podKey(makePod('a', 'ns').build()), 'ns/a'));
});
