// Choosing a static PersistentVolume for an unbound WaitForFirstConsumer claim on one node,
// as Kubernetes 1.32 chooses it (component-helpers storage/volume FindMatchingVolume, on the
// scheduler's path: a node is given and binding is delayed).
//
// Contract:
//  - A volume pre-bound to the claim (claimRef naming it) is the answer whenever one exists,
//    unless its node affinity excludes the node: then there is no match at all.
//  - Otherwise the smallest volume that is Available, not being deleted, not excluded (already
//    chosen for another claim of the pod), not bound to another claim, at least as large as
//    the request, of the claim's class and volumeMode (absent: Filesystem), matching the
//    claim's selector, offering every access mode the claim asks for, and usable from the
//    node. Ties keep the first in list order.
//  - VolumeAttributesClass is beta and off by default in 1.32: a claim naming one matches
//    nothing, a volume naming one is never chosen.
//  - An invalid claim selector throws (the scheduler reports it as an error).

import type { LabelSelector } from '../../../api/labels/index.js';
import { selectorFromObject } from '../../../api/labels/index.js';
import type { PersistentVolume, PersistentVolumeClaim } from '../../../api/types/core-v1.js';
import { claimClassName, isVolumeBoundToClaim, pvNodeAffinityMatches, requestedStorage, VOLUME_AVAILABLE, volumeCapacity, volumeClassName } from './storage.js';

const FILESYSTEM = 'Filesystem';

function volumeModeMismatch(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  return (claim.spec?.volumeMode || FILESYSTEM) !== (pv.spec?.volumeMode || FILESYSTEM);
}

function offersAccessModes(claim: PersistentVolumeClaim, pv: PersistentVolume): boolean {
  const offered = pv.spec?.accessModes ?? [];
  return (claim.spec?.accessModes ?? []).every((m) => offered.includes(m));
}

function claimSelector(claim: PersistentVolumeClaim): LabelSelector | undefined {
  const sel = claim.spec?.selector;
  if (!sel) return undefined;
  try {
    return selectorFromObject(sel);
  } catch (err) {
    const key = `${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''}`;
    throw new Error(`error creating internal label selector for claim: ${key}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** What a volume that is not pre-bound to the claim must satisfy beyond size, mode and node. */
function eligible(pv: PersistentVolume, claim: PersistentVolumeClaim, selector: LabelSelector | undefined): boolean {
  if (pv.status?.phase !== VOLUME_AVAILABLE) return false;
  if (selector && !selector.matches(pv.metadata.labels ?? {})) return false;
  if (volumeClassName(pv) !== claimClassName(claim)) return false;
  return offersAccessModes(claim, pv);
}

export function findMatchingVolume(
  claim: PersistentVolumeClaim,
  volumes: readonly PersistentVolume[],
  nodeLabels: Readonly<Record<string, string>> | undefined,
  excluded: ReadonlySet<string>,
): PersistentVolume | undefined {
  if (claim.spec?.volumeAttributesClassName) return undefined;
  const requested = requestedStorage(claim);
  const selector = claimSelector(claim);
  let smallest: PersistentVolume | undefined;
  for (const pv of volumes) {
    if (excluded.has(pv.metadata.name ?? '')) continue;
    if (pv.spec?.claimRef && !isVolumeBoundToClaim(pv, claim)) continue;
    const capacity = volumeCapacity(pv);
    if (capacity.cmp(requested) < 0) continue;
    if (volumeModeMismatch(claim, pv)) continue;
    if (pv.spec?.volumeAttributesClassName) continue;
    if (pv.metadata.deletionTimestamp) continue;
    const fitsNode = pvNodeAffinityMatches(pv, nodeLabels);
    if (isVolumeBoundToClaim(pv, claim)) return fitsNode ? pv : undefined;
    if (!fitsNode || !eligible(pv, claim, selector)) continue;
    if (!smallest || volumeCapacity(smallest).cmp(capacity) > 0) smallest = pv;
  }
  return smallest;
}

/** Claims ordered by increasing request, so each gets the smallest volume that fits it. */
export function byRequestedSize(claims: readonly PersistentVolumeClaim[]): PersistentVolumeClaim[] {
  return claims.slice().sort((a, b) => requestedStorage(a).cmp(requestedStorage(b)));
}
