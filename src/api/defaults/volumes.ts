// Volume defaults, as Kubernetes 1.32 fills them in pod volumes, PersistentVolume sources and
// claim specs: a volume with no source is an emptyDir; secret, configMap, downwardAPI and
// projected volumes get file mode 0644 (420); a projected service account token lives an hour;
// downward API field references default to apiVersion v1; hostPath's type is "" (no check);
// the in-tree iSCSI, RBD, Azure Disk and ScaleIO sources keep their historical defaults; a
// claim's volumeMode is Filesystem.

import { SchemaNode } from '../openapi/schema.js';
import { defaultPointer, defaultString, embeddedMeta, isNil, items, pointer, struct, type Obj } from './values.js';

/** 0644: what Kubernetes gives secret, configMap, downwardAPI and projected files. */
export const DEFAULT_FILE_MODE = 420;
const TOKEN_EXPIRATION_SECONDS = 3600;

let volumeSourceKeys: readonly string[] | undefined;

/** Every VolumeSource field of a Volume (all of Volume's fields but its name), from the schema. */
function sourceKeys(): readonly string[] {
  volumeSourceKeys ??= Object.keys(SchemaNode.forDefinition('io.k8s.api.core.v1.Volume')?.properties ?? {}).filter(
    (k) => k !== 'name',
  );
  return volumeSourceKeys;
}

/** SetDefaults_Volume and the defaults of its source. */
export function defaultVolume(volume: Obj): void {
  if (sourceKeys().every((k) => isNil(volume[k]))) volume.emptyDir = {};
  defaultSharedSources(volume);
  const secret = pointer(volume, 'secret');
  if (secret) defaultPointer(secret, 'defaultMode', DEFAULT_FILE_MODE);
  const configMap = pointer(volume, 'configMap');
  if (configMap) defaultPointer(configMap, 'defaultMode', DEFAULT_FILE_MODE);
  const downwardAPI = pointer(volume, 'downwardAPI');
  if (downwardAPI) {
    defaultPointer(downwardAPI, 'defaultMode', DEFAULT_FILE_MODE);
    defaultDownwardAPIItems(downwardAPI);
  }
  const projected = pointer(volume, 'projected');
  if (projected) {
    defaultPointer(projected, 'defaultMode', DEFAULT_FILE_MODE);
    for (const source of items(projected, 'sources')) {
      const api = pointer(source, 'downwardAPI');
      if (api) defaultDownwardAPIItems(api);
      const token = pointer(source, 'serviceAccountToken');
      if (token) defaultPointer(token, 'expirationSeconds', TOKEN_EXPIRATION_SECONDS);
    }
  }
  const ephemeral = pointer(volume, 'ephemeral');
  const template = ephemeral && pointer(ephemeral, 'volumeClaimTemplate');
  if (template) {
    embeddedMeta(template);
    const spec = struct(template, 'spec');
    if (spec) defaultClaimSpec(spec);
  }
}

/** The sources a PersistentVolumeSpec shares with a pod volume, with the same defaults. */
export function defaultPersistentVolumeSources(spec: Obj): void {
  defaultSharedSources(spec);
}

function defaultSharedSources(o: Obj): void {
  const hostPath = pointer(o, 'hostPath');
  if (hostPath) defaultPointer(hostPath, 'type', '');
  const iscsi = pointer(o, 'iscsi');
  if (iscsi) defaultString(iscsi, 'iscsiInterface', 'default');
  const rbd = pointer(o, 'rbd');
  if (rbd) {
    defaultString(rbd, 'pool', 'rbd');
    defaultString(rbd, 'user', 'admin');
    defaultString(rbd, 'keyring', '/etc/ceph/keyring');
  }
  const azureDisk = pointer(o, 'azureDisk');
  if (azureDisk) {
    defaultPointer(azureDisk, 'cachingMode', 'ReadWrite');
    defaultPointer(azureDisk, 'kind', 'Shared');
    defaultPointer(azureDisk, 'fsType', 'ext4');
    defaultPointer(azureDisk, 'readOnly', false);
  }
  const scaleIO = pointer(o, 'scaleIO');
  if (scaleIO) {
    defaultString(scaleIO, 'storageMode', 'ThinProvisioned');
    defaultString(scaleIO, 'fsType', 'xfs');
  }
}

function defaultDownwardAPIItems(source: Obj): void {
  for (const item of items(source, 'items')) {
    const fieldRef = pointer(item, 'fieldRef');
    if (fieldRef) defaultObjectFieldSelector(fieldRef);
  }
}

/** SetDefaults_ObjectFieldSelector. */
export function defaultObjectFieldSelector(fieldRef: Obj): void {
  defaultString(fieldRef, 'apiVersion', 'v1');
}

/** SetDefaults_PersistentVolumeClaimSpec, plus the resources struct Go always writes. */
export function defaultClaimSpec(spec: Obj): void {
  defaultPointer(spec, 'volumeMode', 'Filesystem');
  struct(spec, 'resources');
}

/** A whole claim (a PVC or a StatefulSet's claim template): its spec and its Pending phase. */
export function defaultClaim(claim: Obj): void {
  const spec = struct(claim, 'spec');
  if (spec) defaultClaimSpec(spec);
  const status = struct(claim, 'status');
  if (status) defaultString(status, 'phase', 'Pending');
}
