// The garbage collector's side effects on the API server, behind one small interface so the
// decision logic can be driven in tests without a server. ClientOperations is the real one,
// through kite's client as kube-controller-manager.
//
//  - get: the live object named by an identity (its namespace is ignored for cluster-scoped
//    resources); undefined when there is none. A namespaced kind without a namespace (a
//    virtual owner guessed from a cluster-scoped dependent) is a
//    NamespacedOwnerOfClusterScopedError, never "absent": absent would release the dependent.
//  - delete: with the identity's uid as precondition, so a re-created object of the same
//    name is never deleted by mistake; an object already gone is success.
//  - patchOwnerReferences: a strategic merge patch of metadata (patches.ts); an object
//    already gone is success.
//  - removeFinalizer: read, drop the finalizer, write conditional on the resourceVersion
//    read; retried a few times on conflict. Nothing to do when the object or the finalizer is
//    gone.

import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import type { Client } from '../../client/client.js';
import type { ResourceClient } from '../../client/contract.js';
import { NamespacedOwnerOfClusterScopedError } from './errors.js';
import type { ObjectIdentity } from './identity.js';
import { finalizersPatch } from './patches.js';
import type { ResourceMapper } from './resource-mapper.js';

export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground';

export interface GarbageCollectorOperations {
  get(identity: ObjectIdentity): Promise<KubeObject | undefined>;
  delete(identity: ObjectIdentity, policy: PropagationPolicy): Promise<void>;
  patchOwnerReferences(identity: ObjectIdentity, patch: object): Promise<void>;
  removeFinalizer(identity: ObjectIdentity, finalizer: string): Promise<void>;
}

/** Conflicts removeFinalizer absorbs before it gives the item back to the queue. */
const FINALIZER_UPDATE_ATTEMPTS = 5;

export class ClientOperations implements GarbageCollectorOperations {
  readonly #client: Client;
  readonly #mapper: ResourceMapper;

  constructor(client: Client, mapper: ResourceMapper) {
    this.#client = client;
    this.#mapper = mapper;
  }

  async get(identity: ObjectIdentity): Promise<KubeObject | undefined> {
    const resource = this.#resource(identity);
    try {
      return await resource.get(identity.name);
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  async delete(identity: ObjectIdentity, policy: PropagationPolicy): Promise<void> {
    const resource = this.#resource(identity);
    await ignoreNotFound(resource.delete(identity.name, { preconditions: { uid: identity.uid }, propagationPolicy: policy }));
  }

  async patchOwnerReferences(identity: ObjectIdentity, patch: object): Promise<void> {
    const resource = this.#resource(identity);
    await ignoreNotFound(resource.patch(identity.name, 'strategic', patch));
  }

  async removeFinalizer(identity: ObjectIdentity, finalizer: string): Promise<void> {
    const resource = this.#resource(identity);
    for (let attempt = 1; ; attempt++) {
      const latest = await this.get(identity);
      if (!latest || latest.metadata.uid !== identity.uid) return;
      const finalizers = latest.metadata.finalizers ?? [];
      if (!finalizers.includes(finalizer)) return;
      const rest = finalizers.filter((f) => f !== finalizer);
      try {
        await resource.patch(identity.name, 'merge', finalizersPatch(latest.metadata.resourceVersion ?? '', rest));
        return;
      } catch (err) {
        if (isNotFound(err)) return;
        if (!isConflict(err) || attempt >= FINALIZER_UPDATE_ATTEMPTS) throw err;
      }
    }
  }

  /** The client for the identity's object. */
  #resource(identity: ObjectIdentity): ResourceClient<KubeObject> {
    const ref = this.#mapper.resolve(identity.apiVersion, identity.kind);
    if (ref.namespaced && identity.namespace === '') throw new NamespacedOwnerOfClusterScopedError(identity);
    return this.#client.resource(ref, ref.namespaced ? identity.namespace : undefined);
  }
}

export function isNotFound(err: unknown): boolean {
  return err instanceof StatusError && err.code === 404;
}

function isConflict(err: unknown): boolean {
  return err instanceof StatusError && err.code === 409;
}

async function ignoreNotFound(p: Promise<unknown>): Promise<void> {
  try {
    await p;
  } catch (err) {
    if (!isNotFound(err)) throw err;
  }
}
