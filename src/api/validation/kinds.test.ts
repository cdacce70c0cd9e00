import { describe } from 'node:test';

import { object } from './fixtures.js';
import { at, createCases, updateCases } from './testing.js';

const spec = (o: unknown) => at(o, 'spec');

describe('Namespace', () => {
  const ns = () => object('v1', 'Namespace', 'team-a', undefined, { spec: { finalizers: ['kubernetes'] } });
  createCases(ns, [
    ['valid', () => {}, []],
    [
      'name must be a DNS label',
      (o) => (at(o, 'metadata').name = 'team.a'),
      ['metadata.name: Invalid value: "team.a": must not contain dots'],
    ],
  ]);
});

describe('PersistentVolumeClaim', () => {
  const pvc = () =>
    object('v1', 'PersistentVolumeClaim', 'data', 'default', {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
    });
  createCases(pvc, [
    ['valid', () => {}, []],
    ['accessModes required', (o) => (spec(o).accessModes = []), ['spec.accessModes: Required value: at least 1 access mode is required']],
    ['storage request required', (o) => (spec(o).resources = { requests: {} }), ['spec.resources[storage]: Required value']],
    [
      'unknown access mode',
      (o) => (spec(o).accessModes = ['ReadWriteSometimes']),
      ['spec.accessModes: Unsupported value: "ReadWriteSometimes": supported values: "ReadOnlyMany", "ReadWriteMany", "ReadWriteOnce", "ReadWriteOncePod"'],
    ],
  ]);
  const bound = () => {
    const o = pvc();
    spec(o).volumeName = 'pv-1';
    o.status = { phase: 'Bound' };
    return o;
  };
  updateCases(bound, [
    ['storage may grow', (o) => (at(o, 'spec', 'resources', 'requests').storage = '2Gi'), []],
    ['storage may not shrink', (o) => (at(o, 'spec', 'resources', 'requests').storage = '500Mi'), ['spec.resources.requests.storage: Forbidden: field can not be less than status.capacity']],
  ]);
});

describe('ResourceQuota and LimitRange', () => {
  const rq = () => object('v1', 'ResourceQuota', 'q', 'default', { spec: { hard: { pods: '10', 'requests.cpu': '4' } } });
  createCases(rq, [
    ['valid', () => {}, []],
    ['whole numbers for counts', (o) => (at(o, 'spec', 'hard').pods = '1.5'), [
      'spec.hard[pods]: Invalid value: resource.Quantity{i:resource.int64Amount{value:15, scale:-1}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"", Format:"DecimalSI"}: must be an integer',
    ]],
    ['negative', (o) => (at(o, 'spec', 'hard')['requests.cpu'] = '-1'), ['spec.hard[requests.cpu]: Invalid value: "-1": must be greater than or equal to 0']],
  ]);
  const lr = () =>
    object('v1', 'LimitRange', 'l', 'default', {
      spec: { limits: [{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '2' }, default: { cpu: '1' }, defaultRequest: { cpu: '500m' } }] },
    });
  createCases(lr, [
    ['valid', () => {}, []],
    [
      'min above max',
      (o) => (at(o, 'spec', 'limits', 0).min = { cpu: '3' }),
      [
        'spec.limits[0].min[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:3, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"3", Format:"DecimalSI"}: min value 3 is greater than max value 2',
        'spec.limits[0].defaultRequest[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:500, scale:-3}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"500m", Format:"DecimalSI"}: min value 3 is greater than default request value 500m',
        'spec.limits[0].default[cpu]: Invalid value: resource.Quantity{i:resource.int64Amount{value:3, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"3", Format:"DecimalSI"}: min value 3 is greater than default value 1',
      ],
    ],
  ]);
});

describe('Ingress and NetworkPolicy', () => {
  const ing = () =>
    object('networking.k8s.io/v1', 'Ingress', 'web', 'default', {
      spec: {
        rules: [
          {
            host: 'example.com',
            http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'web', port: { number: 80 } } } }] },
          },
        ],
      },
    });
  const path0 = (o: unknown) => at(o, 'spec', 'rules', 0, 'http', 'paths', 0);
  createCases(ing, [
    ['valid', () => {}, []],
    [
      'pathType required',
      (o) => delete path0(o).pathType,
      ['spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified'],
    ],
    [
      'relative path',
      (o) => (path0(o).path = 'web'),
      ['spec.rules[0].http.paths[0].path: Invalid value: "web": must be an absolute path'],
    ],
    [
      'IP as host',
      (o) => (at(o, 'spec', 'rules', 0).host = '1.2.3.4'),
      ['spec.rules[0].host: Invalid value: "1.2.3.4": must be a DNS name, not an IP address'],
    ],
  ]);
  const np = () =>
    object('networking.k8s.io/v1', 'NetworkPolicy', 'deny', 'default', {
      spec: { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ ports: [{ protocol: 'TCP', port: 80 }] }] },
    });
  createCases(np, [
    ['valid', () => {}, []],
    [
      'policy type',
      (o) => (spec(o).policyTypes = ['Sideways']),
      ['spec.policyTypes[0]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"'],
    ],
  ]);
});

describe('PodDisruptionBudget', () => {
  const pdb = () => object('policy/v1', 'PodDisruptionBudget', 'web', 'default', { spec: { minAvailable: 1, selector: { matchLabels: { app: 'web' } } } });
  createCases(pdb, [
    ['valid', () => {}, []],
    [
      'minAvailable and maxUnavailable',
      (o) => (spec(o).maxUnavailable = 1),
      [
        'spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:(*intstr.IntOrString)(0xc000000000), Selector:(*v1.LabelSelector)(0xc000000000), MaxUnavailable:(*intstr.IntOrString)(0xc000000000), UnhealthyPodEvictionPolicy:(*policy.UnhealthyPodEvictionPolicyType)(nil)}: minAvailable and maxUnavailable cannot be both set',
      ],
    ],
    ['negative minAvailable', (o) => (spec(o).minAvailable = -1), ['spec.minAvailable: Invalid value: -1: must be greater than or equal to 0']],
  ]);
});

describe('HorizontalPodAutoscaler', () => {
  const hpa = () =>
    object('autoscaling/v2', 'HorizontalPodAutoscaler', 'web', 'default', {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 1,
        maxReplicas: 5,
        metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }],
      },
    });
  createCases(hpa, [
    ['valid', () => {}, []],
    [
      'minReplicas 0',
      (o) => (spec(o).minReplicas = 0),
      [
        'spec.minReplicas: Invalid value: 0: must be greater than or equal to 1',
        'spec.metrics: Forbidden: must specify at least one Object or External metric to support scaling to zero replicas',
      ],
    ],
    ['maxReplicas below min', (o) => (spec(o).maxReplicas = 0), [
      'spec.maxReplicas: Invalid value: 0: must be greater than 0',
      'spec.maxReplicas: Invalid value: 0: must be greater than or equal to `minReplicas`',
    ]],
    ['scale target name', (o) => (at(o, 'spec', 'scaleTargetRef').name = ''), ['spec.scaleTargetRef.name: Required value']],
    [
      'metric source missing',
      (o) => (at(o, 'spec', 'metrics', 0).type = 'Pods'),
      ['spec.metrics[0].pods: Required value: must populate information for the given metric source'],
    ],
    [
      'target value not positive',
      (o) => (at(o, 'spec', 'metrics', 0, 'resource', 'target').averageValue = '0'),
      [
        'spec.metrics[0].resource.target.averageValue: Invalid value: resource.Quantity{i:resource.int64Amount{value:0, scale:0}, d:resource.infDecAmount{Dec:(*inf.Dec)(nil)}, s:"0", Format:"DecimalSI"}: must be positive',
        'spec.metrics[0].resource.target.averageValue: Forbidden: may not set both a target raw value and a target utilization',
      ],
    ],
    [
      'behavior policies',
      (o) => (spec(o).behavior = { scaleUp: { stabilizationWindowSeconds: 4000, selectPolicy: 'Max', policies: [] } }),
      [
        'spec.behavior.scaleUp.stabilizationWindowSeconds: Invalid value: 4000: must be less than or equal to 3600',
        'spec.behavior.scaleUp.policies: Required value: must specify at least one Policy',
      ],
    ],
  ]);
});

describe('Lease, EndpointSlice, Endpoints', () => {
  const lease = () => object('coordination.k8s.io/v1', 'Lease', 'node-1', 'kube-node-lease', { spec: { holderIdentity: 'node-1', leaseDurationSeconds: 40 } });
  createCases(lease, [
    ['valid', () => {}, []],
    ['duration', (o) => (spec(o).leaseDurationSeconds = 0), ['spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0']],
    ['transitions', (o) => (spec(o).leaseTransitions = -1), ['spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0']],
  ]);
  const slice = () =>
    object('discovery.k8s.io/v1', 'EndpointSlice', 'web-abc', 'default', {
      addressType: 'IPv4',
      endpoints: [{ addresses: ['10.1.2.3'], conditions: { ready: true } }],
      ports: [{ name: 'http', protocol: 'TCP', port: 80 }],
    });
  createCases(slice, [
    ['valid', () => {}, []],
    ['address type', (o) => (o.addressType = 'IPv5'), ['addressType: Unsupported value: "IPv5": supported values: "FQDN", "IPv4", "IPv6"']],
    ['addresses required', (o) => (at(o, 'endpoints', 0).addresses = []), ['endpoints[0].addresses: Required value: must contain at least 1 address']],
    ['IPv4 address', (o) => (at(o, 'endpoints', 0).addresses = ['fd00::1']), ['endpoints[0].addresses[0]: Invalid value: "fd00::1": must be a valid IPv4 address']],
    [
      'loopback',
      (o) => (at(o, 'endpoints', 0).addresses = ['127.0.0.1']),
      ['endpoints[0].addresses[0]: Invalid value: "127.0.0.1": may not be in the loopback range (127.0.0.0/8, ::1/128)'],
    ],
    ['duplicate port names', (o) => (o.ports = [{ name: 'a', protocol: 'TCP', port: 1 }, { name: 'a', protocol: 'TCP', port: 2 }]), ['ports[1].name: Duplicate value: "a"']],
  ]);
  updateCases(slice, [['address type immutable', (o) => (o.addressType = 'IPv6'), [
    'endpoints[0].addresses[0]: Invalid value: "10.1.2.3": must be a valid IPv6 address',
    'addressType: Invalid value: "IPv6": field is immutable',
  ]]]);
  const ep = () => object('v1', 'Endpoints', 'web', 'default', { subsets: [{ addresses: [{ ip: '10.1.2.3' }], ports: [{ port: 80, protocol: 'TCP' }] }] });
  createCases(ep, [
    ['valid', () => {}, []],
    ['subset needs addresses', (o) => (at(o, 'subsets', 0).addresses = []), ['subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`']],
  ]);
});

describe('PriorityClass and StorageClass', () => {
  const pc = () => object('scheduling.k8s.io/v1', 'PriorityClass', 'high', undefined, { value: 1000, preemptionPolicy: 'PreemptLowerPriority' });
  createCases(pc, [
    ['valid', () => {}, []],
    ['too high', (o) => (o.value = 2000000000), ['value: Forbidden: maximum allowed value of a user defined priority is 1000000000']],
    [
      'reserved prefix',
      (o) => (at(o, 'metadata').name = 'system-custom'),
      ["metadata.name: Forbidden: priority class names with 'system-' prefix are reserved for system use only. error: system-custom is not a known system priority class"],
    ],
    ['preemption policy', (o) => (o.preemptionPolicy = 'Always'), ['preemptionPolicy: Unsupported value: "Always": supported values: "PreemptLowerPriority", "Never"']],
  ]);
  updateCases(pc, [['value immutable', (o) => (o.value = 5), ['value: Forbidden: may not be changed in an update.']]]);
  const sc = () =>
    object('storage.k8s.io/v1', 'StorageClass', 'fast', undefined, { provisioner: 'example.com/disk', reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  createCases(sc, [
    ['valid', () => {}, []],
    ['provisioner required', (o) => (o.provisioner = ''), ['provisioner: Required value']],
    ['reclaim policy', (o) => (o.reclaimPolicy = 'Recycle'), ['reclaimPolicy: Unsupported value: "Recycle": supported values: "Delete", "Retain"']],
    ['binding mode', (o) => (o.volumeBindingMode = 'Later'), ['volumeBindingMode: Unsupported value: "Later": supported values: "Immediate", "WaitForFirstConsumer"']],
  ]);
  updateCases(sc, [
    ['provisioner immutable', (o) => (o.provisioner = 'example.com/other'), ['provisioner: Forbidden: updates to provisioner are forbidden.']],
    ['parameters immutable', (o) => (o.parameters = { a: 'b' }), ['parameters: Forbidden: updates to parameters are forbidden.']],
  ]);
});

describe('RBAC', () => {
  const role = () => object('rbac.authorization.k8s.io/v1', 'Role', 'reader', 'default', { rules: [{ apiGroups: [''], resources: ['pods'], verbs: ['get'] }] });
  createCases(role, [
    ['valid', () => {}, []],
    ['verbs required', (o) => (at(o, 'rules', 0).verbs = []), ['rules[0].verbs: Required value: verbs must contain at least one value']],
    [
      'non-resource URLs in a Role',
      (o) => (o.rules = [{ nonResourceURLs: ['/healthz'], verbs: ['get'] }]),
      ['rules[0].nonResourceURLs: Invalid value: []string{"/healthz"}: namespaced rules cannot apply to non-resource URLs'],
    ],
    ['path-segment names', (o) => (at(o, 'metadata').name = 'system:reader'), []],
  ]);
  const binding = () =>
    object('rbac.authorization.k8s.io/v1', 'RoleBinding', 'read', 'default', {
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'reader' },
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'jane' }],
    });
  createCases(binding, [
    ['valid', () => {}, []],
    ['roleRef name required', (o) => (at(o, 'roleRef').name = ''), ['roleRef.name: Required value']],
    ['roleRef kind', (o) => (at(o, 'roleRef').kind = 'Group'), ['roleRef.kind: Unsupported value: "Group": supported values: "Role", "ClusterRole"']],
  ]);
  updateCases(binding, [
    [
      'roleRef immutable',
      (o) => (at(o, 'roleRef').name = 'writer'),
      ['roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"writer"}: cannot change roleRef'],
    ],
  ]);
});

describe('Webhook configurations', () => {
  const hook = {
    name: 'check.example.com',
    clientConfig: { service: { namespace: 'default', name: 'hook', path: '/validate', port: 443 } },
    rules: [{ operations: ['CREATE'], apiGroups: [''], apiVersions: ['v1'], resources: ['pods'], scope: '*' }],
    failurePolicy: 'Fail',
    matchPolicy: 'Equivalent',
    namespaceSelector: {},
    objectSelector: {},
    sideEffects: 'None',
    timeoutSeconds: 10,
    admissionReviewVersions: ['v1'],
  };
  const vwc = () => object('admissionregistration.k8s.io/v1', 'ValidatingWebhookConfiguration', 'check', undefined, { webhooks: [structuredClone(hook)] });
  const h0 = (o: unknown) => at(o, 'webhooks', 0);
  createCases(vwc, [
    ['valid', () => {}, []],
    [
      'webhook name needs three segments',
      (o) => (h0(o).name = 'check.example'),
      ['webhooks[0].name: Invalid value: "check.example": should be a domain with at least three segments separated by dots'],
    ],
    ['side effects', (o) => (h0(o).sideEffects = 'Some'), ['webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"']],
    ['timeout', (o) => (h0(o).timeoutSeconds = 31), ['webhooks[0].timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds']],
    [
      'url must be https',
      (o) => (h0(o).clientConfig = { url: 'http://example.com/hook' }),
      ['webhooks[0].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]'],
    ],
    ['url and service', (o) => (at(o, 'webhooks', 0, 'clientConfig').url = 'https://example.com'), ['webhooks[0].clientConfig: Required value: exactly one of url or service is required']],
    [
      'review versions',
      (o) => (h0(o).admissionReviewVersions = ['v2']),
      ['webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1'],
    ],
    ['duplicate webhook names', (o) => (o.webhooks = [structuredClone(hook), structuredClone(hook)]), ['webhooks[1].name: Duplicate value: "check.example.com"']],
  ]);
});

describe('CustomResourceDefinition', () => {
  const crd = () =>
    object('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'widgets.example.com', undefined, {
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', listKind: 'WidgetList' },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object' } } }],
      },
    });
  createCases(crd, [
    ['valid', () => {}, []],
    [
      'name must be plural.group',
      (o) => (at(o, 'metadata').name = 'gadgets.example.com'),
      ['metadata.name: Invalid value: "gadgets.example.com": must be spec.names.plural+"."+spec.group'],
    ],
    ['scope', (o) => (spec(o).scope = 'Global'), ['spec.scope: Unsupported value: "Global": supported values: "Cluster", "Namespaced"']],
    [
      'no storage version',
      (o) => (at(o, 'spec', 'versions', 0).storage = false),
      [
        'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:false, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(0xc000000000), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}}: must have exactly one version marked as storage version',
      ],
    ],
    ['schema required', (o) => delete at(o, 'spec', 'versions', 0).schema, ['spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required']],
  ]);
});

describe('Binding and Event', () => {
  const binding = () => object('v1', 'Binding', 'web', 'default', { target: { kind: 'Node', name: 'node-1' } });
  createCases(binding, [
    ['valid', () => {}, []],
    ['target name', (o) => (at(o, 'target').name = ''), ['target.name: Required value']],
  ]);
  const event = () =>
    object('v1', 'Event', 'web.1', 'default', { involvedObject: { kind: 'Pod', namespace: 'default', name: 'web' }, reason: 'Started', type: 'Normal' });
  createCases(event, [
    ['valid', () => {}, []],
    [
      'namespace mismatch',
      (o) => (at(o, 'involvedObject').namespace = 'other'),
      ['involvedObject.namespace: Invalid value: "other": does not match event.namespace'],
    ],
  ]);
});
