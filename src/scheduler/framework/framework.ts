// Framework: one profile's plugins, made once and run at their extension points in order
// (kube-scheduler framework/runtime/framework.go). It is also the Handle plugins get.
//
// Contract:
//  - Construction makes every plugin the profile names (multiPoint and per point) once,
//    through the registry, with its pluginConfig args; an unknown plugin name, a profile
//    with no QueueSort or no Bind plugin is an error.
//  - runPreFilterPlugins: Skip marks the plugin's Filter skipped for the cycle;
//    UnschedulableAndUnresolvable stops at once; Unschedulable is remembered while the rest
//    run; results intersect, and an empty intersection rejects the pod everywhere.
//  - filterPluginsFor(state): the Filter plugins of this cycle (skipped ones left out), for
//    the scheduler's node loop; runFilterPlugins runs them on one node, stopping at the
//    first rejection.
//  - runScorePlugins writes, per node, the weighted sum of the normalized scores into
//    `totals`; scores outside [0, 100] after normalizing are an error. Score buffers are
//    kept between cycles (one scheduler thread), so scoring allocates nothing per node.
//  - Permit: plugins answering Wait hold the pod (waitOnPermit resolves when every one of
//    them has allowed it, any rejects it, or the longest timeout passes).
//  - Bind: the first plugin that does not Skip binds.
//  - Nominated pods (framework.go RunFilterPluginsWithNominatedPods): a node that pods with
//    priority >= the pod's are nominated to is filtered with them added (a cloned NodeInfo
//    and CycleState, PreFilterExtensions.addPod) and, if that passes, once more without
//    them. A node nobody is nominated to is filtered once, as runFilterPlugins does.
//  - runPostFilterPlugins: the first success wins; otherwise the last result that says
//    something about the nomination is kept with an Unschedulable status gathering every
//    plugin's reasons.

import type { Pod } from '../../api/types/core-v1.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import type { SharedInformerFactory } from '../../client/informer/factory.js';
import { realClock, type Clock, type Timer } from '../../client/workqueue/clock.js';
import { CycleState } from './cycle-state.js';
import { ActionType, type ClusterEventWithHint } from './events.js';
import type { NodeToStatus } from './fit-error.js';
import {
  isBindPlugin,
  isEnqueueExtensions,
  isFilterPlugin,
  isPermitPlugin,
  isPostBindPlugin,
  isPostFilterPlugin,
  isPreBindPlugin,
  isPreEnqueuePlugin,
  isPreFilterPlugin,
  isPreScorePlugin,
  isQueueSortPlugin,
  isReservePlugin,
  isScorePlugin,
  MAX_NODE_SCORE,
  MIN_NODE_SCORE,
  PreFilterResult,
  type BindPlugin,
  type FilterPlugin,
  type Handle,
  type NodeInfoLister,
  type PermitPlugin,
  type Plugin,
  type PluginFactory,
  type PodNominator,
  type PostBindPlugin,
  type PostFilterPlugin,
  type PostFilterResult,
  type PreBindPlugin,
  type PreEnqueuePlugin,
  type PreFilterExtensions,
  type PreFilterPlugin,
  type PreScorePlugin,
  type QueueSortPlugin,
  type ReservePlugin,
  type ScorePlugin,
  type WaitingPod,
} from './interface.js';
import type { NodeInfo } from './node-info.js';
import type { PodInfo } from './pod-info.js';
import { EXTENSION_POINTS, type ExtensionPoint, type PluginRef, type SchedulerProfile } from './profile.js';
import { Code, Status } from './status.js';

export interface FrameworkOptions {
  readonly profile: SchedulerProfile;
  readonly registry: ReadonlyMap<string, PluginFactory>;
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly clock?: Clock;
  readonly informers?: SharedInformerFactory;
  /** The current cycle's snapshot (the scheduler's). */
  readonly snapshot: () => NodeInfoLister;
  /** The scheduling queue's nominated pods (none when absent). */
  readonly nominator?: PodNominator & { readonly size: number };
  /** Moves pending pods to the active queue (nothing when absent). */
  readonly activate?: (pods: readonly Pod[]) => void;
}

interface WeightedScorePlugin {
  readonly plugin: ScorePlugin;
  readonly weight: number;
  buffer: Float64Array;
}

const IMPLEMENTS: Readonly<Record<ExtensionPoint, (p: Plugin) => boolean>> = {
  preEnqueue: isPreEnqueuePlugin,
  queueSort: isQueueSortPlugin,
  preFilter: isPreFilterPlugin,
  filter: isFilterPlugin,
  postFilter: isPostFilterPlugin,
  preScore: isPreScorePlugin,
  score: isScorePlugin,
  reserve: isReservePlugin,
  permit: isPermitPlugin,
  preBind: isPreBindPlugin,
  bind: isBindPlugin,
  postBind: isPostBindPlugin,
};

class WaitingPodImpl implements WaitingPod {
  readonly #pending: Map<string, Timer>;
  readonly #resolve: (s: Status | null) => void;
  readonly done: Promise<Status | null>;
  #settled = false;

  constructor(
    readonly pod: PodInfo,
    timeouts: ReadonlyMap<string, number>,
    clock: Clock,
  ) {
    let resolve!: (s: Status | null) => void;
    this.done = new Promise((r) => (resolve = r));
    this.#resolve = resolve;
    this.#pending = new Map();
    for (const [plugin, ms] of timeouts) {
      this.#pending.set(
        plugin,
        clock.setTimer(() => this.reject(plugin, `rejected due to timeout after waiting ${ms / 1000}s at plugin ${plugin}`), ms),
      );
    }
  }

  pendingPlugins(): string[] {
    return [...this.#pending.keys()];
  }

  allow(pluginName: string): void {
    const t = this.#pending.get(pluginName);
    if (!t) return;
    t.cancel();
    this.#pending.delete(pluginName);
    if (this.#pending.size === 0) this.#settle(null);
  }

  reject(pluginName: string, message: string): void {
    this.#settle(Status.unschedulable(message).withPlugin(pluginName));
  }

  #settle(s: Status | null): void {
    if (this.#settled) return;
    this.#settled = true;
    for (const t of this.#pending.values()) t.cancel();
    this.#pending.clear();
    this.#resolve(s);
  }
}

export class Framework implements Handle {
  readonly profileName: string;
  /** The profile's own percentageOfNodesToScore (undefined: the scheduler's global one). */
  readonly percentageOfNodesToScore: number | undefined;
  readonly client: Client;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  readonly informers: SharedInformerFactory | undefined;
  readonly plugins: ReadonlyMap<string, Plugin>;
  readonly queueSort: QueueSortPlugin;
  readonly preEnqueuePlugins: readonly PreEnqueuePlugin[];
  readonly preFilterPlugins: readonly PreFilterPlugin[];
  readonly filterPlugins: readonly FilterPlugin[];
  readonly postFilterPlugins: readonly PostFilterPlugin[];
  readonly preScorePlugins: readonly PreScorePlugin[];
  readonly scorePlugins: readonly WeightedScorePlugin[];
  readonly reservePlugins: readonly ReservePlugin[];
  readonly permitPlugins: readonly PermitPlugin[];
  readonly preBindPlugins: readonly PreBindPlugin[];
  readonly bindPlugins: readonly BindPlugin[];
  readonly postBindPlugins: readonly PostBindPlugin[];
  readonly #snapshot: () => NodeInfoLister;
  readonly #waiting = new Map<string, WaitingPodImpl>();
  readonly #nominator: (PodNominator & { readonly size: number }) | undefined;
  readonly #activate: ((pods: readonly Pod[]) => void) | undefined;

  constructor(opts: FrameworkOptions) {
    const profile = opts.profile;
    this.profileName = profile.schedulerName;
    this.percentageOfNodesToScore = profile.percentageOfNodesToScore;
    this.client = opts.client;
    this.recorder = opts.recorder;
    this.clock = opts.clock ?? realClock;
    this.informers = opts.informers;
    this.#snapshot = opts.snapshot;
    this.#nominator = opts.nominator;
    this.#activate = opts.activate;

    const multi = profile.plugins?.multiPoint?.enabled ?? [];
    const args = new Map((profile.pluginConfig ?? []).map((c) => [c.name, c.args]));
    const plugins = new Map<string, Plugin>();
    const make = (name: string): Plugin => {
      let p = plugins.get(name);
      if (!p) {
        const factory = opts.registry.get(name);
        if (!factory) throw new Error(`profile ${profile.schedulerName}: plugin "${name}" does not exist`);
        p = factory(args.get(name), this);
        plugins.set(name, p);
      }
      return p;
    };
    const points = new Map<ExtensionPoint, PluginRef[]>();
    for (const point of EXTENSION_POINTS) {
      const set = profile.plugins?.[point];
      const disabled = new Set((set?.disabled ?? []).map((p) => p.name));
      const refs: PluginRef[] = [];
      const seen = new Set<string>();
      for (const ref of set?.enabled ?? []) {
        if (seen.has(ref.name)) throw new Error(`profile ${profile.schedulerName}: plugin "${ref.name}" already registered as "${point}"`);
        const p = make(ref.name);
        if (!IMPLEMENTS[point](p)) throw new Error(`profile ${profile.schedulerName}: plugin "${ref.name}" does not extend ${point} plugin`);
        seen.add(ref.name);
        refs.push(ref);
      }
      if (!disabled.has('*')) {
        for (const ref of multi) {
          if (disabled.has(ref.name) || seen.has(ref.name)) continue;
          if (!IMPLEMENTS[point](make(ref.name))) continue;
          seen.add(ref.name);
          refs.push(ref);
        }
      }
      points.set(point, refs);
    }
    // Plugins only named in multiPoint still get made (their events count).
    for (const ref of multi) make(ref.name);
    this.plugins = plugins;

    const at = <T extends Plugin>(point: ExtensionPoint): T[] => points.get(point)!.map((r) => plugins.get(r.name) as T);
    const queueSort = at<QueueSortPlugin>('queueSort');
    if (queueSort.length !== 1) throw new Error(`profile ${profile.schedulerName}: exactly one queue sort plugin is required, got ${queueSort.length}`);
    this.queueSort = queueSort[0]!;
    this.preEnqueuePlugins = at('preEnqueue');
    this.preFilterPlugins = at('preFilter');
    this.filterPlugins = at('filter');
    this.postFilterPlugins = at('postFilter');
    this.preScorePlugins = at('preScore');
    this.scorePlugins = points.get('score')!.map((r) => {
      const weight = r.weight || multi.find((m) => m.name === r.name)?.weight || 1;
      return { plugin: plugins.get(r.name) as ScorePlugin, weight, buffer: new Float64Array(0) };
    });
    this.reservePlugins = at('reserve');
    this.permitPlugins = at('permit');
    this.preBindPlugins = at('preBind');
    this.bindPlugins = at('bind');
    if (this.bindPlugins.length === 0) throw new Error(`profile ${profile.schedulerName}: at least one bind plugin is needed`);
    this.postBindPlugins = at('postBind');
  }

  // ---- Handle ----

  snapshot(): NodeInfoLister {
    return this.#snapshot();
  }

  getWaitingPod(uid: string): WaitingPod | undefined {
    return this.#waiting.get(uid);
  }

  rejectWaitingPod(uid: string): boolean {
    const wp = this.#waiting.get(uid);
    if (!wp) return false;
    for (const p of wp.pendingPlugins()) wp.reject(p, 'removed');
    return true;
  }

  nominatedPodsForNode(nodeName: string): readonly PodInfo[] {
    return this.#nominator?.nominatedPodsForNode(nodeName) ?? [];
  }

  /** Whether any pod is nominated anywhere: when not, filtering takes the plain path. */
  hasNominatedPods(): boolean {
    return (this.#nominator?.size ?? 0) > 0;
  }

  activate(pods: readonly Pod[]): void {
    this.#activate?.(pods);
  }

  // ---- queue ----

  /** The events each plugin registered, with its name, for the queue's hints. */
  queueingHints(): { plugin: string; registration: ClusterEventWithHint }[] {
    const out: { plugin: string; registration: ClusterEventWithHint }[] = [];
    for (const p of this.plugins.values()) {
      if (isEnqueueExtensions(p)) {
        for (const r of p.eventsToRegister()) out.push({ plugin: p.name, registration: r });
      } else if (isPreEnqueuePlugin(p) || isPreFilterPlugin(p) || isFilterPlugin(p) || isReservePlugin(p) || isPermitPlugin(p)) {
        // A plugin that may reject without saying what could help: every event might.
        out.push({ plugin: p.name, registration: { event: { resource: '*', actionType: ActionType.All } } });
      }
    }
    return out;
  }

  runPreEnqueuePlugins(pod: PodInfo): Status | null {
    for (const pl of this.preEnqueuePlugins) {
      const s = pl.preEnqueue(pod);
      if (s && s.code !== Code.Success) return s.withPlugin(pl.name);
    }
    return null;
  }

  // ---- scheduling cycle ----

  runPreFilterPlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): { result: PreFilterResult | null; status: Status | null; plugins: Set<string> } {
    let result: PreFilterResult | null = null;
    let returnStatus: Status | null = null;
    const skip = new Set<string>();
    const pluginsWithNodes: string[] = [];
    for (const pl of this.preFilterPlugins) {
      let r: PreFilterResult | Status | null;
      try {
        r = pl.preFilter(state, pod, nodes);
      } catch (err) {
        r = Status.error(err);
      }
      if (r instanceof Status) {
        if (r.code === Code.Success) continue;
        if (r.isSkip()) {
          skip.add(pl.name);
          continue;
        }
        r.withPlugin(pl.name);
        if (r.code === Code.UnschedulableAndUnresolvable) return { result: null, status: r, plugins: new Set([pl.name]) };
        if (r.code === Code.Unschedulable) {
          returnStatus = r;
          continue;
        }
        return { result: null, status: Status.error(new Error(`running PreFilter plugin "${pl.name}": ${r.message()}`)).withPlugin(pl.name), plugins: new Set() };
      }
      if (r instanceof PreFilterResult) {
        pluginsWithNodes.push(pl.name);
        result = result ? result.merge(r) : r;
        if (result.nodeNames.size === 0) {
          const msg =
            pluginsWithNodes.length === 1 ? `node(s) didn't satisfy plugin ${pluginsWithNodes[0]}` : `node(s) didn't satisfy plugin(s) [${pluginsWithNodes.join(' ')}] simultaneously`;
          return { result, status: Status.unresolvable(msg), plugins: new Set(pluginsWithNodes) };
        }
      }
    }
    state.skipFilterPlugins = skip;
    return { result, status: returnStatus, plugins: returnStatus ? new Set([returnStatus.plugin]) : new Set(pluginsWithNodes) };
  }

  /** The Filter plugins of this cycle, skipped ones left out. */
  filterPluginsFor(state: CycleState): readonly FilterPlugin[] {
    const skip = state.skipFilterPlugins;
    return skip.size === 0 ? this.filterPlugins : this.filterPlugins.filter((p) => !skip.has(p.name));
  }

  /** Runs filters on one node: null if it passes, else the first rejection (or error). */
  runFilterPlugins(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, filters: readonly FilterPlugin[] = this.filterPluginsFor(state)): Status | null {
    for (let i = 0; i < filters.length; i++) {
      const pl = filters[i]!;
      let s: Status | null;
      try {
        s = pl.filter(state, pod, nodeInfo);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== null && s.code !== Code.Success) {
        s.plugin = pl.name;
        if (!s.isRejected()) {
          const e = Status.error(new Error(`running "${pl.name}" filter plugin: ${s.message()}`));
          e.plugin = pl.name;
          return e;
        }
        return s;
      }
    }
    return null;
  }

  /** The filters on nodeInfo with the nominated pods of priority >= the pod's added, then
   *  (only if there were any and that passed) without them. */
  runFilterPluginsWithNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo, filters: readonly FilterPlugin[] = this.filterPluginsFor(state)): Status | null {
    const added = this.#addNominatedPods(state, pod, nodeInfo);
    if (added instanceof Status) return added;
    if (added === null) return this.runFilterPlugins(state, pod, nodeInfo, filters);
    const withNominated = this.runFilterPlugins(added.state, pod, added.nodeInfo, filters);
    if (withNominated !== null) return withNominated;
    // Pod affinity to a nominated pod may pass only while it counts as running: the pod
    // must fit whether or not the nominated pods end up here.
    return this.runFilterPlugins(state, pod, nodeInfo, filters);
  }

  /** Copies of state and nodeInfo holding the nominated pods the pod must yield to (the
   *  same or higher priority, not itself); null when there are none. */
  #addNominatedPods(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): { state: CycleState; nodeInfo: NodeInfo } | Status | null {
    const nominated = this.nominatedPodsForNode(nodeInfo.name);
    let out: { state: CycleState; nodeInfo: NodeInfo } | null = null;
    for (const np of nominated) {
      if (np.priority < pod.priority || np.key === pod.key) continue;
      out ??= { state: state.clone(), nodeInfo: nodeInfo.snapshot() };
      out.nodeInfo.addPod(np);
      const s = this.runPreFilterExtensionAddPod(out.state, pod, np, out.nodeInfo);
      if (s !== null) return s;
    }
    return out;
  }

  runPreFilterExtensionAddPod(state: CycleState, podToSchedule: PodInfo, podToAdd: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.#runPreFilterExtensions(state, 'AddPod', (ext) => ext.addPod(state, podToSchedule, podToAdd, nodeInfo));
  }

  runPreFilterExtensionRemovePod(state: CycleState, podToSchedule: PodInfo, podToRemove: PodInfo, nodeInfo: NodeInfo): Status | null {
    return this.#runPreFilterExtensions(state, 'RemovePod', (ext) => ext.removePod(state, podToSchedule, podToRemove, nodeInfo));
  }

  /** Runs one extension call on every PreFilter plugin that has extensions and was not
   *  skipped this cycle; any non-success is an error (the what-if state is unusable). */
  #runPreFilterExtensions(state: CycleState, what: 'AddPod' | 'RemovePod', call: (ext: PreFilterExtensions) => Status | null): Status | null {
    for (const pl of this.preFilterPlugins) {
      const ext = pl.preFilterExtensions?.() ?? null;
      if (ext === null || state.skipFilterPlugins.has(pl.name)) continue;
      let s: Status | null;
      try {
        s = call(ext);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== null && s.code !== Code.Success) {
        return Status.error(new Error(`running ${what} on PreFilter plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
      }
    }
    return null;
  }

  hasPostFilterPlugins(): boolean {
    return this.postFilterPlugins.length > 0;
  }

  runPostFilterPlugins(state: CycleState, pod: PodInfo, statuses: NodeToStatus): { result: PostFilterResult | null; status: Status } {
    const reasons: string[] = [];
    let rejectorPlugin = '';
    // The last result that nominates or clears (a later plugin's word wins).
    let kept: PostFilterResult | null = null;
    for (const pl of this.postFilterPlugins) {
      let r: { result: PostFilterResult | null; status: Status | null };
      try {
        r = pl.postFilter(state, pod, statuses);
      } catch (err) {
        r = { result: null, status: Status.error(err) };
      }
      const { result, status } = r;
      if (status === null || status.code === Code.Success) return { result, status: status ?? new Status(Code.Success) };
      if (status.code === Code.UnschedulableAndUnresolvable) return { result, status: status.withPlugin(pl.name) };
      if (!status.isRejected()) return { result: null, status: status.withPlugin(pl.name) };
      if (result !== null && result.nominatedNodeName !== undefined) kept = result;
      reasons.push(...status.reasons);
      rejectorPlugin ||= pl.name;
    }
    return { result: kept, status: new Status(Code.Unschedulable, reasons).withPlugin(rejectorPlugin) };
  }

  hasScorePlugins(): boolean {
    return this.scorePlugins.length > 0;
  }

  runPreScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[]): Status | null {
    const skip = new Set<string>();
    for (const pl of this.preScorePlugins) {
      let s: Status | null;
      try {
        s = pl.preScore(state, pod, nodes);
      } catch (err) {
        s = Status.error(err);
      }
      if (s === null || s.code === Code.Success) continue;
      if (s.isSkip()) {
        skip.add(pl.name);
        continue;
      }
      return Status.error(new Error(`running PreScore plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
    }
    state.skipScorePlugins = skip;
    return null;
  }

  /** Adds each plugin's weighted, normalized score of nodes[i] into totals[i]. */
  runScorePlugins(state: CycleState, pod: PodInfo, nodes: readonly NodeInfo[], totals: Float64Array): Status | null {
    const n = nodes.length;
    totals.fill(0, 0, n);
    const skip = state.skipScorePlugins;
    for (const wp of this.scorePlugins) {
      const pl = wp.plugin;
      if (skip.size > 0 && skip.has(pl.name)) continue;
      if (wp.buffer.length < n) wp.buffer = new Float64Array(Math.max(n, wp.buffer.length * 2));
      const scores = wp.buffer.subarray(0, n);
      try {
        if (pl.scoreAll) {
          const s = pl.scoreAll(state, pod, nodes, scores);
          if (s !== null && s.code !== Code.Success) return Status.error(new Error(`running Score plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
        } else {
          for (let i = 0; i < n; i++) {
            const r = pl.score(state, pod, nodes[i]!);
            if (typeof r !== 'number') return Status.error(new Error(`running Score plugin "${pl.name}": ${r.message()}`)).withPlugin(pl.name);
            scores[i] = r;
          }
        }
      } catch (err) {
        return Status.error(new Error(`running Score plugin "${pl.name}": ${err instanceof Error ? err.message : String(err)}`)).withPlugin(pl.name);
      }
      if (pl.normalizeScore) {
        const s = pl.normalizeScore(state, pod, scores);
        if (s !== null && s.code !== Code.Success) return Status.error(new Error(`running Normalize on Score plugins "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
      }
      const w = wp.weight;
      for (let i = 0; i < n; i++) {
        const s = scores[i]!;
        if (s > MAX_NODE_SCORE || s < MIN_NODE_SCORE) {
          return Status.error(new Error(`plugin "${pl.name}" returns an invalid score ${s}, it should in the range of [${MIN_NODE_SCORE}, ${MAX_NODE_SCORE}] after normalizing`)).withPlugin(pl.name);
        }
        totals[i]! += s * w;
      }
    }
    return null;
  }

  runReservePluginsReserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    for (const pl of this.reservePlugins) {
      let s: Status | null;
      try {
        s = pl.reserve(state, pod, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== null && s.code !== Code.Success) {
        if (s.isRejected()) return s.withPlugin(pl.name);
        return Status.error(new Error(`running Reserve plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
      }
    }
    return null;
  }

  /** Unreserve in reverse order; failures are swallowed (it must be idempotent and safe). */
  runReservePluginsUnreserve(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (let i = this.reservePlugins.length - 1; i >= 0; i--) {
      try {
        this.reservePlugins[i]!.unreserve(state, pod, nodeName);
      } catch {
        // Unreserve must not fail the cleanup of the others.
      }
    }
  }

  runPermitPlugins(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    const timeouts = new Map<string, number>();
    for (const pl of this.permitPlugins) {
      let r: { status: Status | null; timeoutMs: number };
      try {
        r = pl.permit(state, pod, nodeName);
      } catch (err) {
        r = { status: Status.error(err), timeoutMs: 0 };
      }
      const s = r.status;
      if (s === null || s.code === Code.Success) continue;
      if (s.isRejected()) return s.withPlugin(pl.name);
      if (s.isWait()) {
        timeouts.set(pl.name, Math.min(r.timeoutMs, 15 * 60_000));
        continue;
      }
      return Status.error(new Error(`running Permit plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
    }
    if (timeouts.size > 0) {
      this.#waiting.set(pod.key, new WaitingPodImpl(pod, timeouts, this.clock));
      return Status.wait(`one or more plugins asked to wait and no plugin rejected pod "${pod.name}"`);
    }
    return null;
  }

  /** Whether the pod is held at Permit. */
  isWaiting(pod: PodInfo): boolean {
    return this.#waiting.has(pod.key);
  }

  async waitOnPermit(pod: PodInfo): Promise<Status | null> {
    const wp = this.#waiting.get(pod.key);
    if (!wp) return null;
    try {
      return await wp.done;
    } finally {
      this.#waiting.delete(pod.key);
    }
  }

  async runPreBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    for (const pl of this.preBindPlugins) {
      let s: Status | null;
      try {
        s = await pl.preBind(state, pod, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== null && s.code !== Code.Success) {
        if (s.isRejected()) return s.withPlugin(pl.name);
        return Status.error(new Error(`running PreBind plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
      }
    }
    return null;
  }

  async runBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    let last: Status | null = Status.skip();
    for (const pl of this.bindPlugins) {
      let s: Status | null;
      try {
        s = await pl.bind(state, pod, nodeName);
      } catch (err) {
        s = Status.error(err);
      }
      if (s !== null && s.isSkip()) {
        last = s;
        continue;
      }
      if (s !== null && s.code !== Code.Success) {
        if (s.isRejected()) return s.withPlugin(pl.name);
        return Status.error(new Error(`running Bind plugin "${pl.name}": ${s.message()}`)).withPlugin(pl.name);
      }
      return null;
    }
    return last;
  }

  runPostBindPlugins(state: CycleState, pod: PodInfo, nodeName: string): void {
    for (const pl of this.postBindPlugins) {
      try {
        pl.postBind(state, pod, nodeName);
      } catch {
        // Informational only.
      }
    }
  }

  newCycleState(): CycleState {
    return new CycleState();
  }
}
