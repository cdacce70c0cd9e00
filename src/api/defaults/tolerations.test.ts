import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { defaultTolerations } from './tolerations.js';

const NOT_READY = { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };
const UNREACHABLE = { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 };

const cases: { name: string; tolerations: unknown; want: unknown }[] = [
  { name: 'none', tolerations: undefined, want: [NOT_READY, UNREACHABLE] },
  {
    name: 'others are kept first',
    tolerations: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }],
    want: [{ key: 'gpu', operator: 'Exists', effect: 'NoSchedule' }, NOT_READY, UNREACHABLE],
  },
  {
    name: 'an own not-ready toleration is kept',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }],
    want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 60 }, UNREACHABLE],
  },
  { name: 'an empty key tolerates both', tolerations: [{ operator: 'Exists' }], want: [{ operator: 'Exists' }] },
  {
    name: 'an empty effect tolerates the NoExecute taint',
    tolerations: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }],
    want: [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, NOT_READY],
  },
  {
    name: 'a NoSchedule toleration does not count',
    tolerations: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }],
    want: [{ key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoSchedule' }, NOT_READY, UNREACHABLE],
  },
  { name: 'odd tolerations are left alone', tolerations: 'x', want: 'x' },
];

for (const c of cases) {
  test(`defaultTolerations: ${c.name}`, () => {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { tolerations: c.tolerations } } as KubeObject;
    if (c.tolerations === undefined) delete (pod.spec as Record<string, unknown>).tolerations;
    defaultTolerations(pod);
    assert.deepEqual((pod.spec as Record<string, unknown>).tolerations, c.want);
    defaultTolerations(pod);
    assert.deepEqual((pod.spec as Record<string, unknown>).tolerations, c.want, 'idempotent');
  });
}
