// VolumeBinder: the claim/volume side of VolumeBinding (kube-scheduler 1.32
// volumebinding/binder.go), between the plugin's extension points and the API.
//
//  - getPodVolumeClaims (PreFilter): the pod's claims split into bound, unbound
//    WaitForFirstConsumer ("delay binding") and unbound Immediate (which includes claims
//    pre-bound to a volume the PV controller has not completed), plus the volumes of each
//    delay-binding claim's class, listed once for the whole cycle.
//  - findPodVolumes (Filter, per node): bound claims' volumes must accept the node (node
//    affinity) and exist; each delay-binding claim gets a static volume usable from the node
//    (matching.ts) or, failing that, must be provisionable there (a class with a provisioner
//    whose allowedTopologies admit the node); a claim whose provisioning already picked
//    another node (volume.kubernetes.io/selected-node) rules the node out. The answer is the
//    node's plan (static bindings, claims to provision) or the 1.32 reasons why not.
//  - assumePodVolumes (Reserve): the plan goes into the assume caches — volumes pre-bound to
//    their claims, claims annotated with the selected node — so later cycles plan around it;
//    revertAssumedPodVolumes (Unreserve) forgets it.
//  - bindPodVolumes (PreBind): writes the plan (PUT of each volume's claimRef, PUT of each
//    claim's selected-node annotation), then checks every second, for bindTimeout, that the
//    claims have become fully bound, failing early when the PV controller or a provisioner
//    undid what was written, when the pod is gone, or when the scheduler stops.
//
// kite has no PV controller yet: nothing completes a binding or provisions a volume, so a
// pod with an unbound WaitForFirstConsumer claim waits in PreBind for bindTimeout and is then
// retried (its claim keeps the selected-node annotation, pinning later attempts to that
// node). Pods whose claims are all bound never get here.
//
// Not in kite, so not here: CSIStorageCapacity checks (every class counts as having room),
// and translating in-tree volumes to CSI through CSINode.

import type { Node, PersistentVolume, PersistentVolumeClaim, Pod, Volume } from '../../../api/types/core-v1.js';
import type { Client } from '../../../client/client.js';
import { sleep, type Clock } from '../../../client/workqueue/clock.js';
import { AssumeCache, compareResourceVersions, objectKey } from './assume-cache.js';
import { byRequestedSize, findMatchingVolume } from './matching.js';
import {
  ANN_BOUND_BY_CONTROLLER,
  ANN_SELECTED_NODE,
  claimClassName,
  claimNameOf,
  ephemeralClaimError,
  isClaimFullyBound,
  isDelayBinding,
  isVolumeBoundToClaim,
  matchTopologySelectorTerms,
  NOT_SUPPORTED_PROVISIONER,
  pvNodeAffinityMatches,
  volumeClassName,
  type StorageListers,
} from './storage.js';
import { statusCode } from '../../../client/errors.js';

export const ERR_REASON_BIND_CONFLICT = "node(s) didn't find available persistent volumes to bind";
export const ERR_REASON_NODE_CONFLICT = 'node(s) had volume node affinity conflict';
export const ERR_REASON_NOT_ENOUGH_SPACE = 'node(s) did not have enough free storage';
export const ERR_REASON_PV_NOT_EXIST = 'node(s) unavailable due to one or more pvc(s) bound to non-existent pv(s)';

const POLL_INTERVAL_MS = 1_000;
const PV_KIND = 'v1.PersistentVolume';
const PVC_KIND = 'v1.PersistentVolumeClaim';

/** A claim and the static volume chosen for it. */
export interface BindingInfo {
  readonly pvc: PersistentVolumeClaim;
  pv: PersistentVolume;
}

/** What binding the pod's claims takes on one node. */
export interface PodVolumes {
  staticBindings: BindingInfo[];
  dynamicProvisions: PersistentVolumeClaim[];
}

export interface PodVolumeClaims {
  readonly boundClaims: readonly PersistentVolumeClaim[];
  readonly unboundClaimsDelayBinding: readonly PersistentVolumeClaim[];
  readonly unboundClaimsImmediate: readonly PersistentVolumeClaim[];
  /** Class name -> its volumes, for the delay-binding claims' classes. */
  readonly unboundVolumesDelayBinding: ReadonlyMap<string, readonly PersistentVolume[]>;
}

/** The writes and reads of the binding cycle. */
export interface VolumeAPI {
  updateVolume(pv: PersistentVolume): Promise<PersistentVolume>;
  updateClaim(pvc: PersistentVolumeClaim): Promise<PersistentVolumeClaim>;
  /** False only when the pod is known to be gone. */
  podExists(namespace: string, name: string): Promise<boolean>;
}

export function volumeAPIFromClient(client: Client): VolumeAPI {
  return {
    updateVolume: (pv) => client.core.persistentvolumes().update(pv),
    updateClaim: (pvc) => client.core.persistentvolumeclaims(pvc.metadata.namespace ?? '').update(pvc),
    podExists: async (ns, name) => {
      try {
        await client.core.pods(ns).get(name);
        return true;
      } catch (err) {
        return statusCode(err) !== 404;
      }
    },
  };
}

export interface VolumeBinderOptions {
  readonly storage: StorageListers;
  readonly api: VolumeAPI;
  readonly clock: Clock;
  readonly bindTimeoutMs: number;
  /** The node as the scheduler sees it now (the binding cycle re-checks node affinity). */
  readonly node: (name: string) => Node | undefined;
}

interface BoundCheck {
  satisfied: boolean;
  found: boolean;
}

interface ProvisionCheck {
  satisfied: boolean;
  sufficient: boolean;
  provisions: PersistentVolumeClaim[];
}

function conflictReasons(bound: BoundCheck, unboundSatisfied: boolean, sufficient: boolean): string[] {
  const reasons: string[] = [];
  if (!bound.satisfied) reasons.push(ERR_REASON_NODE_CONFLICT);
  if (!unboundSatisfied) reasons.push(ERR_REASON_BIND_CONFLICT);
  if (!sufficient) reasons.push(ERR_REASON_NOT_ENOUGH_SPACE);
  if (!bound.found) reasons.push(ERR_REASON_PV_NOT_EXIST);
  return reasons;
}

/** The volume bound to the claim, as the PV controller would write it (GetBindVolumeToClaim);
 *  dirty when anything changed. */
export function bindVolumeToClaim(pv: PersistentVolume, claim: PersistentVolumeClaim): { pv: PersistentVolume; dirty: boolean } {
  const alreadyBound = isVolumeBoundToClaim(pv, claim);
  const clone = structuredClone(pv);
  let dirty = false;
  const ref = pv.spec?.claimRef;
  if (!ref || ref.name !== claim.metadata.name || (ref.namespace ?? '') !== (claim.metadata.namespace ?? '') || (ref.uid ?? '') !== (claim.metadata.uid ?? '')) {
    (clone.spec ??= {}).claimRef = {
      kind: 'PersistentVolumeClaim',
      namespace: claim.metadata.namespace ?? '',
      name: claim.metadata.name ?? '',
      uid: claim.metadata.uid ?? '',
      apiVersion: 'v1',
      resourceVersion: claim.metadata.resourceVersion ?? '',
    };
    dirty = true;
  }
  const annotations = (clone.metadata.annotations ??= {});
  if (!alreadyBound && annotations[ANN_BOUND_BY_CONTROLLER] === undefined) {
    annotations[ANN_BOUND_BY_CONTROLLER] = 'yes';
    dirty = true;
  }
  return { pv: clone, dirty };
}

export class VolumeBinder {
  readonly pvCache: AssumeCache<PersistentVolume>;
  readonly pvcCache: AssumeCache<PersistentVolumeClaim>;
  readonly #storage: StorageListers;
  readonly #api: VolumeAPI;
  readonly #clock: Clock;
  readonly #bindTimeoutMs: number;
  readonly #node: (name: string) => Node | undefined;

  constructor(opts: VolumeBinderOptions) {
    const s = opts.storage;
    this.#storage = s;
    this.#api = opts.api;
    this.#clock = opts.clock;
    this.#bindTimeoutMs = opts.bindTimeoutMs;
    this.#node = opts.node;
    this.pvCache = new AssumeCache<PersistentVolume>(PV_KIND, (key) => s.volume(key), () => s.volumes());
    this.pvcCache = new AssumeCache<PersistentVolumeClaim>(
      PVC_KIND,
      (key) => {
        const slash = key.indexOf('/');
        return s.claim(key.slice(0, slash), key.slice(slash + 1));
      },
      () => s.claims(),
    );
  }

  // ---- PreFilter ----

  /** The claim of one volume (none for volumes without one) and whether it is fully bound.
   *  Throws when the claim is missing or is not the pod's own ephemeral claim. */
  #volumeClaim(pod: Pod, volume: Volume): { claim: PersistentVolumeClaim; bound: boolean } | undefined {
    const name = claimNameOf(pod, volume);
    if (name === undefined) return undefined;
    const key = `${pod.metadata.namespace ?? ''}/${name}`;
    const claim = this.pvcCache.get(key);
    if (!claim) throw new Error(`error getting PVC "${key}": could not find ${PVC_KIND} "${key}"`);
    if (volume.ephemeral) {
      const err = ephemeralClaimError(pod, claim);
      if (err) throw new Error(err);
    }
    return { claim, bound: isClaimFullyBound(claim) };
  }

  /** Throws what kube-scheduler reports as an error (not a rejection). */
  getPodVolumeClaims(pod: Pod): PodVolumeClaims {
    const bound: PersistentVolumeClaim[] = [];
    const delay: PersistentVolumeClaim[] = [];
    const immediate: PersistentVolumeClaim[] = [];
    for (const v of pod.spec?.volumes ?? []) {
      const c = this.#volumeClaim(pod, v);
      if (!c) continue;
      if (c.bound) bound.push(c.claim);
      else if (isDelayBinding(c.claim, this.#storage) && !c.claim.spec?.volumeName) delay.push(c.claim);
      else immediate.push(c.claim);
    }
    const byClass = new Map<string, PersistentVolume[]>();
    if (delay.length > 0) {
      const all = this.pvCache.list();
      for (const c of delay) {
        const cls = claimClassName(c);
        if (!byClass.has(cls)) byClass.set(cls, all.filter((pv) => volumeClassName(pv) === cls));
      }
    }
    return { boundClaims: bound, unboundClaimsDelayBinding: delay, unboundClaimsImmediate: immediate, unboundVolumesDelayBinding: byClass };
  }

  // ---- Filter ----

  /** The node's plan for the pod's claims, or why the node cannot take them. Throws on
   *  errors (a claim without a class, a class that is gone, an invalid claim selector). */
  findPodVolumes(claims: PodVolumeClaims, node: Node): { podVolumes: PodVolumes; reasons: string[] } {
    const podVolumes: PodVolumes = { staticBindings: [], dynamicProvisions: [] };
    const bound = claims.boundClaims.length > 0 ? this.#checkBoundClaims(claims.boundClaims, node) : { satisfied: true, found: true };
    let unboundSatisfied = true;
    let sufficient = true;
    const done = (): { podVolumes: PodVolumes; reasons: string[] } => ({ podVolumes, reasons: conflictReasons(bound, unboundSatisfied, sufficient) });
    if (claims.unboundClaimsDelayBinding.length === 0) return done();

    const toMatch: PersistentVolumeClaim[] = [];
    const toProvision: PersistentVolumeClaim[] = [];
    for (const claim of claims.unboundClaimsDelayBinding) {
      const selected = claim.metadata.annotations?.[ANN_SELECTED_NODE];
      if (selected === undefined) toMatch.push(claim);
      else if (selected !== node.metadata.name) {
        // Provisioning for this claim already started for another node.
        unboundSatisfied = false;
        return done();
      } else toProvision.push(claim);
    }
    if (toMatch.length > 0) {
      const m = this.#findMatchingVolumes(toMatch, claims.unboundVolumesDelayBinding, node);
      unboundSatisfied = m.found;
      podVolumes.staticBindings = m.bindings;
      toProvision.push(...m.unmatched);
    }
    if (toProvision.length > 0) {
      // The provisioning check decides, even for claims no static volume was found for.
      const p = this.#checkVolumeProvisions(toProvision, node);
      unboundSatisfied = p.satisfied;
      sufficient = p.sufficient;
      podVolumes.dynamicProvisions = p.provisions;
    }
    return done();
  }

  #checkBoundClaims(claims: readonly PersistentVolumeClaim[], node: Node): BoundCheck {
    for (const claim of claims) {
      const pv = this.pvCache.get(claim.spec?.volumeName ?? '');
      if (!pv) return { satisfied: true, found: false };
      if (!pvNodeAffinityMatches(pv, node.metadata.labels)) return { satisfied: false, found: true };
    }
    return { satisfied: true, found: true };
  }

  #findMatchingVolumes(
    claims: readonly PersistentVolumeClaim[],
    volumesByClass: ReadonlyMap<string, readonly PersistentVolume[]>,
    node: Node,
  ): { found: boolean; bindings: BindingInfo[]; unmatched: PersistentVolumeClaim[] } {
    const chosen = new Set<string>();
    const bindings: BindingInfo[] = [];
    const unmatched: PersistentVolumeClaim[] = [];
    for (const pvc of byRequestedSize(claims)) {
      const pv = findMatchingVolume(pvc, volumesByClass.get(claimClassName(pvc)) ?? [], node.metadata.labels, chosen);
      if (!pv) {
        unmatched.push(pvc);
        continue;
      }
      chosen.add(pv.metadata.name ?? '');
      bindings.push({ pvc, pv });
    }
    return { found: unmatched.length === 0, bindings, unmatched };
  }

  #checkVolumeProvisions(claims: readonly PersistentVolumeClaim[], node: Node): ProvisionCheck {
    const provisions: PersistentVolumeClaim[] = [];
    for (const claim of claims) {
      const className = claimClassName(claim);
      if (className === '') throw new Error(`no class for claim "${objectKey(claim)}"`);
      const cls = this.#storage.storageClass(className);
      if (!cls) throw new Error(`failed to find storage class "${className}"`);
      if (cls.provisioner === '' || cls.provisioner === NOT_SUPPORTED_PROVISIONER) return { satisfied: false, sufficient: true, provisions: [] };
      if (!matchTopologySelectorTerms(cls.allowedTopologies, node.metadata.labels ?? {})) return { satisfied: false, sufficient: true, provisions: [] };
      provisions.push(claim);
    }
    return { satisfied: true, sufficient: true, provisions };
  }

  // ---- Reserve / Unreserve ----

  /** Whether every claim of the (assumed) pod is fully bound; a claim that cannot be read
   *  counts as not bound. */
  arePodVolumesBound(pod: Pod): boolean {
    for (const v of pod.spec?.volumes ?? []) {
      try {
        const c = this.#volumeClaim(pod, v);
        if (c && !c.bound) return false;
      } catch {
        return false;
      }
    }
    return true;
  }

  /** Puts the node's plan into the assume caches, replacing podVolumes' objects with the
   *  assumed ones; true when there is nothing to bind. Throws (having undone its own
   *  assumptions) when an object is gone or out of sync. */
  assumePodVolumes(pod: Pod, nodeName: string, podVolumes: PodVolumes): boolean {
    if (this.arePodVolumesBound(pod)) return true;
    const bindings: BindingInfo[] = [];
    const provisions: PersistentVolumeClaim[] = [];
    try {
      for (const b of podVolumes.staticBindings) {
        const { pv, dirty } = bindVolumeToClaim(b.pv, b.pvc);
        if (dirty) this.pvCache.assume(pv);
        bindings.push({ pv, pvc: b.pvc });
      }
      for (const claim of podVolumes.dynamicProvisions) {
        const clone = structuredClone(claim);
        (clone.metadata.annotations ??= {})[ANN_SELECTED_NODE] = nodeName;
        this.pvcCache.assume(clone);
        provisions.push(clone);
      }
    } catch (err) {
      this.revertAssumedPodVolumes({ staticBindings: bindings, dynamicProvisions: provisions });
      throw err;
    }
    podVolumes.staticBindings = bindings;
    podVolumes.dynamicProvisions = provisions;
    return false;
  }

  revertAssumedPodVolumes(podVolumes: PodVolumes): void {
    for (const b of podVolumes.staticBindings) this.pvCache.restore(b.pv.metadata.name ?? '');
    for (const c of podVolumes.dynamicProvisions) this.pvcCache.restore(objectKey(c));
  }

  // ---- PreBind ----

  /** Writes the plan and waits until the claims are bound; throws when binding failed,
   *  was undone, or timed out. */
  async bindPodVolumes(pod: Pod, podVolumes: PodVolumes): Promise<void> {
    await this.#bindAPIUpdate(podVolumes);
    const deadline = this.#clock.now() + this.#bindTimeoutMs;
    for (;;) {
      const left = deadline - this.#clock.now();
      await sleep(this.#clock, Math.min(POLL_INTERVAL_MS, Math.max(0, left)));
      if (left < POLL_INTERVAL_MS) throw new Error('binding volumes: context deadline exceeded');
      if (!this.#storage.running()) throw new Error('binding volumes: the scheduler is stopping');
      let done: boolean;
      try {
        done = await this.#checkBindings(pod, podVolumes);
      } catch (err) {
        throw new Error(`binding volumes: ${err instanceof Error ? err.message : String(err)}`);
      }
      if (done) return;
    }
  }

  /** The writes, in order; whatever was not written is no longer assumed. */
  async #bindAPIUpdate(podVolumes: PodVolumes): Promise<void> {
    const { staticBindings: bindings, dynamicProvisions: claims } = podVolumes;
    let boundDone = 0;
    let provisionDone = 0;
    try {
      for (const b of bindings) {
        b.pv = await this.#api.updateVolume(b.pv);
        boundDone++;
      }
      for (let i = 0; i < claims.length; i++) {
        claims[i] = await this.#api.updateClaim(claims[i]!);
        provisionDone++;
      }
    } finally {
      this.revertAssumedPodVolumes({ staticBindings: bindings.slice(boundDone), dynamicProvisions: claims.slice(provisionDone) });
    }
  }

  /** True when every claim written for is fully bound; false to keep waiting; throws when
   *  waiting is pointless. Reads the informer's objects, never the assumed ones. */
  async #checkBindings(pod: Pod, podVolumes: PodVolumes): Promise<boolean> {
    const nodeName = pod.spec?.nodeName ?? '';
    const node = this.#node(nodeName);
    if (!node) throw new Error(`failed to get node "${nodeName}": node "${nodeName}" not found`);
    if (!(await this.#api.podExists(pod.metadata.namespace ?? '', pod.metadata.name ?? ''))) {
      throw new Error(`pod does not exist any more: pod "${pod.metadata.name ?? ''}" not found`);
    }
    for (const b of podVolumes.staticBindings) {
      if (!this.#staticBindingDone(b, node)) return false;
    }
    for (const claim of podVolumes.dynamicProvisions) {
      if (!this.#provisioningDone(claim, node)) return false;
    }
    return true;
  }

  #staticBindingDone(b: BindingInfo, node: Node): boolean {
    const name = b.pv.metadata.name ?? '';
    const pv = this.pvCache.getAPI(name);
    if (!pv) throw new Error(`failed to check binding: could not find ${PV_KIND} "${name}"`);
    const claimKey = objectKey(b.pvc);
    const pvc = this.pvcCache.getAPI(claimKey);
    if (!pvc) throw new Error(`failed to check binding: could not find ${PVC_KIND} "${claimKey}"`);
    // Our own write has not come back through the informer yet.
    if (compareResourceVersions(b.pv.metadata.resourceVersion, pv.metadata.resourceVersion) > 0) return false;
    if (!pvNodeAffinityMatches(pv, node.metadata.labels)) throw new Error(`pv "${name}" node affinity doesn't match node "${node.metadata.name ?? ''}": no matching NodeSelectorTerms`);
    if (!pv.spec?.claimRef || !pv.spec.claimRef.uid) throw new Error(`ClaimRef got reset for pv "${name}"`);
    return isClaimFullyBound(pvc);
  }

  #provisioningDone(claim: PersistentVolumeClaim, node: Node): boolean {
    const key = objectKey(claim);
    const pvc = this.pvcCache.getAPI(key);
    if (!pvc) throw new Error(`failed to check provisioning pvc: could not find ${PVC_KIND} "${key}"`);
    if (compareResourceVersions(claim.metadata.resourceVersion, pvc.metadata.resourceVersion) > 0) return false;
    const annotations = pvc.metadata.annotations;
    if (!annotations) throw new Error(`selectedNode annotation reset for PVC "${pvc.metadata.name ?? ''}"`);
    // A provisioner that gives up removes the annotation: the scheduler must choose again.
    if (annotations[ANN_SELECTED_NODE] !== node.metadata.name) throw new Error(`provisioning failed for PVC "${pvc.metadata.name ?? ''}"`);
    const volumeName = pvc.spec?.volumeName;
    if (volumeName) {
      const pv = this.pvCache.getAPI(volumeName);
      // Not seen yet; a volume that was deleted unbinds the claim eventually.
      if (!pv) return false;
      if (!pvNodeAffinityMatches(pv, node.metadata.labels)) throw new Error(`pv "${volumeName}" node affinity doesn't match node "${node.metadata.name ?? ''}": no matching NodeSelectorTerms`);
    }
    return isClaimFullyBound(pvc);
  }
}
