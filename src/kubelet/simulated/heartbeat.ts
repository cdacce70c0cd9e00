// NodeHeartbeats: the two heartbeats of every simulated node, as the kubelet sends them.
//
//  - Lease (pkg/kubelet nodelease controller): renewed every leaseRenewIntervalMs by an
//    update of the copy last written; on a conflict or a missing Lease the node creates it
//    (owned by its Node while the Node exists), or reads it again and renews it.
//  - Node status (kubelet_node_status.go): the full status, patched (strategic merge) on
//    nodes/status every nodeStatusReportIntervalMs with fresh lastHeartbeatTimes.
//
// Each heartbeat is spread over its interval across the fleet (SpreadTicker), so the write
// rate is steady: count / leaseRenewInterval + count / nodeStatusReportInterval a second.
//
// A deleted Node is not registered again — the kubelet registers once, at start, and so does a
// fleet: its status reports then fail with NotFound (reported once per node) and its Lease is
// re-created without an owner, as the kubelet's would be.

import type { Lease } from '../../api/types/coordination-v1.js';
import type { Node } from '../../api/types/core-v1.js';
import type { ResourceClient } from '../../client/contract.js';
import type { Clock } from '../../client/workqueue/clock.js';
import { isAlreadyExists, isConflict, isNotFound } from './api-errors.js';
import type { SimulatedFleetConfig } from './config.js';
import type { FleetNode } from './fleet-node.js';
import { nodeLease, nodeStatus, renewedLease } from './node-template.js';
import { SpreadTicker } from './spread-ticker.js';
import type { FleetStats } from './stats.js';

export interface HeartbeatDeps {
  /** Leases of kube-node-lease. */
  readonly leases: ResourceClient<Lease>;
  readonly nodes: ResourceClient<Node>;
  readonly config: SimulatedFleetConfig;
  readonly clock: Clock;
  readonly stats: FleetStats;
  readonly onError: (what: string, err: unknown) => void;
}

export class NodeHeartbeats {
  readonly #deps: HeartbeatDeps;
  readonly #leaseTicker: SpreadTicker;
  readonly #statusTicker: SpreadTicker;

  constructor(nodes: readonly FleetNode[], deps: HeartbeatDeps) {
    this.#deps = deps;
    const ticker = (periodMs: number, what: string, run: (n: FleetNode) => Promise<void>) =>
      new SpreadTicker({
        count: nodes.length,
        periodMs,
        maxInFlight: deps.config.maxHeartbeatsInFlight,
        clock: deps.clock,
        run: (i) => run(nodes[i]!),
        onError: (i, err) => {
          deps.stats.failures++;
          deps.onError(`${what} of node ${nodes[i]!.name}`, err);
        },
      });
    this.#leaseTicker = ticker(deps.config.leaseRenewIntervalMs, 'lease renewal', (n) => this.renewLease(n));
    this.#statusTicker = ticker(deps.config.nodeStatusReportIntervalMs, 'status report', (n) => this.reportStatus(n));
  }

  start(): void {
    this.#leaseTicker.start();
    this.#statusTicker.start();
  }

  async stop(): Promise<void> {
    await Promise.all([this.#leaseTicker.stop(), this.#statusTicker.stop()]);
  }

  /** Heartbeat turns skipped so far (see SpreadTicker). */
  get skipped(): number {
    return this.#leaseTicker.skipped + this.#statusTicker.skipped;
  }

  /** Renews the node's Lease, creating it when it does not exist. */
  async renewLease(node: FleetNode): Promise<void> {
    const { leases, config, clock, stats } = this.#deps;
    const now = clock.now();
    if (node.lease) {
      try {
        node.lease = await leases.update(renewedLease(node.lease, node.name, config.leaseDurationSeconds, now));
        stats.leaseRenewals++;
        return;
      } catch (err) {
        node.lease = undefined;
        if (!isConflict(err) && !isNotFound(err)) throw err;
      }
    }
    await this.ensureLease(node);
  }

  /** Creates the node's Lease, or when it exists renews it: `known` is the Lease as last read
   *  (a restarted fleet lists them), else it is read when the create finds one (the kubelet
   *  reads first; creating first saves a read for every node of a new fleet). */
  async ensureLease(node: FleetNode, known?: Lease): Promise<void> {
    const { leases, config, clock, stats } = this.#deps;
    if (known) {
      try {
        node.lease = await leases.update(renewedLease(known, node.name, config.leaseDurationSeconds, clock.now()));
        stats.leaseRenewals++;
        return;
      } catch (err) {
        if (!isConflict(err) && !isNotFound(err)) throw err;
      }
    }
    try {
      node.lease = await leases.create(nodeLease(node.name, node.missing ? undefined : node.uid, config.leaseDurationSeconds, clock.now()));
      stats.leaseCreates++;
      return;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    const current = await leases.get(node.name);
    node.lease = await leases.update(renewedLease(current, node.name, config.leaseDurationSeconds, clock.now()));
    stats.leaseRenewals++;
  }

  /** Patches the node's full status with fresh heartbeat times. */
  async reportStatus(node: FleetNode): Promise<void> {
    const { nodes, clock, stats } = this.#deps;
    try {
      await nodes.patch(node.name, 'strategic', { status: nodeStatus(node.id, clock.now(), node.readyTransitionMs) }, { subresource: 'status' });
      stats.nodeStatusReports++;
      node.missing = false;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (!node.missing) this.#deps.onError(`status report of node ${node.name}`, new Error(`node "${node.name}" not found; simulated nodes register once, at start`));
      node.missing = true;
    }
  }
}
