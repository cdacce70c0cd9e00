// VolumeBinding (kube-scheduler 1.32 volumebinding): a pod goes only where its
// PersistentVolumeClaims can be used, and the claims that wait for their first consumer are
// bound for the node chosen.
//  - PreFilter: pods without claims (persistentVolumeClaim and ephemeral volumes) Skip at
//    once. Otherwise every claim must exist (an ephemeral volume's "<pod>-<volume>" claim
//    must be the pod's own), not be Lost, not be being deleted; any unbound claim that does
//    not wait for a first consumer (Immediate class, no class, a class that does not exist,
//    or a claim pre-bound to a volume but not yet completed) makes the pod wait for the PV
//    controller. All UnschedulableAndUnresolvable, with 1.32's messages.
//  - Filter: binder.ts findPodVolumes — bound claims' volumes must admit the node; unbound
//    WaitForFirstConsumer claims need a matching static volume or a provisioner allowed
//    there. Rejections are UnschedulableAndUnresolvable with every reason that applies.
//  - Reserve / Unreserve: the chosen node's plan goes into (and out of) the assume caches.
//  - PreBind: when something is left to bind, writes the plan through the API and waits,
//    up to args.bindTimeoutSeconds (default 600), for the claims to become bound.
//  - No Score: the capacity scoring needs the VolumeCapacityPriority gate, off in 1.32.
//  - Queueing hints: a claim of the pod added or updated; a StorageClass added or its
//    allowedTopologies changed; any volume added or updated; a node added or relabelled.
//
// kite has no PersistentVolume controller yet: a pod whose claims are all bound (the claim
// names its volume and carries pv.kubernetes.io/bind-completed) schedules normally, but a
// pod with an unbound WaitForFirstConsumer claim waits in PreBind until a PV controller
// binds the claim — today, until bindTimeoutSeconds passes and the pod is retried — and a
// pod with an unbound Immediate claim stays unschedulable.

import type { Node, PersistentVolumeClaim, Pod } from '../../../api/types/core-v1.js';
import type { StorageClass } from '../../../api/types/storage-v1.js';
import { builtinRef } from '../../../client/builtin-resources.js';
import { realClock, type Clock } from '../../../client/workqueue/clock.js';
import { stateKey, type CycleState } from '../../framework/cycle-state.js';
import { ActionType, QueueingHint, type ClusterEventWithHint } from '../../framework/events.js';
import type { EnqueueExtensions, FilterPlugin, Handle, PreBindPlugin, PreFilterPlugin, ReservePlugin } from '../../framework/interface.js';
import type { NodeInfo } from '../../framework/node-info.js';
import type { PodInfo } from '../../framework/pod-info.js';
import { Status } from '../../framework/status.js';
import { Names } from '../names.js';
import { resolveArgs, type VolumeBindingArgs } from './args.js';
import { VolumeBinder, volumeAPIFromClient, type PodVolumeClaims, type PodVolumes, type VolumeAPI } from './binder.js';
import { CLAIM_LOST, claimNameOf, ephemeralClaimError, NO_STORAGE, podHasClaims, storageFromInformers, type StorageListers } from './storage.js';

export const ERR_REASON_UNBOUND_IMMEDIATE = 'pod has unbound immediate PersistentVolumeClaims';

interface StateData {
  /** Set at Reserve: nothing left to bind on the chosen node. */
  allBound: boolean;
  readonly claims: PodVolumeClaims;
  /** Filled by Filter: each feasible node's plan. */
  readonly podVolumesByNode: Map<string, PodVolumes>;
}

const key = stateKey<StateData>(Names.VolumeBinding);
const SKIP = Status.skip();
const DONE: Promise<Status | null> = Promise.resolve(null);

export interface VolumeBindingOptions {
  readonly storage?: StorageListers;
  readonly api?: VolumeAPI;
  readonly clock?: Clock;
  /** The node as the scheduler sees it now, for the binding cycle's checks. */
  readonly node?: (name: string) => Node | undefined;
}

const NO_API: VolumeAPI = {
  updateVolume: () => Promise.reject(new Error('no API client')),
  updateClaim: () => Promise.reject(new Error('no API client')),
  podExists: () => Promise.resolve(true),
};

export class VolumeBinding implements PreFilterPlugin, FilterPlugin, ReservePlugin, PreBindPlugin, EnqueueExtensions {
  readonly name = Names.VolumeBinding;
  readonly binder: VolumeBinder;
  readonly #storage: StorageListers;
  readonly #unboundImmediate = Status.unresolvable(ERR_REASON_UNBOUND_IMMEDIATE);
  /** One shared Status per combination of reasons. */
  readonly #rejections = new Map<string, Status>();

  /** Throws when args are invalid. */
  constructor(args?: VolumeBindingArgs, opts: VolumeBindingOptions = {}) {
    const { bindTimeoutSeconds } = resolveArgs(args);
    this.#storage = opts.storage ?? NO_STORAGE;
    this.binder = new VolumeBinder({
      storage: this.#storage,
      api: opts.api ?? NO_API,
      clock: opts.clock ?? realClock,
      bindTimeoutMs: bindTimeoutSeconds * 1000,
      node: opts.node ?? (() => undefined),
    });
  }

  // ---- PreFilter / Filter ----

  preFilter(state: CycleState, pod: PodInfo): Status | null {
    if (!podHasClaims(pod.pod)) return SKIP;
    const problem = this.#claimProblem(pod.pod);
    if (problem !== undefined) return Status.unresolvable(problem);
    let claims: PodVolumeClaims;
    try {
      claims = this.binder.getPodVolumeClaims(pod.pod);
    } catch (err) {
      return Status.error(err);
    }
    // The PV controller binds these; the claim's update brings the pod back.
    if (claims.unboundClaimsImmediate.length > 0) return this.#unboundImmediate;
    state.write(key, { allBound: false, claims, podVolumesByNode: new Map() });
    return null;
  }

  /** Why the pod's claims cannot be used at all (podHasPVCs), read from the informer. */
  #claimProblem(pod: Pod): string | undefined {
    const ns = pod.metadata.namespace ?? '';
    for (const v of pod.spec?.volumes ?? []) {
      const name = claimNameOf(pod, v);
      if (name === undefined) continue;
      const claim = this.#storage.claim(ns, name);
      if (!claim) {
        // Normal right after the pod is made: the ephemeral volume controller is behind.
        return v.ephemeral ? `waiting for ephemeral volume controller to create the persistentvolumeclaim "${name}"` : `persistentvolumeclaim "${name}" not found`;
      }
      if (claim.status?.phase === CLAIM_LOST) return `persistentvolumeclaim "${name}" bound to non-existent persistentvolume "${claim.spec?.volumeName ?? ''}"`;
      if (claim.metadata.deletionTimestamp) return `persistentvolumeclaim "${name}" is being deleted`;
      if (v.ephemeral) {
        const err = ephemeralClaimError(pod, claim);
        if (err) return err;
      }
    }
    return undefined;
  }

  filter(state: CycleState, _pod: PodInfo, nodeInfo: NodeInfo): Status | null {
    const s = state.read(key);
    if (!s) return Status.error(new Error(`reading "${key.name}" from cycleState: not found`));
    const node = nodeInfo.node;
    if (!node) return Status.error(new Error('node not found'));
    let found: { podVolumes: PodVolumes; reasons: string[] };
    try {
      found = this.binder.findPodVolumes(s.claims, node);
    } catch (err) {
      return Status.error(err);
    }
    if (found.reasons.length > 0) return this.#rejection(found.reasons);
    s.podVolumesByNode.set(nodeInfo.name, found.podVolumes);
    return null;
  }

  #rejection(reasons: string[]): Status {
    const id = reasons.join('\n');
    let s = this.#rejections.get(id);
    if (!s) this.#rejections.set(id, (s = Status.unresolvable(...reasons)));
    return s;
  }

  // ---- Reserve / PreBind ----

  reserve(state: CycleState, pod: PodInfo, nodeName: string): Status | null {
    const s = state.read(key);
    // No state: the pod has no claims (PreFilter skipped).
    if (!s) return null;
    const podVolumes = s.podVolumesByNode.get(nodeName);
    if (!podVolumes) {
      s.allBound = true;
      return null;
    }
    try {
      s.allBound = this.binder.assumePodVolumes(pod.pod, nodeName, podVolumes);
    } catch (err) {
      return Status.error(err);
    }
    return null;
  }

  unreserve(state: CycleState, _pod: PodInfo, nodeName: string): void {
    const podVolumes = state.read(key)?.podVolumesByNode.get(nodeName);
    if (podVolumes) this.binder.revertAssumedPodVolumes(podVolumes);
  }

  preBind(state: CycleState, pod: PodInfo, nodeName: string): Promise<Status | null> {
    const s = state.read(key);
    if (!s || s.allBound) return DONE;
    const podVolumes = s.podVolumesByNode.get(nodeName);
    if (!podVolumes) return Promise.resolve(Status.error(new Error(`no pod volumes found for node "${nodeName}"`)));
    return this.binder.bindPodVolumes(pod.pod, podVolumes).then(
      () => null,
      (err: unknown) => Status.error(err),
    );
  }

  // ---- queueing hints ----

  eventsToRegister(): ClusterEventWithHint[] {
    return [
      // A missing or mis-configured class (allowedTopologies) may be fixed.
      { event: { resource: 'StorageClass', actionType: ActionType.Add | ActionType.Update }, hint: (pod, o, n) => storageClassChangeHint(pod, o as StorageClass | undefined, n as StorageClass) },
      // Claims appear, get bound, get their selected node reset.
      { event: { resource: 'PersistentVolumeClaim', actionType: ActionType.Add | ActionType.Update }, hint: (pod, _o, n) => claimChangeHint(pod, n as PersistentVolumeClaim) },
      { event: { resource: 'PersistentVolume', actionType: ActionType.Add | ActionType.Update } },
      // Volume node affinity and allowed topologies are about node labels.
      { event: { resource: 'Node', actionType: ActionType.Add | ActionType.UpdateNodeLabel } },
    ];
  }
}

/** A claim the pod uses was added or updated: nearly any such change may help. */
export function claimChangeHint(pod: Pod, claim: PersistentVolumeClaim | undefined): QueueingHint {
  if (!claim || (claim.metadata.namespace ?? '') !== (pod.metadata.namespace ?? '')) return QueueingHint.QueueSkip;
  for (const v of pod.spec?.volumes ?? []) if (claimNameOf(pod, v) === claim.metadata.name) return QueueingHint.Queue;
  return QueueingHint.QueueSkip;
}

/** A new class may be the one missing; an update only helps through allowedTopologies (the
 *  binding mode is immutable). Absent and empty topologies are the same. */
export function storageClassChangeHint(_pod: Pod, oldClass: StorageClass | undefined, newClass: StorageClass | undefined): QueueingHint {
  if (!oldClass || !newClass) return QueueingHint.Queue;
  const before = JSON.stringify(oldClass.allowedTopologies ?? []);
  const after = JSON.stringify(newClass.allowedTopologies ?? []);
  return before === after ? QueueingHint.QueueSkip : QueueingHint.Queue;
}

/** The registry's factory: the scheduler's informers and client (none without a factory, as
 *  in unit tests: every claim is then missing). */
export function newVolumeBinding(args: unknown, handle: Handle): VolumeBinding {
  const informers = handle.informers;
  const nodes = informers?.informerFor<Node>(builtinRef('', 'nodes')).getStore();
  return new VolumeBinding(args as VolumeBindingArgs | undefined, {
    storage: informers ? storageFromInformers(informers) : NO_STORAGE,
    api: volumeAPIFromClient(handle.client),
    clock: handle.clock,
    node: (name) => nodes?.getByKey(name) ?? handle.snapshot().get(name)?.node ?? undefined,
  });
}
