// startSimulatedNodes: a fleet of simulated nodes in one component, as kwok provides — N Node
// objects whose kubelet is played in-process, so thousands of nodes run without a process
// (or a container) each.
//
//   const fleet = await startSimulatedNodes({ client, count: 100, podStartDelayMs: 500 });
//   ...
//   await fleet.stop();
//
// startSimulatedNodes resolves once every node is registered (created, or found and its
// status reported again) with its Lease, and the pod cache has synced. From then on the fleet
// renews each node's Lease, reports each node's status (heartbeat.ts), and runs every pod bound
// to one of its nodes (pod-controller.ts) until stop(). It talks only through the client it
// is given, like any kubelet.

import { randomUUID } from 'node:crypto';
import type { Node } from '../../api/types/core-v1.js';
import type { Client } from '../../client/client.js';
import { SharedInformerFactory } from '../../client/informer/factory.js';
import { withoutManagedFields } from '../../client/informer/transforms.js';
import { realClock, type Clock } from '../../client/workqueue/clock.js';
import { simulatedNodeIP, simulatedPodCIDR } from './addresses.js';
import { isAlreadyExists } from './api-errors.js';
import { resolveFleetConfig, simulatedNodeName, type SimulatedFleetConfig, type SimulatedFleetSettings } from './config.js';
import { FleetNode } from './fleet-node.js';
import { NodeHeartbeats } from './heartbeat.js';
import { NODE_LEASE_NAMESPACE, nodeStatus, readyTransitionMs, registrationNode, type SimulatedNodeIdentity } from './node-template.js';
import { SimulatedPodController } from './pod-controller.js';
import { newFleetStats, type FleetStats } from './stats.js';

export interface SimulatedNodesOptions extends SimulatedFleetSettings {
  /** The client the fleet acts through (e.g. Client.inProcess(server.apiServer, { userAgent: 'kubelet' })). */
  readonly client: Client;
  readonly clock?: Clock;
  /** Told about failed writes (each is retried); defaults to console.error. */
  readonly onError?: (what: string, err: unknown) => void;
}

export interface SimulatedNodes {
  readonly config: SimulatedFleetConfig;
  /** The node names, in index order. */
  readonly nodeNames: readonly string[];
  /** A copy of the counters. */
  stats(): FleetStats;
  /** Stops heartbeats and pod workers; resolves once the writes under way have finished. */
  stop(): Promise<void>;
}

export async function startSimulatedNodes(opts: SimulatedNodesOptions): Promise<SimulatedNodes> {
  const config = resolveFleetConfig(opts);
  const clock = opts.clock ?? realClock;
  const onError = opts.onError ?? ((what: string, err: unknown) => console.error(`kite: simulated nodes: ${what}:`, err instanceof Error ? err.message : err));
  const stats = newFleetStats();

  const { nodes, heartbeats } = await registerFleet(opts.client, config, clock, stats, onError);
  // The pod cache drops managedFields, as kube-scheduler's does: a status update without them
  // keeps the stored ones, and they are about a third of a pod.
  const informers = new SharedInformerFactory({ client: (ref) => opts.client.resource(ref), reflector: { transform: withoutManagedFields } });
  const pods = new SimulatedPodController({ client: opts.client, informers, nodes: new Map(nodes.map((n) => [n.name, n])), config, clock, stats, onError });
  const running = new AbortController();
  informers.start(running.signal);
  await informers.waitForCacheSync(running.signal);
  const podWork = pods.run(running.signal);
  heartbeats.start();

  return {
    config,
    nodeNames: nodes.map((n) => n.name),
    stats: () => ({ ...stats, heartbeatsSkipped: heartbeats.skipped }),
    async stop() {
      running.abort();
      await Promise.all([heartbeats.stop(), podWork]);
      await informers.shutdown();
    },
  };
}

/** Registers every node of the fleet and makes sure each has its Lease. */
async function registerFleet(
  client: Client,
  config: SimulatedFleetConfig,
  clock: Clock,
  stats: FleetStats,
  onError: (what: string, err: unknown) => void,
): Promise<{ nodes: FleetNode[]; heartbeats: NodeHeartbeats }> {
  const bootID = randomUUID();
  const nodesClient = client.core.nodes();
  const leases = client.coordination.leases(NODE_LEASE_NAMESPACE);
  // What a previous run of the fleet left: one list each instead of a failed create per node.
  const existingNodes = byName((await nodesClient.list({})).items);
  const existingLeases = byName((await leases.list({})).items);
  const nodes = await mapConcurrently(config.count, config.registrationConcurrency, async (i) => {
    const id = identity(config, i, bootID);
    const node = await registerNode(nodesClient, id, existingNodes.get(id.name), i, clock);
    stats.nodesRegistered++;
    return node;
  });
  const heartbeats = new NodeHeartbeats(nodes, { leases, nodes: nodesClient, config, clock, stats, onError });
  await mapConcurrently(nodes.length, config.registrationConcurrency, (i) => heartbeats.ensureLease(nodes[i]!, existingLeases.get(nodes[i]!.name)));
  return { nodes, heartbeats };
}

function identity(config: SimulatedFleetConfig, i: number, bootID: string): SimulatedNodeIdentity {
  return {
    name: simulatedNodeName(config, i),
    podCIDR: simulatedPodCIDR(i),
    internalIP: simulatedNodeIP(i),
    capacity: config.capacity,
    bootID,
  };
}

/** Creates the Node; when it exists already (a restarted fleet), keeps its uid, podCIDR and
 *  the time its Ready condition last changed, and reports the status afresh (kubelet
 *  tryRegisterWithAPIServer). */
async function registerNode(nodes: SimulatedFleetNodesClient, id: SimulatedNodeIdentity, existing: Node | undefined, index: number, clock: Clock): Promise<FleetNode> {
  const now = clock.now();
  if (!existing) {
    try {
      const created = await nodes.create(registrationNode(id, now));
      const node = new FleetNode(index, id, now);
      node.uid = created.metadata.uid;
      return node;
    } catch (err) {
      if (!isAlreadyExists(err)) throw err;
    }
    existing = await nodes.get(id.name);
  }
  const podCIDR = existing.spec?.podCIDR ?? id.podCIDR;
  const node = new FleetNode(index, { ...id, podCIDR }, readyTransitionMs(existing, now));
  node.uid = existing.metadata.uid;
  await nodes.patch(id.name, 'strategic', { status: nodeStatus(node.id, now, node.readyTransitionMs) }, { subresource: 'status' });
  return node;
}

function byName<T extends { metadata: { name?: string } }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((o) => [o.metadata.name ?? '', o]));
}

type SimulatedFleetNodesClient = ReturnType<Client['core']['nodes']>;

/** Runs fn(0..count-1) with at most `limit` calls under way; answers the results in order. */
async function mapConcurrently<T>(count: number, limit: number, fn: (i: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(count);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      results[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}
