// The garbage collector: deletes objects whose owners are gone and carries out Foreground
// and Orphan deletion (garbage-collector.ts has the contract).

export {
  DEFAULT_GC_WORKERS,
  GARBAGE_COLLECTOR,
  GarbageCollector,
  garbageCollectorFactory,
  newGarbageCollector,
  type GarbageCollectorOptions,
} from './garbage-collector.js';
export { FOREGROUND_FINALIZER, ORPHAN_FINALIZER } from './graph-builder.js';
