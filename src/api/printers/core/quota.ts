// The resource quotas table as Kubernetes 1.32 prints it: every limited resource as
// "name: used/hard", sorted by name, with "limits.*" resources under LIMIT and all others under
// REQUEST.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { entry, present, quantity, text } from './read.js';

interface ResourceQuota extends KubeObject {
  status?: { hard?: Record<string, string | number>; used?: Record<string, string | number> };
}

export function quotaCells(hard: unknown, used: unknown): { requests: string; limits: string } {
  const requests: string[] = [];
  const limits: string[] = [];
  const names = present(hard) ? Object.keys(hard as object).sort() : [];
  for (const name of names) {
    const cell = `${name}: ${quantity(entry(used, name))}/${quantity(entry(hard, name))}`;
    (name.startsWith('limits.') ? limits : requests).push(cell);
  }
  return { requests: requests.join(', '), limits: limits.join(', ') };
}

function quotaRow(obj: KubeObject, now: Date): TableCell[] {
  const quota = obj as ResourceQuota;
  const status = present(quota.status) ? quota.status : undefined;
  const { requests, limits } = quotaCells(status?.hard, status?.used);
  return [text(quota.metadata?.name), requests, limits, age(quota, now)];
}

export const RESOURCE_QUOTA_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Request', 'string', 'Used and hard amounts of every quota resource that is not a limit.'),
    column('Limit', 'string', 'Used and hard amounts of the limits.* quota resources.'),
    AGE_COLUMN,
  ],
  row: quotaRow,
};
