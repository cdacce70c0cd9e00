import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KubeObject } from '../../meta.js';
import { POD_TABLE } from './pod.js';
import { ODD_OBJECTS, ago, cells, pick } from './testing.js';

type Json = Record<string, unknown>;

/** Builds pods for the cases below: containers and their statuses are added in pairs. */
class PodBuilder {
  readonly #pod: Json & { metadata: Json; spec: Json & { containers: Json[]; initContainers: Json[] }; status: Json };

  constructor(name = 'web') {
    this.#pod = {
      metadata: { name, creationTimestamp: ago(3600) },
      spec: { containers: [], initContainers: [] },
      status: { phase: 'Running', conditions: [], containerStatuses: [], initContainerStatuses: [] },
    };
  }

  phase(phase: string, reason?: string): this {
    this.#pod.status['phase'] = phase;
    if (reason !== undefined) this.#pod.status['reason'] = reason;
    return this;
  }

  container(name: string, status: Json): this {
    this.#pod.spec.containers.push({ name, image: 'busybox' });
    (this.#pod.status['containerStatuses'] as Json[]).push({ name, restartCount: 0, ...status });
    return this;
  }

  init(name: string, status: Json | undefined, restartPolicy?: string): this {
    this.#pod.spec.initContainers.push({ name, image: 'busybox', ...(restartPolicy ? { restartPolicy } : {}) });
    if (status) (this.#pod.status['initContainerStatuses'] as Json[]).push({ name, restartCount: 0, ...status });
    return this;
  }

  condition(type: string, status: string, reason?: string): this {
    (this.#pod.status['conditions'] as Json[]).push({ type, status, ...(reason ? { reason } : {}) });
    return this;
  }

  deleting(): this {
    this.#pod.metadata['deletionTimestamp'] = ago(10);
    return this;
  }

  set(section: 'spec' | 'status', fields: Json): this {
    Object.assign(this.#pod[section], fields);
    return this;
  }

  build(): KubeObject {
    return structuredClone(this.#pod) as KubeObject;
  }
}

const pod = (name?: string) => new PodBuilder(name);
const running = { ready: true, state: { running: { startedAt: ago(60) } } };
const waiting = (reason?: string) => ({ ready: false, state: { waiting: reason ? { reason } : {} } });
const terminated = (t: Json) => ({ ready: false, state: { terminated: t } });

describe('pod table', () => {
  it('has the Kubernetes 1.32 columns', () => {
    assert.deepEqual(
      POD_TABLE.columns.map((c) => [c.name, c.type, c.priority]),
      [
        ['Name', 'string', 0],
        ['Ready', 'string', 0],
        ['Status', 'string', 0],
        ['Restarts', 'string', 0],
        ['Age', 'string', 0],
        ['IP', 'string', 1],
        ['Node', 'string', 1],
        ['Nominated Node', 'string', 1],
        ['Readiness Gates', 'string', 1],
      ],
    );
    assert.equal(POD_TABLE.columns[0]!.format, 'name');
  });

  const cases: { name: string; pod: KubeObject; want: [ready: string, status: string, restarts: string] }[] = [
    { name: 'running', pod: pod().container('a', running).container('b', running).build(), want: ['2/2', 'Running', '0'] },
    {
      name: 'restarts with the time of the last one',
      pod: pod()
        .container('a', { ...running, restartCount: 2, lastState: { terminated: { exitCode: 1, finishedAt: ago(900) } } })
        .container('b', { ...running, restartCount: 1, lastState: { terminated: { exitCode: 1, finishedAt: ago(300) } } })
        .build(),
      want: ['2/2', 'Running', '3 (5m ago)'],
    },
    { name: 'pending without statuses', pod: pod().phase('Pending').set('spec', { containers: [{ name: 'a' }] }).build(), want: ['0/1', 'Pending', '0'] },
    { name: 'waiting container', pod: pod().phase('Pending').container('a', waiting('ContainerCreating')).build(), want: ['0/1', 'ContainerCreating', '0'] },
    { name: 'crash loop', pod: pod().container('a', { ...waiting('CrashLoopBackOff'), restartCount: 4 }).build(), want: ['0/1', 'CrashLoopBackOff', '4'] },
    { name: 'terminated with a reason', pod: pod().phase('Failed').container('a', terminated({ exitCode: 137, reason: 'OOMKilled' })).build(), want: ['0/1', 'OOMKilled', '0'] },
    { name: 'terminated by a signal', pod: pod().container('a', terminated({ exitCode: 137, signal: 9 })).build(), want: ['0/1', 'Signal:9', '0'] },
    { name: 'terminated with an exit code', pod: pod().container('a', terminated({ exitCode: 2 })).build(), want: ['0/1', 'ExitCode:2', '0'] },
    {
      name: 'the first container decides',
      pod: pod().container('a', waiting('ImagePullBackOff')).container('b', waiting('ErrImagePull')).build(),
      want: ['0/2', 'ImagePullBackOff', '0'],
    },
    { name: 'completed', pod: pod().phase('Succeeded').container('a', terminated({ exitCode: 0, reason: 'Completed' })).build(), want: ['0/1', 'Completed', '0'] },
    {
      name: 'completed beside a running container, not ready',
      pod: pod().container('a', running).container('b', terminated({ exitCode: 0, reason: 'Completed' })).build(),
      want: ['1/2', 'NotReady', '0'],
    },
    {
      name: 'completed beside a running container, ready',
      pod: pod().container('a', running).container('b', terminated({ exitCode: 0, reason: 'Completed' })).condition('Ready', 'True').build(),
      want: ['1/2', 'Running', '0'],
    },
    {
      name: 'first init container waiting',
      pod: pod().phase('Pending').init('i1', waiting()).init('i2', waiting()).container('a', waiting('PodInitializing')).build(),
      want: ['0/1', 'Init:0/2', '0'],
    },
    {
      name: 'init container waiting as PodInitializing counts as progress',
      pod: pod().phase('Pending').init('i1', terminated({ exitCode: 0 })).init('i2', waiting('PodInitializing')).container('a', waiting()).build(),
      want: ['0/1', 'Init:1/2', '0'],
    },
    {
      name: 'init container in a crash loop',
      pod: pod().phase('Pending').init('i1', { ...waiting('CrashLoopBackOff'), restartCount: 3 }).container('a', waiting('PodInitializing')).build(),
      want: ['0/1', 'Init:CrashLoopBackOff', '3'],
    },
    { name: 'init container failed with a reason', pod: pod().phase('Pending').init('i1', terminated({ exitCode: 1, reason: 'Error' })).container('a', waiting()).build(), want: ['0/1', 'Init:Error', '0'] },
    { name: 'init container failed by a signal', pod: pod().phase('Pending').init('i1', terminated({ exitCode: 1, signal: 15 })).container('a', waiting()).build(), want: ['0/1', 'Init:Signal:15', '0'] },
    { name: 'init container failed with an exit code', pod: pod().phase('Pending').init('i1', terminated({ exitCode: 3 })).container('a', waiting()).build(), want: ['0/1', 'Init:ExitCode:3', '0'] },
    {
      name: 'init done, main containers starting',
      pod: pod().phase('Pending').init('i1', terminated({ exitCode: 0, reason: 'Completed' })).container('a', waiting('PodInitializing')).build(),
      want: ['0/1', 'PodInitializing', '0'],
    },
    {
      name: 'sidecar counted in ready and total',
      pod: pod().init('proxy', { ...running, started: true, restartCount: 1 }, 'Always').container('a', running).condition('Initialized', 'True').build(),
      want: ['2/2', 'Running', '1'],
    },
    {
      name: 'sidecar not yet started holds up init',
      pod: pod().phase('Pending').init('proxy', { ...waiting(), started: false }, 'Always').container('a', waiting('PodInitializing')).build(),
      want: ['0/2', 'Init:0/1', '0'],
    },
    {
      name: 'regular init restarts stop counting once initialized',
      pod: pod().init('i1', { ...terminated({ exitCode: 0 }), restartCount: 2 }).container('a', running).condition('Initialized', 'True').build(),
      want: ['1/1', 'Running', '0'],
    },
    { name: 'scheduling gated', pod: pod().phase('Pending').condition('PodScheduled', 'False', 'SchedulingGated').build(), want: ['0/0', 'SchedulingGated', '0'] },
    { name: 'status reason wins over phase', pod: pod().phase('Failed', 'Evicted').build(), want: ['0/0', 'Evicted', '0'] },
    { name: 'terminating', pod: pod().container('a', running).deleting().build(), want: ['1/1', 'Terminating', '0'] },
    { name: 'terminating on a lost node', pod: pod().phase('Running', 'NodeLost').container('a', running).deleting().build(), want: ['1/1', 'Unknown', '0'] },
    { name: 'node lost, not deleted', pod: pod().phase('Running', 'NodeLost').build(), want: ['0/0', 'NodeLost', '0'] },
    {
      name: 'deleting a finished pod keeps its status',
      pod: pod().phase('Succeeded').container('a', terminated({ exitCode: 0, reason: 'Completed' })).deleting().build(),
      want: ['0/1', 'Completed', '0'],
    },
  ];
  for (const c of cases) {
    it(c.name, () => assert.deepEqual(pick(POD_TABLE, c.pod, 'Ready', 'Status', 'Restarts'), c.want));
  }

  it('prints the wide columns', () => {
    const p = pod()
      .set('spec', { nodeName: 'n1', readinessGates: [{ conditionType: 'example.com/lb' }, { conditionType: 'example.com/dns' }] })
      .set('status', { podIP: '10.42.0.5', podIPs: [{ ip: '10.42.0.5' }, { ip: 'fd00::5' }], nominatedNodeName: 'n2' })
      .condition('example.com/lb', 'True')
      .condition('example.com/dns', 'False')
      .build();
    assert.deepEqual(pick(POD_TABLE, p, 'Name', 'Age', 'IP', 'Node', 'Nominated Node', 'Readiness Gates'), ['web', '60m', '10.42.0.5', 'n1', 'n2', '1/2']);
  });

  it('falls back to podIP when podIPs is absent', () => {
    assert.deepEqual(pick(POD_TABLE, pod().set('status', { podIP: '10.42.0.9' }).build(), 'IP'), ['10.42.0.9']);
  });

  it('prints placeholders for a pod with only metadata', () => {
    assert.deepEqual(POD_TABLE.row({ metadata: { name: 'bare' } }, new Date()), ['bare', '0/0', '', '0', '<unknown>', '<none>', '<none>', '<none>', '<none>']);
  });

  it('never throws on odd objects', () => {
    for (const obj of ODD_OBJECTS) assert.doesNotThrow(() => cells(POD_TABLE, obj));
  });
});
