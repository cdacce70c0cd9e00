// The pods table as Kubernetes 1.32 prints it: READY counts ready containers (sidecars
// included), STATUS condenses phase, init progress and container states into one word, and
// RESTARTS adds how long ago the last restart was. The wide columns are IP, NODE, NOMINATED
// NODE and READINESS GATES.

import { humanDuration } from '../../duration.js';
import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { instant, int, present, records, text } from './read.js';

interface ContainerState {
  waiting?: { reason?: string };
  running?: object;
  terminated?: { reason?: string; exitCode?: number; signal?: number; finishedAt?: string };
}

interface ContainerStatus {
  name?: string;
  ready?: boolean;
  started?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface Container {
  name?: string;
  restartPolicy?: string;
}

interface PodCondition {
  type?: string;
  status?: string;
  reason?: string;
}

interface Pod extends KubeObject {
  spec?: {
    containers?: Container[];
    initContainers?: Container[];
    nodeName?: string;
    readinessGates?: { conditionType?: string }[];
  };
  status?: {
    phase?: string;
    reason?: string;
    conditions?: PodCondition[];
    initContainerStatuses?: ContainerStatus[];
    containerStatuses?: ContainerStatus[];
    podIP?: string;
    podIPs?: { ip?: string }[];
    nominatedNodeName?: string;
  };
}

/** The reason the node lifecycle controller gives pods on a node that stopped responding. */
const NODE_UNREACHABLE_REASON = 'NodeLost';

/** Sidecars: init containers that keep running beside the main ones. */
function isRestartable(c: Container | undefined): boolean {
  return c?.restartPolicy === 'Always';
}

/** Keeps the latest time at which a container last terminated. */
function laterRestart(latest: number | undefined, s: ContainerStatus): number | undefined {
  if (!present(s.lastState?.terminated)) return latest;
  const t = instant(s.lastState?.terminated?.finishedAt);
  if (t === undefined) return latest;
  return latest === undefined || t > latest ? t : latest;
}

function hasCondition(conditions: PodCondition[], type: string): boolean {
  return conditions.some((c) => text(c.type) === type && text(c.status) === 'True');
}

/** Whether the Initialized condition (the first one of that type) is true. */
function initializedConditionTrue(conditions: PodCondition[]): boolean {
  const c = conditions.find((x) => text(x.type) === 'Initialized');
  return c !== undefined && text(c.status) === 'True';
}

function podRow(obj: KubeObject, now: Date): TableCell[] {
  const pod = obj as Pod;
  const spec = present(pod.spec) ? pod.spec : undefined;
  const status = present(pod.status) ? pod.status : undefined;
  const containers = records(spec?.containers);
  const initContainers = records(spec?.initContainers);
  const conditions = records(status?.conditions);
  const phase = text(status?.phase);

  let total = containers.length;
  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;

  let reason = text(status?.reason) || phase;
  if (conditions.some((c) => text(c.type) === 'PodScheduled' && text(c.reason) === 'SchedulingGated')) {
    reason = 'SchedulingGated';
  }

  const initByName = new Map<string, Container>();
  for (const c of initContainers) {
    initByName.set(text(c.name), c);
    if (isRestartable(c)) total++;
  }

  // Init containers run in order, so the first one not yet done decides the status.
  let initializing = false;
  const initStatuses = records(status?.initContainerStatuses);
  for (const [i, s] of initStatuses.entries()) {
    const sidecar = isRestartable(initByName.get(text(s.name)));
    restarts += int(s.restartCount);
    lastRestart = laterRestart(lastRestart, s);
    if (sidecar) {
      sidecarRestarts += int(s.restartCount);
      lastSidecarRestart = laterRestart(lastSidecarRestart, s);
    }
    const terminated = present(s.state?.terminated) ? s.state?.terminated : undefined;
    const waiting = present(s.state?.waiting) ? s.state?.waiting : undefined;
    if (terminated && int(terminated.exitCode) === 0) continue;
    if (sidecar && s.started === true) {
      if (s.ready === true) ready++;
      continue;
    }
    if (terminated) {
      const why = text(terminated.reason);
      if (why) reason = `Init:${why}`;
      else if (int(terminated.signal) !== 0) reason = `Init:Signal:${int(terminated.signal)}`;
      else reason = `Init:ExitCode:${int(terminated.exitCode)}`;
    } else if (waiting && text(waiting.reason) && text(waiting.reason) !== 'PodInitializing') {
      reason = `Init:${text(waiting.reason)}`;
    } else {
      reason = `Init:${i}/${initContainers.length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || initializedConditionTrue(conditions)) {
    // Once initialized, only sidecars' restarts still count among the init containers'.
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = records(status?.containerStatuses);
    // The first container's state wins, so walk them last to first.
    for (let i = statuses.length - 1; i >= 0; i--) {
      const s = statuses[i]!;
      restarts += int(s.restartCount);
      lastRestart = laterRestart(lastRestart, s);
      const terminated = present(s.state?.terminated) ? s.state?.terminated : undefined;
      const waiting = present(s.state?.waiting) ? s.state?.waiting : undefined;
      if (waiting && text(waiting.reason)) {
        reason = text(waiting.reason);
      } else if (terminated && text(terminated.reason)) {
        reason = text(terminated.reason);
      } else if (terminated) {
        reason = int(terminated.signal) !== 0 ? `Signal:${int(terminated.signal)}` : `ExitCode:${int(terminated.exitCode)}`;
      } else if (s.ready === true && present(s.state?.running)) {
        hasRunning = true;
        ready++;
      }
    }
    // A finished container beside a running one does not make the pod Completed.
    if (reason === 'Completed' && hasRunning) {
      reason = hasCondition(conditions, 'Ready') ? 'Running' : 'NotReady';
    }
  }

  const deleting = pod.metadata?.deletionTimestamp != null;
  if (deleting && text(status?.reason) === NODE_UNREACHABLE_REASON) {
    reason = 'Unknown';
  } else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') {
    reason = 'Terminating';
  }

  let restartCell = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) {
    restartCell = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;
  }

  // Go reads podIPs, which the v1 conversion fills from podIP when only that is set.
  const podIPs = records(status?.podIPs);
  const ip = (podIPs.length > 0 ? text(podIPs[0]!.ip) : text(status?.podIP)) || '<none>';

  let gates = '<none>';
  const readinessGates = records(spec?.readinessGates);
  if (readinessGates.length > 0) {
    let met = 0;
    for (const gate of readinessGates) {
      const c = conditions.find((x) => text(x.type) === text(gate.conditionType));
      if (c !== undefined && text(c.status) === 'True') met++;
    }
    gates = `${met}/${readinessGates.length}`;
  }

  return [
    text(pod.metadata?.name),
    `${ready}/${total}`,
    reason,
    restartCell,
    age(pod, now),
    ip,
    text(spec?.nodeName) || '<none>',
    text(status?.nominatedNodeName) || '<none>',
    gates,
  ];
}

export const POD_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Ready containers out of all containers, sidecars included.'),
    column('Status', 'string', 'A one-word summary of the pod and its containers.'),
    column('Restarts', 'string', 'Container restarts so far, and how long ago the last one was.'),
    AGE_COLUMN,
    column('IP', 'string', 'The primary IP address of the pod.', 1),
    column('Node', 'string', 'The node the pod is bound to.', 1),
    column('Nominated Node', 'string', 'The node preemption made room on, while the pod waits for it.', 1),
    column('Readiness Gates', 'string', 'Readiness gates whose condition is true, out of all.', 1),
  ],
  row: podRow,
};
