import { describe } from 'node:test';

import { build, daemonSet, deployment, replicaSet, statefulSet } from './fixtures.js';
import { at, createCases, updateCases, type Case } from './testing.js';

const spec = (o: unknown) => at(o, 'spec');
const podSpec = (o: unknown) => at(o, 'spec', 'template', 'spec');

describe('Deployment create', () => {
  const cases: Case[] = [
    ['valid', () => {}, []],
    [
      'selector required',
      (o) => delete spec(o).selector,
      ['spec.selector: Required value', 'spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    [
      'empty selector',
      (o) => (spec(o).selector = {}),
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment',
      ],
    ],
    [
      'selector does not match template labels',
      (o) => (spec(o).selector = { matchLabels: { app: 'other' } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
    ['negative replicas', (o) => (spec(o).replicas = -1), ['spec.replicas: Invalid value: -1: must be greater than or equal to 0']],
    [
      'template restartPolicy must be Always',
      (o) => (podSpec(o).restartPolicy = 'Never'),
      ['spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"'],
    ],
    [
      'maxSurge and maxUnavailable both 0',
      (o) => (spec(o).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:""}: may not be 0 when `maxSurge` is 0'],
    ],
    [
      'maxUnavailable over 100%',
      (o) => (spec(o).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: '200%' } }),
      ['spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:"200%"}: must not be greater than 100%'],
    ],
    [
      'maxSurge not a percent',
      (o) => (spec(o).strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'x', maxUnavailable: 1 } }),
      [
        "spec.strategy.rollingUpdate.maxSurge: Invalid value: intstr.IntOrString{Type:1, IntVal:0, StrVal:\"x\"}: a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')",
      ],
    ],
    [
      'negative revisionHistoryLimit',
      (o) => (spec(o).revisionHistoryLimit = -1),
      ['spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0'],
    ],
    [
      'progressDeadlineSeconds not above minReadySeconds',
      (o) => (spec(o).minReadySeconds = 600),
      ['spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds'],
    ],
  ];
  createCases(deployment, cases);
});

describe('Deployment update', () => {
  const cases: Case[] = [
    ['unchanged', () => {}, []],
    ['replicas may change', (o) => (spec(o).replicas = 5), []],
    [
      'selector immutable',
      (o) => {
        spec(o).selector = { matchLabels: { app: 'web', tier: 'x' } };
        at(o, 'spec', 'template', 'metadata').labels = { app: 'web', tier: 'x' };
      },
      [
        'spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web", "tier":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable',
      ],
    ],
  ];
  updateCases(deployment, cases);
});

describe('ReplicaSet', () => {
  createCases(replicaSet, [
    ['valid', () => {}, []],
    [
      'selector does not match template labels',
      (o) => (spec(o).selector = { matchLabels: { app: 'x' } }),
      ['spec.template.metadata.labels: Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`'],
    ],
  ]);
  updateCases(replicaSet, [
    [
      'selector immutable',
      (o) => {
        spec(o).selector = { matchLabels: { app: 'x' } };
        at(o, 'spec', 'template', 'metadata').labels = { app: 'x' };
      },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'],
    ],
  ]);
});

describe('StatefulSet', () => {
  createCases(statefulSet, [
    ['valid', () => {}, []],
    [
      'podManagementPolicy',
      (o) => (spec(o).podManagementPolicy = 'Random'),
      ['spec.podManagementPolicy: Invalid value: "Random": must be \'OrderedReady\' or \'Parallel\''],
    ],
    [
      'volumeMounts may name a volumeClaimTemplate (the pod spec is not validated)',
      (o) => {
        at(o, 'spec', 'template', 'spec', 'containers', 0).volumeMounts = [{ name: 'www', mountPath: '/data' }];
        spec(o).volumeClaimTemplates = [{ metadata: { name: 'www' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }];
      },
      [],
    ],
    [
      'template labels are validated (at spec.template.labels, as Kubernetes words it)',
      (o) => {
        spec(o).selector = { matchExpressions: [{ key: 'app', operator: 'Exists' }] };
        at(o, 'spec', 'template', 'metadata').labels = { app: 'db', 'bad key!': 'x' };
      },
      [
        'spec.template.labels: Invalid value: "bad key!": name part must consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyName\',  or \'my.name\',  or \'123-abc\', regex used for validation is \'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]\')',
      ],
    ],
  ]);
  updateCases(statefulSet, [
    ['replicas may change', (o) => (spec(o).replicas = 3), []],
    ['template may change', (o) => (at(o, 'spec', 'template', 'spec', 'containers', 0).image = 'pg:2'), []],
    [
      'other spec fields are forbidden',
      (o) => (spec(o).serviceName = 'other'),
      [
        "spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
      ],
    ],
  ]);
});

describe('DaemonSet', () => {
  createCases(daemonSet, [
    ['valid', () => {}, []],
    [
      'template restartPolicy must be Always',
      (o) => (podSpec(o).restartPolicy = 'OnFailure'),
      ['spec.template.spec.restartPolicy: Unsupported value: "OnFailure": supported values: "Always"'],
    ],
  ]);
  const generation1 = () => build(daemonSet(), (o) => (at(o, 'metadata').annotations = { 'deprecated.daemonset.template.generation': '1' }));
  const generation = (o: unknown, g: string) => (at(o, 'metadata', 'annotations')['deprecated.daemonset.template.generation'] = g);
  updateCases(generation1, [
    ['template change with the generation bumped', (o) => { at(o, 'spec', 'template', 'spec', 'containers', 0).image = 'agent:2'; generation(o, '2'); }, []],
    [
      'template change without a bump',
      (o) => (at(o, 'spec', 'template', 'spec', 'containers', 0).image = 'agent:2'),
      ['spec.templateGeneration: Invalid value: 1: must be incremented upon template update'],
    ],
    ['bump without a template change', (o) => generation(o, '2'), ['spec.templateGeneration: Invalid value: 2: must not be incremented without template update']],
  ]);
  updateCases(daemonSet, [
    [
      'selector immutable',
      (o) => {
        spec(o).selector = { matchLabels: { app: 'x' } };
        at(o, 'spec', 'template', 'metadata').labels = { app: 'x' };
      },
      ['spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"x"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable'],
    ],
  ]);
});
