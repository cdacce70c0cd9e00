// Server-side printing: a list or object rendered as a meta.k8s.io Table, the form kubectl
// asks for when it prints (`kubectl get`). Cells come from the resource's TablePrinter;
// each row carries the object as PartialObjectMetadata (the default), in full, or not at
// all, as the includeObject parameter asks.

import { badRequest } from '../api/errors.js';
import type { ListMeta } from '../api/meta.js';
import type { ResourceDef, TableCell } from '../api/resource.js';
import { encodeIn, partialObjectMetadata } from './conversion.js';
import type { CachedObject } from './watchcache/cached-object.js';

export type IncludeObject = 'Metadata' | 'Object' | 'None';

export interface TableOptions {
  readonly includeObject: IncludeObject;
  readonly noHeaders: boolean;
  /** meta.k8s.io version of the Table. */
  readonly tableVersion: string;
  /** The API version the client addressed (for includeObject=Object). */
  readonly version: string;
}

export function parseIncludeObject(value: string | null): IncludeObject {
  if (value === null || value === '' || value === 'Metadata') return 'Metadata';
  if (value === 'Object' || value === 'None') return value;
  throw badRequest(`Unable to convert to Table as requested: includeObject: Unsupported value: "${value}": supported values: "Metadata", "None", "Object"`);
}

function rowObject(def: ResourceDef, o: CachedObject, opts: TableOptions): string | undefined {
  switch (opts.includeObject) {
    case 'None':
      return undefined;
    case 'Object':
      return encodeIn(def, opts.version, o);
    case 'Metadata':
      return partialObjectMetadata(o, opts.tableVersion);
  }
}

function safeRow(def: ResourceDef, o: CachedObject, now: Date): TableCell[] {
  try {
    return def.table.row(o.obj, now);
  } catch {
    // A printer must never fail a request: show what is certain.
    return def.table.columns.map((c, i) => (i === 0 ? o.obj.metadata.name ?? '' : c.type === 'string' ? '' : null));
  }
}

/** The Table JSON for objects, as consecutive parts (see writeJsonParts). */
export function renderTableParts(def: ResourceDef, items: readonly CachedObject[], listMeta: ListMeta, opts: TableOptions): string[] {
  const now = new Date();
  const head = `{"kind":"Table","apiVersion":"meta.k8s.io/${opts.tableVersion}","metadata":${JSON.stringify(listMeta)}`;
  const columns = `,"columnDefinitions":${opts.noHeaders ? 'null' : JSON.stringify(def.table.columns)}`;
  const parts = [`${head}${columns},"rows":[`];
  items.forEach((o, i) => {
    const cells = JSON.stringify(safeRow(def, o, now));
    const object = rowObject(def, o, opts);
    const row = object === undefined ? `{"cells":${cells}}` : `{"cells":${cells},"object":${object}}`;
    parts.push(i === 0 ? row : `,${row}`);
  });
  parts.push(']}');
  return parts;
}

/** The Table JSON for objects, in one string. */
export function renderTable(def: ResourceDef, items: readonly CachedObject[], listMeta: ListMeta, opts: TableOptions): string {
  return renderTableParts(def, items, listMeta, opts).join('');
}
