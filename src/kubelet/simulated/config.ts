// The settings of a fleet of simulated nodes, their defaults, and the checks that turn user
// input (flags, library options) into a complete, valid SimulatedFleetConfig. Defaults follow
// the kubelet's: a 40 s node lease renewed every 10 s (a quarter of its duration), node
// status reported every 5 minutes, 110 pods per node.

import { parseQuantity } from '../../api/quantity.js';
import { MAX_SIMULATED_NODES } from './addresses.js';

/** What each simulated node reports as capacity (and allocatable): Kubernetes quantities. */
export interface NodeCapacity {
  readonly cpu: string;
  readonly memory: string;
  readonly pods: string;
  readonly ephemeralStorage: string;
}

export interface SimulatedFleetSettings {
  /** How many nodes: named `<prefix>-0` … `<prefix>-<count-1>`. */
  readonly count: number;
  readonly prefix?: string;
  readonly capacity?: Partial<NodeCapacity>;
  /** From the first sight of a pod to its containers running (ContainerCreating meanwhile). */
  readonly podStartDelayMs?: number;
  /** How long a deleted pod's containers take to stop (never longer than its grace period). */
  readonly podStopDelayMs?: number;
  readonly leaseDurationSeconds?: number;
  /** How often each node renews its Lease (default: a quarter of its duration). */
  readonly leaseRenewIntervalMs?: number;
  /** How often each node reports its status when nothing changed. */
  readonly nodeStatusReportIntervalMs?: number;
  /** Concurrent pod status writes. */
  readonly podWorkers?: number;
  /** Concurrent heartbeat writes (leases and node status) in flight. */
  readonly maxHeartbeatsInFlight?: number;
  /** Concurrent node registrations at start. */
  readonly registrationConcurrency?: number;
}

export type SimulatedFleetConfig = Required<Omit<SimulatedFleetSettings, 'capacity'>> & { readonly capacity: NodeCapacity };

export const DEFAULT_PREFIX = 'kite-sim-node';

export const DEFAULT_CAPACITY: NodeCapacity = {
  cpu: '32',
  memory: '256Gi',
  pods: '110',
  ephemeralStorage: '100Gi',
};

export class SimulatedFleetConfigError extends Error {
  override name = 'SimulatedFleetConfigError';
}

/** Fills in the defaults and checks every value; throws SimulatedFleetConfigError. */
export function resolveFleetConfig(s: SimulatedFleetSettings): SimulatedFleetConfig {
  const leaseDurationSeconds = s.leaseDurationSeconds ?? 40;
  const config: SimulatedFleetConfig = {
    count: s.count,
    prefix: s.prefix ?? DEFAULT_PREFIX,
    capacity: resolveCapacity(s.capacity ?? {}),
    podStartDelayMs: s.podStartDelayMs ?? 1000,
    podStopDelayMs: s.podStopDelayMs ?? 1000,
    leaseDurationSeconds,
    leaseRenewIntervalMs: s.leaseRenewIntervalMs ?? leaseDurationSeconds * 250,
    nodeStatusReportIntervalMs: s.nodeStatusReportIntervalMs ?? 5 * 60_000,
    podWorkers: s.podWorkers ?? 16,
    maxHeartbeatsInFlight: s.maxHeartbeatsInFlight ?? 64,
    registrationConcurrency: s.registrationConcurrency ?? 32,
  };
  checkConfig(config);
  return config;
}

/** The capacity with defaults filled in, every quantity in its canonical form ("1000m" -> "1"). */
function resolveCapacity(c: Partial<NodeCapacity>): NodeCapacity {
  const merged: NodeCapacity = { ...DEFAULT_CAPACITY, ...c };
  const canonical = (name: keyof NodeCapacity): string => {
    const value = merged[name];
    let q;
    try {
      q = parseQuantity(value);
    } catch {
      q = undefined;
    }
    if (!q || q.sign() < 0) throw new SimulatedFleetConfigError(`simulated node capacity ${name}: "${value}" is not a non-negative quantity`);
    return q.toString();
  };
  return { cpu: canonical('cpu'), memory: canonical('memory'), pods: canonical('pods'), ephemeralStorage: canonical('ephemeralStorage') };
}

function checkConfig(c: SimulatedFleetConfig): void {
  if (!Number.isInteger(c.count) || c.count < 0 || c.count > MAX_SIMULATED_NODES) {
    throw new SimulatedFleetConfigError(`simulated node count must be an integer from 0 to ${MAX_SIMULATED_NODES}, not ${c.count}`);
  }
  if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(c.prefix) || c.prefix.length > 240) {
    throw new SimulatedFleetConfigError(`simulated node prefix "${c.prefix}" is not a DNS subdomain prefix`);
  }
  const positive: (keyof SimulatedFleetConfig)[] = [
    'leaseDurationSeconds',
    'leaseRenewIntervalMs',
    'nodeStatusReportIntervalMs',
    'podWorkers',
    'maxHeartbeatsInFlight',
    'registrationConcurrency',
  ];
  for (const k of positive) {
    const v = c[k] as number;
    if (!Number.isFinite(v) || v <= 0) throw new SimulatedFleetConfigError(`${k} must be positive, not ${v}`);
  }
  for (const k of ['podStartDelayMs', 'podStopDelayMs'] as const) {
    if (!Number.isFinite(c[k]) || c[k] < 0) throw new SimulatedFleetConfigError(`${k} must not be negative, not ${c[k]}`);
  }
}

/** The name of simulated node i. */
export function simulatedNodeName(config: Pick<SimulatedFleetConfig, 'prefix'>, i: number): string {
  return `${config.prefix}-${i}`;
}
