// What a fleet of simulated nodes has done since it started: counts of the writes it made
// (the cost it puts on the API server) and of the failures it met. Counters only grow.

export interface FleetStats {
  nodesRegistered: number;
  leaseRenewals: number;
  leaseCreates: number;
  nodeStatusReports: number;
  podStatusWrites: number;
  podDeletes: number;
  /** Failed writes of any kind (each is retried: next heartbeat, or with backoff for pods). */
  failures: number;
  /** Pod status writes refused for a stale resourceVersion (retried once the cache caught up). */
  conflicts: number;
  /** Heartbeat turns skipped because the previous one for that node was still under way. */
  heartbeatsSkipped: number;
}

export function newFleetStats(): FleetStats {
  return {
    nodesRegistered: 0,
    leaseRenewals: 0,
    leaseCreates: 0,
    nodeStatusReports: 0,
    podStatusWrites: 0,
    podDeletes: 0,
    failures: 0,
    conflicts: 0,
    heartbeatsSkipped: 0,
  };
}

/** Writes made in total: what the fleet costs the API server. */
export function totalWrites(s: FleetStats): number {
  return s.nodesRegistered + s.leaseRenewals + s.leaseCreates + s.nodeStatusReports + s.podStatusWrites + s.podDeletes;
}
