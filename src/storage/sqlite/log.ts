// SqliteLog: the log dialect (../log.ts) in one SQLite table, the durable default.
//
// - The row id is the revision. AUTOINCREMENT keeps ids from ever being reused, so after a
//   restart the current revision is the table's persisted sequence, not max(id), which
//   compaction may have removed.
// - A unique index on (name, prev_revision) makes SQLite itself reject a second successor of
//   the same row; the error becomes LogRaceError.
// - WAL journal with synchronous=FULL by default: a transaction is on disk (fsynced) when it
//   returns. NORMAL is faster but a power cut may lose the newest commits (never corrupt).
// - The database is opened in exclusive locking mode: a second process opening the same file
//   fails at once instead of writing behind the first one's watchers.
// - A creating row stores create_revision 0, meaning "this row's own id", which is only known
//   once inserted; rows are resolved on the way out.

import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { StorageError } from '../kv.js';
import { LogRaceError, type HistoryRow, type Log, type LogRow, type NewRow } from '../log.js';

export type SqliteSynchronous = 'full' | 'normal';

export interface SqliteLogOptions {
  /** Durability of each commit (default 'full'). */
  readonly synchronous?: SqliteSynchronous;
}

const SCHEMA_VERSION = 1;

const schema = `
CREATE TABLE IF NOT EXISTS log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  name TEXT NOT NULL,
  create_revision INTEGER NOT NULL,
  prev_revision INTEGER NOT NULL,
  deleted INTEGER NOT NULL,
  value TEXT NOT NULL
);
CREATE UNIQUE INDEX IF NOT EXISTS log_name_prev_revision ON log (name, prev_revision);
CREATE INDEX IF NOT EXISTS log_name ON log (name);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
`;

const columns = 'l.id, l.name, l.create_revision, l.prev_revision, l.deleted, l.value';

/** The dialect's queries. Columns always come back in the order of `columns`. */
const sql = {
  sequence: `SELECT seq FROM sqlite_sequence WHERE name = 'log'`,
  compacted: `SELECT value FROM meta WHERE key = 'compacted'`,
  setCompacted: `INSERT INTO meta (key, value) VALUES ('compacted', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  latest: `SELECT ${columns} FROM log AS l WHERE l.name = ? AND l.id <= ? ORDER BY l.id DESC LIMIT 1`,
  // The newest row of each key at the revision. The name index is ordered by (name, id), so
  // grouping it finds each key's newest row cheaply, but the sort afterwards needs every group:
  // best for reading a whole range.
  rangeAll: `SELECT ${columns} FROM (SELECT MAX(id) AS id FROM log WHERE name >= ? AND name < ? AND id <= ? GROUP BY name) AS m
    CROSS JOIN log AS l ON l.id = m.id WHERE l.deleted = 0 ORDER BY l.name`,
  // For a page: walk the name index in order, keep rows that are their key's newest, and stop
  // at the limit, so a page costs its own size rather than the rest of the range.
  rangePage: `SELECT ${columns} FROM log AS l WHERE l.name >= ? AND l.name < ?
    AND l.id = (SELECT MAX(x.id) FROM log AS x WHERE x.name = l.name AND x.id <= ?) AND l.deleted = 0
    ORDER BY l.name LIMIT ?`,
  countRange: `SELECT COUNT(*) FROM (SELECT MAX(id) AS id FROM log WHERE name >= ? AND name < ? AND id <= ? GROUP BY name) AS m
    CROSS JOIN log AS l ON l.id = m.id WHERE l.deleted = 0`,
  // Walk the id range (the unary + keeps the planner off the name index: a watch replays a
  // short stretch of revisions over a prefix that may hold most keys).
  history: `SELECT ${columns}, p.value FROM log AS l
    LEFT JOIN log AS p ON p.id = l.prev_revision AND l.deleted = 0 AND l.create_revision <> 0
    WHERE l.id > ? AND l.id <= ? AND +l.name >= ? AND +l.name < ? ORDER BY l.id LIMIT ?`,
  append: `INSERT INTO log (name, create_revision, prev_revision, deleted, value) VALUES (?, ?, ?, ?, ?)`,
  // Superseded rows first: their successors include the tombstones deleted next.
  compactSuperseded: `DELETE FROM log WHERE id IN (SELECT prev_revision FROM log WHERE id > ? AND id <= ?)`,
  compactTombstones: `DELETE FROM log WHERE id > ? AND id <= ? AND deleted = 1`,
} as const;

type Statements = { [K in keyof typeof sql]: Database.Statement };
type RawRow = [id: number, name: string, createRevision: number, prevRevision: number, deleted: number, value: string];
type RawHistoryRow = [...RawRow, prevValue: string | null];

export class SqliteLog implements Log {
  readonly #db: Database.Database;
  readonly #stmt: Statements;
  readonly #tx: Database.Transaction<(fn: () => unknown) => unknown>;
  #current: number;
  #compacted: number;
  #inTransaction = false;

  constructor(file: string, opts: SqliteLogOptions = {}) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file, { timeout: 200 });
    try {
      db.pragma('locking_mode = EXCLUSIVE');
      const mode = db.pragma('journal_mode = WAL', { simple: true });
      if (mode !== 'wal') throw new StorageError(`${file}: cannot use WAL journal (got ${String(mode)})`);
      db.pragma(`synchronous = ${opts.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      // Cap the WAL file kept after checkpoints; it otherwise stays at its largest size.
      db.pragma('journal_size_limit = 67108864');
      const version = Number(db.pragma('user_version', { simple: true }));
      if (version > SCHEMA_VERSION) {
        throw new StorageError(`${file} has schema version ${version}; this kite knows up to ${SCHEMA_VERSION}`);
      }
      // Also takes the exclusive lock now rather than at the first write.
      db.transaction(() => {
        db.exec(schema);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).exclusive();
    } catch (err) {
      db.close();
      if (isSqliteError(err, 'SQLITE_BUSY')) {
        throw new StorageError(`${file} is in use by another process`);
      }
      throw err;
    }
    this.#db = db;
    this.#stmt = Object.fromEntries(Object.entries(sql).map(([name, text]) => [name, db.prepare(text)])) as Statements;
    for (const name of ['latest', 'rangeAll', 'rangePage', 'history'] as const) this.#stmt[name].raw(true);
    for (const name of ['sequence', 'compacted', 'countRange'] as const) this.#stmt[name].pluck(true);
    this.#tx = db.transaction((fn: () => unknown) => fn());
    this.#current = this.#readSequence();
    this.#compacted = this.#readCompacted();
  }

  currentRevision(): number {
    return this.#current;
  }

  compactedRevision(): number {
    return this.#compacted;
  }

  latest(key: string, atRevision: number): LogRow | undefined {
    const raw = this.#stmt.latest.get(key, atRevision) as RawRow | undefined;
    return raw && toRow(raw);
  }

  range(start: string, end: string, atRevision: number, limit: number): LogRow[] {
    const raws = (
      limit === 0
        ? this.#stmt.rangeAll.all(start, end, atRevision)
        : this.#stmt.rangePage.all(start, end, atRevision, limit)
    ) as RawRow[];
    return raws.map(toRow);
  }

  countRange(start: string, end: string, atRevision: number): number {
    return this.#stmt.countRange.get(start, end, atRevision) as number;
  }

  history(start: string, end: string, after: number, upTo: number, limit: number): HistoryRow[] {
    const raws = this.#stmt.history.all(after, upTo, start, end, limit === 0 ? -1 : limit) as RawHistoryRow[];
    return raws.map((raw) => ({ ...toRow(raw as unknown as RawRow), prevValue: raw[6] ?? undefined }));
  }

  transaction<T>(fn: () => T): T {
    if (this.#inTransaction) throw new Error('sqlite log: transactions do not nest');
    this.#inTransaction = true;
    try {
      return this.#tx.immediate(fn) as T;
    } catch (err) {
      // Rolled back: forget what the transaction's appends and compaction announced.
      this.#current = this.#readSequence();
      this.#compacted = this.#readCompacted();
      throw err;
    } finally {
      this.#inTransaction = false;
    }
  }

  append(row: NewRow): number {
    this.#requireTransaction('append');
    let result: Database.RunResult;
    try {
      result = this.#stmt.append.run(row.key, row.createRevision, row.prevRevision, row.deleted ? 1 : 0, row.value);
    } catch (err) {
      if (isSqliteError(err, 'SQLITE_CONSTRAINT_UNIQUE')) throw new LogRaceError(row.key, row.prevRevision);
      throw err;
    }
    this.#current = Number(result.lastInsertRowid);
    return this.#current;
  }

  compact(from: number, to: number): void {
    this.#requireTransaction('compact');
    this.#stmt.compactSuperseded.run(from, to);
    this.#stmt.compactTombstones.run(from, to);
    this.#stmt.setCompacted.run(to);
    this.#compacted = to;
  }

  close(): void {
    this.#db.close();
  }

  #requireTransaction(what: string): void {
    if (!this.#inTransaction) throw new Error(`sqlite log: ${what} outside a transaction`);
  }

  #readSequence(): number {
    return Number((this.#stmt.sequence.get() as number | undefined) ?? 0);
  }

  #readCompacted(): number {
    return Number((this.#stmt.compacted.get() as number | undefined) ?? 0);
  }
}

function toRow(raw: RawRow): LogRow {
  const [revision, key, createRevision, prevRevision, deleted, value] = raw;
  return { revision, key, createRevision: createRevision === 0 ? revision : createRevision, prevRevision, deleted: deleted !== 0, value };
}

function isSqliteError(err: unknown, code: string): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === code;
}
