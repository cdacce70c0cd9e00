// PodInfo: a pod plus what the scheduler derives from it once (kube-scheduler PodInfo), so a
// scheduling attempt over thousands of nodes, and the cache's accounting, never re-parse the
// pod's quantities or re-walk its containers.
//
// Contract:
//  - Built from a Pod that is never mutated afterwards (informer objects are shared); a new
//    version of the pod gets a new PodInfo.
//  - requests: podRequests(pod) (init-container max rule, sidecars, overhead); nonZeroCPU and
//    nonZeroMemory: the same with the spreading defaults for containers that name none.
//  - hostPorts: the ports the pod takes on its node (containers and sidecar init containers
//    with a hostPort > 0), host IP '' as 0.0.0.0 and protocol '' as TCP.
//  - key: the pod's uid (namespace/name when it has none, as in hand-built test pods).
//  - withNodeName(node) is the assumed copy of the pod: same derived data, spec.nodeName set.
//
// QueuedPodInfo is a PodInfo as the scheduling queue tracks it: when it was queued, how often
// it was tried, and which plugins rejected it last (what decides which cluster events may
// make it schedulable).

import type { ContainerPort, Pod, Toleration } from '../../api/types/core-v1.js';
import { podRequests, type Resource } from './resource.js';

export const DEFAULT_BIND_ALL_HOST_IP = '0.0.0.0';

export interface HostPort {
  readonly hostIP: string;
  readonly protocol: string;
  readonly port: number;
}

function hostPortOf(p: ContainerPort): HostPort {
  return { hostIP: p.hostIP || DEFAULT_BIND_ALL_HOST_IP, protocol: p.protocol || 'TCP', port: p.hostPort ?? 0 };
}

/** The host ports a pod uses (schedutil.GetHostPorts). */
export function podHostPorts(pod: Pod): HostPort[] {
  const out: HostPort[] = [];
  const spec = pod.spec;
  if (!spec) return out;
  for (const c of spec.initContainers ?? []) {
    // Only init containers that run as long as the pod (sidecars) hold their ports.
    if (c.restartPolicy !== 'Always') continue;
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push(hostPortOf(p));
  }
  for (const c of spec.containers ?? []) {
    for (const p of c.ports ?? []) if ((p.hostPort ?? 0) > 0) out.push(hostPortOf(p));
  }
  return out;
}

export function podKeyOf(pod: Pod): string {
  return pod.metadata.uid || `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`;
}

const NO_TOLERATIONS: readonly Toleration[] = [];

export class PodInfo {
  readonly pod: Pod;
  readonly key: string;
  readonly namespace: string;
  readonly name: string;
  readonly priority: number;
  readonly requests: Resource;
  readonly nonZeroCPU: number;
  readonly nonZeroMemory: number;
  readonly hostPorts: readonly HostPort[];
  readonly tolerations: readonly Toleration[];
  /** Has pod affinity or pod anti-affinity terms (of any kind). */
  readonly hasAffinity: boolean;
  /** Has required pod anti-affinity terms. */
  readonly hasRequiredAntiAffinity: boolean;

  constructor(pod: Pod, derivedFrom?: PodInfo) {
    this.pod = pod;
    this.key = podKeyOf(pod);
    this.namespace = pod.metadata.namespace ?? '';
    this.name = pod.metadata.name ?? '';
    const spec = pod.spec;
    this.priority = spec?.priority ?? 0;
    if (derivedFrom) {
      this.requests = derivedFrom.requests;
      this.nonZeroCPU = derivedFrom.nonZeroCPU;
      this.nonZeroMemory = derivedFrom.nonZeroMemory;
      this.hostPorts = derivedFrom.hostPorts;
    } else {
      this.requests = podRequests(pod);
      const nonZero = podRequests(pod, true);
      this.nonZeroCPU = nonZero.milliCPU;
      this.nonZeroMemory = nonZero.memory;
      this.hostPorts = podHostPorts(pod);
    }
    this.tolerations = spec?.tolerations ?? NO_TOLERATIONS;
    const affinity = spec?.affinity;
    this.hasAffinity = !!affinity && (!!affinity.podAffinity || !!affinity.podAntiAffinity);
    this.hasRequiredAntiAffinity = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.length ?? 0) > 0;
  }

  /** The pod as the cache assumes it: bound to node, everything derived kept. */
  withNodeName(node: string): PodInfo {
    const pod: Pod = { ...this.pod, spec: { ...this.pod.spec!, nodeName: node } };
    return new PodInfo(pod, this);
  }
}

export class QueuedPodInfo {
  podInfo: PodInfo;
  /** When the pod was last added to the queue (ms); orders equal priorities. */
  timestamp: number;
  /** Scheduling attempts so far. */
  attempts = 0;
  /** When the pod was first popped for scheduling (ms), if it has been. */
  initialAttemptTimestamp: number | undefined;
  /** Plugins that rejected the pod in its last attempt. */
  unschedulablePlugins: Set<string> = new Set();
  /** Plugins that answered Pending in its last attempt. */
  pendingPlugins: Set<string> = new Set();
  /** Held back by a PreEnqueue plugin (scheduling gates): never popped until it passes. */
  gated = false;
  /** The queue's scheduling cycle when the pod was popped. */
  popCycle = 0;

  constructor(podInfo: PodInfo, now: number) {
    this.podInfo = podInfo;
    this.timestamp = now;
  }

  get pod(): Pod {
    return this.podInfo.pod;
  }

  get key(): string {
    return this.podInfo.key;
  }
}
