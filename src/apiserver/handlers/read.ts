// GET of one object and of a list, rendered as the client asked: the object itself (in
// the addressed version), a Table for kubectl, or PartialObjectMetadata.

import { notAcceptable } from '../../api/errors.js';
import type { ListMeta } from '../../api/meta.js';
import { apiVersionOf, encodeIn } from '../conversion.js';
import { writeEncoded } from '../http/respond.js';
import { SERVED_MEDIA_TYPES } from '../negotiation.js';
import { parseIncludeObject, renderTable } from '../table.js';
import type { CachedObject } from '../watchcache/cached-object.js';
import { parseIntParam, type Scope } from './scope.js';
import { selectionFromQuery } from './selection.js';

export async function handleGet(scope: Scope): Promise<void> {
  const obj = await scope.store.get(scope.namespace, scope.name, scope.query.get('resourceVersion') ?? '');
  writeRendered(scope, 200, obj);
}

/** Writes one object in the negotiated rendering. */
export function writeRendered(scope: Scope, code: number, obj: CachedObject): void {
  const r = scope.rendering;
  switch (r.as) {
    case 'object':
      return writeEncoded(scope.res, code, encodeIn(scope.def, scope.version, obj), r.format);
    case 'Table': {
      const opts = { includeObject: parseIncludeObject(scope.query.get('includeObject')), noHeaders: false, tableVersion: r.version, version: scope.version };
      const table = renderTable(scope.def, [obj], { resourceVersion: obj.obj.metadata.resourceVersion }, opts);
      return writeEncoded(scope.res, code, table, r.format);
    }
    case 'PartialObjectMetadata': {
      const json = JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${r.version}`, metadata: obj.obj.metadata });
      return writeEncoded(scope.res, code, json, r.format);
    }
    default:
      throw notAcceptable(SERVED_MEDIA_TYPES);
  }
}

export async function handleList(scope: Scope): Promise<void> {
  const q = scope.query;
  const selection = selectionFromQuery(scope.def, q);
  const result = await scope.store.list({
    namespace: scope.namespace,
    filter: selection.filter,
    filtered: selection.filtered,
    limit: parseIntParam(q, 'limit'),
    continueToken: q.get('continue') ?? undefined,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    resourceVersionMatch: q.get('resourceVersionMatch') ?? undefined,
  });
  const listMeta: ListMeta = { resourceVersion: String(result.revision) };
  if (result.continueToken) listMeta.continue = result.continueToken;
  if (result.remainingItemCount !== undefined) listMeta.remainingItemCount = result.remainingItemCount;
  const r = scope.rendering;
  let json: string;
  switch (r.as) {
    case 'object': {
      const items = result.items.map((o) => encodeIn(scope.def, scope.version, o));
      const head = `{"kind":${JSON.stringify(scope.def.listKind)},"apiVersion":${JSON.stringify(apiVersionOf(scope.def.group, scope.version))}`;
      json = `${head},"metadata":${JSON.stringify(listMeta)},"items":[${items.join(',')}]}`;
      break;
    }
    case 'Table': {
      const opts = { includeObject: parseIncludeObject(q.get('includeObject')), noHeaders: false, tableVersion: r.version, version: scope.version };
      json = renderTable(scope.def, result.items, listMeta, opts);
      break;
    }
    case 'PartialObjectMetadataList': {
      const items = result.items.map((o) =>
        o.encoded(`pom/${r.version}`, (obj) => JSON.stringify({ kind: 'PartialObjectMetadata', apiVersion: `meta.k8s.io/${r.version}`, metadata: obj.metadata })),
      );
      json = `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/${r.version}","metadata":${JSON.stringify(listMeta)},"items":[${items.join(',')}]}`;
      break;
    }
    default:
      throw notAcceptable(SERVED_MEDIA_TYPES);
  }
  writeEncoded(scope.res, 200, json, r.format);
}
