// Store is the generic registry of one resource: Kubernetes' API semantics for get, list,
// create, update, delete and deletecollection on top of the revisioned KV and the
// resource's watch cache. It works on objects in the storage version; handlers convert.
//
// - Reads come from the watch cache (consistent reads first make sure it has caught up),
//   except lists of an exact past revision, which go to storage.
// - Writes are compare-and-swap on the revision read; updates without a resourceVersion
//   precondition retry on conflict with fresh state, never overwrite blindly.
// - Metadata the server owns (uid, creationTimestamp, generation, deletionTimestamp, ...)
//   is set here; what differs per kind comes from its Strategy.
// - A no-op update writes nothing and keeps the resourceVersion.

import { randomUUID } from 'node:crypto';
import { ignoreManagedFieldsTimestamps } from '../../api/apply/index.js';
import {
  alreadyExists,
  badRequest,
  conflict,
  expired,
  type FieldError,
  type GroupResource,
  invalid,
  MODIFIED_CONFLICT,
  notFound,
  StatusError,
  timeout,
} from '../../api/errors.js';
import type { KubeObject, ObjectMeta } from '../../api/meta.js';
import type { ResourceDef } from '../../api/resource.js';
import { deepEqual } from '../../api/strategy/deep-equal.js';
import type { Strategy } from '../../api/strategy/index.js';
import {
  CompactedError,
  ConflictError,
  KeyExistsError,
  KeyNotFoundError,
  type KeyValue,
  type KV,
} from '../../storage/kv.js';
import { CachedObject } from '../watchcache/cached-object.js';
import { lowerBound, NotFreshError, type ObjectFilter, type Snapshot, WatchCache } from '../watchcache/watch-cache.js';
import { decodeContinue, encodeContinue, LATEST } from './continue-token.js';
import { namespacePrefix, objectKey, resourcePrefix } from './keys.js';

/** How long a read with a future resourceVersion waits for the cache before a 504. */
const FRESHNESS_TIMEOUT_MS = 3000;
/** How many times an update retries after losing a compare-and-swap race: Kubernetes retries
 *  without end; this bound only stops a livelock from holding a request forever. */
const MAX_UPDATE_ATTEMPTS = 1000;
/** generateName collisions retried before giving up, as Kubernetes does. */
const GENERATE_NAME_ATTEMPTS = 8;
const SNAPSHOT_TTL_MS = 60_000;
const MAX_SNAPSHOTS = 16;

export interface ListOptions {
  readonly namespace: string;
  readonly filter?: ObjectFilter;
  /** A label or field selector narrows the list (remainingItemCount is then unknown). */
  readonly filtered?: boolean;
  readonly limit?: number;
  readonly continueToken?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: string;
}

export interface ListResult {
  readonly items: readonly CachedObject[];
  readonly revision: number;
  readonly continueToken?: string;
  readonly remainingItemCount?: number;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  /** Validating admission: runs after the strategy, before storage. */
  readonly admit?: (obj: KubeObject, old: KubeObject | undefined) => Promise<void> | void;
}

export interface UpdateOptions extends WriteOptions {
  /** 'status' writes only status; 'finalize' (namespaces) only spec.finalizers. */
  readonly subresource?: string;
  /** Computes the new object from the current one (undefined when it does not exist).
   *  current is the cached object: read it, never change it; return a new object (the
   *  store goes on to fill in and default it in place). copyCurrent() is a deep copy of
   *  current to start from, made from its cached JSON (cheaper than structuredClone). */
  readonly tryUpdate: (current: KubeObject | undefined, copyCurrent: () => KubeObject) => Promise<KubeObject> | KubeObject;
  /** Prepares an update to a subresource other than status. */
  readonly prepareSubresource?: (obj: KubeObject, old: KubeObject) => void;
  /** Validates an update to a subresource other than status, instead of the strategy's update
   *  validation (pods/binding sets spec.nodeName, which a pod update may never change). */
  readonly validateSubresource?: (obj: KubeObject, old: KubeObject) => FieldError[];
  /** Create the object when it does not exist, whatever the kind (server-side apply). */
  readonly allowCreate?: boolean;
}

export interface DeleteOptions extends WriteOptions {
  readonly gracePeriodSeconds?: number;
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly orphanDependents?: boolean;
}

/** Reservations a kind needs beyond its object (Service cluster IPs and node ports). */
export interface StoreHooks {
  /** Reserves what obj (stored under key; old on update) needs, filling it in; the
   *  returned function gives it back when the write does not happen. */
  reserve?(key: string, obj: KubeObject, old: KubeObject | undefined): () => void;
}

export interface DeleteResult {
  readonly object: KubeObject;
  /** False when the object stays, marked for deletion (finalizers or a grace period). */
  readonly deleted: boolean;
}

const ORPHAN_FINALIZER = 'orphan';
const FOREGROUND_FINALIZER = 'foregroundDeletion';
const GENERATE_NAME_CHARS = 'bcdfghjklmnpqrstvwxz2456789';

export class Store {
  readonly def: ResourceDef;
  readonly gr: GroupResource;
  readonly strategy: Strategy;
  readonly cache: WatchCache;
  readonly #kv: KV;
  readonly #prefix: string;
  readonly #snapshots = new Map<number, { snapshot: Snapshot; at: number }>();
  readonly #hooks: StoreHooks;

  constructor(def: ResourceDef, kv: KV, strategy: Strategy, cache?: WatchCache, hooks: StoreHooks = {}) {
    this.def = def;
    this.#hooks = hooks;
    this.gr = { group: def.group, resource: def.plural };
    this.strategy = strategy;
    this.#kv = kv;
    this.#prefix = resourcePrefix(def);
    this.cache = cache ?? new WatchCache(kv, this.#prefix, cachedFromStorage);
  }

  get prefix(): string {
    return this.#prefix;
  }

  key(namespace: string, name: string): string {
    return objectKey(this.#prefix, this.def.namespaced ? namespace : '', name);
  }

  keyPrefix(namespace: string): string {
    return namespacePrefix(this.#prefix, this.def.namespaced ? namespace : '');
  }

  /** Makes the cache complete at the storage's current revision (a consistent read). */
  async syncCache(): Promise<number> {
    await this.cache.ready;
    const revision = await this.#kv.currentRevision();
    await this.#waitFresh(revision);
    return revision;
  }

  async #waitFresh(revision: number): Promise<void> {
    try {
      await this.cache.waitUntilFresh(revision, FRESHNESS_TIMEOUT_MS);
    } catch (err) {
      if (err instanceof NotFreshError) throw tooLargeResourceVersion(revision, err.current);
      throw err;
    }
  }

  /** Reads at resourceVersion semantics for get: '' = latest, '0' = any, N = not older than N. */
  async get(namespace: string, name: string, resourceVersion = ''): Promise<CachedObject> {
    await this.ensureFresh(resourceVersion);
    const obj = this.cache.get(this.key(namespace, name));
    if (!obj) throw notFound(this.gr, name);
    return obj;
  }

  /** Waits until the cache may serve a read at resourceVersion: '' = the latest revision,
   *  '0' = any, N = not older than N (a 504 after a few seconds if N never arrives). */
  async ensureFresh(resourceVersion: string): Promise<void> {
    if (resourceVersion === '') {
      await this.syncCache();
      return;
    }
    const rv = parseResourceVersion(resourceVersion);
    await this.cache.ready;
    if (rv > 0) await this.#waitFresh(rv);
  }

  async list(opts: ListOptions): Promise<ListResult> {
    const rvMatch = opts.resourceVersionMatch ?? '';
    const rvString = opts.resourceVersion ?? '';
    if (rvMatch && rvMatch !== 'Exact' && rvMatch !== 'NotOlderThan') {
      throw invalidListOptions('resourceVersionMatch', rvMatch, `supported values: "Exact", "NotOlderThan"`, 'FieldValueNotSupported');
    }
    if (rvMatch && rvString === '') {
      throw invalidListOptions('resourceVersionMatch', rvMatch, 'resourceVersionMatch is forbidden unless resourceVersion is provided', 'FieldValueForbidden');
    }
    if (opts.continueToken) {
      if (rvString !== '' && rvString !== '0') {
        throw invalidListOptions('resourceVersion', rvString, 'specifying resource version is not allowed when using continue', 'FieldValueForbidden');
      }
      const point = decodeContinue(opts.continueToken);
      if (point.revision === LATEST) {
        const revision = await this.syncCache();
        return this.#pageFromSnapshot(opts, this.#snapshotAt(revision), this.#prefix + point.start);
      }
      return this.#page(opts, point.revision, this.#prefix + point.start);
    }
    if (rvString === '') {
      const revision = await this.syncCache();
      return this.#pageFromSnapshot(opts, this.#snapshotAt(revision), '');
    }
    const rv = parseResourceVersion(rvString);
    if (rvMatch === 'Exact') {
      if (rv === 0) throw invalidListOptions('resourceVersionMatch', rvMatch, 'resourceVersionMatch "exact" is forbidden for resourceVersion "0"', 'FieldValueForbidden');
      return this.#page(opts, rv, '');
    }
    await this.ensureFresh(rvString);
    return this.#pageFromSnapshot(opts, this.#snapshotAt(this.cache.revision), '');
  }

  /** A page at an exact revision: from a kept snapshot if there is one, else from storage. */
  async #page(opts: ListOptions, revision: number, start: string): Promise<ListResult> {
    await this.cache.ready;
    const kept = this.#snapshots.get(revision);
    if (kept) return this.#pageFromSnapshot(opts, kept.snapshot, start);
    if (revision === this.cache.revision) return this.#pageFromSnapshot(opts, this.#snapshotAt(revision), start);
    return this.#pageFromStorage(opts, revision, start);
  }

  #snapshotAt(revision: number): Snapshot {
    const s = this.cache.snapshot();
    return s.revision === revision ? s : { revision, objects: s.objects };
  }

  #pageFromSnapshot(opts: ListOptions, snapshot: Snapshot, start: string): ListResult {
    const keyPrefix = this.keyPrefix(opts.namespace);
    const objects = snapshot.objects;
    const limit = opts.limit && opts.limit > 0 ? opts.limit : Infinity;
    const items: CachedObject[] = [];
    let i = lowerBound(objects, start > keyPrefix ? start : keyPrefix);
    for (; i < objects.length && items.length < limit; i++) {
      const o = objects[i];
      if (!o.key.startsWith(keyPrefix)) break;
      if (!opts.filter || opts.filter(o.obj)) items.push(o);
    }
    // More keys in range means another page, even if none of them would pass the filter.
    const more = i < objects.length && objects[i].key.startsWith(keyPrefix) && items.length >= limit;
    if (!more) return { items, revision: snapshot.revision };
    this.#keepSnapshot(snapshot);
    const last = items[items.length - 1];
    const result: ListResult = {
      items,
      revision: snapshot.revision,
      continueToken: encodeContinue(snapshot.revision, last.key.slice(this.#prefix.length)),
    };
    if (!opts.filtered) {
      let end = i;
      let hi = objects.length;
      // Binary search for the end of the namespace's range.
      while (end < hi) {
        const mid = (end + hi) >>> 1;
        if (objects[mid].key.startsWith(keyPrefix)) end = mid + 1;
        else hi = mid;
      }
      return { ...result, remainingItemCount: end - i };
    }
    return result;
  }

  #keepSnapshot(snapshot: Snapshot): void {
    const now = Date.now();
    for (const [rev, s] of this.#snapshots) if (now - s.at > SNAPSHOT_TTL_MS) this.#snapshots.delete(rev);
    if (this.#snapshots.size >= MAX_SNAPSHOTS) this.#snapshots.delete(this.#snapshots.keys().next().value!);
    this.#snapshots.set(snapshot.revision, { snapshot, at: now });
  }

  async #pageFromStorage(opts: ListOptions, revision: number, start: string): Promise<ListResult> {
    const keyPrefix = this.keyPrefix(opts.namespace);
    const limit = opts.limit && opts.limit > 0 ? opts.limit : 0;
    const items: CachedObject[] = [];
    let startKey = start > keyPrefix ? start : keyPrefix;
    for (;;) {
      let page;
      try {
        page = await this.#kv.list(keyPrefix, { revision, limit: limit ? limit - items.length : 0, startKey });
      } catch (err) {
        if (err instanceof CompactedError) throw start ? continueExpired(this.#prefix, start) : expired('The resourceVersion for the provided list is too old.');
        throw err;
      }
      for (const kv of page.kvs) {
        const o = cachedFromStorage(kv);
        if (!opts.filter || opts.filter(o.obj)) items.push(o);
      }
      if (!page.more) return { items, revision };
      const lastKey = page.kvs[page.kvs.length - 1].key;
      if (limit && items.length >= limit) {
        const result = { items, revision, continueToken: encodeContinue(revision, lastKey.slice(this.#prefix.length)) };
        return opts.filtered ? result : { ...result, remainingItemCount: page.remaining };
      }
      startKey = `${lastKey}\u0000`;
    }
  }

  async create(namespace: string, obj: KubeObject, opts: WriteOptions = {}): Promise<CachedObject> {
    await this.cache.ready;
    const meta = obj.metadata;
    if (meta.resourceVersion) throw badRequest('resourceVersion should not be set on objects to be created');
    if (this.def.namespaced) meta.namespace = namespace;
    else delete meta.namespace;
    const generated = !meta.name && !!meta.generateName;
    if (!meta.name && !meta.generateName) {
      throw invalid({ group: this.def.group, kind: this.def.kind }, '', [
        { type: 'FieldValueRequired', field: 'metadata.name', detail: 'name or generateName is required' },
      ]);
    }
    fillCreateMetadata(meta);
    this.strategy.prepareForCreate(obj);
    this.strategy.defaults(obj);
    for (let attempt = 0; ; attempt++) {
      if (generated) meta.name = generateName(meta.generateName!);
      this.#validate(obj, this.strategy.validate(obj));
      await opts.admit?.(obj, undefined);
      const key = this.key(namespace, meta.name!);
      if (this.cache.get(key)) {
        if (generated && attempt + 1 < GENERATE_NAME_ATTEMPTS) continue;
        throw alreadyExists(this.gr, meta.name!);
      }
      const release = this.#hooks.reserve?.(key, obj, undefined);
      if (opts.dryRun) {
        release?.();
        return new CachedObject(key, obj, 0);
      }
      try {
        const value = encodeObject(obj);
        this.cache.adopt(key, value, obj);
        const kv = await this.#kv.create(key, value);
        return this.#cached(kv);
      } catch (err) {
        release?.();
        if (err instanceof KeyExistsError) {
          if (generated && attempt + 1 < GENERATE_NAME_ATTEMPTS) continue;
          throw alreadyExists(this.gr, meta.name!);
        }
        throw err;
      }
    }
  }

  /** Guaranteed update: read, compute, compare-and-swap, retried on conflict. */
  async update(namespace: string, name: string, opts: UpdateOptions): Promise<{ object: CachedObject; created: boolean }> {
    await this.syncCache();
    const key = this.key(namespace, name);
    for (let attempt = 0; ; attempt++) {
      const current = this.cache.get(key);
      const currentObj = current?.obj;
      let next = await opts.tryUpdate(currentObj, () => {
        if (!current) throw new Error('no current object to copy');
        return current.mutableCopy();
      });
      if (current && next === currentObj) next = current.mutableCopy();
      if (next.metadata.name !== undefined && next.metadata.name !== name) {
        throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${name})`);
      }
      next.metadata.name = name;
      if (!current) {
        if (!(this.strategy.allowCreateOnUpdate || opts.allowCreate) || opts.subresource) throw notFound(this.gr, name);
        const { resourceVersion: _ignored, ...meta } = next.metadata;
        next.metadata = meta;
        try {
          return { object: await this.create(namespace, next, opts), created: true };
        } catch (err) {
          if (err instanceof StatusError && err.reason === 'AlreadyExists' && attempt < MAX_UPDATE_ATTEMPTS) continue;
          throw err;
        }
      }
      const precondition = next.metadata.resourceVersion;
      if (precondition && precondition !== String(current.revision)) {
        throw conflict(this.gr, name, MODIFIED_CONFLICT);
      }
      // The object this update started from: read once, as a released version re-parses.
      const old = currentObj!;
      this.#prepareUpdate(next, old, opts);
      ignoreManagedFieldsTimestamps(next, old);
      if (deepEqual(next, old)) return { object: current, created: false };
      await opts.admit?.(next, old);
      const release = this.#hooks.reserve?.(key, next, old);
      if (opts.dryRun) {
        release?.();
        return { object: new CachedObject(key, next, current.revision), created: false };
      }
      try {
        if (shouldDeleteDuringUpdate(next, old) && !this.strategy.pendingFinalization(next)) {
          await this.#kv.delete(key, current.revision);
          return { object: new CachedObject(key, next, current.revision), created: false };
        }
        const value = encodeObject(next);
        this.cache.adopt(key, value, next);
        const kv = await this.#kv.update(key, value, current.revision);
        return { object: this.#cached(kv), created: false };
      } catch (err) {
        release?.();
        if (err instanceof ConflictError || err instanceof KeyNotFoundError) {
          if (precondition) throw conflict(this.gr, name, MODIFIED_CONFLICT);
          if (attempt < MAX_UPDATE_ATTEMPTS) {
            await this.syncCache();
            continue;
          }
          throw conflict(this.gr, name, MODIFIED_CONFLICT);
        }
        throw err;
      }
    }
  }

  #prepareUpdate(next: KubeObject, old: KubeObject, opts: UpdateOptions): void {
    // A body without a uid keeps the stored one; a different one is refused, never overwritten.
    if (next.metadata.uid && next.metadata.uid !== old.metadata.uid) {
      throw invalid({ group: this.def.group, kind: this.def.kind }, old.metadata.name ?? '', [
        { type: 'FieldValueInvalid', field: 'metadata.uid', value: next.metadata.uid, detail: 'field is immutable' },
      ]);
    }
    keepSystemMetadata(next.metadata, old.metadata);
    if (opts.subresource === 'status') this.strategy.prepareForStatusUpdate(next, old);
    else if (opts.prepareSubresource) opts.prepareSubresource(next, old);
    else this.strategy.prepareForUpdate(next, old);
    this.strategy.defaults(next);
    next.metadata.resourceVersion = old.metadata.resourceVersion;
    this.#validate(next, opts.validateSubresource ? opts.validateSubresource(next, old) : this.strategy.validateUpdate(next, old));
  }

  #validate(obj: KubeObject, errors: FieldError[]): void {
    if (errors.length > 0) throw invalid({ group: this.def.group, kind: this.def.kind }, obj.metadata.name ?? '', errors);
  }

  async delete(namespace: string, name: string, opts: DeleteOptions = {}): Promise<DeleteResult> {
    await this.syncCache();
    const key = this.key(namespace, name);
    for (let attempt = 0; ; attempt++) {
      const current = this.cache.get(key);
      if (!current) throw notFound(this.gr, name);
      checkPreconditions(this.gr, name, current.obj, opts.preconditions);
      const next = current.mutableCopy();
      const meta = next.metadata;
      const grace = this.strategy.gracePeriodSeconds(current.obj, opts.gracePeriodSeconds);
      const finalizersChanged = applyPropagationFinalizers(meta, opts);
      const beingDeleted = !!meta.deletionTimestamp;
      const hasFinalizers = (meta.finalizers ?? []).length > 0 || this.strategy.pendingFinalization(next);
      let result: DeleteResult | undefined;
      if (hasFinalizers || grace > 0) {
        if (beingDeleted && !finalizersChanged && !shortensGrace(meta, grace)) {
          return { object: current.obj, deleted: false };
        }
        markDeleted(meta, grace, beingDeleted);
        this.strategy.prepareForDelete(next);
        await opts.admit?.(next, current.obj);
        if (opts.dryRun) return { object: next, deleted: false };
        try {
          const kv = await this.#kv.update(key, encodeObject(next), current.revision);
          result = { object: this.#cached(kv).obj, deleted: false };
        } catch (err) {
          if (!(err instanceof ConflictError) || attempt >= MAX_UPDATE_ATTEMPTS) throw err;
        }
      } else {
        await opts.admit?.(current.obj, current.obj);
        if (opts.dryRun) return { object: current.obj, deleted: true };
        try {
          await this.#kv.delete(key, current.revision);
          result = { object: current.obj, deleted: true };
        } catch (err) {
          if (err instanceof KeyNotFoundError) throw notFound(this.gr, name);
          if (!(err instanceof ConflictError) || attempt >= MAX_UPDATE_ATTEMPTS) throw err;
        }
      }
      if (result) return result;
      await this.syncCache();
    }
  }

  #cached(kv: KeyValue): CachedObject {
    const cached = this.cache.get(kv.key);
    if (cached && cached.revision === kv.modRevision) return cached;
    return cachedFromStorage(kv);
  }
}

export function decodeObject(kv: KeyValue): KubeObject {
  const obj = JSON.parse(kv.value) as KubeObject;
  obj.metadata ??= {};
  obj.metadata.resourceVersion = String(kv.modRevision);
  return obj;
}

/** The cache's form of a stored key-value: the object, and its JSON without serializing
 *  it again. */
export function cachedFromStorage(kv: KeyValue): CachedObject {
  return CachedObject.fromStored(kv.key, kv.value, decodeObject(kv), kv.modRevision);
}

/** Stored form: the object without its resourceVersion (that is the storage revision),
 *  with apiVersion, kind and metadata first, so the cached JSON can be derived from it by
 *  inserting the resourceVersion (see CachedObject.fromStored). */
export function encodeObject(obj: KubeObject): string {
  const { apiVersion, kind, metadata, ...rest } = obj;
  const { resourceVersion: _stored, ...meta } = metadata;
  return JSON.stringify({ apiVersion, kind, metadata: meta, ...rest });
}

export function parseResourceVersion(rv: string): number {
  if (!/^\d+$/.test(rv)) throw badRequest(`Invalid value: "${rv}": invalid resource version`);
  const n = Number(rv);
  if (!Number.isSafeInteger(n)) throw badRequest(`Invalid value: "${rv}": invalid resource version`);
  return n;
}

export function tooLargeResourceVersion(requested: number, current: number): StatusError {
  const err = timeout(`Too large resource version: ${requested}, current: ${current}`);
  return new StatusError(err.code, err.reason, err.message, {
    causes: [{ reason: 'ResourceVersionTooLarge', message: `Too large resource version` }],
    retryAfterSeconds: 1,
  });
}

/** 410 for a continue token whose revision is compacted. Like Kubernetes, the Status carries
 *  a token (at revision -1: "the latest") to read the rest inconsistently. */
function continueExpired(prefix: string, start: string): StatusError {
  const err = expired(
    'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.',
  );
  const token = encodeContinue(-1, start.slice(prefix.length), false);
  return new StatusError(err.code, err.reason, err.message, undefined, { continue: token });
}

function invalidListOptions(field: string, value: string, detail: string, type: FieldError['type']): StatusError {
  return invalid({ group: 'meta.k8s.io', kind: 'ListOptions' }, '', [{ type, field, value, detail }]);
}

function fillCreateMetadata(meta: ObjectMeta): void {
  meta.uid = randomUUID();
  meta.creationTimestamp = rfc3339(new Date());
  delete meta.deletionTimestamp;
  delete meta.deletionGracePeriodSeconds;
  delete meta.generation;
  delete meta.selfLink;
  if (meta.finalizers?.length === 0) delete meta.finalizers;
  if (meta.ownerReferences?.length === 0) delete meta.ownerReferences;
}

let lastSecond = -1;
let lastStamp = '';

/** An RFC 3339 timestamp to the second, as metav1.Time serializes (memoized per second:
 *  every write stamps one). */
export function rfc3339(d: Date): string {
  const second = Math.floor(d.getTime() / 1000);
  if (second !== lastSecond) {
    lastSecond = second;
    lastStamp = d.toISOString().replace(/\.\d{3}Z$/, 'Z');
  }
  return lastStamp;
}

function generateName(base: string): string {
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_NAME_CHARS[Math.floor(Math.random() * GENERATE_NAME_CHARS.length)];
  // Keep the result within the 63-character limit most kinds have, as Kubernetes does.
  return base.slice(0, 63 - 5) + suffix;
}

/** Fields a client cannot change with an update: they keep their stored values. */
function keepSystemMetadata(meta: ObjectMeta, old: ObjectMeta): void {
  meta.uid = old.uid;
  meta.creationTimestamp = old.creationTimestamp;
  meta.namespace = old.namespace;
  if (old.deletionTimestamp) meta.deletionTimestamp = old.deletionTimestamp;
  else delete meta.deletionTimestamp;
  if (old.deletionGracePeriodSeconds !== undefined) meta.deletionGracePeriodSeconds = old.deletionGracePeriodSeconds;
  else delete meta.deletionGracePeriodSeconds;
  if (old.generation !== undefined) meta.generation = old.generation;
  else delete meta.generation;
  if (meta.generateName === undefined && old.generateName !== undefined) meta.generateName = old.generateName;
  delete meta.selfLink;
  if (meta.finalizers?.length === 0) delete meta.finalizers;
  // omitempty: the last owner reference removed (e.g. by a patch) leaves no empty list.
  if (meta.ownerReferences?.length === 0) delete meta.ownerReferences;
}

/** An object being deleted with no grace left is removed once its last finalizer goes. */
function shouldDeleteDuringUpdate(next: KubeObject, old: KubeObject): boolean {
  const meta = next.metadata;
  return (
    !!old.metadata.deletionTimestamp &&
    (meta.finalizers ?? []).length === 0 &&
    (old.metadata.deletionGracePeriodSeconds ?? 0) === 0
  );
}

/** The 409 a storage precondition (the uid or resourceVersion a write names) fails with. */
export function storagePreconditionFailed(gr: GroupResource, key: string, name: string, what: 'UID' | 'ResourceVersion', wanted: string, actual: string | undefined): StatusError {
  return conflict(
    gr,
    name,
    `StorageError: invalid object, Code: 4, Key: ${key}, ResourceVersion: 0, AdditionalErrorMsg: Precondition failed: ${what} in precondition: ${wanted}, ${what} in object meta: ${actual ?? ''}`,
  );
}

function checkPreconditions(gr: GroupResource, name: string, obj: KubeObject, pre: DeleteOptions['preconditions']): void {
  if (!pre) return;
  if (pre.uid && pre.uid !== obj.metadata.uid) {
    throw conflict(gr, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${obj.metadata.uid}`);
  }
  if (pre.resourceVersion && pre.resourceVersion !== obj.metadata.resourceVersion) {
    throw conflict(
      gr,
      name,
      `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${obj.metadata.resourceVersion}`,
    );
  }
}

/** Adds or removes the orphan/foregroundDeletion finalizers a propagation policy asks for.
 *  Returns whether the finalizers changed. */
function applyPropagationFinalizers(meta: ObjectMeta, opts: DeleteOptions): boolean {
  let policy = opts.propagationPolicy;
  if (!policy && opts.orphanDependents !== undefined) policy = opts.orphanDependents ? 'Orphan' : 'Background';
  if (!policy) return false;
  const before = meta.finalizers ?? [];
  let after = before.filter((f) => f !== ORPHAN_FINALIZER && f !== FOREGROUND_FINALIZER);
  if (policy === 'Orphan') after = [...after, ORPHAN_FINALIZER];
  if (policy === 'Foreground') after = [...after, FOREGROUND_FINALIZER];
  // An object already being deleted keeps the policy it was deleted with unless asked again.
  if (meta.deletionTimestamp && policy === 'Background') return false;
  if (deepEqual(before, after)) return false;
  if (after.length > 0) meta.finalizers = after;
  else delete meta.finalizers;
  return true;
}

function shortensGrace(meta: ObjectMeta, grace: number): boolean {
  return meta.deletionGracePeriodSeconds !== undefined && grace < meta.deletionGracePeriodSeconds;
}

function markDeleted(meta: ObjectMeta, grace: number, alreadyMarked: boolean): void {
  const now = Date.now();
  if (!alreadyMarked || shortensGrace(meta, grace)) {
    meta.deletionTimestamp = rfc3339(new Date(now + grace * 1000));
    meta.deletionGracePeriodSeconds = grace;
  }
}
