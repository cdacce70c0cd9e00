// The log dialect: an append-only table of rows numbered by revision, which the MVCC layer
// (mvcc.ts) turns into a key-value store. A dialect knows rows and ranges, never key-value
// rules such as "create only if absent"; those live once, in mvcc.ts.
//
// - A row's revision is its position in the log: revisions grow by one per appended row and
//   never repeat, not even after compaction or a restart.
// - Each row names the key's previous row (prevRevision, 0 when no earlier row survives); no
//   two rows of a key may name the same previous row, so a writer that lost a race is
//   rejected with LogRaceError by the dialect itself.
// - A delete is a row too (a tombstone) carrying the value that was deleted.
// - Everything is synchronous and single-threaded: callers never interleave a read with an
//   open transaction, and a transaction is durable when transaction() returns.

export interface LogRow {
  readonly revision: number;
  readonly key: string;
  /** The revision that created the key's current incarnation. */
  readonly createRevision: number;
  /** The key's previous row, 0 if none. */
  readonly prevRevision: number;
  readonly deleted: boolean;
  readonly value: string;
}

/** A row to append. createRevision 0 means "this row creates the key": the dialect resolves
 *  it to the row's own revision, which is only known once appended. */
export type NewRow = Omit<LogRow, 'revision'>;

/** A row read for watch replay. prevValue is the value at prevRevision, given for updates
 *  (live, non-creating rows) so the replayed event can carry prevKv. */
export interface HistoryRow extends LogRow {
  readonly prevValue: string | undefined;
}

export interface Log {
  /** The newest revision, counting rows appended by a transaction still open. */
  currentRevision(): number;
  compactedRevision(): number;
  /** The key's newest row at or below atRevision, tombstones included. */
  latest(key: string, atRevision: number): LogRow | undefined;
  /** Each key in [start, end) that exists at atRevision (its newest row there is not a
   *  tombstone), in key order; at most limit rows, 0 meaning all. */
  range(start: string, end: string, atRevision: number, limit: number): LogRow[];
  /** How many rows range() would return without a limit. */
  countRange(start: string, end: string, atRevision: number): number;
  /** Rows with after < revision <= upTo and key in [start, end), in revision order, at most
   *  limit. */
  history(start: string, end: string, after: number, upTo: number, limit: number): HistoryRow[];
  /** Runs fn atomically: if it throws, nothing it appended or compacted is kept (and the
   *  error propagates); when it returns, all of it is durable. */
  transaction<T>(fn: () => T): T;
  /** Appends one row; only inside transaction(). Returns the row's revision. */
  append(row: NewRow): number;
  /** Inside transaction(), with from = the current compacted revision and to <= current:
   *  removes every row superseded by a row in (from, to] and every tombstone in (from, to],
   *  then records `to` as the compacted revision. */
  compact(from: number, to: number): void;
  close(): void;
}

/** The key already has a row naming this previous row: another writer got there first. */
export class LogRaceError extends Error {
  override name = 'LogRaceError';
  constructor(readonly key: string, readonly prevRevision: number) {
    super(`log already has a successor of revision ${prevRevision} for ${key}`);
  }
}
