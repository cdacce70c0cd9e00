// The intended wiring, end to end, against what Kubernetes 1.32 returns: defaults on the
// request body, the admission plugins, the registry strategy, and defaults again on the object
// that is stored (as Kubernetes applies them again when it decodes what it stored).

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { KubeObject } from '../meta.js';
import {
  admitServiceAccount,
  applyDefaults,
  defaultTolerations,
  generateJobSelector,
  preparePodForCreate,
  resolvePodPriority,
  SYSTEM_PRIORITY_CLASSES,
} from './index.js';

const UID = '0b4f3c2e-1111-2222-3333-444455556666';

test('kubectl run web --image=nginx reads back as on Kubernetes 1.32', () => {
  const pod = {
    kind: 'Pod',
    apiVersion: 'v1',
    metadata: { name: 'web', namespace: 'default', creationTimestamp: null, labels: { run: 'web' } },
    spec: { containers: [{ name: 'web', image: 'nginx', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
    status: {},
  } as unknown as KubeObject;
  applyDefaults(pod);
  const sa = { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: 'default' } } as KubeObject;
  assert.equal(admitServiceAccount(pod, sa, () => 'x7k2p'), undefined);
  assert.equal(resolvePodPriority(pod, SYSTEM_PRIORITY_CLASSES), undefined);
  defaultTolerations(pod);
  preparePodForCreate(pod);
  applyDefaults(pod);
  assert.deepEqual(pod.spec, {
    containers: [
      {
        image: 'nginx',
        imagePullPolicy: 'Always',
        name: 'web',
        resources: {},
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
        volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-x7k2p', readOnly: true }],
      },
    ],
    dnsPolicy: 'ClusterFirst',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    serviceAccount: 'default',
    serviceAccountName: 'default',
    terminationGracePeriodSeconds: 30,
    tolerations: [
      { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
      { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
    ],
    volumes: [
      {
        name: 'kube-api-access-x7k2p',
        projected: {
          defaultMode: 420,
          sources: [
            { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
            { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
            { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
          ],
        },
      },
    ],
  });
  assert.deepEqual(pod.status, { phase: 'Pending', qosClass: 'BestEffort' });
});

test('kubectl create job pi reads back with the generated labels on the Job too', () => {
  const job = {
    kind: 'Job',
    apiVersion: 'batch/v1',
    metadata: { name: 'pi', namespace: 'default', uid: UID },
    spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [{ name: 'pi', image: 'perl:5.34', resources: {} }], restartPolicy: 'Never' } } },
    status: {},
  } as KubeObject;
  applyDefaults(job);
  generateJobSelector(job);
  applyDefaults(job);
  const labels = { 'batch.kubernetes.io/controller-uid': UID, 'batch.kubernetes.io/job-name': 'pi', 'controller-uid': UID, 'job-name': 'pi' };
  assert.deepEqual(job.metadata.labels, labels);
  assert.deepEqual((job.spec as { selector: unknown }).selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': UID } });
});

test('a status reset by the strategy gets its defaulted phase back', () => {
  const pvc = {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data' },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  } as KubeObject;
  applyDefaults(pvc);
  pvc.status = {};
  applyDefaults(pvc);
  assert.deepEqual(pvc.status, { phase: 'Pending' });
});
