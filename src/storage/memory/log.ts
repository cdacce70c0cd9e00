// MemoryLog: the log dialect (../log.ts) kept in process memory, for tests and throwaway
// clusters. Nothing survives the process. It enforces the same rules as the SQLite dialect,
// including the (key, prevRevision) uniqueness and all-or-nothing transactions, so the shared
// conformance suite means the same thing for both.

import { LogRaceError, type HistoryRow, type Log, type LogRow, type NewRow } from '../log.js';

export class MemoryLog implements Log {
  /** Every surviving row, in revision order. */
  #rows: LogRow[] = [];
  #byRevision = new Map<number, LogRow>();
  /** Each key's surviving rows, in revision order. */
  #byKey = new Map<string, LogRow[]>();
  /** Keys that have surviving rows, sorted. */
  #keys: string[] = [];
  #current = 0;
  #compacted = 0;
  /** Set while a transaction is open: how to take back what it did. */
  #undo: (() => void)[] | undefined;

  currentRevision(): number {
    return this.#current;
  }

  compactedRevision(): number {
    return this.#compacted;
  }

  latest(key: string, atRevision: number): LogRow | undefined {
    const rows = this.#byKey.get(key);
    if (!rows) return undefined;
    // The last row at or below atRevision.
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (rows[mid]!.revision <= atRevision) lo = mid + 1;
      else hi = mid;
    }
    return lo === 0 ? undefined : rows[lo - 1];
  }

  range(start: string, end: string, atRevision: number, limit: number): LogRow[] {
    const out: LogRow[] = [];
    for (let i = lowerBound(this.#keys, start); i < this.#keys.length && this.#keys[i]! < end; i++) {
      const row = this.latest(this.#keys[i]!, atRevision);
      if (row && !row.deleted) {
        out.push(row);
        if (out.length === limit) break;
      }
    }
    return out;
  }

  countRange(start: string, end: string, atRevision: number): number {
    return this.range(start, end, atRevision, 0).length;
  }

  history(start: string, end: string, after: number, upTo: number, limit: number): HistoryRow[] {
    const out: HistoryRow[] = [];
    let lo = 0;
    let hi = this.#rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#rows[mid]!.revision <= after) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < this.#rows.length; i++) {
      const row = this.#rows[i]!;
      if (row.revision > upTo) break;
      if (row.key < start || row.key >= end) continue;
      const isUpdate = !row.deleted && row.createRevision !== row.revision;
      out.push({ ...row, prevValue: isUpdate ? this.#byRevision.get(row.prevRevision)?.value : undefined });
      if (out.length === limit) break;
    }
    return out;
  }

  transaction<T>(fn: () => T): T {
    if (this.#undo) throw new Error('memory log: transactions do not nest');
    const undo: (() => void)[] = [];
    this.#undo = undo;
    try {
      const result = fn();
      this.#undo = undefined;
      return result;
    } catch (err) {
      this.#undo = undefined;
      for (let i = undo.length - 1; i >= 0; i--) undo[i]!();
      throw err;
    }
  }

  append(row: NewRow): number {
    const undo = this.#inTransaction('append');
    const keyRows = this.#byKey.get(row.key);
    if (keyRows?.some((r) => r.prevRevision === row.prevRevision)) throw new LogRaceError(row.key, row.prevRevision);
    const revision = this.#current + 1;
    const stored: LogRow = {
      revision,
      key: row.key,
      createRevision: row.createRevision === 0 ? revision : row.createRevision,
      prevRevision: row.prevRevision,
      deleted: row.deleted,
      value: row.value,
    };
    this.#current = revision;
    this.#rows.push(stored);
    this.#byRevision.set(revision, stored);
    if (keyRows) {
      keyRows.push(stored);
    } else {
      this.#byKey.set(row.key, [stored]);
      this.#keys.splice(lowerBound(this.#keys, row.key), 0, row.key);
    }
    undo.push(() => {
      this.#current = revision - 1;
      this.#rows.pop();
      this.#byRevision.delete(revision);
      if (keyRows) {
        keyRows.pop();
      } else {
        this.#byKey.delete(row.key);
        this.#keys.splice(lowerBound(this.#keys, row.key), 1);
      }
    });
    return revision;
  }

  compact(from: number, to: number): void {
    const undo = this.#inTransaction('compact');
    const doomed = new Set<number>();
    for (const row of this.history('', '\uffff', from, to, 0)) {
      doomed.add(row.prevRevision);
      if (row.deleted) doomed.add(row.revision);
    }
    // Compaction builds new indexes and swaps them in, so undoing it is swapping back.
    const saved = { rows: this.#rows, byRevision: this.#byRevision, byKey: this.#byKey, keys: this.#keys, compacted: this.#compacted };
    undo.push(() => {
      this.#rows = saved.rows;
      this.#byRevision = saved.byRevision;
      this.#byKey = saved.byKey;
      this.#keys = saved.keys;
      this.#compacted = saved.compacted;
    });
    this.#rows = this.#rows.filter((r) => !doomed.has(r.revision));
    this.#byRevision = new Map(this.#rows.map((r) => [r.revision, r]));
    this.#byKey = new Map();
    for (const r of this.#rows) {
      const list = this.#byKey.get(r.key);
      if (list) list.push(r);
      else this.#byKey.set(r.key, [r]);
    }
    this.#keys = [...this.#byKey.keys()].sort(compareKeys);
    this.#compacted = to;
  }

  close(): void {
    this.#rows = [];
    this.#byRevision = new Map();
    this.#byKey = new Map();
    this.#keys = [];
  }

  #inTransaction(what: string): (() => void)[] {
    if (!this.#undo) throw new Error(`memory log: ${what} outside a transaction`);
    return this.#undo;
  }
}

/** Keys are ASCII, so UTF-16 order is byte order. */
function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The first index whose key is >= key. */
function lowerBound(keys: readonly string[], key: string): number {
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (keys[mid]! < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
