// The storage contract every backend implements: an etcd-shaped, revisioned key-value store.
//
// - One global revision counts every successful write (create, update, delete). It starts at 0
//   for an empty store and never goes back or repeats, not even across restarts or compaction.
// - Every key-value carries the revision of its creation and of its last modification; a key
//   deleted and created again gets a fresh createRevision.
// - Writes are compare-and-swap on modRevision; a losing writer gets a typed error, never a
//   silent overwrite. A write's promise resolves only after the write is durable.
// - Reads may name a past revision; once that revision is compacted they fail with
//   CompactedError.
// - A watch on a prefix delivers, in revision order and with no gaps, every event after the
//   revision it starts from. Events of one revision are delivered before any later ones, and
//   a write's events reach in-process watchers before the writer's promise resolves.
//   Backends may deliver several events in one call.
//
// Keys and values are strings; the API layer stores JSON. Keys are printable ASCII (0x20-0x7e)
// and ordered bytewise; values are well-formed UTF-16 (no lone surrogates). Input outside these
// rules is refused with InvalidArgumentError and never reaches storage.
//
// A prefix is a plain string prefix: "/a/b" also covers "/a/bc". Callers that mean a directory
// end the prefix with "/".
//
// Reads (get, list) at a revision newer than the current one fail with FutureRevisionError; a
// watch from such a revision simply waits for it. Every call on a closed store fails with
// StorageClosedError.

export interface KeyValue {
  readonly key: string;
  readonly value: string;
  readonly createRevision: number;
  readonly modRevision: number;
}

export type WatchEvent =
  | { readonly type: 'create'; readonly revision: number; readonly kv: KeyValue }
  | { readonly type: 'update'; readonly revision: number; readonly kv: KeyValue; readonly prevKv: KeyValue }
  // kv is absent: the key no longer exists. prevKv is the value it had just before the delete.
  | { readonly type: 'delete'; readonly revision: number; readonly key: string; readonly prevKv: KeyValue };

export interface ListOptions {
  /** Read at this revision (0 or absent: the current revision). */
  readonly revision?: number;
  /** At most this many key-values (0 or absent: no limit). */
  readonly limit?: number;
  /** Start at this key (inclusive); it must lie within the prefix. A key followed by "\x00"
   *  starts just after that key, which is how a continue token resumes. */
  readonly startKey?: string;
}

export interface ListResult {
  readonly kvs: KeyValue[];
  /** The revision the list was read at. */
  readonly revision: number;
  /** True when keys after the last returned one exist under the prefix at that revision. */
  readonly more: boolean;
  /** How many keys after the returned ones exist under the prefix at that revision. */
  readonly remaining: number;
}

export interface Watch {
  /** Stops delivery; no callback runs after close returns. */
  close(): void;
}

export interface WatchCallbacks {
  readonly onEvents: (events: readonly WatchEvent[]) => void;
  /** Everything up to and including revision has been delivered, whether or not any of it
   *  fell under the prefix. Called once replay is done and then after every commit, so a
   *  cache fed by the watch can tell it has caught up with a revision it read elsewhere
   *  (etcd's progress notification). */
  readonly onProgress?: (revision: number) => void;
  /** The watch ended abnormally (e.g. the backend closed); no more events follow. */
  readonly onError?: (err: Error) => void;
}

export interface KV {
  get(key: string, opts?: { revision?: number }): Promise<{ kv: KeyValue | undefined; revision: number }>;
  list(prefix: string, opts?: ListOptions): Promise<ListResult>;
  count(prefix: string): Promise<{ count: number; revision: number }>;
  /** Creates the key if absent. Throws KeyExistsError otherwise. */
  create(key: string, value: string): Promise<KeyValue>;
  /** Replaces the value if the key's modRevision equals expectedModRevision.
   *  Throws KeyNotFoundError if absent, ConflictError (carrying the current value) if not. */
  update(key: string, value: string, expectedModRevision: number): Promise<KeyValue>;
  /** Deletes the key, if expectedModRevision is given only when it matches.
   *  Throws KeyNotFoundError / ConflictError. Resolves with the revision of the delete. */
  delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prevKv: KeyValue }>;
  /** Events with revision > fromRevision, under prefix. Throws CompactedError synchronously
   *  when fromRevision is older than the compacted revision (fromRevision == compacted is fine). */
  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): Watch;
  currentRevision(): Promise<number>;
  /** Forgets history at and below revision, keeping each key's state at that revision.
   *  A revision at or below the compacted one is a no-op; one above the current revision
   *  fails with FutureRevisionError. */
  compact(revision: number): Promise<void>;
  compactedRevision(): Promise<number>;
  close(): Promise<void>;
}

export class StorageError extends Error {
  override name = 'StorageError';
}

export class KeyExistsError extends StorageError {
  override name = 'KeyExistsError';
  constructor(readonly key: string) {
    super(`key exists: ${key}`);
  }
}

export class KeyNotFoundError extends StorageError {
  override name = 'KeyNotFoundError';
  constructor(readonly key: string) {
    super(`key not found: ${key}`);
  }
}

export class ConflictError extends StorageError {
  override name = 'ConflictError';
  constructor(readonly key: string, readonly current: KeyValue) {
    super(`modRevision mismatch for ${key}: current is ${current.modRevision}`);
  }
}

export class CompactedError extends StorageError {
  override name = 'CompactedError';
  constructor(readonly requested: number, readonly compacted: number) {
    super(`revision ${requested} has been compacted (compacted up to ${compacted})`);
  }
}

export class FutureRevisionError extends StorageError {
  override name = 'FutureRevisionError';
  constructor(readonly requested: number, readonly current: number) {
    super(`revision ${requested} is newer than the current revision ${current}`);
  }
}

export class StorageClosedError extends StorageError {
  override name = 'StorageClosedError';
  constructor() {
    super('storage is closed');
  }
}

export class InvalidArgumentError extends StorageError {
  override name = 'InvalidArgumentError';
}

/** Everything under a prefix: prefix <= key < prefixEnd(prefix). */
export function prefixEnd(prefix: string): string {
  return prefix + '\uffff';
}
