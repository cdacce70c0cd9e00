import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { parse as parseYaml } from 'yaml';
import { BUILTIN_RESOURCES } from '../../api/registry/index.js';
import { openMemory } from '../../storage/memory/index.js';
import { ApiResources } from '../api-resources.js';
import { OpenApiDocuments } from './documents.js';
import { type Decoded, decodeGnostic } from './v2-protobuf-decode.js';
import { toGnosticDocument } from './v2-protobuf.js';

type Json = Record<string, any>;
type Named = { name: string; value: Decoded };

const named = (list: unknown, name: string) => ((list ?? []) as Named[]).find((e) => e.name === name)?.value;
const names = (list: unknown) => ((list ?? []) as Named[]).map((e) => e.name);
/** vendor_extension entries as name -> parsed YAML. */
const extensions = (m: Decoded | undefined) => Object.fromEntries(((m?.vendor_extension ?? []) as Named[]).map((e) => [e.name, parseYaml(e.value.yaml as string)]));

const MINIMAL = { swagger: '2.0', info: { title: 't', version: 'v' }, paths: {} };

/** Compiles a document that gnostic accepts and decodes it back. */
function roundTrip(doc: object): Decoded {
  const { bytes, problems } = toGnosticDocument(doc);
  assert.deepEqual(problems, []);
  return decodeGnostic(bytes);
}

function operationDoc(op: object, extra: object = {}): object {
  return { ...MINIMAL, paths: { '/x': { get: { responses: { 200: { description: 'OK' } }, ...op } } }, ...extra };
}

describe('gnostic openapi.v2.Document from Swagger 2.0', () => {
  test('the smallest document has the bytes proto.Marshal gives it', () => {
    const { bytes, problems } = toGnosticDocument(MINIMAL);
    assert.deepEqual(problems, []);
    // swagger = 1 "2.0"; info = 2 {title = 1 "t", version = 2 "v"}; paths = 8, present and empty.
    assert.deepEqual([...bytes], [0x0a, 3, 0x32, 0x2e, 0x30, 0x12, 6, 0x0a, 1, 0x74, 0x12, 1, 0x76, 0x42, 0]);
  });

  test('parameters: each `in` picks its sub-schema; $ref is a JsonReference; body has its schema', () => {
    const doc = roundTrip(
      operationDoc({
        parameters: [
          { name: 'body', in: 'body', required: true, schema: { $ref: '#/definitions/T' } },
          { name: 'q', in: 'query', type: 'string', uniqueItems: true },
          { name: 'p', in: 'path', type: 'string', required: true },
          { name: 'h', in: 'header', type: 'integer', required: false },
          { name: 'f', in: 'formData', type: 'file' },
          { $ref: '#/parameters/shared' },
        ],
      }),
    );
    const op = (named((doc.paths as Decoded).path, '/x') as Decoded).get as Decoded;
    const [body, query, path, header, form, ref] = op.parameters as Decoded[];
    assert.deepEqual(body, { parameter: { body_parameter: { name: 'body', in: 'body', required: true, schema: { _ref: '#/definitions/T' } } } });
    assert.deepEqual(query, { parameter: { non_body_parameter: { query_parameter_sub_schema: { in: 'query', name: 'q', type: 'string', unique_items: true } } } });
    assert.deepEqual(path, { parameter: { non_body_parameter: { path_parameter_sub_schema: { required: true, in: 'path', name: 'p', type: 'string' } } } });
    // required: false is proto3's zero value: not written.
    assert.deepEqual(header, { parameter: { non_body_parameter: { header_parameter_sub_schema: { in: 'header', name: 'h', type: 'integer' } } } });
    assert.deepEqual(form, { parameter: { non_body_parameter: { form_data_parameter_sub_schema: { in: 'formData', name: 'f', type: 'file' } } } });
    assert.deepEqual(ref, { json_reference: { _ref: '#/parameters/shared' } });
  });

  test('responses: codes and default in order, $ref responses, extensions', () => {
    const doc = roundTrip(
      operationDoc({
        responses: { 200: { description: 'OK', schema: { type: 'array', items: { type: 'string' } } }, 404: { $ref: '#/responses/NotFound' }, default: { description: 'x' }, 'x-r': 1 },
      }),
    );
    const responses = ((named((doc.paths as Decoded).path, '/x') as Decoded).get as Decoded).responses as Decoded;
    assert.deepEqual(names(responses.response_code), ['200', '404', 'default']);
    assert.deepEqual(named(responses.response_code, '200'), {
      response: { description: 'OK', schema: { schema: { type: { value: ['array'] }, items: { schema: [{ type: { value: ['string'] } }] } } } },
    });
    assert.deepEqual(named(responses.response_code, '404'), { json_reference: { _ref: '#/responses/NotFound' } });
    assert.deepEqual(extensions(responses), { 'x-r': 1 });
  });

  test('schemas: additionalProperties as schema or boolean (false is written), type lists, enum, default', () => {
    const doc = roundTrip({
      ...MINIMAL,
      definitions: {
        A: {
          type: 'object',
          required: ['b', 'a'],
          properties: {
            b: { type: ['string', 'null'], enum: ['x', 1, true, null], default: 'x', maxLength: 3, minimum: 0.5 },
            a: { type: 'object', additionalProperties: false },
            c: { type: 'object', additionalProperties: { type: 'string' } },
            'x-not-an-extension': { type: 'boolean' },
          },
          'x-kubernetes-group-version-kind': [{ group: '', kind: 'A', version: 'v1' }],
        },
      },
    });
    const a = named((doc.definitions as Decoded).additional_properties, 'A') as Decoded;
    assert.deepEqual(a.required, ['b', 'a']);
    const props = (a.properties as Decoded).additional_properties;
    assert.deepEqual(names(props), ['b', 'a', 'c', 'x-not-an-extension']);
    const b = named(props, 'b') as Decoded;
    assert.deepEqual(b.type, { value: ['string', 'null'] });
    assert.deepEqual((b.enum as Decoded[]).map((e) => e.yaml), ['x\n', '1\n', 'true\n', 'null\n']);
    assert.deepEqual(b.default, { yaml: 'x\n' });
    assert.equal(b.max_length, 3);
    assert.equal(b.minimum, 0.5);
    assert.deepEqual((named(props, 'a') as Decoded).additional_properties, { boolean: false });
    assert.deepEqual((named(props, 'c') as Decoded).additional_properties, { schema: { type: { value: ['string'] } } });
    assert.deepEqual(extensions(a), { 'x-kubernetes-group-version-kind': [{ group: '', kind: 'A', version: 'v1' }] });
  });

  test('paths: only keys starting with / are paths; x- keys are extensions', () => {
    const doc = roundTrip({ ...MINIMAL, paths: { '/b': {}, 'x-p': 'v', '/a': {} } });
    assert.deepEqual(names((doc.paths as Decoded).path), ['/b', '/a']);
    assert.deepEqual(extensions(doc.paths as Decoded), { 'x-p': 'v' });
  });

  test('what gnostic rejects is reported with where it is, and the rest still encodes', () => {
    const { bytes, problems } = toGnosticDocument(
      operationDoc(
        { parameters: [{ name: 'body', in: 'body', required: true }], bogus: 1 },
        { definitions: { D: { type: 'object', maxLength: 1.5, nullable: true } } },
      ),
    );
    assert.deepEqual([...problems].sort(), [
      '$root.definitions.D has invalid property: nullable',
      '$root.definitions.D has unexpected value for maxLength',
      '$root.paths./x.get has invalid property: bogus',
      '$root.paths./x.get.parameters contains an invalid ParametersItem',
    ]);
    const doc = decodeGnostic(bytes);
    const op = (named((doc.paths as Decoded).path, '/x') as Decoded).get as Decoded;
    assert.deepEqual(op.parameters, [{}]);
    assert.deepEqual(named((doc.definitions as Decoded).additional_properties, 'D'), { type: { value: ['object'] } });
  });
});

describe('the /openapi/v2 document kite serves, as kubectl reads it', () => {
  let json: Json;
  let doc: Decoded;
  let problems: readonly string[];
  before(() => {
    const docs = new OpenApiDocuments(new ApiResources(BUILTIN_RESOURCES, openMemory()));
    json = JSON.parse(docs.v2()) as Json;
    const compiled = toGnosticDocument(json);
    problems = compiled.problems;
    doc = decodeGnostic(compiled.bytes);
  });

  test('gnostic accepts it, except body parameters, which lack the schema Kubernetes gives them', () => {
    let bodiesWithoutSchema = 0;
    for (const item of Object.values(json.paths) as Json[]) {
      for (const op of Object.values(item)) {
        for (const p of (op as Json).parameters ?? []) if (p.in === 'body' && !p.schema) bodiesWithoutSchema++;
      }
    }
    assert.equal(problems.length, bodiesWithoutSchema);
    for (const p of problems) assert.match(p, /^\$root\.paths\.\/\S+\.(post|put|patch|delete)\.parameters contains an invalid ParametersItem$/);
  });

  test('paths and definitions in document order', () => {
    assert.equal(doc.swagger, '2.0');
    assert.deepEqual(names((doc.paths as Decoded).path), Object.keys(json.paths));
    assert.deepEqual(names((doc.definitions as Decoded).additional_properties), Object.keys(json.definitions));
  });

  test("a deployment's patch operation: the GVK extension and the fieldValidation parameter", () => {
    const item = named((doc.paths as Decoded).path, '/apis/apps/v1/namespaces/{namespace}/deployments/{name}') as Decoded;
    const patch = item.patch as Decoded;
    assert.equal(patch.operation_id, 'patchAppsV1NamespacedDeployment');
    assert.deepEqual(extensions(patch), { 'x-kubernetes-action': 'patch', 'x-kubernetes-group-version-kind': { group: 'apps', version: 'v1', kind: 'Deployment' } });
    const queryNames = (patch.parameters as Decoded[]).map((p) => ((p.parameter as Decoded | undefined)?.non_body_parameter as Decoded | undefined)?.query_parameter_sub_schema as Decoded | undefined).map((q) => q?.name);
    assert.ok(queryNames.includes('fieldValidation'), String(queryNames));
    const pathParams = (item.parameters as Decoded[]).map((p) => (((p.parameter as Decoded).non_body_parameter as Decoded).path_parameter_sub_schema as Decoded | undefined)?.name);
    assert.deepEqual(pathParams.filter(Boolean), ['name', 'namespace']);
  });

  test("kubectl's QueryParamVerifier finds fieldValidation for built-in kinds", () => {
    assert.equal(supportsQueryParam(doc, { group: 'apps', version: 'v1', kind: 'Deployment' }, 'fieldValidation'), true);
    assert.equal(supportsQueryParam(doc, { group: '', version: 'v1', kind: 'Namespace' }, 'fieldValidation'), true);
    assert.equal(supportsQueryParam(doc, { group: '', version: 'v1', kind: 'ConfigMap' }, 'noSuchParam'), false);
    assert.equal(supportsQueryParam(doc, { group: 'example.com', version: 'v1', kind: 'Nope' }, 'fieldValidation'), undefined);
  });

  test("a definition's type, properties, required list, refs and extensions", () => {
    const spec = named((doc.definitions as Decoded).additional_properties, 'io.k8s.api.apps.v1.DeploymentSpec') as Decoded;
    assert.deepEqual(spec.type, { value: ['object'] });
    assert.deepEqual(spec.required, ['selector', 'template']);
    const props = (spec.properties as Decoded).additional_properties;
    assert.deepEqual(names(props), Object.keys(json.definitions['io.k8s.api.apps.v1.DeploymentSpec'].properties));
    const strategy = named(props, 'strategy') as Decoded;
    assert.equal(strategy._ref, '#/definitions/io.k8s.api.apps.v1.DeploymentStrategy');
    assert.deepEqual(extensions(strategy), { 'x-kubernetes-patch-strategy': 'retainKeys' });
    const podSpec = named((doc.definitions as Decoded).additional_properties, 'io.k8s.api.core.v1.PodSpec') as Decoded;
    const containers = named((podSpec.properties as Decoded).additional_properties, 'containers') as Decoded;
    assert.deepEqual(containers.type, { value: ['array'] });
    assert.deepEqual(containers.items, { schema: [{ _ref: '#/definitions/io.k8s.api.core.v1.Container' }] });
    assert.deepEqual(extensions(containers), { 'x-kubernetes-list-map-keys': ['name'], 'x-kubernetes-list-type': 'map', 'x-kubernetes-patch-merge-key': 'name', 'x-kubernetes-patch-strategy': 'merge' });
  });

  test('every definition reads back as its JSON (types, refs, properties, items, maps, extensions)', () => {
    for (const { name, value } of (doc.definitions as Decoded).additional_properties as Named[]) {
      sameSchema(value, json.definitions[name], name);
    }
  });

  test("kube-openapi's model parser (what validation and explain use) accepts every definition", () => {
    const defs = new Map(((doc.definitions as Decoded).additional_properties as Named[]).map((d) => [d.name, d.value]));
    for (const [name, schema] of defs) checkModel(schema, defs, name);
  });
});

/** cli-runtime's supportsQueryParam: the PATCH operation tagged with the GVK lists the
 *  parameter; undefined when no path has the GVK. */
function supportsQueryParam(doc: Decoded, gvk: { group: string; version: string; kind: string }, param: string): boolean | undefined {
  for (const { value } of (doc.paths as Decoded).path as Named[]) {
    const patch = value.patch as Decoded | undefined;
    const ext = ((patch?.vendor_extension ?? []) as Named[]).find((e) => e.name === 'x-kubernetes-group-version-kind');
    if (!ext) continue;
    const v = parseYaml(ext.value.yaml as string) as Record<string, string>;
    if (v.group !== gvk.group || v.version !== gvk.version || v.kind !== gvk.kind) continue;
    return ((patch!.parameters ?? []) as Decoded[]).some((p) => (((p.parameter as Decoded | undefined)?.non_body_parameter as Decoded | undefined)?.query_parameter_sub_schema as Decoded | undefined)?.name === param);
  }
  return undefined;
}

function sameSchema(got: Decoded | undefined, want: Json, where: string): void {
  assert.ok(got, `${where}: missing`);
  assert.equal(got._ref, want.$ref, `${where}: $ref`);
  assert.deepEqual(got.type, want.type === undefined ? undefined : { value: [want.type].flat() }, `${where}: type`);
  assert.equal(got.format, want.format, `${where}: format`);
  assert.deepEqual(got.required, want.required, `${where}: required`);
  const wantExt = Object.fromEntries(Object.entries(want).filter(([k]) => k.startsWith('x-')));
  assert.deepEqual(extensions(got), wantExt, `${where}: extensions`);
  if (want.properties) {
    const props = (got.properties as Decoded).additional_properties as Named[];
    assert.deepEqual(props.map((p) => p.name), Object.keys(want.properties), `${where}: properties`);
    for (const p of props) sameSchema(p.value, want.properties[p.name], `${where}.${p.name}`);
  } else {
    assert.equal(got.properties, undefined, `${where}: properties`);
  }
  if (want.items) sameSchema(((got.items as Decoded).schema as Decoded[])[0], want.items, `${where}[]`);
  if (typeof want.additionalProperties === 'boolean') assert.deepEqual(got.additional_properties, { boolean: want.additionalProperties });
  else if (want.additionalProperties) sameSchema((got.additional_properties as Decoded).schema as Decoded, want.additionalProperties, `${where}{}`);
}

/** kube-openapi pkg/util/proto NewOpenAPIData's rules for one schema. */
function checkModel(s: Decoded, defs: Map<string, Decoded>, where: string): void {
  const types = ((s.type as Decoded | undefined)?.value ?? []) as string[];
  if (s._ref) {
    assert.equal(types.length, 0, `${where}: a reference can't have a type`);
    assert.ok(!(s.properties as Decoded | undefined)?.additional_properties, `${where}: embedded type in a reference`);
    const ref = s._ref as string;
    assert.ok(ref.startsWith('#/definitions/') && defs.has(ref.slice('#/definitions/'.length)), `${where}: unknown model ${ref}`);
    return;
  }
  assert.ok(types.length <= 1, `${where}: several types`);
  const props = ((s.properties as Decoded | undefined)?.additional_properties ?? []) as Named[];
  if (types[0] === 'array') {
    const items = ((s.items as Decoded | undefined)?.schema ?? []) as Decoded[];
    assert.equal(items.length, 1, `${where}: an array needs exactly one item schema`);
    checkModel(items[0], defs, `${where}[]`);
  } else if (types[0] === 'object' || (types.length === 0 && s.properties)) {
    for (const p of props) checkModel(p.value, defs, `${where}.${p.name}`);
    const ap = (s.additional_properties as Decoded | undefined)?.schema as Decoded | undefined;
    if (ap) checkModel(ap, defs, `${where}{}`);
  } else if (types.length === 1) {
    assert.ok(['string', 'number', 'integer', 'boolean'].includes(types[0]), `${where}: unknown primitive type ${types[0]}`);
  }
}
