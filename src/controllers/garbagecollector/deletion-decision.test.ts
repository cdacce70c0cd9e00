// Table-driven tests of what attemptToDelete does once a dependent's owners are classified.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OwnerReference } from '../../api/meta.js';
import { decideDeletion, type DeletionDecision, type DeletionInput } from './deletion-decision.js';

const ref = (uid: string): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: uid, uid });

function input(o: { solid?: string[]; dangling?: string[]; waiting?: string[]; finalizers?: string[]; dependents?: number; cycle?: boolean }): DeletionInput {
  return {
    classification: {
      solid: (o.solid ?? []).map(ref),
      dangling: (o.dangling ?? []).map(ref),
      waitingForDependentsDeletion: (o.waiting ?? []).map(ref),
    },
    finalizers: o.finalizers ?? [],
    dependentCount: o.dependents ?? 0,
    dependentDeletingDependents: o.cycle ?? false,
  };
}

const cases: [string, DeletionInput, DeletionDecision][] = [
  ['a solid owner keeps the object', input({ solid: ['a'] }), { action: 'keep' }],
  ['solid and dangling: the dangling reference goes', input({ solid: ['a'], dangling: ['b'] }), { action: 'removeReferences', ownerUids: ['b'] }],
  ['solid and waiting: the waiting reference goes too', input({ solid: ['a'], dangling: ['b'], waiting: ['c'] }), { action: 'removeReferences', ownerUids: ['b', 'c'] }],
  ['all dangling: deleted in the background', input({ dangling: ['a', 'b'] }), { action: 'delete', policy: 'Background', unblockReferencesFirst: false }],
  ['all dangling, orphan finalizer: honoured', input({ dangling: ['a'], finalizers: ['orphan'] }), { action: 'delete', policy: 'Orphan', unblockReferencesFirst: false }],
  ['all dangling, foreground finalizer: honoured', input({ dangling: ['a'], finalizers: ['x', 'foregroundDeletion'] }), { action: 'delete', policy: 'Foreground', unblockReferencesFirst: false }],
  ['owner waiting, no dependents of its own: background', input({ waiting: ['a'] }), { action: 'delete', policy: 'Background', unblockReferencesFirst: false }],
  ['owner waiting, with dependents: foreground', input({ waiting: ['a'], dependents: 3 }), { action: 'delete', policy: 'Foreground', unblockReferencesFirst: false }],
  ['owner waiting, a dependent also waiting (cycle): unblock, then foreground', input({ waiting: ['a'], dependents: 1, cycle: true }), { action: 'delete', policy: 'Foreground', unblockReferencesFirst: true }],
  ['dangling and waiting, with dependents: foreground', input({ dangling: ['b'], waiting: ['a'], dependents: 1 }), { action: 'delete', policy: 'Foreground', unblockReferencesFirst: false }],
];

for (const [name, given, expected] of cases) {
  test(`decideDeletion: ${name}`, () => assert.deepEqual(decideDeletion(given), expected));
}
