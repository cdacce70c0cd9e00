// The worker loop of a controller (client-go's processNextWorkItem): take a key off the
// rate-limited queue, sync it, and on failure put it back with per-key exponential backoff;
// on success forget its failures. A key is never synced by two workers at once (the queue's
// processing set), so sync(key) need not guard against itself.

import type { RateLimitingWorkQueue } from '../client/workqueue/rate-limiting-queue.js';

export interface WorkerOptions {
  readonly name: string;
  readonly workers: number;
  readonly sync: (key: string) => Promise<void>;
  readonly onError: (controller: string, err: unknown) => void;
  /** Give up on a key after this many consecutive failures (default: never). */
  readonly maxRetries?: number;
}

/** Runs opts.workers concurrent workers until signal aborts, then shuts the queue down and
 *  waits for the syncs in flight. */
export async function runWorkers(queue: RateLimitingWorkQueue<string>, opts: WorkerOptions, signal: AbortSignal): Promise<void> {
  const stop = () => queue.shutDown();
  if (signal.aborted) stop();
  else signal.addEventListener('abort', stop, { once: true });
  const workers = Array.from({ length: Math.max(1, opts.workers) }, () => worker(queue, opts));
  await Promise.all(workers);
  signal.removeEventListener('abort', stop);
}

async function worker(queue: RateLimitingWorkQueue<string>, opts: WorkerOptions): Promise<void> {
  for (;;) {
    const [key, shutdown] = await queue.get();
    if (shutdown) return;
    try {
      await opts.sync(key);
      queue.forget(key);
    } catch (err) {
      if (opts.maxRetries !== undefined && queue.numRequeues(key) >= opts.maxRetries) {
        queue.forget(key);
        opts.onError(opts.name, new Error(`dropping ${key} out of the queue after ${opts.maxRetries} retries: ${String(err)}`));
      } else {
        opts.onError(opts.name, err);
        if (!queue.shuttingDown()) queue.addRateLimited(key);
      }
    } finally {
      queue.done(key);
    }
  }
}
