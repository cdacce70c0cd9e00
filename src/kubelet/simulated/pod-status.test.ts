import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Container, Pod, PodCondition, PodStatus } from '../../api/types/core-v1.js';
import { podStatusAt } from './pod-status.js';
import { EXIT_CODE_ANNOTATION, nextChange, podTimeline, RUN_SECONDS_ANNOTATION } from './pod-timeline.js';

const T0 = Date.UTC(2025, 0, 1, 12, 0, 0);
const DELAY = 1000;
const NET = { hostIP: '172.16.1.1', podIP: '10.42.0.2' };
/** metav1.Time: whole seconds. */
const iso = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

/** A pod builder: makePod().container('web').build(). */
function makePod() {
  const pod: Pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', uid: 'uid-1' }, spec: { containers: [] }, status: { phase: 'Pending', qosClass: 'BestEffort' } };
  const b = {
    container(name: string, extra: Partial<Container> = {}) {
      pod.spec!.containers.push({ name, image: 'nginx', ...extra });
      return b;
    },
    init(name: string, extra: Partial<Container> = {}) {
      (pod.spec!.initContainers ??= []).push({ name, image: 'busybox', ...extra });
      return b;
    },
    restartPolicy(p: string) {
      pod.spec!.restartPolicy = p;
      return b;
    },
    annotations(a: Record<string, string>) {
      pod.metadata.annotations = a;
      return b;
    },
    readinessGate(type: string) {
      (pod.spec!.readinessGates ??= []).push({ conditionType: type });
      return b;
    },
    conditions(c: PodCondition[]) {
      pod.status!.conditions = c;
      return b;
    },
    build: () => pod,
  };
  return b;
}

function statusAt(pod: Pod, offsetMs: number, stoppedAfterMs?: number): PodStatus {
  const t = podTimeline(pod, { startTime: T0, podStartDelayMs: DELAY });
  return podStatusAt(pod, t, T0 + offsetMs, NET, stoppedAfterMs === undefined ? undefined : T0 + stoppedAfterMs);
}

/** type=status(reason) for each condition, in order. */
function conds(s: PodStatus): string[] {
  return (s.conditions ?? []).map((c) => `${c.type}=${c.status}${c.reason ? `(${c.reason})` : ''}`);
}

function stateOf(s: PodStatus, i = 0): string {
  const c = s.containerStatuses![i]!;
  const kind = Object.keys(c.state ?? {})[0]!;
  const detail = c.state?.waiting?.reason ?? c.state?.terminated?.reason ?? '';
  return `${kind}${detail ? `:${detail}` : ''} ready=${c.ready} started=${c.started}`;
}

describe('pod status on a simulated node', () => {
  it('is Pending with ContainerCreating before the start delay has passed', () => {
    const s = statusAt(makePod().container('web').build(), 500);
    assert.equal(s.phase, 'Pending');
    assert.equal(s.podIP, undefined);
    assert.equal(s.hostIP, NET.hostIP);
    assert.deepEqual(s.hostIPs, [{ ip: NET.hostIP }]);
    assert.equal(s.startTime, iso(T0));
    assert.equal(stateOf(s), 'waiting:ContainerCreating ready=false started=false');
    assert.deepEqual(conds(s), [
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False(ContainersNotReady)',
      'ContainersReady=False(ContainersNotReady)',
      'PodScheduled=True',
    ]);
    assert.equal(s.conditions![2]!.message, 'containers with unready status: [web]');
    assert.equal(s.qosClass, 'BestEffort');
  });

  it('is Running and Ready with an IP once started', () => {
    const s = statusAt(makePod().container('web').container('log', { image: 'registry.k8s.io/pause:3.10' }).build(), DELAY);
    assert.equal(s.phase, 'Running');
    assert.equal(s.podIP, NET.podIP);
    assert.deepEqual(s.podIPs, [{ ip: NET.podIP }]);
    assert.deepEqual(conds(s), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    for (const c of s.conditions!) assert.equal(c.lastProbeTime, null);
    assert.equal(s.conditions![2]!.lastTransitionTime, iso(T0 + DELAY));
    const [web, log] = s.containerStatuses!;
    assert.deepEqual(web!.state, { running: { startedAt: iso(T0 + DELAY) } });
    assert.equal(web!.image, 'docker.io/library/nginx:latest');
    assert.match(web!.imageID, /^docker\.io\/library\/nginx@sha256:/);
    assert.match(web!.containerID!, /^sim:\/\//);
    assert.equal(web!.restartCount, 0);
    assert.deepEqual(web!.lastState, {});
    assert.equal(log!.image, 'registry.k8s.io/pause:3.10');
  });

  it('honours readinessProbe.initialDelaySeconds', () => {
    const pod = makePod().container('web', { readinessProbe: { httpGet: { port: 80 }, initialDelaySeconds: 5 } }).build();
    assert.equal(stateOf(statusAt(pod, DELAY + 4999)), 'running ready=false started=true');
    assert.deepEqual(conds(statusAt(pod, DELAY + 4999)).slice(2, 4), ['Ready=False(ContainersNotReady)', 'ContainersReady=False(ContainersNotReady)']);
    assert.equal(stateOf(statusAt(pod, DELAY + 5000)), 'running ready=true started=true');
    assert.equal(nextChange(podTimeline(pod, { startTime: T0, podStartDelayMs: DELAY }), T0 + DELAY), T0 + DELAY + 5000);
  });

  it('never becomes ready with a readinessProbe exec of false', () => {
    for (const command of [['false'], ['/bin/false'], ['/usr/bin/false', '--x']]) {
      const pod = makePod().container('web', { readinessProbe: { exec: { command } } }).build();
      const s = statusAt(pod, 3_600_000);
      assert.equal(s.phase, 'Running');
      assert.equal(stateOf(s), 'running ready=false started=true');
      assert.equal(nextChange(podTimeline(pod, { startTime: T0, podStartDelayMs: DELAY }), T0 + DELAY), undefined);
    }
  });

  it('is not started before its startupProbe succeeds', () => {
    const pod = makePod().container('web', { startupProbe: { tcpSocket: { port: 80 }, initialDelaySeconds: 2 } }).build();
    assert.equal(stateOf(statusAt(pod, DELAY + 1000)), 'running ready=false started=false');
    assert.equal(stateOf(statusAt(pod, DELAY + 2000)), 'running ready=true started=true');
  });

  it('runs init containers to completion first', () => {
    const pod = makePod().init('setup').container('web').build();
    const pending = statusAt(pod, 0);
    assert.deepEqual(conds(pending).slice(0, 2), ['PodReadyToStartContainers=False', 'Initialized=False(ContainersNotInitialized)']);
    assert.equal(pending.conditions![1]!.message, 'containers with incomplete status: [setup]');
    assert.deepEqual(pending.initContainerStatuses![0]!.state, { waiting: { reason: 'PodInitializing' } });
    const running = statusAt(pod, DELAY);
    assert.equal(running.initContainerStatuses![0]!.state!.terminated!.reason, 'Completed');
    assert.equal(running.initContainerStatuses![0]!.state!.terminated!.exitCode, 0);
    assert.equal(running.initContainerStatuses![0]!.ready, false);
    assert.deepEqual(conds(running).slice(0, 2), ['PodReadyToStartContainers=True', 'Initialized=True']);
  });

  it('keeps sidecars running and counts them for readiness', () => {
    const pod = makePod().init('proxy', { restartPolicy: 'Always', readinessProbe: { exec: { command: ['false'] } } }).container('web').build();
    const s = statusAt(pod, DELAY);
    assert.equal(s.initContainerStatuses![0]!.state!.running !== undefined, true);
    assert.deepEqual(conds(s).slice(1, 4), ['Initialized=True', 'Ready=False(ContainersNotReady)', 'ContainersReady=False(ContainersNotReady)']);
    assert.equal(s.conditions![2]!.message, 'containers with unready status: [proxy]');
  });

  it('completes a run-to-completion pod after kite.io/simulated-run-seconds', () => {
    const pod = makePod().container('job').restartPolicy('Never').annotations({ [RUN_SECONDS_ANNOTATION]: '2.5' }).build();
    assert.equal(statusAt(pod, DELAY + 2499).phase, 'Running');
    const s = statusAt(pod, DELAY + 2500);
    assert.equal(s.phase, 'Succeeded');
    assert.deepEqual(s.containerStatuses![0]!.state!.terminated, {
      exitCode: 0,
      reason: 'Completed',
      startedAt: iso(T0 + DELAY),
      finishedAt: iso(T0 + DELAY + 2500),
      containerID: s.containerStatuses![0]!.containerID,
    });
    assert.equal(s.podIP, NET.podIP, 'a terminal pod keeps its IP in status');
    assert.deepEqual(conds(s), [
      'PodReadyToStartContainers=False',
      'Initialized=True',
      'Ready=False(PodCompleted)',
      'ContainersReady=False(PodCompleted)',
      'PodScheduled=True',
    ]);
  });

  it('fails a pod whose containers exit with kite.io/simulated-exit-code', () => {
    const pod = makePod().container('job').restartPolicy('OnFailure').annotations({ [RUN_SECONDS_ANNOTATION]: '1', [EXIT_CODE_ANNOTATION]: '3' }).build();
    const s = statusAt(pod, DELAY + 1000);
    assert.equal(s.phase, 'Failed');
    assert.equal(s.containerStatuses![0]!.state!.terminated!.exitCode, 3);
    assert.equal(s.containerStatuses![0]!.state!.terminated!.reason, 'Error');
    assert.deepEqual(conds(s).slice(2, 4), ['Ready=False(PodFailed)', 'ContainersReady=False(PodFailed)']);
  });

  it('ignores the run-seconds annotation for restartPolicy Always', () => {
    const pod = makePod().container('web').annotations({ [RUN_SECONDS_ANNOTATION]: '1' }).build();
    assert.equal(statusAt(pod, DELAY + 60_000).phase, 'Running');
  });

  it('terminates running containers cleanly when stopped', () => {
    const s = statusAt(makePod().container('web').build(), DELAY + 5000, DELAY + 5000);
    assert.equal(s.phase, 'Succeeded');
    assert.equal(s.containerStatuses![0]!.state!.terminated!.exitCode, 0);
    assert.equal(s.containerStatuses![0]!.state!.terminated!.finishedAt, iso(T0 + DELAY + 5000));
  });

  it('reports containers that never started as ContainerStatusUnknown when stopped', () => {
    const s = statusAt(makePod().container('web').build(), 200, 200);
    assert.equal(s.phase, 'Failed');
    assert.equal(s.containerStatuses![0]!.state!.terminated!.reason, 'ContainerStatusUnknown');
    assert.equal(s.containerStatuses![0]!.state!.terminated!.exitCode, 137);
  });

  it('waits for readiness gates', () => {
    const missing = statusAt(makePod().container('web').readinessGate('example.com/lb').build(), DELAY);
    assert.deepEqual(conds(missing).slice(2, 4), ['Ready=False(ReadinessGatesNotReady)', 'ContainersReady=True']);
    assert.equal(missing.conditions![2]!.message, 'corresponding condition of pod readiness gate "example.com/lb" does not exist.');
    const gate: PodCondition = { type: 'example.com/lb', status: 'True' };
    const met = statusAt(makePod().container('web').readinessGate('example.com/lb').conditions([gate]).build(), DELAY);
    assert.deepEqual(conds(met), ['example.com/lb=True', 'PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
  });

  it('keeps the lastTransitionTime of a condition whose status did not change', () => {
    const scheduledAt = '2024-12-31T23:59:00Z';
    const pod = makePod()
      .container('web')
      .conditions([{ type: 'PodScheduled', status: 'True', lastTransitionTime: scheduledAt }])
      .build();
    assert.equal(statusAt(pod, DELAY).conditions!.find((c) => c.type === 'PodScheduled')!.lastTransitionTime, scheduledAt);
  });

  it('is the same at the same moment (writes are idempotent)', () => {
    const pod = makePod().container('web').build();
    assert.deepEqual(statusAt(pod, DELAY + 10), statusAt(pod, DELAY + 10));
  });
});
