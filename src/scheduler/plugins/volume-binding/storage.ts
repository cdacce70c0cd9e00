// The storage objects the volume plugins (VolumeBinding, VolumeRestrictions, VolumeZone)
// read, and the storage helpers of Kubernetes 1.32 they share (component-helpers
// storage/volume and storage/ephemeral).
//
// Contract:
//  - StorageListers is how the plugins read PersistentVolumeClaims, PersistentVolumes and
//    StorageClasses: the scheduler's informer caches in a running scheduler
//    (storageFromInformers), plain lists in tests (storageFromLists), nothing at all when a
//    framework is built without informers (NO_STORAGE: every claim is then missing). Objects
//    returned are shared cache objects: never mutated.
//  - A claim's class is the beta annotation volume.beta.kubernetes.io/storage-class when set,
//    else spec.storageClassName, else '' (no class); the same for a volume.
//  - A claim is fully bound when it names a volume AND carries pv.kubernetes.io/bind-completed
//    (the PV controller's mark): a claim that only names a volume is "pre-bound", and the
//    scheduler treats it as an unbound Immediate claim until the controller completes it.
//  - pvNodeAffinityMatches is CheckNodeAffinity: the volume's required node affinity against
//    the node's labels only. Kubernetes builds a node with nothing but those labels, so a
//    matchFields (metadata.name) term never matches; kite keeps that.

import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, TopologySelectorTerm, Volume } from '../../../api/types/core-v1.js';
import type { StorageClass } from '../../../api/types/storage-v1.js';
import { Quantity } from '../../../api/quantity.js';
import { builtinRef } from '../../../client/builtin-resources.js';
import type { SharedInformerFactory } from '../../../client/informer/factory.js';
import type { SharedIndexInformer } from '../../../client/informer/shared-informer.js';
import { CompiledNodeSelector } from '../helper/node-selector.js';

export const ANN_STORAGE_CLASS = 'volume.beta.kubernetes.io/storage-class';
export const ANN_BIND_COMPLETED = 'pv.kubernetes.io/bind-completed';
export const ANN_BOUND_BY_CONTROLLER = 'pv.kubernetes.io/bound-by-controller';
export const ANN_SELECTED_NODE = 'volume.kubernetes.io/selected-node';
/** A class with this provisioner cannot provision (local volumes). */
export const NOT_SUPPORTED_PROVISIONER = 'kubernetes.io/no-provisioner';
export const BINDING_WAIT_FOR_FIRST_CONSUMER = 'WaitForFirstConsumer';
export const READ_WRITE_ONCE_POD = 'ReadWriteOncePod';
export const CLAIM_LOST = 'Lost';
export const VOLUME_AVAILABLE = 'Available';

/** What the volume plugins read. */
export interface StorageListers {
  claim(namespace: string, name: string): PersistentVolumeClaim | undefined;
  claims(): readonly PersistentVolumeClaim[];
  volume(name: string): PersistentVolume | undefined;
  volumes(): readonly PersistentVolume[];
  storageClass(name: string): StorageClass | undefined;
  /** False once the caches behind have stopped (the scheduler is shutting down): work
   *  waiting on them gives up. */
  running(): boolean;
}

export const NO_STORAGE: StorageListers = {
  claim: () => undefined,
  claims: () => [],
  volume: () => undefined,
  volumes: () => [],
  storageClass: () => undefined,
  running: () => true,
};

export interface StorageLists {
  claims?: PersistentVolumeClaim[];
  volumes?: PersistentVolume[];
  classes?: StorageClass[];
}

/** Listers over lists the caller may change later (tests stand in for informer updates). */
export function storageFromLists(lists: StorageLists): StorageListers {
  return {
    claim: (ns, name) => lists.claims?.find((c) => (c.metadata.namespace ?? '') === ns && c.metadata.name === name),
    claims: () => lists.claims ?? [],
    volume: (name) => lists.volumes?.find((v) => v.metadata.name === name),
    volumes: () => lists.volumes ?? [],
    storageClass: (name) => lists.classes?.find((c) => c.metadata.name === name),
    running: () => true,
  };
}

export interface StorageInformers {
  readonly claims: SharedIndexInformer<PersistentVolumeClaim>;
  readonly volumes: SharedIndexInformer<PersistentVolume>;
  readonly classes: SharedIndexInformer<StorageClass>;
}

/** The scheduler's (shared) informers of the three resources. */
export function storageInformers(factory: SharedInformerFactory): StorageInformers {
  return {
    claims: factory.informerFor<PersistentVolumeClaim>(builtinRef('', 'persistentvolumeclaims')),
    volumes: factory.informerFor<PersistentVolume>(builtinRef('', 'persistentvolumes')),
    classes: factory.informerFor<StorageClass>(builtinRef('storage.k8s.io', 'storageclasses')),
  };
}

export function storageFromInformers(factory: SharedInformerFactory): StorageListers {
  const inf = storageInformers(factory);
  const claims = inf.claims.getStore();
  const volumes = inf.volumes.getStore();
  const classes = inf.classes.getStore();
  return {
    claim: (ns, name) => claims.getByKey(`${ns}/${name}`),
    claims: () => claims.list(),
    volume: (name) => volumes.getByKey(name),
    volumes: () => volumes.list(),
    storageClass: (name) => classes.getByKey(name),
    running: () => !inf.claims.isStopped(),
  };
}

// ---- claims of a pod ----

/** The claim of a generic ephemeral volume: "<pod>-<volume>" (ephemeral.VolumeClaimName). */
export function ephemeralClaimName(pod: Pod, volume: Volume): string {
  return `${pod.metadata.name ?? ''}-${volume.name}`;
}

/** The claim a volume uses, if any (a PVC volume's claimName, or an ephemeral volume's). */
export function claimNameOf(pod: Pod, volume: Volume): string | undefined {
  if (volume.persistentVolumeClaim) return volume.persistentVolumeClaim.claimName;
  if (volume.ephemeral) return ephemeralClaimName(pod, volume);
  return undefined;
}

/** Whether pod uses a claim at all: the fast test pods without claims take. */
export function podHasClaims(pod: Pod): boolean {
  const volumes = pod.spec?.volumes;
  if (!volumes) return false;
  for (const v of volumes) if (v.persistentVolumeClaim || v.ephemeral) return true;
  return false;
}

/** The error when an ephemeral volume's claim is not the pod's own (ephemeral.VolumeIsForPod):
 *  only a claim the pod controls was made for it. */
export function ephemeralClaimError(pod: Pod, claim: PersistentVolumeClaim): string | undefined {
  const uid = pod.metadata.uid;
  const owned = (claim.metadata.ownerReferences ?? []).some((r) => r.controller === true && r.uid === uid);
  if (owned) return undefined;
  return `PVC ${claim.metadata.namespace ?? ''}/${claim.metadata.name ?? ''} was not created for pod ${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''} (pod is not owner)`;
}

// ---- classes and binding state ----

export function claimClassName(claim: PersistentVolumeClaim): string {
  const ann = claim.metadata.annotations?.[ANN_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return claim.spec?.storageClassName ?? '';
}

export function volumeClassName(pv: PersistentVolume): string {
  const ann = pv.metadata.annotations?.[ANN_STORAGE_CLASS];
  if (ann !== undefined) return ann;
  return pv.spec?.storageClassName ?? '';
}

export function isClaimFullyBound(claim: PersistentVolumeClaim): boolean {
  return !!claim.spec?.volumeName && claim.metadata.annotations?.[ANN_BIND_COMPLETED] !== undefined;
}

/** Whether binding of the claim waits for a pod (IsDelayBindingMode). A class that does not
 *  exist means Immediate: the PV controller, not the scheduler, deals with such claims.
 *  Throws when the class has no binding mode (the API defaults it, so only a broken class). */
export function isDelayBinding(claim: PersistentVolumeClaim, storage: StorageListers): boolean {
  const name = claimClassName(claim);
  if (name === '') return false;
  const cls = storage.storageClass(name);
  if (!cls) return false;
  if (cls.volumeBindingMode === undefined || cls.volumeBindingMode === '') throw new Error(`VolumeBindingMode not set for StorageClass "${name}"`);
  return cls.volumeBindingMode === BINDING_WAIT_FOR_FIRST_CONSUMER;
}

/** Whether the volume is bound (or pre-bound) to exactly this claim (IsVolumeBoundToClaim). */
export function isVolumeBoundToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): boolean {
  const ref = pv.spec?.claimRef;
  if (!ref) return false;
  if (ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '')) return false;
  return !ref.uid || ref.uid === claim.metadata.uid;
}

// ---- sizes ----

const ZERO = Quantity.zero();

function quantityOf(v: string | number | undefined): Quantity {
  if (v === undefined) return ZERO;
  try {
    return Quantity.fromJSON(v);
  } catch {
    // The API validates quantities: an unparsable one can only come from a hand-made object.
    return ZERO;
  }
}

export function requestedStorage(claim: PersistentVolumeClaim): Quantity {
  return quantityOf(claim.spec?.resources?.requests?.storage);
}

export function volumeCapacity(pv: PersistentVolume): Quantity {
  return quantityOf(pv.spec?.capacity?.storage);
}

// ---- topology ----

const compiledAffinity = new WeakMap<PersistentVolume, CompiledNodeSelector | null>();
const NO_LABELS: Readonly<Record<string, string>> = {};

/** Whether the volume may be used from a node with these labels (CheckNodeAffinity). */
export function pvNodeAffinityMatches(pv: PersistentVolume, labels: Readonly<Record<string, string>> | undefined): boolean {
  let sel = compiledAffinity.get(pv);
  if (sel === undefined) {
    const required = pv.spec?.nodeAffinity?.required;
    sel = required ? new CompiledNodeSelector(required) : null;
    compiledAffinity.set(pv, sel);
  }
  if (sel === null) return true;
  const labelsOnly: Node = { metadata: { labels: labels ?? NO_LABELS } };
  return sel.match(labelsOnly);
}

/** Whether labels satisfy a class's allowedTopologies (MatchTopologySelectorTerms): no terms
 *  allow everything; an empty or invalid term allows nothing; terms are ORed, a term's
 *  requirements ANDed. */
export function matchTopologySelectorTerms(terms: readonly TopologySelectorTerm[] | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!terms || terms.length === 0) return true;
  for (const term of terms) {
    const reqs = term.matchLabelExpressions ?? [];
    if (reqs.length === 0) continue;
    if (reqs.every((r) => r.values.length > 0 && labels[r.key] !== undefined && r.values.includes(labels[r.key]!))) return true;
  }
  return false;
}
