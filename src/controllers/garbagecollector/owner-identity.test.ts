// Table-driven tests of matching dependents against an owner identity, and of choosing the
// next identity to verify for a virtual owner.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { OwnerReference } from '../../api/meta.js';
import { GraphNode } from './graph-node.js';
import type { ObjectIdentity } from './identity.js';
import { alternateOwnerIdentity, partitionDependents } from './owner-identity.js';

const id = (o: Partial<ObjectIdentity> = {}): ObjectIdentity => ({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'o', namespace: 'ns', ...o });
const ref = (o: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'o', ...o });
const dep = (uid: string, namespace: string, owners: OwnerReference[]): GraphNode =>
  new GraphNode({ identity: { apiVersion: 'v1', kind: 'ConfigMap', name: uid, uid, namespace }, owners });

const partitions: [string, ObjectIdentity, GraphNode[], string[], string[]][] = [
  ['same coordinates, same namespace', id(), [dep('a', 'ns', [ref()])], ['a'], []],
  ['other namespace of a namespaced owner', id(), [dep('a', 'other', [ref()])], [], ['a']],
  ['cluster-scoped owner from any namespace', id({ namespace: '', kind: 'Namespace' }), [dep('a', 'x', [ref({ kind: 'Namespace' })])], ['a'], []],
  ['other name for the uid', id(), [dep('a', 'ns', [ref({ name: 'else' })])], [], ['a']],
  ['both, named twice', id(), [dep('a', 'ns', [ref(), ref({ kind: 'Secret' })])], ['a'], ['a']],
];

for (const [name, owner, deps, matching, nonMatching] of partitions) {
  test(`partitionDependents: ${name}`, () => {
    const p = partitionDependents(deps, owner);
    assert.deepEqual(p.matching.map((d) => d.uid), matching);
    assert.deepEqual(p.nonMatching.map((d) => d.uid), nonMatching);
  });
}

const alternates: [string, ObjectIdentity, GraphNode[], ObjectIdentity | undefined][] = [
  ['everyone agrees: none', id(), [dep('a', 'ns', [ref()])], undefined],
  ['another kind follows the absent one', id(), [dep('a', 'ns', [ref({ kind: 'Secret' })])], id({ kind: 'Secret' })],
  ['only earlier identities: the first', id({ kind: 'Secret' }), [dep('a', 'ns', [ref({ kind: 'ConfigMap' })])], id({ kind: 'ConfigMap' })],
  ['the first following, in order', id({ kind: 'B' }), [dep('a', 'ns', [ref({ kind: 'D' })]), dep('b', 'ns', [ref({ kind: 'C' })]), dep('c', 'ns', [ref({ kind: 'A' })])], id({ kind: 'C' })],
  ['another namespace of the same coordinates', id(), [dep('a', 'other', [ref()])], id({ namespace: 'other' })],
  ['a kind proved cluster-scoped stays cluster-scoped', id({ namespace: '', kind: 'Node' }), [dep('a', 'ns', [ref({ kind: 'Node' })])], undefined],
];

for (const [name, absent, deps, expected] of alternates) {
  test(`alternateOwnerIdentity: ${name}`, () => assert.deepEqual(alternateOwnerIdentity(deps, absent), expected));
}
