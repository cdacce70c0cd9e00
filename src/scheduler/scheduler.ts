// Scheduler: places every pending pod whose schedulerName names one of its profiles on a
// node, as kube-scheduler 1.32 does (pkg/scheduler: scheduler.go, schedule_one.go).
//
//   informers (pods, nodes; claims, volumes, classes when a plugin waits on them) ->
//   event handlers -> cache (+ assumed pods) and queue
//   loop: pop -> scheduling cycle (snapshot, PreFilter/Filter/Score: schedule-pod.ts,
//         assume, Reserve, Permit) -> binding cycle started, not awaited -> next pod
//   binding cycle: wait at Permit -> PreBind -> Bind (POST pods/NAME/binding) -> Scheduled
//         event; on failure: Unreserve, forget the assumed pod, retry after backoff
//   failure: PostFilter plugins (preemption) when no node fits, then PodScheduled=False
//         (reason Unschedulable or SchedulerError, the FitError message) and the pod's
//         status.nominatedNodeName in one pods/status patch, a FailedScheduling Warning
//         event, and the pod back to the queue (parked until an event may help, or backing
//         off).
//
// Contract:
//  - Construction wires informers (from the given factory) and handlers and makes the
//    profiles' plugins; it makes no request. The caller starts the factory.
//  - run(signal) waits for the informers' first lists, then schedules until signal aborts,
//    then waits for the bindings under way. Scheduling cycles are synchronous; the loop runs
//    them back to back for up to batchMs and then yields to the event loop, so informer
//    events and API answers are never starved.
//  - scheduleOne() runs one cycle for the best queued pod (tests drive it directly).
//  - JavaScript runs one cycle at a time, so the snapshot cannot change under a cycle and
//    the filters run in one loop over the nodes (no parallelism, no locks).
//  - Nominations (schedule_one.go): a PostFilter result naming a node nominates the pod
//    there (the queue's nominator at once, status.nominatedNodeName with the failure's
//    status patch); a result naming '' clears the nomination, as do errors and a node
//    chosen and then given up (Reserve, Permit, binding failures); no result keeps it.
//    Assuming the pod on a node ends its nomination. The preemptor then waits in the queue
//    like any pod NodeResourcesFit & co. rejected: its victims' deletion moves it.

import { performance } from 'node:perf_hooks';
import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, PodCondition } from '../api/types/core-v1.js';
import type { StorageClass } from '../api/types/storage-v1.js';
import { builtinRef } from '../client/builtin-resources.js';
import type { Client } from '../client/client.js';
import type { EventRecorder } from '../client/events/recorder.js';
import { waitForCacheSync, type SharedInformerFactory } from '../client/informer/factory.js';
import type { SharedIndexInformer } from '../client/informer/shared-informer.js';
import { realClock, type Clock, type Timer } from '../client/workqueue/clock.js';
import { SchedulerCache } from './cache/cache.js';
import { Snapshot } from './cache/snapshot.js';
import { registerEventHandlers, registerStorageEventHandlers, type StorageEventInformers } from './event-handlers.js';
import { EVENTS } from './framework/events.js';
import { Diagnosis, FitError } from './framework/fit-error.js';
import { Framework } from './framework/framework.js';
import type { CycleState } from './framework/cycle-state.js';
import { PodInfo, type QueuedPodInfo } from './framework/pod-info.js';
import { defaultProfile, type SchedulerProfile } from './framework/profile.js';
import { Code, Status } from './framework/status.js';
import { inTreeRegistry, type Registry } from './plugins/registry.js';
import { CLEAR_NOMINATED_NODE, Nominator, type NominatingInfo } from './queue/nominator.js';
import { SchedulingQueue, type QueueingHintEntry } from './queue/scheduling-queue.js';
import { NoNodesAvailableError, PodPlacer, SchedulingError, type ScheduleResult } from './schedule-pod.js';

/** Event notes longer than this are cut (core validation NoteLengthLimit). */
export const NOTE_LENGTH_LIMIT = 1024;

export const POD_SCHEDULED = 'PodScheduled';
export const REASON_UNSCHEDULABLE = 'Unschedulable';
export const REASON_SCHEDULER_ERROR = 'SchedulerError';

/** Terminal pods hold nothing on their node: the pod informer leaves them out. */
export const POD_FIELD_SELECTOR = 'status.phase!=Succeeded,status.phase!=Failed';

export interface SchedulerOptions {
  readonly client: Client;
  /** The scheduler's informer factory; it adds the pod and node informers to it. */
  readonly informers: SharedInformerFactory;
  /** The event recorder of a profile (kube-scheduler reports as the profile's name). */
  readonly recorder: (schedulerName: string) => EventRecorder;
  readonly clock?: Clock;
  /** Default: one profile, default-scheduler, with kube-scheduler's default plugins. */
  readonly profiles?: readonly SchedulerProfile[];
  readonly registry?: Registry;
  /** Global percentageOfNodesToScore (0: adaptive). */
  readonly percentageOfNodesToScore?: number;
  readonly podInitialBackoffMs?: number;
  readonly podMaxBackoffMs?: number;
  readonly podMaxInUnschedulablePodsDurationMs?: number;
  /** Expire assumed pods this long after their binding finished (0: never, as 1.32). */
  readonly assumedPodTtlMs?: number;
  /** How long the loop runs cycles before yielding to the event loop (default 10 ms). */
  readonly batchMs?: number;
  readonly random?: () => number;
  readonly onError?: (err: unknown) => void;
}

export function truncateMessage(message: string): string {
  if (message.length <= NOTE_LENGTH_LIMIT) return message;
  const suffix = ' ...';
  return message.slice(0, NOTE_LENGTH_LIMIT - suffix.length) + suffix;
}

/** A scheduling attempt's failure, and what it means for the pod's nomination. */
interface CycleFailure {
  readonly status: Status;
  /** Undefined: leave the nomination as it is. */
  readonly nominating?: NominatingInfo;
}

/** What a PostFilter result says about the nomination (PostFilterResult.NominatingInfo). */
function nominatingOf(result: { readonly nominatedNodeName?: string } | null): NominatingInfo | undefined {
  if (result === null || result.nominatedNodeName === undefined) return undefined;
  return { mode: 'override', nominatedNodeName: result.nominatedNodeName };
}

/** Informers only for the storage resources some profile's plugins registered events on
 *  (kube-scheduler adds handlers per registered resource, too): without volume plugins, no
 *  list or watch of them. The plugins share them through the factory. */
function storageInformersFor(informers: SharedInformerFactory, hints: ReadonlyMap<string, readonly QueueingHintEntry[]>): StorageEventInformers {
  const resources = new Set<string>();
  for (const entries of hints.values()) for (const e of entries) resources.add(e.event.resource);
  return {
    ...(resources.has('PersistentVolumeClaim') ? { claims: informers.informerFor<PersistentVolumeClaim>(builtinRef('', 'persistentvolumeclaims')) } : {}),
    ...(resources.has('PersistentVolume') ? { volumes: informers.informerFor<PersistentVolume>(builtinRef('', 'persistentvolumes')) } : {}),
    ...(resources.has('StorageClass') ? { classes: informers.informerFor<StorageClass>(builtinRef('storage.k8s.io', 'storageclasses')) } : {}),
  };
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class Scheduler {
  readonly cache: SchedulerCache;
  readonly queue: SchedulingQueue;
  readonly snapshot = new Snapshot();
  readonly profiles: ReadonlyMap<string, Framework>;
  readonly podInformer: SharedIndexInformer<Pod>;
  readonly nodeInformer: SharedIndexInformer<Node>;
  readonly #client: Client;
  readonly #clock: Clock;
  readonly #placer: PodPlacer;
  readonly #batchMs: number;
  readonly #onError: (err: unknown) => void;
  readonly #bindings = new Set<Promise<void>>();
  readonly #ttl: number;
  /** Whether the storage informers the plugins' events need have their first lists. */
  readonly #storageSynced: (() => boolean)[];
  /** Counters for benchmarks and tests: cycles run and the time spent in them (ms), pods
   *  placed and bound, failed attempts, failed bindings. */
  readonly stats = { cycles: 0, schedulingMs: 0, scheduled: 0, bound: 0, failedAttempts: 0, bindErrors: 0 };

  constructor(opts: SchedulerOptions) {
    this.#client = opts.client;
    this.#clock = opts.clock ?? realClock;
    this.#batchMs = opts.batchMs ?? 10;
    this.#ttl = opts.assumedPodTtlMs ?? 0;
    this.#onError = opts.onError ?? ((err) => console.error('kite scheduler:', err instanceof Error ? err.message : err));
    this.#placer = new PodPlacer({ percentageOfNodesToScore: opts.percentageOfNodesToScore, random: opts.random });
    const registry = opts.registry ?? inTreeRegistry();
    // The pod informer is made below; the nominator asks it only once events flow.
    const nominator = new Nominator({ podLister: (ns, name) => this.podInformer.getStore().getByKey(`${ns}/${name}`) });
    const profiles = new Map<string, Framework>();
    for (const profile of opts.profiles ?? [defaultProfile()]) {
      if (profiles.has(profile.schedulerName)) throw new Error(`duplicate profile with scheduler name "${profile.schedulerName}"`);
      profiles.set(
        profile.schedulerName,
        new Framework({
          profile,
          registry,
          client: opts.client,
          recorder: opts.recorder(profile.schedulerName),
          clock: this.#clock,
          informers: opts.informers,
          snapshot: () => this.snapshot,
          nominator,
          activate: (pods) => this.queue.activate(pods),
        }),
      );
    }
    if (profiles.size === 0) throw new Error('at least one profile is required');
    this.profiles = profiles;
    const first = [...profiles.values()][0]!;
    for (const fwk of profiles.values()) {
      if (fwk.queueSort.name !== first.queueSort.name) throw new Error('all profiles must use the same queue sort plugin');
    }

    const hints = new Map<string, QueueingHintEntry[]>();
    for (const [name, fwk] of profiles) {
      hints.set(
        name,
        fwk.queueingHints().map((h) => ({ plugin: h.plugin, event: h.registration.event, hint: h.registration.hint })),
      );
    }
    this.cache = new SchedulerCache({ clock: this.#clock, assumedPodTtlMs: opts.assumedPodTtlMs });
    this.queue = new SchedulingQueue({
      clock: this.#clock,
      less: (a, b) => first.queueSort.less(a, b),
      preEnqueue: (pod) => profiles.get(pod.pod.spec?.schedulerName ?? '')?.runPreEnqueuePlugins(pod) ?? null,
      queueingHints: (name) => hints.get(name) ?? [],
      podInitialBackoffMs: opts.podInitialBackoffMs,
      podMaxBackoffMs: opts.podMaxBackoffMs,
      podMaxInUnschedulablePodsDurationMs: opts.podMaxInUnschedulablePodsDurationMs,
      nominator,
    });

    this.podInformer = opts.informers.informerFor<Pod>(builtinRef('', 'pods'), { fieldSelector: POD_FIELD_SELECTOR });
    this.nodeInformer = opts.informers.informerFor<Node>(builtinRef('', 'nodes'));
    registerEventHandlers({ cache: this.cache, queue: this.queue, profiles, onError: (err) => this.#onError(err) }, this.podInformer, this.nodeInformer);
    const storage = storageInformersFor(opts.informers, hints);
    registerStorageEventHandlers(this.queue, storage);
    this.#storageSynced = Object.values(storage).map((inf: SharedIndexInformer<unknown>) => () => inf.hasSynced());
  }

  /** Bindings started and not yet finished. */
  get bindingsInFlight(): number {
    return this.#bindings.size;
  }

  /** Resolves when every binding started so far has finished. */
  async waitForBindings(): Promise<void> {
    while (this.#bindings.size > 0) await Promise.all([...this.#bindings]);
  }

  async run(signal: AbortSignal): Promise<void> {
    const synced = await waitForCacheSync(signal, [() => this.podInformer.hasSynced(), () => this.nodeInformer.hasSynced(), ...this.#storageSynced], this.#clock);
    if (!synced || signal.aborted) return;
    this.queue.run(signal);
    let cleanup: Timer | undefined;
    if (this.#ttl > 0) {
      const arm = (): void => {
        cleanup = this.#clock.setTimer(() => {
          this.#cleanupAssumedPods();
          if (!signal.aborted) arm();
        }, 1_000);
      };
      arm();
    }
    try {
      while (!signal.aborted) {
        await this.queue.waitForPods(signal);
        if (signal.aborted) break;
        const begin = performance.now();
        const deadline = begin + this.#batchMs;
        let now = begin;
        while (!signal.aborted && this.scheduleOne()) {
          this.stats.cycles++;
          now = performance.now();
          // Cycles back to back until the batch's time is up.
          if (now >= deadline) break;
        }
        this.stats.schedulingMs += now - begin;
        await yieldToEventLoop();
      }
    } finally {
      cleanup?.cancel();
      this.queue.close();
      await this.waitForBindings();
    }
  }

  #cleanupAssumedPods(): void {
    const expired = this.cache.cleanupAssumedPods();
    if (expired.length > 0) this.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete);
  }

  /** One scheduling cycle for the best queued pod; false when the queue is empty. */
  scheduleOne(): boolean {
    const qpi = this.queue.pop();
    if (!qpi) return false;
    const pod = qpi.podInfo;
    const fwk = this.profiles.get(pod.pod.spec?.schedulerName ?? '');
    if (!fwk) return true;
    if (pod.pod.metadata.deletionTimestamp) {
      fwk.recorder.event(pod.pod, 'Warning', 'FailedScheduling', `skip schedule deleting pod: ${pod.namespace}/${pod.name}`);
      return true;
    }
    // Re-queued by an update while assumed: the binding cycle owns it.
    if (this.cache.isAssumedPod(pod.pod)) return true;

    const start = this.#clock.now();
    const state = fwk.newCycleState();
    const outcome = this.#schedulingCycle(state, fwk, qpi);
    if ('status' in outcome) {
      this.#handleSchedulingFailure(fwk, qpi, outcome, start);
      return true;
    }
    this.stats.scheduled++;
    const binding = this.#bindingCycle(state, fwk, qpi, outcome.assumed, outcome.result, start).catch((err: unknown) => this.#onError(err));
    this.#bindings.add(binding);
    void binding.finally(() => this.#bindings.delete(binding));
    return true;
  }

  #schedulingCycle(state: CycleState, fwk: Framework, qpi: QueuedPodInfo): CycleFailure | { assumed: PodInfo; result: ScheduleResult } {
    const pod = qpi.podInfo;
    let result: ScheduleResult;
    try {
      this.cache.updateSnapshot(this.snapshot);
      result = this.#placer.schedulePod(fwk, state, pod, this.snapshot);
    } catch (err) {
      return this.#placementFailure(state, fwk, pod, err);
    }

    // Count the pod on its node from now on, so the next cycle sees the room it takes.
    const assumed = pod.withNodeName(result.suggestedHost);
    try {
      this.cache.assumePod(assumed);
    } catch (err) {
      return { status: Status.error(err), nominating: CLEAR_NOMINATED_NODE };
    }
    // Placed: whatever node it was nominated to, it no longer holds room there.
    this.queue.deleteNominatedPodIfExists(assumed.pod);
    const host = result.suggestedHost;
    const reserve = fwk.runReservePluginsReserve(state, assumed, host);
    if (reserve !== null) {
      fwk.runReservePluginsUnreserve(state, assumed, host);
      this.#forget(assumed);
      return { status: reserve.isRejected() ? this.#singleNodeFitError(pod, host, reserve) : reserve, nominating: CLEAR_NOMINATED_NODE };
    }
    const permit = fwk.runPermitPlugins(state, assumed, host);
    if (permit !== null && !permit.isWait()) {
      fwk.runReservePluginsUnreserve(state, assumed, host);
      this.#forget(assumed);
      return { status: permit.isRejected() ? this.#singleNodeFitError(pod, host, permit) : permit, nominating: CLEAR_NOMINATED_NODE };
    }
    return { assumed, result };
  }

  /** No node was chosen: on a FitError the PostFilter plugins (preemption) may make room
   *  and nominate a node; their message joins the FitError's. */
  #placementFailure(state: CycleState, fwk: Framework, pod: PodInfo, err: unknown): CycleFailure {
    if (err instanceof NoNodesAvailableError) return { status: new Status(Code.UnschedulableAndUnresolvable, [err.message], err), nominating: CLEAR_NOMINATED_NODE };
    if (err instanceof SchedulingError) return { status: err.status, nominating: CLEAR_NOMINATED_NODE };
    if (!(err instanceof FitError)) return { status: Status.error(err), nominating: CLEAR_NOMINATED_NODE };
    if (!fwk.hasPostFilterPlugins()) return { status: new Status(Code.Unschedulable, [err.describe()], err) };
    const { result, status } = fwk.runPostFilterPlugins(state, pod, err.diagnosis.nodeToStatus);
    if (status.code === Code.Error) this.#onError(new Error(`PostFilter for pod ${pod.namespace}/${pod.name}: ${status.message()}`));
    err.diagnosis.postFilterMsg = status.message();
    return { status: new Status(Code.Unschedulable, [err.describe()], err), nominating: nominatingOf(result) };
  }

  /** A rejection after a node was chosen, reported as a fit error on that one node. */
  #singleNodeFitError(pod: PodInfo, host: string, s: Status): Status {
    const err = new FitError(pod.name, 1, new Diagnosis());
    err.diagnosis.nodeToStatus.set(host, s);
    err.diagnosis.addPluginStatus(s);
    return new Status(s.code, [err.describe()], err);
  }

  #forget(assumed: PodInfo): void {
    try {
      this.cache.forgetPod(assumed);
    } catch (err) {
      this.#onError(err);
    }
  }

  async #bindingCycle(state: CycleState, fwk: Framework, qpi: QueuedPodInfo, assumed: PodInfo, result: ScheduleResult, start: number): Promise<void> {
    const host = result.suggestedHost;
    let status: Status | null = null;
    if (fwk.isWaiting(assumed)) {
      status = await fwk.waitOnPermit(assumed);
      if (status !== null && status.isRejected()) status = this.#singleNodeFitError(assumed, host, status);
    }
    if (status === null) status = await fwk.runPreBindPlugins(state, assumed, host);
    if (status === null) {
      status = await fwk.runBindPlugins(state, assumed, host);
      this.cache.finishBinding(assumed);
    }
    if (status === null) {
      this.stats.bound++;
      fwk.recorder.event(assumed.pod, 'Normal', 'Scheduled', `Successfully assigned ${assumed.namespace}/${assumed.name} to ${host}`);
      fwk.runPostBindPlugins(state, assumed, host);
      return;
    }
    // The binding failed: release what the pod held, let others use it, retry the pod.
    this.stats.bindErrors++;
    fwk.runReservePluginsUnreserve(state, assumed, host);
    this.#forget(assumed);
    this.queue.moveAllToActiveOrBackoffQueue(EVENTS.AssignedPodDelete, assumed.pod, undefined, (p) => p.metadata.uid !== assumed.pod.metadata.uid);
    this.#handleSchedulingFailure(fwk, qpi, { status, nominating: CLEAR_NOMINATED_NODE }, start);
  }

  /** Records why the pod failed, and puts it back in the queue if it still waits. */
  #handleSchedulingFailure(fwk: Framework, qpi: QueuedPodInfo, failure: CycleFailure, _start: number): void {
    const { status, nominating } = failure;
    this.stats.failedAttempts++;
    const reason = status.isRejected() ? REASON_UNSCHEDULABLE : REASON_SCHEDULER_ERROR;
    const err = status.error;
    if (err instanceof FitError) {
      qpi.unschedulablePlugins = err.diagnosis.unschedulablePlugins;
      qpi.pendingPlugins = err.diagnosis.pendingPlugins;
    } else if (!(err instanceof NoNodesAvailableError)) {
      // An error, not a rejection: retry after backoff, whatever happens meanwhile.
      qpi.unschedulablePlugins = new Set();
      qpi.pendingPlugins = new Set();
      this.#onError(new Error(`error scheduling pod ${qpi.podInfo.namespace}/${qpi.podInfo.name}; retrying: ${status.message()}`));
    }
    const pod = qpi.pod;
    const cached = this.podInformer.getStore().getByKey(`${pod.metadata.namespace}/${pod.metadata.name}`);
    if (cached && cached.metadata.uid === pod.metadata.uid && !cached.spec?.nodeName) {
      qpi.podInfo = cached === pod ? qpi.podInfo : new PodInfo(cached);
      this.queue.addUnschedulableIfNotPresent(qpi, qpi.popCycle);
    }
    // In memory before the status write lands, so the next cycles already keep the room.
    this.queue.addNominatedPod(qpi.podInfo, nominating);
    const msg = status.message();
    fwk.recorder.event(cached ?? pod, 'Warning', 'FailedScheduling', truncateMessage(msg));
    if (cached && !cached.spec?.nodeName) this.#updatePod(cached, { type: POD_SCHEDULED, status: 'False', reason, message: msg }, nominating);
  }

  /** Writes the PodScheduled condition and, when nominating overrides it with something
   *  new, status.nominatedNodeName, in one pods/status patch; nothing if both already say so. */
  #updatePod(pod: Pod, condition: { type: string; status: string; reason: string; message: string }, nominating: NominatingInfo | undefined): void {
    const current = pod.status?.conditions?.find((c) => c.type === condition.type);
    const conditionChanged = !(current && current.status === condition.status && current.reason === condition.reason && current.message === condition.message);
    const nnn = nominating?.mode === 'override' ? nominating.nominatedNodeName : undefined;
    const nnnChanged = nnn !== undefined && nnn !== (pod.status?.nominatedNodeName ?? '');
    if (!conditionChanged && !nnnChanged) return;
    const status: { conditions?: PodCondition[]; nominatedNodeName?: string | null } = {};
    if (conditionChanged) {
      status.conditions = [
        {
          type: condition.type,
          status: condition.status,
          lastProbeTime: null as unknown as undefined,
          lastTransitionTime: current && current.status === condition.status ? current.lastTransitionTime : new Date(this.#clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
          reason: condition.reason,
          message: condition.message,
        },
      ];
    }
    // null deletes the field in a strategic merge patch.
    if (nnnChanged) status.nominatedNodeName = nnn === '' ? null : nnn;
    const ns = pod.metadata.namespace ?? '';
    this.#client.core
      .pods(ns)
      .patch(pod.metadata.name ?? '', 'strategic', { status }, { subresource: 'status' })
      .catch((err: unknown) => {
        // Gone or already bound meanwhile: nothing to report.
        const code = (err as { code?: number }).code;
        if (code !== 404 && code !== 409) this.#onError(err);
      });
  }
}

