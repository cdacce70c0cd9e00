// The life of a pod on a simulated node, decided once from its spec and annotations: when its
// containers start, when each becomes started and ready, and when (if ever) each exits.
// Pure; times are milliseconds since the epoch.
//
//  - The simulated kubelet first sees the pod at startTime (status.startTime). Its init
//    containers run and complete, and its containers start, podStartDelayMs later (runAt).
//  - Probes are not run; their timing is honoured. A container with a startupProbe is
//    started initialDelaySeconds after runAt, and one with a readinessProbe is ready
//    initialDelaySeconds after runAt (and not before it is started). Without probes a
//    container is started and ready at runAt.
//  - A probe that can never succeed never does: an exec probe whose command is `false`
//    (/bin/false, /usr/bin/false). `readinessProbe: {exec: {command: [false]}}` is how a
//    manifest asks for a pod that runs but never becomes ready.
//  - Containers of a pod with restartPolicy Never or OnFailure exit after the annotation
//    kite.io/simulated-run-seconds (decimal seconds after runAt), with the exit code of
//    kite.io/simulated-exit-code (default 0). Without the annotation, or with restartPolicy
//    Always, they run until the pod is deleted. Restarts are not simulated: OnFailure with a
//    non-zero code fails the pod as Never does.
//  - Init containers with restartPolicy Always (sidecars) run like containers; the others
//    complete with exit code 0 at runAt.

import type { Container, Pod, Probe } from '../../api/types/core-v1.js';

export const RUN_SECONDS_ANNOTATION = 'kite.io/simulated-run-seconds';
export const EXIT_CODE_ANNOTATION = 'kite.io/simulated-exit-code';

export interface ContainerTimeline {
  readonly name: string;
  readonly image: string;
  /** Init containers that complete before the others start; false for sidecars. */
  readonly runsToCompletion: boolean;
  /** Running from (for a completing init container: started and finished at once). */
  readonly runningAt: number;
  /** `started` is true from (Infinity: never). */
  readonly startedAt: number;
  /** `ready` is true from (Infinity: never). */
  readonly readyAt: number;
  /** Exits at (Infinity: runs until stopped). */
  readonly exitAt: number;
  readonly exitCode: number;
}

export interface PodTimeline {
  readonly startTime: number;
  readonly runAt: number;
  readonly initContainers: readonly ContainerTimeline[];
  readonly containers: readonly ContainerTimeline[];
}

export interface TimelineSettings {
  readonly startTime: number;
  readonly podStartDelayMs: number;
}

export function podTimeline(pod: Pod, s: TimelineSettings): PodTimeline {
  const runAt = s.startTime + s.podStartDelayMs;
  const exit = plannedExit(pod, runAt);
  return {
    startTime: s.startTime,
    runAt,
    initContainers: (pod.spec?.initContainers ?? []).map((c) =>
      // A sidecar stops (cleanly) when the pod's containers have exited.
      c.restartPolicy === 'Always' ? containerTimeline(c, runAt, exit && { at: exit.at, code: 0 }) : completedInit(c, runAt),
    ),
    containers: (pod.spec?.containers ?? []).map((c) => containerTimeline(c, runAt, exit)),
  };
}

function containerTimeline(c: Container, runAt: number, exit: { at: number; code: number } | undefined): ContainerTimeline {
  const startedAt = probeSucceedsAt(c.startupProbe, runAt);
  const readyAt = Math.max(startedAt, probeSucceedsAt(c.readinessProbe, runAt));
  return {
    name: c.name,
    image: c.image ?? '',
    runsToCompletion: false,
    runningAt: runAt,
    startedAt,
    readyAt,
    exitAt: exit?.at ?? Infinity,
    exitCode: exit?.code ?? 0,
  };
}

function completedInit(c: Container, runAt: number): ContainerTimeline {
  return { name: c.name, image: c.image ?? '', runsToCompletion: true, runningAt: runAt, startedAt: Infinity, readyAt: Infinity, exitAt: runAt, exitCode: 0 };
}

/** When a probe first succeeds: after its initial delay, or never for an exec of `false`. */
export function probeSucceedsAt(probe: Probe | undefined, runAt: number): number {
  if (!probe) return runAt;
  if (neverSucceeds(probe)) return Infinity;
  return runAt + Math.max(0, probe.initialDelaySeconds ?? 0) * 1000;
}

function neverSucceeds(probe: Probe): boolean {
  const command = probe.exec?.command;
  if (!command || command.length === 0) return false;
  const program = command[0]!.split('/').pop();
  return program === 'false';
}

/** When the containers of a run-to-completion pod exit, and with which code. */
function plannedExit(pod: Pod, runAt: number): { at: number; code: number } | undefined {
  if ((pod.spec?.restartPolicy ?? 'Always') === 'Always') return undefined;
  const annotations = pod.metadata.annotations ?? {};
  const seconds = Number(annotations[RUN_SECONDS_ANNOTATION]);
  if (annotations[RUN_SECONDS_ANNOTATION] === undefined || !Number.isFinite(seconds) || seconds < 0) return undefined;
  const code = Number(annotations[EXIT_CODE_ANNOTATION] ?? '0');
  return { at: runAt + seconds * 1000, code: Number.isInteger(code) && code >= 0 && code <= 255 ? code : 1 };
}

/** The earliest moment after now at which the pod's status changes (undefined: never). */
export function nextChange(t: PodTimeline, now: number): number | undefined {
  let next = Infinity;
  const consider = (at: number): void => {
    if (at > now && at < next) next = at;
  };
  consider(t.runAt);
  for (const c of [...t.initContainers, ...t.containers]) {
    consider(c.startedAt);
    consider(c.readyAt);
    consider(c.exitAt);
  }
  return Number.isFinite(next) ? next : undefined;
}
