// The SQLite backend: the MVCC layer over SqliteLog, one database file, durable commits.

import type { KV } from '../kv.js';
import { MvccKV, type MvccOptions } from '../mvcc.js';
import { SqliteLog, type SqliteLogOptions } from './log.js';

export { SqliteLog, type SqliteLogOptions, type SqliteSynchronous } from './log.js';

export function openSqlite(file: string, opts: SqliteLogOptions & MvccOptions = {}): KV {
  return new MvccKV(new SqliteLog(file, opts), opts);
}
