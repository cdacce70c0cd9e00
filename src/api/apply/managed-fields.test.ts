import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KubeObject } from '../meta.js';
import { FieldSet } from './field-set.js';
import { ignoreManagedFieldsTimestamps, managerFromUserAgent, updateManagedFields, type UpdateManagedFieldsOptions } from './managed-fields.js';
import { DEPLOYMENT, POD, T0, T1, T2, deployment, entries, entryOf, managers, owned, stored } from './testing.js';

const opts = (manager: string, time: string, extra: Partial<UpdateManagedFieldsOptions> = {}): UpdateManagedFieldsOptions => ({
  manager,
  operation: 'Update',
  time,
  schema: DEPLOYMENT,
  ...extra,
});

/** Creates obj as `manager` and returns it as stored. */
function create(obj: KubeObject, manager: string, time = T0): KubeObject {
  updateManagedFields(undefined, obj, opts(manager, time, obj.kind === 'Pod' ? { schema: POD } : {}));
  return stored(obj);
}

/** Writes next over old as `manager` and returns it. */
function update(old: KubeObject, next: KubeObject, manager: string, time: string, extra: Partial<UpdateManagedFieldsOptions> = {}): KubeObject {
  const out = structuredClone(next);
  out.metadata = { ...old.metadata, ...out.metadata };
  if (!('managedFields' in next.metadata)) delete out.metadata.managedFields;
  updateManagedFields(old, out, opts(manager, time, extra));
  return out;
}

test('create: the example from the brief, byte for byte', () => {
  const pod: KubeObject = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'nginx', image: 'nginx' }] },
  };
  updateManagedFields(undefined, pod, opts('kubectl-run', '2024-05-01T10:00:00.5Z', { schema: POD }));
  assert.deepEqual(pod.metadata.managedFields, [
    {
      manager: 'kubectl-run',
      operation: 'Update',
      apiVersion: 'v1',
      time: '2024-05-01T10:00:00Z',
      fieldsType: 'FieldsV1',
      fieldsV1: {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
      },
    },
  ]);
  assert.equal(
    JSON.stringify(pod.metadata.managedFields![0] && (pod.metadata.managedFields[0] as { fieldsV1: unknown }).fieldsV1),
    '{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"nginx\\"}":{".":{},"f:image":{},"f:name":{}}}}}',
  );
});

test('create: value structs of the Go type get no ".", nil maps and pointers do', () => {
  const d = create(deployment({ replicas: 2, extra: { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } } } }), 'kubectl-create');
  assert.deepEqual(entryOf(d, 'kubectl-create')!.fieldsV1, {
    'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
    'f:spec': {
      'f:replicas': {},
      'f:selector': {},
      'f:strategy': { 'f:rollingUpdate': { '.': {}, 'f:maxSurge': {} }, 'f:type': {} },
      'f:template': {
        'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
        'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { '.': {}, 'f:image': {}, 'f:name': {} } } },
      },
    },
  });
});

test('identity and server fields are never owned', () => {
  const d = deployment();
  d.metadata.uid = 'x';
  d.metadata.generation = 3;
  d.metadata.resourceVersion = '7';
  updateManagedFields(undefined, d, opts('m', T0));
  const paths = owned(d, 'm');
  for (const p of ['.apiVersion', '.kind', '.metadata.name', '.metadata.namespace', '.metadata.uid', '.metadata.generation', '.metadata.resourceVersion']) {
    assert.ok(!paths.includes(p), p);
  }
});

const updates: {
  name: string;
  change: (d: KubeObject) => void;
  manager: string;
  want: Record<string, string[]>;
  times: Record<string, string>;
}[] = [
  {
    name: 'a changed field moves to the writer; the creator keeps its time',
    change: (d) => ((d.spec as { replicas: number }).replicas = 5),
    manager: 'kubectl-scale',
    want: { 'kubectl-create': ['.metadata.labels', '.metadata.labels.app'], 'kubectl-scale': ['.spec.replicas'] },
    times: { 'kubectl-create': T0, 'kubectl-scale': T1 },
  },
  {
    name: 'an unchanged write changes nothing',
    change: () => {},
    manager: 'kubectl-edit',
    want: { 'kubectl-create': ['.metadata.labels', '.metadata.labels.app', '.spec.replicas'] },
    times: { 'kubectl-create': T0 },
  },
  {
    name: 'a removed field leaves every entry; an emptied entry disappears',
    change: (d) => delete (d.spec as { replicas?: number }).replicas,
    manager: 'kubectl-edit',
    want: { 'kubectl-create': ['.metadata.labels', '.metadata.labels.app'] },
    times: { 'kubectl-create': T0 },
  },
  {
    name: 'a new label: the map is the creator\'s, the key the writer\'s',
    change: (d) => (d.metadata.labels!.tier = 'web'),
    manager: 'kubectl-label',
    want: { 'kubectl-create': ['.metadata.labels', '.metadata.labels.app', '.spec.replicas'], 'kubectl-label': ['.metadata.labels.tier'] },
    times: { 'kubectl-create': T0, 'kubectl-label': T1 },
  },
];

for (const c of updates) {
  test(`update: ${c.name}`, () => {
    const base: KubeObject = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
      spec: { replicas: 1 },
    };
    const old = create(base, 'kubectl-create');
    const next = structuredClone(old);
    delete next.metadata.managedFields;
    c.change(next);
    const got = update(old, next, c.manager, T1);
    const want = Object.fromEntries(Object.entries(c.want).map(([m, paths]) => [m, paths]));
    assert.deepEqual(Object.fromEntries(entries(got).map((e) => [e.manager, owned(got, e.manager!)])), want);
    assert.deepEqual(Object.fromEntries(entries(got).map((e) => [e.manager, e.time])), c.times);
  });
}

test('the same manager writing again merges into its entry and takes the new time', () => {
  let d = create(deployment({ replicas: 1 }), 'a');
  const n1 = structuredClone(d);
  (n1.spec as { replicas: number }).replicas = 2;
  d = update(d, n1, 'b', T1);
  const n2 = structuredClone(d);
  n2.metadata.labels!.x = 'y';
  d = update(d, n2, 'b', T2);
  assert.deepEqual(owned(d, 'b'), ['.metadata.labels.x', '.spec.replicas']);
  assert.equal(entryOf(d, 'b')!.time, T2);
  assert.deepEqual(managers(d), ['a/Update', 'b/Update']);
});

test('client managedFields that decode are kept (kubectl\'s CSA → SSA migration patch)', () => {
  const old = create(deployment({ replicas: 1 }), 'kubectl-client-side-apply');
  const next = structuredClone(old);
  const csa = entryOf(old, 'kubectl-client-side-apply')!;
  next.metadata.managedFields = [{ ...csa, manager: 'kubectl', operation: 'Apply' }];
  const got = update(old, next, 'kubectl', T1);
  assert.deepEqual(managers(got), ['kubectl/Apply']);
  assert.deepEqual(entryOf(got, 'kubectl')!.fieldsV1, csa.fieldsV1);
  assert.equal(entryOf(got, 'kubectl')!.time, T0, 'nothing changed, the time stays');
});

test('managedFields: [] clears them, and tracking does not restart on update', () => {
  const old = create(deployment({ replicas: 1 }), 'a');
  const next = structuredClone(old);
  next.metadata.managedFields = [];
  const cleared = update(old, next, 'b', T1);
  assert.equal(cleared.metadata.managedFields, undefined);
  const again = structuredClone(cleared);
  (again.spec as { replicas: number }).replicas = 3;
  assert.equal(update(cleared, again, 'c', T2).metadata.managedFields, undefined);
});

test('invalid client managedFields fall back to the live ones', () => {
  const old = create(deployment({ replicas: 1 }), 'a');
  const next = structuredClone(old);
  next.metadata.managedFields = [{ manager: 'x', operation: 'Patch', apiVersion: 'apps/v1', fieldsType: 'FieldsV1', fieldsV1: {} }];
  (next.spec as { replicas: number }).replicas = 2;
  const got = update(old, next, 'b', T1);
  assert.deepEqual(managers(got), ['a/Update', 'b/Update']);
});

test('a request without managedFields keeps the live ones', () => {
  const old = create(deployment({ replicas: 1 }), 'a');
  const next = structuredClone(old);
  delete next.metadata.managedFields;
  assert.deepEqual(update(old, next, 'b', T1).metadata.managedFields, old.metadata.managedFields);
});

test('subresource writes get their own entry and ignore client managedFields', () => {
  const old = create(deployment({ replicas: 1 }), 'kubectl-create');
  const next = structuredClone(old);
  next.status = { replicas: 1, readyReplicas: 1 };
  next.metadata.managedFields = [];
  const got = update(old, next, 'kube-controller-manager', T1, {
    subresource: 'status',
    ignoredFields: FieldSet.fromFieldNames(['spec'], ['metadata', 'labels']),
  });
  assert.deepEqual(managers(got), ['kubectl-create/Update', 'kube-controller-manager/Update/status']);
  assert.deepEqual(owned(got, 'kube-controller-manager'), ['.status.readyReplicas', '.status.replicas']);
});

test('reset fields are nobody\'s: a spec write does not take status', () => {
  const old = create(deployment({ replicas: 1 }), 'kubectl-create');
  const next = structuredClone(old);
  next.status = { replicas: 9 };
  (next.spec as { replicas: number }).replicas = 2;
  const got = update(old, next, 'kubectl-edit', T1, { ignoredFields: FieldSet.fromFieldNames(['status']) });
  assert.deepEqual(owned(got, 'kubectl-edit'), ['.spec.replicas']);
});

test('an existing object without managedFields is not tracked on update', () => {
  const old = stored(deployment({ replicas: 1 }));
  const next = structuredClone(old);
  (next.spec as { replicas: number }).replicas = 2;
  assert.equal(update(old, next, 'b', T1).metadata.managedFields, undefined);
});

test('more than 10 Update managers: the oldest merge into ancient-changes', () => {
  let d = create(deployment(), 'm00');
  for (let i = 1; i <= 11; i++) {
    const next = structuredClone(d);
    next.metadata.labels![`l${i}`] = 'x';
    d = update(d, next, `m${String(i).padStart(2, '0')}`, `2024-05-01T10:${String(i).padStart(2, '0')}:00Z`);
  }
  const got = managers(d);
  assert.equal(got.length, 10);
  assert.ok(got.includes('ancient-changes/Update'));
  assert.ok(!got.includes('m00/Update') && !got.includes('m01/Update') && !got.includes('m02/Update'));
  assert.deepEqual(owned(d, 'ancient-changes').filter((p) => p.startsWith('.metadata.labels.')).sort(), [
    '.metadata.labels.app',
    '.metadata.labels.l1',
    '.metadata.labels.l2',
  ]);
  assert.equal(entryOf(d, 'ancient-changes')!.time, '2024-05-01T10:02:00Z');
});

const agents: { ua: string; want: string }[] = [
  { ua: 'kubectl/v1.32.0 (linux/amd64) kubernetes/70d3cc9', want: 'kubectl' },
  { ua: 'kube-controller-manager/v1.32.0 (linux/amd64) kubernetes/70d3cc9/system:serviceaccount:kube-system:deployment-controller', want: 'kube-controller-manager' },
  { ua: 'Go-http-client/1.1', want: 'Go-http-client' },
  { ua: 'curl/8.5.0', want: 'curl' },
  { ua: 'my\tagent', want: 'myagent' },
  { ua: 'with space', want: 'with space' },
  { ua: '', want: '' },
  { ua: 'x'.repeat(200), want: 'x'.repeat(128) },
  { ua: 'é'.repeat(100), want: 'é'.repeat(64) },
];
for (const c of agents) test(`managerFromUserAgent(${JSON.stringify(c.ua.slice(0, 40))})`, () => assert.equal(managerFromUserAgent(c.ua), c.want));

test('ignoreManagedFieldsTimestamps restores times when nothing else changed', () => {
  const old = create(deployment({ replicas: 1 }), 'a');
  const next = structuredClone(old);
  (next.metadata.managedFields![0] as { time: string }).time = T2;
  ignoreManagedFieldsTimestamps(next, old);
  assert.deepEqual(next, old);

  const changed = structuredClone(old);
  (changed.metadata.managedFields![0] as { time: string }).time = T2;
  (changed.spec as { replicas: number }).replicas = 4;
  ignoreManagedFieldsTimestamps(changed, old);
  assert.equal((changed.metadata.managedFields![0] as { time: string }).time, T2);
});
