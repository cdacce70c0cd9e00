// Turning a request body into an API object of the addressed resource: it must be a JSON
// object whose apiVersion and kind (when present) match the URL, with a well-formed
// metadata. Missing apiVersion/kind default from the URL, as Kubernetes' decoder does, and
// empty labels/annotations maps are dropped, as Go's omitempty drops them.

import { badRequest } from '../../api/errors.js';
import { isPlainObject, type KubeObject } from '../../api/meta.js';
import type { ResourceDef } from '../../api/resource.js';
import { apiVersionOf } from '../conversion.js';

const STRING_MAPS = ['labels', 'annotations'] as const;

export function asObject(body: unknown, def: ResourceDef, version: string, kind = def.kind, group = def.group): KubeObject {
  if (!isPlainObject(body)) {
    throw badRequest(`couldn't get version/kind; json parse error: expected a JSON object, got ${describe(body)}`);
  }
  const expected = apiVersionOf(group, version);
  if (body.apiVersion !== undefined && body.apiVersion !== '' && body.apiVersion !== expected) {
    throw badRequest(`the API version in the data (${String(body.apiVersion)}) does not match the expected API version (${expected})`);
  }
  if (body.kind !== undefined && body.kind !== '' && body.kind !== kind) {
    throw badRequest(`the kind in the data (${String(body.kind)}) does not match the expected kind (${kind})`);
  }
  const metadata = body.metadata ?? {};
  if (!isPlainObject(metadata)) throw typeError('metadata', 'ObjectMeta', metadata);
  checkMetadata(metadata);
  return { ...body, apiVersion: expected, kind, metadata } as KubeObject;
}

function checkMetadata(meta: Record<string, unknown>): void {
  for (const f of ['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'creationTimestamp', 'deletionTimestamp']) {
    if (meta[f] !== undefined && meta[f] !== null && typeof meta[f] !== 'string') throw typeError(`metadata.${f}`, 'string', meta[f]);
    if (meta[f] === null) delete meta[f];
  }
  for (const f of STRING_MAPS) {
    const m = meta[f];
    if (m === undefined || m === null) {
      delete meta[f];
      continue;
    }
    if (!isPlainObject(m)) throw typeError(`metadata.${f}`, 'map[string]string', m);
    for (const [k, v] of Object.entries(m)) {
      if (typeof v !== 'string') throw typeError(`metadata.${f}.${k}`, 'string', v);
    }
    // omitempty: Kubernetes never stores or shows an empty map (e.g. after `label key-`).
    if (Object.keys(m).length === 0) delete meta[f];
  }
  if (meta.finalizers !== undefined && meta.finalizers !== null) {
    if (!Array.isArray(meta.finalizers) || meta.finalizers.some((f) => typeof f !== 'string')) {
      throw typeError('metadata.finalizers', '[]string', meta.finalizers);
    }
  }
  if (meta.ownerReferences !== undefined && meta.ownerReferences !== null) {
    if (!Array.isArray(meta.ownerReferences) || meta.ownerReferences.some((r) => !isPlainObject(r))) {
      throw typeError('metadata.ownerReferences', '[]v1.OwnerReference', meta.ownerReferences);
    }
  }
  if (meta.generation !== undefined && typeof meta.generation !== 'number') throw typeError('metadata.generation', 'int64', meta.generation);
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

function typeError(field: string, type: string, value: unknown): Error {
  return badRequest(`json: cannot unmarshal ${describe(value)} into Go struct field ${field} of type ${type}`);
}
