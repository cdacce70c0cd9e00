import { runDefaultingCases, container, POD_SPEC_DEFAULTS, type DefaultingCase } from './testing.js';

const DIGEST = 'sha256:' + 'a'.repeat(64);

const cases: DefaultingCase[] = [
  {
    // The body `kubectl run web --image=nginx` sends.
    name: 'kubectl run',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', creationTimestamp: null, labels: { run: 'web' } },
      spec: {
        containers: [{ name: 'web', image: 'nginx', resources: {} }],
        restartPolicy: 'Always',
        dnsPolicy: 'ClusterFirst',
      },
      status: {},
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web', creationTimestamp: null, labels: { run: 'web' } },
      spec: {
        ...POD_SPEC_DEFAULTS,
        containers: [container({ name: 'web', image: 'nginx' })],
        enableServiceLinks: true,
      },
      status: {},
    },
  },
  {
    name: 'a tagged image is pulled if not present; explicit values stay',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'nginx:1.27', imagePullPolicy: 'Never' }, { name: 'd', image: 'nginx:1.27' }],
        restartPolicy: 'Never',
        dnsPolicy: 'Default',
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
        securityContext: { runAsUser: 1000 },
        schedulerName: 'mine',
      },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          container({ name: 'c', image: 'nginx:1.27' }, 'Never'),
          container({ name: 'd', image: 'nginx:1.27' }, 'IfNotPresent'),
        ],
        restartPolicy: 'Never',
        dnsPolicy: 'Default',
        terminationGracePeriodSeconds: 0,
        enableServiceLinks: false,
        securityContext: { runAsUser: 1000 },
        schedulerName: 'mine',
      },
    },
  },
  {
    name: 'limits become requests; quantities are canonical and rounded to millis',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: `nginx@${DIGEST}`,
            resources: { limits: { cpu: '0.5', memory: '1024Mi', 'nvidia.com/gpu': 1 }, requests: { cpu: '100u' } },
          },
        ],
        initContainers: [{ name: 'i', image: 'busybox:latest', resources: { limits: { memory: '128974848' } } }],
        overhead: { cpu: '250m', memory: '120Mi' },
      },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        ...POD_SPEC_DEFAULTS,
        enableServiceLinks: true,
        containers: [
          container(
            {
              name: 'c',
              image: `nginx@${DIGEST}`,
              resources: {
                limits: { cpu: '500m', memory: '1Gi', 'nvidia.com/gpu': '1' },
                requests: { cpu: '1m', memory: '1Gi', 'nvidia.com/gpu': '1' },
              },
            },
            'IfNotPresent',
          ),
        ],
        initContainers: [
          container({ name: 'i', image: 'busybox:latest', resources: { limits: { memory: '128974848' }, requests: { memory: '128974848' } } }),
        ],
        overhead: { cpu: '250m', memory: '120Mi' },
      },
    },
  },
  {
    name: 'probes, lifecycle handlers, ports and env field references',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [
          {
            name: 'c',
            image: 'app:v1',
            ports: [{ containerPort: 80 }, { containerPort: 53, protocol: 'UDP' }],
            env: [
              { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              { name: 'PLAIN', value: 'x' },
            ],
            livenessProbe: { httpGet: { port: 8080 } },
            readinessProbe: { grpc: { port: 9000 }, periodSeconds: 5, timeoutSeconds: 0 },
            startupProbe: { tcpSocket: { port: 80 }, failureThreshold: 30 },
            lifecycle: { preStop: { httpGet: { port: 80, path: '/quit', scheme: 'HTTPS' } }, postStart: { exec: { command: ['true'] } } },
          },
        ],
        ephemeralContainers: [{ name: 'debug', image: 'busybox', stdin: true }],
      },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        ...POD_SPEC_DEFAULTS,
        enableServiceLinks: true,
        containers: [
          container(
            {
              name: 'c',
              image: 'app:v1',
              ports: [
                { containerPort: 80, protocol: 'TCP' },
                { containerPort: 53, protocol: 'UDP' },
              ],
              env: [
                { name: 'NODE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
                { name: 'PLAIN', value: 'x' },
              ],
              livenessProbe: {
                httpGet: { port: 8080, path: '/', scheme: 'HTTP' },
                timeoutSeconds: 1,
                periodSeconds: 10,
                successThreshold: 1,
                failureThreshold: 3,
              },
              readinessProbe: { grpc: { port: 9000, service: '' }, periodSeconds: 5, timeoutSeconds: 1, successThreshold: 1, failureThreshold: 3 },
              startupProbe: { tcpSocket: { port: 80 }, failureThreshold: 30, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1 },
              lifecycle: { preStop: { httpGet: { port: 80, path: '/quit', scheme: 'HTTPS' } }, postStart: { exec: { command: ['true'] } } },
            },
            'IfNotPresent',
          ),
        ],
        ephemeralContainers: [container({ name: 'debug', image: 'busybox', stdin: true })],
      },
    },
  },
  {
    name: 'volumes',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'nginx' }],
        volumes: [
          { name: 'scratch' },
          { name: 'nulled', emptyDir: null },
          { name: 'tmp', emptyDir: { sizeLimit: '1024Mi' } },
          { name: 'host', hostPath: { path: '/var/log' } },
          { name: 'secret', secret: { secretName: 's' } },
          { name: 'config', configMap: { name: 'c', defaultMode: 256 } },
          { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
          {
            name: 'projected',
            projected: {
              sources: [
                { serviceAccountToken: { path: 'token' } },
                { downwardAPI: { items: [{ path: 'ns', fieldRef: { fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
          { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
          {
            name: 'eph',
            ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1024Mi' } } } } },
          },
          { name: 'iscsi', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.x', lun: 0 } },
          { name: 'rbd', rbd: { monitors: ['m'], image: 'i' } },
          { name: 'azure', azureDisk: { diskName: 'd', diskURI: 'u' } },
          { name: 'scaleio', scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' } } },
        ],
      },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        ...POD_SPEC_DEFAULTS,
        enableServiceLinks: true,
        containers: [container({ name: 'c', image: 'nginx' })],
        volumes: [
          { name: 'scratch', emptyDir: {} },
          { name: 'nulled', emptyDir: {} },
          { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
          { name: 'host', hostPath: { path: '/var/log', type: '' } },
          { name: 'secret', secret: { secretName: 's', defaultMode: 420 } },
          { name: 'config', configMap: { name: 'c', defaultMode: 256 } },
          { name: 'info', downwardAPI: { defaultMode: 420, items: [{ path: 'labels', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' } }] } },
          {
            name: 'projected',
            projected: {
              defaultMode: 420,
              sources: [
                { serviceAccountToken: { path: 'token', expirationSeconds: 3600 } },
                { downwardAPI: { items: [{ path: 'ns', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
              ],
            },
          },
          { name: 'claim', persistentVolumeClaim: { claimName: 'data' } },
          {
            name: 'eph',
            ephemeral: {
              volumeClaimTemplate: {
                metadata: { creationTimestamp: null },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
              },
            },
          },
          { name: 'iscsi', iscsi: { targetPortal: '10.0.0.1:3260', iqn: 'iqn.x', lun: 0, iscsiInterface: 'default' } },
          { name: 'rbd', rbd: { monitors: ['m'], image: 'i', pool: 'rbd', user: 'admin', keyring: '/etc/ceph/keyring' } },
          { name: 'azure', azureDisk: { diskName: 'd', diskURI: 'u', cachingMode: 'ReadWrite', kind: 'Shared', fsType: 'ext4', readOnly: false } },
          {
            name: 'scaleio',
            scaleIO: { gateway: 'g', system: 's', secretRef: { name: 'x' }, storageMode: 'ThinProvisioned', fsType: 'xfs' },
          },
        ],
      },
    },
  },
  {
    name: 'host-network pods expose their container ports on the host',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        hostNetwork: true,
        containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }, { containerPort: 443, hostPort: 8443 }] }],
      },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        ...POD_SPEC_DEFAULTS,
        hostNetwork: true,
        enableServiceLinks: true,
        containers: [
          container({
            name: 'c',
            image: 'nginx',
            ports: [
              { containerPort: 80, hostPort: 80, protocol: 'TCP' },
              { containerPort: 443, hostPort: 8443, protocol: 'TCP' },
            ],
          }),
        ],
      },
    },
  },
  {
    name: 'serviceAccount is an alias of serviceAccountName',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { 'pod.beta.kubernetes.io/init-containers': '[]', keep: 'me' } },
      spec: { serviceAccount: 'builder', containers: [{ name: 'c', image: 'nginx' }] },
      status: { podIP: '10.42.0.7', hostIP: '192.168.1.2', containerStatuses: [{ name: 'c' }] },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', annotations: { keep: 'me' } },
      spec: {
        ...POD_SPEC_DEFAULTS,
        enableServiceLinks: true,
        serviceAccount: 'builder',
        serviceAccountName: 'builder',
        containers: [container({ name: 'c', image: 'nginx' })],
      },
      status: {
        podIP: '10.42.0.7',
        podIPs: [{ ip: '10.42.0.7' }],
        hostIP: '192.168.1.2',
        hostIPs: [{ ip: '192.168.1.2' }],
        containerStatuses: [{ name: 'c', state: {}, lastState: {}, ready: false, restartCount: 0, image: '', imageID: '' }],
      },
    },
  },
  {
    name: 'serviceAccountName wins over a different serviceAccount',
    in: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { serviceAccountName: 'a', serviceAccount: 'b', containers: [] },
      status: { podIPs: [{ ip: 'fd00::1' }, { ip: '10.0.0.1' }] },
    },
    out: {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { ...POD_SPEC_DEFAULTS, enableServiceLinks: true, serviceAccountName: 'a', serviceAccount: 'a', containers: [] },
      status: { podIP: 'fd00::1', podIPs: [{ ip: 'fd00::1' }, { ip: '10.0.0.1' }] },
    },
  },
];

runDefaultingCases('Pod', cases);
