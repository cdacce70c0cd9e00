// campaign: how a Kubernetes component runs under leader election for its whole life. It
// campaigns for the Lease <namespace>/<name>; each time it wins, lead(signal) runs one term of
// leadership (signal aborts when the term ends: the lease was lost or the component stops);
// after a term has wound down completely it campaigns again, until stop aborts. Components
// make everything that lives in a term (informers, caches, workers) inside lead, so a new
// term starts from fresh state.

import { hostname } from 'node:os';
import type { ResourceClient } from '../contract.js';
import type { Clock } from '../workqueue/clock.js';
import { LeaderElector } from './leader-elector.js';
import { LeaseLock, type Lease } from './lease-lock.js';

export interface CampaignOptions {
  /** The Leases client (any namespace view; the lock narrows it). */
  readonly leases: ResourceClient<Lease>;
  readonly namespace: string;
  readonly name: string;
  readonly identity: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly clock?: Clock;
  /** Told about failed election attempts and failed terms (both are retried). */
  readonly onError: (err: unknown) => void;
}

export async function campaign(opts: CampaignOptions, lead: (leading: AbortSignal) => Promise<void>, stop: AbortSignal): Promise<void> {
  while (!stop.aborted) {
    let term: Promise<void> | undefined;
    const elector = new LeaderElector({
      name: opts.name,
      lock: new LeaseLock({ client: opts.leases, namespace: opts.namespace, name: opts.name, identity: opts.identity }),
      leaseDurationMs: opts.leaseDurationMs,
      renewDeadlineMs: opts.renewDeadlineMs,
      retryPeriodMs: opts.retryPeriodMs,
      clock: opts.clock,
      onError: opts.onError,
      callbacks: {
        onStartedLeading: (leading) => (term = lead(leading).catch(opts.onError)),
        onStoppedLeading: () => undefined,
      },
    });
    await elector.run(stop);
    await term;
  }
}

/** How a kite component is elected: its own settings, the rest Kubernetes' defaults. */
export interface ElectionSettings {
  /** Default `<host name>_kite`: stable across restarts, so a restarted server leads at once. */
  readonly identity?: string;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  readonly clock?: Clock;
}

/** campaign() for a control-plane component: its Lease is kube-system/<name>. */
export function campaignAsComponent(
  leases: ResourceClient<Lease>,
  name: string,
  settings: ElectionSettings,
  onError: (err: unknown) => void,
  lead: (leading: AbortSignal) => Promise<void>,
  stop: AbortSignal,
): Promise<void> {
  const { identity = `${hostname()}_kite`, leaseDurationMs, renewDeadlineMs, retryPeriodMs, clock } = settings;
  return campaign({ leases, namespace: 'kube-system', name, identity, leaseDurationMs, renewDeadlineMs, retryPeriodMs, clock, onError }, lead, stop);
}
