// The status a simulated kubelet reports for a pod at a moment of its timeline, shaped as the
// kubelet's (pkg/kubelet/kubelet_pods.go generateAPIPodStatus, pkg/kubelet/status): phase,
// IPs, startTime, the kubelet's conditions (PodReadyToStartContainers, Initialized, Ready,
// ContainersReady, PodScheduled, in that order, after any condition the kubelet does not own),
// init and regular container statuses, and the qosClass the API server set. Pure.
//
// A condition keeps its lastTransitionTime while its status stays the same (the status
// manager's rule); a changed one takes the time of the change on the timeline. Reasons and
// messages are the kubelet's: ContainersNotReady "containers with unready status: [a b]",
// ContainersNotInitialized "containers with incomplete status: [i]", PodCompleted and
// PodFailed for terminal pods, ReadinessGatesNotReady for unmet readiness gates.
//
// stoppedAt (deletion) ends every container still running at that moment with exit code 0
// (a graceful stop); a container that never started ends as ContainerStatusUnknown (137).

import type { ContainerState, ContainerStatus, Pod, PodCondition, PodStatus } from '../../api/types/core-v1.js';
import { containerID, imageID, normalizeImage } from './container-image.js';
import { rfc3339 } from './node-template.js';
import type { ContainerTimeline, PodTimeline } from './pod-timeline.js';

export interface PodNetwork {
  readonly hostIP: string;
  /** undefined until the pod has an address (hostNetwork pods use the hostIP). */
  readonly podIP: string | undefined;
}

/** Go's zero metav1.Time, which encodes as null (lastProbeTime of every pod condition). */
const ZERO_TIME = null as unknown as string;

const KUBELET_CONDITIONS = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';

/** One container's state at a moment. */
type Moment =
  | { readonly kind: 'waiting'; readonly reason: string }
  | { readonly kind: 'running'; readonly since: number; readonly started: boolean; readonly ready: boolean }
  | { readonly kind: 'terminated'; readonly exitCode: number; readonly reason: string; readonly message?: string; readonly since: number; readonly at: number };

interface Snapshot {
  readonly phase: Phase;
  readonly init: readonly Moment[];
  readonly containers: readonly Moment[];
  /** When the pod reached its terminal phase. */
  readonly endedAt: number;
}

export function podStatusAt(pod: Pod, t: PodTimeline, now: number, net: PodNetwork, stoppedAt?: number): PodStatus {
  const snap = snapshot(t, now, stoppedAt, pod.spec?.initContainers?.length ? 'PodInitializing' : 'ContainerCreating');
  const old = pod.status ?? {};
  const status: PodStatus = {
    phase: snap.phase,
    conditions: conditions(pod, t, snap),
    hostIP: net.hostIP,
    hostIPs: [{ ip: net.hostIP }],
  };
  const podIP = snap.phase === 'Pending' ? undefined : net.podIP;
  if (podIP) {
    status.podIP = podIP;
    status.podIPs = [{ ip: podIP }];
  }
  status.startTime = rfc3339(t.startTime);
  if (t.initContainers.length > 0) status.initContainerStatuses = t.initContainers.map((c, i) => containerStatus(pod, c, snap.init[i]!));
  status.containerStatuses = t.containers.map((c, i) => containerStatus(pod, c, snap.containers[i]!));
  if (old.qosClass) status.qosClass = old.qosClass;
  return status;
}

function snapshot(t: PodTimeline, now: number, stoppedAt: number | undefined, waitingReason: string): Snapshot {
  const init = t.initContainers.map((c) => moment(c, now, stoppedAt, waitingReason));
  const containers = t.containers.map((c) => moment(c, now, stoppedAt, waitingReason));
  const all = [...init.filter((_, i) => !t.initContainers[i]!.runsToCompletion), ...containers];
  const ended = containers.length > 0 && all.every((m) => m.kind === 'terminated');
  let phase: Phase = now < t.runAt && stoppedAt === undefined ? 'Pending' : 'Running';
  let endedAt = Infinity;
  if (ended) {
    phase = all.some((m) => m.kind === 'terminated' && m.exitCode !== 0) ? 'Failed' : 'Succeeded';
    endedAt = Math.max(...all.map((m) => (m.kind === 'terminated' ? m.at : 0)));
  }
  return { phase, init, containers, endedAt };
}

function moment(c: ContainerTimeline, now: number, stoppedAt: number | undefined, waitingReason: string): Moment {
  const stop = stoppedAt ?? Infinity;
  const exit = Math.min(c.exitAt, stop);
  if (c.runningAt > now || c.runningAt >= stop) {
    if (stoppedAt === undefined || now < stoppedAt) return { kind: 'waiting', reason: waitingReason };
    return { kind: 'terminated', exitCode: 137, reason: 'ContainerStatusUnknown', message: 'The container could not be located when the pod was terminated', since: stop, at: stop };
  }
  if (now >= exit) {
    const code = exit === c.exitAt ? c.exitCode : 0;
    return { kind: 'terminated', exitCode: code, reason: code === 0 ? 'Completed' : 'Error', since: c.runningAt, at: exit };
  }
  const started = now >= c.startedAt;
  return { kind: 'running', since: c.runningAt, started, ready: started && now >= c.readyAt };
}

function containerStatus(pod: Pod, c: ContainerTimeline, m: Moment): ContainerStatus {
  const image = normalizeImage(c.image);
  if (m.kind === 'waiting') {
    return { name: c.name, state: { waiting: { reason: m.reason } }, lastState: {}, ready: false, restartCount: 0, image, imageID: '', started: false };
  }
  const id = containerID(pod.metadata.uid ?? '', c.name);
  const state: ContainerState =
    m.kind === 'running'
      ? { running: { startedAt: rfc3339(m.since) } }
      : {
          terminated: {
            exitCode: m.exitCode,
            reason: m.reason,
            ...(m.message ? { message: m.message } : {}),
            startedAt: rfc3339(m.since),
            finishedAt: rfc3339(m.at),
            containerID: id,
          },
        };
  const running = m.kind === 'running';
  return {
    name: c.name,
    state,
    lastState: {},
    ready: running && m.ready,
    restartCount: 0,
    image,
    imageID: imageID(c.image),
    containerID: id,
    started: running && m.started,
  };
}

// ---- conditions ----

interface Verdict {
  readonly status: 'True' | 'False';
  /** When the condition took this status on the timeline. */
  readonly since: number;
  readonly reason?: string;
  readonly message?: string;
}

function conditions(pod: Pod, t: PodTimeline, snap: Snapshot): PodCondition[] {
  const old = pod.status?.conditions ?? [];
  const containersReady = containersReadyVerdict(t, snap);
  const verdicts: [string, Verdict][] = [
    ['PodReadyToStartContainers', sandboxVerdict(t, snap)],
    ['Initialized', initializedVerdict(t, snap)],
    ['Ready', readyVerdict(pod, containersReady)],
    ['ContainersReady', containersReady],
    ['PodScheduled', { status: 'True', since: t.startTime }],
  ];
  const foreign = old.filter((c) => !KUBELET_CONDITIONS.has(c.type));
  return [...foreign, ...verdicts.map(([type, v]) => condition(type, v, old))];
}

function condition(type: string, v: Verdict, old: readonly PodCondition[]): PodCondition {
  const previous = old.find((c) => c.type === type);
  const c: PodCondition = {
    type,
    status: v.status,
    lastProbeTime: ZERO_TIME,
    lastTransitionTime: previous?.status === v.status && previous.lastTransitionTime ? previous.lastTransitionTime : rfc3339(v.since),
  };
  if (v.reason) c.reason = v.reason;
  if (v.message) c.message = v.message;
  return c;
}

function terminal(snap: Snapshot): boolean {
  return snap.phase === 'Succeeded' || snap.phase === 'Failed';
}

function sandboxVerdict(t: PodTimeline, snap: Snapshot): Verdict {
  if (terminal(snap)) return { status: 'False', since: snap.endedAt };
  return snap.phase === 'Pending' ? { status: 'False', since: t.startTime } : { status: 'True', since: t.runAt };
}

function initializedVerdict(t: PodTimeline, snap: Snapshot): Verdict {
  if (t.initContainers.length === 0) return { status: 'True', since: t.startTime };
  if (snap.phase === 'Succeeded') return { status: 'True', since: t.runAt, reason: 'PodCompleted' };
  const incomplete = t.initContainers.filter((c, i) => {
    const m = snap.init[i]!;
    return c.runsToCompletion ? !(m.kind === 'terminated' && m.exitCode === 0) : !(m.kind === 'running' && m.started) && m.kind !== 'terminated';
  });
  if (incomplete.length === 0) return { status: 'True', since: t.runAt };
  return { status: 'False', since: t.startTime, reason: 'ContainersNotInitialized', message: `containers with incomplete status: ${goList(incomplete.map((c) => c.name))}` };
}

function containersReadyVerdict(t: PodTimeline, snap: Snapshot): Verdict {
  if (snap.phase === 'Succeeded') return { status: 'False', since: snap.endedAt, reason: 'PodCompleted' };
  if (snap.phase === 'Failed') return { status: 'False', since: snap.endedAt, reason: 'PodFailed' };
  const considered = [
    ...t.initContainers.map((c, i) => ({ c, m: snap.init[i]! })).filter(({ c }) => !c.runsToCompletion),
    ...t.containers.map((c, i) => ({ c, m: snap.containers[i]! })),
  ];
  const unready = considered.filter(({ m }) => !(m.kind === 'running' && m.ready)).map(({ c }) => c.name);
  if (unready.length > 0) {
    return { status: 'False', since: t.startTime, reason: 'ContainersNotReady', message: `containers with unready status: ${goList(unready)}` };
  }
  return { status: 'True', since: Math.max(t.runAt, ...considered.map(({ c }) => Math.max(c.startedAt, c.readyAt))) };
}

/** Ready: ContainersReady, and every readiness gate's condition True. */
function readyVerdict(pod: Pod, containersReady: Verdict): Verdict {
  if (containersReady.status !== 'True') return containersReady;
  const problems: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = pod.status?.conditions?.find((x) => x.type === gate.conditionType);
    if (!c) problems.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    else if (c.status !== 'True') problems.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
  }
  if (problems.length === 0) return containersReady;
  return { status: 'False', since: containersReady.since, reason: 'ReadinessGatesNotReady', message: problems.join(', ') };
}

/** Go's %s of a []string: [a b c]. */
function goList(names: readonly string[]): string {
  return `[${names.join(' ')}]`;
}
