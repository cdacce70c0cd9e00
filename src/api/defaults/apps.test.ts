import { container, POD_SPEC_DEFAULTS, runDefaultingCases, type DefaultingCase } from './testing.js';

const template = (labels: Record<string, string>, spec: Record<string, unknown> = {}) => ({
  metadata: { creationTimestamp: null, labels },
  spec: { ...POD_SPEC_DEFAULTS, containers: [container({ name: 'nginx', image: 'nginx' })], ...spec },
});

const cases: DefaultingCase[] = [
  {
    // The body `kubectl create deployment web --image=nginx` sends.
    name: 'kubectl create deployment',
    in: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx', resources: {} }] } },
        strategy: {},
      },
      status: {},
    },
    out: {
      kind: 'Deployment',
      apiVersion: 'apps/v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: template({ app: 'web' }),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    },
  },
  {
    name: 'a minimal Deployment from a manifest; a host-network template keeps its ports',
    in: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { hostNetwork: true, containers: [{ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80 }] }] },
        },
      },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { creationTimestamp: null, labels: { app: 'web' } },
          spec: {
            ...POD_SPEC_DEFAULTS,
            hostNetwork: true,
            containers: [container({ name: 'nginx', image: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }] })],
          },
        },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    },
  },
  {
    name: 'Deployment: Recreate gets no rollingUpdate; zero replicas stay zero',
    in: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 0, strategy: { type: 'Recreate' }, revisionHistoryLimit: 0, template: { spec: { containers: [] } } },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 0,
        strategy: { type: 'Recreate' },
        revisionHistoryLimit: 0,
        progressDeadlineSeconds: 600,
        template: { metadata: { creationTimestamp: null }, spec: { ...POD_SPEC_DEFAULTS, containers: [] } },
      },
    },
  },
  {
    name: 'Deployment: a partial rollingUpdate is completed',
    in: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { strategy: { rollingUpdate: { maxSurge: 1 } }, template: { spec: { containers: [] } } },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: {
        replicas: 1,
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: { metadata: { creationTimestamp: null }, spec: { ...POD_SPEC_DEFAULTS, containers: [] } },
      },
    },
  },
  {
    name: 'ReplicaSet',
    in: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }) },
      status: { replicas: 0 },
    },
  },
  {
    name: 'StatefulSet with a claim template',
    in: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } },
        volumeClaimTemplates: [
          { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } },
        ],
      },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        serviceName: 'db',
        replicas: 1,
        podManagementPolicy: 'OrderedReady',
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
        revisionHistoryLimit: 10,
        selector: { matchLabels: { app: 'db' } },
        template: template({ app: 'db' }),
        volumeClaimTemplates: [
          {
            apiVersion: 'v1',
            kind: 'PersistentVolumeClaim',
            metadata: { name: 'data', creationTimestamp: null },
            spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
            status: { phase: 'Pending' },
          },
        ],
      },
      status: { replicas: 0, availableReplicas: 0 },
    },
  },
  {
    name: 'StatefulSet: an explicit RollingUpdate without rollingUpdate gets no partition; OnDelete none either',
    in: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' },
        template: { spec: { containers: [] } },
      },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db' },
      spec: {
        replicas: 1,
        podManagementPolicy: 'Parallel',
        updateStrategy: { type: 'RollingUpdate' },
        persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete', whenScaled: 'Retain' },
        revisionHistoryLimit: 10,
        template: { metadata: { creationTimestamp: null }, spec: { ...POD_SPEC_DEFAULTS, containers: [] } },
      },
      status: { replicas: 0, availableReplicas: 0 },
    },
  },
  {
    name: 'DaemonSet',
    in: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    },
    out: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        selector: { matchLabels: { app: 'agent' } },
        template: template({ app: 'agent' }),
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
        revisionHistoryLimit: 10,
      },
      status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
    },
  },
  {
    name: 'DaemonSet: OnDelete',
    in: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { updateStrategy: { type: 'OnDelete' }, template: { spec: { containers: [] } } } },
    out: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        updateStrategy: { type: 'OnDelete' },
        revisionHistoryLimit: 10,
        template: { metadata: { creationTimestamp: null }, spec: { ...POD_SPEC_DEFAULTS, containers: [] } },
      },
      status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 0, numberReady: 0 },
    },
  },
  {
    name: 'DaemonSet: a status a controller wrote keeps its values; the counters it left out read 0',
    in: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'agent' }, spec: { updateStrategy: { type: 'OnDelete' }, template: { spec: { containers: [] } } }, status: { desiredNumberScheduled: 3, numberAvailable: 2 } },
    out: {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent' },
      spec: {
        updateStrategy: { type: 'OnDelete' },
        revisionHistoryLimit: 10,
        template: { metadata: { creationTimestamp: null }, spec: { ...POD_SPEC_DEFAULTS, containers: [] } },
      },
      status: { currentNumberScheduled: 0, numberMisscheduled: 0, desiredNumberScheduled: 3, numberReady: 0, numberAvailable: 2 },
    },
  },
  {
    name: 'ControllerRevision has no defaults',
    in: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { spec: {} } },
    out: { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata: { name: 'r' }, revision: 1, data: { spec: {} } },
  },
];

runDefaultingCases('apps', cases);
