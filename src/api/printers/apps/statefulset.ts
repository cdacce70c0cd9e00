// The statefulsets table as Kubernetes 1.32 prints it: READY as ready/desired; wide adds the
// template's containers and images (no selector column, unlike the other workloads).

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells } from '../../registry/common.js';
import { int, present, text } from '../core/read.js';

interface StatefulSet extends KubeObject {
  spec?: { replicas?: number; template?: { spec?: { containers?: unknown } } };
  status?: { readyReplicas?: number };
}

function statefulSetRow(obj: KubeObject, now: Date): TableCell[] {
  const sts = obj as StatefulSet;
  const spec = present(sts.spec) ? sts.spec : undefined;
  const status = present(sts.status) ? sts.status : undefined;
  const { names, images } = containerCells(spec?.template?.spec?.containers);
  return [text(sts.metadata?.name), `${int(status?.readyReplicas)}/${int(spec?.replicas)}`, age(sts, now), names, images];
}

export const STATEFULSET_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Pods ready out of pods desired.'),
    AGE_COLUMN,
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images of the containers in the pod template.', 1),
  ],
  row: statefulSetRow,
};
