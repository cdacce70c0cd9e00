// The StorageObjectInUseProtection admission plugin (not defaulting: Kubernetes adds these in
// admission, on create): a new PersistentVolumeClaim carries the kubernetes.io/pvc-protection
// finalizer and a new PersistentVolume the kubernetes.io/pv-protection one, so neither goes
// away while a pod (or a claim) still uses it; the protection controllers remove them.

import type { KubeObject } from '../meta.js';

export const PVC_PROTECTION_FINALIZER = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION_FINALIZER = 'kubernetes.io/pv-protection';

/** Adds the protection finalizer of a new PersistentVolumeClaim or PersistentVolume. */
export function addProtectionFinalizer(obj: KubeObject): void {
  const finalizer =
    obj.kind === 'PersistentVolumeClaim' ? PVC_PROTECTION_FINALIZER : obj.kind === 'PersistentVolume' ? PV_PROTECTION_FINALIZER : undefined;
  if (!finalizer || !obj.metadata) return;
  const finalizers = obj.metadata.finalizers;
  if (finalizers !== undefined && finalizers !== null && !Array.isArray(finalizers)) return;
  if (finalizers?.includes(finalizer)) return;
  obj.metadata.finalizers = [...(finalizers ?? []), finalizer];
}
