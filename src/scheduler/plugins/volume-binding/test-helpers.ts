// Builders shared by the volume plugins' tests (not a test file itself): claims, volumes and
// classes as the API would hold them, pods using claims, and the 1.32 vocabulary
// (bound = volumeName plus pv.kubernetes.io/bind-completed).

import type { PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core-v1.js';
import type { StorageClass } from '../../../api/types/storage-v1.js';
import { makePod } from '../../testing/wrappers.js';
import { ANN_BIND_COMPLETED, ANN_SELECTED_NODE } from './storage.js';

export const WAIT = 'WaitForFirstConsumer';
export const IMMEDIATE = 'Immediate';

export interface ClaimOptions {
  namespace?: string;
  className?: string;
  /** Names the volume; with bound (default true when given) also marks the binding complete. */
  volumeName?: string;
  bound?: boolean;
  phase?: string;
  accessModes?: string[];
  request?: string;
  selectedNode?: string;
  deleting?: boolean;
  uid?: string;
  ownerUid?: string;
  selector?: { matchLabels: Record<string, string> };
  volumeMode?: string;
  resourceVersion?: string;
}

export function claim(name: string, o: ClaimOptions = {}): PersistentVolumeClaim {
  const annotations: Record<string, string> = {};
  if (o.volumeName && o.bound !== false) annotations[ANN_BIND_COMPLETED] = 'yes';
  if (o.selectedNode) annotations[ANN_SELECTED_NODE] = o.selectedNode;
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: o.resourceVersion ?? '1',
      ...(Object.keys(annotations).length > 0 ? { annotations } : {}),
      ...(o.deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
      ...(o.ownerUid ? { ownerReferences: [{ apiVersion: 'v1', kind: 'Pod', name: 'owner', uid: o.ownerUid, controller: true }] } : {}),
    },
    spec: {
      accessModes: o.accessModes ?? ['ReadWriteOnce'],
      resources: { requests: { storage: o.request ?? '1Gi' } },
      ...(o.className !== undefined ? { storageClassName: o.className } : {}),
      ...(o.volumeName ? { volumeName: o.volumeName } : {}),
      ...(o.selector ? { selector: o.selector } : {}),
      ...(o.volumeMode ? { volumeMode: o.volumeMode } : {}),
    },
    status: { phase: o.phase ?? (o.volumeName ? 'Bound' : 'Pending') },
  };
}

export interface VolumeOptions {
  className?: string;
  capacity?: string;
  accessModes?: string[];
  phase?: string;
  /** Pre-bound or bound to this claim (namespace default). */
  claimRef?: { name: string; namespace?: string; uid?: string };
  /** Node affinity: kubernetes.io/hostname In these. */
  hosts?: string[];
  labels?: Record<string, string>;
  volumeMode?: string;
  resourceVersion?: string;
}

export function volume(name: string, o: VolumeOptions = {}): PersistentVolume {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: { name, resourceVersion: o.resourceVersion ?? '1', ...(o.labels ? { labels: o.labels } : {}) },
    spec: {
      capacity: { storage: o.capacity ?? '1Gi' },
      accessModes: o.accessModes ?? ['ReadWriteOnce'],
      ...(o.className !== undefined ? { storageClassName: o.className } : {}),
      local: { path: `/mnt/${name}` },
      ...(o.claimRef ? { claimRef: { kind: 'PersistentVolumeClaim', namespace: o.claimRef.namespace ?? 'default', name: o.claimRef.name, ...(o.claimRef.uid ? { uid: o.claimRef.uid } : {}) } } : {}),
      ...(o.hosts
        ? { nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: o.hosts }] }] } } }
        : {}),
      ...(o.volumeMode ? { volumeMode: o.volumeMode } : {}),
    },
    status: { phase: o.phase ?? (o.claimRef ? 'Bound' : 'Available') },
  };
}

export function storageClass(name: string, mode: string | undefined, provisioner = 'kubernetes.io/no-provisioner', zones?: string[]): StorageClass {
  return {
    apiVersion: 'storage.k8s.io/v1',
    kind: 'StorageClass',
    metadata: { name },
    provisioner,
    ...(mode ? { volumeBindingMode: mode } : {}),
    ...(zones ? { allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: zones }] }] } : {}),
  };
}

/** A pod mounting these claims (persistentVolumeClaim volumes), plus any extra volumes. */
export function podWithClaims(name: string, claims: string[], extra: Volume[] = []): Pod {
  const pod = makePod(name).uid(`uid-${name}`).build();
  pod.spec!.volumes = [...claims.map((c, i) => ({ name: `vol-${i}`, persistentVolumeClaim: { claimName: c } })), ...extra];
  return pod;
}

/** A generic ephemeral volume named name (its claim is "<pod>-<name>"). */
export function ephemeralVolume(name: string): Volume {
  return { name, ephemeral: { volumeClaimTemplate: { spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } } } };
}
