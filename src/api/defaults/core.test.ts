import { container, POD_SPEC_DEFAULTS, runDefaultingCases, type DefaultingCase } from './testing.js';

const cases: DefaultingCase[] = [
  {
    // The body `kubectl create service clusterip web --tcp=80:8080` sends.
    name: 'Service: kubectl create service clusterip',
    in: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'web' }, type: 'ClusterIP' },
      status: { loadBalancer: {} },
    },
    out: {
      kind: 'Service',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null, labels: { app: 'web' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }],
        selector: { app: 'web' },
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'Service: a minimal manifest',
    in: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }, { port: 53, protocol: 'UDP', targetPort: 0 }] } },
    out: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: {
        selector: { app: 'web' },
        ports: [
          { port: 80, protocol: 'TCP', targetPort: 80 },
          { port: 53, protocol: 'UDP', targetPort: 53 },
        ],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'Service: LoadBalancer with ClientIP affinity and a named target port',
    in: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'LoadBalancer', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: {} }, ports: [{ port: 443, targetPort: 'https' }] },
      status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.8', ipMode: 'Proxy' }] } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: {
        type: 'LoadBalancer',
        sessionAffinity: 'ClientIP',
        sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ports: [{ port: 443, targetPort: 'https', protocol: 'TCP' }],
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
        allocateLoadBalancerNodePorts: true,
      },
      status: {
        loadBalancer: { ingress: [{ ip: '203.0.113.7', ipMode: 'VIP' }, { hostname: 'lb.example.com' }, { ip: '203.0.113.8', ipMode: 'Proxy' }] },
      },
    },
  },
  {
    name: 'Service: ExternalName gets no traffic policies; None affinity drops its config',
    in: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext' },
      spec: { type: 'ExternalName', externalName: 'example.com', sessionAffinityConfig: { clientIP: { timeoutSeconds: 5 } } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'ext' },
      spec: { type: 'ExternalName', externalName: 'example.com', sessionAffinity: 'None' },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'Service: a ClusterIP with external IPs is externally accessible',
    in: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { externalIPs: ['198.51.100.1'], ports: [{ port: 80, targetPort: '' }] } },
    out: {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: {
        externalIPs: ['198.51.100.1'],
        ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }],
        type: 'ClusterIP',
        sessionAffinity: 'None',
        externalTrafficPolicy: 'Cluster',
        internalTrafficPolicy: 'Cluster',
      },
      status: { loadBalancer: {} },
    },
  },
  {
    name: 'Endpoints',
    in: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.42.0.5' }], ports: [{ port: 80 }] }] },
    out: { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'web' }, subsets: [{ addresses: [{ ip: '10.42.0.5' }], ports: [{ port: 80, protocol: 'TCP' }] }] },
  },
  {
    name: 'PersistentVolume',
    in: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: { capacity: { storage: '10240Mi' }, accessModes: ['ReadWriteOnce'], hostPath: { path: '/data' } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: { name: 'pv1' },
      spec: {
        capacity: { storage: '10Gi' },
        accessModes: ['ReadWriteOnce'],
        hostPath: { path: '/data', type: '' },
        persistentVolumeReclaimPolicy: 'Retain',
        volumeMode: 'Filesystem',
      },
      status: { phase: 'Pending' },
    },
  },
  {
    name: 'PersistentVolumeClaim',
    in: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: 0.5 } } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '500m' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    },
  },
  {
    name: 'PersistentVolumeClaim: a bound claim keeps its phase; Block stays Block',
    in: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { volumeMode: 'Block', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', capacity: { storage: '1073741824' } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { volumeMode: 'Block', resources: { requests: { storage: '1Gi' } } },
      status: { phase: 'Bound', capacity: { storage: '1073741824' } },
    },
  },
  {
    name: 'Namespace',
    in: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'wrong' } } },
    out: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a', labels: { 'kubernetes.io/metadata.name': 'team-a' } }, status: { phase: 'Active' } },
  },
  {
    name: 'Namespace without a name yet (generateName)',
    in: { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'team-' } },
    out: { apiVersion: 'v1', kind: 'Namespace', metadata: { generateName: 'team-' }, status: { phase: 'Active' } },
  },
  {
    name: 'Node',
    in: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: { podCIDR: '10.42.0.0/24' },
      status: { capacity: { cpu: '4', memory: '8049280Ki', pods: '110' } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name: 'n1' },
      spec: { podCIDR: '10.42.0.0/24', podCIDRs: ['10.42.0.0/24'] },
      status: { capacity: { cpu: '4', memory: '8049280Ki', pods: '110' }, allocatable: { cpu: '4', memory: '8049280Ki', pods: '110' } },
    },
  },
  {
    name: 'Secret and ConfigMap',
    in: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'YQ==' } },
    out: { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { a: 'YQ==' }, type: 'Opaque' },
  },
  {
    name: 'ConfigMap has no defaults',
    in: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { cpu: '0.5' } },
    out: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { cpu: '0.5' } },
  },
  {
    name: 'LimitRange: container defaults from max and min',
    in: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits' },
      spec: {
        limits: [
          { type: 'Container', max: { cpu: '2', memory: '1024Mi' }, min: { cpu: '100m', 'ephemeral-storage': '1Gi' }, default: { cpu: '0.5' } },
          { type: 'Pod', max: { cpu: '4' } },
        ],
      },
    },
    out: {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'limits' },
      spec: {
        limits: [
          {
            type: 'Container',
            max: { cpu: '2', memory: '1Gi' },
            min: { cpu: '100m', 'ephemeral-storage': '1Gi' },
            default: { cpu: '500m', memory: '1Gi' },
            defaultRequest: { cpu: '500m', memory: '1Gi', 'ephemeral-storage': '1Gi' },
          },
          { type: 'Pod', max: { cpu: '4' } },
        ],
      },
    },
  },
  {
    name: 'ResourceQuota',
    in: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '1.5', 'requests.memory': '2048Mi', pods: 10 } } },
    out: { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q' }, spec: { hard: { 'requests.cpu': '1500m', 'requests.memory': '2Gi', pods: '10' } } },
  },
  {
    name: 'ReplicationController: selector and labels from the template',
    in: {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc' },
      spec: { template: { metadata: { labels: { app: 'rc' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    },
    out: {
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'rc', labels: { app: 'rc' } },
      spec: {
        replicas: 1,
        selector: { app: 'rc' },
        template: { metadata: { creationTimestamp: null, labels: { app: 'rc' } }, spec: { ...POD_SPEC_DEFAULTS, containers: [container({ name: 'nginx', image: 'nginx' })] } },
      },
      status: { replicas: 0 },
    },
  },
  {
    name: 'ReplicationController without a template',
    in: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { selector: { app: 'rc' } } },
    out: { apiVersion: 'v1', kind: 'ReplicationController', metadata: { name: 'rc' }, spec: { selector: { app: 'rc' }, replicas: 1 }, status: { replicas: 0 } },
  },
  {
    name: 'PodTemplate',
    in: { apiVersion: 'v1', kind: 'PodTemplate', metadata: { name: 't' }, template: { spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } },
    out: {
      apiVersion: 'v1',
      kind: 'PodTemplate',
      metadata: { name: 't' },
      template: { metadata: { creationTimestamp: null }, spec: { ...POD_SPEC_DEFAULTS, containers: [container({ name: 'nginx', image: 'nginx' })] } },
    },
  },
  {
    name: 'Event: the fields Go writes for zero values',
    in: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Started',
      lastTimestamp: '2025-01-15T12:00:00Z',
    },
    out: {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'web.1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'web' },
      reason: 'Started',
      source: {},
      firstTimestamp: null,
      lastTimestamp: '2025-01-15T12:00:00Z',
      eventTime: null,
      reportingComponent: '',
      reportingInstance: '',
    },
  },
  {
    name: 'ServiceAccount has no defaults',
    in: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
    out: { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default' } },
  },
];

runDefaultingCases('core', cases);
