// Object builders for scheduler tests (kube-scheduler's testing/wrappers.go):
//   makePod('web').req({ cpu: '500m' }).nodeSelector({ disk: 'ssd' }).build()
//   makeNode('n1').capacity({ cpu: '4', memory: '8Gi', pods: '110' }).taint('k', 'v', 'NoSchedule').build()
// and the NodeInfo/PodInfo of them for plugin tests.

import type { Node, NodeSelectorRequirement, Pod, Taint, Toleration } from '../../api/types/core-v1.js';
import { NodeInfo } from '../framework/node-info.js';
import { PodInfo } from '../framework/pod-info.js';

let uidCounter = 0;

export class PodWrapper {
  readonly pod: Pod;

  constructor(name: string, namespace = 'default') {
    this.pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace, uid: `uid-${name}-${++uidCounter}` },
      spec: { containers: [{ name: 'c', image: 'busybox' }], schedulerName: 'default-scheduler' },
    };
  }

  get spec(): NonNullable<Pod['spec']> {
    return this.pod.spec!;
  }

  uid(uid: string): this {
    this.pod.metadata.uid = uid;
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.pod.metadata.labels = { ...this.pod.metadata.labels, ...labels };
    return this;
  }

  /** Requests of the (first) container. */
  req(requests: Record<string, string>): this {
    this.spec.containers[0]!.resources = { requests };
    return this;
  }

  /** Another container with these requests. */
  container(requests: Record<string, string>, image = 'busybox'): this {
    this.spec.containers.push({ name: `c${this.spec.containers.length}`, image, resources: { requests } });
    return this;
  }

  initReq(requests: Record<string, string>, restartPolicy?: 'Always'): this {
    const list = (this.spec.initContainers ??= []);
    list.push({ name: `init${list.length}`, image: 'busybox', resources: { requests }, ...(restartPolicy ? { restartPolicy } : {}) });
    return this;
  }

  overhead(overhead: Record<string, string>): this {
    this.spec.overhead = overhead;
    return this;
  }

  image(image: string): this {
    this.spec.containers[0]!.image = image;
    return this;
  }

  nodeName(node: string): this {
    this.spec.nodeName = node;
    return this;
  }

  nodeSelector(sel: Record<string, string>): this {
    this.spec.nodeSelector = sel;
    return this;
  }

  /** A required node affinity term (ORed with earlier ones). */
  requiredAffinity(matchExpressions: NodeSelectorRequirement[] = [], matchFields: NodeSelectorRequirement[] = []): this {
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    const req = (na.requiredDuringSchedulingIgnoredDuringExecution ??= { nodeSelectorTerms: [] });
    req.nodeSelectorTerms.push({ ...(matchExpressions.length ? { matchExpressions } : {}), ...(matchFields.length ? { matchFields } : {}) });
    return this;
  }

  preferredAffinity(weight: number, matchExpressions: NodeSelectorRequirement[]): this {
    const na = ((this.spec.affinity ??= {}).nodeAffinity ??= {});
    (na.preferredDuringSchedulingIgnoredDuringExecution ??= []).push({ weight, preference: { matchExpressions } });
    return this;
  }

  toleration(t: Toleration): this {
    (this.spec.tolerations ??= []).push(t);
    return this;
  }

  hostPort(port: number, protocol = 'TCP', hostIP?: string): this {
    const c = this.spec.containers[0]!;
    (c.ports ??= []).push({ containerPort: port, hostPort: port, protocol, ...(hostIP ? { hostIP } : {}) });
    return this;
  }

  priority(p: number): this {
    this.spec.priority = p;
    return this;
  }

  schedulerName(name: string): this {
    this.spec.schedulerName = name;
    return this;
  }

  schedulingGates(...names: string[]): this {
    this.spec.schedulingGates = names.map((name) => ({ name }));
    return this;
  }

  build(): Pod {
    return structuredClone(this.pod);
  }

  info(): PodInfo {
    return new PodInfo(this.build());
  }
}

export class NodeWrapper {
  readonly node: Node;

  constructor(name: string) {
    this.node = {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name } },
      spec: {},
      status: {
        capacity: { cpu: '4', memory: '8Gi', pods: '110' },
        allocatable: { cpu: '4', memory: '8Gi', pods: '110' },
        conditions: [{ type: 'Ready', status: 'True' }],
      },
    };
  }

  /** Sets capacity and allocatable alike. */
  capacity(resources: Record<string, string>): this {
    this.node.status!.capacity = { ...resources };
    this.node.status!.allocatable = { ...resources };
    return this;
  }

  labels(labels: Record<string, string>): this {
    this.node.metadata.labels = { ...this.node.metadata.labels, ...labels };
    return this;
  }

  taint(key: string, value: string, effect: Taint['effect']): this {
    (this.node.spec!.taints ??= []).push({ key, value, effect });
    return this;
  }

  unschedulable(on = true): this {
    this.node.spec!.unschedulable = on;
    return this;
  }

  images(...images: { names: string[]; sizeBytes: number }[]): this {
    this.node.status!.images = images;
    return this;
  }

  build(): Node {
    return structuredClone(this.node);
  }

  /** A NodeInfo of the node holding these pods (they get spec.nodeName set). */
  info(...pods: Pod[]): NodeInfo {
    const node = this.build();
    const ni = new NodeInfo(node.metadata.name!, node);
    for (const p of pods) ni.addPod(new PodInfo({ ...p, spec: { ...p.spec!, nodeName: node.metadata.name } }));
    return ni;
  }
}

export function makePod(name: string, namespace?: string): PodWrapper {
  return new PodWrapper(name, namespace);
}

export function makeNode(name: string): NodeWrapper {
  return new NodeWrapper(name);
}
