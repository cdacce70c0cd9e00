// KubeScheduler runs the scheduler as kube-scheduler runs it: one leader election on the
// Lease kube-system/kube-scheduler and, while leading, one informer factory, its event
// recorders (events.ts) and one Scheduler on them. When leadership ends (a renewal failed, or stop())
// they all stop, the bindings under way finish, and unless stopping it campaigns again with
// fresh caches: what the previous term assumed but never saw confirmed is re-read from the
// API, so each pod is bound once.
//
// The identity defaults to `<host name>_kite` (as the controller manager's): a server
// restarted after a crash finds the lease held by itself and leads at once.
// The client is in-process (apiServer) or given (client: the worker thread's, see worker/).

import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { Client } from '../client/client.js';
import { CORE_EVENTS, type CoreEvent } from '../client/events/types.js';
import { SharedInformerFactory } from '../client/informer/factory.js';
import { withoutManagedFields } from '../client/informer/transforms.js';
import type { ApiHandler } from '../client/in-process-transport.js';
import { campaignAsComponent } from '../client/leaderelection/campaign.js';
import { LEASES, type Lease } from '../client/leaderelection/lease-lock.js';
import type { Clock } from '../client/workqueue/clock.js';
import { ShardedEvents } from './events.js';
import { Scheduler, type SchedulerOptions } from './scheduler.js';

export const KUBE_SCHEDULER = 'kube-scheduler';

export interface KubeSchedulerOptions {
  /** kite's API server in this process (the client is made in-process)... */
  readonly apiServer?: ApiHandler;
  /** ... or a client of any API server (e.g. from the scheduler's worker thread). */
  readonly client?: Client;
  readonly identity?: string;
  readonly clock?: Clock;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  /** Scheduler settings (profiles, backoffs, ...); client, informers and recorder are made here. */
  readonly scheduler?: Omit<SchedulerOptions, 'client' | 'informers' | 'recorder' | 'clock' | 'onError'>;
  readonly onError?: (err: unknown) => void;
}

export class KubeScheduler {
  readonly #opts: KubeSchedulerOptions;
  readonly #client: Client;
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;
  #scheduler: Scheduler | undefined;

  constructor(opts: KubeSchedulerOptions) {
    this.#opts = opts;
    if (opts.client) this.#client = opts.client;
    else if (opts.apiServer) this.#client = Client.inProcess(opts.apiServer, { userAgent: KUBE_SCHEDULER });
    else throw new Error('KubeScheduler needs an apiServer or a client');
  }

  get client(): Client {
    return this.#client;
  }

  /** Called with each term's scheduler once it is made (before it starts). */
  onScheduler?: (scheduler: Scheduler) => void;

  /** The scheduler of the current term of leadership, if leading. */
  get scheduler(): Scheduler | undefined {
    return this.#scheduler;
  }

  get leading(): boolean {
    return this.#scheduler !== undefined;
  }

  start(): void {
    this.#running ??= this.#campaign();
  }

  async stop(): Promise<void> {
    this.#stop.abort();
    await this.#running;
    this.#client.close();
  }

  #campaign(): Promise<void> {
    const leases = this.#client.resource<Lease>(LEASES);
    return campaignAsComponent(leases, KUBE_SCHEDULER, this.#opts, (err) => this.#report(err), (leading) => this.#runScheduler(leading), this.#stop.signal);
  }

  async #runScheduler(leading: AbortSignal): Promise<void> {
    // Every informer's first-sync wait listens on it (a dozen with the volume plugins'):
    // many listeners are the design, not a leak.
    setMaxListeners(0, leading);
    const client = this.#client;
    const informers = new SharedInformerFactory({
      client: (ref) => client.resource(ref),
      clock: this.#opts.clock,
      reflector: { transform: withoutManagedFields },
    });
    const events = new ShardedEvents({ client: client.resource<CoreEvent>(CORE_EVENTS), clock: this.#opts.clock, onError: (err) => this.#report(err) });
    const host = hostname();
    const scheduler = new Scheduler({
      ...this.#opts.scheduler,
      client,
      informers,
      recorder: (schedulerName) => events.newRecorder({ component: schedulerName, host }),
      clock: this.#opts.clock,
      onError: (err) => this.#report(err),
    });
    this.#scheduler = scheduler;
    this.onScheduler?.(scheduler);
    try {
      informers.start(leading);
      await informers.waitForCacheSync(leading);
      if (!leading.aborted) await scheduler.run(leading);
    } finally {
      this.#scheduler = undefined;
      await informers.shutdown();
      await events.flush();
      events.shutdown();
    }
  }

  #report(err: unknown): void {
    if (this.#opts.onError) this.#opts.onError(err);
    else console.error(`kite: ${KUBE_SCHEDULER}:`, err instanceof Error ? err.message : err);
  }
}
