import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../../api/meta.js';
import { newIndexer } from '../../client/informer/indexer.js';
import { podControllerIndexers, podsByOwner } from './pods-by-owner.js';

function pod(name: string, namespace: string, controllerUid?: string, extraOwnerUid?: string): KubeObject {
  const refs = [];
  if (controllerUid) refs.push({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: controllerUid, uid: controllerUid, controller: true });
  if (extraOwnerUid) refs.push({ apiVersion: 'v1', kind: 'ConfigMap', name: extraOwnerUid, uid: extraOwnerUid });
  return { metadata: { name, namespace, ...(refs.length ? { ownerReferences: refs } : {}) } };
}

const names = (objs: KubeObject[]) => objs.map((o) => o.metadata.name).sort();

test('owned pods and, when asked, the orphans of the owner namespace only', () => {
  const ix = newIndexer(podControllerIndexers());
  ix.add(pod('mine-1', 'a', 'rs-1'));
  ix.add(pod('mine-2', 'a', 'rs-1', 'cm'));
  ix.add(pod('other', 'a', 'rs-2'));
  ix.add(pod('orphan-a', 'a', undefined, 'cm'));
  ix.add(pod('orphan-b', 'b'));
  const owner = { metadata: { name: 'rs', namespace: 'a', uid: 'rs-1' } };
  assert.deepEqual(names(podsByOwner(ix, owner, false)), ['mine-1', 'mine-2']);
  assert.deepEqual(names(podsByOwner(ix, owner, true)), ['mine-1', 'mine-2', 'orphan-a']);
});

test('the index follows a pod that is adopted or released', () => {
  const ix = newIndexer(podControllerIndexers());
  const owner = { metadata: { name: 'rs', namespace: 'a', uid: 'rs-1' } };
  ix.add(pod('p', 'a'));
  assert.deepEqual(names(podsByOwner(ix, owner, false)), []);
  ix.update(pod('p', 'a', 'rs-1'));
  assert.deepEqual(names(podsByOwner(ix, owner, false)), ['p']);
  ix.update(pod('p', 'a'));
  assert.deepEqual(names(podsByOwner(ix, owner, false)), []);
  assert.deepEqual(names(podsByOwner(ix, owner, true)), ['p']);
});

test('an owner in another namespace with the same uid does not see the pods', () => {
  const ix = newIndexer(podControllerIndexers());
  ix.add(pod('p', 'a', 'rs-1'));
  assert.deepEqual(podsByOwner(ix, { metadata: { name: 'rs', namespace: 'b', uid: 'rs-1' } }, true), []);
});
