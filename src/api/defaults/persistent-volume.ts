// What the PersistentVolume registry strategies do to its status (not defaulting: Kubernetes
// does it when preparing writes; PersistentVolumeLastPhaseTransitionTime is on in 1.32): a new
// volume starts Pending with lastPhaseTransitionTime now; a status write that changes the phase
// stamps a new transition time unless the writer set a new one itself, and one that keeps the
// phase keeps the stored time when the writer sent none.

import type { KubeObject } from '../meta.js';
import { isNil, isObj, struct } from './values.js';

/** A metav1.Time: RFC 3339 in UTC, whole seconds. */
export function metaTime(now: Date): string {
  return now.toISOString().replace(/\.\d+Z$/, 'Z');
}

/** The status of a PersistentVolume being created. */
export function preparePersistentVolumeForCreate(pv: KubeObject, now: Date = new Date()): void {
  pv.status = { phase: 'Pending', lastPhaseTransitionTime: metaTime(now) };
}

/** Maintains lastPhaseTransitionTime on a status update of a PersistentVolume. */
export function persistentVolumeStatusTransition(pv: KubeObject, old: KubeObject, now: Date = new Date()): void {
  const status = struct(pv, 'status');
  if (!status) return;
  const oldStatus = isObj(old.status) ? old.status : {};
  const time = status.lastPhaseTransitionTime;
  if ((oldStatus.phase ?? '') === (status.phase ?? '')) {
    if (isNil(time) && !isNil(oldStatus.lastPhaseTransitionTime)) status.lastPhaseTransitionTime = oldStatus.lastPhaseTransitionTime;
  } else if (isNil(time) || time === oldStatus.lastPhaseTransitionTime) {
    status.lastPhaseTransitionTime = metaTime(now);
  }
}
