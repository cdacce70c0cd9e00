// Listers read an informer's cache (client-go listers): no request reaches the server.
// list(selector) filters by labels; byNamespace(ns) narrows to one namespace through the
// `namespace` index when the cache has it (a scan otherwise). Objects returned are the
// cached objects: shared, never to be mutated.
//
// A missing object answers undefined rather than throwing NotFound: absence is the ordinary
// outcome of a cache read, and callers branch on it.

import type { KubeObject } from '../../api/meta.js';
import { LabelSelector, parseLabelSelector } from '../../api/labels/index.js';
import { NAMESPACE_INDEX, type Indexer } from './indexer.js';
import type { Store } from './store.js';

export type SelectorInput = LabelSelector | string | undefined;

export interface NamespaceLister<T> {
  list(selector?: SelectorInput): T[];
  get(name: string): T | undefined;
}

export interface Lister<T> {
  /** Objects of every namespace matching the selector (all objects without one). */
  list(selector?: SelectorInput): T[];
  /** One object; namespace '' for cluster-scoped resources. */
  get(namespace: string, name: string): T | undefined;
  byNamespace(namespace: string): NamespaceLister<T>;
}

function toSelector(selector: SelectorInput): LabelSelector {
  if (selector === undefined) return LabelSelector.EVERYTHING;
  return typeof selector === 'string' ? parseLabelSelector(selector) : selector;
}

function hasIndex<T>(store: Store<T>, name: string): store is Indexer<T> {
  const s = store as Partial<Indexer<T>>;
  return typeof s.getIndexers === 'function' && name in s.getIndexers();
}

function filter<T extends KubeObject>(objects: Iterable<T>, selector: LabelSelector): T[] {
  if (selector.matchesNothing()) return [];
  const out: T[] = [];
  if (selector.isEmpty()) {
    for (const o of objects) out.push(o);
    return out;
  }
  for (const o of objects) if (selector.matches(o.metadata?.labels)) out.push(o);
  return out;
}

/** client-go's ListAllByNamespace: '' means every namespace. */
export function listAllByNamespace<T extends KubeObject>(store: Store<T>, namespace: string, selector: SelectorInput): T[] {
  const sel = toSelector(selector);
  if (namespace === '') return filter(store.list(), sel);
  if (hasIndex(store, NAMESPACE_INDEX)) return filter(store.byIndex(NAMESPACE_INDEX, namespace), sel);
  return filter(
    store.list().filter((o) => (o.metadata?.namespace ?? '') === namespace),
    sel,
  );
}

export class CacheLister<T extends KubeObject> implements Lister<T> {
  readonly #store: Store<T>;

  constructor(store: Store<T>) {
    this.#store = store;
  }

  list(selector?: SelectorInput): T[] {
    return filter(this.#store.list(), toSelector(selector));
  }

  get(namespace: string, name: string): T | undefined {
    return this.#store.getByKey(namespace ? `${namespace}/${name}` : name);
  }

  byNamespace(namespace: string): NamespaceLister<T> {
    const store = this.#store;
    return {
      list: (selector) => listAllByNamespace(store, namespace, selector),
      get: (name) => store.getByKey(namespace ? `${namespace}/${name}` : name),
    };
  }
}

export function newLister<T extends KubeObject>(store: Store<T>): Lister<T> {
  return new CacheLister<T>(store);
}
