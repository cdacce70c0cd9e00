// Declarative kubectl against kite, checked against what kubectl prints and stores against
// Kubernetes 1.32: client-side apply and re-apply (three-way strategic merge: changed, added,
// removed and reordered fields and list entries), server-side apply (managers, conflicts,
// --force-conflicts, fields a manager drops, the client-side -> server-side migration),
// kubectl diff (server dry-run), kubectl edit driven by a KUBE_EDITOR script, replace, and
// patch (strategic, the default, and merge). One server; each test its own namespace.

import assert from 'node:assert/strict';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { API_ONLY, type KiteProcess, startKite } from './harness.js';

let kite: KiteProcess;
let scratch: string;
before(async () => {
  kite = await startKite({ args: API_ONLY });
  scratch = mkdtempSync(join(tmpdir(), 'kite-declarative-'));
});
after(async () => {
  await kite.stop();
  rmSync(scratch, { recursive: true, force: true });
});

async function createNamespace(name: string): Promise<void> {
  assert.equal(await kite.k(['create', 'namespace', name]), `namespace/${name} created\n`);
}

interface Container {
  name: string;
  image: string;
  imagePullPolicy?: string;
  command?: string[];
  args?: string[];
  env?: { name: string; value?: string }[];
  ports?: { containerPort: number; name?: string; protocol?: string }[];
  volumeMounts?: { name: string; mountPath: string }[];
}

const containers = (d: any): Container[] => d.spec.template.spec.containers;
const byName = (d: any, name: string): Container => containers(d).find((c) => c.name === name)!;
// managedFields are ordered by operation, then time (whole seconds), then manager: look entries up by name.
const fieldsOf = (obj: any, manager: string): unknown => obj.metadata.managedFields.find((m: any) => m.manager === manager)?.fieldsV1;
const managers = (obj: any): string[] => (obj.metadata.managedFields ?? []).map((m: any) => `${m.manager}/${m.operation}${m.subresource ? `/${m.subresource}` : ''}`);

async function getJson(ns: string, what: string): Promise<any> {
  return kite.kJson(['-n', ns, 'get', what, '--show-managed-fields']);
}

// ---------------------------------------------------------------------------------------------
// Client-side apply

const DEPLOYMENT_V1 = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
  annotations: {team: blue}
spec:
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: nginx
        image: nginx:1.27
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        ports:
        - {containerPort: 80, name: http}
        - {containerPort: 443, name: https}
        volumeMounts:
        - {name: data, mountPath: /data}
        - {name: config, mountPath: /etc/config}
      - name: sidecar
        image: busybox:1.36
        command: [sleep, "3600"]
      volumes:
      - name: data
        emptyDir: {}
      - name: config
        configMap: {name: web-config}
      tolerations:
      - {key: k1, operator: Exists, effect: NoSchedule}
`;

// replicas and the https port, the data mount and volume, env B and the sidecar's command are
// gone; a label, env C, a metrics port, a cache mount and volume, an args list, a toleration
// and a logger container are new; A's value and the sidecar's image changed; the containers,
// env and tolerations are in a new order.
const DEPLOYMENT_V2 = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web, tier: frontend}
  annotations: {team: blue}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: sidecar
        image: busybox:1.37
        args: [sleep, "60"]
      - name: nginx
        image: nginx:1.27
        env:
        - {name: C, value: "3"}
        - {name: A, value: "10"}
        ports:
        - {containerPort: 80, name: http}
        - {containerPort: 9090, name: metrics}
        volumeMounts:
        - {name: config, mountPath: /etc/config}
        - {name: cache, mountPath: /cache}
      - name: logger
        image: fluent/fluent-bit:3.1
      volumes:
      - name: config
        configMap: {name: web-config}
      - name: cache
        emptyDir: {medium: Memory}
      tolerations:
      - {key: k2, operator: Equal, value: v, effect: NoExecute, tolerationSeconds: 10}
      - {key: k1, operator: Exists, effect: NoSchedule}
`;

// Whole lists and maps dropped from the file: env, ports, volumeMounts, tolerations, a label,
// the annotations.
const DEPLOYMENT_V3 = (ns: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: ${ns}
  labels: {app: web}
spec:
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
      - name: sidecar
        image: busybox:1.37
        args: [sleep, "60"]
      - name: nginx
        image: nginx:1.27
      volumes:
      - name: config
        configMap: {name: web-config}
`;

describe('kubectl apply (client-side)', () => {
  const ns = 'decl-csa';
  before(() => createNamespace(ns));

  test('create, then a no-op re-apply is unchanged', async () => {
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V1(ns)), 'deployment.apps/web created\n');
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V1(ns)), 'deployment.apps/web unchanged\n');
    const d = await getJson(ns, 'deployment/web');
    assert.deepEqual(managers(d), ['kubectl-client-side-apply/Update']);
    const lastApplied = JSON.parse(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    assert.equal(lastApplied.spec.replicas, 2);
    assert.deepEqual(lastApplied.metadata.annotations, { team: 'blue' });
    assert.deepEqual(containers(d).map((c) => c.name), ['nginx', 'sidecar']);
    assert.deepEqual(byName(d, 'nginx').ports, [
      { containerPort: 80, name: 'http', protocol: 'TCP' },
      { containerPort: 443, name: 'https', protocol: 'TCP' },
    ]);
  });

  test('re-apply with changed, added, removed and reordered fields and list entries', async () => {
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V2(ns)), 'deployment.apps/web configured\n');
    const d = await getJson(ns, 'deployment/web');
    assert.deepEqual(d.metadata.labels, { app: 'web', tier: 'frontend' });
    assert.equal(d.metadata.annotations.team, 'blue');
    // Removed from the file: the server's default comes back.
    assert.equal(d.spec.replicas, 1);
    assert.equal(d.metadata.generation, 2);
    assert.deepEqual(containers(d).map((c) => c.name), ['sidecar', 'nginx', 'logger']);

    const sidecar = byName(d, 'sidecar');
    assert.equal(sidecar.image, 'busybox:1.37');
    assert.equal(sidecar.command, undefined);
    assert.deepEqual(sidecar.args, ['sleep', '60']);
    // Defaulted when the container was created; the image change does not re-default it.
    assert.equal(sidecar.imagePullPolicy, 'IfNotPresent');

    const nginx = byName(d, 'nginx');
    assert.deepEqual(nginx.env, [
      { name: 'C', value: '3' },
      { name: 'A', value: '10' },
    ]);
    assert.deepEqual(nginx.ports, [
      { containerPort: 80, name: 'http', protocol: 'TCP' },
      { containerPort: 9090, name: 'metrics', protocol: 'TCP' },
    ]);
    assert.deepEqual(nginx.volumeMounts, [
      { name: 'config', mountPath: '/etc/config' },
      { name: 'cache', mountPath: '/cache' },
    ]);

    const logger = byName(d, 'logger');
    assert.equal(logger.image, 'fluent/fluent-bit:3.1');
    assert.equal(logger.imagePullPolicy, 'IfNotPresent');
    assert.equal((logger as any).terminationMessagePath, '/dev/termination-log');

    const spec = d.spec.template.spec;
    assert.deepEqual(spec.volumes, [
      { name: 'config', configMap: { name: 'web-config', defaultMode: 420 } },
      { name: 'cache', emptyDir: { medium: 'Memory' } },
    ]);
    assert.deepEqual(spec.tolerations, [
      { key: 'k2', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 10 },
      { key: 'k1', operator: 'Exists', effect: 'NoSchedule' },
    ]);
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V2(ns)), 'deployment.apps/web unchanged\n');
  });

  test('lists, maps and fields dropped from the file disappear from the object', async () => {
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V3(ns)), 'deployment.apps/web configured\n');
    const d = await getJson(ns, 'deployment/web');
    assert.deepEqual(d.metadata.labels, { app: 'web' });
    assert.deepEqual(Object.keys(d.metadata.annotations), ['kubectl.kubernetes.io/last-applied-configuration']);
    assert.deepEqual(containers(d).map((c) => c.name), ['sidecar', 'nginx']);
    const nginx = byName(d, 'nginx');
    assert.equal(nginx.env, undefined);
    assert.equal(nginx.ports, undefined);
    assert.equal(nginx.volumeMounts, undefined);
    assert.equal(d.spec.template.spec.tolerations, undefined);
    assert.deepEqual(d.spec.template.spec.volumes, [{ name: 'config', configMap: { name: 'web-config', defaultMode: 420 } }]);
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V3(ns)), 'deployment.apps/web unchanged\n');
  });

  test('a field another writer set and the file never mentioned is kept', async () => {
    await kite.k(['-n', ns, 'scale', 'deployment', 'web', '--replicas=4']);
    assert.equal(await kite.k(['apply', '-f', '-'], DEPLOYMENT_V3(ns)), 'deployment.apps/web unchanged\n');
    assert.equal((await getJson(ns, 'deployment/web')).spec.replicas, 4);
  });

  test('ConfigMap data keys added, changed and removed; a multi-document file', async () => {
    const file = (data: string, extra = '') => `apiVersion: v1
kind: ConfigMap
metadata: {name: settings, namespace: ${ns}}
data: {${data}}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: ${ns}}
spec:
  selector: {app: web}
  ports:
  - {name: http, port: 80, targetPort: 8080}${extra}
`;
    assert.equal(await kite.k(['apply', '-f', '-'], file('color: blue, size: "3"')), 'configmap/settings created\nservice/web created\n');
    const before_ = await getJson(ns, 'service/web');
    const out = await kite.k(['apply', '-f', '-'], file('color: red, shape: round', '\n  - {name: https, port: 443, targetPort: 8443}'));
    assert.equal(out, 'configmap/settings configured\nservice/web configured\n');
    assert.deepEqual((await getJson(ns, 'configmap/settings')).data, { color: 'red', shape: 'round' });
    const svc = await getJson(ns, 'service/web');
    assert.equal(svc.spec.clusterIP, before_.spec.clusterIP, 'the allocated cluster IP stays');
    assert.deepEqual(svc.spec.ports, [
      { name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 },
      { name: 'https', port: 443, protocol: 'TCP', targetPort: 8443 },
    ]);
  });

  test('apply to an object created imperatively warns and patches in the annotation', async () => {
    await kite.k(['-n', ns, 'create', 'configmap', 'imperative', '--from-literal=a=1']);
    const r = await kite.kubectl(['apply', '-f', '-'], { input: `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: imperative, namespace: ${ns}}\ndata: {a: "2"}\n` });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/imperative configured\n');
    assert.equal(
      r.stderr,
      'Warning: resource configmaps/imperative is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n',
    );
    const cm = await getJson(ns, 'configmap/imperative');
    assert.equal(cm.data.a, '2');
    assert.ok(cm.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
  });
});

// ---------------------------------------------------------------------------------------------
// Server-side apply

const SSA_DEPLOYMENT = (ns: string, replicas: number, image = 'nginx:1.27') => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  namespace: ${ns}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: api}}
  template:
    metadata: {labels: {app: api}}
    spec:
      containers:
      - name: api
        image: ${image}
        ports:
        - {containerPort: 8080, protocol: TCP}
`;

const CONFLICT_ERROR = `error: Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`;

describe('kubectl apply --server-side', () => {
  const ns = 'decl-ssa';
  before(() => createNamespace(ns));

  test('create and re-apply; managedFields name the kubectl Apply manager', async () => {
    assert.equal(await kite.k(['apply', '--server-side', '-f', '-'], SSA_DEPLOYMENT(ns, 2)), 'deployment.apps/api serverside-applied\n');
    assert.equal(await kite.k(['apply', '--server-side', '-f', '-'], SSA_DEPLOYMENT(ns, 2)), 'deployment.apps/api serverside-applied\n');
    const d = await getJson(ns, 'deployment/api');
    assert.deepEqual(managers(d), ['kubectl/Apply']);
    const fields = d.metadata.managedFields[0].fieldsV1;
    assert.deepEqual(fields['f:spec']['f:replicas'], {});
    assert.ok(fields['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"api"}']['f:ports']['k:{"containerPort":8080,"protocol":"TCP"}']);
    // Defaults are not the applier's.
    assert.equal(fields['f:spec']['f:revisionHistoryLimit'], undefined);
    assert.equal(d.spec.revisionHistoryLimit, 10);
    assert.equal(d.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'], undefined);
  });

  test('a conflict with kubectl scale, then --force-conflicts takes the field', async () => {
    assert.equal(await kite.k(['-n', ns, 'scale', 'deployment', 'api', '--replicas=5']), 'deployment.apps/api scaled\n');
    assert.deepEqual(managers(await getJson(ns, 'deployment/api')), ['kubectl/Apply', 'kubectl/Update/scale']);

    const r = await kite.kubectl(['apply', '--server-side', '-f', '-'], { input: SSA_DEPLOYMENT(ns, 3) });
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, CONFLICT_ERROR);
    assert.equal((await getJson(ns, 'deployment/api')).spec.replicas, 5);

    // Applying the value the other manager set is no conflict: the field becomes shared.
    assert.equal(await kite.k(['apply', '--server-side', '-f', '-'], SSA_DEPLOYMENT(ns, 5)), 'deployment.apps/api serverside-applied\n');
    assert.deepEqual(managers(await getJson(ns, 'deployment/api')), ['kubectl/Apply', 'kubectl/Update/scale']);

    const forced = await kite.kubectl(['apply', '--server-side', '--force-conflicts', '-f', '-'], { input: SSA_DEPLOYMENT(ns, 3) });
    assert.equal(forced.code, 0, forced.stderr);
    assert.equal(forced.stdout, 'deployment.apps/api serverside-applied\n');
    const d = await getJson(ns, 'deployment/api');
    assert.equal(d.spec.replicas, 3);
    // The scale manager lost its only field, and with it its entry.
    assert.deepEqual(managers(d), ['kubectl/Apply']);
  });

  test('fields a manager drops are removed unless another manager owns them; --field-manager', async () => {
    const cm = (data: string, labels: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: shared
  namespace: ${ns}
  labels: {${labels}}
data: {${data}}
`;
    assert.equal(
      await kite.k(['apply', '--server-side', '--field-manager=alice', '-f', '-'], cm('one: "1", two: "2", three: "3"', 'a: "1", b: "2"')),
      'configmap/shared serverside-applied\n',
    );
    // bob co-owns `two` (same value) and owns `four`.
    await kite.k(['apply', '--server-side', '--field-manager=bob', '-f', '-'], cm('two: "2", four: "4"', ''));
    let obj = await getJson(ns, 'configmap/shared');
    assert.deepEqual(managers(obj), ['alice/Apply', 'bob/Apply']);
    assert.deepEqual(fieldsOf(obj, 'bob'), { 'f:data': { 'f:four': {}, 'f:two': {} } });

    // alice drops `two`, `three` and label `b`: `three` and `b` go, `two` stays (bob's).
    await kite.k(['apply', '--server-side', '--field-manager=alice', '-f', '-'], cm('one: "1"', 'a: "1"'));
    obj = await getJson(ns, 'configmap/shared');
    assert.deepEqual(obj.data, { one: '1', two: '2', four: '4' });
    assert.deepEqual(obj.metadata.labels, { a: '1' });
    assert.deepEqual(fieldsOf(obj, 'alice'), { 'f:data': { 'f:one': {} }, 'f:metadata': { 'f:labels': { 'f:a': {} } } });

    // A manager that applies an empty configuration owns nothing and disappears.
    await kite.k(['apply', '--server-side', '--field-manager=bob', '-f', '-'], `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared, namespace: ${ns}}\n`);
    obj = await getJson(ns, 'configmap/shared');
    assert.deepEqual(obj.data, { one: '1' });
    assert.deepEqual(managers(obj), ['alice/Apply']);
  });

  test('a conflict between two named managers, as kubectl prints it', async () => {
    const cm = (color: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: colors, namespace: ${ns}}\ndata: {color: ${color}}\n`;
    await kite.k(['apply', '--server-side', '--field-manager=alice', '-f', '-'], cm('blue'));
    const r = await kite.kubectl(['apply', '--server-side', '--field-manager=bob', '-f', '-'], { input: cm('red') });
    assert.equal(r.code, 1);
    assert.equal(r.stderr.split('\n')[0], 'error: Apply failed with 1 conflict: conflict with "alice": .data.color');
    await kite.k(['apply', '--server-side', '--field-manager=bob', '--force-conflicts', '-f', '-'], cm('red'));
    const obj = await getJson(ns, 'configmap/colors');
    assert.equal(obj.data.color, 'red');
    assert.deepEqual(managers(obj), ['bob/Apply']);
  });

  test('client-side apply, then server-side apply of the same object: no conflicts, and the kubectl manager takes over', async () => {
    const deployment = (replicas: number, image: string) => SSA_DEPLOYMENT(ns, replicas, image).replace('name: api', 'name: migrated');
    assert.equal(await kite.k(['apply', '-f', '-'], deployment(2, 'nginx:1.27')), 'deployment.apps/migrated created\n');
    assert.deepEqual(managers(await getJson(ns, 'deployment/migrated')), ['kubectl-client-side-apply/Update']);

    // Changed values the client-side apply owned are no conflict either.
    const r = await kite.kubectl(['apply', '--server-side', '-f', '-'], { input: deployment(3, 'nginx:1.28') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/migrated serverside-applied\n');
    const d = await getJson(ns, 'deployment/migrated');
    assert.equal(d.spec.replicas, 3);
    assert.equal(containers(d)[0].image, 'nginx:1.28');
    assert.ok(managers(d).includes('kubectl/Apply'), managers(d).join());
    assert.ok(!managers(d).includes('kubectl-client-side-apply/Update'), managers(d).join());
    const applied = d.metadata.managedFields.find((m: any) => m.manager === 'kubectl' && m.operation === 'Apply');
    assert.deepEqual(applied.fieldsV1['f:spec']['f:replicas'], {});
    // kubectl keeps the last-applied annotation in step with what it applied server-side.
    const lastApplied = JSON.parse(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    assert.equal(lastApplied.spec.replicas, 3);

    // And client-side apply still works on it afterwards.
    assert.equal(await kite.k(['apply', '-f', '-'], deployment(4, 'nginx:1.28')), 'deployment.apps/migrated configured\n');
    assert.equal((await getJson(ns, 'deployment/migrated')).spec.replicas, 4);
  });

  test('--dry-run=server changes nothing', async () => {
    const r = await kite.kubectl(['apply', '--server-side', '--dry-run=server', '-f', '-'], { input: SSA_DEPLOYMENT(ns, 7) });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/api serverside-applied (server dry run)\n');
    assert.equal((await getJson(ns, 'deployment/api')).spec.replicas, 3);
  });
});

// ---------------------------------------------------------------------------------------------
// kubectl diff

describe('kubectl diff', () => {
  const ns = 'decl-diff';
  const cm = (data: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings, namespace: ${ns}}\ndata: {${data}}\n`;
  before(async () => {
    await createNamespace(ns);
    await kite.k(['apply', '-f', '-'], cm('color: blue, size: "3"'));
  });

  test('no difference: exit 0 and no output', async () => {
    const r = await kite.kubectl(['diff', '-f', '-'], { input: cm('color: blue, size: "3"') });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, '');
  });

  test('a difference: exit 1 with a unified diff of the live and the merged object, nothing changed', async () => {
    const r = await kite.kubectl(['diff', '-f', '-'], { input: cm('color: red') });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, new RegExp(`^diff -u -N \\S+/v1\\.ConfigMap\\.${ns}\\.settings \\S+/v1\\.ConfigMap\\.${ns}\\.settings\n`));
    const changed = r.stdout.split('\n').filter((l) => /^[-+]  \S/.test(l));
    assert.deepEqual(changed, ['-  color: blue', '-  size: "3"', '+  color: red']);
    assert.doesNotMatch(r.stdout, /managedFields/);
    assert.deepEqual((await getJson(ns, 'configmap/settings')).data, { color: 'blue', size: '3' });
  });

  test('a new object is all additions; --server-side diffs a server-side apply', async () => {
    const r = await kite.kubectl(['diff', '-f', '-'], { input: cm('a: "1"').replace('name: settings', 'name: fresh') });
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stdout, /^\+kind: ConfigMap$/m);
    assert.match(r.stdout, /^\+  name: fresh$/m);
    assert.doesNotMatch(r.stdout, /^-[^-]/m);
    assert.equal((await kite.kubectl(['-n', ns, 'get', 'configmap', 'fresh'])).code, 1);

    const ssa = await kite.kubectl(['diff', '--server-side', '--force-conflicts', '-f', '-'], { input: cm('color: green, size: "3"') });
    assert.equal(ssa.code, 1, ssa.stderr);
    assert.deepEqual(
      ssa.stdout.split('\n').filter((l) => /^[-+]  \S/.test(l)),
      ['-  color: blue', '+  color: green'],
    );
  });

  test('an invalid change: exit above 1 and the error Kubernetes gives', async () => {
    const r = await kite.kubectl(['diff', '-f', '-'], {
      input: `apiVersion: apps/v1
kind: Deployment
metadata: {name: bad, namespace: ${ns}}
spec:
  replicas: -1
  selector: {matchLabels: {app: a}}
  template:
    metadata: {labels: {app: a}}
    spec: {containers: [{name: a, image: nginx}]}
`,
    });
    assert.equal(r.code, 2);
    assert.equal(r.stderr, 'The Deployment "bad" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });
});

// ---------------------------------------------------------------------------------------------
// kubectl edit

describe('kubectl edit with KUBE_EDITOR', () => {
  const ns = 'decl-edit';
  before(async () => {
    await createNamespace(ns);
    await kite.k(['apply', '-f', '-'], SSA_DEPLOYMENT(ns, 2).replace('name: api', 'name: web'));
    await kite.k(['-n', ns, 'create', 'configmap', 'settings', '--from-literal=color=blue']);
  });

  /** An editor script: logs each file it is given, and runs the sed expression on the first
   *  (kubectl reopens the file after a failed save; leaving it as it is then ends the edit). */
  function editor(name: string, sedExpr: string): { path: string; log: string } {
    const path = join(scratch, `${name}.sh`);
    const log = join(scratch, `${name}.log`);
    writeFileSync(
      path,
      `#!/bin/sh\nn=$(grep -c '^=====$' '${log}')\ncat "$1" >> '${log}'\necho '=====' >> '${log}'\n[ "$n" -eq 0 ] && sed -i '${sedExpr}' "$1"\nexit 0\n`,
    );
    chmodSync(path, 0o755);
    writeFileSync(log, '');
    return { path, log };
  }
  /** kubectl edit with the editor; its backup copies go to the scratch directory. */
  const edit = (args: string[], ed: { path: string }) => kite.kubectl(['-n', ns, 'edit', ...args], { env: { KUBE_EDITOR: ed.path, TMPDIR: scratch } });

  test('an edit is saved', async () => {
    const ed = editor('color', 's/color: blue/color: green/');
    const r = await edit(['configmap', 'settings'], ed);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/settings edited\n');
    const opened = readFileSync(ed.log, 'utf8');
    assert.match(opened, /^# Please edit the object below\. Lines beginning with a '#' will be ignored,$/m);
    assert.match(opened, /^  color: blue$/m);
    const cm = await getJson(ns, 'configmap/settings');
    assert.equal(cm.data.color, 'green');
    assert.ok(managers(cm).includes('kubectl-edit/Update'), managers(cm).join());
  });

  test('containers edited through the editor (a strategic merge patch)', async () => {
    const ed = editor('image', 's#image: nginx:1.27#image: nginx:1.28#');
    const r = await edit(['deployment', 'web'], ed);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/web edited\n');
    const d = await getJson(ns, 'deployment/web');
    assert.equal(containers(d)[0].image, 'nginx:1.28');
    assert.equal(d.metadata.generation, 2);
  });

  test('an editor that changes nothing cancels the edit', async () => {
    const ed = editor('noop', 's/^$//');
    const r = await edit(['configmap', 'settings'], ed);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, 'Edit cancelled, no changes made.\n');
  });

  test('an invalid value: the file is reopened with the error, and the edit is cancelled', async () => {
    const ed = editor('invalid', 's/^  replicas: .*/  replicas: -3/');
    const r = await edit(['deployment', 'web'], ed);
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines[0], 'error: deployments.apps "web" is invalid');
    assert.ok(lines[1].startsWith(`A copy of your changes has been stored to "${scratch}/kubectl-edit-`), lines[1]);
    assert.match(lines[1], /\/kubectl-edit-\d+\.yaml"$/);
    assert.equal(lines[2], 'error: Edit cancelled, no valid changes were saved.');
    // The second time the editor ran it was shown the server's answer.
    const reopened = readFileSync(ed.log, 'utf8').split('=====\n')[1];
    assert.match(reopened, /^# deployments\.apps "web" was not valid:\n# \* spec\.replicas: Invalid value: -3: must be greater than or equal to 0\n#\n/m);
    assert.equal((await getJson(ns, 'deployment/web')).spec.replicas, 2);
  });

  test('an edit that introduces an unknown field is refused by strict field validation', async () => {
    const ed = editor('unknown', 's/^data:/bogus: 1\\ndata:/');
    const r = await edit(['configmap', 'settings'], ed);
    assert.equal(r.code, 1);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines[0], 'error: configmaps "settings" is invalid');
    assert.equal(lines[2], 'error: Edit cancelled, no valid changes were saved.');
    const reopened = readFileSync(ed.log, 'utf8').split('=====\n')[1];
    assert.match(reopened, /^# configmaps "settings" was not valid:\n# \* patch: Invalid value: "map\[.*\]": strict decoding error: unknown field "bogus"\n#\n/m);
    assert.equal((await getJson(ns, 'configmap/settings')).bogus, undefined);
  });
});

// ---------------------------------------------------------------------------------------------
// kubectl replace and kubectl patch

describe('kubectl replace', () => {
  const ns = 'decl-replace';
  before(() => createNamespace(ns));

  test('replace with a changed file, a stale resourceVersion, a missing object, --force', async () => {
    await kite.k(['apply', '-f', '-'], SSA_DEPLOYMENT(ns, 2));
    const live = await kite.k(['-n', ns, 'get', 'deployment', 'api', '-o', 'yaml']);
    assert.equal(await kite.k(['replace', '-f', '-'], live.replace('image: nginx:1.27', 'image: nginx:1.28')), 'deployment.apps/api replaced\n');
    let d = await getJson(ns, 'deployment/api');
    assert.equal(containers(d)[0].image, 'nginx:1.28');
    assert.ok(managers(d).includes('kubectl-replace/Update'), managers(d).join());

    const stale = await kite.kubectl(['replace', '-f', '-'], { input: live });
    assert.equal(stale.code, 1);
    assert.equal(
      stale.stderr,
      'Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "api": the object has been modified; please apply your changes to the latest version and try again\n',
    );

    // Without a resourceVersion the file replaces whatever is there; fields it lacks go back to defaults.
    assert.equal(await kite.k(['replace', '-f', '-'], SSA_DEPLOYMENT(ns, 5).replace('        ports:\n        - {containerPort: 8080, protocol: TCP}\n', '')), 'deployment.apps/api replaced\n');
    d = await getJson(ns, 'deployment/api');
    assert.equal(d.spec.replicas, 5);
    assert.equal(containers(d)[0].ports, undefined);
    assert.equal(containers(d)[0].image, 'nginx:1.27');

    const missing = await kite.kubectl(['replace', '-f', '-'], { input: SSA_DEPLOYMENT(ns, 1).replace('name: api', 'name: nope') });
    assert.equal(missing.code, 1);
    assert.equal(missing.stderr, 'Error from server (NotFound): error when replacing "STDIN": deployments.apps "nope" not found\n');

    const uid = d.metadata.uid;
    assert.equal(await kite.k(['replace', '--force', '-f', '-'], SSA_DEPLOYMENT(ns, 1)), 'deployment.apps "api" deleted\ndeployment.apps/api replaced\n');
    assert.notEqual((await getJson(ns, 'deployment/api')).metadata.uid, uid);
  });

  test('replace of a Service keeps its allocated cluster IP and node port', async () => {
    const svc = `apiVersion: v1\nkind: Service\nmetadata: {name: np, namespace: ${ns}}\nspec:\n  type: NodePort\n  selector: {app: api}\n  ports: [{name: http, port: 80}]\n`;
    await kite.k(['create', '-f', '-'], svc);
    const before_ = await getJson(ns, 'service/np');
    assert.equal(await kite.k(['replace', '-f', '-'], svc.replace('port: 80', 'port: 80, targetPort: 8080')), 'service/np replaced\n');
    const after_ = await getJson(ns, 'service/np');
    assert.equal(after_.spec.clusterIP, before_.spec.clusterIP);
    assert.deepEqual(after_.spec.clusterIPs, before_.spec.clusterIPs);
    assert.equal(after_.spec.ports[0].nodePort, before_.spec.ports[0].nodePort);
    assert.equal(after_.spec.ports[0].targetPort, 8080);
  });
});

describe('kubectl patch', () => {
  const ns = 'decl-patch';
  const patch = (type: string[], body: object) => kite.k(['-n', ns, 'patch', 'deployment', 'web', ...type, '-p', JSON.stringify(body)]);
  const containersPatch = (list: object[]) => ({ spec: { template: { spec: { containers: list } } } });
  before(async () => {
    await createNamespace(ns);
    await kite.k(['apply', '-f', '-'], DEPLOYMENT_V1(ns));
  });

  test('the default type is a strategic merge: containers and env merge by name', async () => {
    const out = await patch([], containersPatch([{ name: 'nginx', env: [{ name: 'B', value: '20' }, { name: 'D', value: '4' }] }]));
    assert.equal(out, 'deployment.apps/web patched\n');
    const d = await getJson(ns, 'deployment/web');
    assert.deepEqual(containers(d).map((c) => c.name), ['nginx', 'sidecar']);
    assert.deepEqual(byName(d, 'nginx').env, [
      { name: 'A', value: '1' },
      { name: 'B', value: '20' },
      { name: 'D', value: '4' },
    ]);
    assert.equal(byName(d, 'sidecar').image, 'busybox:1.36');
    assert.ok(managers(d).includes('kubectl-patch/Update'), managers(d).join());
  });

  test('--type strategic: $patch delete, $setElementOrder, $patch replace, null, and no change', async () => {
    const strategic = ['--type', 'strategic'];
    await patch(strategic, containersPatch([{ name: 'nginx', env: [{ name: 'A', $patch: 'delete' }] }]));
    let d = await getJson(ns, 'deployment/web');
    assert.deepEqual(byName(d, 'nginx').env!.map((e) => e.name), ['B', 'D']);

    await patch(strategic, {
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }], containers: [{ name: 'sidecar', image: 'busybox:1.37' }] } } },
    });
    d = await getJson(ns, 'deployment/web');
    assert.deepEqual(containers(d).map((c) => c.name), ['sidecar', 'nginx']);
    assert.equal(byName(d, 'sidecar').image, 'busybox:1.37');

    await patch(strategic, containersPatch([{ name: 'nginx', env: [{ name: 'Z', value: 'only' }, { $patch: 'replace' }] }]));
    assert.deepEqual(byName(await getJson(ns, 'deployment/web'), 'nginx').env, [{ name: 'Z', value: 'only' }]);

    await patch(strategic, containersPatch([{ name: 'sidecar', command: null }]));
    assert.equal(byName(await getJson(ns, 'deployment/web'), 'sidecar').command, undefined);

    await patch(strategic, containersPatch([{ name: 'sidecar', $patch: 'delete' }]));
    assert.deepEqual(containers(await getJson(ns, 'deployment/web')).map((c) => c.name), ['nginx']);

    assert.equal(await patch(strategic, containersPatch([{ name: 'nginx', image: 'nginx:1.27' }])), 'deployment.apps/web patched (no change)\n');
  });

  test('--type merge replaces the whole containers list', async () => {
    await patch(['--type', 'merge'], containersPatch([{ name: 'solo', image: 'nginx:1.29' }]));
    const d = await getJson(ns, 'deployment/web');
    assert.deepEqual(containers(d).map((c) => c.name), ['solo']);
    assert.equal(byName(d, 'solo').env, undefined);
    assert.equal(byName(d, 'solo').imagePullPolicy, 'IfNotPresent');
  });

  test('a strategic patch that makes the object invalid is refused as Kubernetes words it', async () => {
    const r = await kite.kubectl(['-n', ns, 'patch', 'deployment', 'web', '-p', JSON.stringify(containersPatch([{ name: 'solo', ports: [{ containerPort: 70000 }] }]))]);
    assert.equal(r.code, 1);
    assert.equal(
      r.stderr,
      'The Deployment "web" is invalid: spec.template.spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive\n',
    );
  });
});
