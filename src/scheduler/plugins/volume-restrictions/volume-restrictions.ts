// VolumeRestrictions (kube-scheduler 1.32 volumerestrictions): volumes a pod may not share.
//  - In-line disks (Filter, per node): a GCE PD another pod on the node mounts, unless both
//    mount it read-only; an AWS EBS volume another pod mounts, read-only or not; an ISCSI
//    volume with the same IQN, unless both are read-only; an RBD image in the same pool
//    sharing a Ceph monitor, unless both are read-only. Unschedulable "node(s) had no
//    available disk" (the other pod may go).
//  - ReadWriteOncePod claims (PreFilter counts, Filter decides): the pod fits nowhere while
//    any scheduled (or assumed) pod uses one of its ReadWriteOncePod claims. Unschedulable,
//    so preemption may remove that pod; PreFilterExtensions keep the count right in its
//    what-if evaluations.
//  - PreFilter needs every persistentVolumeClaim volume's claim to exist:
//    'persistentvolumeclaim "x" not found' is UnschedulableAndUnresolvable. Skip when the
//    pod has neither in-line disks nor a ReadWriteOncePod claim in use.
//  - Queueing hints: an assigned pod of the pod's namespace deleted that held a conflicting
//    disk or shares a claim; a node added; a claim of the pod added.

import type { PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core-v1.js';
import type { Cloneable, CycleState } from '../../framework/cycle-state.js';
import { stateKey } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, Handle, NodeInfoLister, PreFilterExtensions, PreFilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { NO_STORAGE, READ_WRITE_ONCE_POD, storageFromInformers, type StorageListers } from '../volume-binding/storage.js';

export const ERR_REASON_DISK_CONFLICT = 'node(s) had no available disk';
export const ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT = 'node has pod using PersistentVolumeClaim with the same name and ReadWriteOncePod access mode';

/** The pod's ReadWriteOncePod claims and how many scheduled pods use them. */
class PreFilterState implements Cloneable<PreFilterState> {
  constructor(
    readonly readWriteOncePodClaims: ReadonlySet<string>,
    public conflictingRefCount: number,
  ) {}

  /** A pod coming to (1) or leaving (-1) the cluster in a what-if evaluation. */
  updateWithPod(pod: Pod, delta: 1 | -1): void {
    if (this.readWriteOncePodClaims.size === 0) return;
    for (const v of pod.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (name !== undefined && this.readWriteOncePodClaims.has(name)) this.conflictingRefCount += delta;
    }
  }

  clone(): PreFilterState {
    return new PreFilterState(this.readWriteOncePodClaims, this.conflictingRefCount);
  }
}

const preFilterKey = stateKey<PreFilterState>(`PreFilter${Names.VolumeRestrictions}`);
const SKIP = Status.skip();

/** Whether any two of the monitor lists name the same monitor. */
function haveOverlap(a: readonly string[], b: readonly string[]): boolean {
  const set = new Set(a);
  return b.some((m) => set.has(m));
}

/** Whether the in-line disk v conflicts with a volume of the other pod. */
export function isVolumeConflict(v: Volume, other: Pod): boolean {
  for (const ev of other.spec?.volumes ?? []) {
    if (v.gcePersistentDisk && ev.gcePersistentDisk) {
      if (v.gcePersistentDisk.pdName === ev.gcePersistentDisk.pdName && !(v.gcePersistentDisk.readOnly && ev.gcePersistentDisk.readOnly)) return true;
    }
    if (v.awsElasticBlockStore && ev.awsElasticBlockStore && v.awsElasticBlockStore.volumeID === ev.awsElasticBlockStore.volumeID) return true;
    // One read-write mount at a time: same IQN conflicts unless every mount is read-only.
    if (v.iscsi && ev.iscsi && v.iscsi.iqn === ev.iscsi.iqn && !(v.iscsi.readOnly && ev.iscsi.readOnly)) return true;
    if (v.rbd && ev.rbd) {
      const a = v.rbd;
      const b = ev.rbd;
      const samePool = (a.pool ?? '') === (b.pool ?? '') && a.image === b.image;
      if (samePool && haveOverlap(a.monitors ?? [], b.monitors ?? []) && !(a.readOnly && b.readOnly)) return true;
    }
  }
  return false;
}

/** Volumes the disk conflict check looks at. */
function needsRestrictionsCheck(v: Volume): boolean {
  return !!(v.gcePersistentDisk || v.awsElasticBlockStore || v.rbd || v.iscsi);
}

/** Whether the pod's in-line disks are free of the given pods' (a node's pods). */
export function satisfiesVolumeConflicts(pod: Pod, others: readonly PodInfo[]): boolean {
  for (const v of pod.spec?.volumes ?? []) {
    if (!needsRestrictionsCheck(v)) continue;
    for (const ev of others) if (isVolumeConflict(v, ev.pod)) return false;
  }
  return true;
}

function conflictsWith(pod: Pod, other: Pod): boolean {
  for (const v of pod.spec?.volumes ?? []) if (needsRestrictionsCheck(v) && isVolumeConflict(v, other)) return true;
  return false;
}

export interface VolumeRestrictionsOptions {
  readonly storage?: StorageListers;
  /** Whether a scheduled or assumed pod uses the claim "namespace/name" (the snapshot's). */
  readonly isPVCUsedByPods?: (key: string) => boolean;
}

export class VolumeRestrictions implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.VolumeRestrictions;
  readonly #storage: StorageListers;
  readonly #isPVCUsedByPods: (key: string) => boolean;
  readonly #diskConflict = Status.unschedulable(ERR_REASON_DISK_CONFLICT);
  readonly #rwopConflict = Status.unschedulable(ERR_REASON_READ_WRITE_ONCE_POD_CONFLICT);
  readonly #extensions: PreFilterExtensions;

  constructor(opts: VolumeRestrictionsOptions = {}) {
    this.#storage = opts.storage ?? NO_STORAGE;
    this.#isPVCUsedByPods = opts.isPVCUsedByPods ?? (() => false);
    this.#extensions = {
      addPod: (state, _pod, podToAdd) => this.#updateWithPod(state, podToAdd, 1),
      removePod: (state, _pod, podToRemove) => this.#updateWithPod(state, podToRemove, -1),
    };
  }

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    const volumes = pod.pod.spec?.volumes;
    if (!volumes || volumes.length === 0) return SKIP;
    // Most pods mount neither claims nor in-line disks (service account tokens, config):
    // they leave without allocating.
    const needsCheck = volumes.some(needsRestrictionsCheck);
    if (!needsCheck && !volumes.some((v) => v.persistentVolumeClaim)) return SKIP;
    const claims = this.#readWriteOncePodClaims(pod.pod);
    if (typeof claims === 'string') return Status.unresolvable(claims);
    let conflicting = 0;
    // At most one pod can hold a ReadWriteOncePod claim: count claims in use, not pods.
    for (const name of claims) if (this.#isPVCUsedByPods(`${pod.namespace}/${name}`)) conflicting++;
    if (conflicting === 0 && !needsCheck) return SKIP;
    state.write(preFilterKey, new PreFilterState(claims, conflicting));
    return null;
  }

  /** The pod's claims with the ReadWriteOncePod access mode, or the error of a missing one. */
  #readWriteOncePodClaims(pod: Pod): Set<string> | string {
    const out = new Set<string>();
    const ns = pod.metadata.namespace ?? '';
    for (const v of pod.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (name === undefined) continue;
      const claim: PersistentVolumeClaim | undefined = this.#storage.claim(ns, name);
      if (!claim) return `persistentvolumeclaim "${name}" not found`;
      if (claim.spec?.accessModes?.includes(READ_WRITE_ONCE_POD)) out.add(claim.metadata.name ?? name);
    }
    return out;
  }

  preFilterExtensions(): PreFilterExtensions {
    return this.#extensions;
  }

  #updateWithPod(state: CycleState, pod: PodInfo, delta: 1 | -1): Status | null {
    const s = state.read(preFilterKey);
    if (!s) return Status.error(new Error(`cannot read "${preFilterKey.name}" from cycleState`));
    s.updateWithPod(pod.pod, delta);
    return null;
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (!satisfiesVolumeConflicts(pod.pod, nodeInfo.pods)) return this.#diskConflict;
    const s = state.read(preFilterKey);
    if (!s) return Status.error(new Error(`cannot read "${preFilterKey.name}" from cycleState`));
    return s.conflictingRefCount > 0 ? this.#rwopConflict : null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // Volumes are immutable: only a pod going away frees a disk or a claim.
      { event: { resource: 'Pod', actionType: ActionType.Delete }, hint: (pod, deleted) => podDeletedHint(pod, deleted as Pod | undefined) },
      { event: { resource: 'Node', actionType: ActionType.Add } },
      // The claim must exist for its access modes to be known.
      { event: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add }, hint: (pod, _o, added) => claimAddedHint(pod, added as PersistentVolumeClaim | undefined) },
    ];
  }
}

/** A deleted pod of the namespace that held a disk the pod wants, or shares a claim with it
 *  (the claim's access mode is not looked up: any shared claim may be ReadWriteOncePod). */
export function podDeletedHint(pod: Pod, deleted: Pod | undefined): QueueingHint {
  if (!deleted) return QueueingHint.Queue;
  if ((deleted.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) return QueueingHint.QueueSkip;
  if (conflictsWith(pod, deleted)) return QueueingHint.Queue;
  const claims = new Set<string>();
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim) claims.add(v.persistentVolumeClaim.claimName);
  for (const v of deleted.spec?.volumes ?? []) if (v.persistentVolumeClaim && claims.has(v.persistentVolumeClaim.claimName)) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

export function claimAddedHint(pod: Pod, claim: PersistentVolumeClaim | undefined): QueueingHint {
  if (!claim) return QueueingHint.Queue;
  if ((claim.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) return QueueingHint.QueueSkip;
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === claim.metadata.name) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

interface PVCIndex {
  isPVCUsedByPods(key: string): boolean;
}

function hasPVCIndex(l: NodeInfoLister): l is NodeInfoLister & PVCIndex {
  return typeof (l as Partial<PVCIndex>).isPVCUsedByPods === 'function';
}

/** The snapshot's own index when it has one (the scheduler's Snapshot), else a scan. */
function pvcUsedIn(lister: NodeInfoLister, key: string): boolean {
  if (hasPVCIndex(lister)) return lister.isPVCUsedByPods(key);
  return lister.list().some((n) => n.pvcRefCounts.has(key));
}

export function newVolumeRestrictions(_args: unknown, handle: Handle): VolumeRestrictions {
  return new VolumeRestrictions({
    storage: handle.informers ? storageFromInformers(handle.informers) : NO_STORAGE,
    isPVCUsedByPods: (key) => pvcUsedIn(handle.snapshot(), key),
  });
}
