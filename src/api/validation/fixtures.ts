// Defaulted objects for the validation tests: each builder returns a valid object of its kind
// as the API server holds it after defaulting (the Kubernetes 1.32 defaults written out), so a
// test changes one field and expects exactly that field's error.

import type { KubeObject } from '../meta.js';

type Json = Record<string, unknown>;

/** A deep copy with `edit` applied, so cases never share state. */
export function build<T extends Json>(base: T, edit?: (o: T) => void): T {
  const copy = structuredClone(base);
  edit?.(copy);
  return copy;
}

export function container(name = 'app', extra: Json = {}): Json {
  return {
    name,
    image: 'nginx',
    imagePullPolicy: 'Always',
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
    resources: {},
    ...extra,
  };
}

export function podSpec(extra: Json = {}): Json {
  return {
    containers: [container()],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
    enableServiceLinks: true,
    preemptionPolicy: 'PreemptLowerPriority',
    priority: 0,
    ...extra,
  };
}

export function meta(name: string, namespace?: string, extra: Json = {}): Json {
  return {
    name,
    ...(namespace !== undefined ? { namespace } : {}),
    uid: '6f1e3c2a-1111-2222-3333-444455556666',
    resourceVersion: '1',
    creationTimestamp: '2024-01-01T00:00:00Z',
    generation: 1,
    ...extra,
  };
}

export function pod(extra: Json = {}): KubeObject & Json {
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta('web', 'default'), spec: podSpec(), ...extra } as KubeObject & Json;
}

export function template(labels: Record<string, string> = { app: 'web' }, spec: Json = {}): Json {
  return { metadata: { labels }, spec: podSpec(spec) };
}

export function deployment(): KubeObject & Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web', 'default'),
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      template: template(),
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    },
  } as KubeObject & Json;
}

export function replicaSet(): KubeObject & Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web', 'default'),
    spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template() },
  } as KubeObject & Json;
}

export function statefulSet(): KubeObject & Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: meta('db', 'default'),
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'db' } },
      template: template({ app: 'db' }),
      serviceName: 'db',
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    },
  } as KubeObject & Json;
}

export function daemonSet(): KubeObject & Json {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: meta('agent', 'default'),
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: template({ app: 'agent' }),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
    },
  } as KubeObject & Json;
}

const JOB_UID = '6f1e3c2a-1111-2222-3333-444455556666';

export function job(): KubeObject & Json {
  const labels = {
    'batch.kubernetes.io/controller-uid': JOB_UID,
    'batch.kubernetes.io/job-name': 'pi',
    'controller-uid': JOB_UID,
    'job-name': 'pi',
  };
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: meta('pi', 'default', { labels: { 'batch.kubernetes.io/job-name': 'pi' } }),
    spec: {
      parallelism: 1,
      completions: 1,
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': JOB_UID } },
      template: template(labels, { restartPolicy: 'Never' }),
    },
  } as KubeObject & Json;
}

export function cronJob(): KubeObject & Json {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: meta('hello', 'default'),
    spec: {
      schedule: '*/5 * * * *',
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: { spec: { backoffLimit: 6, completionMode: 'NonIndexed', template: template({}, { restartPolicy: 'OnFailure' }) } },
    },
  } as KubeObject & Json;
}

export function service(extra: Json = {}): KubeObject & Json {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: meta('web', 'default'),
    spec: {
      type: 'ClusterIP',
      selector: { app: 'web' },
      ports: [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 8080 }],
      clusterIP: '10.96.0.10',
      clusterIPs: ['10.96.0.10'],
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ...extra,
    },
  } as KubeObject & Json;
}

export function configMap(): KubeObject & Json {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('cfg', 'default'), data: { 'app.conf': 'x=1' } } as KubeObject & Json;
}

export function secret(): KubeObject & Json {
  return { apiVersion: 'v1', kind: 'Secret', metadata: meta('s', 'default'), type: 'Opaque', data: { password: 'cGFzcw==' } } as KubeObject & Json;
}

export function object(apiVersion: string, kind: string, name: string, namespace: string | undefined, body: Json): KubeObject & Json {
  return { apiVersion, kind, metadata: meta(name, namespace), ...body } as KubeObject & Json;
}
