// The storage layer's entry point: openStorage picks a backend by name; everything else a
// caller needs (the KV contract, its errors, prefixEnd) is re-exported from kv.ts.

import path from 'node:path';
import { StorageError, type KV } from './kv.js';
import { openMemory } from './memory/index.js';
import type { MvccOptions } from './mvcc.js';
import { openSqlite, type SqliteSynchronous } from './sqlite/index.js';

export * from './kv.js';

export type StorageBackend = 'sqlite' | 'memory';

export interface StorageOptions extends MvccOptions {
  readonly backend: StorageBackend;
  /** Directory of the sqlite database (<dataDir>/state.db), created if missing. */
  readonly dataDir?: string;
  /** sqlite only: 'full' (default) fsyncs every commit; 'normal' may lose the newest
   *  commits on power loss. */
  readonly synchronous?: SqliteSynchronous;
}

/** The sqlite database file inside a data directory. */
export function storageFile(dataDir: string): string {
  return path.join(dataDir, 'state.db');
}

export async function openStorage(opts: StorageOptions): Promise<KV> {
  switch (opts.backend) {
    case 'memory':
      return openMemory(opts);
    case 'sqlite':
      if (!opts.dataDir) throw new StorageError('the sqlite backend needs a dataDir');
      return openSqlite(storageFile(opts.dataDir), opts);
    default:
      throw new StorageError(`unknown storage backend ${JSON.stringify((opts as { backend: unknown }).backend)}`);
  }
}
