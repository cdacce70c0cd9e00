// Proportional scaling of active ReplicaSets when spec.replicas changes mid-rollout.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IntOrString } from '../../api/types/apimachinery.js';
import { proportionalSizes } from './proportion.js';
import { makeDeployment, makeReplicaSet } from './testing.js';

interface Case {
  name: string;
  replicas: number;
  surge: IntOrString;
  unavailable: IntOrString;
  statusReplicas?: number;
  /** name, size, max-replicas annotation (undefined: none), creation offset */
  rss: [string, number, number | undefined, number][];
  operation: 'up' | 'down' | '';
  want: Record<string, number>;
}

const cases: Case[] = [
  {
    name: 'scale up mid-rollout: each keeps its share',
    replicas: 12,
    surge: 3,
    unavailable: 0,
    rss: [
      ['old', 8, 13, 0],
      ['new', 5, 13, 10],
    ],
    operation: 'up',
    want: { old: 9, new: 6 },
  },
  {
    name: 'scale down mid-rollout',
    replicas: 5,
    surge: 3,
    unavailable: 0,
    rss: [
      ['old', 8, 13, 0],
      ['new', 5, 13, 10],
    ],
    operation: 'down',
    want: { old: 5, new: 3 },
  },
  {
    name: 'scale to zero empties every ReplicaSet',
    replicas: 0,
    surge: 3,
    unavailable: 0,
    rss: [
      ['old', 8, 13, 0],
      ['new', 5, 13, 10],
    ],
    operation: 'down',
    want: { old: 0, new: 0 },
  },
  {
    name: 'the rounding leftover goes to the first visited (newest of equals when scaling up)',
    replicas: 4,
    surge: 0,
    unavailable: 1,
    rss: [
      ['a', 1, 3, 0],
      ['b', 1, 3, 5],
      ['c', 1, 3, 10],
    ],
    operation: 'up',
    want: { a: 1, b: 1, c: 2 },
  },
  {
    name: 'halves round away from zero',
    replicas: 3,
    surge: 0,
    unavailable: 1,
    rss: [
      ['older', 1, 2, 0],
      ['newer', 1, 2, 5],
    ],
    operation: 'up',
    want: { older: 1, newer: 2 },
  },
  {
    name: 'scaling down takes from the oldest of equals first',
    replicas: 1,
    surge: 0,
    unavailable: 1,
    rss: [
      ['older', 1, 2, 0],
      ['newer', 1, 2, 5],
    ],
    operation: 'down',
    want: { older: 0, newer: 1 },
  },
  {
    name: 'without max-replicas the Deployment status.replicas is the reference',
    replicas: 20,
    surge: 0,
    unavailable: 1,
    statusReplicas: 10,
    rss: [
      ['old', 6, undefined, 0],
      ['new', 4, undefined, 10],
    ],
    operation: 'up',
    want: { old: 12, new: 8 },
  },
  {
    name: 'already the right total: nothing moves',
    replicas: 10,
    surge: 2,
    unavailable: 0,
    rss: [
      ['old', 6, 12, 0],
      ['new', 6, 12, 10],
    ],
    operation: '',
    want: { old: 6, new: 6 },
  },
];

describe('proportionalSizes', () => {
  for (const c of cases) {
    test(c.name, () => {
      const d = makeDeployment('web').replicas(c.replicas).rolling(c.surge, c.unavailable).status({ replicas: c.statusReplicas }).build();
      const rss = c.rss.map(([name, size, max, created]) => {
        const b = makeReplicaSet(d, name).replicas(size).created(created);
        if (max !== undefined) b.replicasAnnotations(0, max);
        return b.build();
      });
      const plan = proportionalSizes(d, rss);
      assert.equal(plan.operation, c.operation);
      assert.deepEqual(Object.fromEntries(plan.sizes.map((s) => [s.rs.metadata.name, s.size])), c.want);
    });
  }

  test('inactive ReplicaSets take no part', () => {
    const d = makeDeployment('web').replicas(6).rolling(0, 1).build();
    const plan = proportionalSizes(d, [makeReplicaSet(d, 'idle').build(), makeReplicaSet(d, 'a').replicas(2).replicasAnnotations(3, 3).build(), makeReplicaSet(d, 'b').replicas(1).replicasAnnotations(3, 3).build()]);
    assert.deepEqual(plan.sizes.map((s) => s.rs.metadata.name).sort(), ['a', 'b']);
    assert.equal(plan.sizes.reduce((n, s) => n + s.size, 0), 6);
  });
});
