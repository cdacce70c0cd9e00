// A resource lock is what leader election compares-and-swaps on (client-go
// tools/leaderelection/resourcelock). LeaseLock keeps the record in a coordination.k8s.io/v1
// Lease, field by field as Kubernetes maintains it:
//   spec.holderIdentity        who leads ('' after a release)
//   spec.leaseDurationSeconds  how long the holder's claim lasts without renewal
//   spec.acquireTime           when the current holder took the lease (MicroTime)
//   spec.renewTime             the holder's last renewal (MicroTime)
//   spec.leaseTransitions      how many times the lease changed hands
// Updates carry the resourceVersion of the Lease last read or written, so two candidates
// racing for an expired lease cannot both win: the loser gets 409 Conflict.

import type { KubeObject } from '../../api/meta.js';
import type { ResourceClient, ResourceRef } from '../contract.js';
import { formatMicroTime, parseTime } from '../meta-time.js';

export { formatMicroTime } from '../meta-time.js';

export interface LeaseSpec {
  holderIdentity?: string;
  leaseDurationSeconds?: number;
  acquireTime?: string;
  renewTime?: string;
  leaseTransitions?: number;
  strategy?: string;
  preferredHolder?: string;
}

export interface Lease extends KubeObject {
  spec?: LeaseSpec;
}

export const LEASES: ResourceRef = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases', kind: 'Lease', namespaced: true };

/** The election's state, independent of where it is stored. Times are ms since the epoch. */
export interface LeaderElectionRecord {
  readonly holderIdentity: string;
  readonly leaseDurationSeconds: number;
  readonly acquireTime: number | undefined;
  readonly renewTime: number | undefined;
  readonly leaderTransitions: number;
}

export interface ResourceLock {
  /** The current record and its raw form (to notice any change); throws 404 when absent. */
  get(): Promise<{ record: LeaderElectionRecord; raw: string }>;
  create(record: LeaderElectionRecord): Promise<void>;
  /** Compare-and-swap against the version last seen by get/create/update. */
  update(record: LeaderElectionRecord): Promise<void>;
  identity(): string;
  describe(): string;
}

export function leaseSpecToRecord(spec: LeaseSpec | undefined): LeaderElectionRecord {
  return {
    holderIdentity: spec?.holderIdentity ?? '',
    leaseDurationSeconds: spec?.leaseDurationSeconds ?? 0,
    acquireTime: parseTime(spec?.acquireTime),
    renewTime: parseTime(spec?.renewTime),
    leaderTransitions: spec?.leaseTransitions ?? 0,
  };
}

export function recordToLeaseSpec(r: LeaderElectionRecord): LeaseSpec {
  const spec: LeaseSpec = {
    holderIdentity: r.holderIdentity,
    leaseDurationSeconds: r.leaseDurationSeconds,
    leaseTransitions: r.leaderTransitions,
  };
  if (r.acquireTime !== undefined) spec.acquireTime = formatMicroTime(r.acquireTime);
  if (r.renewTime !== undefined) spec.renewTime = formatMicroTime(r.renewTime);
  return spec;
}

export interface LeaseLockOptions {
  /** The Leases client (namespaced views are taken with namespace()). */
  readonly client: ResourceClient<Lease>;
  readonly namespace: string;
  readonly name: string;
  /** This candidate's identity, unique among candidates (e.g. hostname + "_" + a uuid). */
  readonly identity: string;
}

export class LeaseLock implements ResourceLock {
  readonly #client: ResourceClient<Lease>;
  readonly #namespace: string;
  readonly #name: string;
  readonly #identity: string;
  /** The Lease as last read or written: its resourceVersion guards the next update. */
  #lease: Lease | undefined;

  constructor(opts: LeaseLockOptions) {
    this.#client = opts.client.namespace(opts.namespace);
    this.#namespace = opts.namespace;
    this.#name = opts.name;
    this.#identity = opts.identity;
  }

  async get(): Promise<{ record: LeaderElectionRecord; raw: string }> {
    const lease = await this.#client.get(this.#name);
    this.#lease = lease;
    const record = leaseSpecToRecord(lease.spec);
    return { record, raw: JSON.stringify(record) };
  }

  async create(record: LeaderElectionRecord): Promise<void> {
    this.#lease = await this.#client.create({
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.#name, namespace: this.#namespace },
      spec: recordToLeaseSpec(record),
    });
  }

  async update(record: LeaderElectionRecord): Promise<void> {
    if (!this.#lease) throw new Error('lease not initialized, call get or create first');
    const lease: Lease = { ...this.#lease, spec: { ...this.#lease.spec, ...recordToLeaseSpec(record) } };
    this.#lease = await this.#client.update(lease);
  }

  identity(): string {
    return this.#identity;
  }

  describe(): string {
    return `${this.#namespace}/${this.#name}`;
  }
}
