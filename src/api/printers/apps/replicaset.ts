// The replicasets table as Kubernetes 1.32 prints it: DESIRED, CURRENT and READY replica
// counts; wide adds the template's containers and images and the selector.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells } from '../../registry/common.js';
import { int, present, text } from '../core/read.js';
import { formatLabelSelector } from '../selector.js';

interface ReplicaSet extends KubeObject {
  spec?: { replicas?: number; selector?: unknown; template?: { spec?: { containers?: unknown } } };
  status?: { replicas?: number; readyReplicas?: number };
}

function replicaSetRow(obj: KubeObject, now: Date): TableCell[] {
  const rs = obj as ReplicaSet;
  const spec = present(rs.spec) ? rs.spec : undefined;
  const status = present(rs.status) ? rs.status : undefined;
  const { names, images } = containerCells(spec?.template?.spec?.containers);
  return [
    text(rs.metadata?.name),
    int(spec?.replicas),
    int(status?.replicas),
    int(status?.readyReplicas),
    age(rs, now),
    names,
    images,
    formatLabelSelector(spec?.selector),
  ];
}

export const REPLICASET_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The number of pods wanted.'),
    column('Current', 'integer', 'The number of pods that exist.'),
    column('Ready', 'integer', 'The number of pods that are ready.'),
    AGE_COLUMN,
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images of the containers in the pod template.', 1),
    column('Selector', 'string', 'The label selector of the pods the replica set manages.', 1),
  ],
  row: replicaSetRow,
};
