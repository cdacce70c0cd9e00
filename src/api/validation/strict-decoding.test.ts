import assert from 'node:assert/strict';
import { describe, test } from 'node:test';

import { SchemaNode } from '../openapi/schema.js';
import {
  duplicateFields,
  duplicateYamlKeys,
  fieldValidationDirective,
  strictDecodingError,
  strictJsonErrors,
  strictObjectErrors,
  strictPatchError,
  unknownFields,
  warningHeaderValues,
  yamlDuplicateKeyError,
} from './index.js';
import { goSprintV } from './go-value.js';

const deploymentSchema = SchemaNode.forKind('apps', 'v1', 'Deployment')!;
const crdSchema = SchemaNode.forKind('apiextensions.k8s.io', 'v1', 'CustomResourceDefinition')!;

describe('unknownFields', () => {
  const cases: [string, unknown, string[]][] = [
    ['known fields', { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x' }, spec: { replicas: 1 } }, []],
    ['top level', { spec: {}, extra: 1 }, ['extra']],
    ['nested', { spec: { replicass: 2 } }, ['spec.replicass']],
    [
      'inside a list',
      { spec: { template: { spec: { containers: [{ name: 'a', image: 'x' }, { name: 'b', imagee: 'y' }] } } } },
      ['spec.template.spec.containers[1].imagee'],
    ],
    ['map values are free keys', { metadata: { labels: { anything: 'x' }, annotations: { 'a/b': 'c' } } }, []],
    ['managedFields fieldsV1 is raw', { metadata: { managedFields: [{ manager: 'm', fieldsV1: { 'f:spec': {} } }] } }, []],
    ['document order', { zz: 1, spec: { b: 1 }, aa: 2 }, ['zz', 'spec.b', 'aa']],
  ];
  for (const [name, obj, want] of cases) test(name, () => assert.deepEqual(unknownFields(obj, deploymentSchema), want));

  test('free-form JSON inside CRD schemas', () => {
    const crd = { spec: { versions: [{ name: 'v1', schema: { openAPIV3Schema: { type: 'object', default: { any: 1 }, properties: { a: { typo: 1 } } } } }] } };
    assert.deepEqual(unknownFields(crd, crdSchema), ['spec.versions[0].schema.openAPIV3Schema.properties.a.typo']);
  });

  test('empty structs reject every key', () => {
    const crd = { spec: { versions: [{ name: 'v1', subresources: { status: { x: 1 } } }] } };
    assert.deepEqual(unknownFields(crd, crdSchema), ['spec.versions[0].subresources.status.x']);
  });
});

describe('duplicate fields', () => {
  test('JSON paths of repeated keys', () => {
    const raw = '{"metadata":{"name":"a","name":"b","labels":{"x":"1","x":"2"}},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"i","image":"j"}]}}}}';
    assert.deepEqual(duplicateFields(raw), ['metadata.name', 'metadata.labels.x', 'spec.template.spec.containers[0].image']);
  });

  test('not JSON: nothing to report', () => assert.deepEqual(duplicateFields('{"a":'), []));

  test('strict errors of a JSON body, in document order', () => {
    const raw = '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"a","name":"b"},"spec":{"replicass":1,"replicas":1,"replicas":2}}';
    assert.deepEqual(strictJsonErrors(raw, deploymentSchema), [
      'duplicate field "metadata.name"',
      'unknown field "spec.replicass"',
      'duplicate field "spec.replicas"',
    ]);
  });

  test('an unknown repeated key is reported once', () => {
    assert.deepEqual(strictJsonErrors('{"foo":1,"foo":2}', deploymentSchema), ['unknown field "foo"']);
  });

  test('strict errors of a decoded object', () => {
    assert.deepEqual(strictObjectErrors({ spec: { paused: true, pause: true } }, deploymentSchema), ['unknown field "spec.pause"']);
  });

  test('YAML repeated keys', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  name: b\ndata:\n  x: "1"\n  x: "2"\n';
    assert.deepEqual(duplicateYamlKeys(text), [
      { line: 5, key: '"name"' },
      { line: 8, key: '"x"' },
    ]);
    assert.equal(
      yamlDuplicateKeyError(text),
      'error converting YAML to JSON: yaml: unmarshal errors:\n  line 5: key "name" already set in map\n  line 8: key "x" already set in map',
    );
    assert.equal(yamlDuplicateKeyError('a: 1\nb: 2\n'), undefined);
  });
});

describe('wire formats', () => {
  test('Strict create: 400 naming the body kind and version', () => {
    const err = strictDecodingError('Deployment', 'v1', 'Deployment', ['unknown field "spec.replicass"', 'duplicate field "metadata.name"']);
    const status = err.toStatus();
    assert.equal(status.code, 400);
    assert.equal(status.reason, 'BadRequest');
    assert.equal(
      status.message,
      'Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass", duplicate field "metadata.name"',
    );
  });

  test('Strict patch: 422 with an empty kind', () => {
    const err = strictPatchError(goSprintV({ spec: { replicass: 2 } }), ['unknown field "spec.replicass"']);
    const status = err.toStatus();
    assert.equal(status.code, 422);
    assert.equal(status.message, ' "" is invalid: patch: Invalid value: "map[spec:map[replicass:2]]": strict decoding error: unknown field "spec.replicass"');
    assert.deepEqual(status.details?.causes, [
      { reason: 'FieldValueInvalid', message: 'Invalid value: "map[spec:map[replicass:2]]": strict decoding error: unknown field "spec.replicass"', field: 'patch' },
    ]);
  });

  test('Warn: one header per error, YAML errors split by line', () => {
    assert.deepEqual(
      warningHeaderValues([
        'error converting YAML to JSON: yaml: unmarshal errors:\n  line 5: key "name" already set in map\n  line 8: key "x" already set in map',
        'unknown field "spec.foo"',
        'unknown field "spec.foo"',
      ]),
      ['299 - "line 5: key \\"name\\" already set in map"', '299 - "line 8: key \\"x\\" already set in map"', '299 - "unknown field \\"spec.foo\\""'],
    );
  });

  test('the fieldValidation parameter', () => {
    assert.equal(fieldValidationDirective(undefined, 'CreateOptions'), 'Warn');
    assert.equal(fieldValidationDirective('', 'CreateOptions'), 'Warn');
    assert.equal(fieldValidationDirective('Strict', 'CreateOptions'), 'Strict');
    const err = fieldValidationDirective('strict', 'PatchOptions');
    assert.ok(typeof err !== 'string');
    assert.equal(
      err.toStatus().message,
      'PatchOptions.meta.k8s.io "" is invalid: fieldValidation: Unsupported value: "strict": supported values: "", "Ignore", "Strict", "Warn"',
    );
  });
});
