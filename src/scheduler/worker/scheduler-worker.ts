// SchedulerWorker runs kube-scheduler in a worker thread of this process, talking to kite's
// API server in this thread over a MessagePort (api-port-server.ts). JavaScript runs one
// thread at a time: in-process, scheduling cycles, decoding the informers' watch events and
// the scheduler's client work share the API server's core; in a worker they take the
// second core, and the API server's thread only serves requests.
//
// Contract: start() spawns the worker (which campaigns for the kube-scheduler lease as the
// in-process KubeScheduler does); stop() asks it to stop scheduling, waits for the bindings
// under way, and ends the thread. A thread that ends without being asked to (an uncaught
// error) is reported and started again after restartDelayMs, as a supervisor restarts
// kube-scheduler: the new one campaigns and relists. stats() asks for the current
// scheduler's counters.
// onBound, when set before start(), hears [namespace/name, epoch ms] for every pod the
// worker's informer first sees bound (used by bench/scheduler.ts).

import { MessageChannel, Worker } from 'node:worker_threads';
import type { ApiHandler } from '../../client/in-process-transport.js';
import { KUBE_SCHEDULER, type KubeSchedulerOptions } from '../kube-scheduler.js';
import { serveApiOverPort } from './api-port-server.js';
import type { WorkerInit } from './worker-main.js';

export interface SchedulerWorkerOptions {
  readonly apiServer: ApiHandler;
  /** KubeScheduler settings; they must be structured-cloneable (no functions). */
  readonly options?: WorkerInit['options'];
  readonly onError?: (message: string) => void;
  /** The thread's module (default worker-main.js; tests give one that fails). */
  readonly entry?: URL;
  /** Wait before starting a thread that ended unasked (default 1 s). */
  readonly restartDelayMs?: number;
}

export type SchedulerStats = Record<string, unknown>;

export class SchedulerWorker {
  readonly #opts: SchedulerWorkerOptions;
  #worker: Worker | undefined;
  #closeServer: (() => void) | undefined;
  #stats: ((s: SchedulerStats) => void)[] = [];
  #stopped: Promise<void> | undefined;
  #stopping = false;
  #restart: NodeJS.Timeout | undefined;
  onBound: ((items: readonly [string, number][]) => void) | undefined;

  constructor(opts: SchedulerWorkerOptions) {
    this.#opts = opts;
  }

  start(): void {
    if (this.#worker || this.#stopping) return;
    const channel = new MessageChannel();
    this.#closeServer = serveApiOverPort(channel.port1, this.#opts.apiServer, { userAgent: KUBE_SCHEDULER });
    const init: WorkerInit = { api: channel.port2, options: this.#opts.options ?? {}, reportBound: !!this.onBound };
    const worker = new Worker(this.#opts.entry ?? new URL('./worker-main.js', import.meta.url), { workerData: init, transferList: [channel.port2] });
    this.#worker = worker;
    let stoppedResolve!: () => void;
    this.#stopped = new Promise((r) => (stoppedResolve = r));
    worker.on('message', (m: { t: string; items?: [string, number][]; stats?: SchedulerStats; message?: string }) => {
      if (m.t === 'bound') this.onBound?.(m.items!);
      else if (m.t === 'stats') {
        const waiters = this.#stats;
        this.#stats = [];
        for (const w of waiters) w(m.stats!);
      } else if (m.t === 'error') this.#report(m.message!);
      else if (m.t === 'stopped') stoppedResolve();
    });
    worker.on('error', (err) => this.#report(`worker failed: ${err.message}`));
    worker.on('exit', (code) => {
      stoppedResolve();
      if (this.#stopping || this.#worker !== worker) return;
      this.#closeServer?.();
      this.#worker = undefined;
      this.#report(`worker thread exited (code ${code}); starting it again`);
      this.#restart = setTimeout(() => this.start(), this.#opts.restartDelayMs ?? 1_000);
    });
  }

  #report(message: string): void {
    if (this.#opts.onError) this.#opts.onError(message);
    else console.error(`kite: ${KUBE_SCHEDULER}:`, message);
  }

  stats(): Promise<SchedulerStats> {
    const worker = this.#worker;
    if (!worker) return Promise.resolve({ leading: false });
    return new Promise((resolve) => {
      this.#stats.push(resolve);
      worker.postMessage({ t: 'stats' });
    });
  }

  async stop(): Promise<void> {
    this.#stopping = true;
    clearTimeout(this.#restart);
    const worker = this.#worker;
    if (!worker) return;
    worker.postMessage({ t: 'stop' });
    await this.#stopped;
    this.#closeServer?.();
    await worker.terminate();
    this.#worker = undefined;
  }
}

export type { KubeSchedulerOptions };
