// The OpenAPI paths of one resource in one version, shaped as Kubernetes publishes them:
// collection, item and subresource paths, each operation tagged with its
// x-kubernetes-action and x-kubernetes-group-version-kind and listing the query
// parameters the server accepts (kubectl reads fieldValidation there to decide whether
// the server validates fields itself).

import type { ResourceDef, SubresourceDef } from '../../api/resource.js';
import { definitionFor } from '../../api/openapi/definitions.js';

export interface Parameter {
  name: string;
  in: 'query' | 'path' | 'body';
  type?: string;
  required?: boolean;
  uniqueItems?: boolean;
  schema?: { $ref: string };
}

/** The request body parameter, typed by its definition as Kubernetes publishes it. */
function bodyParam(definition: string | undefined): Parameter {
  const p: Parameter = { name: 'body', in: 'body', required: true };
  if (definition) p.schema = { $ref: `#/definitions/${definition}` };
  return p;
}

export type Operation = Record<string, unknown>;
export type PathItem = Record<string, unknown>;

const q = (name: string, type = 'string'): Parameter => ({ name, in: 'query', type, uniqueItems: true });

const PRETTY = q('pretty');
const DRY_RUN = q('dryRun');
const FIELD_MANAGER = q('fieldManager');
const FIELD_VALIDATION = q('fieldValidation');
const FORCE = q('force', 'boolean');
const LIST_PARAMS = [
  q('allowWatchBookmarks', 'boolean'),
  q('continue'),
  q('fieldSelector'),
  q('labelSelector'),
  q('limit', 'integer'),
  q('resourceVersion'),
  q('resourceVersionMatch'),
  q('sendInitialEvents', 'boolean'),
  q('timeoutSeconds', 'integer'),
  q('watch', 'boolean'),
];
const DELETE_PARAMS = [DRY_RUN, q('gracePeriodSeconds', 'integer'), q('ignoreStoreReadErrorWithClusterBreakingPotential', 'boolean'), q('orphanDependents', 'boolean'), q('propagationPolicy')];
const JSON_TYPES = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf', 'application/cbor'];
const WATCH_TYPES = [...JSON_TYPES, 'application/json;stream=watch', 'application/vnd.kubernetes.protobuf;stream=watch', 'application/cbor-seq'];
const PATCH_TYPES = ['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json', 'application/apply-patch+yaml', 'application/apply-patch+cbor'];

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Kubernetes' operationId infix for a group version: apps/v1 -> AppsV1, '' -> CoreV1. */
function groupVersionId(group: string, version: string): string {
  const base = group === '' ? ['core'] : group.replace(/\.k8s\.io$/, '').split('.');
  return base.map((p) => p[0].toUpperCase() + p.slice(1)).join('') + version[0].toUpperCase() + version.slice(1);
}

interface Target {
  group: string;
  version: string;
  kind: string;
}

function ref(def: string | undefined): Record<string, unknown> {
  return def ? { $ref: `#/definitions/${def}` } : {};
}

function operation(id: string, action: string, target: Target, params: Parameter[], responses: Record<string, unknown>, extra: Operation = {}): Operation {
  return {
    operationId: id,
    consumes: ['*/*'],
    produces: action.startsWith('watch') ? WATCH_TYPES : JSON_TYPES,
    schemes: ['https'],
    tags: [groupVersionId(target.group, target.version).replace(/V(\d)/, '_v$1').replace(/^(\w)/, (c) => c.toLowerCase())],
    parameters: params,
    responses: { ...responses, '401': { description: 'Unauthorized' } },
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': target,
    ...extra,
  };
}

function ok(def: string | undefined, ...codes: string[]): Record<string, unknown> {
  return Object.fromEntries(codes.map((c) => [c, { description: 'OK', schema: ref(def) }]));
}

/** Paths for def in version, keyed by path. */
export function resourcePaths(def: ResourceDef, version: string): Record<string, PathItem> {
  const prefix = def.group ? `/apis/${def.group}/${version}` : `/api/${version}`;
  const gv = groupVersionId(def.group, version);
  const target: Target = { group: def.group, version, kind: def.kind };
  const objDef = definitionFor(def.group, version, def.kind);
  const listDef = definitionFor(def.group, version, def.listKind);
  const ns = def.namespaced ? 'Namespaced' : '';
  const kindId = `${ns}${def.kind}`;
  const nsParam: Parameter[] = def.namespaced ? [{ name: 'namespace', in: 'path', type: 'string', required: true, uniqueItems: true }] : [];
  const nameParam: Parameter = { name: 'name', in: 'path', type: 'string', required: true, uniqueItems: true };
  const body = bodyParam(objDef);
  const patchBody = bodyParam(`${META}.Patch`);
  const deleteBody = bodyParam(`${META}.DeleteOptions`);
  const collection = def.namespaced ? `${prefix}/namespaces/{namespace}/${def.plural}` : `${prefix}/${def.plural}`;
  const paths: Record<string, PathItem> = {};
  const has = (v: string) => def.verbs.includes(v as never);

  const coll: PathItem = { parameters: [...nsParam, PRETTY] };
  if (has('list')) coll.get = operation(`list${gv}${kindId}`, 'list', target, LIST_PARAMS, ok(listDef, '200'));
  if (has('create')) coll.post = operation(`create${gv}${kindId}`, 'post', target, [body, DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ok(objDef, '200', '201', '202'));
  if (has('deletecollection')) {
    coll.delete = operation(`delete${gv}Collection${kindId}`, 'deletecollection', target, [deleteBody, ...DELETE_PARAMS, ...LIST_PARAMS], ok(`${META}.Status`, '200'));
  }
  paths[collection] = coll;

  const item: PathItem = { parameters: [nameParam, ...nsParam, PRETTY] };
  if (has('get')) item.get = operation(`read${gv}${kindId}`, 'get', target, [], ok(objDef, '200'));
  if (has('update')) item.put = operation(`replace${gv}${kindId}`, 'put', target, [body, DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ok(objDef, '200', '201'));
  if (has('patch')) {
    item.patch = operation(`patch${gv}${kindId}`, 'patch', target, [patchBody, DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], ok(objDef, '200', '201'), { consumes: PATCH_TYPES });
  }
  if (has('delete')) item.delete = operation(`delete${gv}${kindId}`, 'delete', target, [deleteBody, ...DELETE_PARAMS], ok(objDef, '200', '202'));
  paths[`${collection}/{name}`] = item;

  for (const sub of def.subresources) Object.assign(paths, subresourcePaths(def, sub, version, `${collection}/{name}/${sub.name}`, gv, kindId, [nameParam, ...nsParam, PRETTY]));

  if (has('list') && def.namespaced) {
    paths[`${prefix}/${def.plural}`] = {
      parameters: LIST_PARAMS.concat(PRETTY),
      get: operation(`list${gv}${def.kind}ForAllNamespaces`, 'list', target, [], ok(listDef, '200')),
    };
  }
  if (has('watch')) {
    const watchEvent = `${META}.WatchEvent`;
    const watchColl = def.namespaced ? `${prefix}/watch/namespaces/{namespace}/${def.plural}` : `${prefix}/watch/${def.plural}`;
    paths[watchColl] = { parameters: [...nsParam, ...LIST_PARAMS, PRETTY], get: operation(`watch${gv}${kindId}List`, 'watchlist', target, [], ok(watchEvent, '200')) };
    paths[`${watchColl}/{name}`] = { parameters: [nameParam, ...nsParam, ...LIST_PARAMS, PRETTY], get: operation(`watch${gv}${kindId}`, 'watch', target, [], ok(watchEvent, '200')) };
    if (def.namespaced) {
      paths[`${prefix}/watch/${def.plural}`] = { parameters: [...LIST_PARAMS, PRETTY], get: operation(`watch${gv}${def.kind}ListForAllNamespaces`, 'watchlist', target, [], ok(watchEvent, '200')) };
    }
  }
  return paths;
}

function subresourcePaths(def: ResourceDef, sub: SubresourceDef, version: string, path: string, gv: string, kindId: string, params: Parameter[]): Record<string, PathItem> {
  const target: Target = { group: sub.group ?? def.group, version: sub.version ?? version, kind: sub.kind || def.kind };
  const subDef = definitionFor(target.group, target.version, target.kind);
  const suffix = sub.name[0].toUpperCase() + sub.name.slice(1);
  const body = bodyParam(subDef);
  const item: PathItem = { parameters: params };
  const has = (v: string) => sub.verbs.includes(v as never);
  if (has('get')) item.get = operation(`read${gv}${kindId}${suffix}`, 'get', target, [], ok(subDef, '200'));
  if (has('update')) item.put = operation(`replace${gv}${kindId}${suffix}`, 'put', target, [body, DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ok(subDef, '200', '201'));
  if (has('patch')) {
    item.patch = operation(`patch${gv}${kindId}${suffix}`, 'patch', target, [bodyParam(`${META}.Patch`), DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], ok(subDef, '200', '201'), { consumes: PATCH_TYPES });
  }
  if (has('create')) item.post = operation(`create${gv}${kindId}${suffix}`, 'post', target, [body, DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], ok(subDef, '200', '201', '202'));
  return { [path]: item };
}
