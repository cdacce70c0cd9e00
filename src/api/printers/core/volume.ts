// The persistent volume and claim tables as Kubernetes 1.32 prints them: capacity, access modes
// abbreviated in a fixed order (RWO,ROX,RWX,RWOP), storage and volume-attributes classes, and
// 'Terminating' for volumes and claims being deleted.

import type { KubeObject } from '../../meta.js';
import type { TableCell, TablePrinter } from '../../resource.js';
import { AGE_COLUMN, NAME_COLUMN, age, column } from '../../registry/common.js';
import { entry, present, quantity, stringMap, strings, text } from './read.js';

interface PersistentVolume extends KubeObject {
  spec?: {
    capacity?: Record<string, string | number>;
    accessModes?: string[];
    persistentVolumeReclaimPolicy?: string;
    claimRef?: { namespace?: string; name?: string };
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; reason?: string };
}

interface PersistentVolumeClaim extends KubeObject {
  spec?: {
    volumeName?: string;
    storageClassName?: string;
    volumeAttributesClassName?: string;
    volumeMode?: string;
  };
  status?: { phase?: string; capacity?: Record<string, string | number>; accessModes?: string[] };
}

/** The annotation that named a volume's or claim's class before storageClassName existed; it
 *  still wins over the field. */
const BETA_STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';

const ACCESS_MODES: readonly (readonly [string, string])[] = [
  ['ReadWriteOnce', 'RWO'],
  ['ReadOnlyMany', 'ROX'],
  ['ReadWriteMany', 'RWX'],
  ['ReadWriteOncePod', 'RWOP'],
];

export function accessModes(modes: readonly string[]): string {
  return ACCESS_MODES.filter(([mode]) => modes.includes(mode))
    .map(([, short]) => short)
    .join(',');
}

/** The class from the beta annotation if present, else from the field. */
function storageClass(obj: KubeObject, field: unknown): string {
  const annotations = stringMap(obj.metadata?.annotations);
  if (BETA_STORAGE_CLASS_ANNOTATION in annotations) return annotations[BETA_STORAGE_CLASS_ANNOTATION]!;
  return text(field);
}

/** A phase, or 'Terminating' once deletion has begun. */
function phase(obj: KubeObject, status: { phase?: string } | undefined): string {
  return obj.metadata?.deletionTimestamp != null ? 'Terminating' : text(status?.phase);
}

/** Optional string fields print '<unset>' when absent. */
function orUnset(v: unknown): string {
  return typeof v === 'string' ? v : '<unset>';
}

function pvRow(obj: KubeObject, now: Date): TableCell[] {
  const pv = obj as PersistentVolume;
  const spec = present(pv.spec) ? pv.spec : undefined;
  const status = present(pv.status) ? pv.status : undefined;
  const claimRef = present(spec?.claimRef) ? spec?.claimRef : undefined;
  return [
    text(pv.metadata?.name),
    quantity(entry(spec?.capacity, 'storage')),
    accessModes(strings(spec?.accessModes)),
    text(spec?.persistentVolumeReclaimPolicy),
    phase(pv, status),
    claimRef ? `${text(claimRef.namespace)}/${text(claimRef.name)}` : '',
    storageClass(pv, spec?.storageClassName),
    orUnset(spec?.volumeAttributesClassName),
    text(status?.reason),
    age(pv, now),
    orUnset(spec?.volumeMode),
  ];
}

function pvcRow(obj: KubeObject, now: Date): TableCell[] {
  const pvc = obj as PersistentVolumeClaim;
  const spec = present(pvc.spec) ? pvc.spec : undefined;
  const status = present(pvc.status) ? pvc.status : undefined;
  const volumeName = text(spec?.volumeName);
  // Capacity and access modes describe the bound volume, so they show only once bound.
  const bound = volumeName !== '';
  return [
    text(pvc.metadata?.name),
    phase(pvc, status),
    volumeName,
    bound ? quantity(entry(status?.capacity, 'storage')) : '',
    bound ? accessModes(strings(status?.accessModes)) : '',
    storageClass(pvc, spec?.storageClassName),
    orUnset(spec?.volumeAttributesClassName),
    age(pvc, now),
    orUnset(spec?.volumeMode),
  ];
}

export const PERSISTENT_VOLUME_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Capacity', 'string', 'The storage size of the volume.'),
    column('Access Modes', 'string', 'How the volume can be mounted: RWO, ROX, RWX, RWOP.'),
    column('Reclaim Policy', 'string', 'What happens to the volume when its claim is released.'),
    column('Status', 'string', 'The phase of the volume.'),
    column('Claim', 'string', 'The claim bound to the volume, as namespace/name.'),
    column('StorageClass', 'string', 'The storage class of the volume.'),
    column('VolumeAttributesClass', 'string', 'The volume attributes class of the volume.'),
    column('Reason', 'string', 'Why the volume is in its phase, when it failed.'),
    AGE_COLUMN,
    column('VolumeMode', 'string', 'Whether the volume is a filesystem or a raw block device.', 1),
  ],
  row: pvRow,
};

export const PERSISTENT_VOLUME_CLAIM_TABLE: TablePrinter = {
  columns: [
    NAME_COLUMN,
    column('Status', 'string', 'The phase of the claim.'),
    column('Volume', 'string', 'The volume bound to the claim.'),
    column('Capacity', 'string', 'The storage size of the bound volume.'),
    column('Access Modes', 'string', 'How the bound volume can be mounted: RWO, ROX, RWX, RWOP.'),
    column('StorageClass', 'string', 'The storage class of the claim.'),
    column('VolumeAttributesClass', 'string', 'The volume attributes class of the claim.'),
    AGE_COLUMN,
    column('VolumeMode', 'string', 'Whether the claim wants a filesystem or a raw block device.', 1),
  ],
  row: pvcRow,
};
