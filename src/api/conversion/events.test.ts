import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../meta.js';
import { EVENTS_V1_CONVERTER } from './events.js';

const { toStorage, fromStorage } = EVENTS_V1_CONVERTER;

function frozen<T>(v: T): T {
  if (v !== null && typeof v === 'object') {
    for (const child of Object.values(v)) frozen(child);
    Object.freeze(v);
  }
  return v;
}

const meta = { name: 'web.17c', namespace: 'default', uid: 'e1', resourceVersion: '9', creationTimestamp: '2024-05-01T11:00:00Z' };
const pod = { kind: 'Pod', namespace: 'default', name: 'web', uid: 'p1', apiVersion: 'v1', resourceVersion: '5' };
const node = { kind: 'Node', name: 'n1', apiVersion: 'v1' };

/** An event as the new API writes it: eventTime, series, reporting fields. */
const newStyle: KubeObject = {
  kind: 'Event',
  apiVersion: 'events.k8s.io/v1',
  metadata: meta,
  eventTime: '2024-05-01T11:00:00.123456Z',
  series: { count: 3, lastObservedTime: '2024-05-01T11:05:00.000000Z' },
  reportingController: 'default-scheduler',
  reportingInstance: 'default-scheduler-n1',
  action: 'Scheduling',
  reason: 'FailedScheduling',
  regarding: pod,
  related: node,
  note: '0/1 nodes are available',
  type: 'Warning',
  deprecatedSource: {},
  deprecatedFirstTimestamp: null,
  deprecatedLastTimestamp: null,
};

const newStyleCore: KubeObject = {
  kind: 'Event',
  apiVersion: 'v1',
  metadata: meta,
  involvedObject: pod,
  reason: 'FailedScheduling',
  message: '0/1 nodes are available',
  source: {},
  firstTimestamp: null,
  lastTimestamp: null,
  type: 'Warning',
  eventTime: '2024-05-01T11:00:00.123456Z',
  series: { count: 3, lastObservedTime: '2024-05-01T11:05:00.000000Z' },
  action: 'Scheduling',
  related: node,
  reportingComponent: 'default-scheduler',
  reportingInstance: 'default-scheduler-n1',
};

/** An event as the old API writes it: source, counts and first/last timestamps. */
const oldStyleCore: KubeObject = {
  kind: 'Event',
  apiVersion: 'v1',
  metadata: meta,
  involvedObject: { ...pod, fieldPath: 'spec.containers{web}' },
  reason: 'Pulled',
  message: 'Container image "nginx" already present on machine',
  source: { component: 'kubelet', host: 'n1' },
  firstTimestamp: '2024-05-01T11:00:00Z',
  lastTimestamp: '2024-05-01T11:10:00Z',
  count: 4,
  type: 'Normal',
  eventTime: null,
  reportingComponent: '',
  reportingInstance: '',
};

const oldStyle: KubeObject = {
  kind: 'Event',
  apiVersion: 'events.k8s.io/v1',
  metadata: meta,
  eventTime: null,
  reason: 'Pulled',
  regarding: { ...pod, fieldPath: 'spec.containers{web}' },
  note: 'Container image "nginx" already present on machine',
  type: 'Normal',
  deprecatedSource: { component: 'kubelet', host: 'n1' },
  deprecatedFirstTimestamp: '2024-05-01T11:00:00Z',
  deprecatedLastTimestamp: '2024-05-01T11:10:00Z',
  deprecatedCount: 4,
};

const cases: { name: string; served: KubeObject; stored: KubeObject }[] = [
  { name: 'new-style event', served: newStyle, stored: newStyleCore },
  { name: 'old-style event', served: oldStyle, stored: oldStyleCore },
];

for (const c of cases) {
  test(`events conversion: ${c.name} to storage`, () => {
    assert.deepEqual(toStorage(frozen(structuredClone(c.served))), c.stored);
  });
  test(`events conversion: ${c.name} from storage`, () => {
    assert.deepEqual(fromStorage(frozen(structuredClone(c.stored))), c.served);
  });
  test(`events conversion: ${c.name} round-trips both ways`, () => {
    assert.deepEqual(fromStorage(toStorage(frozen(structuredClone(c.served)))), c.served);
    assert.deepEqual(toStorage(fromStorage(frozen(structuredClone(c.stored)))), c.stored);
  });
}

test('events conversion fills what Go always writes', () => {
  const bare = frozen({ metadata: { name: 'x' } });
  assert.deepEqual(toStorage(bare), {
    kind: 'Event',
    apiVersion: 'v1',
    metadata: { name: 'x' },
    involvedObject: {},
    source: {},
    firstTimestamp: null,
    lastTimestamp: null,
    eventTime: null,
    reportingComponent: '',
    reportingInstance: '',
  });
  assert.deepEqual(fromStorage(bare), {
    kind: 'Event',
    apiVersion: 'events.k8s.io/v1',
    metadata: { name: 'x' },
    eventTime: null,
    regarding: {},
    deprecatedSource: {},
    deprecatedFirstTimestamp: null,
    deprecatedLastTimestamp: null,
  });
});

test('events conversion does not share structure with its input', () => {
  const input = structuredClone(newStyle);
  const core = toStorage(input);
  (core.involvedObject as { name: string }).name = 'changed';
  core.metadata.name = 'changed';
  assert.deepEqual(input, newStyle);
});
