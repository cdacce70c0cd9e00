import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SchemaNode } from '../openapi/schema.js';
import { QUANTITY_FORMAT_ERROR, QUANTITY_SUFFIX_ERROR } from '../quantity.js';
import { jsonTypeError } from './json-types.js';

const pod = (resources: unknown) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'a', image: 'nginx', resources }] } });
const podSchema = () => SchemaNode.forKind('', 'v1', 'Pod')!;

test('a value of the wrong JSON type is reported as encoding/json words it', () => {
  const bad = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', labels: { a: true } } };
  assert.equal(jsonTypeError(bad, podSchema()), 'json: cannot unmarshal bool into Go struct field ObjectMeta.metadata.labels of type string');
});

test('resource quantities must parse, as Quantity.UnmarshalJSON requires', () => {
  assert.equal(jsonTypeError(pod({ limits: { cpu: '500m', memory: '1Gi' }, requests: { cpu: 0.5 } }), podSchema()), undefined);
  assert.equal(jsonTypeError(pod({ limits: { cpu: 'abc' } }), podSchema()), QUANTITY_FORMAT_ERROR);
  assert.equal(jsonTypeError(pod({ requests: { memory: '1Kii' } }), podSchema()), QUANTITY_SUFFIX_ERROR);
  assert.equal(jsonTypeError(pod({ limits: { cpu: null } }), podSchema()), undefined);
  assert.equal(jsonTypeError(pod({ limits: { cpu: true } }), podSchema()), 'json: cannot unmarshal bool into Go struct field ResourceRequirements.spec.containers.resources.limits of type resource.Quantity');
});
