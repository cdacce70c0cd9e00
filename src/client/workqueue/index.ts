// Work queues for controllers: dedup + exclusive processing (Queue), delays (DelayingQueue),
// retries with backoff (RateLimitingQueue and its rate limiters), an injectable clock, and a
// recording fake for controller unit tests.

export { FakeClock, realClock, settle, sleep, type Clock, type Timer } from './clock.js';
export { Queue, type GetResult, type WorkQueue } from './queue.js';
export { DelayingQueue, type DelayingQueueOptions, type DelayingWorkQueue } from './delaying-queue.js';
export {
  BucketRateLimiter,
  DEFAULT_BASE_DELAY_MS,
  DEFAULT_BURST,
  DEFAULT_MAX_DELAY_MS,
  DEFAULT_QPS,
  defaultControllerRateLimiter,
  ItemExponentialFailureRateLimiter,
  ItemFastSlowRateLimiter,
  MaxOfRateLimiter,
  type BucketOptions,
  type RateLimiter,
} from './rate-limiter.js';
export { RateLimitingQueue, type RateLimitingQueueOptions, type RateLimitingWorkQueue } from './rate-limiting-queue.js';
export { FakeQueue } from './fake-queue.js';
