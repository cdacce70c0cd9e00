// Controller references and claiming (Kubernetes' controller_ref_manager.go and
// metav1.GetControllerOf/NewControllerRef).
//
// An object's controller is the ownerReference with controller: true; at most one exists. A
// controller (a ReplicaSet owning pods, a Deployment owning ReplicaSets) *claims* the objects
// its selector could cover, with ControllerRefManager.claim(objects):
//
//  - owned by another controller: ignored;
//  - owned by this one and matching: claimed (even while the owner is being deleted: nothing
//    has to be written);
//  - owned by this one, no longer matching: released — a strategic merge patch deletes the
//    reference (`$patch: delete` by uid), unless the owner is being deleted. A release that
//    finds the object gone (404) or changed identity (422) is done;
//  - an orphan that matches, in the owner's namespace, not being deleted, while the owner is not
//    being deleted: adopted — a strategic merge patch adds the controller reference (controller
//    and blockOwnerDeletion true). Before the first adoption of a claim the owner is re-read
//    from the API server (not the cache): if it is gone, has another uid or is being deleted,
//    nothing is adopted (Kubernetes' RecheckDeletionTimestamp). An adoption that finds the
//    object gone (404) claims nothing.
//
// Both patches carry metadata.uid, so they cannot land on a re-created object of the same
// name. claim() resolves the claimed objects in input order; when any adoption or release
// failed it rejects with a ClaimError listing the failures (the controller retries the whole
// sync). The owner and the objects handed in are cached objects and are never mutated.

import type { LabelSelector } from '../../api/labels/index.js';
import type { KubeObject, OwnerReference } from '../../api/meta.js';
import type { ResourceClient } from '../../client/contract.js';
import { errorMessage, isInvalid, isNotFound } from './api-errors.js';

export interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

export function apiVersionOf(gvk: GroupVersionKind): string {
  return gvk.group ? `${gvk.group}/${gvk.version}` : gvk.version;
}

/** The ownerReference with controller: true, if there is one. */
export function getControllerOf(obj: KubeObject): OwnerReference | undefined {
  return obj.metadata.ownerReferences?.find((r) => r.controller === true);
}

/** A controller reference to owner: controller and blockOwnerDeletion true. */
export function newControllerRef(owner: KubeObject, gvk: GroupVersionKind): OwnerReference {
  return {
    apiVersion: apiVersionOf(gvk),
    kind: gvk.kind,
    name: owner.metadata.name ?? '',
    uid: owner.metadata.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}

/** The owner may not adopt: it is gone, was replaced, or is being deleted. */
export class AdoptionRefusedError extends Error {
  override name = 'AdoptionRefusedError';
}

/** One or more adoptions/releases failed; `claimed` is what was claimed regardless. */
export class ClaimError<T> extends AggregateError {
  override name = 'ClaimError';
  constructor(
    errors: readonly unknown[],
    readonly claimed: readonly T[],
  ) {
    super(errors, errors.map(errorMessage).join('; '));
  }
}

/**
 * Kubernetes' RecheckDeletionTimestamp over a live GET: a canAdopt check that fails unless the
 * owner still exists with the same uid and no deletionTimestamp.
 */
export function recheckOwner(ownerClient: ResourceClient<KubeObject>, owner: KubeObject, kind: string): () => Promise<void> {
  const ns = owner.metadata.namespace ?? '';
  const name = owner.metadata.name ?? '';
  return async () => {
    let fresh: KubeObject;
    try {
      fresh = await (ns ? ownerClient.namespace(ns) : ownerClient).get(name);
    } catch (err) {
      throw new AdoptionRefusedError(`can't recheck DeletionTimestamp: ${errorMessage(err)}`);
    }
    if (fresh.metadata.uid !== owner.metadata.uid) {
      throw new AdoptionRefusedError(
        `can't recheck DeletionTimestamp: original ${kind} ${ns}/${name} is gone: got uid ${fresh.metadata.uid ?? ''}, wanted ${owner.metadata.uid ?? ''}`,
      );
    }
    if (fresh.metadata.deletionTimestamp) {
      throw new AdoptionRefusedError(`${ns}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  };
}

export interface ControllerRefManagerOptions<T extends KubeObject> {
  /** The controller, as read from the cache. */
  readonly owner: KubeObject;
  readonly ownerKind: GroupVersionKind;
  readonly selector: LabelSelector;
  /** The owned objects' kind, for messages ("Pod", "ReplicaSet"). */
  readonly ownedKind: string;
  /** A client of the owned resource (any namespace; the object's namespace is used). */
  readonly ownedClient: ResourceClient<T>;
  /** Checked once, before the first adoption; rejects to refuse. Usually recheckOwner(...). */
  readonly canAdopt: () => Promise<void>;
  /** Finalizers added with the reference on adoption and removed on release. */
  readonly finalizers?: readonly string[];
  /** Adoption/release patches in flight at once (default 64). */
  readonly concurrency?: number;
}

/** What claiming one object came to. */
type Outcome = { readonly kind: 'claimed' } | { readonly kind: 'skipped' } | { readonly kind: 'failed'; readonly error: unknown };

const CLAIMED: Outcome = { kind: 'claimed' };
const SKIPPED: Outcome = { kind: 'skipped' };

export class ControllerRefManager<T extends KubeObject> {
  readonly #opts: ControllerRefManagerOptions<T>;
  #canAdopt: Promise<void> | undefined;

  constructor(opts: ControllerRefManagerOptions<T>) {
    this.#opts = opts;
  }

  /** Claims objects; filters further restrict which matching objects are wanted. */
  async claim(objects: readonly T[], filters: readonly ((obj: T) => boolean)[] = []): Promise<T[]> {
    const match = (obj: T): boolean => this.#opts.selector.matches(obj.metadata.labels) && filters.every((f) => f(obj));
    // Decide without I/O first: in the steady state every object is already ours or not, and
    // ten thousand of them must not cost ten thousand promises.
    const decisions = objects.map((obj) => this.#decide(obj, match));
    const pending = decisions.flatMap((d, i) => (d === 'adopt' || d === 'release' ? [i] : []));
    const outcomes = await mapLimited(pending, this.#opts.concurrency ?? 64, (i) =>
      decisions[i] === 'adopt' ? this.#attempt(() => this.adopt(objects[i]!), CLAIMED) : this.#attempt(() => this.release(objects[i]!), SKIPPED),
    );
    const claimedAfterPatch = new Set(pending.filter((_, k) => outcomes[k]!.kind === 'claimed'));
    const claimed = objects.filter((_, i) => decisions[i] === 'claimed' || claimedAfterPatch.has(i));
    const errors = outcomes.flatMap((o) => (o.kind === 'failed' ? [o.error] : []));
    if (errors.length > 0) throw new ClaimError<T>(errors, claimed);
    return claimed;
  }

  #decide(obj: T, match: (obj: T) => boolean): 'claimed' | 'skipped' | 'adopt' | 'release' {
    const owner = this.#opts.owner;
    const ref = getControllerOf(obj);
    if (ref) {
      if (ref.uid !== owner.metadata.uid) return 'skipped';
      if (match(obj)) return 'claimed';
      return owner.metadata.deletionTimestamp ? 'skipped' : 'release';
    }
    if (owner.metadata.deletionTimestamp || !match(obj)) return 'skipped';
    if (obj.metadata.deletionTimestamp) return 'skipped';
    if (owner.metadata.namespace && owner.metadata.namespace !== obj.metadata.namespace) return 'skipped';
    return 'adopt';
  }

  /** Runs a patch: its success is `done`, a 404 is SKIPPED, anything else failed. */
  async #attempt(fn: () => Promise<void>, done: Outcome): Promise<Outcome> {
    try {
      await fn();
      return done;
    } catch (error) {
      return isNotFound(error) ? SKIPPED : { kind: 'failed', error };
    }
  }

  /** Adds the controller reference to obj, after checking (once) that the owner may adopt. */
  async adopt(obj: T): Promise<void> {
    const { owner, ownerKind, ownedKind } = this.#opts;
    try {
      await (this.#canAdopt ??= this.#opts.canAdopt());
    } catch (err) {
      const m = obj.metadata;
      throw new AdoptionRefusedError(`can't adopt ${ownedKind} ${m.namespace ?? ''}/${m.name ?? ''} (${m.uid ?? ''}): ${errorMessage(err)}`);
    }
    const metadata: Record<string, unknown> = { ownerReferences: [newControllerRef(owner, ownerKind)], uid: obj.metadata.uid };
    if (this.#opts.finalizers?.length) metadata.finalizers = [...this.#opts.finalizers];
    await this.#patch(obj, { metadata });
  }

  /** Removes the owner's reference from obj; an object gone or re-created (404/422) is released already. */
  async release(obj: T): Promise<void> {
    const metadata: Record<string, unknown> = {
      uid: obj.metadata.uid,
      ownerReferences: [{ $patch: 'delete', uid: this.#opts.owner.metadata.uid }],
    };
    if (this.#opts.finalizers?.length) metadata['$deleteFromPrimitiveList/finalizers'] = [...this.#opts.finalizers];
    try {
      await this.#patch(obj, { metadata });
    } catch (err) {
      if (isNotFound(err) || isInvalid(err)) return;
      throw err;
    }
  }

  async #patch(obj: T, body: unknown): Promise<void> {
    const ns = obj.metadata.namespace ?? '';
    const client = ns ? this.#opts.ownedClient.namespace(ns) : this.#opts.ownedClient;
    await client.patch(obj.metadata.name ?? '', 'strategic', body);
  }
}

/** Maps items through fn with at most `limit` calls in flight; results in input order. */
export async function mapLimited<I, R>(items: readonly I[], limit: number, fn: (item: I) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, limit), items.length) }, worker));
  return results;
}
