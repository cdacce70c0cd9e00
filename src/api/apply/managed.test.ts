import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FieldSet } from './field-set.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  Managed,
  ManagedFieldsError,
  managerIdentifier,
  normalizeTime,
  type ManagedFieldsEntry,
} from './managed.js';

const identifiers: { info: Parameters<typeof managerIdentifier>[0]; want: string }[] = [
  { info: { manager: 'kubectl', operation: 'Apply', apiVersion: 'apps/v1' }, want: '{"manager":"kubectl","operation":"Apply"}' },
  {
    info: { manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1' },
    want: '{"manager":"kubectl-create","operation":"Update","apiVersion":"apps/v1"}',
  },
  {
    info: { manager: 'kubelet', operation: 'Update', apiVersion: 'v1', subresource: 'status' },
    want: '{"manager":"kubelet","operation":"Update","apiVersion":"v1","subresource":"status"}',
  },
  { info: { manager: 'a<b', operation: 'Apply' }, want: '{"manager":"a\\u003cb","operation":"Apply"}' },
];

for (const c of identifiers) {
  test(`manager identifier ${c.want}`, () => assert.equal(managerIdentifier(c.info), c.want));
}

const entry = (e: Partial<ManagedFieldsEntry>): ManagedFieldsEntry => ({
  manager: 'm',
  operation: 'Update',
  apiVersion: 'v1',
  fieldsType: 'FieldsV1',
  fieldsV1: { 'f:spec': { 'f:x': {} } },
  ...e,
});

const badEntries: { name: string; entries: unknown; message: string }[] = [
  { name: 'a bad operation', entries: [entry({ operation: 'Patch' })], message: 'operation must be `Apply` or `Update`' },
  { name: 'no apiVersion', entries: [entry({ apiVersion: '' })], message: 'apiVersion must not be empty' },
  { name: 'no fieldsType', entries: [entry({ fieldsType: undefined })], message: 'missing fieldsType in managed fields entry 0' },
  { name: 'another fieldsType', entries: [entry({}), entry({ fieldsType: 'FieldsV2' })], message: 'invalid fieldsType "FieldsV2" in managed fields entry 1' },
  { name: 'a malformed key', entries: [entry({ fieldsV1: { 'k:{': {} } })], message: 'error decoding versioned set' },
  { name: 'not a list', entries: { a: 1 }, message: 'managedFields must be a list' },
];

for (const c of badEntries) {
  test(`decoding managedFields with ${c.name} fails`, () => {
    assert.throws(() => decodeManagedFields(c.entries), (err: unknown) => err instanceof ManagedFieldsError && err.message.includes(c.message));
  });
}

test('decode then encode: sorted by operation, time, manager, apiVersion, subresource', () => {
  const entries: ManagedFieldsEntry[] = [
    entry({ manager: 'b', time: '2024-01-01T00:00:02Z' }),
    entry({ manager: 'a', time: '2024-01-01T00:00:02Z' }),
    entry({ manager: 'z', time: '2024-01-01T00:00:01Z' }),
    entry({ manager: 'kubectl', operation: 'Apply', time: '2024-01-01T00:00:09Z' }),
    entry({ manager: 'a', time: '2024-01-01T00:00:02Z', subresource: 'status' }),
    entry({ manager: 'n' }),
  ];
  const out = encodeManagedFields(decodeManagedFields(entries))!;
  assert.deepEqual(
    out.map((e) => [e.operation, e.manager, e.subresource ?? '']),
    [
      ['Apply', 'kubectl', ''],
      ['Update', 'n', ''],
      ['Update', 'z', ''],
      ['Update', 'a', ''],
      ['Update', 'a', 'status'],
      ['Update', 'b', ''],
    ],
  );
  // Go's field order.
  assert.deepEqual(Object.keys(out[4]!), ['manager', 'operation', 'apiVersion', 'time', 'fieldsType', 'fieldsV1', 'subresource']);
});

test('Apply entries keep their apiVersion though it is not part of the identity', () => {
  const m = decodeManagedFields([entry({ manager: 'k', operation: 'Apply', apiVersion: 'apps/v1' })]);
  assert.deepEqual([...m.fields.keys()], ['{"manager":"k","operation":"Apply"}']);
  assert.equal(encodeManagedFields(m)![0]!.apiVersion, 'apps/v1');
});

test('a missing fieldsV1 is the empty set', () => {
  const m = decodeManagedFields([entry({ fieldsV1: undefined })]);
  assert.ok([...m.fields.values()][0]!.set.empty);
});

test('nothing to encode is undefined', () => {
  assert.equal(encodeManagedFields(new Managed()), undefined);
  assert.equal(decodeManagedFields(undefined).fields.size, 0);
});

test('client entries are re-encoded in canonical order', () => {
  const m = decodeManagedFields([entry({ fieldsV1: { 'f:b': {}, 'f:a': {} } })]);
  assert.deepEqual(Object.keys(encodeManagedFields(m)![0]!.fieldsV1!), ['f:a', 'f:b']);
  const s = [...m.fields.values()][0]!.set;
  assert.ok(s.equals(FieldSet.fromPaths([['f:a'], ['f:b']])));
});

test('times are stored to the second in UTC', () => {
  assert.equal(normalizeTime('2024-05-01T10:00:00.987Z'), '2024-05-01T10:00:00Z');
  assert.equal(normalizeTime('2024-05-01T12:00:00+02:00'), '2024-05-01T10:00:00Z');
});
