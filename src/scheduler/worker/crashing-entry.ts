// A scheduler thread that fails as soon as it starts (an uncaught error), for the tests of
// SchedulerWorker's restarts. It says it started, then throws.

import { parentPort } from 'node:worker_threads';

parentPort!.postMessage({ t: 'error', message: 'crashing-entry started' });
setTimeout(() => {
  throw new Error('crashing-entry: boom');
}, 10);
