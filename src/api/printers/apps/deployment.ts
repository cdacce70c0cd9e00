// The deployments table as Kubernetes 1.32 prints it: READY as ready/desired, UP-TO-DATE and
// AVAILABLE replica counts; wide adds the template's containers and images and the selector.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells } from '../../registry/common.js';
import { int, present, text } from '../core/read.js';
import { selectorString } from '../selector.js';

interface Deployment extends KubeObject {
  spec?: {
    replicas?: number;
    selector?: unknown;
    template?: { spec?: { containers?: unknown } };
  };
  status?: { updatedReplicas?: number; readyReplicas?: number; availableReplicas?: number };
}

function deploymentRow(obj: KubeObject, now: Date): TableCell[] {
  const d = obj as Deployment;
  const spec = present(d.spec) ? d.spec : undefined;
  const status = present(d.status) ? d.status : undefined;
  const { names, images } = containerCells(spec?.template?.spec?.containers);
  // Unlike most workload tables, this one prints the selector without the '<none>' stand-in.
  const selector = selectorString(spec?.selector) ?? '<invalid>';
  return [
    text(d.metadata?.name),
    `${int(status?.readyReplicas)}/${int(spec?.replicas)}`,
    int(status?.updatedReplicas),
    int(status?.availableReplicas),
    age(d, now),
    names,
    images,
    selector,
  ];
}

export const DEPLOYMENT_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Ready', 'string', 'Pods ready out of pods desired.'),
    column('Up-to-date', 'string', 'Pods running the latest pod template.'),
    column('Available', 'string', 'Pods ready for at least minReadySeconds.'),
    AGE_COLUMN,
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images of the containers in the pod template.', 1),
    column('Selector', 'string', 'The label selector of the pods the deployment manages.', 1),
  ],
  row: deploymentRow,
};
