// The in-memory backend: the MVCC layer over MemoryLog. Same semantics as the durable backend,
// minus durability; for tests and benchmarks.

import type { KV } from '../kv.js';
import { MvccKV, type MvccOptions } from '../mvcc.js';
import { MemoryLog } from './log.js';

export { MemoryLog } from './log.js';

export function openMemory(opts: MvccOptions = {}): KV {
  return new MvccKV(new MemoryLog(), opts);
}
