import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { makePod } from '../common/testing.js';
import { getPodsToDelete } from './pods-to-delete.js';

const NOW = Date.parse('2025-01-02T00:00:00Z');

describe('getPodsToDelete', () => {
  const ready = (name: string, node: string) => makePod(name).node(node).phase('Running').ready('2025-01-01T00:00:00Z').created('2025-01-01T00:00:00Z').uid(name).build();

  test('all of them: no sorting needed', () => {
    const pods = [ready('a', 'n1'), ready('b', 'n1')];
    assert.deepEqual(getPodsToDelete(pods, pods, 2, NOW).map((p) => p.metadata.name), ['a', 'b']);
  });

  test('the pod on the most crowded node goes first', () => {
    const own = [ready('a', 'n1'), ready('b', 'n2')];
    // Pods of sibling ReplicaSets (same Deployment) crowd n2.
    const related = [...own, ready('x', 'n2'), ready('y', 'n2')];
    assert.deepEqual(getPodsToDelete(own, related, 1, NOW).map((p) => p.metadata.name), ['b']);
  });

  test('unscheduled and not-ready before the crowded node', () => {
    const own = [ready('a', 'n1'), makePod('pending').phase('Pending').build(), ready('b', 'n1')];
    assert.deepEqual(getPodsToDelete(own, own, 1, NOW).map((p) => p.metadata.name), ['pending']);
  });
});
