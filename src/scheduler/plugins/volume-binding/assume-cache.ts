// AssumeCache: the volumes (or claims) as the informer has them, overlaid with the versions
// the scheduler has assumed but not yet seen come back from the API (kube-scheduler
// volumebinding assume cache). Reserve assumes a volume pre-bound to the pod's claim, so the
// next pods' cycles no longer offer it to another claim while the binding cycle writes it.
//
// Contract:
//  - get/list answer the assumed version while the informer still holds the version it was
//    assumed over; once the informer has any other version (the write came back, or someone
//    else changed the object) or lost the object, the informer's wins and the assumption is
//    forgotten. getAPI always answers the informer's version.
//  - assume(obj) throws when the informer has no such object, or when obj is older than what
//    the cache answers (the caller's copy is out of sync).
//  - restore(key) forgets an assumption (Unreserve); unknown keys are ignored.

import type { KubeObject } from '../../../api/meta.js';

export function objectKey(obj: KubeObject): string {
  const ns = obj.metadata?.namespace;
  return ns ? `${ns}/${obj.metadata?.name ?? ''}` : (obj.metadata?.name ?? '');
}

/** resourceVersions compare as integers (they are etcd revisions); anything else as equal. */
export function compareResourceVersions(a: string | undefined, b: string | undefined): number {
  const digits = /^\d+$/;
  if (!a || !b || !digits.test(a) || !digits.test(b)) return 0;
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

interface Assumed<T> {
  readonly obj: T;
  /** The informer's resourceVersion when the object was assumed. */
  readonly base: string | undefined;
}

export class AssumeCache<T extends KubeObject> {
  readonly #kind: string;
  readonly #lookup: (key: string) => T | undefined;
  readonly #list: () => readonly T[];
  readonly #assumed = new Map<string, Assumed<T>>();

  constructor(kind: string, lookup: (key: string) => T | undefined, list: () => readonly T[]) {
    this.#kind = kind;
    this.#lookup = lookup;
    this.#list = list;
  }

  /** Assumptions still held (for tests). */
  get assumedCount(): number {
    return this.#assumed.size;
  }

  getAPI(key: string): T | undefined {
    return this.#lookup(key);
  }

  get(key: string): T | undefined {
    const api = this.#lookup(key);
    return this.#overlay(key, api);
  }

  list(): T[] {
    const out: T[] = [];
    for (const api of this.#list()) out.push(this.#overlay(objectKey(api), api) ?? api);
    return out;
  }

  assume(obj: T): void {
    const key = objectKey(obj);
    const api = this.#lookup(key);
    if (!api) throw new Error(`could not find ${this.#kind} "${key}"`);
    const current = this.#overlay(key, api) ?? api;
    const stored = current.metadata?.resourceVersion;
    const wanted = obj.metadata?.resourceVersion;
    if (compareResourceVersions(wanted, stored) < 0) throw new Error(`${this.#kind} "${key}" is out of sync (stored: ${stored}, assume: ${wanted})`);
    this.#assumed.set(key, { obj, base: api.metadata?.resourceVersion });
  }

  restore(key: string): void {
    this.#assumed.delete(key);
  }

  #overlay(key: string, api: T | undefined): T | undefined {
    if (this.#assumed.size === 0) return api;
    const a = this.#assumed.get(key);
    if (!a) return api;
    if (!api || api.metadata?.resourceVersion !== a.base) {
      this.#assumed.delete(key);
      return api;
    }
    return a.obj;
  }
}
