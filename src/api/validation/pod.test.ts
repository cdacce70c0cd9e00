import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { build, container, pod } from './fixtures.js';
import { validateObjectUpdate } from './index.js';
import { at, createCases, updateCases, type Case } from './testing.js';

const spec = (o: unknown) => at(o, 'spec');
const c0 = (o: unknown) => at(o, 'spec', 'containers', 0);

describe('Pod create', () => {
  const cases: Case[] = [
    ['valid', () => {}, []],
    ['containers required', (o) => (spec(o).containers = []), ['spec.containers: Required value']],
    ['container name required', (o) => (c0(o).name = ''), ['spec.containers[0].name: Required value']],
    [
      'container name not a DNS label',
      (o) => (c0(o).name = 'App'),
      [
        "spec.containers[0].name: Invalid value: \"App\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
      ],
    ],
    ['duplicate container names', (o) => (spec(o).containers = [container('a'), container('a')]), ['spec.containers[1].name: Duplicate value: "a"']],
    [
      'init container name shared with a container',
      (o) => (spec(o).initContainers = [container('app')]),
      ['spec.initContainers[0].name: Duplicate value: "app"'],
    ],
    ['image required', (o) => (c0(o).image = ''), ['spec.containers[0].image: Required value']],
    [
      'port out of range',
      (o) => (c0(o).ports = [{ containerPort: 70000, protocol: 'TCP' }]),
      ['spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    ],
    ['port required', (o) => (c0(o).ports = [{ containerPort: 0, protocol: 'TCP' }]), ['spec.containers[0].ports[0].containerPort: Required value']],
    [
      'port protocol',
      (o) => (c0(o).ports = [{ containerPort: 80, protocol: 'HTTP' }]),
      ['spec.containers[0].ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP"'],
    ],
    [
      'duplicate port names',
      (o) =>
        (c0(o).ports = [
          { name: 'http', containerPort: 80, protocol: 'TCP' },
          { name: 'http', containerPort: 81, protocol: 'TCP' },
        ]),
      ['spec.containers[0].ports[1].name: Duplicate value: "http"'],
    ],
    [
      'env var name',
      (o) => (c0(o).env = [{ name: '' }]),
      ['spec.containers[0].env[0].name: Required value'],
    ],
    [
      'env var name with =',
      (o) => (c0(o).env = [{ name: 'A=B', value: 'x' }]),
      [
        'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
      ],
    ],
    [
      'volume mount of an unknown volume',
      (o) => (c0(o).volumeMounts = [{ name: 'data', mountPath: '/data' }]),
      ['spec.containers[0].volumeMounts[0].name: Not found: "data"'],
    ],
    [
      'volume mount path required',
      (o) => {
        spec(o).volumes = [{ name: 'data', emptyDir: {} }];
        c0(o).volumeMounts = [{ name: 'data', mountPath: '' }];
      },
      ['spec.containers[0].volumeMounts[0].mountPath: Required value'],
    ],
    [
      'duplicate volume names',
      (o) => (spec(o).volumes = [{ name: 'v', emptyDir: {} }, { name: 'v', emptyDir: {} }]),
      ['spec.volumes[1].name: Duplicate value: "v"'],
    ],
    ['volume without a source', (o) => (spec(o).volumes = [{ name: 'v' }]), ['spec.volumes[0]: Required value: must specify a volume type']],
    [
      'volume with two sources',
      (o) => (spec(o).volumes = [{ name: 'v', emptyDir: {}, hostPath: { path: '/tmp', type: '' } }]),
      ['spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type'],
    ],
    [
      'restartPolicy value',
      (o) => (spec(o).restartPolicy = 'Sometimes'),
      ['spec.restartPolicy: Unsupported value: "Sometimes": supported values: "Always", "OnFailure", "Never"'],
    ],
    [
      'dnsPolicy value',
      (o) => (spec(o).dnsPolicy = 'Google'),
      ['spec.dnsPolicy: Unsupported value: "Google": supported values: "ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"'],
    ],
    // Defaulting always sets it; a negative value is accepted (kubelets treat it as 1).
    ['terminationGracePeriodSeconds required', (o) => delete spec(o).terminationGracePeriodSeconds, ['spec.terminationGracePeriodSeconds: Required value']],
    ['negative grace period allowed', (o) => (spec(o).terminationGracePeriodSeconds = -1), []],
    [
      'requests above limits',
      (o) => (c0(o).resources = { requests: { cpu: '2' }, limits: { cpu: '1' } }),
      ['spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1'],
    ],
    [
      'unknown container resource',
      (o) => (c0(o).resources = { limits: { gpu: '1' } }),
      [
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
        'spec.containers[0].resources.limits[gpu]: Invalid value: "gpu": must be a standard resource for containers',
      ],
    ],
    [
      'negative quantity',
      (o) => (c0(o).resources = { requests: { memory: '-1' } }),
      ['spec.containers[0].resources.requests[memory]: Invalid value: "-1": must be greater than or equal to 0'],
    ],
    [
      'probe without a handler',
      (o) => (c0(o).livenessProbe = { timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 }),
      ['spec.containers[0].livenessProbe: Required value: must specify a handler type'],
    ],
    [
      'liveness probe successThreshold',
      (o) =>
        (c0(o).livenessProbe = {
          httpGet: { path: '/', port: 80, scheme: 'HTTP' },
          timeoutSeconds: 1,
          periodSeconds: 10,
          successThreshold: 2,
          failureThreshold: 3,
        }),
      ['spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1'],
    ],
    [
      'runAsUser negative',
      (o) => (c0(o).securityContext = { runAsUser: -1 }),
      ['spec.containers[0].securityContext.runAsUser: Invalid value: -1: must be between 0 and 2147483647, inclusive'],
    ],
    [
      'imagePullPolicy value',
      (o) => (c0(o).imagePullPolicy = 'Sometimes'),
      ['spec.containers[0].imagePullPolicy: Unsupported value: "Sometimes": supported values: "Always", "IfNotPresent", "Never"'],
    ],
  ];
  createCases(pod, cases);
});

describe('Pod update', () => {
  const cases: Case[] = [
    ['unchanged', () => {}, []],
    ['image may change', (o) => (c0(o).image = 'nginx:2'), []],
    ['activeDeadlineSeconds may be set', (o) => (spec(o).activeDeadlineSeconds = 30), []],
  ];
  updateCases(pod, cases);
});

describe('Pod update of other fields', () => {
  test('names the updatable fields, then the diff', () => {
    const old = pod();
    const next = build(old, (o) => (spec(o).restartPolicy = 'Never'));
    const errs = validateObjectUpdate(next, old);
    assert.equal(errs.length, 1);
    assert.equal(errs[0]!.type, 'FieldValueForbidden');
    assert.equal(errs[0]!.field, 'spec');
    const [first, ...diff] = (errs[0]!.detail ?? '').split('\n');
    assert.equal(
      first,
      'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
        '`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)',
    );
    assert.equal(diff[0], '  core.PodSpec{');
    assert.ok(diff.includes('- \tRestartPolicy: "Always",'), diff.join('\n'));
    assert.ok(diff.includes('+ \tRestartPolicy: "Never",'), diff.join('\n'));
  });
});
