// GET of one object and of a list, rendered as the client asked: the object itself (in
// the addressed version), a Table for kubectl, or PartialObjectMetadata.

import { notAcceptable } from '../../api/errors.js';
import type { ListMeta } from '../../api/meta.js';
import { apiVersionOf, encodeIn, partialObjectMetadata } from '../conversion.js';
import { writeEncoded, writeJsonParts } from '../http/respond.js';
import { SERVED_MEDIA_TYPES } from '../negotiation.js';
import { parseIncludeObject, renderTable, renderTableParts } from '../table.js';
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
    case 'PartialObjectMetadata':
      return writeEncoded(scope.res, code, partialObjectMetadata(obj, r.version), r.format);
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
  let parts: string[];
  switch (r.as) {
    case 'object': {
      const head = `{"kind":${JSON.stringify(scope.def.listKind)},"apiVersion":${JSON.stringify(apiVersionOf(scope.def.group, scope.version))}`;
      parts = listParts(`${head},"metadata":${JSON.stringify(listMeta)},"items":[`, result.items, (o) => encodeIn(scope.def, scope.version, o));
      break;
    }
    case 'Table': {
      const opts = { includeObject: parseIncludeObject(q.get('includeObject')), noHeaders: false, tableVersion: r.version, version: scope.version };
      parts = renderTableParts(scope.def, result.items, listMeta, opts);
      break;
    }
    case 'PartialObjectMetadataList': {
      const head = `{"kind":"PartialObjectMetadataList","apiVersion":"meta.k8s.io/${r.version}","metadata":${JSON.stringify(listMeta)},"items":[`;
      parts = listParts(head, result.items, (o) => partialObjectMetadata(o, r.version));
      break;
    }
    default:
      throw notAcceptable(SERVED_MEDIA_TYPES);
  }
  await writeJsonParts(scope.res, 200, parts, r.format);
}

/** A list document as parts: the head, the items separated by commas, the tail. */
function listParts(head: string, items: readonly CachedObject[], encode: (o: CachedObject) => string): string[] {
  const parts = [head];
  items.forEach((o, i) => parts.push(i === 0 ? encode(o) : `,${encode(o)}`));
  parts.push(']}');
  return parts;
}

