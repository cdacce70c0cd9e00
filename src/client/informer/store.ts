// Store is the cache contract of client-go's tools/cache (store.go): objects kept by key,
// where a key is `namespace/name` for namespaced objects and `name` for cluster-scoped ones.
// The informer's cache is an Indexer (indexer.ts), which is a Store plus indexes.
//
// Objects handed out by a store are the cached objects themselves, shared by every consumer
// of the informer: never mutate them; copy (structuredClone) before changing anything.
//
// DeletedFinalStateUnknown is the tombstone an informer delivers to onDelete when it learns
// of a deletion only by relisting (the watch that would have carried the DELETED event was
// lost): `obj` is the last state the cache knew, possibly stale.

import type { KubeObject } from '../../api/meta.js';

export interface Store<T> {
  add(obj: T): void;
  update(obj: T): void;
  /** Removes the object with obj's key (a tombstone's key works too). */
  delete(obj: T | DeletedFinalStateUnknown<T>): void;
  list(): T[];
  listKeys(): string[];
  /** The stored object with obj's key. */
  get(obj: T): T | undefined;
  getByKey(key: string): T | undefined;
  /** Makes the store hold exactly these items; resourceVersion is the list's. */
  replace(items: readonly T[], resourceVersion: string): void;
}

export type KeyFunc<T> = (obj: T | DeletedFinalStateUnknown<T>) => string;

export class DeletedFinalStateUnknown<T = KubeObject> {
  constructor(
    readonly key: string,
    readonly obj: T,
  ) {}
}

export function isDeletedFinalStateUnknown<T>(v: unknown): v is DeletedFinalStateUnknown<T> {
  return v instanceof DeletedFinalStateUnknown;
}

/**
 * `namespace/name`, or `name` without a namespace (client-go's
 * DeletionHandlingMetaNamespaceKeyFunc: a tombstone answers the key it was made with).
 */
export function metaNamespaceKeyFunc(obj: KubeObject | DeletedFinalStateUnknown<KubeObject>): string {
  if (obj instanceof DeletedFinalStateUnknown) return obj.key;
  const meta = obj?.metadata;
  if (!meta || typeof meta.name !== 'string') throw new Error('object has no metadata.name');
  return meta.namespace ? `${meta.namespace}/${meta.name}` : meta.name;
}

/** client-go's name for the same function; kept so ported code reads the same. */
export const deletionHandlingMetaNamespaceKeyFunc = metaNamespaceKeyFunc;

/** Splits a `namespace/name` or `name` key. */
export function splitMetaNamespaceKey(key: string): { namespace: string; name: string } {
  const parts = key.split('/');
  if (parts.length === 1) return { namespace: '', name: parts[0]! };
  if (parts.length === 2) return { namespace: parts[0]!, name: parts[1]! };
  throw new Error(`unexpected key format: "${key}"`);
}

/** The object a delete notification is about, whether it came as the object or a tombstone. */
export function unwrapTombstone<T>(obj: T | DeletedFinalStateUnknown<T>): T {
  return obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;
}
