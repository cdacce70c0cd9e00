// The scheduling framework's extension points (kube-scheduler framework/interface.go): one
// typed interface per point, each a Plugin with a name. A plugin implements the points it
// needs; the framework finds them by the methods present (isFilterPlugin, ...) and calls them
// in the profile's order.
//
// The scheduling cycle of one pod, synchronous from start to finish:
//   PreEnqueue (on entering the queue) -> QueueSort (queue order) ->
//   PreFilter -> Filter (per node, until enough feasible nodes) -> PostFilter (only if no
//   node fits) -> PreScore -> Score (+ NormalizeScore) per feasible node -> pick the best ->
//   assume in the cache -> Reserve -> Permit.
// The binding cycle, asynchronous (the next pod is scheduled meanwhile):
//   wait for Permit -> PreBind -> Bind -> PostBind; on failure Unreserve, forget the
//   assumed pod, retry after backoff.
//
// Conventions:
//  - Success is null (see status.ts); per-node calls must not allocate on success.
//  - State flows between a plugin's points through CycleState keys (cycle-state.ts).
//  - Plugins get PodInfo (pod plus derived data, pod-info.ts) and NodeInfo (node plus its
//    pods' aggregates, node-info.ts) from the cycle's snapshot, and must not modify them.
//  - Scores are integers in [0, MAX_NODE_SCORE] after NormalizeScore; the framework multiplies
//    them by the plugin's weight and adds them up.

import type { Pod } from '../../api/types/core-v1.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import type { SharedInformerFactory } from '../../client/informer/factory.js';
import type { Clock } from '../../client/workqueue/clock.js';
import type { CycleState } from './cycle-state.js';
import type { ClusterEventWithHint } from './events.js';
import type { NodeToStatus } from './fit-error.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo, QueuedPodInfo } from './pod-info.js';
import type { Status } from './status.js';

export const MAX_NODE_SCORE = 100;
export const MIN_NODE_SCORE = 0;

export interface Plugin {
  readonly name: string;
}

/** Orders the active queue: less(a, b) is true when a should be tried before b. */
export interface QueueSortPlugin extends Plugin {
  less(a: QueuedPodInfo, b: QueuedPodInfo): boolean;
}

/** Decides whether a pod may enter the active queue at all (scheduling gates). A non-null
 *  Status keeps it parked until the pod itself is updated. */
export interface PreEnqueuePlugin extends Plugin {
  preEnqueue(pod: PodInfo): Status | null;
}

/** Declares the cluster events that may make a pod this plugin rejected schedulable. */
export interface EnqueueExtensions extends Plugin {
  eventsToRegister(): ClusterEventWithHint[];
}

/** Narrows the nodes a pod may go to; nodeNames is the allowed set. */
export class PreFilterResult {
  constructor(readonly nodeNames: ReadonlySet<string>) {}

  /** The intersection with another result (null: all nodes). */
  merge(other: PreFilterResult | null): PreFilterResult {
    if (!other) return this;
    const out = new Set<string>();
    for (const n of this.nodeNames) if (other.nodeNames.has(n)) out.add(n);
    return new PreFilterResult(out);
  }
}

/** Lets a PreFilter's state follow pods added to or removed from a node in a what-if
 *  evaluation (preemption, nominated pods). The state given is a CycleState.clone() of the
 *  cycle's: whatever addPod/removePod change must be Cloneable (cycle-state.ts), or the
 *  change leaks into the real cycle. */
export interface PreFilterExtensions {
  addPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  removePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
}

export interface PreFilterPlugin extends Plugin {
  /** Once per cycle. A PreFilterResult narrows the nodes; Skip leaves the plugin's Filter out
   *  of this cycle; a rejection fails the pod on every node. */
  preFilter(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): PreFilterResult | Status | null;
  preFilterExtensions?(): PreFilterExtensions | null;
}

export interface FilterPlugin extends Plugin {
  /** Per node: null if the pod may run there, else why not. */
  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
}

export interface PostFilterResult {
  /** A node the pod is expected to fit on once victims are gone (preemption). Absent: the
   *  pod's nomination stays as it is; '' clears it. */
  readonly nominatedNodeName?: string;
}

export interface PostFilterPlugin extends Plugin {
  /** Runs when no node passed the filters: may make room (preemption). */
  postFilter(state: CycleState, pod: PodInfo, filteredNodeStatus: NodeToStatus): { result: PostFilterResult | null; status: Status | null };
}

export interface PreScorePlugin extends Plugin {
  /** Once per cycle, over the feasible nodes. Skip leaves the plugin's Score out. */
  preScore(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null;
}

export interface ScorePlugin extends Plugin {
  /** Per feasible node: a score (any integer before normalizing), or a Status on failure. */
  score(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): number | Status;
  /** Optional: every node's score() at once into scores (index-aligned with nodes). The
   *  framework prefers it: one call per cycle instead of one per node. */
  scoreAll?(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], scores: Float64Array): Status | null;
  /** Rescales scores (index-aligned with the nodes PreScore saw) into [0, 100] in place. */
  normalizeScore?(state: CycleState, pod: PodInfo, scores: Float64Array): Status | null;
}

export interface ReservePlugin extends Plugin {
  /** The pod was assumed on nodeName: reserve what the plugin tracks. */
  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null;
  /** Undo reserve (any later failure); must be idempotent. */
  unreserve(state: CycleState, pod: PodInfo, nodeName: string): void;
}

export interface PermitPlugin extends Plugin {
  /** Allow (null), reject, or Wait up to timeoutMs for allow()/reject() on the waiting pod. */
  permit(state: CycleState, pod: PodInfo, nodeName: string): { status: Status | null; timeoutMs: number };
}

export interface PreBindPlugin extends Plugin {
  preBind(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null>;
}

export interface BindPlugin extends Plugin {
  /** Binds the pod; Skip hands it to the next bind plugin. */
  bind(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null>;
}

export interface PostBindPlugin extends Plugin {
  postBind(state: CycleState, pod: PodInfo, nodeName: string): void;
}

/** What the nodes of the current cycle look like (the snapshot). */
export interface NodeInfoLister {
  list(): readonly NodeInfo[];
  get(name: string): NodeInfo | undefined;
  numNodes(): number;
  /** Nodes holding at least one pod with (anti-)affinity terms. */
  havePodsWithAffinityList(): readonly NodeInfo[];
  havePodsWithRequiredAntiAffinityList(): readonly NodeInfo[];
}

/** A pod held at Permit (framework WaitingPod). */
export interface WaitingPod {
  readonly pod: PodInfo;
  /** Plugins still to allow it. */
  pendingPlugins(): string[];
  allow(pluginName: string): void;
  reject(pluginName: string, message: string): void;
}

/** The pods nominated to nodes: waiting for room a preemption is making for them. */
export interface PodNominator {
  /** Read-only, valid until the nominations next change. */
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
}

/** What plugins get from the framework (framework.Handle). */
export interface Handle {
  /** The snapshot of the cycle being run. */
  snapshot(): NodeInfoLister;
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** The scheduler's informer factory: a plugin asks it for the informers (listers) it needs
   *  when it is made, before the factory starts. Absent when a framework is built without
   *  one (unit tests); a plugin that needs listers must then be given them directly. */
  readonly informers: SharedInformerFactory | undefined;
  getWaitingPod(uid: string): WaitingPod | undefined;
  rejectWaitingPod(uid: string): boolean;

  // What-if evaluations (preemption). The Framework always has them; they are optional only
  // so that hand-made Handles of tests keep compiling.

  /** The pods nominated to a node (PodNominator). */
  nominatedPodsForNode?(nodeName: string): readonly PodInfo[];
  /** The filters on nodeInfo as if the pods nominated to it with priority >= the pod's were
   *  running there, and (if there are any) once more without them; both must pass. */
  runFilterPluginsWithNominatedPods?(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
  /** Every PreFilterExtensions.addPod of this cycle's PreFilter plugins (nodeInfo already
   *  holds podToAdd). */
  runPreFilterExtensionAddPod?(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  /** Every PreFilterExtensions.removePod (nodeInfo no longer holds podToRemove). */
  runPreFilterExtensionRemovePod?(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
  /** Moves pending pods straight to the active queue (framework PodActivator). */
  activate?(pods: readonly Pod[]): void;
}

export type PluginFactory = (args: unknown, handle: Handle) => Plugin;

// ---- which points a plugin implements ----

export function isQueueSortPlugin(p: Plugin): p is QueueSortPlugin {
  return typeof (p as Partial<QueueSortPlugin>).less === 'function';
}
export function isPreEnqueuePlugin(p: Plugin): p is PreEnqueuePlugin {
  return typeof (p as Partial<PreEnqueuePlugin>).preEnqueue === 'function';
}
export function isEnqueueExtensions(p: Plugin): p is EnqueueExtensions {
  return typeof (p as Partial<EnqueueExtensions>).eventsToRegister === 'function';
}
export function isPreFilterPlugin(p: Plugin): p is PreFilterPlugin {
  return typeof (p as Partial<PreFilterPlugin>).preFilter === 'function';
}
export function isFilterPlugin(p: Plugin): p is FilterPlugin {
  return typeof (p as Partial<FilterPlugin>).filter === 'function';
}
export function isPostFilterPlugin(p: Plugin): p is PostFilterPlugin {
  return typeof (p as Partial<PostFilterPlugin>).postFilter === 'function';
}
export function isPreScorePlugin(p: Plugin): p is PreScorePlugin {
  return typeof (p as Partial<PreScorePlugin>).preScore === 'function';
}
export function isScorePlugin(p: Plugin): p is ScorePlugin {
  return typeof (p as Partial<ScorePlugin>).score === 'function';
}
export function isReservePlugin(p: Plugin): p is ReservePlugin {
  return typeof (p as Partial<ReservePlugin>).reserve === 'function';
}
export function isPermitPlugin(p: Plugin): p is PermitPlugin {
  return typeof (p as Partial<PermitPlugin>).permit === 'function';
}
export function isPreBindPlugin(p: Plugin): p is PreBindPlugin {
  return typeof (p as Partial<PreBindPlugin>).preBind === 'function';
}
export function isBindPlugin(p: Plugin): p is BindPlugin {
  return typeof (p as Partial<BindPlugin>).bind === 'function';
}
export function isPostBindPlugin(p: Plugin): p is PostBindPlugin {
  return typeof (p as Partial<PostBindPlugin>).postBind === 'function';
}
