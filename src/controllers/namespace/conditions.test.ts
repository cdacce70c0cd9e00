// Table-driven tests of the terminating namespace's status conditions.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NamespaceConditionUpdater, type NamespaceCondition } from './conditions.js';
import { GroupDiscoveryFailedError } from './errors.js';

type Step = (u: NamespaceConditionUpdater) => void;
const totals =
  (resources: [string, number][], finalizers: [string, number][] = []): Step =>
  (u) =>
    u.contentTotals({ remainingByResource: new Map(resources), remainingByFinalizer: new Map(finalizers) });

const ALL_OK: Record<string, [string, string, string]> = {
  NamespaceDeletionDiscoveryFailure: ['False', 'ResourcesDiscovered', 'All resources successfully discovered'],
  NamespaceDeletionGroupVersionParsingFailure: ['False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
  NamespaceDeletionContentFailure: ['False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
  NamespaceContentRemaining: ['False', 'ContentRemoved', 'All content successfully removed'],
  NamespaceFinalizersRemaining: ['False', 'ContentRemoved', 'All content successfully removed'],
};

const cases: [string, Step[], Record<string, [string, string, string]>][] = [
  ['nothing wrong: every condition False with its ok reason', [], ALL_OK],
  [
    'remaining resources and finalizers, sorted',
    [totals([['pods.', 2], ['deployments.apps', 1], ['secrets.', 0]], [['b/x', 1], ['a/y', 2]])],
    {
      ...ALL_OK,
      NamespaceContentRemaining: ['True', 'SomeResourcesRemain', 'Some resources are remaining: deployments.apps has 1 resource instances, pods. has 2 resource instances'],
      NamespaceFinalizersRemaining: ['True', 'SomeFinalizerRemain', 'Some finalizers are remaining: a/y in 2 resource instances, b/x in 1 resource instances'],
    },
  ],
  [
    'content errors are collected, sorted and counted',
    [(u) => u.contentDeletionFailed(new Error('z failed')), (u) => u.contentDeletionFailed(new Error('a failed'))],
    { ...ALL_OK, NamespaceDeletionContentFailure: ['True', 'ContentDeletionFailed', 'Failed to delete all resource types, 2 remaining: a failed, z failed'] },
  ],
  [
    'discovery and group version failures',
    [
      (u) => u.discoveryFailed(new GroupDiscoveryFailedError(new Map([['x.io/v1', new Error('boom')]]))),
      (u) => u.groupVersionParsingFailed(new Error('unexpected GroupVersion string: a/b/c')),
    ],
    {
      ...ALL_OK,
      NamespaceDeletionDiscoveryFailure: ['True', 'DiscoveryFailed', 'Discovery failed for some groups, 1 failing: unable to retrieve the complete list of server APIs: x.io/v1: boom'],
      NamespaceDeletionGroupVersionParsingFailure: ['True', 'GroupVersionParsingFailed', 'unexpected GroupVersion string: a/b/c'],
    },
  ],
];

for (const [name, steps, expected] of cases) {
  test(`conditions: ${name}`, () => {
    const u = new NamespaceConditionUpdater();
    for (const step of steps) step(u);
    const status: { conditions?: NamespaceCondition[] } = {};
    assert.equal(u.update(status, '2025-01-01T00:00:00Z'), true);
    const got = Object.fromEntries((status.conditions ?? []).map((c) => [c.type, [c.status, c.reason, c.message]]));
    assert.deepEqual(got, expected);
    assert.deepEqual(
      status.conditions?.map((c) => c.type),
      Object.keys(ALL_OK),
      'in Kubernetes order',
    );
  });
}

test('conditions: unchanged conditions are no update; lastTransitionTime moves only with status', () => {
  const status: { conditions?: NamespaceCondition[] } = {};
  const withPods = new NamespaceConditionUpdater();
  totals([['pods.', 2]])(withPods);
  withPods.update(status, 't1');
  const again = new NamespaceConditionUpdater();
  totals([['pods.', 2]])(again);
  assert.equal(again.update(status, 't2'), false);
  const fewer = new NamespaceConditionUpdater();
  totals([['pods.', 1]])(fewer);
  assert.equal(fewer.update(status, 't3'), true);
  const remaining = status.conditions?.find((c) => c.type === 'NamespaceContentRemaining');
  assert.equal(remaining?.lastTransitionTime, 't1', 'same status, new message: time kept');
  assert.equal(remaining?.message, 'Some resources are remaining: pods. has 1 resource instances');
  assert.equal(new NamespaceConditionUpdater().update(status, 't4'), true);
  assert.equal(status.conditions?.find((c) => c.type === 'NamespaceContentRemaining')?.lastTransitionTime, 't4');
});
