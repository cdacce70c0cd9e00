// Rolling-update arithmetic: percentages and rounding, the 0/0 rule, the caps, new ReplicaSet sizing
// (cases after Kubernetes' TestResolveFenceposts and TestNewRSNewReplicas).

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { IntOrString } from '../../api/types/apimachinery.js';
import { InvalidIntOrPercentError, UnsupportedStrategyError } from './errors.js';
import { maxSurge, maxUnavailable, newRSNewReplicas, resolveFenceposts, scaledValue } from './fenceposts.js';
import { makeDeployment, makeReplicaSet } from './testing.js';

describe('scaledValue', () => {
  const cases: { value: IntOrString; total: number; up: boolean; want: number }[] = [
    { value: 3, total: 10, up: true, want: 3 },
    { value: '25%', total: 10, up: true, want: 3 },
    { value: '25%', total: 10, up: false, want: 2 },
    { value: '33%', total: 3, up: true, want: 1 },
    { value: '33%', total: 3, up: false, want: 0 },
    { value: '100%', total: 7, up: false, want: 7 },
    { value: '0%', total: 7, up: true, want: 0 },
  ];
  for (const c of cases) test(`${c.value} of ${c.total} rounded ${c.up ? 'up' : 'down'}`, () => assert.equal(scaledValue(c.value, c.total, c.up), c.want));

  for (const bad of ['oops', '5', '5.5%', 1.5]) {
    test(`${JSON.stringify(bad)} is refused`, () => assert.throws(() => scaledValue(bad, 10, true), InvalidIntOrPercentError));
  }
});

describe('resolveFenceposts', () => {
  // Kubernetes' TestResolveFenceposts and the defaults kubectl users meet.
  const cases: { surge?: IntOrString; unavailable?: IntOrString; desired: number; want: [number, number] }[] = [
    { surge: '0%', unavailable: '0%', desired: 0, want: [0, 1] },
    { surge: '39%', unavailable: '39%', desired: 10, want: [4, 3] },
    { surge: '25%', unavailable: '25%', desired: 10, want: [3, 2] },
    { surge: '25%', unavailable: '25%', desired: 1, want: [1, 0] },
    { surge: '25%', unavailable: '25%', desired: 4, want: [1, 1] },
    { surge: 0, unavailable: 0, desired: 5, want: [0, 1] },
    { surge: 2, unavailable: '50%', desired: 5, want: [2, 2] },
    { surge: undefined, unavailable: undefined, desired: 10, want: [0, 1] },
    { surge: 0, unavailable: '10%', desired: 5, want: [0, 1] },
  ];
  for (const c of cases) {
    test(`surge ${String(c.surge)}, unavailable ${String(c.unavailable)}, ${c.desired} replicas`, () => {
      const f = resolveFenceposts(c.surge, c.unavailable, c.desired);
      assert.deepEqual([f.maxSurge, f.maxUnavailable], c.want);
    });
  }

  test('invalid values are refused', () => {
    assert.throws(() => resolveFenceposts('oops', '25%', 10), InvalidIntOrPercentError);
    assert.throws(() => resolveFenceposts('55%', 'urg', 10), InvalidIntOrPercentError);
  });
});

describe('maxSurge / maxUnavailable of a Deployment', () => {
  test('maxUnavailable is capped at spec.replicas', () => {
    assert.equal(maxUnavailable(makeDeployment('d').replicas(2).rolling(1, 5).build()), 2);
  });
  test('zero replicas: nothing may be unavailable', () => {
    assert.equal(maxUnavailable(makeDeployment('d').replicas(0).rolling(1, 5).build()), 0);
  });
  test('Recreate has neither', () => {
    const d = makeDeployment('d').replicas(3).recreate().build();
    assert.deepEqual([maxSurge(d), maxUnavailable(d)], [0, 0]);
  });
  test('the API defaults: 25%/25% of 4', () => {
    const d = makeDeployment('d').replicas(4).build();
    assert.deepEqual([maxSurge(d), maxUnavailable(d)], [1, 1]);
  });
});

describe('newRSNewReplicas', () => {
  const cases: { name: string; replicas: number; surge: IntOrString; oldSize: number; newSize: number; want: number }[] = [
    { name: 'a fresh rollout starts with the surge', replicas: 10, surge: 3, oldSize: 10, newSize: 0, want: 3 },
    { name: 'percentages round up', replicas: 10, surge: '25%', oldSize: 10, newSize: 0, want: 3 },
    { name: 'room freed by old pods is taken', replicas: 10, surge: 3, oldSize: 5, newSize: 5, want: 8 },
    { name: 'never past spec.replicas', replicas: 10, surge: 3, oldSize: 1, newSize: 8, want: 10 },
    { name: 'no room: unchanged', replicas: 10, surge: 3, oldSize: 10, newSize: 3, want: 3 },
    { name: 'one replica, surge one', replicas: 1, surge: 1, oldSize: 1, newSize: 0, want: 1 },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const d = makeDeployment('d').replicas(c.replicas).rolling(c.surge, 0).build();
      const old = makeReplicaSet(d, 'old').replicas(c.oldSize).build();
      const cur = makeReplicaSet(d, 'new').replicas(c.newSize).build();
      assert.equal(newRSNewReplicas(d, [old, cur], cur), c.want);
    });
  }

  test('Recreate goes straight to spec.replicas', () => {
    const d = makeDeployment('d').replicas(4).recreate().build();
    const cur = makeReplicaSet(d, 'new').build();
    assert.equal(newRSNewReplicas(d, [cur], cur), 4);
  });

  test('an unknown strategy is an error', () => {
    const d = makeDeployment('d').build();
    d.spec!.strategy = { type: 'Blue' };
    assert.throws(() => newRSNewReplicas(d, [], makeReplicaSet(d, 'x').build()), UnsupportedStrategyError);
  });
});
