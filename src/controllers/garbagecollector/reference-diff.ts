// How an object's ownerReferences changed between two observations, matched by owner uid:
// references only in the new list are added, only in the old are removed, in both but
// different (e.g. blockOwnerDeletion flipped) are changed. The graph builder uses the diff to
// move the dependent between owners and to wake owners a dependent stopped blocking.

import type { OwnerReference } from '../../api/meta.js';
import { deepEqual } from '../../api/strategy/deep-equal.js';

export interface ChangedReference {
  readonly before: OwnerReference;
  readonly after: OwnerReference;
}

export interface ReferenceDiff {
  readonly added: OwnerReference[];
  readonly removed: OwnerReference[];
  readonly changed: ChangedReference[];
}

export function diffReferences(before: readonly OwnerReference[], after: readonly OwnerReference[]): ReferenceDiff {
  const diff: ReferenceDiff = { added: [], removed: [], changed: [] };
  if (before.length === 0 && after.length === 0) return diff;
  const old = new Map(before.map((r) => [r.uid, r]));
  for (const ref of after) {
    const previous = old.get(ref.uid);
    if (!previous) {
      diff.added.push(ref);
      continue;
    }
    if (!deepEqual(previous, ref)) diff.changed.push({ before: previous, after: ref });
    old.delete(ref.uid);
  }
  diff.removed.push(...old.values());
  return diff;
}

export function isEmptyDiff(diff: ReferenceDiff): boolean {
  return diff.added.length === 0 && diff.removed.length === 0 && diff.changed.length === 0;
}

/** Owners this change stops blocking: a blocking reference removed, or its
 *  blockOwnerDeletion turned off. */
export function unblockedOwnerUids(diff: ReferenceDiff): string[] {
  const uids: string[] = [];
  for (const ref of diff.removed) if (ref.blockOwnerDeletion === true) uids.push(ref.uid);
  for (const { before, after } of diff.changed) {
    if (before.blockOwnerDeletion === true && after.blockOwnerDeletion !== true) uids.push(after.uid);
  }
  return uids;
}
