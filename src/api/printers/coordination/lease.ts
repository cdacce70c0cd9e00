// The leases table as Kubernetes 1.32 prints it: HOLDER, the identity holding the lease ('' when
// nobody does).

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, text } from '../core/read.js';

interface Lease extends KubeObject {
  spec?: { holderIdentity?: string | null };
}

function leaseRow(obj: KubeObject, now: Date): TableCell[] {
  const lease = obj as Lease;
  const spec = present(lease.spec) ? lease.spec : undefined;
  return [text(lease.metadata?.name), text(spec?.holderIdentity), age(lease, now)];
}

export const LEASE_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Holder', 'string', 'Who holds the lease now.'), AGE_COLUMN],
  row: leaseRow,
};
