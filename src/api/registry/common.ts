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

/** The second column of CREATED_AT_TABLE. */
export const CREATED_AT_COLUMN = column('Created At', 'date', 'When the object was created, in UTC.');

/** A creation time as Kubernetes' default table prints it: RFC 3339 in UTC, whole seconds. Unset
 *  or unreadable times print as Go's zero time, because that is what the Go server sees then. */
export function rfc3339(timestamp: unknown): string {
  const t = typeof timestamp === 'string' && timestamp !== '' ? Date.parse(timestamp) : Number.NaN;
  if (Number.isNaN(t)) return '0001-01-01T00:00:00Z';
  return `${new Date(t).toISOString().slice(0, 19)}Z`;
}

/** What Kubernetes prints for a built-in resource that has no printer of its own (limitranges,
 *  roles, ...): NAME and CREATED AT. Custom resources without printer columns get DEFAULT_TABLE. */
export const CREATED_AT_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, CREATED_AT_COLUMN],
  row: (obj) => [obj.metadata?.name ?? '', rfc3339(obj.metadata?.creationTimestamp)],
};

/** A label map as Kubernetes' tables print it (selectors, pod labels): "key=value" pairs sorted
 *  as whole strings and joined by commas, '<none>' when empty. Non-string values are skipped. */
export function formatLabels(labels: unknown): string {
  if (labels === null || typeof labels !== 'object' || Array.isArray(labels)) return '<none>';
  const pairs: string[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === 'string') pairs.push(`${key}=${value}`);
  }
  pairs.sort();
  return pairs.length === 0 ? '<none>' : pairs.join(',');
}

/** The CONTAINERS and IMAGES cells of workload tables: container names and images, in order,
 *  each list joined by commas. */
export function containerCells(containers: unknown): { names: string; images: string } {
  const names: string[] = [];
  const images: string[] = [];
  if (Array.isArray(containers)) {
    for (const c of containers) {
      if (c === null || typeof c !== 'object') continue;
      const { name, image } = c as { name?: unknown; image?: unknown };
      names.push(typeof name === 'string' ? name : '');
      images.push(typeof image === 'string' ? image : '');
    }
  }
  return { names: names.join(','), images: images.join(',') };
}
