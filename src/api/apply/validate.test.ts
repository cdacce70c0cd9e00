import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SchemaNode } from '../openapi/schema.js';
import { atomOf } from './schema-types.js';
import { schemaErrorsString, validateApplied } from './validate.js';

const service = atomOf(SchemaNode.forKind('', 'v1', 'Service')!);
const deployment = atomOf(SchemaNode.forKind('apps', 'v1', 'Deployment')!);

const cases: { name: string; atom: typeof service; value: unknown; want: string | undefined }[] = [
  {
    name: 'a valid configuration',
    atom: service,
    value: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }], selector: { a: 'b' } } },
    want: undefined,
  },
  {
    name: 'an undeclared field',
    atom: service,
    value: { spec: { topologyKeys: ['x'] } },
    want: '.spec.topologyKeys: field not declared in schema',
  },
  {
    name: 'a list element without its key',
    atom: service,
    value: { spec: { ports: [{ name: 'http' }] } },
    want: '.spec.ports: element 0: associative list with keys has an element that omits key field "port" (and doesn\'t have default value)',
  },
  {
    name: 'duplicate keys',
    atom: deployment,
    value: { spec: { template: { spec: { containers: [{ name: 'a' }, { name: 'a' }] } } } },
    want: '.spec.template.spec.containers: duplicate entries for key [name="a"]',
  },
  {
    name: 'errors inside keyed elements carry the key in the path',
    atom: deployment,
    value: { spec: { template: { spec: { containers: [{ name: 'a', ports: [{ containerPort: 80, bogus: 1 }] }] } } } },
    want: '.spec.template.spec.containers[name="a"].ports[containerPort=80,protocol="TCP"].bogus: field not declared in schema',
  },
  {
    name: 'a scalar of the wrong type',
    atom: deployment,
    value: { spec: { replicas: 'three' } },
    want: '.spec.replicas: expected numeric (int or float), got string',
  },
  {
    name: 'several errors',
    atom: deployment,
    value: { spec: { replicas: 'x', paused: 'yes' } },
    want: 'errors:\n  .spec.replicas: expected numeric (int or float), got string\n  .spec.paused: expected boolean, got &{yes}',
  },
];

for (const c of cases) {
  test(`validateApplied: ${c.name}`, () => {
    const errs = validateApplied(c.value, c.atom);
    assert.equal(errs.length > 0 ? schemaErrorsString(errs) : undefined, c.want);
  });
}
