// The tables of the core workload kinds: pod templates (CONTAINERS, IMAGES, POD LABELS; no AGE
// in Kubernetes 1.32) and replication controllers (DESIRED, CURRENT, READY and, wide,
// CONTAINERS, IMAGES, SELECTOR).

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column, containerCells, formatLabels } from '../../registry/common.js';
import { int, present, text } from './read.js';

interface PodTemplateSpec {
  metadata?: { labels?: Record<string, string> };
  spec?: { containers?: object[] };
}

interface PodTemplate extends KubeObject {
  template?: PodTemplateSpec;
}

interface ReplicationController extends KubeObject {
  spec?: { replicas?: number; selector?: Record<string, string>; template?: PodTemplateSpec };
  status?: { replicas?: number; readyReplicas?: number };
}

function podTemplateRow(obj: KubeObject): TableCell[] {
  const pt = obj as PodTemplate;
  const template = present(pt.template) ? pt.template : undefined;
  const { names, images } = containerCells(template?.spec?.containers);
  return [text(pt.metadata?.name), names, images, formatLabels(template?.metadata?.labels)];
}

function replicationControllerRow(obj: KubeObject, now: Date): TableCell[] {
  const rc = obj as ReplicationController;
  const spec = present(rc.spec) ? rc.spec : undefined;
  const status = present(rc.status) ? rc.status : undefined;
  const template = present(spec?.template) ? spec?.template : undefined;
  const { names, images } = containerCells(template?.spec?.containers);
  return [
    text(rc.metadata?.name),
    int(spec?.replicas),
    int(status?.replicas),
    int(status?.readyReplicas),
    age(rc, now),
    names,
    images,
    formatLabels(spec?.selector),
  ];
}

const CONTAINERS_COLUMN = column('Containers', 'string', 'The names of the containers in the pod template.');
const IMAGES_COLUMN = column('Images', 'string', 'The images of the containers in the pod template.');

export const POD_TEMPLATE_TABLE: TablePrinter = {
  columns: [NAME_COLUMN, CONTAINERS_COLUMN, IMAGES_COLUMN, column('Pod Labels', 'string', 'The labels pods made from the template get.')],
  row: podTemplateRow,
};

export const REPLICATION_CONTROLLER_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Desired', 'integer', 'The number of pods asked for.'),
    column('Current', 'integer', 'The number of pods that exist.'),
    column('Ready', 'integer', 'The number of pods that are ready.'),
    AGE_COLUMN,
    { ...CONTAINERS_COLUMN, priority: 1 },
    { ...IMAGES_COLUMN, priority: 1 },
    column('Selector', 'string', 'The labels that select the controller\'s pods.', 1),
  ],
  row: replicationControllerRow,
};
