// The daemonsets table as Kubernetes 1.32 prints it: the scheduling counts from status
// (DESIRED, CURRENT, READY, UP-TO-DATE, AVAILABLE) and the template's node selector; wide adds
// the template's containers and images and the selector.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells, formatLabels } from '../../registry/common.js';
import { int, present, text } from '../core/read.js';
import { formatLabelSelector } from '../selector.js';

interface DaemonSet extends KubeObject {
  spec?: { selector?: unknown; template?: { spec?: { containers?: unknown; nodeSelector?: unknown } } };
  status?: {
    desiredNumberScheduled?: number;
    currentNumberScheduled?: number;
    numberReady?: number;
    updatedNumberScheduled?: number;
    numberAvailable?: number;
  };
}

function daemonSetRow(obj: KubeObject, now: Date): TableCell[] {
  const ds = obj as DaemonSet;
  const spec = present(ds.spec) ? ds.spec : undefined;
  const status = present(ds.status) ? ds.status : undefined;
  const podSpec = spec?.template?.spec;
  const { names, images } = containerCells(podSpec?.containers);
  return [
    text(ds.metadata?.name),
    int(status?.desiredNumberScheduled),
    int(status?.currentNumberScheduled),
    int(status?.numberReady),
    int(status?.updatedNumberScheduled),
    int(status?.numberAvailable),
    formatLabels(podSpec?.nodeSelector),
    age(ds, now),
    names,
    images,
    formatLabelSelector(spec?.selector),
  ];
}

export const DAEMONSET_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The number of nodes that should run the daemon pod.'),
    column('Current', 'integer', 'The number of nodes running at least one daemon pod.'),
    column('Ready', 'integer', 'The number of nodes whose daemon pod is ready.'),
    column('Up-to-date', 'integer', 'The number of nodes running the latest pod template.'),
    column('Available', 'integer', 'The number of nodes whose daemon pod has been ready for minReadySeconds.'),
    column('Node Selector', 'string', 'The node selector of the pod template.'),
    AGE_COLUMN,
    column('Containers', 'string', 'The names of the containers in the pod template.', 1),
    column('Images', 'string', 'The images of the containers in the pod template.', 1),
    column('Selector', 'string', 'The label selector of the pods the daemon set manages.', 1),
  ],
  row: daemonSetRow,
};
