// LeaderElector runs one candidate of a leader election over a ResourceLock (client-go
// tools/leaderelection/leaderelection.go).
//
// Contract:
//  - Acquire: try every retryPeriod (jittered) until the lock is free (no holder), expired,
//    or already ours. "Expired" is judged on this candidate's clock: the holder's record must
//    not have changed for leaseDurationSeconds since we first saw it, so clock skew between
//    candidates does not matter.
//  - Lead: onStartedLeading(signal) is called once; signal aborts when leadership ends.
//  - Renew: every retryPeriod; each renewal may retry (every retryPeriod) until renewDeadline
//    has passed since it began. A renewal that does not succeed in time ends leadership,
//    before the lease can expire for others (renewDeadline < leaseDuration).
//  - Stop: when run's signal aborts, a leader releases the lease (holder '', duration 1 s)
//    so a successor need not wait for expiry (releaseOnCancel, on by default), then
//    onStoppedLeading() is called. Leadership lost to a failed renewal also calls
//    onStoppedLeading(); run() resolves either way and does not try again (the caller
//    decides whether to run a new election, as Kubernetes components exit).
//  - onNewLeader(identity) is called whenever the observed holder changes (not for '').
//  - acquireTime and leaseTransitions are kept across renewals and incremented on a change of
//    holder, as Kubernetes keeps them.
// Defaults are Kubernetes': leaseDuration 15 s, renewDeadline 10 s, retryPeriod 2 s.

import { realClock, sleep, type Clock, type Timer } from '../workqueue/clock.js';
import type { LeaderElectionRecord, ResourceLock } from './lease-lock.js';
import { statusCode } from '../errors.js';

export interface LeaderCallbacks {
  /** Runs for as long as this candidate leads; signal aborts when it stops leading. */
  onStartedLeading(signal: AbortSignal): void | Promise<void>;
  onStoppedLeading(): void;
  onNewLeader?(identity: string): void;
}

export interface LeaderElectionConfig {
  readonly lock: ResourceLock;
  readonly callbacks: LeaderCallbacks;
  readonly leaseDurationMs?: number;
  readonly renewDeadlineMs?: number;
  readonly retryPeriodMs?: number;
  /** Give the lease up when run's signal aborts (default true). */
  readonly releaseOnCancel?: boolean;
  readonly name?: string;
  readonly clock?: Clock;
  /** In [0, 1): jitter of acquire retries; tests pin it. */
  readonly random?: () => number;
  /** Told about failed attempts (they are retried regardless). */
  readonly onError?: (err: unknown) => void;
}

export const DEFAULT_LEASE_DURATION_MS = 15_000;
export const DEFAULT_RENEW_DEADLINE_MS = 10_000;
export const DEFAULT_RETRY_PERIOD_MS = 2_000;
export const JITTER_FACTOR = 1.2;

export class LeaderElector {
  readonly #lock: ResourceLock;
  readonly #callbacks: LeaderCallbacks;
  readonly #leaseDuration: number;
  readonly #renewDeadline: number;
  readonly #retryPeriod: number;
  readonly #releaseOnCancel: boolean;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #onError: (err: unknown) => void;
  readonly name: string;
  #observed: LeaderElectionRecord | undefined;
  #observedRaw: string | undefined;
  /** When the observed record last changed, on our clock: what expiry is measured from. */
  #observedTime = 0;
  #reportedLeader = '';
  #running = false;

  constructor(config: LeaderElectionConfig) {
    this.#leaseDuration = config.leaseDurationMs ?? DEFAULT_LEASE_DURATION_MS;
    this.#renewDeadline = config.renewDeadlineMs ?? DEFAULT_RENEW_DEADLINE_MS;
    this.#retryPeriod = config.retryPeriodMs ?? DEFAULT_RETRY_PERIOD_MS;
    if (this.#leaseDuration <= this.#renewDeadline) throw new Error('leaseDuration must be greater than renewDeadline');
    if (this.#renewDeadline <= JITTER_FACTOR * this.#retryPeriod) throw new Error('renewDeadline must be greater than retryPeriod*JitterFactor');
    if (this.#retryPeriod < 1) throw new Error('retryPeriod must be greater than zero');
    if (this.#leaseDuration < 1000) throw new Error('leaseDuration must be at least one second');
    if (!config.lock.identity()) throw new Error('lock identity is empty');
    this.#lock = config.lock;
    this.#callbacks = config.callbacks;
    this.#releaseOnCancel = config.releaseOnCancel ?? true;
    this.#clock = config.clock ?? realClock;
    this.#random = config.random ?? Math.random;
    this.#onError = config.onError ?? (() => {});
    this.name = config.name ?? config.lock.describe();
  }

  /** True while the last observed record names this candidate. */
  isLeader(): boolean {
    return this.#observed !== undefined && this.#observed.holderIdentity === this.#lock.identity();
  }

  /** The holder in the last observed record ('' when none). */
  getLeader(): string {
    return this.#observed?.holderIdentity ?? '';
  }

  /**
   * Health check (client-go's HealthzAdaptor): an error when we believe we lead but have not
   * renewed for longer than the lease plus maxTolerableExpiredLeaseMs — a wedged leader.
   */
  check(maxTolerableExpiredLeaseMs: number): Error | undefined {
    if (!this.isLeader()) return undefined;
    if (this.#clock.now() > this.#observedTime + this.#leaseDuration + maxTolerableExpiredLeaseMs) {
      return new Error(`failed election to renew leadership on lease ${this.name}`);
    }
    return undefined;
  }

  /** Campaigns until leading, leads until leadership ends or signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (this.#running) throw new Error('leader elector is already running');
    this.#running = true;
    try {
      if (!(await this.#acquire(signal))) return;
      const leading = new AbortController();
      const onAbort = (): void => leading.abort();
      signal.addEventListener('abort', onAbort, { once: true });
      try {
        void Promise.resolve()
          .then(() => this.#callbacks.onStartedLeading(leading.signal))
          .catch((err: unknown) => this.#onError(err));
        await this.#renew(leading.signal);
      } finally {
        signal.removeEventListener('abort', onAbort);
        leading.abort();
        if (signal.aborted && this.#releaseOnCancel) await this.#release();
        this.#callbacks.onStoppedLeading();
      }
    } finally {
      this.#running = false;
    }
  }

  async #acquire(signal: AbortSignal): Promise<boolean> {
    while (!signal.aborted) {
      const ok = await this.#tryAcquireOrRenew();
      this.#maybeReportTransition();
      if (ok) return !signal.aborted || (await this.#releaseAfterLateWin());
      const wait = this.#retryPeriod * (1 + this.#random() * JITTER_FACTOR);
      if (!(await this.#sleep(wait, signal))) return false;
    }
    return false;
  }

  /** Won the lease just as we were told to stop: give it back rather than sit on it. */
  async #releaseAfterLateWin(): Promise<boolean> {
    if (this.#releaseOnCancel) await this.#release();
    return false;
  }

  async #renew(leading: AbortSignal): Promise<void> {
    while (!leading.aborted) {
      if (!(await this.#sleep(this.#retryPeriod, leading))) return;
      const renewed = await this.#renewWithin(this.#renewDeadline, leading);
      this.#maybeReportTransition();
      if (!renewed) return;
    }
  }

  /** Tries (and retries every retryPeriod) until success or the deadline passes. */
  async #renewWithin(deadlineMs: number, signal: AbortSignal): Promise<boolean> {
    const deadline = this.#clock.now() + deadlineMs;
    let timer: Timer | undefined;
    const expired = new Promise<false>((resolve) => {
      timer = this.#clock.setTimer(() => resolve(false), deadlineMs);
    });
    try {
      while (!signal.aborted) {
        // A request that hangs past the deadline counts as a failed renewal.
        const ok = await Promise.race([this.#tryAcquireOrRenew(), expired]);
        if (ok) return true;
        const left = deadline - this.#clock.now();
        if (left <= 0) return false;
        const next = Math.min(this.#retryPeriod, left);
        const slept = await Promise.race([this.#sleep(next, signal), expired]);
        if (!slept) return signal.aborted;
        if (this.#clock.now() >= deadline) return false;
      }
      // Stopping is not losing: the caller releases.
      return true;
    } finally {
      timer?.cancel();
    }
  }

  async #tryAcquireOrRenew(): Promise<boolean> {
    const now = this.#clock.now();
    const identity = this.#lock.identity();
    const desired: LeaderElectionRecord = {
      holderIdentity: identity,
      leaseDurationSeconds: Math.floor(this.#leaseDuration / 1000),
      acquireTime: now,
      renewTime: now,
      leaderTransitions: 0,
    };

    // 1. Fast path: we lead and our view is fresh, so update on top of what we wrote last.
    if (this.isLeader() && this.#isLeaseValid(now)) {
      const record = { ...desired, acquireTime: this.#observed!.acquireTime, leaderTransitions: this.#observed!.leaderTransitions };
      try {
        await this.#lock.update(record);
        this.#setObserved(record);
        return true;
      } catch (err) {
        // Fall through to re-read the lock: someone may have written it.
        this.#onError(err);
      }
    }

    // 2. Read the lock, creating it if there is none.
    let current: { record: LeaderElectionRecord; raw: string };
    try {
      current = await this.#lock.get();
    } catch (err) {
      if (statusCode(err) !== 404) {
        this.#onError(err);
        return false;
      }
      try {
        await this.#lock.create(desired);
      } catch (createErr) {
        this.#onError(createErr);
        return false;
      }
      this.#setObserved(desired);
      return true;
    }

    // 3. Someone else holds it and their claim has not expired by our clock.
    if (this.#observedRaw !== current.raw) {
      this.#setObserved(current.record);
      this.#observedRaw = current.raw;
    }
    if (current.record.holderIdentity !== '' && this.#isLeaseValid(now) && !this.isLeader()) return false;

    // 4. Take it (or renew it, if the record says it is ours).
    const record = this.isLeader()
      ? { ...desired, acquireTime: current.record.acquireTime, leaderTransitions: current.record.leaderTransitions }
      : { ...desired, leaderTransitions: current.record.leaderTransitions + 1 };
    try {
      await this.#lock.update(record);
    } catch (err) {
      this.#onError(err);
      return false;
    }
    this.#setObserved(record);
    return true;
  }

  async #release(): Promise<void> {
    try {
      // Refreshes the lock's resourceVersion so the release does not conflict with our own
      // last renewal.
      const current = await this.#lock.get();
      if (!this.isLeader()) return;
      const now = this.#clock.now();
      const record: LeaderElectionRecord = {
        holderIdentity: '',
        leaseDurationSeconds: 1,
        acquireTime: now,
        renewTime: now,
        leaderTransitions: current.record.leaderTransitions,
      };
      await this.#lock.update(record);
      this.#setObserved(record);
    } catch (err) {
      this.#onError(err);
    }
  }

  #isLeaseValid(now: number): boolean {
    const seconds = this.#observed?.leaseDurationSeconds ?? 0;
    return this.#observedTime + seconds * 1000 > now;
  }

  #setObserved(record: LeaderElectionRecord): void {
    this.#observed = record;
    this.#observedRaw = JSON.stringify(record);
    this.#observedTime = this.#clock.now();
  }

  #maybeReportTransition(): void {
    const holder = this.#observed?.holderIdentity ?? '';
    if (holder === this.#reportedLeader) return;
    this.#reportedLeader = holder;
    if (holder === '' || !this.#callbacks.onNewLeader) return;
    try {
      this.#callbacks.onNewLeader(holder);
    } catch (err) {
      this.#onError(err);
    }
  }

  #sleep(ms: number, signal: AbortSignal): Promise<boolean> {
    return sleep(this.#clock, ms, signal);
  }
}
