// FleetNode: what the simulated kubelet of one node keeps in memory — its identity, the uid of
// the Node it registered, when its Ready condition last changed, the Lease it last wrote
// (renewals update that copy, as the kubelet's lease controller does), and the pod IPs it
// has handed out. Heartbeats and the pod controller share these objects.

import type { Lease } from '../../api/types/coordination-v1.js';
import type { SimulatedNodeIdentity } from './node-template.js';
import { PodIPPool } from './pod-ip-pool.js';

export class FleetNode {
  readonly index: number;
  readonly id: SimulatedNodeIdentity;
  readonly pool: PodIPPool;
  /** The registered Node's uid (the owner of its Lease). */
  uid: string | undefined;
  readyTransitionMs: number;
  /** The Lease as last written; undefined until created or after a failed renewal. */
  lease: Lease | undefined;
  /** True while the Node is gone (deleted by someone); the kubelet does not re-register. */
  missing = false;

  constructor(index: number, id: SimulatedNodeIdentity, readyTransitionMs: number) {
    this.index = index;
    this.id = id;
    this.pool = new PodIPPool(id.podCIDR);
    this.readyTransitionMs = readyTransitionMs;
  }

  get name(): string {
    return this.id.name;
  }

  get hostIP(): string {
    return this.id.internalIP;
  }
}
