// What kite checks and fills in on the declarative path, against the real kubectl, as Kubernetes
// 1.32 words and returns it: strict field validation (kubectl's default --validate=strict,
// --validate=warn and --validate=false), semantic validation (names, selectors, immutable
// fields, container fields, quantities), kubectl explain over the OpenAPI documents, and the
// defaults every common kind reads back with. One server; each test its own namespace.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { API_ONLY, type KiteProcess, startKite } from './harness.js';

let kite: KiteProcess;
before(async () => {
  kite = await startKite({ args: API_ONLY });
});
after(() => kite.stop());

async function createNamespace(name: string): Promise<void> {
  assert.equal(await kite.k(['create', 'namespace', name]), `namespace/${name} created\n`);
}

/** kubectl that must fail with exit code 1; returns stderr. */
async function fails(args: string[], input?: string): Promise<string> {
  const r = await kite.kubectl(args, { input });
  assert.equal(r.code, 1, `kubectl ${args.join(' ')} exited ${r.code}:\n${r.stdout}${r.stderr}`);
  return r.stderr;
}

async function getYaml(ns: string, what: string): Promise<any> {
  return parseYaml(await kite.k(['-n', ns, 'get', what, '-o', 'yaml']));
}

// ---------------------------------------------------------------------------------------------
// Field validation

describe('field validation (kubectl --validate)', () => {
  const ns = 'val-fields';
  const configMap = (name: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  namespace: ${ns}
  foo: bar
data: {a: "1"}
spuriousField: 1
`;
  before(() => createNamespace(ns));

  test('without flags an unknown field is rejected (strict), on apply and on create', async () => {
    const expected = (verb: string) =>
      `Error from server (BadRequest): error when ${verb} "STDIN": ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "metadata.foo", unknown field "spuriousField"\n`;
    assert.equal(await fails(['apply', '-f', '-'], configMap('strict')), expected('creating'));
    assert.equal(await fails(['create', '-f', '-'], configMap('strict')), expected('creating'));
    assert.equal((await kite.kubectl(['-n', ns, 'get', 'configmap', 'strict'])).code, 1);
  });

  test('a nested unknown field names its path', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: typo, namespace: ${ns}}
spec:
  containers:
  - name: a
    image: nginx
    ports:
    - containerPort: 80
      protocl: TCP
`;
    assert.equal(
      await fails(['apply', '-f', '-'], pod),
      'Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.containers[0].ports[0].protocl"\n',
    );
  });

  test('an unknown field in a re-apply (a patch) is rejected too', async () => {
    await kite.k(['apply', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: patched, namespace: ${ns}}\ndata: {a: "1"}\n`);
    const err = await fails(['apply', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: patched, namespace: ${ns}}\ndata: {a: "2"}\nbogus: 1\n`);
    assert.match(err, /^The request is invalid: patch: Invalid value: "map\[.*\]": strict decoding error: unknown field "bogus"\n$/s);
    assert.equal((await getYaml(ns, 'configmap/patched')).data.a, '1');
  });

  test('--validate=warn prints a warning per field and creates the object without them', async () => {
    const r = await kite.kubectl(['apply', '--validate=warn', '-f', '-'], { input: configMap('warned') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/warned created\n');
    assert.equal(r.stderr, 'Warning: unknown field "metadata.foo"\nWarning: unknown field "spuriousField"\n');
    const cm = await getYaml(ns, 'configmap/warned');
    assert.equal(cm.spuriousField, undefined);
    assert.equal(cm.metadata.foo, undefined);
    assert.deepEqual(cm.data, { a: '1' });
  });

  test('--validate=false drops the fields silently', async () => {
    const r = await kite.kubectl(['apply', '--validate=false', '-f', '-'], { input: configMap('ignored') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/ignored created\n');
    assert.equal(r.stderr, '');
    const cm = await getYaml(ns, 'configmap/ignored');
    assert.equal(cm.spuriousField, undefined);
    assert.equal(cm.metadata.foo, undefined);
  });

  test('server-side apply of an unknown field fails to build the typed patch', async () => {
    const err = await fails(['apply', '--server-side', '-f', '-'], configMap('ssa'));
    assert.equal(
      err,
      `Error from server: failed to create typed patch object (${ns}/ssa; /v1, Kind=ConfigMap): errors:\n  .metadata.foo: field not declared in schema\n  .spuriousField: field not declared in schema\n`,
    );
  });

  test('a value of the wrong type, and a quantity that does not parse, fail decoding', async () => {
    const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: typed, namespace: ${ns}}
spec:
  replicas: "two"
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec: {containers: [{name: a, image: nginx}]}
`;
    assert.equal(
      await fails(['apply', '-f', '-'], deployment),
      'Error from server (BadRequest): error when creating "STDIN": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n',
    );
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: quantity, namespace: ${ns}}
spec:
  containers:
  - name: a
    image: nginx
    resources: {limits: {cpu: abc}}
`;
    assert.equal(
      await fails(['apply', '-f', '-'], pod),
      `Error from server (BadRequest): error when creating "STDIN": Pod in version "v1" cannot be handled as a Pod: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'\n`,
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Semantic validation

const DNS1123_SUBDOMAIN =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const DNS1035_LABEL =
  "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const deployment = (ns: string, name: string, selector: string, labels: string, podSpec = '{containers: [{name: a, image: nginx}]}') => `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}, namespace: ${ns}}
spec:
  selector: {matchLabels: {${selector}}}
  template:
    metadata: {labels: {${labels}}}
    spec: ${podSpec}
`;

describe('semantic validation', () => {
  const ns = 'val-semantic';
  before(() => createNamespace(ns));

  test('object names', async () => {
    assert.equal(
      await fails(['apply', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Name, namespace: ${ns}}\n`),
      `The ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": ${DNS1123_SUBDOMAIN}\n`,
    );
    assert.equal(
      await fails(['apply', '-f', '-'], `apiVersion: v1\nkind: Service\nmetadata: {name: 1svc, namespace: ${ns}}\nspec: {ports: [{port: 80}]}\n`),
      `The Service "1svc" is invalid: metadata.name: Invalid value: "1svc": ${DNS1035_LABEL}\n`,
    );
    assert.equal(
      await fails(['-n', ns, 'create', 'configmap', 'Upper']),
      `error: failed to create configmap: ConfigMap "Upper" is invalid: metadata.name: Invalid value: "Upper": ${DNS1123_SUBDOMAIN}\n`,
    );
  });

  test('the selector must match the template labels', async () => {
    assert.equal(
      await fails(['apply', '-f', '-'], deployment(ns, 'mismatch', 'app: a', 'app: b')),
      'The Deployment "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"b"}: `selector` does not match template `labels`\n',
    );
  });

  test("a Deployment's selector is immutable", async () => {
    await kite.k(['apply', '-f', '-'], deployment(ns, 'sel', 'app: a', 'app: a, tier: fe'));
    assert.equal(
      await fails(['apply', '-f', '-'], deployment(ns, 'sel', 'app: a, tier: fe', 'app: a, tier: fe')),
      'The Deployment "sel" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"a", "tier":"fe"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
  });

  test('container names, ports and restart policies', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: containers, namespace: ${ns}}
spec:
  containers:
  - name: a
    image: nginx
    ports: [{containerPort: 70000}]
  - name: a
    image: nginx
`;
    assert.equal(
      await fails(['apply', '-f', '-'], pod),
      'The Pod "containers" is invalid: \n* spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n* spec.containers[1].name: Duplicate value: "a"\n',
    );
    assert.equal(
      await fails(['apply', '-f', '-'], deployment(ns, 'never', 'app: a', 'app: a', '{restartPolicy: Never, containers: [{name: a, image: nginx}]}')),
      'The Deployment "never" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
    assert.equal(
      await fails(['apply', '-f', '-'], `apiVersion: batch/v1\nkind: Job\nmetadata: {name: always, namespace: ${ns}}\nspec:\n  template:\n    spec: {containers: [{name: a, image: busybox}]}\n`),
      'The Job "always" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"\n',
    );
  });

  test("a Job's template is immutable", async () => {
    await kite.k(['-n', ns, 'create', 'job', 'once', '--image=busybox', '--', 'true']);
    const err = await fails(['-n', ns, 'patch', 'job', 'once', '--type=merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"once","image":"busybox:1.37"}]}}}}']);
    // Kubernetes prints the whole core.PodTemplateSpec here with %#v; kite abbreviates it.
    assert.match(err, /^The Job "once" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{.*\}: field is immutable\n$/s);
  });

  test("a Service's cluster IP cannot change", async () => {
    await kite.k(['-n', ns, 'create', 'service', 'clusterip', 'fixed', '--tcp=80:8080']);
    const ip = (await getYaml(ns, 'service/fixed')).spec.clusterIP;
    assert.equal(
      await fails(['-n', ns, 'patch', 'service', 'fixed', '-p', '{"spec":{"clusterIP":"10.43.250.250"}}']),
      'The Service "fixed" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.43.250.250"}: may not change once set\n',
    );
    assert.equal((await getYaml(ns, 'service/fixed')).spec.clusterIP, ip);
  });

  test('a ConfigMap or Secret with immutable: true', async () => {
    const cm = (value: string, immutable = 'true') => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen, namespace: ${ns}}\nimmutable: ${immutable}\ndata: {a: "${value}"}\n`;
    assert.equal(await kite.k(['apply', '-f', '-'], cm('1')), 'configmap/frozen created\n');
    assert.equal(await fails(['apply', '-f', '-'], cm('2')), 'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set\n');
    assert.equal(await fails(['apply', '-f', '-'], cm('1', 'false')), 'The ConfigMap "frozen" is invalid: immutable: Forbidden: field is immutable when `immutable` is set\n');
    // Metadata may still change.
    assert.equal(await kite.k(['-n', ns, 'label', 'configmap', 'frozen', 'tier=cold']), 'configmap/frozen labeled\n');

    const secret = (value: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: frozen, namespace: ${ns}}\nimmutable: true\nstringData: {a: "${value}"}\n`;
    await kite.k(['apply', '-f', '-'], secret('1'));
    assert.equal(await fails(['apply', '-f', '-'], secret('2')), 'The Secret "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set\n');
  });
});

// ---------------------------------------------------------------------------------------------
// kubectl explain

/** The field lines of an explain output, as "<indent>name\t<type>[ -required-]". */
function fieldLines(out: string): string[] {
  return out.split('\n').filter((l) => /^ +\w+\t</.test(l));
}

// Every field of a 1.32 Container, with the type kubectl shows.
const CONTAINER_FIELDS_1_32 = [
  'args\t<[]string>',
  'command\t<[]string>',
  'env\t<[]EnvVar>',
  'envFrom\t<[]EnvFromSource>',
  'image\t<string>',
  'imagePullPolicy\t<string>',
  'lifecycle\t<Lifecycle>',
  'livenessProbe\t<Probe>',
  'name\t<string> -required-',
  'ports\t<[]ContainerPort>',
  'readinessProbe\t<Probe>',
  'resizePolicy\t<[]ContainerResizePolicy>',
  'resources\t<ResourceRequirements>',
  'restartPolicy\t<string>',
  'securityContext\t<SecurityContext>',
  'startupProbe\t<Probe>',
  'stdin\t<boolean>',
  'stdinOnce\t<boolean>',
  'terminationMessagePath\t<string>',
  'terminationMessagePolicy\t<string>',
  'tty\t<boolean>',
  'volumeDevices\t<[]VolumeDevice>',
  'volumeMounts\t<[]VolumeMount>',
  'workingDir\t<string>',
];

describe('kubectl explain', () => {
  test('pod.spec.containers --recursive lists the fields and their types', async () => {
    const out = await kite.k(['explain', 'pod.spec.containers', '--recursive']);
    assert.match(out, /^KIND: {7}Pod\nVERSION: {4}v1\n\nFIELD: containers <\[\]Container>\n/);
    const lines = fieldLines(out);
    const top = lines.filter((l) => /^ {2}\w/.test(l)).map((l) => l.trim());
    // The schema comes from a newer reference document than 1.32; every 1.32 field is there.
    for (const f of CONTAINER_FIELDS_1_32) assert.ok(top.includes(f), `missing ${f} in:\n${top.join('\n')}`);
    const nested = lines.map((l) => l.replace(/^ +/, (s) => `${s.length / 2}:`));
    for (const f of [
      '2:containerPort\t<integer> -required-',
      '2:protocol\t<string>',
      '2:limits\t<map[string]Quantity>',
      '2:requests\t<map[string]Quantity>',
      '2:valueFrom\t<EnvVarSource>',
      '3:configMapKeyRef\t<ConfigMapKeySelector>',
      '4:key\t<string> -required-',
      '3:httpGet\t<HTTPGetAction>',
      '4:port\t<IntOrString> -required-',
      '2:mountPath\t<string> -required-',
      '2:capabilities\t<Capabilities>',
      '3:add\t<[]string>',
    ]) {
      assert.ok(nested.includes(f), `missing ${f}`);
    }
  });

  test('a nested path: deployment.spec.strategy.rollingUpdate', async () => {
    const out = await kite.k(['explain', 'deployment.spec.strategy.rollingUpdate']);
    assert.match(out, /^GROUP: {6}apps\nKIND: {7}Deployment\nVERSION: {4}v1\n\nFIELD: rollingUpdate <RollingUpdateDeployment>\n/);
    assert.deepEqual(fieldLines(out), ['  maxSurge\t<IntOrString>', '  maxUnavailable\t<IntOrString>']);
    assert.deepEqual(fieldLines(await kite.k(['explain', 'deployment.spec.strategy'])), ['  rollingUpdate\t<RollingUpdateDeployment>', '  type\t<string>']);
    assert.deepEqual(
      fieldLines(await kite.k(['explain', 'cronjobs.spec', '--api-version=batch/v1'])).filter((l) => /HistoryLimit|schedule|jobTemplate/.test(l)),
      ['  failedJobsHistoryLimit\t<integer>', '  jobTemplate\t<JobTemplateSpec> -required-', '  schedule\t<string> -required-', '  successfulJobsHistoryLimit\t<integer>'],
    );
  });

  test('the OpenAPI v2 rendering (--output=plaintext-openapiv2) has the same fields', async () => {
    const out = await kite.k(['explain', 'deployment.spec.strategy.rollingUpdate', '--output=plaintext-openapiv2']);
    assert.match(out, /^KIND: {5}Deployment\nVERSION: {2}apps\/v1\n\nRESOURCE: rollingUpdate <Object>\n/);
    assert.deepEqual(
      out.split('\n').filter((l) => /^ {3}\w+\t</.test(l)),
      ['   maxSurge\t<string>', '   maxUnavailable\t<string>'],
    );
  });

  test('an unknown field', async () => {
    const r = await kite.kubectl(['explain', 'deployment.spec.nope']);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'error: field "nope" does not exist\n');
  });
});

// ---------------------------------------------------------------------------------------------
// Defaults

const POD_SPEC_DEFAULTS = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};

const containerDefaults = (name: string, image: string, pullPolicy: string, extra: object = {}) => ({
  name,
  image,
  imagePullPolicy: pullPolicy,
  resources: {},
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
  ...extra,
});

const TEMPLATE = (labels: Record<string, string>, spec: object = {}) => ({
  metadata: { creationTimestamp: null, labels },
  spec: { containers: [containerDefaults('app', 'nginx:1.27', 'IfNotPresent')], ...POD_SPEC_DEFAULTS, ...spec },
});

const MINIMAL_TEMPLATE = `  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: app, image: "nginx:1.27"}]`;

describe('defaults in -o yaml', () => {
  const ns = 'val-defaults';
  before(() => createNamespace(ns));

  const apply = (yaml: string) => kite.k(['apply', '-f', '-'], yaml);

  test('Deployment', async () => {
    await apply(`apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: web}}\n${MINIMAL_TEMPLATE}\n`);
    const d = await getYaml(ns, 'deployment/web');
    assert.deepEqual(d.spec, {
      progressDeadlineSeconds: 600,
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: TEMPLATE({ app: 'web' }),
    });
    assert.deepEqual(d.status, {});
    assert.equal(d.metadata.generation, 1);
  });

  test('StatefulSet', async () => {
    await apply(`apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  serviceName: web\n  selector: {matchLabels: {app: web}}\n${MINIMAL_TEMPLATE}\n`);
    const s = await getYaml(ns, 'statefulset/web');
    assert.deepEqual(s.spec, {
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
      podManagementPolicy: 'OrderedReady',
      replicas: 1,
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      serviceName: 'web',
      template: TEMPLATE({ app: 'web' }),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    });
    assert.deepEqual(s.status, { replicas: 0, availableReplicas: 0 });
  });

  test('DaemonSet', async () => {
    await apply(`apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: web, namespace: ${ns}}\nspec:\n  selector: {matchLabels: {app: web}}\n${MINIMAL_TEMPLATE}\n`);
    const ds = await getYaml(ns, 'daemonset/web');
    assert.deepEqual(ds.spec, {
      revisionHistoryLimit: 10,
      selector: { matchLabels: { app: 'web' } },
      template: TEMPLATE({ app: 'web' }),
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } },
    });
    assert.deepEqual(ds.status, { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 });
    assert.equal(ds.metadata.annotations['deprecated.daemonset.template.generation'], '1');
  });

  test('Job: completions, parallelism, backoffLimit, completionMode and the controller-uid selector and labels', async () => {
    await apply(`apiVersion: batch/v1
kind: Job
metadata: {name: once, namespace: ${ns}}
spec:
  template:
    spec:
      restartPolicy: Never
      containers: [{name: app, image: "nginx:1.27"}]
`);
    const j = await getYaml(ns, 'job/once');
    const uid = j.metadata.uid;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'once', 'controller-uid': uid, 'job-name': 'once' };
    assert.deepEqual(j.metadata.labels, labels);
    assert.deepEqual(j.spec, {
      backoffLimit: 6,
      completionMode: 'NonIndexed',
      completions: 1,
      manualSelector: false,
      parallelism: 1,
      podReplacementPolicy: 'TerminatingOrFailed',
      selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } },
      suspend: false,
      template: TEMPLATE(labels, { restartPolicy: 'Never' }),
    });
    assert.deepEqual(j.status, {});
  });

  test('CronJob', async () => {
    await apply(`apiVersion: batch/v1
kind: CronJob
metadata: {name: tick, namespace: ${ns}}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: app, image: "nginx:1.27"}]
`);
    const cj = await getYaml(ns, 'cronjob/tick');
    assert.deepEqual(cj.spec, {
      concurrencyPolicy: 'Allow',
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        metadata: { creationTimestamp: null },
        spec: { template: { metadata: { creationTimestamp: null }, spec: { ...TEMPLATE({}).spec, restartPolicy: 'OnFailure' } } },
      },
      schedule: '*/5 * * * *',
      successfulJobsHistoryLimit: 3,
      suspend: false,
    });
  });

  test('Service: ClusterIP from 10.43.0.0/16, NodePort from 30000-32767', async () => {
    await apply(`apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {app: web}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: web-np, namespace: ${ns}}
spec:
  type: NodePort
  selector: {app: web}
  ports: [{name: http, port: 80, targetPort: http}]
`);
    const svc = await getYaml(ns, 'service/web');
    assert.match(svc.spec.clusterIP, /^10\.43\.\d+\.\d+$/);
    assert.deepEqual(svc.spec, {
      clusterIP: svc.spec.clusterIP,
      clusterIPs: [svc.spec.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'ClusterIP',
    });
    assert.deepEqual(svc.status, { loadBalancer: {} });

    const np = await getYaml(ns, 'service/web-np');
    const nodePort = np.spec.ports[0].nodePort;
    assert.ok(nodePort >= 30000 && nodePort <= 32767, String(nodePort));
    assert.notEqual(np.spec.clusterIP, svc.spec.clusterIP);
    assert.deepEqual(np.spec, {
      clusterIP: np.spec.clusterIP,
      clusterIPs: [np.spec.clusterIP],
      externalTrafficPolicy: 'Cluster',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [{ name: 'http', nodePort, port: 80, protocol: 'TCP', targetPort: 'http' }],
      selector: { app: 'web' },
      sessionAffinity: 'None',
      type: 'NodePort',
    });
    assert.equal((await getYaml('default', 'service/kubernetes')).spec.clusterIP, '10.43.0.1');
  });

  test('Pod: what Kubernetes 1.32 fills, with the 300 s tolerations and the service account token volume', async () => {
    await apply(`apiVersion: v1
kind: Pod
metadata: {name: web, namespace: ${ns}}
spec:
  containers:
  - name: app
    image: nginx
`);
    const pod = await getYaml(ns, 'pod/web');
    const volume = pod.spec.volumes?.[0]?.name as string;
    assert.match(volume, /^kube-api-access-[a-z0-9]{5}$/);
    assert.deepEqual(pod.spec, {
      containers: [
        containerDefaults('app', 'nginx', 'Always', {
          volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: volume, readOnly: true }],
        }),
      ],
      ...POD_SPEC_DEFAULTS,
      enableServiceLinks: true,
      preemptionPolicy: 'PreemptLowerPriority',
      priority: 0,
      serviceAccount: 'default',
      serviceAccountName: 'default',
      tolerations: [
        { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
      ],
      volumes: [
        {
          name: volume,
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

  test('a re-apply of every defaulted object is unchanged', async () => {
    for (const kind of ['deployment', 'statefulset', 'daemonset', 'job', 'cronjob', 'service', 'pod']) {
      const r = await kite.kubectl(['-n', ns, 'get', kind, '-o', 'name']);
      for (const name of r.stdout.trim().split('\n')) {
        const applied = JSON.parse((await getYaml(ns, name)).metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
        assert.equal(await apply(JSON.stringify(applied)), `${name} unchanged\n`);
      }
    }
  });
});
