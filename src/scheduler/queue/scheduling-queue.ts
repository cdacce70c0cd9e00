// SchedulingQueue: the pods waiting to be scheduled (kube-scheduler PriorityQueue), in three
// places:
//  - activeQ: pods to try now, a heap in the profile's QueueSort order (PrioritySort: higher
//    priority first, then earlier queued);
//  - backoffQ: pods to try once their backoff expires (1 s after the first failed attempt,
//    doubling per attempt up to 10 s), a heap by expiry, flushed into activeQ every second;
//  - unschedulablePods: pods the last attempt found no node for, parked until a cluster event
//    that one of the plugins that rejected them registered (and whose queueing hint says
//    Queue) may make them schedulable, or until they have been parked for
//    podMaxInUnschedulablePodsDuration (5 min, checked every 30 s).
//
// Contract:
//  - add(pod) queues a new pending pod (PreEnqueue plugins — scheduling gates — may hold it
//    in unschedulablePods as gated); update(old, new) refreshes a queued pod wherever it is
//    and retries a parked one when its spec or metadata changed; delete(pod) forgets it.
//  - pop() takes the best pod from activeQ (synchronously; undefined when empty) and counts
//    an attempt; waitForPods(signal) resolves once activeQ has a pod.
//  - addUnschedulableIfNotPresent(pInfo, cycle) takes back a pod whose attempt failed: with
//    rejecting plugins it is parked, unless a move request came after it was popped (then
//    it goes to backoffQ, as the event may have been what it waited for); without (an error)
//    it goes to backoffQ.
//  - moveAllToActiveOrBackoffQueue(event, old, new) re-evaluates every parked pod against
//    the event through its rejecting plugins' queueing hints; a pod worth retrying goes to
//    backoffQ if still backing off, else to activeQ.
//  - Time comes from the injected clock; run(signal) starts the periodic flushes.
//  - The queue keeps the Nominator (nominator.ts) in step with the pods it sees: a pod
//    added with a status.nominatedNodeName is nominated there, updates refresh (or keep) the
//    nomination, a deletion — including a pod turning bound — forgets it. The scheduler adds
//    its own nominations through addNominatedPod.

import type { Pod } from '../../api/types/core-v1.js';
import { realClock, type Clock, type Timer } from '../../client/workqueue/clock.js';
import { EVENTS, eventMatches, isPodUpdated, isWildCard, podUpdateEvents, QueueingHint, type ClusterEvent, type ClusterEventWithHint } from '../framework/events.js';
import { PodInfo, podKeyOf, QueuedPodInfo } from '../framework/pod-info.js';
import type { Status } from '../framework/status.js';
import { KeyedHeap } from './heap.js';
import { Names } from '../plugins/names.js';
import { Nominator, type NominatingInfo } from './nominator.js';

export const DEFAULT_POD_INITIAL_BACKOFF_MS = 1_000;
export const DEFAULT_POD_MAX_BACKOFF_MS = 10_000;
export const DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS = 5 * 60_000;
const BACKOFF_FLUSH_PERIOD_MS = 1_000;
const UNSCHEDULABLE_FLUSH_PERIOD_MS = 30_000;

/** A plugin's registration for one event, with its queueing hint. */
export interface QueueingHintEntry {
  readonly plugin: string;
  readonly event: ClusterEventWithHint['event'];
  readonly hint?: ClusterEventWithHint['hint'];
}

export interface SchedulingQueueOptions {
  readonly clock?: Clock;
  /** The QueueSort plugin's order. */
  readonly less: (a: QueuedPodInfo, b: QueuedPodInfo) => boolean;
  /** Runs the pod's profile's PreEnqueue plugins: null to admit, else the blocking status. */
  readonly preEnqueue?: (pod: PodInfo) => Status | null;
  /** The queueing hints of the pod's profile. */
  readonly queueingHints?: (schedulerName: string) => readonly QueueingHintEntry[];
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
  readonly podMaxInUnschedulablePodsDurationMs?: number;
  /** The nominator to keep (default: a new one without a pod lister). */
  readonly nominator?: Nominator;
}

type Destination = 'activeQ' | 'backoffQ' | 'unschedulablePods';
type Strategy = 'skip' | 'afterBackoff' | 'immediately';

export class SchedulingQueue {
  readonly nominator: Nominator;
  readonly #clock: Clock;
  readonly #activeQ: KeyedHeap<QueuedPodInfo>;
  readonly #backoffQ: KeyedHeap<QueuedPodInfo>;
  readonly #unschedulable = new Map<string, QueuedPodInfo>();
  readonly #preEnqueue: (pod: PodInfo) => Status | null;
  readonly #hints: (schedulerName: string) => readonly QueueingHintEntry[];
  readonly #initialBackoff: number;
  readonly #maxBackoff: number;
  readonly #maxInUnschedulable: number;
  #schedulingCycle = 0;
  #moveRequestCycle = -1;
  #waiters: (() => void)[] = [];
  readonly #timers = new Map<string, Timer>();
  #closed = false;

  constructor(opts: SchedulingQueueOptions) {
    this.#clock = opts.clock ?? realClock;
    this.#activeQ = new KeyedHeap((p) => p.key, opts.less);
    this.#backoffQ = new KeyedHeap(
      (p) => p.key,
      (a, b) => this.#backoffTime(a) < this.#backoffTime(b),
    );
    this.#preEnqueue = opts.preEnqueue ?? (() => null);
    this.#hints = opts.queueingHints ?? (() => []);
    this.#initialBackoff = opts.podInitialBackoffMs ?? DEFAULT_POD_INITIAL_BACKOFF_MS;
    this.#maxBackoff = opts.podMaxBackoffMs ?? DEFAULT_POD_MAX_BACKOFF_MS;
    this.#maxInUnschedulable = opts.podMaxInUnschedulablePodsDurationMs ?? DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION_MS;
    this.nominator = opts.nominator ?? new Nominator();
  }

  /** Starts the periodic flushes; they stop when signal aborts. */
  run(signal: AbortSignal): void {
    const every = (name: string, ms: number, fn: () => void): void => {
      const arm = (): void => {
        if (signal.aborted || this.#closed) return;
        this.#timers.set(
          name,
          this.#clock.setTimer(() => {
            fn();
            arm();
          }, ms),
        );
      };
      arm();
    };
    every('backoff', BACKOFF_FLUSH_PERIOD_MS, () => this.flushBackoffQCompleted());
    every('unschedulable', UNSCHEDULABLE_FLUSH_PERIOD_MS, () => this.flushUnschedulablePodsLeftover());
    signal.addEventListener('abort', () => this.close(), { once: true });
  }

  close(): void {
    this.#closed = true;
    for (const t of this.#timers.values()) t.cancel();
    this.#timers.clear();
    this.#wake();
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Counts of pods in each part of the queue. */
  pendingCounts(): { active: number; backoff: number; unschedulable: number } {
    return { active: this.#activeQ.size, backoff: this.#backoffQ.size, unschedulable: this.#unschedulable.size };
  }

  /** Every queued pod (for debugging and tests). */
  pendingPods(): QueuedPodInfo[] {
    return [...this.#activeQ.list(), ...this.#backoffQ.list(), ...this.#unschedulable.values()];
  }

  schedulingCycle(): number {
    return this.#schedulingCycle;
  }

  newQueuedPodInfo(pod: Pod | PodInfo): QueuedPodInfo {
    return new QueuedPodInfo(pod instanceof PodInfo ? pod : new PodInfo(pod), this.#clock.now());
  }

  // ---- informer-driven changes ----

  add(pod: Pod): void {
    const key = podKeyOf(pod);
    if (this.#activeQ.has(key) || this.#backoffQ.has(key) || this.#unschedulable.has(key)) {
      this.update(undefined, pod);
      return;
    }
    const p = this.newQueuedPodInfo(pod);
    if (this.#moveToActiveQ(p)) {
      this.nominator.addNominatedPod(p.podInfo);
      this.#wake();
    }
  }

  update(oldPod: Pod | undefined, newPod: Pod): void {
    const key = podKeyOf(newPod);
    const inActive = this.#activeQ.get(key);
    if (inActive) {
      this.#refresh(inActive, oldPod, newPod);
      this.#activeQ.addOrUpdate(inActive);
      return;
    }
    const inBackoff = this.#backoffQ.get(key);
    if (inBackoff) {
      this.#refresh(inBackoff, oldPod, newPod);
      this.#backoffQ.addOrUpdate(inBackoff);
      return;
    }
    const parked = this.#unschedulable.get(key);
    if (parked) {
      this.#refresh(parked, oldPod, newPod);
      if (!oldPod || isPodUpdated(oldPod, newPod)) {
        this.#unschedulable.delete(key);
        if (this.#isBackingOff(parked)) this.#backoffQ.addOrUpdate(parked);
        else if (this.#moveToActiveQ(parked)) this.#wake();
      }
      return;
    }
    // Not queued (never seen, or handed back after a failure that did not requeue it).
    const p = this.newQueuedPodInfo(newPod);
    this.nominator.updateNominatedPod(oldPod ?? newPod, p.podInfo);
    if (this.#moveToActiveQ(p)) this.#wake();
  }

  /** A queued pod's new version: a new PodInfo, and the nomination follows it. */
  #refresh(p: QueuedPodInfo, oldPod: Pod | undefined, newPod: Pod): void {
    const old = oldPod ?? p.pod;
    p.podInfo = new PodInfo(newPod);
    this.nominator.updateNominatedPod(old, p.podInfo);
  }

  delete(pod: Pod): void {
    const key = podKeyOf(pod);
    this.#activeQ.delete(key);
    this.#backoffQ.delete(key);
    this.#unschedulable.delete(key);
    this.nominator.deleteNominatedPodIfExists(pod);
  }

  // ---- nominations ----

  /** Records (or, with an override to '', clears) the pod's nomination; no nominating info
   *  keeps what the pod's status says. */
  addNominatedPod(pi: PodInfo, nominating?: NominatingInfo): void {
    this.nominator.addNominatedPod(pi, nominating);
  }

  deleteNominatedPodIfExists(pod: Pod): void {
    this.nominator.deleteNominatedPodIfExists(pod);
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.nominator.nominatedPodsForNode(nodeName);
  }

  /** Moves pods (e.g. named by a plugin) from wherever they wait straight to activeQ. */
  activate(pods: readonly Pod[]): void {
    let woke = false;
    for (const pod of pods) {
      const key = podKeyOf(pod);
      const p = this.#unschedulable.get(key) ?? this.#backoffQ.get(key);
      if (!p) continue;
      this.#unschedulable.delete(key);
      this.#backoffQ.delete(key);
      woke = this.#moveToActiveQ(p) || woke;
    }
    if (woke) this.#wake();
  }

  // ---- the scheduling loop's side ----

  /** The best pod of activeQ, or undefined; counts an attempt. */
  pop(): QueuedPodInfo | undefined {
    const p = this.#activeQ.pop();
    if (!p) return undefined;
    p.attempts++;
    // This attempt decides anew which plugins reject the pod.
    p.unschedulablePlugins = new Set();
    p.pendingPlugins = new Set();
    this.#schedulingCycle++;
    p.popCycle = this.#schedulingCycle;
    p.initialAttemptTimestamp ??= this.#clock.now();
    return p;
  }

  get activeCount(): number {
    return this.#activeQ.size;
  }

  /** Resolves once activeQ holds a pod, the queue closes, or signal aborts. */
  waitForPods(signal?: AbortSignal): Promise<void> {
    if (this.#activeQ.size > 0 || this.#closed || signal?.aborted) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        signal?.removeEventListener('abort', done);
        resolve();
      };
      this.#waiters.push(done);
      signal?.addEventListener('abort', done, { once: true });
    });
  }

  /** Takes back a pod whose attempt (popped at podSchedulingCycle) failed. */
  addUnschedulableIfNotPresent(p: QueuedPodInfo, podSchedulingCycle: number): void {
    const key = p.key;
    if (this.#unschedulable.has(key) || this.#activeQ.has(key) || this.#backoffQ.has(key)) return;
    p.timestamp = this.#clock.now();
    const rejected = p.unschedulablePlugins.size > 0 || p.pendingPlugins.size > 0;
    let strategy: Strategy;
    if (!rejected) strategy = 'afterBackoff';
    else if (this.#moveRequestCycle >= podSchedulingCycle) strategy = 'afterBackoff';
    else strategy = 'skip';
    this.#requeue(p, strategy);
  }

  // ---- cluster events ----

  moveAllToActiveOrBackoffQueue(event: ClusterEvent, oldObj?: unknown, newObj?: unknown, preCheck?: (pod: Pod) => boolean): void {
    if (this.#unschedulable.size > 0) {
      const candidates: QueuedPodInfo[] = [];
      for (const p of this.#unschedulable.values()) if (!preCheck || preCheck(p.pod)) candidates.push(p);
      this.#movePods(candidates, event, oldObj, newObj);
    }
    this.#moveRequestCycle = this.#schedulingCycle;
  }

  /** A pod was bound: only pods a pod can help are candidates — those with pod affinity
   *  terms, and those topology spread rejected in the same namespace (a pod event cannot
   *  make a pod fit a node's own requirements). */
  assignedPodAdded(pod: Pod): void {
    this.#movePodsWithCrossTopologyTerm(EVENTS.AssignedPodAdd, undefined, pod);
  }

  /** A bound pod changed: once per kind of change (podUpdateEvents), so a status write only
   *  reaches plugins that registered every kind of pod update. */
  assignedPodUpdated(oldPod: Pod, newPod: Pod): void {
    if (this.#unschedulable.size === 0) return;
    for (const event of podUpdateEvents(oldPod, newPod)) this.#movePodsWithCrossTopologyTerm(event, oldPod, newPod);
  }

  #movePodsWithCrossTopologyTerm(event: ClusterEvent, oldObj: Pod | undefined, newObj: Pod): void {
    if (this.#unschedulable.size === 0) return;
    const namespace = newObj.metadata.namespace ?? '';
    const candidates: QueuedPodInfo[] = [];
    for (const p of this.#unschedulable.values()) {
      if (p.podInfo.hasAffinity || (p.unschedulablePlugins.has(Names.PodTopologySpread) && p.podInfo.namespace === namespace)) candidates.push(p);
    }
    if (candidates.length > 0) this.#movePods(candidates, event, oldObj, newObj);
  }

  /** Moves pods whose backoff has expired to activeQ. */
  flushBackoffQCompleted(): void {
    const now = this.#clock.now();
    let woke = false;
    for (let p = this.#backoffQ.peek(); p && this.#backoffTime(p) <= now; p = this.#backoffQ.peek()) {
      this.#backoffQ.pop();
      woke = this.#moveToActiveQ(p) || woke;
    }
    if (woke) this.#wake();
  }

  /** Retries pods parked longer than podMaxInUnschedulablePodsDuration. */
  flushUnschedulablePodsLeftover(): void {
    const now = this.#clock.now();
    const stale: QueuedPodInfo[] = [];
    for (const p of this.#unschedulable.values()) if (now - p.timestamp > this.#maxInUnschedulable) stale.push(p);
    if (stale.length > 0) this.#movePods(stale, EVENTS.UnschedulableTimeout, undefined, undefined);
  }

  // ---- internals ----

  #movePods(pods: readonly QueuedPodInfo[], event: ClusterEvent, oldObj: unknown, newObj: unknown): void {
    let woke = false;
    for (const p of pods) {
      // Gated pods wait for their own update, never for cluster events.
      if (p.gated) continue;
      const strategy = this.#worthRequeuing(p, event, oldObj, newObj);
      if (strategy === 'skip') continue;
      this.#unschedulable.delete(p.key);
      woke = this.#requeue(p, strategy) === 'activeQ' || woke;
    }
    if (woke) this.#wake();
  }

  #worthRequeuing(p: QueuedPodInfo, event: ClusterEvent, oldObj: unknown, newObj: unknown): Strategy {
    const rejectors = p.unschedulablePlugins;
    const pending = p.pendingPlugins;
    if (rejectors.size === 0 && pending.size === 0) return 'afterBackoff';
    if (isWildCard(event)) return 'afterBackoff';
    let strategy: Strategy = 'skip';
    for (const entry of this.#hints(p.pod.spec?.schedulerName ?? '')) {
      if (!rejectors.has(entry.plugin) && !pending.has(entry.plugin)) continue;
      if (!eventMatches(entry.event, event)) continue;
      let hint: QueueingHint = QueueingHint.Queue;
      if (entry.hint) {
        try {
          hint = entry.hint(p.pod, oldObj, newObj);
        } catch {
          // A failing hint must not strand the pod.
          hint = QueueingHint.Queue;
        }
      }
      if (hint === QueueingHint.QueueSkip) continue;
      if (pending.has(entry.plugin)) return 'immediately';
      if (pending.size === 0) return 'afterBackoff';
      strategy = 'afterBackoff';
    }
    return strategy;
  }

  #requeue(p: QueuedPodInfo, strategy: Strategy): Destination {
    if (strategy === 'skip') {
      this.#unschedulable.set(p.key, p);
      return 'unschedulablePods';
    }
    if (strategy === 'afterBackoff' && this.#isBackingOff(p)) {
      this.#backoffQ.addOrUpdate(p);
      return 'backoffQ';
    }
    return this.#moveToActiveQ(p) ? 'activeQ' : 'unschedulablePods';
  }

  /** Admits p to activeQ unless a PreEnqueue plugin holds it (then it is parked, gated). */
  #moveToActiveQ(p: QueuedPodInfo): boolean {
    const status = this.#preEnqueue(p.podInfo);
    if (status) {
      p.gated = true;
      p.unschedulablePlugins = new Set(status.plugin ? [status.plugin] : []);
      this.#unschedulable.set(p.key, p);
      return false;
    }
    p.gated = false;
    this.#unschedulable.delete(p.key);
    this.#backoffQ.delete(p.key);
    this.#activeQ.addOrUpdate(p);
    return true;
  }

  #backoffDuration(p: QueuedPodInfo): number {
    if (p.attempts === 0) return 0;
    let d = this.#initialBackoff;
    for (let i = 1; i < p.attempts; i++) {
      if (d > this.#maxBackoff - d) return this.#maxBackoff;
      d += d;
    }
    return d;
  }

  #backoffTime(p: QueuedPodInfo): number {
    return p.timestamp + this.#backoffDuration(p);
  }

  #isBackingOff(p: QueuedPodInfo): boolean {
    return this.#backoffTime(p) > this.#clock.now();
  }

  #wake(): void {
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    for (const w of waiters) w();
  }
}
