// The storageclasses table as Kubernetes 1.32 prints it: NAME gains " (default)" when the class
// is annotated as the default one; RECLAIMPOLICY (default Delete), VOLUMEBINDINGMODE (default
// Immediate) and ALLOWVOLUMEEXPANSION (default false) print their defaults when unset.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { stringMap, text } from '../core/read.js';

interface StorageClass extends KubeObject {
  provisioner?: string;
  reclaimPolicy?: string | null;
  volumeBindingMode?: string | null;
  allowVolumeExpansion?: boolean | null;
}

/** The annotations that mark the cluster's default class, current and beta. */
export const DEFAULT_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
] as const;

function storageClassRow(obj: KubeObject, now: Date): TableCell[] {
  const sc = obj as StorageClass;
  const annotations = stringMap(sc.metadata?.annotations);
  const isDefault = DEFAULT_CLASS_ANNOTATIONS.some((a) => annotations[a] === 'true');
  const name = text(sc.metadata?.name);
  return [
    isDefault ? `${name} (default)` : name,
    text(sc.provisioner),
    typeof sc.reclaimPolicy === 'string' ? sc.reclaimPolicy : 'Delete',
    typeof sc.volumeBindingMode === 'string' ? sc.volumeBindingMode : 'Immediate',
    sc.allowVolumeExpansion === true,
    age(sc, now),
  ];
}

export const STORAGECLASS_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Provisioner', 'string', 'The volume plugin or CSI driver that creates the volumes.'),
    column('ReclaimPolicy', 'string', 'What happens to a volume when its claim is released.'),
    column('VolumeBindingMode', 'string', 'When volumes are provisioned and bound.'),
    column('AllowVolumeExpansion', 'string', 'Whether volumes of the class may grow.'),
    AGE_COLUMN,
  ],
  row: storageClassRow,
};
