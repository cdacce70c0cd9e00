// MvccKV implements the KV contract (kv.ts) once, over any log dialect (log.ts). It owns the
// key-value rules — create only if absent, compare-and-swap on modRevision, tombstones for
// deletes, reads at a revision, compaction bounds — and the write path: writes go through
// group commit, and each commit's events reach the watch hub before any writer is answered.
//
// Only this class talks to the log, always from the event-loop thread, so a read never sees a
// half-applied transaction and the in-transaction checks of a batch see the batch's own
// earlier writes.

import {
  CompactedError,
  ConflictError,
  FutureRevisionError,
  InvalidArgumentError,
  KeyExistsError,
  KeyNotFoundError,
  StorageClosedError,
  StorageError,
  prefixEnd,
  type KV,
  type KeyValue,
  type ListOptions,
  type ListResult,
  type Watch,
  type WatchCallbacks,
  type WatchEvent,
} from './kv.js';
import { GroupCommit, type Outcome } from './group-commit.js';
import { LogRaceError, type HistoryRow, type Log, type LogRow } from './log.js';
import { checkCount, checkKey, checkPrefix, checkStartKey, checkValue } from './validate.js';
import { WatchHub } from './watch-hub.js';

export interface MvccOptions {
  /** Most writes in one transaction (default 500). */
  readonly maxBatch?: number;
  /** Most revisions one compaction transaction covers (default 10,000); a large compaction
   *  runs as several, so writes are not held up behind it. */
  readonly compactChunk?: number;
  /** Events read per step of a watch replay (default 1000). */
  readonly replayPage?: number;
}

type WriteOp =
  | { readonly type: 'create'; readonly key: string; readonly value: string }
  | { readonly type: 'update'; readonly key: string; readonly value: string; readonly expected: number }
  | { readonly type: 'delete'; readonly key: string; readonly expected: number | undefined };

export class MvccKV implements KV {
  readonly #log: Log;
  readonly #writes: GroupCommit<WriteOp, WatchEvent>;
  readonly #hub: WatchHub;
  readonly #compactChunk: number;
  /** Compactions run one after another, each in chunks between write batches. */
  #compaction: Promise<void> = Promise.resolve();
  #closing: Promise<void> | undefined;

  constructor(log: Log, opts: MvccOptions = {}) {
    this.#log = log;
    this.#compactChunk = opts.compactChunk ?? 10_000;
    this.#writes = new GroupCommit((ops) => this.#commit(ops), { maxBatch: opts.maxBatch ?? 500 });
    this.#hub = new WatchHub(
      {
        compactedRevision: () => log.compactedRevision(),
        currentRevision: () => log.currentRevision(),
        read: (start, end, after, upTo, limit) => log.history(start, end, after, upTo, limit).map(historyEvent),
      },
      { pageSize: opts.replayPage ?? 1000 },
    );
  }

  async get(key: string, opts: { revision?: number } = {}): Promise<{ kv: KeyValue | undefined; revision: number }> {
    this.#checkOpen();
    checkKey(key);
    const revision = this.#readRevision(opts.revision);
    const row = this.#log.latest(key, revision);
    return { kv: row && !row.deleted ? kvOf(row) : undefined, revision };
  }

  async list(prefix: string, opts: ListOptions = {}): Promise<ListResult> {
    this.#checkOpen();
    checkPrefix(prefix);
    const limit = opts.limit === undefined ? 0 : checkCount('limit', opts.limit);
    let start = prefix;
    if (opts.startKey !== undefined && opts.startKey !== '') {
      start = checkStartKey(opts.startKey);
      if (!start.startsWith(prefix)) {
        throw new InvalidArgumentError(`startKey ${JSON.stringify(start)} is outside prefix ${JSON.stringify(prefix)}`);
      }
    }
    const revision = this.#readRevision(opts.revision);
    const end = prefixEnd(prefix);
    const rows = this.#log.range(start, end, revision, limit === 0 ? 0 : limit + 1);
    const more = limit > 0 && rows.length > limit;
    if (more) rows.pop();
    const remaining = more ? this.#log.countRange(start, end, revision) - rows.length : 0;
    return { kvs: rows.map(kvOf), revision, more, remaining };
  }

  async count(prefix: string): Promise<{ count: number; revision: number }> {
    this.#checkOpen();
    checkPrefix(prefix);
    const revision = this.#log.currentRevision();
    return { count: this.#log.countRange(prefix, prefixEnd(prefix), revision), revision };
  }

  async create(key: string, value: string): Promise<KeyValue> {
    this.#checkOpen();
    const event = await this.#writes.submit({ type: 'create', key: checkKey(key), value: checkValue(value) });
    return (event as Extract<WatchEvent, { type: 'create' }>).kv;
  }

  async update(key: string, value: string, expectedModRevision: number): Promise<KeyValue> {
    this.#checkOpen();
    const op: WriteOp = {
      type: 'update',
      key: checkKey(key),
      value: checkValue(value),
      expected: checkCount('expectedModRevision', expectedModRevision),
    };
    const event = await this.#writes.submit(op);
    return (event as Extract<WatchEvent, { type: 'update' }>).kv;
  }

  async delete(key: string, expectedModRevision?: number): Promise<{ revision: number; prevKv: KeyValue }> {
    this.#checkOpen();
    const expected =
      expectedModRevision === undefined ? undefined : checkCount('expectedModRevision', expectedModRevision);
    const event = await this.#writes.submit({ type: 'delete', key: checkKey(key), expected });
    return { revision: event.revision, prevKv: (event as Extract<WatchEvent, { type: 'delete' }>).prevKv };
  }

  watch(prefix: string, fromRevision: number, callbacks: WatchCallbacks): Watch {
    this.#checkOpen();
    checkPrefix(prefix);
    checkCount('fromRevision', fromRevision);
    if (typeof callbacks?.onEvents !== 'function') {
      throw new InvalidArgumentError('watch needs an onEvents callback');
    }
    const compacted = this.#log.compactedRevision();
    if (fromRevision < compacted) throw new CompactedError(fromRevision, compacted);
    return this.#hub.watch(prefix, fromRevision, callbacks);
  }

  async currentRevision(): Promise<number> {
    this.#checkOpen();
    return this.#log.currentRevision();
  }

  async compactedRevision(): Promise<number> {
    this.#checkOpen();
    return this.#log.compactedRevision();
  }

  compact(revision: number): Promise<void> {
    try {
      this.#checkOpen();
      checkCount('revision', revision);
      const current = this.#log.currentRevision();
      if (revision > current) throw new FutureRevisionError(revision, current);
    } catch (err) {
      return Promise.reject(err);
    }
    const run = this.#compaction.then(() => this.#compactTo(revision));
    // The chain must survive a failed compaction; the caller still sees the failure.
    this.#compaction = run.catch(() => undefined);
    return run;
  }

  close(): Promise<void> {
    this.#closing ??= (async () => {
      // Writes already accepted are committed and answered; nothing new is accepted.
      await this.#writes.whenIdle();
      await this.#compaction;
      this.#hub.closeAll(new StorageClosedError());
      this.#log.close();
    })();
    return this.#closing;
  }

  #checkOpen(): void {
    if (this.#closing) throw new StorageClosedError();
  }

  /** The revision a read is served at: the current one for 0/absent, else checked bounds. */
  #readRevision(requested: number | undefined): number {
    const current = this.#log.currentRevision();
    if (requested === undefined || requested === 0) return current;
    checkCount('revision', requested);
    if (requested > current) throw new FutureRevisionError(requested, current);
    const compacted = this.#log.compactedRevision();
    if (requested < compacted) throw new CompactedError(requested, compacted);
    return requested;
  }

  async #compactTo(target: number): Promise<void> {
    while (this.#log.compactedRevision() < target) {
      // Yield first: a chunk is one synchronous transaction, and write batches queued in the
      // meantime get their turn between chunks.
      await new Promise((resolve) => setImmediate(resolve));
      if (this.#closing && this.#log.compactedRevision() < target) {
        // close() waits for us; stop at a consistent chunk boundary instead of finishing.
        throw new StorageClosedError();
      }
      const from = this.#log.compactedRevision();
      const to = Math.min(target, from + this.#compactChunk);
      this.#log.transaction(() => this.#log.compact(from, to));
    }
  }

  /** Applies a batch inside one transaction and hands its events to watchers. */
  #commit(ops: readonly WriteOp[]): Outcome<WatchEvent>[] {
    const outcomes = this.#log.transaction(() => ops.map((op) => this.#apply(op)));
    const events: WatchEvent[] = [];
    for (const o of outcomes) if (o.ok) events.push(o.value);
    if (events.length > 0) this.#hub.dispatch(events, events[events.length - 1]!.revision);
    return outcomes;
  }

  /** One write's precondition check and append. A failed precondition is this write's
   *  outcome; any other error aborts the whole transaction. */
  #apply(op: WriteOp): Outcome<WatchEvent> {
    const latest = this.#log.latest(op.key, this.#log.currentRevision());
    const live = latest && !latest.deleted ? latest : undefined;
    try {
      switch (op.type) {
        case 'create': {
          if (live) return failed(new KeyExistsError(op.key));
          // After a delete the new incarnation chains to the tombstone, so the unique
          // (key, prevRevision) rule also guards re-creation races.
          const revision = this.#log.append({
            key: op.key,
            createRevision: 0,
            prevRevision: latest?.revision ?? 0,
            deleted: false,
            value: op.value,
          });
          const kv: KeyValue = { key: op.key, value: op.value, createRevision: revision, modRevision: revision };
          return { ok: true, value: { type: 'create', revision, kv } };
        }
        case 'update': {
          if (!live) return failed(new KeyNotFoundError(op.key));
          if (live.revision !== op.expected) return failed(new ConflictError(op.key, kvOf(live)));
          const revision = this.#log.append({
            key: op.key,
            createRevision: live.createRevision,
            prevRevision: live.revision,
            deleted: false,
            value: op.value,
          });
          const kv: KeyValue = { key: op.key, value: op.value, createRevision: live.createRevision, modRevision: revision };
          return { ok: true, value: { type: 'update', revision, kv, prevKv: kvOf(live) } };
        }
        case 'delete': {
          if (!live) return failed(new KeyNotFoundError(op.key));
          if (op.expected !== undefined && live.revision !== op.expected) {
            return failed(new ConflictError(op.key, kvOf(live)));
          }
          const revision = this.#log.append({
            key: op.key,
            createRevision: live.createRevision,
            prevRevision: live.revision,
            deleted: true,
            value: live.value,
          });
          return { ok: true, value: { type: 'delete', revision, key: op.key, prevKv: kvOf(live) } };
        }
      }
    } catch (err) {
      // The log refused a row our own check allowed: someone else writes to it. Report the
      // loss as the precondition failure it is, from the log's current state.
      if (err instanceof LogRaceError) return failed(this.#raceLoss(op));
      throw err;
    }
  }

  #raceLoss(op: WriteOp): StorageError {
    const now = this.#log.latest(op.key, this.#log.currentRevision());
    const live = now && !now.deleted ? now : undefined;
    if (op.type === 'create') return new KeyExistsError(op.key);
    return live ? new ConflictError(op.key, kvOf(live)) : new KeyNotFoundError(op.key);
  }
}

function failed(error: StorageError): Outcome<WatchEvent> {
  return { ok: false, error };
}

function kvOf(row: LogRow): KeyValue {
  return { key: row.key, value: row.value, createRevision: row.createRevision, modRevision: row.revision };
}

/** The event a replayed row stands for: tombstones are deletes, a row that created its key is
 *  a create, any other row an update of the row it names as previous. */
function historyEvent(row: HistoryRow): WatchEvent {
  const { revision, key } = row;
  if (row.deleted) {
    const prevKv = { key, value: row.value, createRevision: row.createRevision, modRevision: row.prevRevision };
    return { type: 'delete', revision, key, prevKv };
  }
  const kv: KeyValue = { key, value: row.value, createRevision: row.createRevision, modRevision: revision };
  if (row.createRevision === revision) return { type: 'create', revision, kv };
  if (row.prevValue === undefined) {
    throw new StorageError(`log is missing revision ${row.prevRevision}, the previous value of ${key}@${revision}`);
  }
  const prevKv = { key, value: row.prevValue, createRevision: row.createRevision, modRevision: row.prevRevision };
  return { type: 'update', revision, kv, prevKv };
}
