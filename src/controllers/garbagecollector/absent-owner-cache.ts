// Owners the API server has said do not exist, remembered so that the hundreds of dependents
// of one deleted owner need one lookup, not hundreds. A bounded LRU (Kubernetes keeps 500):
// forgetting an entry only costs another GET. Keys are full identities, so an absent
// namespaced owner is absent in one namespace only.

import { identityKey, type ObjectIdentity } from './identity.js';

export const DEFAULT_ABSENT_OWNER_CACHE_SIZE = 500;

export class AbsentOwnerCache {
  readonly #capacity: number;
  /** Insertion order is recency order: a hit moves the key to the end. */
  readonly #keys = new Set<string>();

  constructor(capacity = DEFAULT_ABSENT_OWNER_CACHE_SIZE) {
    this.#capacity = Math.max(1, capacity);
  }

  add(id: ObjectIdentity): void {
    const key = identityKey(id);
    this.#keys.delete(key);
    this.#keys.add(key);
    if (this.#keys.size > this.#capacity) this.#keys.delete(this.#keys.values().next().value!);
  }

  has(id: ObjectIdentity): boolean {
    const key = identityKey(id);
    if (!this.#keys.has(key)) return false;
    this.#keys.delete(key);
    this.#keys.add(key);
    return true;
  }

  get size(): number {
    return this.#keys.size;
  }
}
