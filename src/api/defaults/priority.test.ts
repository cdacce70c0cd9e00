import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { resolvePodPriority, SYSTEM_PRIORITY_CLASSES } from './priority.js';

const pc = (name: string, value: number, extra: Record<string, unknown> = {}): KubeObject => ({
  apiVersion: 'scheduling.k8s.io/v1',
  kind: 'PriorityClass',
  metadata: { name },
  value,
  preemptionPolicy: 'PreemptLowerPriority',
  ...extra,
});

const pod = (spec: Record<string, unknown>): KubeObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec });

const cases: { name: string; spec: Record<string, unknown>; classes: KubeObject[]; want: Record<string, unknown>; error?: string }[] = [
  {
    name: 'no default class: priority 0',
    spec: {},
    classes: [...SYSTEM_PRIORITY_CLASSES],
    want: { priority: 0, preemptionPolicy: 'PreemptLowerPriority' },
  },
  {
    name: 'the lowest global default wins',
    spec: {},
    classes: [pc('a', 100, { globalDefault: true }), pc('b', 50, { globalDefault: true, preemptionPolicy: 'Never' }), pc('c', 10)],
    want: { priorityClassName: 'b', priority: 50, preemptionPolicy: 'Never' },
  },
  {
    name: 'a named class',
    spec: { priorityClassName: 'system-node-critical' },
    classes: [...SYSTEM_PRIORITY_CLASSES],
    want: { priorityClassName: 'system-node-critical', priority: 2000001000, preemptionPolicy: 'PreemptLowerPriority' },
  },
  {
    name: 'an unknown class is forbidden',
    spec: { priorityClassName: 'nope' },
    classes: [],
    want: { priorityClassName: 'nope' },
    error: 'no PriorityClass with name nope was found',
  },
  {
    name: 'a stated priority must match',
    spec: { priority: 5 },
    classes: [],
    want: { priority: 5 },
    error:
      'the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name',
  },
  {
    name: 'a stated preemption policy must match',
    spec: { priorityClassName: 'high', preemptionPolicy: 'Never' },
    classes: [pc('high', 1000)],
    want: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'Never' },
    error:
      'the string value of PreemptionPolicy (Never) must not be provided in pod spec; priority admission controller computed PreemptLowerPriority from the given PriorityClass name',
  },
  {
    name: 'a matching stated priority is fine',
    spec: { priorityClassName: 'high', priority: 1000 },
    classes: [pc('high', 1000)],
    want: { priorityClassName: 'high', priority: 1000, preemptionPolicy: 'PreemptLowerPriority' },
  },
];

for (const c of cases) {
  test(`resolvePodPriority: ${c.name}`, () => {
    const p = pod(structuredClone(c.spec));
    assert.equal(resolvePodPriority(p, c.classes), c.error);
    assert.deepEqual(p.spec, c.want);
  });
}
