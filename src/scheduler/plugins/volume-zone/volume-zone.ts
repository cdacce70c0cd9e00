// VolumeZone (kube-scheduler 1.32 volumezone): a pod goes only to nodes in the zones and
// regions of the PersistentVolumes its bound claims use.
//  - PreFilter reads, for each persistentVolumeClaim volume, the claim and its volume's
//    zone/region labels (topology.kubernetes.io/zone|region and the deprecated
//    failure-domain.beta.kubernetes.io/zone|region; a value may list zones joined by "__").
//    An unbound claim of a WaitForFirstConsumer class is left out (VolumeBinding places it);
//    any other unbound claim, and a missing claim, volume or class, rejects the pod
//    (UnschedulableAndUnresolvable, with 1.32's messages). Skip when no volume has labels.
//  - Filter: a node with none of those labels fits (a single-zone cluster); otherwise each
//    volume label needs the node's label of the same key (a beta key may be matched by the
//    node's GA key) with a value among the volume's: else UnschedulableAndUnresolvable
//    "node(s) had no available volume zone".
//  - Queueing hints: a WaitForFirstConsumer StorageClass added; a node added or relabelled;
//    a claim of the pod added or updated; a volume added, or its zone labels changed.

import type { PersistentVolume, PersistentVolumeClaim, Pod } from '../../../api/types/core-v1.js';
import type { StorageClass } from '../../../api/types/storage-v1.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, Handle, PreFilterPlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { BINDING_WAIT_FOR_FIRST_CONSUMER, claimClassName, NO_STORAGE, storageFromInformers, type StorageListers } from '../volume-binding/storage.js';

export const ERR_REASON_CONFLICT = 'node(s) had no available volume zone';

export const LABEL_FAILURE_DOMAIN_BETA_ZONE = 'failure-domain.beta.kubernetes.io/zone';
export const LABEL_FAILURE_DOMAIN_BETA_REGION = 'failure-domain.beta.kubernetes.io/region';
export const LABEL_TOPOLOGY_ZONE = 'topology.kubernetes.io/zone';
export const LABEL_TOPOLOGY_REGION = 'topology.kubernetes.io/region';

const TOPOLOGY_LABELS = [LABEL_FAILURE_DOMAIN_BETA_ZONE, LABEL_FAILURE_DOMAIN_BETA_REGION, LABEL_TOPOLOGY_ZONE, LABEL_TOPOLOGY_REGION] as const;
const MULTI_ZONE_DELIMITER = '__';

/** One topology label of a volume: the values a node's label must be among. */
export interface PVTopology {
  readonly pvName: string;
  readonly key: string;
  readonly values: ReadonlySet<string>;
}

const preFilterKey = stateKey<readonly PVTopology[]>(`PreFilter${Names.VolumeZone}`);
const SKIP = Status.skip();
const NO_LABELS: Readonly<Record<string, string>> = {};

/** LabelZonesToSet: "a__b" -> {a, b}; an empty element makes the whole value unusable. */
function zonesOf(value: string): Set<string> | undefined {
  const out = new Set<string>();
  for (const part of value.split(MULTI_ZONE_DELIMITER)) {
    const zone = part.trim();
    if (zone === '') return undefined;
    out.add(zone);
  }
  return out;
}

/** The volume's usable topology labels; unparsable ones are ignored. */
export function pvTopologies(pv: PersistentVolume): PVTopology[] {
  const out: PVTopology[] = [];
  const labels = pv.metadata.labels ?? NO_LABELS;
  for (const key of TOPOLOGY_LABELS) {
    const value = labels[key];
    if (value === undefined) continue;
    const values = zonesOf(value);
    if (values) out.push({ pvName: pv.metadata.name ?? '', key, values });
  }
  return out;
}

/** A node labelled only with the GA key still satisfies a volume's beta key. */
function gaLabelOf(key: string): string {
  if (key === LABEL_FAILURE_DOMAIN_BETA_REGION) return LABEL_TOPOLOGY_REGION;
  if (key === LABEL_FAILURE_DOMAIN_BETA_ZONE) return LABEL_TOPOLOGY_ZONE;
  return key;
}

function claimNamesOf(pod: Pod): string[] {
  const out: string[] = [];
  for (const v of pod.spec?.volumes ?? []) if (v.persistentVolumeClaim) out.push(v.persistentVolumeClaim.claimName);
  return out;
}

export class VolumeZone implements PreFilterPlugin, FilterPlugin, EnqueueExtensions {
  readonly name = Names.VolumeZone;
  readonly #storage: StorageListers;
  readonly #conflict = Status.unresolvable(ERR_REASON_CONFLICT);

  constructor(storage: StorageListers = NO_STORAGE) {
    this.#storage = storage;
  }

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    const volumes = pod.pod.spec?.volumes;
    if (!volumes || !volumes.some((v) => v.persistentVolumeClaim)) return SKIP;
    const topologies = this.#topologiesOf(pod.pod);
    if (topologies instanceof Status) return topologies;
    if (topologies.length === 0) return SKIP;
    state.write(preFilterKey, topologies);
    return null;
  }

  /** The topology labels of the pod's bound volumes, or why they cannot be known. */
  #topologiesOf(pod: Pod): PVTopology[] | Status {
    const out: PVTopology[] = [];
    const ns = pod.metadata.namespace ?? '';
    for (const claimName of claimNamesOf(pod)) {
      if (claimName === '') return Status.unresolvable('PersistentVolumeClaim had no name');
      const claim = this.#storage.claim(ns, claimName);
      if (!claim) return Status.unresolvable(`persistentvolumeclaim "${claimName}" not found`);
      const pvName = claim.spec?.volumeName ?? '';
      if (pvName === '') {
        const unbound = this.#unboundClaimStatus(claim);
        if (unbound) return unbound;
        continue;
      }
      const pv = this.#storage.volume(pvName);
      if (!pv) return Status.unresolvable(`persistentvolume "${pvName}" not found`);
      out.push(...pvTopologies(pv));
    }
    return out;
  }

  /** null when the unbound claim waits for its first consumer (VolumeBinding's business). */
  #unboundClaimStatus(claim: PersistentVolumeClaim): Status | null {
    const scName = claimClassName(claim);
    if (scName === '') return Status.unresolvable('PersistentVolumeClaim had no pv name and storageClass name');
    const cls = this.#storage.storageClass(scName);
    if (!cls) return Status.unresolvable(`storageclass.storage.k8s.io "${scName}" not found`);
    if (!cls.volumeBindingMode) return Status.unresolvable(`VolumeBindingMode not set for StorageClass "${scName}"`);
    if (cls.volumeBindingMode === BINDING_WAIT_FOR_FIRST_CONSUMER) return null;
    return Status.unresolvable('PersistentVolume had no name');
  }

  filter(state: CycleState, pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    if (!pod.pod.spec?.volumes?.length) return null;
    let topologies = state.read(preFilterKey);
    if (!topologies) {
      // PreFilter did not run (an evaluation outside a scheduling cycle): read them now.
      const t = this.#topologiesOf(pod.pod);
      if (t instanceof Status) return t;
      topologies = t;
    }
    const labels = nodeInfo.node?.metadata.labels ?? NO_LABELS;
    // A node without zone labels is in the cluster's only zone.
    if (!TOPOLOGY_LABELS.some((k) => labels[k] !== undefined)) return null;
    for (const t of topologies) {
      const v = labels[t.key] ?? labels[gaLabelOf(t.key)];
      if (v === undefined || !t.values.has(v)) return this.#conflict;
    }
    return null;
  }

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // A class's binding mode is immutable: only a new WaitForFirstConsumer class helps.
      { event: { resource: 'StorageClass', actionType: ActionType.Add }, hint: (_pod, _o, added) => storageClassAddedHint(added as StorageClass | undefined) },
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel } },
      // A claim appearing, or getting its volume name.
      { event: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add | ActionType.Update }, hint: (pod, _o, n) => claimChangeHint(pod, n as PersistentVolumeClaim | undefined) },
      { event: { resource: 'PersistentVolume', actionType: ActionType.Add | ActionType.Update }, hint: (_pod, o, n) => volumeChangeHint(o as PersistentVolume | undefined, n as PersistentVolume | undefined) },
    ];
  }
}

export function storageClassAddedHint(cls: StorageClass | undefined): QueueingHint {
  if (!cls) return QueueingHint.Queue;
  return cls.volumeBindingMode === BINDING_WAIT_FOR_FIRST_CONSUMER ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

export function claimChangeHint(pod: Pod, claim: PersistentVolumeClaim | undefined): QueueingHint {
  if (!claim || (claim.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) return QueueingHint.QueueSkip;
  return claimNamesOf(pod).includes(claim.metadata.name ?? '') ? QueueingHint.Queue : QueueingHint.QueueSkip;
}

function topologyId(pv: PersistentVolume): string {
  return JSON.stringify(pvTopologies(pv).map((t) => [t.key, [...t.values].sort()]));
}

/** Node affinity of a volume is immutable; only its zone labels can change the outcome. */
export function volumeChangeHint(oldPV: PersistentVolume | undefined, newPV: PersistentVolume | undefined): QueueingHint {
  if (!oldPV || !newPV) return QueueingHint.Queue;
  return topologyId(oldPV) === topologyId(newPV) ? QueueingHint.QueueSkip : QueueingHint.Queue;
}

export function newVolumeZone(_args: unknown, handle: Handle): VolumeZone {
  return new VolumeZone(handle.informers ? storageFromInformers(handle.informers) : NO_STORAGE);
}
