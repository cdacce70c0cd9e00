// The OpenAPI documents kite serves, built once from the resource registry and the schema
// definitions with kite's own descriptions merged in (describedDefinitions(), what `kubectl
// explain` prints): /openapi/v2 (one Swagger 2.0 document, as JSON and as gnostic's protobuf)
// and /openapi/v3 (an index of one OpenAPI 3.0 document per group version, each with the
// schemas it references).

import { createHash } from 'node:crypto';
import type { ApiResources } from '../api-resources.js';
import { GIT_VERSION } from '../version.js';
import { referenceClosure, rewriteRefs } from '../../api/openapi/definitions.js';
import { describedDefinitions } from '../../api/openapi/descriptions.js';
import { type Parameter, type PathItem, resourcePaths } from './paths.js';
import { toGnosticDocument } from './v2-protobuf.js';

const INFO = { title: 'Kubernetes', version: GIT_VERSION };
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

interface V3Doc {
  json: string;
  hash: string;
}

export class OpenApiDocuments {
  readonly #api: ApiResources;
  #v2: string | undefined;
  #v2Protobuf: Uint8Array | undefined;
  #v2ETag: string | undefined;
  #v3: Map<string, V3Doc> | undefined;

  constructor(api: ApiResources) {
    this.#api = api;
  }

  /** Group-version paths as /openapi/v3 names them: api/v1, apis/apps/v1. */
  #groupVersions(): { key: string; group: string; version: string }[] {
    const out = [];
    for (const g of this.#api.groups) {
      for (const version of g.versions) out.push({ key: g.name ? `apis/${g.name}/${version}` : `api/${version}`, group: g.name, version });
    }
    return out;
  }

  #paths(group: string, version: string): Record<string, PathItem> {
    const paths: Record<string, PathItem> = {};
    for (const def of this.#api.group(group)?.resources ?? []) {
      if (def.versions.includes(version)) Object.assign(paths, resourcePaths(def, version));
    }
    return paths;
  }

  v2(): string {
    if (!this.#v2) {
      const paths: Record<string, PathItem> = {};
      for (const gv of this.#groupVersions()) Object.assign(paths, this.#paths(gv.group, gv.version));
      this.#v2 = JSON.stringify({ swagger: '2.0', info: INFO, paths, definitions: describedDefinitions() });
    }
    return this.#v2;
  }

  /** /openapi/v2 as gnostic's openapi.v2.Document protobuf, compiled from the JSON. */
  v2Protobuf(): Uint8Array {
    if (!this.#v2Protobuf) {
      const { bytes, problems } = toGnosticDocument(JSON.parse(this.v2()));
      if (problems.length) {
        console.error(`kite: /openapi/v2 has ${problems.length} problem(s) gnostic's compiler rejects (Kubernetes would not serve it); first: ${problems[0]}`);
      }
      this.#v2Protobuf = bytes;
    }
    return this.#v2Protobuf;
  }

  /** The ETag kube-openapi gives both encodings of /openapi/v2: SHA-512 of the JSON. */
  v2ETag(): string {
    this.#v2ETag ??= createHash('sha512').update(this.v2()).digest('hex').toUpperCase();
    return this.#v2ETag;
  }

  #v3Docs(): Map<string, V3Doc> {
    if (!this.#v3) {
      this.#v3 = new Map();
      for (const gv of this.#groupVersions()) {
        const json = JSON.stringify(toV3(this.#paths(gv.group, gv.version)));
        this.#v3.set(gv.key, { json, hash: createHash('sha512').update(json).digest('hex').toUpperCase() });
      }
    }
    return this.#v3;
  }

  v3Index(): string {
    const paths: Record<string, { serverRelativeURL: string }> = {};
    for (const [key, doc] of this.#v3Docs()) paths[key] = { serverRelativeURL: `/openapi/v3/${key}?hash=${doc.hash}` };
    return JSON.stringify({ paths });
  }

  /** The document for a group version ('api/v1', 'apis/apps/v1'), if served. */
  v3(key: string): V3Doc | undefined {
    return this.#v3Docs().get(key);
  }
}

const v3Ref = (name: string) => `#/components/schemas/${name}`;

/** Types whose OpenAPI v3 schema Kubernetes builds from their OpenAPIV3OneOfTypes (v2 says
 *  `type: string`): kubectl explain names them (`<IntOrString>`, `<map[string]Quantity>`)
 *  rather than printing `<string>`. */
const V3_ONE_OF: Readonly<Record<string, object>> = {
  'io.k8s.apimachinery.pkg.util.intstr.IntOrString': { oneOf: [{ type: 'integer' }, { type: 'string' }], format: 'int-or-string' },
  'io.k8s.apimachinery.pkg.api.resource.Quantity': { oneOf: [{ type: 'string' }, { type: 'number' }] },
};

function toV3(paths: Record<string, PathItem>): object {
  const roots = new Set<string>();
  const outPaths: Record<string, unknown> = {};
  for (const [path, item] of Object.entries(paths)) {
    const out: Record<string, unknown> = {};
    if (item.parameters) out.parameters = (item.parameters as Parameter[]).map(v3Parameter);
    for (const m of HTTP_METHODS) {
      const op = item[m] as Record<string, unknown> | undefined;
      if (op) out[m] = v3Operation(op, roots);
    }
    outPaths[path] = out;
  }
  const schemas: Record<string, unknown> = {};
  const described = describedDefinitions();
  for (const name of [...referenceClosure(roots)].sort()) {
    const oneOf = V3_ONE_OF[name];
    schemas[name] = oneOf ? { ...oneOf, description: described[name].description } : rewriteRefs(described[name], v3Ref);
  }
  return {
    openapi: '3.0.0',
    info: INFO,
    paths: outPaths,
    components: {
      schemas,
      securitySchemes: { BearerToken: { type: 'apiKey', name: 'authorization', in: 'header' } },
    },
  };
}

function v3Parameter(p: Parameter): object {
  const schema: Record<string, unknown> = { type: p.type };
  if (p.uniqueItems) schema.uniqueItems = true;
  const out: Record<string, unknown> = { name: p.name, in: p.in, schema };
  if (p.required) out.required = true;
  return out;
}

function v3Operation(op: Record<string, unknown>, roots: Set<string>): object {
  const { consumes, produces, schemes: _schemes, parameters, responses, ...rest } = op as {
    consumes: string[];
    produces: string[];
    schemes: string[];
    parameters: Parameter[];
    responses: Record<string, { description: string; schema?: { $ref?: string } }>;
  };
  const out: Record<string, unknown> = { ...rest };
  const refName = (r?: string) => r?.slice(r.lastIndexOf('/') + 1);
  const bodyParam = parameters.find((p) => p.in === 'body');
  const query = parameters.filter((p) => p.in !== 'body');
  if (query.length) out.parameters = query.map(v3Parameter);
  const target = Object.values(responses).find((r) => r.schema?.$ref)?.schema?.$ref;
  if (bodyParam && target) {
    const name = refName(target)!;
    roots.add(name);
    out.requestBody = { content: Object.fromEntries(consumes.map((c) => [c, { schema: { $ref: v3Ref(name) } }])), required: true };
  }
  const outResponses: Record<string, unknown> = {};
  for (const [code, r] of Object.entries(responses)) {
    const name = refName(r.schema?.$ref);
    if (name) roots.add(name);
    outResponses[code] = name
      ? { description: r.description, content: Object.fromEntries(produces.map((p) => [p, { schema: { $ref: v3Ref(name) } }])) }
      : { description: r.description };
  }
  out.responses = outResponses;
  return out;
}
