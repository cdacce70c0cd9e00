// What attemptToDelete does with a dependent once its owners are classified — the rules of
// Kubernetes' attemptToDeleteItem, as a pure function:
//  1. A solid owner keeps the object. References to owners that are gone, or that wait for
//     their dependents' deletion, are removed from it (the latter would otherwise wait for an
//     object that is not going away).
//  2. No solid owner, some owner deleting in the foreground, and dependents of its own: the
//     object is deleted in the foreground too, so the wait propagates down the chain. If one
//     of its dependents is itself deleting its dependents (a possible cycle), the object's
//     blocking references are first turned non-blocking.
//  3. Otherwise the object is garbage: deleted with the policy its own finalizers ask for
//     (orphan, foregroundDeletion), else in the background.

import type { PropagationPolicy } from './operations.js';
import type { ReferenceClassification } from './classify-references.js';
import { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './graph-builder.js';

export type DeletionDecision =
  | { readonly action: 'keep' }
  | { readonly action: 'removeReferences'; readonly ownerUids: readonly string[] }
  | { readonly action: 'delete'; readonly policy: PropagationPolicy; readonly unblockReferencesFirst: boolean };

export interface DeletionInput {
  readonly classification: ReferenceClassification;
  /** The live object's finalizers. */
  readonly finalizers: readonly string[];
  /** How many dependents the graph holds for the object. */
  readonly dependentCount: number;
  /** Whether one of those dependents is itself deleting its dependents. */
  readonly dependentDeletingDependents: boolean;
}

export function decideDeletion(input: DeletionInput): DeletionDecision {
  const { solid, dangling, waitingForDependentsDeletion: waiting } = input.classification;
  if (solid.length > 0) {
    if (dangling.length === 0 && waiting.length === 0) return { action: 'keep' };
    return { action: 'removeReferences', ownerUids: [...dangling, ...waiting].map((r) => r.uid) };
  }
  if (waiting.length > 0 && input.dependentCount > 0) {
    return { action: 'delete', policy: 'Foreground', unblockReferencesFirst: input.dependentDeletingDependents };
  }
  return { action: 'delete', policy: policyFromFinalizers(input.finalizers), unblockReferencesFirst: false };
}

function policyFromFinalizers(finalizers: readonly string[]): PropagationPolicy {
  if (finalizers.includes(ORPHAN_FINALIZER)) return 'Orphan';
  if (finalizers.includes(FOREGROUND_FINALIZER)) return 'Foreground';
  return 'Background';
}
