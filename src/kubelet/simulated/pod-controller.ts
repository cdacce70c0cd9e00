// SimulatedPodController plays the kubelet's pod workers and status manager for every node of
// a fleet at once: one pod informer (bound pods only: spec.nodeName!=) feeds one workqueue;
// sync(key) moves the pod one step along its timeline (pod-timeline.ts) and writes the status
// the kubelet would (pod-status.ts), then schedules itself for the timeline's next change.
//
// Contract:
//  - Event handlers only enqueue keys of pods bound to a node of the fleet.
//  - sync(key) is level-triggered: it reads the pod from the cache and derives everything from
//    it (status.startTime and status.podIP survive a restart of the fleet); it writes a status
//    only when it differs from the pod's and from what it last wrote.
//  - Status writes are updates of pods/status carrying the resourceVersion read (a write of the
//    pod meanwhile is a conflict, retried with backoff once the cache has caught up).
//  - A pod with a deletionTimestamp is stopped min(its grace period, podStopDelayMs) after
//    the deletion is first seen: its containers are marked terminated, then it is deleted
//    with gracePeriodSeconds 0 and its uid as precondition.
//  - Each pod holds a pod IP of its node's podCIDR (hostNetwork pods use the node's address)
//    until it is deleted or reaches a terminal phase. Before the workers start, the IPs of the
//    pods already running are claimed, so a restarted fleet never hands them out twice. A pod
//    for which no IP is left stays ContainerCreating, and is retried every second.
//  - Failed syncs are retried with per-key backoff.

import type { Pod } from '../../api/types/core-v1.js';
import type { Client } from '../../client/client.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { SharedInformerFactory } from '../../client/informer/factory.js';
import type { Lister } from '../../client/informer/lister.js';
import { CacheLister } from '../../client/informer/lister.js';
import type { SharedIndexInformer } from '../../client/informer/shared-informer.js';
import { metaNamespaceKeyFunc, splitMetaNamespaceKey, unwrapTombstone } from '../../client/informer/store.js';
import type { Clock } from '../../client/workqueue/clock.js';
import { ItemExponentialFailureRateLimiter } from '../../client/workqueue/rate-limiter.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import { deepEqual } from '../../api/strategy/deep-equal.js';
import { runWorkers } from '../../controllers/worker.js';
import { isConflict, isNotFound } from './api-errors.js';
import type { SimulatedFleetConfig } from './config.js';
import type { FleetNode } from './fleet-node.js';
import { podStatusAt } from './pod-status.js';
import { nextChange, podTimeline, type PodTimeline } from './pod-timeline.js';
import type { FleetStats } from './stats.js';

export const SIMULATED_KUBELET = 'simulated-kubelet';

/** Retry interval of a pod waiting for a free pod IP. */
const NO_IP_RETRY_MS = 1000;

export interface PodControllerDeps {
  readonly client: Client;
  readonly informers: SharedInformerFactory;
  /** The fleet's nodes by name. */
  readonly nodes: ReadonlyMap<string, FleetNode>;
  readonly config: SimulatedFleetConfig;
  readonly clock: Clock;
  readonly stats: FleetStats;
  readonly onError: (what: string, err: unknown) => void;
}

/** What the controller remembers of a pod it runs (by key; reset when the uid changes). */
interface PodState {
  readonly uid: string;
  readonly node: FleetNode;
  /** First seen (status.startTime). */
  readonly startTime: number;
  /** The pod IP held from the node's pool, or the node's address for hostNetwork pods. */
  ip: string | undefined;
  ownsIP: boolean;
  /** The status last written, and the resourceVersion the write made. */
  written?: { readonly json: string; readonly resourceVersion: string | undefined };
  /** When the deletion was first seen: the containers are told to stop. */
  stopRequestedAt?: number;
  deleteSent?: boolean;
}

export class SimulatedPodController {
  readonly name = SIMULATED_KUBELET;
  readonly #deps: PodControllerDeps;
  readonly #informer: SharedIndexInformer<Pod>;
  readonly #lister: Lister<Pod>;
  readonly #queue: RateLimitingQueue<string>;
  readonly #states = new Map<string, PodState>();

  constructor(deps: PodControllerDeps) {
    this.#deps = deps;
    // Per-pod backoff only: a kubelet's pod workers are independent, and the controllers'
    // overall 10 qps retry bucket would throttle the whole fleet to 10 status writes per
    // second whenever the cache lags behind (conflicts during a large rollout).
    this.#queue = new RateLimitingQueue<string>({ clock: deps.clock, rateLimiter: new ItemExponentialFailureRateLimiter<string>(5, 10_000) });
    this.#informer = deps.informers.informerFor<Pod>(builtinRef('', 'pods'), { fieldSelector: 'spec.nodeName!=' });
    this.#lister = new CacheLister<Pod>(this.#informer.getIndexer());
    this.#informer.addEventHandler({
      onAdd: (pod) => this.#enqueue(pod),
      onUpdate: (_old, pod) => this.#enqueue(pod),
      onDelete: (obj) => this.#enqueue(unwrapTombstone(obj)),
    });
  }

  /** Pods the controller currently runs (holding state), for tests and stats. */
  get running(): number {
    return this.#states.size;
  }

  /** Waits for the pod cache, claims the IPs of pods already running, and runs the workers
   *  until signal aborts. */
  async run(signal: AbortSignal): Promise<void> {
    if (!(await this.#informer.waitForSync(signal))) return;
    this.#adoptExisting();
    const onError = (_: string, err: unknown) => {
      if (isConflict(err)) {
        this.#deps.stats.conflicts++;
        return;
      }
      this.#deps.stats.failures++;
      this.#deps.onError('pod sync', err);
    };
    await runWorkers(this.#queue, { name: SIMULATED_KUBELET, workers: this.#deps.config.podWorkers, sync: (key) => this.sync(key), onError }, signal);
  }

  #enqueue(pod: Pod): void {
    if (this.#deps.nodes.has(pod.spec?.nodeName ?? '')) this.#queue.add(metaNamespaceKeyFunc(pod));
  }

  #adoptExisting(): void {
    for (const pod of this.#lister.list()) {
      const node = this.#deps.nodes.get(pod.spec?.nodeName ?? '');
      if (node && !isTerminal(pod)) this.#adopt(metaNamespaceKeyFunc(pod), pod, node);
    }
  }

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitMetaNamespaceKey(key);
    const pod = this.#lister.get(namespace, name);
    let state = this.#states.get(key);
    if (state && (!pod || pod.metadata.uid !== state.uid)) {
      this.#forget(key, state);
      state = undefined;
    }
    const node = pod && this.#deps.nodes.get(pod.spec?.nodeName ?? '');
    if (!pod || !node) return;
    if (pod.metadata.deletionTimestamp) return this.#syncDeletion(key, pod, state ?? this.#adopt(key, pod, node));
    if (isTerminal(pod)) {
      if (state) this.#releaseIP(state);
      return;
    }
    await this.#syncLive(key, pod, state ?? this.#adopt(key, pod, node));
  }

  /** A pod that is not being deleted: write its status for now, wake up at its next change. */
  async #syncLive(key: string, pod: Pod, state: PodState): Promise<void> {
    if (!state.ip) this.#assignIP(pod, state);
    const now = this.#deps.clock.now();
    const timeline = this.#timeline(pod, state);
    const status = podStatusAt(pod, timeline, now, { hostIP: state.node.hostIP, podIP: state.ip });
    await this.#writeStatus(pod, state, status);
    if (status.phase === 'Succeeded' || status.phase === 'Failed') {
      this.#releaseIP(state);
      return;
    }
    const next = state.ip ? nextChange(timeline, now) : now + NO_IP_RETRY_MS;
    if (next !== undefined) this.#queue.addAfter(key, next - now);
  }

  /** The pod's timeline; a pod without an IP (its node's range is full) never starts. */
  #timeline(pod: Pod, state: PodState): PodTimeline {
    return podTimeline(pod, { startTime: state.startTime, podStartDelayMs: state.ip ? this.#deps.config.podStartDelayMs : Infinity });
  }

  /** A pod being deleted: stop it once its stop time has come, then delete it for good. */
  async #syncDeletion(key: string, pod: Pod, state: PodState): Promise<void> {
    const graceMs = Math.max(0, pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000;
    const now = this.#deps.clock.now();
    state.stopRequestedAt ??= now;
    const stopAt = state.stopRequestedAt + Math.min(graceMs, this.#deps.config.podStopDelayMs);
    if (now < stopAt) {
      this.#queue.addAfter(key, stopAt - now);
      return;
    }
    if (state.deleteSent) return;
    if (!isTerminal(pod)) {
      const status = podStatusAt(pod, this.#timeline(pod, state), stopAt, { hostIP: state.node.hostIP, podIP: state.ip }, stopAt);
      if (!(await this.#writeStatus(pod, state, status))) return;
    }
    this.#releaseIP(state);
    try {
      await this.#deps.client.core.pods(pod.metadata.namespace).delete(pod.metadata.name!, { gracePeriodSeconds: 0, preconditions: { uid: state.uid } });
      this.#deps.stats.podDeletes++;
    } catch (err) {
      // Gone already, or replaced by a pod of the same name (the uid precondition failed).
      if (!isNotFound(err) && !isConflict(err)) throw err;
    }
    state.deleteSent = true;
  }

  /** Writes pods/status unless the pod has it already; false if the pod is gone. A status
   *  the server stored in another form than sent counts as had (no write loop). A conflict
   *  (the cache was behind) is thrown, and retried with backoff. */
  async #writeStatus(pod: Pod, state: PodState, status: NonNullable<Pod['status']>): Promise<boolean> {
    if (deepEqual(pod.status, status)) return true;
    const json = JSON.stringify(status);
    if (state.written?.json === json && state.written.resourceVersion === pod.metadata.resourceVersion) return true;
    let written: Pod;
    try {
      written = await this.#deps.client.core.pods(pod.metadata.namespace).updateStatus({ ...pod, status });
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
    this.#deps.stats.podStatusWrites++;
    state.written = { json, resourceVersion: written.metadata.resourceVersion };
    return true;
  }

  #adopt(key: string, pod: Pod, node: FleetNode): PodState {
    const recorded = pod.status?.startTime ? Date.parse(pod.status.startTime) : NaN;
    const state: PodState = {
      uid: pod.metadata.uid ?? '',
      node,
      startTime: Number.isNaN(recorded) ? this.#deps.clock.now() : recorded,
      ip: undefined,
      ownsIP: false,
    };
    this.#states.set(key, state);
    if (!isTerminal(pod)) this.#assignIP(pod, state);
    return state;
  }

  /** The node's address for hostNetwork pods; else the IP the pod has (when still free in
   *  the node's pool), else a new one. */
  #assignIP(pod: Pod, state: PodState): void {
    if (pod.spec?.hostNetwork) {
      state.ip = state.node.hostIP;
      return;
    }
    const pool = state.node.pool;
    const existing = pod.status?.podIP;
    const ip = existing && pool.claim(existing) ? existing : pool.allocate();
    state.ip = ip;
    state.ownsIP = ip !== undefined;
  }

  #releaseIP(state: PodState): void {
    if (state.ownsIP && state.ip) state.node.pool.release(state.ip);
    state.ownsIP = false;
  }

  #forget(key: string, state: PodState): void {
    this.#releaseIP(state);
    this.#states.delete(key);
  }
}

function isTerminal(pod: Pod): boolean {
  const phase = pod.status?.phase;
  return phase === 'Succeeded' || phase === 'Failed';
}
