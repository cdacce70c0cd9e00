// DefaultPreemption: the PostFilter plugin that makes room for a pod no node fits by evicting
// lower-priority pods (kube-scheduler 1.32 plugins/defaultpreemption and
// framework/preemption's Evaluator).
//
// Contract of postFilter(state, pod, nodeToStatus):
//  - Not eligible (answer Unschedulable, no result: the nomination stays): preemptionPolicy
//    Never; or the pod is nominated to a node (not rejected there as
//    UnschedulableAndUnresolvable) where a lower-priority pod is already terminating by
//    preemption — its earlier preemption is still under way.
//  - Candidates: only nodes whose status is Unschedulable (absent nodes too when the
//    absent-node status is: a PreFilter rejection); UnschedulableAndUnresolvable ones cannot
//    be helped. From a random offset, each is dry-run on copies of its NodeInfo and the
//    cycle's CycleState: every lower-priority pod removed (PreFilterExtensions.removePod),
//    the pod must pass the filters (with nominated pods); then the lower-priority pods are
//    reprieved most important first, PDB-violating ones before the others, each kept if the
//    pod still fits with it. The search stops once it has a PDB-respecting candidate and
//    max(minCandidateNodesPercentage% of the nodes, minCandidateNodesAbsolute) in all.
//  - No candidate: Unschedulable "preemption: 0/N nodes are available: <per-node reasons,
//    the others 'Preemption is not helpful for scheduling'>." and a result clearing the
//    nomination. A candidate: the node by pickOneNodeForPreemption, a result nominating it,
//    and success.
//  - Preparing the chosen node runs asynchronously (the scheduling cycle is synchronous),
//    as 1.32's SchedulerAsyncPreemption does: each victim held at Permit is rejected, any
//    other gets DisruptionTarget=True (reason PreemptionByScheduler, "<scheduler name>:
//    preempting to accommodate a higher priority pod") through pods/status and is deleted
//    with its default grace period; each gets a Normal "Preempted" event ("Preempted by pod
//    <uid> on node <node>"). Victims already being deleted (or by an earlier call still
//    under way) are left alone. Lower-priority pods nominated to the node lose their
//    status.nominatedNodeName. A failed API call is reported and the preemptor activated,
//    so it is retried at once instead of waiting for an event.
// Every message of a failure starts with "preemption: ".

import type { Pod, PodCondition } from '../../../api/types/core-v1.js';
import type { PodDisruptionBudget } from '../../../api/types/policy-v1.js';
import { builtinRef } from '../../../client/builtin-resources.js';
import type { EventRecorder } from '../../../client/events/recorder.js';
import { realClock, type Clock } from '../../../client/workqueue/clock.js';
import type { CycleState } from '../../framework/cycle-state.js';
import { Diagnosis, fitErrorMessage, NodeToStatus } from '../../framework/fit-error.js';
import type { Handle, NodeInfoLister, PostFilterPlugin, PostFilterResult, WaitingPod } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Code, Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { defaulted, numCandidates, validate, type DefaultPreemptionArgs } from './args.js';
import {
  DISRUPTION_TARGET,
  pickOneNodeForPreemption,
  podTerminatingByPreemption,
  REASON_PREEMPTION_BY_SCHEDULER,
  sortByImportance,
  splitByPdbViolation,
  type Candidate,
} from './ordering.js';
import { statusCode } from '../../../client/errors.js';

export const MSG_NO_VICTIMS = 'No preemption victims found for incoming pod';
export const MSG_NOT_HELPFUL = 'Preemption is not helpful for scheduling';
export const MSG_POLICY_NEVER = 'not eligible due to preemptionPolicy=Never.';
export const MSG_TERMINATING_ON_NOMINATED = 'not eligible due to a terminating pod on the nominated node.';

/** What preemption needs from the framework (the Framework has all of it). */
export interface PreemptionHandle {
  snapshot(): NodeInfoLister;
  nominatedPodsForNode(nodeName: string): readonly PodInfo[];
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null;
  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null;
  getWaitingPod(uid: string): WaitingPod | undefined;
  activate(pods: readonly Pod[]): void;
}

export interface PdbLister {
  list(): readonly PodDisruptionBudget[];
}

/** The pod writes preemption makes. */
export interface PreemptionPodApi {
  /** A strategic merge patch of the pod's status through pods/status. */
  patchStatus(pod: Pod, status: Record<string, unknown>): Promise<void>;
  /** Deletes the pod with its default grace period. */
  delete(pod: Pod): Promise<void>;
}

export interface DefaultPreemptionOptions {
  readonly args?: DefaultPreemptionArgs;
  readonly handle: PreemptionHandle;
  readonly pdbs: PdbLister;
  readonly pods: PreemptionPodApi;
  readonly recorder: Pick<EventRecorder, 'event'>;
  readonly clock?: Clock;
  /** In [0, 1): picks the dry run's first node. */
  readonly random?: () => number;
  readonly onError?: (err: unknown) => void;
}

interface VictimSelection {
  readonly victims: PodInfo[];
  readonly numPDBViolations: number;
  /** null: the node is a candidate. */
  readonly status: Status | null;
}

type PostFilterAnswer = { result: PostFilterResult | null; status: Status | null };

const NO_VICTIMS = Status.unresolvable(MSG_NO_VICTIMS);

export class DefaultPreemption implements PostFilterPlugin {
  readonly name = Names.DefaultPreemption;
  readonly args: DefaultPreemptionArgs;
  readonly #h: PreemptionHandle;
  readonly #pdbs: PdbLister;
  readonly #pods: PreemptionPodApi;
  readonly #recorder: Pick<EventRecorder, 'event'>;
  readonly #clock: Clock;
  readonly #random: () => number;
  readonly #onError: (err: unknown) => void;
  /** Victims whose preemption calls are under way (by uid). */
  readonly #evicting = new Set<string>();
  readonly #inFlight = new Set<Promise<void>>();

  constructor(opts: DefaultPreemptionOptions) {
    this.args = validate(opts.args ?? defaulted(undefined));
    this.#h = opts.handle;
    this.#pdbs = opts.pdbs;
    this.#pods = opts.pods;
    this.#recorder = opts.recorder;
    this.#clock = opts.clock ?? realClock;
    this.#random = opts.random ?? Math.random;
    this.#onError = opts.onError ?? ((err) => console.error('kite scheduler: preemption:', err instanceof Error ? err.message : err));
  }

  /** Resolves when every preemption started so far has made its API calls. */
  async settled(): Promise<void> {
    while (this.#inFlight.size > 0) await Promise.all([...this.#inFlight]);
  }

  postFilter(state: CycleState, pod: PodInfo, nodeToStatus: NodeToStatus): PostFilterAnswer {
    const { result, status } = this.#preempt(state, pod, nodeToStatus);
    const msg = status?.message() ?? '';
    if (status === null || msg === '') return { result, status };
    return { result, status: new Status(status.code, [`preemption: ${msg}`], status.error) };
  }

  #preempt(state: CycleState, pod: PodInfo, m: NodeToStatus): PostFilterAnswer {
    const nnn = pod.pod.status?.nominatedNodeName ?? '';
    const ineligible = this.podEligibleToPreemptOthers(pod, m.get(nnn));
    if (ineligible !== null) return { result: null, status: Status.unschedulable(ineligible) };

    const snapshot = this.#h.snapshot();
    const numAllNodes = snapshot.numNodes();
    if (numAllNodes === 0) return { result: null, status: Status.error(new Error('no nodes available')) };
    const { candidates, statuses, errors } = this.#findCandidates(state, pod, snapshot, m);
    if (candidates.length === 0) {
      if (errors.length > 0) return { result: null, status: Status.error(new Error(errors.length === 1 ? errors[0] : `[${errors.join(', ')}]`)) };
      // A FitError of the dry run, as the FailedScheduling message shows it; '' clears a
      // nomination that no longer helps.
      const d = new Diagnosis();
      for (const [n, s] of statuses.entries()) d.nodeToStatus.set(n, s);
      d.nodeToStatus.absentNodesStatus = Status.unresolvable(MSG_NOT_HELPFUL);
      return { result: { nominatedNodeName: '' }, status: Status.unschedulable(fitErrorMessage(numAllNodes, d)) };
    }
    const best = pickOneNodeForPreemption(candidates, this.#clock.now());
    if (!best) return { result: null, status: Status.unschedulable('no candidate node for preemption') };
    this.#prepareCandidate(best, pod);
    return { result: { nominatedNodeName: best.name }, status: null };
  }

  /** null when the pod may preempt, else why not (PodEligibleToPreemptOthers). */
  podEligibleToPreemptOthers(pod: PodInfo, nominatedNodeStatus: Status): string | null {
    if (pod.pod.spec?.preemptionPolicy === 'Never') return MSG_POLICY_NEVER;
    const nnn = pod.pod.status?.nominatedNodeName;
    if (!nnn) return null;
    // The filters rule the nominated node out for good: look for another.
    if (nominatedNodeStatus.code === Code.UnschedulableAndUnresolvable) return null;
    const nodeInfo = this.#h.snapshot().get(nnn);
    if (!nodeInfo) return null;
    for (const p of nodeInfo.pods) {
      if (p.priority < pod.priority && podTerminatingByPreemption(p.pod)) return MSG_TERMINATING_ON_NOMINATED;
    }
    return null;
  }

  #findCandidates(state: CycleState, pod: PodInfo, snapshot: NodeInfoLister, m: NodeToStatus): { candidates: Candidate[]; statuses: NodeToStatus; errors: string[] } {
    const potential = m.nodesForStatusCode(snapshot, Code.Unschedulable);
    if (potential.length === 0) return { candidates: [], statuses: new NodeToStatus(), errors: [] };
    const pdbs = this.#pdbs.list();
    const offset = Math.floor(this.#random() * potential.length);
    return this.dryRunPreemption(state, pod, potential, pdbs, offset, numCandidates(this.args, potential.length));
  }

  /** Each potential node from offset on, until enough candidates (DryRunPreemption);
   *  PDB-respecting candidates come first. */
  dryRunPreemption(
    state: CycleState,
    pod: PodInfo,
    potential: readonly NodeInfo[],
    pdbs: readonly PodDisruptionBudget[],
    offset: number,
    wanted: number,
  ): { candidates: Candidate[]; statuses: NodeToStatus; errors: string[] } {
    const nonViolating: Candidate[] = [];
    const violating: Candidate[] = [];
    const statuses = new NodeToStatus();
    const errors: string[] = [];
    const n = potential.length;
    for (let i = 0; i < n; i++) {
      const nodeInfo = potential[(offset + i) % n]!;
      const sel = this.selectVictimsOnNode(state, pod, nodeInfo, pdbs);
      if (sel.status === null && sel.victims.length > 0) {
        const list = sel.numPDBViolations === 0 ? nonViolating : violating;
        if (list.length < wanted) list.push({ name: nodeInfo.name, victims: sel.victims, numPDBViolations: sel.numPDBViolations });
        if (nonViolating.length > 0 && nonViolating.length + violating.length >= wanted) break;
        continue;
      }
      const status = sel.status ?? Status.error(new Error(`expected at least one victim pod on node "${nodeInfo.name}"`));
      if (status.code === Code.Error) errors.push(status.message());
      statuses.set(nodeInfo.name, status);
    }
    return { candidates: [...nonViolating, ...violating], statuses, errors };
  }

  /** The fewest lower-priority pods to evict from the node for the pod to fit, most
   *  important first, and how many of them violate a PDB (SelectVictimsOnNode). Works on
   *  copies; the node and state given are not changed. */
  selectVictimsOnNode(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, pdbs: readonly PodDisruptionBudget[]): VictimSelection {
    const potential = nodeInfo.pods.filter((p) => p.priority < pod.priority);
    // Checked before copying anything: most nodes of a failed pod have no such pod.
    if (potential.length === 0) return { victims: [], numPDBViolations: 0, status: NO_VICTIMS };
    const ni = nodeInfo.snapshot();
    const st = state.clone();
    const remove = (pi: PodInfo): Status | null => {
      ni.removePod(pi);
      return this.#h.runPreFilterExtensionRemovePod(st, pod, pi, ni);
    };
    for (const pi of potential) {
      const s = remove(pi);
      if (s !== null) return { victims: [], numPDBViolations: 0, status: s };
    }
    // Not even with every lower-priority pod gone: preemption cannot help here. (Affinity
    // to one of those pods is not considered, as in Kubernetes.)
    const fits = this.#h.runFilterPluginsWithNominatedPods(st, pod, ni);
    if (fits !== null) return { victims: [], numPDBViolations: 0, status: fits };

    const now = this.#clock.now();
    sortByImportance(potential, now);
    const { violating, nonViolating } = splitByPdbViolation(potential, pdbs);
    const victims: PodInfo[] = [];
    // Puts the pod back; if the preemptor no longer fits, it is a victim after all.
    const reprieve = (pi: PodInfo): { fits: boolean } | Status => {
      ni.addPod(pi);
      const added = this.#h.runPreFilterExtensionAddPod(st, pod, pi, ni);
      if (added !== null) return added;
      if (this.#h.runFilterPluginsWithNominatedPods(st, pod, ni) === null) return { fits: true };
      const removed = remove(pi);
      if (removed !== null) return removed;
      victims.push(pi);
      return { fits: false };
    };
    let numPDBViolations = 0;
    for (const pi of violating) {
      const r = reprieve(pi);
      if (r instanceof Status) return { victims: [], numPDBViolations: 0, status: r };
      if (!r.fits) numPDBViolations++;
    }
    for (const pi of nonViolating) {
      const r = reprieve(pi);
      if (r instanceof Status) return { victims: [], numPDBViolations: 0, status: r };
    }
    if (violating.length > 0 && nonViolating.length > 0) sortByImportance(victims, now);
    return { victims, numPDBViolations, status: null };
  }

  // ---- making room on the chosen node ----

  #prepareCandidate(c: Candidate, preemptor: PodInfo): void {
    const victims = c.victims.filter((v) => !v.pod.metadata.deletionTimestamp && !this.#evicting.has(v.key));
    // Lower-priority pods nominated here may no longer fit: let them look elsewhere.
    const displaced = this.#h
      .nominatedPodsForNode(c.name)
      .filter((p) => p.priority < preemptor.priority && p.pod.status?.nominatedNodeName)
      .map((p) => p.pod);
    if (victims.length === 0 && displaced.length === 0) return;
    for (const v of victims) this.#evicting.add(v.key);
    const work = this.#evict(c.name, preemptor, victims, displaced).finally(() => {
      for (const v of victims) this.#evicting.delete(v.key);
      this.#inFlight.delete(work);
    });
    this.#inFlight.add(work);
  }

  async #evict(nodeName: string, preemptor: PodInfo, victims: readonly PodInfo[], displaced: readonly Pod[]): Promise<void> {
    const results = await Promise.allSettled([
      ...victims.map((v) => this.#preemptPod(nodeName, preemptor, v)),
      ...displaced.map((p) => this.#pods.patchStatus(p, { nominatedNodeName: null })),
    ]);
    let victimFailed = false;
    results.forEach((r, i) => {
      if (r.status === 'fulfilled') return;
      if (i < victims.length) victimFailed = true;
      this.#onError(r.reason);
    });
    // Without this the preemptor could wait for a deletion that never comes.
    if (victimFailed) this.#h.activate([preemptor.pod]);
  }

  async #preemptPod(nodeName: string, preemptor: PodInfo, victim: PodInfo): Promise<void> {
    const waiting = this.#h.getWaitingPod(victim.key);
    if (waiting) {
      waiting.reject(this.name, 'preempted');
    } else {
      const gone = await this.#evictVictim(preemptor, victim.pod);
      if (gone) return;
    }
    this.#recorder.event(victim.pod, 'Normal', 'Preempted', `Preempted by pod ${preemptor.pod.metadata.uid ?? ''} on node ${nodeName}`);
  }

  /** Marks the victim as a disruption target and deletes it; true if it was already gone. */
  async #evictVictim(preemptor: PodInfo, victim: Pod): Promise<boolean> {
    const condition = this.#disruptionTarget(preemptor, victim);
    try {
      if (condition) await this.#pods.patchStatus(victim, { conditions: [condition] });
      await this.#pods.delete(victim);
      return false;
    } catch (err) {
      if (statusCode(err) === 404) return true;
      throw err;
    }
  }

  /** The DisruptionTarget condition to write, or undefined if the victim already has it. */
  #disruptionTarget(preemptor: PodInfo, victim: Pod): PodCondition | undefined {
    const message = `${preemptor.pod.spec?.schedulerName ?? ''}: preempting to accommodate a higher priority pod`;
    const current = victim.status?.conditions?.find((c) => c.type === DISRUPTION_TARGET);
    if (current && current.status === 'True' && current.reason === REASON_PREEMPTION_BY_SCHEDULER && current.message === message) return undefined;
    const now = new Date(this.#clock.now()).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return {
      type: DISRUPTION_TARGET,
      status: 'True',
      reason: REASON_PREEMPTION_BY_SCHEDULER,
      message,
      lastTransitionTime: current && current.status === 'True' ? current.lastTransitionTime : now,
    };
  }
}

// ---- the factory ----

function preemptionHandle(h: Handle): PreemptionHandle {
  const { nominatedPodsForNode, runFilterPluginsWithNominatedPods, runPreFilterExtensionAddPod, runPreFilterExtensionRemovePod, activate } = h;
  if (!nominatedPodsForNode || !runFilterPluginsWithNominatedPods || !runPreFilterExtensionAddPod || !runPreFilterExtensionRemovePod || !activate) {
    throw new Error(`${Names.DefaultPreemption}: the framework handle cannot run what-if evaluations (nominated pods, PreFilter extensions)`);
  }
  return {
    snapshot: () => h.snapshot(),
    getWaitingPod: (uid) => h.getWaitingPod(uid),
    nominatedPodsForNode: nominatedPodsForNode.bind(h),
    runFilterPluginsWithNominatedPods: runFilterPluginsWithNominatedPods.bind(h),
    runPreFilterExtensionAddPod: runPreFilterExtensionAddPod.bind(h),
    runPreFilterExtensionRemovePod: runPreFilterExtensionRemovePod.bind(h),
    activate: activate.bind(h),
  };
}

function podApi(h: Handle): PreemptionPodApi {
  return {
    patchStatus: async (pod, status) => {
      await h.client.core.pods(pod.metadata.namespace ?? '').patch(pod.metadata.name ?? '', 'strategic', { status }, { subresource: 'status' });
    },
    delete: async (pod) => {
      await h.client.core.pods(pod.metadata.namespace ?? '').delete(pod.metadata.name ?? '');
    },
  };
}

export function newDefaultPreemption(args: unknown, h: Handle): DefaultPreemption {
  // The PDB informer is made now, before the factory starts; without a factory (unit tests
  // of the framework) no PDB is known.
  const informer = h.informers?.informerFor<PodDisruptionBudget>(builtinRef('policy', 'poddisruptionbudgets'));
  const pdbs: PdbLister = informer ? { list: () => informer.getStore().list() } : { list: () => [] };
  return new DefaultPreemption({
    args: validate(defaulted(args)),
    handle: preemptionHandle(h),
    pdbs,
    pods: podApi(h),
    recorder: h.recorder,
    clock: h.clock,
  });
}
