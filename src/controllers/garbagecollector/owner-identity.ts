// Deciding which dependents agree with an owner's identity. Dependents name an owner by uid,
// but may disagree on its apiVersion, kind, name — or, for a namespaced owner, on its
// namespace (a namespaced dependent's owner is looked up in the dependent's namespace, so a
// reference from another namespace can never be satisfied).
//
//  - partitionDependents splits dependents into those whose reference matches an identity
//    and those that reference the same uid with other coordinates (one dependent can be in
//    both when it references the uid twice).
//  - alternateOwnerIdentity picks the next identity to verify for a virtual owner after one
//    identity was verified absent: the first (in compareIdentities order) that follows the
//    absent one, else the first overall; undefined when the dependents agree.

import type { GraphNode } from './graph-node.js';
import { compareIdentities, matchesCoordinates, ownerIdentity, type ObjectIdentity } from './identity.js';

export interface Partition {
  readonly matching: GraphNode[];
  readonly nonMatching: GraphNode[];
}

export function partitionDependents(dependents: Iterable<GraphNode>, owner: ObjectIdentity): Partition {
  const matching: GraphNode[] = [];
  const nonMatching: GraphNode[] = [];
  const ownerNamespaced = owner.namespace !== '';
  for (const dep of dependents) {
    let match = false;
    let mismatch = false;
    if (ownerNamespaced && dep.identity.namespace !== owner.namespace) {
      mismatch = true;
    } else {
      for (const ref of dep.owners) {
        if (ref.uid !== owner.uid) continue;
        if (matchesCoordinates(ref, owner)) match = true;
        else mismatch = true;
      }
    }
    if (match) matching.push(dep);
    if (mismatch) nonMatching.push(dep);
  }
  return { matching, nonMatching };
}

export function alternateOwnerIdentity(dependents: Iterable<GraphNode>, absent: ObjectIdentity): ObjectIdentity | undefined {
  const absentClusterScoped = absent.namespace === '';
  const seen = new Set<string>([keyOf(absent)]);
  let first: ObjectIdentity | undefined;
  let firstFollowing: ObjectIdentity | undefined;
  for (const dep of dependents) {
    for (const ref of dep.owners) {
      if (ref.uid !== absent.uid) continue;
      const sameCoordinates = matchesCoordinates(ref, absent);
      if (sameCoordinates && (absentClusterScoped || absent.namespace === dep.identity.namespace)) continue;
      let candidate = ownerIdentity(ref, dep.identity.namespace);
      // The absent identity proved this apiVersion/kind cluster-scoped.
      if (absentClusterScoped && ref.apiVersion === absent.apiVersion && ref.kind === absent.kind) candidate = { ...candidate, namespace: '' };
      const key = keyOf(candidate);
      if (seen.has(key)) continue;
      seen.add(key);
      if (!first || compareIdentities(candidate, first) < 0) first = candidate;
      if (compareIdentities(absent, candidate) < 0 && (!firstFollowing || compareIdentities(candidate, firstFollowing) < 0)) {
        firstFollowing = candidate;
      }
    }
  }
  return firstFollowing ?? first;
}

function keyOf(id: ObjectIdentity): string {
  return `${id.apiVersion}|${id.kind}|${id.namespace}|${id.name}|${id.uid}`;
}
