// The identity of an object in the garbage collector's graph: the coordinates an
// ownerReference names (apiVersion, kind, name, uid) plus the namespace the object lives in
// ('' for cluster-scoped objects). Identities are immutable values; a node whose identity
// changes gets a new one. Two references are "the same owner" only when all four coordinates
// match, which is how Kubernetes tells a valid reference from one naming a uid under the
// wrong kind or name.

import type { OwnerReference } from '../../api/meta.js';

/** What an ownerReference names, without the controller/blockOwnerDeletion flags. */
export interface OwnerCoordinates {
  readonly apiVersion: string;
  readonly kind: string;
  readonly name: string;
  readonly uid: string;
}

export interface ObjectIdentity extends OwnerCoordinates {
  /** '' for a cluster-scoped object (or a virtual owner believed to be one). */
  readonly namespace: string;
}

export function coordinatesOf(ref: OwnerReference | OwnerCoordinates): OwnerCoordinates {
  return { apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name, uid: ref.uid };
}

export function matchesCoordinates(a: OwnerCoordinates, b: OwnerCoordinates): boolean {
  return a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion;
}

export function sameIdentity(a: ObjectIdentity, b: ObjectIdentity): boolean {
  return matchesCoordinates(a, b) && a.namespace === b.namespace;
}

/** The identity a namespaced dependent gives an owner it references: its own namespace. */
export function ownerIdentity(ref: OwnerReference | OwnerCoordinates, dependentNamespace: string): ObjectIdentity {
  return { ...coordinatesOf(ref), namespace: dependentNamespace };
}

/** A string naming the identity exactly (map and cache keys). */
export function identityKey(id: ObjectIdentity): string {
  return [id.apiVersion, id.kind, id.namespace, id.name, id.uid].join('\u0000');
}

/** How Kubernetes prints an identity in logs and events:
 *  `[v1/ConfigMap, namespace: ns, name: a, uid: 1234]`. */
export function describeIdentity(id: ObjectIdentity): string {
  return `[${id.apiVersion}/${id.kind}, namespace: ${id.namespace}, name: ${id.name}, uid: ${id.uid}]`;
}

/** A total order on identities: kind, apiVersion, namespace, name, uid (Kubernetes'
 *  referenceLessThan, so alternate owner identities are tried in the same order). */
export function compareIdentities(a: ObjectIdentity, b: ObjectIdentity): number {
  for (const field of ['kind', 'apiVersion', 'namespace', 'name', 'uid'] as const) {
    if (a[field] !== b[field]) return a[field] < b[field] ? -1 : 1;
  }
  return 0;
}
