// The namespaces table as Kubernetes 1.32 prints it: NAME, STATUS (the phase) and AGE.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, text } from './read.js';

interface Namespace extends KubeObject {
  status?: { phase?: string };
}

function namespaceRow(obj: KubeObject, now: Date): TableCell[] {
  const ns = obj as Namespace;
  return [text(ns.metadata?.name), present(ns.status) ? text(ns.status?.phase) : '', age(ns, now)];
}

export const NAMESPACE_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Status', 'string', 'Active, or Terminating while its contents are deleted.'), AGE_COLUMN],
  row: namespaceRow,
};
