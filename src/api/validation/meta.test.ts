import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { fieldErrorString, invalid } from '../errors.js';
import type { KubeObject } from '../meta.js';
import { build, configMap, deployment } from './fixtures.js';
import { validateObject, validateObjectUpdate } from './index.js';

const msgs = (errs: { type: string; field: string }[]) => errs.map((e) => fieldErrorString(e as never));
type Edit = (o: KubeObject & Record<string, unknown>) => void;
const md = (o: KubeObject) => o.metadata as Record<string, unknown>;

describe('ObjectMeta on create', () => {
  const cases: [string, Edit, string[]][] = [
    ['valid', () => {}, []],
    ['name required', (o) => delete md(o).name, ['metadata.name: Required value: name or generateName is required']],
    // The store generates the name from generateName before validating.
    ['generateName with a generated name', (o) => (md(o).generateName = 'cfg-'), []],
    [
      'generateName not a DNS subdomain prefix',
      (o) => (md(o).generateName = 'Cfg-'),
      [
        "metadata.generateName: Invalid value: \"Cfg-\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    [
      'name not a DNS subdomain',
      (o) => (md(o).name = 'Cfg_1'),
      [
        "metadata.name: Invalid value: \"Cfg_1\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
      ],
    ],
    ['namespace required', (o) => delete md(o).namespace, ['metadata.namespace: Required value']],
    [
      'label key',
      (o) => (md(o).labels = { 'a/b/c': 'x' }),
      [
        "metadata.labels: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
      ],
    ],
    [
      'annotation key',
      (o) => (md(o).annotations = { '-bad': 'x' }),
      [
        "metadata.annotations: Invalid value: \"-bad\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
      ],
    ],
    ['annotations too large', (o) => (md(o).annotations = { big: 'x'.repeat(256 * 1024) }), ['metadata.annotations: Too long: may not be more than 262144 bytes']],
    [
      'owner reference fields required',
      (o) => (md(o).ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: '', uid: '' }]),
      ['metadata.ownerReferences.name: Invalid value: "": name must not be empty', 'metadata.ownerReferences.uid: Invalid value: "": uid must not be empty'],
    ],
    [
      'two controllers',
      (o) =>
        (md(o).ownerReferences = [
          { apiVersion: 'v1', kind: 'A', name: 'a', uid: '1', controller: true },
          { apiVersion: 'v1', kind: 'B', name: 'b', uid: '2', controller: true },
        ]),
      [
        'metadata.ownerReferences: Invalid value: []v1.OwnerReference{v1.OwnerReference{APIVersion:"v1", Kind:"A", Name:"a", UID:"1", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}, v1.OwnerReference{APIVersion:"v1", Kind:"B", Name:"b", UID:"2", Controller:(*bool)(0xc000000000), BlockOwnerDeletion:(*bool)(nil)}}: Only one reference can have Controller set to true. Found "true" in references for A/a and B/b',
      ],
    ],
    [
      'finalizer not qualified',
      (o) => (md(o).finalizers = ['bad finalizer']),
      [
        "metadata.finalizers: Invalid value: \"bad finalizer\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
        'metadata.finalizers[0]: Invalid value: "bad finalizer": name is neither a standard finalizer name nor is it fully qualified',
      ],
    ],
    [
      'unprefixed finalizer not standard',
      (o) => (md(o).finalizers = ['custom']),
      ['metadata.finalizers[0]: Invalid value: "custom": name is neither a standard finalizer name nor is it fully qualified'],
    ],
    ['standard finalizers', (o) => (md(o).finalizers = ['kubernetes', 'foregroundDeletion', 'example.com/cleanup']), []],
    [
      'orphan with foreground deletion',
      (o) => (md(o).finalizers = ['orphan', 'foregroundDeletion']),
      ['metadata.finalizers: Invalid value: []string{"orphan", "foregroundDeletion"}: finalizer orphan and foregroundDeletion cannot be both set'],
    ],
    [
      'an Event cannot own',
      (o) => (md(o).ownerReferences = [{ apiVersion: 'v1', kind: 'Event', name: 'e', uid: '1' }]),
      [
        'metadata.ownerReferences: Invalid value: v1.OwnerReference{APIVersion:"v1", Kind:"Event", Name:"e", UID:"1", Controller:(*bool)(nil), BlockOwnerDeletion:(*bool)(nil)}: /v1, Kind=Event is disallowed from being an owner',
      ],
    ],
  ];
  for (const [name, edit, want] of cases) {
    test(name, () => assert.deepEqual(msgs(validateObject(build(configMap(), edit))), want));
  }
});

// The registry's common checks and the kind's ValidateUpdate both run the metadata update
// rules, so Kubernetes lists each of these causes twice; compare the distinct messages.
const uniq = (xs: string[]) => [...new Set(xs)];

describe('ObjectMeta on update', () => {
  const cases: [string, Edit, string[]][] = [
    ['unchanged', () => {}, []],
    ['name immutable', (o) => (md(o).name = 'other'), ['metadata.name: Invalid value: "other": field is immutable']],
    ['uid immutable', (o) => (md(o).uid = 'x'), ['metadata.uid: Invalid value: "x": field is immutable']],
    [
      'creationTimestamp immutable',
      (o) => (md(o).creationTimestamp = '2024-02-02T10:00:00Z'),
      ['metadata.creationTimestamp: Invalid value: 2024-02-02 10:00:00 +0000 UTC: field is immutable'],
    ],
    ['resourceVersion required', (o) => delete md(o).resourceVersion, ['metadata.resourceVersion: Invalid value: "": must be specified for an update']],
    ['generation decremented', (o) => (md(o).generation = 0), ['metadata.generation: Invalid value: 0: must not be decremented']],
  ];
  for (const [name, edit, want] of cases) {
    test(name, () => {
      const old = configMap();
      assert.equal(validateObjectUpdate(build(old, edit), old).length, want.length * 2);
      assert.deepEqual(uniq(msgs(validateObjectUpdate(build(old, edit), old))), want);
    });
  }

  test('no new finalizers while deleting', () => {
    const old = build(configMap(), (o) => (md(o).deletionTimestamp = '2024-01-02T00:00:00Z'));
    const next = build(old, (o) => (md(o).finalizers = ['example.com/b', 'example.com/a']));
    assert.deepEqual(uniq(msgs(validateObjectUpdate(next, old))), [
      'metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{"example.com/a", "example.com/b"}',
    ]);
  });
});

describe('the 422 built from the errors', () => {
  test('one cause per error, repeated messages shown once', () => {
    const d = build(deployment(), (o) => (md(o).labels = { 'a/b/c': 'x' }));
    const old = deployment();
    const errs = validateObjectUpdate(d, build(old, (o) => (md(o).labels = { 'a/b/c': 'x' })));
    const err = invalid({ group: 'apps', kind: 'Deployment' }, 'web', errs);
    assert.equal(err.toStatus().details?.causes?.length, errs.length);
    assert.ok(errs.length > 1, 'ObjectMeta label errors are reported by both the create and update checks');
    assert.equal(err.message.match(/metadata\.labels/g)?.length, 1);
    assert.match(err.message, /^Deployment\.apps "web" is invalid: metadata\.labels: Invalid value: "a\/b\/c"/);
  });
});
