// The priorityclasses table as Kubernetes 1.32 prints it: VALUE, GLOBAL-DEFAULT and, after
// AGE, PREEMPTIONPOLICY ('' when unset).

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { int, text } from '../core/read.js';

interface PriorityClass extends KubeObject {
  value?: number;
  globalDefault?: boolean;
  preemptionPolicy?: string | null;
}

function priorityClassRow(obj: KubeObject, now: Date): TableCell[] {
  const pc = obj as PriorityClass;
  return [text(pc.metadata?.name), int(pc.value), pc.globalDefault === true, age(pc, now), text(pc.preemptionPolicy)];
}

export const PRIORITYCLASS_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Value', 'integer', 'The priority pods of this class get; higher schedules first.'),
    column('Global-Default', 'boolean', 'Whether pods without a class get this one.'),
    AGE_COLUMN,
    column('PreemptionPolicy', 'string', 'Whether pods of this class may evict lower-priority pods.'),
  ],
  row: priorityClassRow,
};
