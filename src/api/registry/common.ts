// Building blocks the per-group registry files share: a ResourceDef builder with Kubernetes'
// usual defaults, and the NAME/AGE columns nearly every table starts and ends with.

import { timestampAge } from '../duration.js';
import type { KubeObject } from '../meta.js';
import { ALL_VERBS, type ResourceDef, type SubresourceDef, type TableColumn, type TablePrinter } from '../resource.js';

export function column(
  name: string,
  type: TableColumn['type'],
  description: string,
  priority = 0,
  format = '',
): TableColumn {
  return { name, type, format, description, priority };
}

export const NAME_COLUMN = column('Name', 'string', 'The unique name of the object within its namespace or cluster.', 0, 'name');
export const AGE_COLUMN = column('Age', 'string', 'Time since the object was created.');

export function age(obj: KubeObject, now: Date): string {
  return timestampAge(obj.metadata.creationTimestamp, now);
}

/** NAME and AGE only: what Kubernetes prints for kinds without a dedicated printer. */
export const DEFAULT_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, AGE_COLUMN],
  row: (obj, now) => [obj.metadata.name ?? '', age(obj, now)],
};

export const STATUS_SUBRESOURCE: SubresourceDef = { name: 'status', kind: '', verbs: ['get', 'patch', 'update'] };

export const SCALE_SUBRESOURCE: SubresourceDef = {
  name: 'scale',
  kind: 'Scale',
  group: 'autoscaling',
  version: 'v1',
  verbs: ['get', 'patch', 'update'],
};

type Optional = 'listKind' | 'shortNames' | 'categories' | 'verbs' | 'subresources' | 'table' | 'fieldSelectors';

/** A ResourceDef with defaults: all verbs, no short names, categories or subresources,
 *  the default table, no extra field selectors, listKind = kind + 'List'. */
export function resource(def: Omit<ResourceDef, Optional> & Partial<Pick<ResourceDef, Optional>>): ResourceDef {
  return {
    listKind: `${def.kind}List`,
    shortNames: [],
    categories: [],
    verbs: ALL_VERBS,
    subresources: [],
    table: DEFAULT_TABLE,
    fieldSelectors: {},
    ...def,
  };
}
