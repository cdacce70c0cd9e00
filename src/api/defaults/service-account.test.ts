import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import { admitServiceAccount, randomSuffix, tokenVolumeSource } from './service-account.js';

const MOUNT = { name: 'kube-api-access-abcde', readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' };
const VOLUME = { name: 'kube-api-access-abcde', projected: tokenVolumeSource() };

const sa = (fields: Record<string, unknown> = {}): KubeObject => ({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'ns' }, ...fields });
const pod = (spec: Record<string, unknown>, annotations?: Record<string, string>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'p', namespace: 'ns', ...(annotations ? { annotations } : {}) },
  spec,
});

const cases: { name: string; pod: KubeObject; sa: KubeObject | undefined; want: Record<string, unknown>; error?: string }[] = [
  {
    name: 'the default account is mounted into every init and regular container',
    pod: pod({ initContainers: [{ name: 'i' }], containers: [{ name: 'c' }], ephemeralContainers: [{ name: 'e' }] }),
    sa: sa(),
    want: {
      serviceAccountName: 'default',
      serviceAccount: 'default',
      initContainers: [{ name: 'i', volumeMounts: [MOUNT] }],
      containers: [{ name: 'c', volumeMounts: [MOUNT] }],
      ephemeralContainers: [{ name: 'e' }],
      volumes: [VOLUME],
    },
  },
  {
    name: 'a missing account is forbidden',
    pod: pod({ serviceAccountName: 'builder', containers: [] }),
    sa: undefined,
    want: { serviceAccountName: 'builder', containers: [] },
    error: 'error looking up service account ns/builder: serviceaccount "builder" not found',
  },
  {
    name: 'the account opts out; its pull secrets are used',
    pod: pod({ containers: [{ name: 'c' }] }),
    sa: sa({ automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] }),
    want: { serviceAccountName: 'default', serviceAccount: 'default', containers: [{ name: 'c' }], imagePullSecrets: [{ name: 'regcred' }] },
  },
  {
    name: 'the pod opts in over the account; own pull secrets and mounts are kept',
    pod: pod({
      automountServiceAccountToken: true,
      imagePullSecrets: [{ name: 'mine' }],
      containers: [{ name: 'c', volumeMounts: [{ name: 'x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }, { name: 'd' }],
    }),
    sa: sa({ automountServiceAccountToken: false, imagePullSecrets: [{ name: 'regcred' }] }),
    want: {
      serviceAccountName: 'default',
      serviceAccount: 'default',
      automountServiceAccountToken: true,
      imagePullSecrets: [{ name: 'mine' }],
      containers: [{ name: 'c', volumeMounts: [{ name: 'x', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }] }, { name: 'd', volumeMounts: [MOUNT] }],
      volumes: [VOLUME],
    },
  },
  {
    name: 'mirror pods are left alone',
    pod: pod({ containers: [{ name: 'c' }] }, { 'kubernetes.io/config.mirror': 'x' }),
    sa: undefined,
    want: { containers: [{ name: 'c' }] },
  },
];

for (const c of cases) {
  test(`admitServiceAccount: ${c.name}`, () => {
    assert.equal(admitServiceAccount(c.pod, c.sa, () => 'abcde'), c.error);
    assert.deepEqual(c.pod.spec, c.want);
  });
}

test('admitServiceAccount reuses an existing token volume', () => {
  const p = pod({ containers: [{ name: 'c' }], volumes: [{ name: 'kube-api-access-zzzzz', projected: tokenVolumeSource() }] });
  admitServiceAccount(p, sa(), () => 'abcde');
  const spec = p.spec as { containers: { volumeMounts: { name: string }[] }[]; volumes: unknown[] };
  assert.equal(spec.containers[0]!.volumeMounts[0]!.name, 'kube-api-access-zzzzz');
  assert.equal(spec.volumes.length, 1);
});

test('randomSuffix: five characters of the generated-name alphabet', () => {
  for (let i = 0; i < 50; i++) assert.match(randomSuffix(), /^[bcdfghjklmnpqrstvwxz2456789]{5}$/);
});
