// ControllerManager runs kite's control loops as kube-controller-manager does: one leader
// election on the Lease kube-system/kube-controller-manager, and while leading, one shared
// informer factory and every enabled controller on it. When leadership ends (the lease could
// not be renewed, or the manager stops) the controllers and informers stop; the manager then
// campaigns again, with fresh caches, unless it is stopping.
//
// The identity defaults to `<host name>_kite`, stable across restarts of the same server: a
// server restarted after a crash finds the lease held by itself and leads at once instead of
// waiting out the lease.

import { setMaxListeners } from 'node:events';
import { hostname } from 'node:os';
import { Client } from '../client/client.js';
import { EventBroadcaster } from '../client/events/recorder.js';
import type { CoreEvent } from '../client/events/types.js';
import { SharedInformerFactory } from '../client/informer/factory.js';
import type { ApiHandler } from '../client/in-process-transport.js';
import { campaignAsComponent } from '../client/leaderelection/campaign.js';
import { LEASES, type Lease } from '../client/leaderelection/lease-lock.js';
import { realClock, type Clock } from '../client/workqueue/clock.js';
import type { Controller, ControllerContext, ControllerFactory } from './controller.js';

export const CONTROLLER_MANAGER = 'kube-controller-manager';

export interface ControllerManagerOptions {
  readonly apiServer: ApiHandler;
  readonly controllers: readonly ControllerFactory[];
  readonly identity?: string;
  readonly workers?: number;
  readonly clock?: Clock;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly onError?: (controller: string, err: unknown) => void;
}

export class ControllerManager {
  readonly #opts: ControllerManagerOptions;
  readonly #client: Client;
  readonly #stop = new AbortController();
  #running: Promise<void> | undefined;
  #leading = false;

  constructor(opts: ControllerManagerOptions) {
    this.#opts = opts;
    this.#client = Client.inProcess(opts.apiServer, { userAgent: CONTROLLER_MANAGER });
  }

  get client(): Client {
    return this.#client;
  }

  get leading(): boolean {
    return this.#leading;
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
    return campaignAsComponent(leases, CONTROLLER_MANAGER, this.#opts, (err) => this.#report(CONTROLLER_MANAGER, err), (leading) => this.#runControllers(leading), this.#stop.signal);
  }

  async #runControllers(leading: AbortSignal): Promise<void> {
    this.#leading = true;
    // Every informer and controller of the term listens on this one signal.
    setMaxListeners(0, leading);
    const client = this.#client;
    const informers = new SharedInformerFactory({ client: (ref) => client.resource(ref), clock: this.#opts.clock });
    const events = new EventBroadcaster({
      client: client.resource<CoreEvent>({ group: '', version: 'v1', resource: 'events', kind: 'Event', namespaced: true }),
      clock: this.#opts.clock,
      onError: (err) => this.#report('events', err),
    });
    const ctx: ControllerContext = {
      client,
      informers,
      recorder: (component) => events.newRecorder({ component, host: hostname() }),
      clock: this.#opts.clock ?? realClock,
      workers: this.#opts.workers ?? 5,
      onError: (name, err) => this.#report(name, err),
    };
    const controllers: Controller[] = this.#opts.controllers.map((make) => make(ctx));
    try {
      informers.start(leading);
      await informers.waitForCacheSync(leading);
      if (!leading.aborted) await Promise.all(controllers.map((c) => c.run(leading).catch((err: unknown) => this.#report(c.name, err))));
    } finally {
      this.#leading = false;
      await informers.shutdown();
      await events.flush();
      events.shutdown();
    }
  }

  #report(name: string, err: unknown): void {
    if (this.#opts.onError) this.#opts.onError(name, err);
    else console.error(`kite: ${name}:`, err instanceof Error ? err.message : err);
  }
}
