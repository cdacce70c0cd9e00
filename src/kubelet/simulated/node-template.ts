// What a simulated node publishes about itself, as the kubelet does (pkg/kubelet/nodestatus
// setters, kubelet_node_status.go initialNode): the Node it registers, the status it reports
// on every heartbeat, and the Lease it renews in kube-node-lease. Pure: every function
// takes the time it writes.
//
//  - labels: kubernetes.io/hostname, kubernetes.io/os=linux, kubernetes.io/arch=amd64 and
//    their beta.kubernetes.io twins (the kubelet still sets them), plus
//    node.kubernetes.io/instance-type=kite-simulated (as k3s sets instance-type=k3s), which
//    selects simulated nodes; the annotation kite.io/simulated-node=true marks them too.
//  - spec.podCIDR/podCIDRs: the node's /24 (addresses.ts).
//  - status: capacity = allocatable (cpu, memory, pods, ephemeral-storage, hugepages 0);
//    conditions MemoryPressure, DiskPressure, PIDPressure False and Ready True with the
//    kubelet's reasons and messages, in the kubelet's order; InternalIP + Hostname addresses;
//    the kubelet endpoint on port 10250; nodeInfo naming kite's Kubernetes version.

import { createHash } from 'node:crypto';
import { GIT_VERSION } from '../../apiserver/version.js';
import type { Lease } from '../../api/types/coordination-v1.js';
import type { Node, NodeCondition, NodeStatus } from '../../api/types/core-v1.js';
import type { NodeCapacity } from './config.js';

export const SIMULATED_INSTANCE_TYPE = 'kite-simulated';
export const INSTANCE_TYPE_LABEL = 'node.kubernetes.io/instance-type';
export const SIMULATED_NODE_ANNOTATION = 'kite.io/simulated-node';
export const NODE_LEASE_NAMESPACE = 'kube-node-lease';
export const KUBELET_PORT = 10250;
export const CONTAINER_RUNTIME_VERSION = 'kite-simulated://0.1.0';

/** The identity of one simulated node. */
export interface SimulatedNodeIdentity {
  readonly name: string;
  readonly podCIDR: string;
  readonly internalIP: string;
  readonly capacity: NodeCapacity;
  /** Changes whenever the fleet starts, as a machine's boot ID does at boot. */
  readonly bootID: string;
}

/** The Node the simulated kubelet registers. */
export function registrationNode(id: SimulatedNodeIdentity, nowMs: number): Node {
  const hostname = id.name;
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: id.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': hostname,
        'kubernetes.io/os': 'linux',
        [INSTANCE_TYPE_LABEL]: SIMULATED_INSTANCE_TYPE,
      },
      annotations: {
        [SIMULATED_NODE_ANNOTATION]: 'true',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: { podCIDR: id.podCIDR, podCIDRs: [id.podCIDR] },
    status: nodeStatus(id, nowMs, nowMs),
  };
}

/** The full status a heartbeat reports; conditions changed state at transitionMs. */
export function nodeStatus(id: SimulatedNodeIdentity, nowMs: number, transitionMs: number): NodeStatus {
  const resources = {
    cpu: id.capacity.cpu,
    'ephemeral-storage': id.capacity.ephemeralStorage,
    'hugepages-1Gi': '0',
    'hugepages-2Mi': '0',
    memory: id.capacity.memory,
    pods: id.capacity.pods,
  };
  return {
    capacity: { ...resources },
    allocatable: { ...resources },
    conditions: nodeConditions(nowMs, transitionMs),
    addresses: [
      { type: 'InternalIP', address: id.internalIP },
      { type: 'Hostname', address: id.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: stableHex(`machine-id/${id.name}`, 32),
      systemUUID: uuidFrom(stableHex(`system-uuid/${id.name}`, 32)),
      bootID: id.bootID,
      kernelVersion: 'simulated',
      osImage: 'kite simulated node',
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: GIT_VERSION,
      kubeProxyVersion: GIT_VERSION,
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/** The kubelet's node conditions for a healthy node, in the order it sets them. */
export function nodeConditions(heartbeatMs: number, transitionMs: number): NodeCondition[] {
  const heartbeat = rfc3339(heartbeatMs);
  const transition = rfc3339(transitionMs);
  const c = (type: string, status: string, reason: string, message: string): NodeCondition => ({
    type,
    status,
    lastHeartbeatTime: heartbeat,
    lastTransitionTime: transition,
    reason,
    message,
  });
  return [
    c('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
    c('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
    c('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
    c('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
  ];
}

/** When the node's Ready condition last changed, from a Node read back (registration time
 *  when it has none). */
export function readyTransitionMs(node: Node | undefined, fallbackMs: number): number {
  const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
  const parsed = ready?.status === 'True' && ready.lastTransitionTime ? Date.parse(ready.lastTransitionTime) : NaN;
  return Number.isNaN(parsed) ? fallbackMs : parsed;
}

/** The node's Lease as the kubelet's lease controller creates it (owned by its Node). */
export function nodeLease(nodeName: string, nodeUID: string | undefined, durationSeconds: number, nowMs: number): Lease {
  const lease: Lease = {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name: nodeName, namespace: NODE_LEASE_NAMESPACE },
    spec: { holderIdentity: nodeName, leaseDurationSeconds: durationSeconds, renewTime: microTime(nowMs) },
  };
  if (nodeUID) lease.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'Node', name: nodeName, uid: nodeUID }];
  return lease;
}

/** The same Lease renewed at nowMs. */
export function renewedLease(lease: Lease, nodeName: string, durationSeconds: number, nowMs: number): Lease {
  return {
    ...lease,
    spec: { ...lease.spec, holderIdentity: nodeName, leaseDurationSeconds: durationSeconds, renewTime: microTime(nowMs) },
  };
}

let lastSecond = NaN;
let lastText = '';

/** metav1.Time: RFC 3339 in whole seconds, UTC. */
export function rfc3339(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastText;
}

/** metav1.MicroTime: RFC 3339 with six fractional digits, UTC. */
export function microTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}

function stableHex(seed: string, length: number): string {
  return createHash('sha256').update(seed).digest('hex').slice(0, length);
}

function uuidFrom(hex: string): string {
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
