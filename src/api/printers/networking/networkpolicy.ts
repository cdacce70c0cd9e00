// The networkpolicies table as Kubernetes 1.32 prints it: POD-SELECTOR, '<none>' when the
// policy selects every pod in its namespace.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { present, text } from '../core/read.js';
import { formatLabelSelector } from '../selector.js';

interface NetworkPolicy extends KubeObject {
  spec?: { podSelector?: unknown };
}

function networkPolicyRow(obj: KubeObject, now: Date): TableCell[] {
  const np = obj as NetworkPolicy;
  const spec = present(np.spec) ? np.spec : undefined;
  // podSelector is a value, not a pointer, in Go: absent reads as the empty selector.
  return [text(np.metadata?.name), formatLabelSelector(spec?.podSelector ?? {}), age(np, now)];
}

export const NETWORKPOLICY_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, column('Pod-Selector', 'string', 'The pods the policy applies to.'), AGE_COLUMN],
  row: networkPolicyRow,
};
