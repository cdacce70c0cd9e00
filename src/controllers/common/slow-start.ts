// slowStartBatch: call an async function `count` times in batches that start small and double
// while every call succeeds (Kubernetes' slowStartBatch in pkg/controller/replicaset).
//
// Contract:
//  - Batches have sizes initialBatchSize, 2x, 4x, ... capped by what remains; the calls of one
//    batch run concurrently, batches run one after another.
//  - When any call of a batch fails, the batch is still awaited in full, and no later batch
//    starts. The result counts the successful calls and carries the first error (in call
//    order) of the failing batch.
//  - fn receives the index of the call (0-based, across all batches).
//
// Why: a controller that must create 500 pods in a namespace whose quota allows none learns
// that from one request, not 500 (and records one FailedCreate event, not 500).

/** Kubernetes' SlowStartInitialBatchSize. */
export const SLOW_START_INITIAL_BATCH_SIZE = 1;

export interface SlowStartResult {
  /** How many calls succeeded. */
  readonly successes: number;
  /** The first failure of the batch that stopped the run; undefined when all succeeded. */
  readonly error?: unknown;
}

export async function slowStartBatch(
  count: number,
  initialBatchSize: number,
  fn: (index: number) => Promise<void>,
): Promise<SlowStartResult> {
  let remaining = count;
  let successes = 0;
  let next = 0;
  for (let size = Math.min(remaining, initialBatchSize); size > 0; size = Math.min(2 * size, remaining)) {
    const start = next;
    const outcomes = await Promise.allSettled(Array.from({ length: size }, (_, i) => fn(start + i)));
    next += size;
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    successes += outcomes.filter((o) => o.status === 'fulfilled').length;
    if (failed) return { successes, error: failed.reason };
    remaining -= size;
  }
  return { successes };
}
