import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ReplicaSet } from '../../api/types/apps-v1.js';
import { makePod } from '../common/testing.js';
import { calculateStatus, REPLICA_FAILURE, statusUpToDate } from './status.js';

const NOW = Date.parse('2025-01-01T00:01:00Z');

function rs(over: { replicas?: number; minReadySeconds?: number; status?: ReplicaSet['status']; generation?: number } = {}): ReplicaSet {
  return {
    metadata: { name: 'rs', namespace: 'ns', generation: over.generation ?? 1 },
    spec: {
      replicas: over.replicas ?? 3,
      minReadySeconds: over.minReadySeconds ?? 0,
      selector: { matchLabels: { app: 'a' } },
      template: { metadata: { labels: { app: 'a', tier: 'x' } } },
    },
    status: over.status ?? { replicas: 0 },
  };
}

describe('calculateStatus', () => {
  test('counts replicas, fully labeled, ready and available pods', () => {
    const pods = [
      makePod('a').labels({ app: 'a', tier: 'x' }).ready('2025-01-01T00:00:00Z').build(),
      makePod('b').labels({ app: 'a', tier: 'x', extra: '1' }).ready('2025-01-01T00:00:55Z').build(),
      makePod('c').labels({ app: 'a' }).build(),
    ];
    const st = calculateStatus(rs({ minReadySeconds: 10 }), pods, undefined, NOW);
    assert.deepEqual(
      { replicas: st.replicas, fully: st.fullyLabeledReplicas, ready: st.readyReplicas, available: st.availableReplicas },
      { replicas: 3, fully: 2, ready: 2, available: 1 },
    );
    assert.equal(st.conditions, undefined);
  });

  const failures: { name: string; pods: number; reason: string }[] = [
    { name: 'too few pods: FailedCreate', pods: 1, reason: 'FailedCreate' },
    { name: 'too many pods: FailedDelete', pods: 5, reason: 'FailedDelete' },
  ];
  for (const f of failures) {
    test(`a manage error adds ReplicaFailure — ${f.name}`, () => {
      const pods = Array.from({ length: f.pods }, (_, i) => makePod(`p${i}`).labels({ app: 'a' }).build());
      const st = calculateStatus(rs(), pods, new Error('boom'), NOW);
      assert.deepEqual(st.conditions, [{ type: REPLICA_FAILURE, status: 'True', reason: f.reason, message: 'boom', lastTransitionTime: '2025-01-01T00:01:00Z' }]);
    });
  }

  test('an existing ReplicaFailure is kept while failing and removed on success; other conditions stay', () => {
    const existing = { type: REPLICA_FAILURE, status: 'True', reason: 'FailedCreate', message: 'old', lastTransitionTime: '2024-12-31T00:00:00Z' };
    const other = { type: 'Custom', status: 'True' };
    const failing = calculateStatus(rs({ status: { replicas: 0, conditions: [other, existing] } }), [], new Error('new'), NOW);
    assert.deepEqual(failing.conditions, [other, existing]);
    const ok = calculateStatus(rs({ status: { replicas: 0, conditions: [other, existing] } }), [], undefined, NOW);
    assert.deepEqual(ok.conditions, [other]);
    const cleared = calculateStatus(rs({ status: { replicas: 0, conditions: [existing] } }), [], undefined, NOW);
    assert.equal(cleared.conditions, undefined);
  });

  test('does not mutate the ReplicaSet', () => {
    const r = rs({ status: { replicas: 7, conditions: [{ type: 'Custom', status: 'True' }] } });
    const copy = structuredClone(r);
    calculateStatus(r, [], new Error('x'), NOW);
    assert.deepEqual(r, copy);
  });
});

describe('statusUpToDate', () => {
  const base = { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 1, availableReplicas: 1, observedGeneration: 3 };
  const cases: [string, ReplicaSet, boolean][] = [
    ['identical', rs({ generation: 3, status: base }), true],
    ['a new generation', rs({ generation: 4, status: base }), false],
    ['absent counters are zeros', rs({ generation: 0, status: { replicas: 0 } }), true],
  ];
  for (const [name, r, want] of cases) {
    test(name, () => {
      const next = name === 'absent counters are zeros' ? { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0 } : base;
      assert.equal(statusUpToDate(r, next), want);
    });
  }
  test('a changed count or condition', () => {
    assert.equal(statusUpToDate(rs({ generation: 3, status: base }), { ...base, readyReplicas: 2 }), false);
    assert.equal(statusUpToDate(rs({ generation: 3, status: base }), { ...base, conditions: [{ type: 'X', status: 'True' }] }), false);
  });
});
