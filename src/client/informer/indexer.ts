// Indexer is a Store with named indexes (client-go index.go and thread_safe_store.go): an
// index function maps an object to the values it is filed under (its namespace, its owners'
// uids, a node name...), and byIndex(name, value) answers the objects filed under a value
// without scanning the store. Indexes are kept current on every add/update/delete/replace;
// a value whose last object leaves is dropped, so indexes do not grow with churn.
//
// Built in: the `namespace` index (every informer made by the factory has it) and index
// functions by owner uid (any owner, or only the controller) for the garbage collector and
// controllers that find dependents of an owner.

import type { KubeObject } from '../../api/meta.js';
import { metaNamespaceKeyFunc, type DeletedFinalStateUnknown, type KeyFunc, type Store } from './store.js';

/** The values an object is indexed under (none: it is not in the index). */
export type IndexFunc<T> = (obj: T) => string[];
export type Indexers<T> = Readonly<Record<string, IndexFunc<T>>>;

export interface Indexer<T> extends Store<T> {
  /** The objects that share at least one of obj's values in the named index. */
  index(indexName: string, obj: T): T[];
  /** The keys filed under indexedValue. */
  indexKeys(indexName: string, indexedValue: string): string[];
  /** Every value the named index currently holds. */
  listIndexFuncValues(indexName: string): string[];
  byIndex(indexName: string, indexedValue: string): T[];
  getIndexers(): Indexers<T>;
  /** Adds indexes; objects already stored are indexed at once. Names must be new. */
  addIndexers(indexers: Indexers<T>): void;
}

export const NAMESPACE_INDEX = 'namespace';
export const OWNER_UID_INDEX = 'ownerUid';
export const CONTROLLER_UID_INDEX = 'controllerUid';

export function metaNamespaceIndexFunc(obj: KubeObject): string[] {
  const ns = obj.metadata?.namespace;
  return ns ? [ns] : [''];
}

/** Every owner's uid, from metadata.ownerReferences. */
export function ownerUidIndexFunc(obj: KubeObject): string[] {
  const refs = obj.metadata?.ownerReferences;
  if (!refs || refs.length === 0) return [];
  return refs.map((r) => r.uid).filter((u) => typeof u === 'string' && u !== '');
}

/** The uid of the controlling owner (ownerReferences[].controller), if there is one. */
export function controllerUidIndexFunc(obj: KubeObject): string[] {
  const ref = obj.metadata?.ownerReferences?.find((r) => r.controller === true);
  return ref?.uid ? [ref.uid] : [];
}

/** The indexes every informer from the factory starts with. */
export function defaultIndexers<T extends KubeObject>(): Indexers<T> {
  return { [NAMESPACE_INDEX]: metaNamespaceIndexFunc };
}

const NO_VALUES: readonly string[] = Object.freeze([]);
const NO_BUCKET: ReadonlyMap<string, never> = new Map<string, never>();

/**
 * The one Store/Indexer implementation: a Map by key plus, per index, value -> (key ->
 * object), so byIndex hands out the objects without looking each key up again. Node runs it
 * on one thread, so "thread-safe" is by construction; what matters is that every mutation
 * updates the indexes before it returns.
 */
export class CacheIndexer<T> implements Indexer<T> {
  readonly #keyFunc: KeyFunc<T>;
  readonly #items = new Map<string, T>();
  readonly #indexers = new Map<string, IndexFunc<T>>();
  readonly #indices = new Map<string, Map<string, Map<string, T>>>();

  constructor(keyFunc: KeyFunc<T>, indexers: Indexers<T> = {}) {
    this.#keyFunc = keyFunc;
    this.addIndexers(indexers);
  }

  add(obj: T): void {
    this.#put(this.#keyFunc(obj), obj);
  }

  update(obj: T): void {
    this.#put(this.#keyFunc(obj), obj);
  }

  delete(obj: T | DeletedFinalStateUnknown<T>): void {
    this.deleteByKey(this.#keyFunc(obj));
  }

  deleteByKey(key: string): void {
    const old = this.#items.get(key);
    if (old === undefined) return;
    this.#unindex(key, old);
    this.#items.delete(key);
  }

  list(): T[] {
    return [...this.#items.values()];
  }

  listKeys(): string[] {
    return [...this.#items.keys()];
  }

  get(obj: T): T | undefined {
    return this.#items.get(this.#keyFunc(obj));
  }

  getByKey(key: string): T | undefined {
    return this.#items.get(key);
  }

  /** How many objects are stored. */
  get size(): number {
    return this.#items.size;
  }

  replace(items: readonly T[], _resourceVersion: string): void {
    this.#items.clear();
    for (const index of this.#indices.values()) index.clear();
    for (const obj of items) this.#put(this.#keyFunc(obj), obj);
  }

  index(indexName: string, obj: T): T[] {
    const fn = this.#indexFunc(indexName);
    const index = this.#indices.get(indexName)!;
    const found = new Map<string, T>();
    for (const v of fn(obj)) for (const [k, o] of index.get(v) ?? NO_BUCKET) found.set(k, o);
    return [...found.values()];
  }

  indexKeys(indexName: string, indexedValue: string): string[] {
    this.#indexFunc(indexName);
    return [...(this.#indices.get(indexName)!.get(indexedValue)?.keys() ?? NO_VALUES)];
  }

  listIndexFuncValues(indexName: string): string[] {
    this.#indexFunc(indexName);
    return [...this.#indices.get(indexName)!.keys()];
  }

  byIndex(indexName: string, indexedValue: string): T[] {
    this.#indexFunc(indexName);
    const bucket = this.#indices.get(indexName)!.get(indexedValue);
    return bucket ? [...bucket.values()] : [];
  }

  getIndexers(): Indexers<T> {
    return Object.fromEntries(this.#indexers);
  }

  addIndexers(indexers: Indexers<T>): void {
    for (const name of Object.keys(indexers)) {
      if (this.#indexers.has(name)) throw new Error(`indexer conflict: ${name}`);
    }
    for (const [name, fn] of Object.entries(indexers)) {
      this.#indexers.set(name, fn);
      const index = new Map<string, Map<string, T>>();
      this.#indices.set(name, index);
      for (const [key, obj] of this.#items) for (const v of fn(obj)) addTo(index, v, key, obj);
    }
  }

  #indexFunc(indexName: string): IndexFunc<T> {
    const fn = this.#indexers.get(indexName);
    if (!fn) throw new Error(`index with name ${indexName} does not exist`);
    return fn;
  }

  #put(key: string, obj: T): void {
    const old = this.#items.get(key);
    this.#items.set(key, obj);
    for (const [name, fn] of this.#indexers) {
      const index = this.#indices.get(name)!;
      const newValues = fn(obj);
      if (old !== undefined) {
        const oldValues = fn(old);
        // The common case, e.g. the namespace index on an update, moves nothing: the new
        // object only replaces the old one where it is filed (below).
        const same = oldValues.length === 1 && newValues.length === 1 && oldValues[0] === newValues[0];
        if (!same) for (const v of oldValues) if (!newValues.includes(v)) removeFrom(index, v, key);
      }
      for (const v of newValues) addTo(index, v, key, obj);
    }
  }

  #unindex(key: string, old: T): void {
    for (const [name, fn] of this.#indexers) {
      const index = this.#indices.get(name)!;
      for (const v of fn(old)) removeFrom(index, v, key);
    }
  }
}

function addTo<T>(index: Map<string, Map<string, T>>, value: string, key: string, obj: T): void {
  let bucket = index.get(value);
  if (!bucket) index.set(value, (bucket = new Map()));
  bucket.set(key, obj);
}

function removeFrom<T>(index: Map<string, Map<string, T>>, value: string, key: string): void {
  const bucket = index.get(value);
  if (!bucket) return;
  bucket.delete(key);
  if (bucket.size === 0) index.delete(value);
}

export function newIndexer<T extends KubeObject>(indexers: Indexers<T> = {}, keyFunc: KeyFunc<T> = metaNamespaceKeyFunc): CacheIndexer<T> {
  return new CacheIndexer<T>(keyFunc, indexers);
}

/** A plain Store (an Indexer without indexes). */
export function newStore<T extends KubeObject>(keyFunc: KeyFunc<T> = metaNamespaceKeyFunc): CacheIndexer<T> {
  return new CacheIndexer<T>(keyFunc);
}
