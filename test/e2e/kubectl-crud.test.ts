// The everyday kubectl verbs against kite, checked against what kubectl prints against
// Kubernetes 1.32: create -f, get in every output format with selectors, describe, label,
// annotate, patch, replace, scale, delete, wait, the `kubectl create <kind>` generators
// (which send protobuf bodies), apply, the errors as Kubernetes words them, server dry-run,
// get -w, finalizers and namespace termination. One server; each test its own namespace.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { API_ONLY, eventually, type KiteProcess, sleep, startKite } from './harness.js';

let kite: KiteProcess;
before(async () => {
  kite = await startKite({ args: API_ONLY });
});
after(() => kite.stop());

const MULTI_DOC = (ns: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
  namespace: ${ns}
  labels: {app: web, tier: frontend}
data:
  color: blue
---
apiVersion: v1
kind: Pod
metadata:
  name: web-0
  namespace: ${ns}
  labels: {app: web, tier: frontend}
spec:
  containers:
  - name: nginx
    image: nginx:1.27
---
apiVersion: v1
kind: Pod
metadata:
  name: db-0
  namespace: ${ns}
  labels: {app: db}
spec:
  nodeName: node-a
  containers:
  - name: postgres
    image: postgres:17
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
`;

const AGE = String.raw`\d+s`;
const UID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;

/** A kubectl table as rows of whitespace-separated cells (no cell here contains spaces). */
function cells(out: string): string[][] {
  return out
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/));
}

function table(out: string): RegExp {
  return new RegExp(`^${out}$`);
}

async function createNamespace(name: string): Promise<void> {
  assert.equal(await kite.k(['create', 'namespace', name]), `namespace/${name} created\n`);
}

describe('create -f and get', () => {
  const ns = 'crud-get';
  before(async () => {
    await createNamespace(ns);
    const out = await kite.k(['create', '-f', '-'], MULTI_DOC(ns));
    assert.equal(out, 'configmap/app-config created\npod/web-0 created\npod/db-0 created\ndeployment.apps/web created\n');
  });

  test('default table output', async () => {
    assert.match(await kite.k(['-n', ns, 'get', 'configmaps']), table(`NAME\\s+DATA\\s+AGE\napp-config\\s+1\\s+${AGE}\n`));
    assert.match(
      await kite.k(['-n', ns, 'get', 'pods']),
      table(`NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\ndb-0\\s+0/1\\s+Pending\\s+0\\s+${AGE}\nweb-0\\s+0/1\\s+Pending\\s+0\\s+${AGE}\n`),
    );
    assert.match(
      await kite.k(['-n', ns, 'get', 'deployment', 'web']),
      table(`NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\nweb\\s+0/2\\s+0\\s+0\\s+${AGE}\n`),
    );
    const r = await kite.kubectl(['-n', ns, 'get', 'secrets']);
    assert.equal(r.code, 0);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `No resources found in ${ns} namespace.\n`);
  });

  test('-o wide adds the wide columns', async () => {
    const pods = cells(await kite.k(['-n', ns, 'get', 'pods', '-o', 'wide']));
    assert.equal(pods[0].join(' '), 'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES');
    assert.deepEqual(pods[1].filter((_, i) => i !== 4), ['db-0', '0/1', 'Pending', '0', '<none>', 'node-a', '<none>', '<none>']);
    assert.deepEqual(pods[2].filter((_, i) => i !== 4), ['web-0', '0/1', 'Pending', '0', '<none>', '<none>', '<none>', '<none>']);
    const deploy = cells(await kite.k(['-n', ns, 'get', 'deploy', '-o', 'wide']));
    assert.equal(deploy[0].join(' '), 'NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR');
    assert.deepEqual(deploy[1].filter((_, i) => i !== 4), ['web', '0/2', '0', '0', 'nginx', 'nginx:1.27', 'app=web']);
  });

  test('-o yaml prints the stored object as Kubernetes does', async () => {
    const out = await kite.k(['-n', ns, 'get', 'configmap', 'app-config', '-o', 'yaml']);
    const obj = parseYaml(out);
    const expected = `apiVersion: v1
data:
  color: blue
kind: ConfigMap
metadata:
  creationTimestamp: "${obj.metadata.creationTimestamp}"
  labels:
    app: web
    tier: frontend
  name: app-config
  namespace: ${ns}
  resourceVersion: "${obj.metadata.resourceVersion}"
  uid: ${obj.metadata.uid}
`;
    assert.equal(out, expected);
    assert.match(obj.metadata.creationTimestamp, TIMESTAMP);
    assert.match(obj.metadata.uid, UID);
    assert.match(obj.metadata.resourceVersion, /^[1-9]\d*$/);
  });

  test('-o json prints the object; a list is a v1 List', async () => {
    const pod = await kite.kJson(['-n', ns, 'get', 'pod', 'web-0']);
    assert.equal(pod.apiVersion, 'v1');
    assert.equal(pod.kind, 'Pod');
    assert.equal(pod.metadata.name, 'web-0');
    assert.equal(pod.status.phase, 'Pending');
    assert.deepEqual(pod.spec.containers.map((c: { name: string; image: string }) => [c.name, c.image]), [['nginx', 'nginx:1.27']]);
    const list = await kite.kJson(['-n', ns, 'get', 'pods']);
    assert.equal(list.kind, 'List');
    assert.equal(list.apiVersion, 'v1');
    assert.deepEqual(list.items.map((p: { metadata: { name: string } }) => p.metadata.name), ['db-0', 'web-0']);
    assert.equal(list.metadata.resourceVersion, '');
  });

  test('-o jsonpath, -o name and -o custom-columns', async () => {
    assert.equal(await kite.k(['-n', ns, 'get', 'cm', 'app-config', '-o', 'jsonpath={.data.color}']), 'blue');
    assert.equal(
      await kite.k(['-n', ns, 'get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].image}{"\\n"}{end}']),
      'db-0=postgres:17\nweb-0=nginx:1.27\n',
    );
    assert.equal(await kite.k(['-n', ns, 'get', 'pods,deployments', '-o', 'name']), 'pod/db-0\npod/web-0\ndeployment.apps/web\n');
    assert.equal(
      await kite.k(['-n', ns, 'get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[0].image,NODE:.spec.nodeName']),
      'NAME    IMAGE         NODE\ndb-0    postgres:17   node-a\nweb-0   nginx:1.27    <none>\n',
    );
  });

  test('-A lists every namespace with a NAMESPACE column', async () => {
    const rows = cells(await kite.k(['get', 'pods', '-A']));
    assert.deepEqual(rows[0], ['NAMESPACE', 'NAME', 'READY', 'STATUS', 'RESTARTS', 'AGE']);
    const ours = rows.filter((r) => r[0] === ns).map((r) => r[1]);
    assert.deepEqual(ours, ['db-0', 'web-0']);
    const names = (await kite.k(['get', 'namespaces', '-o', 'name'])).trim().split('\n');
    for (const n of ['default', 'kube-node-lease', 'kube-public', 'kube-system', ns]) assert.ok(names.includes(`namespace/${n}`), n);
    // The `kubernetes` Service the API server keeps in default.
    assert.match(await kite.k(['get', 'svc', '-A', '-o', 'name']), /^service\/kubernetes$/m);
  });

  test('-l with every label selector operator', async () => {
    const names = async (selector: string) => (await kite.k(['-n', ns, 'get', 'pods', '-l', selector, '-o', 'name'])).trim().split('\n').filter(Boolean);
    assert.deepEqual(await names('app=web'), ['pod/web-0']);
    assert.deepEqual(await names('app==db'), ['pod/db-0']);
    assert.deepEqual(await names('app!=web'), ['pod/db-0']);
    assert.deepEqual(await names('app in (web,db)'), ['pod/db-0', 'pod/web-0']);
    assert.deepEqual(await names('app notin (web)'), ['pod/db-0']);
    assert.deepEqual(await names('tier'), ['pod/web-0']);
    assert.deepEqual(await names('!tier'), ['pod/db-0']);
    assert.deepEqual(await names('app=web,tier=frontend'), ['pod/web-0']);
    assert.deepEqual(await names('app=nothing'), []);
    const bad = await kite.kFails(['-n', ns, 'get', 'pods', '-l', 'app in (web']);
    assert.equal(
      bad,
      `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (web", field selector "": unable to parse requirement: found '', expected: ',' or ')'`,
    );
  });

  test('--field-selector: metadata fields, the per-kind ones, and an unsupported field', async () => {
    const names = async (kind: string, selector: string) =>
      (await kite.k(['-n', ns, 'get', kind, '--field-selector', selector, '-o', 'name'])).trim().split('\n').filter(Boolean);
    assert.deepEqual(await names('pods', 'metadata.name=web-0'), ['pod/web-0']);
    assert.deepEqual(await names('pods', 'metadata.name!=web-0'), ['pod/db-0']);
    assert.deepEqual(await names('pods', `metadata.namespace=${ns}`), ['pod/db-0', 'pod/web-0']);
    assert.deepEqual(await names('pods', 'spec.nodeName=node-a'), ['pod/db-0']);
    assert.deepEqual(await names('pods', 'spec.nodeName='), ['pod/web-0']);
    assert.deepEqual(await names('pods', 'status.phase=Pending,spec.nodeName!=node-a'), ['pod/web-0']);
    assert.deepEqual(await names('pods', 'status.phase=Running'), []);
    assert.deepEqual(await names('cm', 'metadata.name=app-config'), ['configmap/app-config']);
    const pods = await kite.kFails(['-n', ns, 'get', 'pods', '--field-selector', 'spec.foo=bar']);
    assert.equal(
      pods,
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.foo=bar": field label not supported: spec.foo',
    );
    const cms = await kite.kFails(['-n', ns, 'get', 'configmaps', '--field-selector', 'data.color=blue']);
    assert.equal(
      cms,
      'Error from server (BadRequest): Unable to find "/v1, Resource=configmaps" that match label selector "", field selector "data.color=blue": field label not supported: data.color',
    );
    const deploys = await kite.kFails(['-n', ns, 'get', 'deployments', '--field-selector', 'spec.replicas=2']);
    assert.equal(
      deploys,
      'Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "", field selector "spec.replicas=2": field label not supported: spec.replicas',
    );
  });

  test('--show-labels adds a LABELS column', async () => {
    assert.match(
      await kite.k(['-n', ns, 'get', 'pods', '--show-labels']),
      table(`NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\\s+LABELS\ndb-0\\s+0/1\\s+Pending\\s+0\\s+${AGE}\\s+app=db\nweb-0\\s+0/1\\s+Pending\\s+0\\s+${AGE}\\s+app=web,tier=frontend\n`),
    );
  });

  test('--chunk-size pages the list with limit and continue but prints one table', async () => {
    for (let i = 0; i < 5; i++) await kite.k(['-n', ns, 'create', 'configmap', `page-${i}`]);
    const r = await kite.kubectl(['-n', ns, 'get', 'configmaps', '--chunk-size=2', '-v=6']);
    assert.equal(r.code, 0, r.stderr);
    const requests = r.stderr.split('\n').filter((l) => /GET \S+\/configmaps\?\S*limit=2/.test(l));
    assert.equal(requests.length, 3, r.stderr);
    assert.equal(requests.filter((l) => l.includes('continue=')).length, 2);
    const rows = cells(r.stdout);
    assert.deepEqual(rows.map((row) => row[0]), ['NAME', 'app-config', 'page-0', 'page-1', 'page-2', 'page-3', 'page-4']);
    assert.equal(rows.filter((row) => row[0] === 'NAME').length, 1);
  });
});

describe('describe', () => {
  const ns = 'crud-describe';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['create', '-f', '-'], MULTI_DOC(ns));
    await kite.k(['-n', ns, 'create', 'secret', 'generic', 's', '--from-literal=user=admin', '--from-literal=password=hunter2']);
  });

  test('a ConfigMap, as Kubernetes describes it', async () => {
    assert.equal(
      await kite.k(['-n', ns, 'describe', 'configmap', 'app-config']),
      `Name:         app-config
Namespace:    ${ns}
Labels:       app=web
              tier=frontend
Annotations:  <none>

Data
====
color:
----
blue


BinaryData
====

Events:  <none>
`,
    );
  });

  test('a Secret shows sizes, not values', async () => {
    // kubectl walks the data map in Go's random order: compare the data lines sorted.
    const out = await kite.k(['-n', ns, 'describe', 'secret', 's']);
    const [head, data] = out.split('====\n');
    assert.deepEqual(data.trim().split('\n').sort(), ['password:  7 bytes', 'user:      5 bytes']);
    assert.equal(
      `${head}====\npassword:  7 bytes\nuser:      5 bytes\n`,
      `Name:         s
Namespace:    ${ns}
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  7 bytes
user:      5 bytes
`,
    );
  });

  test('a Namespace', async () => {
    assert.equal(
      await kite.k(['describe', 'namespace', ns]),
      `Name:         ${ns}
Labels:       kubernetes.io/metadata.name=${ns}
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
`,
    );
  });

  test('a Pod and a Deployment (the fields kite stores; defaults come with a later issue)', async () => {
    const pod = await kite.k(['-n', ns, 'describe', 'pod', 'db-0']);
    assert.match(pod, /^Name:\s+db-0$/m);
    assert.match(pod, new RegExp(`^Namespace:\\s+${ns}$`, 'm'));
    // node/hostIP; no hostIP before a kubelet reports one.
    assert.match(pod, /^Node:\s+node-a\/$/m);
    assert.match(pod, /^Labels:\s+app=db$/m);
    assert.match(pod, /^Status:\s+Pending$/m);
    assert.match(pod, /^ {2}postgres:\n {4}Image:\s+postgres:17$/m);
    assert.match(pod, /^Events:\s+<none>$/m);
    const deploy = await kite.k(['-n', ns, 'describe', 'deployment', 'web']);
    assert.match(deploy, /^Selector:\s+app=web$/m);
    assert.match(deploy, /^Replicas:\s+2 desired \| 0 updated \| 0 total \| 0 available \| 0 unavailable$/m);
    assert.match(deploy, /^CreationTimestamp:\s+\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d \+0000$/m);
  });

  test('describe of a missing object is NotFound', async () => {
    assert.equal(await kite.kFails(['-n', ns, 'describe', 'configmap', 'nope']), 'Error from server (NotFound): configmaps "nope" not found');
  });
});

describe('label and annotate', () => {
  const ns = 'crud-label';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['-n', ns, 'create', 'configmap', 'c', '--from-literal=k=v']);
  });
  const meta = async () => (await kite.kJson(['-n', ns, 'get', 'configmap', 'c'])).metadata;

  test('label: add, refuse to overwrite, --overwrite, remove with key-', async () => {
    assert.equal(await kite.k(['-n', ns, 'label', 'configmap', 'c', 'env=prod', 'team=a']), 'configmap/c labeled\n');
    assert.deepEqual((await meta()).labels, { env: 'prod', team: 'a' });
    assert.equal(
      await kite.kFails(['-n', ns, 'label', 'configmap', 'c', 'env=dev']),
      `error: 'env' already has a value (prod), and --overwrite is false`,
    );
    assert.equal(await kite.k(['-n', ns, 'label', 'configmap', 'c', 'env=dev', '--overwrite']), 'configmap/c labeled\n');
    assert.deepEqual((await meta()).labels, { env: 'dev', team: 'a' });
    assert.equal(await kite.k(['-n', ns, 'label', 'configmap', 'c', 'env-']), 'configmap/c unlabeled\n');
    assert.deepEqual((await meta()).labels, { team: 'a' });
    assert.equal(await kite.k(['-n', ns, 'label', 'configmap', 'c', 'team-']), 'configmap/c unlabeled\n');
    // An emptied map is omitted, as Go's omitempty does: no "labels: {}".
    assert.equal((await meta()).labels, undefined);
    assert.doesNotMatch(await kite.k(['-n', ns, 'get', 'configmap', 'c', '-o', 'yaml']), /labels/);
  });

  test('annotate: add, --overwrite, remove', async () => {
    assert.equal(await kite.k(['-n', ns, 'annotate', 'configmap', 'c', 'note=hello']), 'configmap/c annotated\n');
    assert.equal(
      await kite.kFails(['-n', ns, 'annotate', 'configmap', 'c', 'note=bye']),
      `error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hello)`,
    );
    assert.equal(await kite.k(['-n', ns, 'annotate', 'configmap', 'c', 'note=bye', '--overwrite']), 'configmap/c annotated\n');
    assert.deepEqual((await meta()).annotations, { note: 'bye' });
    assert.equal(await kite.k(['-n', ns, 'annotate', 'configmap', 'c', 'note-']), 'configmap/c annotated\n');
    assert.equal((await meta()).annotations, undefined);
    assert.equal(await kite.k(['-n', ns, 'get', 'configmap', 'c', '-o', 'jsonpath={.metadata.annotations}']), '');
  });

  test('label by selector and --all', async () => {
    await kite.k(['-n', ns, 'create', 'configmap', 'd']);
    assert.equal(await kite.k(['-n', ns, 'label', 'configmaps', '--all', 'batch=1']), 'configmap/c labeled\nconfigmap/d labeled\n');
    assert.equal(await kite.k(['-n', ns, 'annotate', 'configmaps', '-l', 'batch=1', 'seen=yes']), 'configmap/c annotated\nconfigmap/d annotated\n');
    assert.equal(await kite.k(['-n', ns, 'get', 'cm', '-l', 'batch=1', '-o', 'jsonpath={.items[*].metadata.annotations.seen}']), 'yes yes');
  });
});

describe('patch and replace', () => {
  const ns = 'crud-patch';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['-n', ns, 'create', 'configmap', 'c', '--from-literal=color=blue', '--from-literal=size=M']);
  });
  const data = async () => (await kite.kJson(['-n', ns, 'get', 'configmap', 'c'])).data;

  test('--type merge', async () => {
    assert.equal(await kite.k(['-n', ns, 'patch', 'configmap', 'c', '--type', 'merge', '-p', '{"data":{"shape":"round","size":null}}']), 'configmap/c patched\n');
    assert.deepEqual(await data(), { color: 'blue', shape: 'round' });
    assert.equal(await kite.k(['-n', ns, 'patch', 'configmap', 'c', '--type', 'merge', '-p', '{"data":{"shape":"round"}}']), 'configmap/c patched (no change)\n');
  });

  test('--type json', async () => {
    const ops = '[{"op":"replace","path":"/data/color","value":"red"},{"op":"add","path":"/data/weight","value":"1kg"},{"op":"remove","path":"/data/shape"}]';
    assert.equal(await kite.k(['-n', ns, 'patch', 'configmap', 'c', '--type', 'json', '-p', ops]), 'configmap/c patched\n');
    assert.deepEqual(await data(), { color: 'red', weight: '1kg' });
    const failed = await kite.kFails(['-n', ns, 'patch', 'configmap', 'c', '--type', 'json', '-p', '[{"op":"remove","path":"/data/missing"}]']);
    assert.equal(failed, 'The request is invalid: the server rejected our request due to an error in our request');
    const test = await kite.kFails(['-n', ns, 'patch', 'configmap', 'c', '--type', 'json', '-p', '[{"op":"test","path":"/data/color","value":"blue"}]']);
    assert.equal(test, 'The request is invalid: the server rejected our request due to an error in our request');
    assert.deepEqual(await data(), { color: 'red', weight: '1kg' });
  });

  test('patch of a missing object is NotFound; a malformed patch is BadRequest', async () => {
    assert.equal(
      await kite.kFails(['-n', ns, 'patch', 'configmap', 'nope', '--type', 'merge', '-p', '{"data":{"a":"b"}}']),
      'Error from server (NotFound): configmaps "nope" not found',
    );
    const r = await kite.fetch(`/api/v1/namespaces/${ns}/configmaps/c`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/merge-patch+json' },
      body: '{"data":',
    });
    assert.equal(r.status, 400);
    assert.equal(((await r.json()) as { reason: string }).reason, 'BadRequest');
  });

  test('replace; replace with a stale resourceVersion is a Conflict', async () => {
    const current = await kite.k(['-n', ns, 'get', 'configmap', 'c', '-o', 'yaml']);
    const changed = current.replace('color: red', 'color: green');
    assert.equal(await kite.k(['replace', '-f', '-'], changed), 'configmap/c replaced\n');
    assert.equal((await data()).color, 'green');
    const stale = changed.replace('color: green', 'color: purple');
    const r = await kite.kubectl(['replace', '-f', '-'], { input: stale });
    assert.notEqual(r.code, 0);
    assert.equal(
      r.stderr.trim(),
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on configmaps "c": the object has been modified; please apply your changes to the latest version and try again',
    );
    assert.equal((await data()).color, 'green');
    // Without a resourceVersion, replace overwrites whatever is current.
    const unconditional = stale.replace(/^ {2}resourceVersion: .*\n/m, '');
    assert.equal(await kite.k(['replace', '-f', '-'], unconditional), 'configmap/c replaced\n');
    assert.equal((await data()).color, 'purple');
  });

  test('replace of a missing object is NotFound', async () => {
    const doc = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ghost, namespace: ${ns}}\n`;
    assert.equal(await kite.kFails(['replace', '-f', '-'], doc), 'Error from server (NotFound): error when replacing "STDIN": configmaps "ghost" not found');
  });
});

describe('scale', () => {
  const ns = 'crud-scale';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['-n', ns, 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    await kite.k(
      ['create', '-f', '-'],
      `apiVersion: apps/v1
kind: ReplicaSet
metadata: {name: rs, namespace: ${ns}}
spec:
  replicas: 1
  selector: {matchLabels: {app: rs}}
  template:
    metadata: {labels: {app: rs}}
    spec: {containers: [{name: c, image: busybox}]}
`,
    );
  });
  const replicasAndGeneration = (kind: string, name: string) =>
    kite.k(['-n', ns, 'get', kind, name, '-o', 'jsonpath={.spec.replicas} {.metadata.generation}']);

  test('a deployment: spec.replicas changes and the generation is bumped once', async () => {
    assert.equal(await replicasAndGeneration('deployment', 'web'), '2 1');
    assert.equal(await kite.k(['-n', ns, 'scale', 'deployment', 'web', '--replicas=3']), 'deployment.apps/web scaled\n');
    assert.equal(await replicasAndGeneration('deployment', 'web'), '3 2');
    assert.equal(await kite.k(['-n', ns, 'scale', 'deployment', 'web', '--replicas=3']), 'deployment.apps/web scaled\n');
    assert.equal(await replicasAndGeneration('deployment', 'web'), '3 2', 'scaling to the same size changes nothing');
    assert.equal(await kite.kFails(['-n', ns, 'scale', 'deployment', 'web', '--current-replicas=2', '--replicas=4']), 'error: Expected replicas to be 2, was 3');
  });

  test('a replicaset, and its Scale subresource', async () => {
    assert.equal(await kite.k(['-n', ns, 'scale', 'rs', 'rs', '--replicas=5']), 'replicaset.apps/rs scaled\n');
    assert.equal(await replicasAndGeneration('replicaset', 'rs'), '5 2');
    const scale = JSON.parse(await kite.k(['get', '--raw', `/apis/apps/v1/namespaces/${ns}/replicasets/rs/scale`]));
    assert.equal(scale.kind, 'Scale');
    assert.equal(scale.apiVersion, 'autoscaling/v1');
    assert.deepEqual(scale.spec, { replicas: 5 });
    assert.deepEqual(scale.status, { replicas: 0, selector: 'app=rs' });
    assert.match(await kite.k(['-n', ns, 'get', 'rs', 'rs']), table(`NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE\nrs\\s+5\\s+0\\s+0\\s+${AGE}\n`));
  });

  test('metadata-only changes keep the generation; the status subresource writes only status', async () => {
    await kite.k(['-n', ns, 'label', 'deployment', 'web', 'tier=web']);
    assert.equal(await replicasAndGeneration('deployment', 'web'), '3 2');
    await kite.k(['-n', ns, 'patch', 'deployment', 'web', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":3,"readyReplicas":2},"spec":{"replicas":9}}']);
    await kite.k(['-n', ns, 'patch', 'deployment', 'web', '--type=merge', '-p', '{"status":{"replicas":7}}']);
    assert.equal(await kite.k(['-n', ns, 'get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas} {.metadata.generation} {.status.replicas} {.status.readyReplicas}']), '3 2 3 2');
    assert.match(await kite.k(['-n', ns, 'get', 'deployment', 'web']), table(`NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE\nweb\\s+2/3\\s+0\\s+0\\s+${AGE}\n`));
    assert.equal(await kite.k(['-n', ns, 'get', 'deployment', 'web', '--subresource=scale', '-o', 'jsonpath={.spec.replicas} {.status.replicas} {.status.selector}']), '3 3 app=web');
  });

  test('scale of a missing deployment is NotFound', async () => {
    // kubectl wraps the NotFound Status in its own message.
    assert.equal(
      await kite.kFails(['-n', ns, 'scale', 'deployment', 'nope', '--replicas=1']),
      'error: no objects passed to scale deployments.apps "nope" not found',
    );
  });
});

describe('delete and wait', () => {
  const ns = 'crud-delete';
  before(() => createNamespace(ns));

  test('by name; again is NotFound', async () => {
    await kite.k(['-n', ns, 'create', 'configmap', 'one']);
    assert.equal(await kite.k(['-n', ns, 'delete', 'configmap', 'one']), 'configmap "one" deleted\n');
    assert.equal(await kite.kFails(['-n', ns, 'delete', 'configmap', 'one']), 'Error from server (NotFound): configmaps "one" not found');
    assert.equal((await kite.k(['-n', ns, 'delete', 'configmap', 'one', '--ignore-not-found'])), '');
  });

  test('-l deletes only the selected ones', async () => {
    for (const n of ['a', 'b', 'c']) await kite.k(['-n', ns, 'create', 'configmap', `sel-${n}`]);
    await kite.k(['-n', ns, 'label', 'configmap', 'sel-a', 'sel-b', 'group=x']);
    assert.equal(await kite.k(['-n', ns, 'delete', 'configmaps', '-l', 'group=x']), 'configmap "sel-a" deleted\nconfigmap "sel-b" deleted\n');
    assert.equal(await kite.k(['-n', ns, 'get', 'configmaps', '-o', 'name']), 'configmap/sel-c\n');
    await kite.k(['-n', ns, 'delete', 'configmap', 'sel-c']);
  });

  test('--all deletes every object of the kind in the namespace, and no other', async () => {
    for (let i = 0; i < 3; i++) await kite.k(['-n', ns, 'create', 'configmap', `all-${i}`]);
    await kite.k(['-n', ns, 'create', 'secret', 'generic', 'stays']);
    assert.equal(
      await kite.k(['-n', ns, 'delete', 'configmaps', '--all']),
      'configmap "all-0" deleted\nconfigmap "all-1" deleted\nconfigmap "all-2" deleted\n',
    );
    const r = await kite.kubectl(['-n', ns, 'get', 'configmaps']);
    assert.equal(r.stderr, `No resources found in ${ns} namespace.\n`);
    assert.equal(await kite.k(['-n', ns, 'get', 'secrets', '-o', 'name']), 'secret/stays\n');
  });

  test('--wait returns once the object is gone; wait --for=delete sees it go', async () => {
    // A finalizer keeps the object until the waiter has surely started watching it.
    await kite.k(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: w, namespace: ${ns}, finalizers: [example.com/hold]}\n`);
    const waiter = kite.kubectl(['-n', ns, 'wait', '--for=delete', 'configmap/w', '--timeout=30s']);
    const deleting = kite.kubectl(['-n', ns, 'delete', 'configmap', 'w', '--wait=true', '--timeout=30s']);
    await eventually(async () => (await kite.kJson(['-n', ns, 'get', 'configmap', 'w'])).metadata.deletionTimestamp, 10_000, 'the delete');
    await sleep(1000);
    await kite.k(['-n', ns, 'patch', 'configmap', 'w', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    const d = await deleting;
    assert.equal(d.code, 0, d.stderr);
    assert.equal(d.stdout, 'configmap "w" deleted\n');
    const r = await waiter;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/w condition met\n');
  });

  test('a pod on a node is deleted gracefully (Terminating); --grace-period=0 --force removes it', async () => {
    await kite.k(['create', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata: {name: bound, namespace: ${ns}}\nspec:\n  nodeName: node-a\n  containers: [{name: c, image: busybox}]\n`);
    await kite.k(['create', '-f', '-'], `apiVersion: v1\nkind: Pod\nmetadata: {name: unbound, namespace: ${ns}}\nspec:\n  containers: [{name: c, image: busybox}]\n`);
    assert.equal(await kite.k(['-n', ns, 'delete', 'pod', 'unbound']), 'pod "unbound" deleted\n');
    assert.equal(await kite.k(['-n', ns, 'delete', 'pod', 'bound', '--wait=false']), 'pod "bound" deleted\n');
    assert.match(await kite.k(['-n', ns, 'get', 'pods']), table(`NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE\nbound\\s+0/1\\s+Terminating\\s+0\\s+${AGE}\n`));
    const pod = await kite.kJson(['-n', ns, 'get', 'pod', 'bound']);
    assert.equal(pod.metadata.deletionGracePeriodSeconds, 30);
    const graceEnds = Date.parse(pod.metadata.deletionTimestamp) - Date.now();
    assert.ok(graceEnds > 20_000 && graceEnds <= 31_000, 'deletionTimestamp is when the grace period ends');
    const forced = await kite.kubectl(['-n', ns, 'delete', 'pod', 'bound', '--grace-period=0', '--force']);
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, 'pod "bound" force deleted\n');
    assert.equal(await kite.kFails(['-n', ns, 'get', 'pod', 'bound']), 'Error from server (NotFound): pods "bound" not found');
  });

  test('wait --for=delete times out while a finalizer holds the object', async () => {
    await kite.k(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: held, namespace: ${ns}, finalizers: [example.com/hold]}\n`);
    assert.equal(await kite.k(['-n', ns, 'delete', 'configmap', 'held', '--wait=false']), 'configmap "held" deleted\n');
    const r = await kite.kubectl(['-n', ns, 'wait', '--for=delete', 'configmap/held', '--timeout=1s']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /timed out waiting for the condition on configmaps\/held/);
    await kite.k(['-n', ns, 'patch', 'configmap', 'held', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
  });
});

describe('kubectl create <kind> (protobuf bodies)', () => {
  const ns = 'crud-generators';
  before(() => createNamespace(ns));

  test('create namespace', async () => {
    const obj = parseYaml(await kite.k(['get', 'namespace', ns, '-o', 'yaml']));
    assert.deepEqual(obj.metadata.labels, { 'kubernetes.io/metadata.name': ns });
    assert.deepEqual(obj.spec, { finalizers: ['kubernetes'] });
    assert.deepEqual(obj.status, { phase: 'Active' });
    assert.match(obj.metadata.uid, UID);
  });

  test('create configmap --from-literal', async () => {
    assert.equal(await kite.k(['-n', ns, 'create', 'configmap', 'cm', '--from-literal=a=1', '--from-literal=b=two words']), 'configmap/cm created\n');
    const cm = parseYaml(await kite.k(['-n', ns, 'get', 'configmap', 'cm', '-o', 'yaml']));
    assert.deepEqual(cm.data, { a: '1', b: 'two words' });
    assert.equal(cm.metadata.namespace, ns);
  });

  test('create secret generic', async () => {
    assert.equal(await kite.k(['-n', ns, 'create', 'secret', 'generic', 's', '--from-literal=user=admin', '--from-literal=pass=p@ss']), 'secret/s created\n');
    const s = parseYaml(await kite.k(['-n', ns, 'get', 'secret', 's', '-o', 'yaml']));
    assert.equal(s.type, 'Opaque');
    assert.deepEqual(s.data, { pass: Buffer.from('p@ss').toString('base64'), user: Buffer.from('admin').toString('base64') });
    assert.equal(await kite.k(['-n', ns, 'get', 'secret', 's', '-o', 'jsonpath={.data.user}']), 'YWRtaW4=');
    assert.match(await kite.k(['-n', ns, 'get', 'secret', 's']), table(`NAME\\s+TYPE\\s+DATA\\s+AGE\ns\\s+Opaque\\s+2\\s+${AGE}\n`));
  });

  test('create deployment', async () => {
    assert.equal(await kite.k(['-n', ns, 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']), 'deployment.apps/web created\n');
    const d = parseYaml(await kite.k(['-n', ns, 'get', 'deployment', 'web', '-o', 'yaml']));
    assert.equal(d.apiVersion, 'apps/v1');
    assert.equal(d.metadata.generation, 1);
    assert.deepEqual(d.metadata.labels, { app: 'web' });
    assert.equal(d.spec.replicas, 2);
    assert.deepEqual(d.spec.selector, { matchLabels: { app: 'web' } });
    assert.deepEqual(d.spec.template.metadata.labels, { app: 'web' });
    const [c] = d.spec.template.spec.containers;
    assert.equal(c.name, 'nginx');
    assert.equal(c.image, 'nginx:1.27');
    assert.deepEqual(c.ports.map((p: { containerPort: number }) => p.containerPort), [80]);
    assert.deepEqual(d.status, {});
  });

  test('create job', async () => {
    assert.equal(await kite.k(['-n', ns, 'create', 'job', 'j', '--image=busybox', '--', 'echo', 'hi']), 'job.batch/j created\n');
    const j = parseYaml(await kite.k(['-n', ns, 'get', 'job', 'j', '-o', 'yaml']));
    assert.equal(j.apiVersion, 'batch/v1');
    assert.equal(j.metadata.generation, 1);
    const spec = j.spec.template.spec;
    assert.equal(spec.restartPolicy, 'Never');
    assert.deepEqual(spec.containers.map((c: { name: string; image: string; command: string[] }) => [c.name, c.image, c.command]), [['j', 'busybox', ['echo', 'hi']]]);
    assert.equal(await kite.k(['-n', ns, 'get', 'job', 'j', '-o', 'jsonpath={.spec.template.spec.containers[0].command}']), '["echo","hi"]');
  });

  test('create of an existing object is AlreadyExists', async () => {
    assert.equal(await kite.kFails(['-n', ns, 'create', 'configmap', 'cm']), 'error: failed to create configmap: configmaps "cm" already exists');
    assert.equal(await kite.kFails(['-n', ns, 'create', 'deployment', 'web', '--image=x']), 'error: failed to create deployment: deployments.apps "web" already exists');
    assert.equal(
      await kite.kFails(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm, namespace: ${ns}}\n`),
      'Error from server (AlreadyExists): error when creating "STDIN": configmaps "cm" already exists',
    );
  });
});

describe('apply --validate=false', () => {
  const ns = 'crud-apply';
  before(() => createNamespace(ns));

  test('creates the objects, records last-applied, and a second apply is unchanged', async () => {
    const doc = `apiVersion: v1
kind: ConfigMap
metadata: {name: ac, namespace: ${ns}}
data: {k: v}
---
apiVersion: batch/v1
kind: CronJob
metadata: {name: cj, namespace: ${ns}}
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers: [{name: c, image: busybox}]
`;
    assert.equal(await kite.k(['apply', '--validate=false', '-f', '-'], doc), 'configmap/ac created\ncronjob.batch/cj created\n');
    const cm = await kite.kJson(['-n', ns, 'get', 'configmap', 'ac']);
    assert.deepEqual(cm.data, { k: 'v' });
    const lastApplied = JSON.parse(cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    assert.deepEqual(lastApplied, { apiVersion: 'v1', data: { k: 'v' }, kind: 'ConfigMap', metadata: { annotations: {}, name: 'ac', namespace: ns } });
    assert.equal(await kite.k(['-n', ns, 'get', 'cronjob', 'cj', '-o', 'jsonpath={.spec.schedule}']), '*/5 * * * *');
    assert.equal(await kite.k(['apply', '--validate=false', '-f', '-'], doc), 'configmap/ac unchanged\ncronjob.batch/cj unchanged\n');
  });
});

describe('errors as Kubernetes words them', () => {
  const ns = 'crud-errors';
  before(() => createNamespace(ns));

  test('get of a missing object', async () => {
    assert.equal(await kite.kFails(['-n', ns, 'get', 'pod', 'x']), 'Error from server (NotFound): pods "x" not found');
    assert.equal(await kite.kFails(['-n', ns, 'get', 'deployment', 'x']), 'Error from server (NotFound): deployments.apps "x" not found');
    assert.equal(await kite.kFails(['get', 'namespace', 'x-missing']), 'Error from server (NotFound): namespaces "x-missing" not found');
  });

  test('creating in a missing namespace is NotFound for the namespace', async () => {
    assert.equal(await kite.kFails(['-n', 'no-such-ns', 'create', 'configmap', 'a']), 'error: failed to create configmap: namespaces "no-such-ns" not found');
    assert.equal(
      await kite.kFails(['create', '-f', '-'], 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: no-such-ns}\n'),
      'Error from server (NotFound): error when creating "STDIN": namespaces "no-such-ns" not found',
    );
  });

  test('a namespace in the manifest that differs from -n is refused by kubectl', async () => {
    const r = await kite.kubectl(['-n', ns, 'create', '-f', '-'], { input: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, namespace: other}\n' });
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /the namespace from the provided object "other" does not match the namespace "crud-errors"/);
  });

  test('the system namespaces cannot be deleted', async () => {
    assert.equal(await kite.kFails(['delete', 'namespace', 'default']), 'Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    assert.equal(await kite.kFails(['delete', 'namespace', 'kube-system']), 'Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted');
  });

  test('HTTP-level errors are Statuses with Kubernetes\' codes and reasons', async () => {
    const post = (path: string, body: string, type = 'application/json') =>
      kite.fetch(path, { method: 'POST', headers: { 'Content-Type': type }, body }).then(async (r) => ({ code: r.status, status: (await r.json()) as { kind: string; reason: string; message: string } }));
    const base = `/api/v1/namespaces/${ns}/configmaps`;
    const cases = [
      [await post(`${base}/named`, '{}'), 405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource'],
      [await post(base, '{}', 'text/plain'), 415, 'UnsupportedMediaType', undefined],
      [await post(base, `{"metadata":{"name":"big"},"data":{"a":"${'x'.repeat(3 * 1024 * 1024 + 1)}"}}`), 413, 'RequestEntityTooLarge', 'Request entity too large: limit is 3145728'],
      [await post(base, '{"metadata":{"name":"rv","resourceVersion":"5"}}'), 400, 'BadRequest', 'resourceVersion should not be set on objects to be created'],
      [await post(base, '{"apiVersion":"v1","kind":"Secret","metadata":{"name":"k"}}'), 400, 'BadRequest', undefined],
      [await post('/api/v1/namespaces/x/nosuchresources', '{}'), 404, 'NotFound', 'the server could not find the requested resource'],
    ] as const;
    for (const [got, code, reason, message] of cases) {
      assert.equal(got.status.kind, 'Status');
      assert.deepEqual([got.code, got.status.reason], [code, reason], JSON.stringify(got.status));
      if (message) assert.equal(got.status.message, message);
    }
  });

  test('a malformed manifest never reaches kite as a crash: raw bodies are 400', async () => {
    const bad = await kite.fetch(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"metadata":' });
    assert.equal(bad.status, 400);
    const yaml = await kite.fetch(`/api/v1/namespaces/${ns}/configmaps`, { method: 'POST', headers: { 'Content-Type': 'application/yaml' }, body: 'metadata: [unclosed' });
    assert.equal(yaml.status, 400);
    assert.equal(((await yaml.json()) as { kind: string }).kind, 'Status');
    assert.equal((await kite.fetch('/readyz')).status, 200);
  });
});

describe('--dry-run=server changes nothing', () => {
  const ns = 'crud-dryrun';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['-n', ns, 'create', 'configmap', 'c', '--from-literal=a=b']);
    await kite.k(['-n', ns, 'create', 'deployment', 'd', '--image=busybox']);
  });

  test('create, patch, label, scale, delete', async () => {
    const before = await kite.k(['get', 'configmaps,deployments', '-n', ns, '-o', 'json']);
    assert.equal(await kite.k(['-n', ns, 'create', 'configmap', 'dry', '--dry-run=server']), 'configmap/dry created (server dry run)\n');
    const created = await kite.kJson(['-n', ns, 'create', 'configmap', 'dry2', '--dry-run=server']);
    assert.match(created.metadata.uid, UID, 'a server dry run fills what the server would');
    assert.equal(created.metadata.resourceVersion, undefined);
    await kite.k(['-n', ns, 'patch', 'configmap', 'c', '--type', 'merge', '-p', '{"data":{"a":"changed"}}', '--dry-run=server']);
    assert.equal(await kite.k(['-n', ns, 'label', 'configmap', 'c', 'x=y', '--dry-run=server']), 'configmap/c labeled (server dry run)\n');
    assert.equal(await kite.k(['-n', ns, 'scale', 'deployment', 'd', '--replicas=7', '--dry-run=server']), 'deployment.apps/d scaled (server dry run)\n');
    assert.equal(await kite.k(['-n', ns, 'delete', 'configmap', 'c', '--dry-run=server']), 'configmap "c" deleted (server dry run)\n');
    assert.equal(await kite.k(['-n', ns, 'delete', 'namespace', ns, '--dry-run=server']), `namespace "${ns}" deleted (server dry run)\n`);
    assert.equal(await kite.k(['get', 'configmaps,deployments', '-n', ns, '-o', 'json']), before);
    assert.equal(await kite.kFails(['-n', ns, 'get', 'configmap', 'dry']), 'Error from server (NotFound): configmaps "dry" not found');
    assert.equal(await kite.k(['get', 'namespace', ns, '-o', 'jsonpath={.status.phase}']), 'Active');
  });
});

describe('get -w', () => {
  const ns = 'crud-watch';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['-n', ns, 'create', 'configmap', 'a']);
  });

  test('prints the current rows, then a row for each change', async () => {
    const w = kite.watchKubectl(['-n', ns, 'get', 'configmaps', '-w']);
    try {
      assert.match((await w.lines.take(2)).join('\n'), new RegExp(`^NAME\\s+DATA\\s+AGE\na\\s+0\\s+${AGE}$`));
      await kite.k(['-n', ns, 'create', 'configmap', 'b', '--from-literal=k=v']);
      assert.match((await w.lines.next())!, new RegExp(`^b\\s+1\\s+${AGE}$`));
      await kite.k(['-n', ns, 'patch', 'configmap', 'a', '--type', 'merge', '-p', '{"data":{"x":"1","y":"2"}}']);
      assert.match((await w.lines.next())!, new RegExp(`^a\\s+2\\s+${AGE}$`));
      await kite.k(['-n', ns, 'delete', 'configmap', 'b']);
      assert.match((await w.lines.next())!, new RegExp(`^b\\s+1\\s+${AGE}$`));
    } finally {
      w.lines.close();
    }
  });

  test('--output-watch-events prints the event types', async () => {
    const w = kite.watchKubectl(['-n', ns, 'get', 'configmaps', '-w', '--output-watch-events']);
    try {
      assert.match((await w.lines.take(2)).join('\n'), new RegExp(`^EVENT\\s+NAME\\s+DATA\\s+AGE\nADDED\\s+a\\s+2\\s+${AGE}$`));
      await kite.k(['-n', ns, 'create', 'configmap', 'c']);
      await kite.k(['-n', ns, 'label', 'configmap', 'c', 'l=1']);
      await kite.k(['-n', ns, 'delete', 'configmap', 'c']);
      const lines = await w.lines.take(3);
      assert.deepEqual(lines.map((l) => cells(l)[0].slice(0, 2)), [['ADDED', 'c'], ['MODIFIED', 'c'], ['DELETED', 'c']]);
    } finally {
      w.lines.close();
    }
  });

  test('-w on one object by name with -o name', async () => {
    const w = kite.watchKubectl(['-n', ns, 'get', 'configmap', 'a', '-w', '-o', 'name']);
    try {
      assert.equal(await w.lines.next(), 'configmap/a');
      await kite.k(['-n', ns, 'create', 'configmap', 'other']);
      await kite.k(['-n', ns, 'label', 'configmap', 'a', 'seen=1']);
      assert.equal(await w.lines.next(), 'configmap/a');
    } finally {
      w.lines.close();
    }
  });
});

describe('finalizers', () => {
  const ns = 'crud-finalizers';
  before(() => createNamespace(ns));

  test('a deleted object with a finalizer stays, marked, until a patch removes the finalizer', async () => {
    await kite.k(['create', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fin, namespace: ${ns}, finalizers: [example.com/hold]}\ndata: {a: b}\n`);
    assert.equal(await kite.k(['-n', ns, 'delete', 'configmap', 'fin', '--wait=false']), 'configmap "fin" deleted\n');
    const marked = await kite.kJson(['-n', ns, 'get', 'configmap', 'fin']);
    assert.match(marked.metadata.deletionTimestamp, TIMESTAMP);
    assert.equal(marked.metadata.deletionGracePeriodSeconds, 0);
    assert.deepEqual(marked.metadata.finalizers, ['example.com/hold']);
    // Deleting again changes nothing.
    await kite.k(['-n', ns, 'delete', 'configmap', 'fin', '--wait=false']);
    assert.equal((await kite.kJson(['-n', ns, 'get', 'configmap', 'fin'])).metadata.resourceVersion, marked.metadata.resourceVersion);
    // Other changes are still allowed; new finalizers are not.
    await kite.k(['-n', ns, 'patch', 'configmap', 'fin', '--type', 'merge', '-p', '{"data":{"c":"d"}}']);
    assert.equal(
      await kite.kFails(['-n', ns, 'patch', 'configmap', 'fin', '--type', 'json', '-p', '[{"op":"add","path":"/metadata/finalizers/-","value":"example.com/more"}]']),
      'The ConfigMap "fin" is invalid: metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/more"}',
    );
    // A blocking `kubectl delete` returns once the finalizer goes.
    const deleting = kite.kubectl(['-n', ns, 'delete', 'configmap', 'fin', '--timeout=30s']);
    await sleep(1000);
    assert.equal(await Promise.race([deleting.then(() => 'returned'), sleep(0).then(() => 'waiting')]), 'waiting');
    await kite.k(['-n', ns, 'patch', 'configmap', 'fin', '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/finalizers"}]']);
    const r = await deleting;
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap "fin" deleted\n');
    assert.equal(await kite.kFails(['-n', ns, 'get', 'configmap', 'fin']), 'Error from server (NotFound): configmaps "fin" not found');
  });
});

describe('namespace deletion', () => {
  const ns = 'crud-terminating';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['-n', ns, 'create', 'configmap', 'inside']);
  });

  test('puts the namespace in Terminating and refuses new objects in it', async () => {
    assert.equal(await kite.k(['delete', 'namespace', ns, '--wait=false']), `namespace "${ns}" deleted\n`);
    assert.match(await kite.k(['get', 'namespace', ns]), table(`NAME\\s+STATUS\\s+AGE\n${ns}\\s+Terminating\\s+${AGE}\n`));
    const obj = await kite.kJson(['get', 'namespace', ns]);
    assert.match(obj.metadata.deletionTimestamp, TIMESTAMP);
    assert.deepEqual(obj.spec.finalizers, ['kubernetes']);
    assert.equal(
      await kite.kFails(['-n', ns, 'create', 'configmap', 'late']),
      `error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );
    assert.equal(
      await kite.kFails(['create', '-f', '-'], `apiVersion: v1\nkind: Secret\nmetadata: {name: late, namespace: ${ns}}\n`),
      `Error from server (Forbidden): error when creating "STDIN": secrets "late" is forbidden: unable to create new content in namespace ${ns} because it is being terminated`,
    );
    // What was there stays (no namespace controller yet) and may still be changed.
    await kite.k(['-n', ns, 'label', 'configmap', 'inside', 'still=here']);
    await eventually(async () => (await kite.k(['get', 'namespace', ns, '-o', 'jsonpath={.status.phase}'])) === 'Terminating');
  });
});
