// Object builders for controller tests: small, chainable, producing plain API objects.
//
//   makePod('a').node('n1').phase('Running').ready('2025-01-01T00:00:00Z').build()

import type { Pod } from '../../api/types/core-v1.js';

export class PodBuilder {
  readonly #pod: Pod;

  constructor(name: string, namespace = 'default') {
    this.#pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace, uid: `uid-${name}` }, spec: { containers: [{ name: 'c', image: 'busybox' }] }, status: {} };
  }

  labels(labels: Record<string, string>): this {
    this.#pod.metadata.labels = { ...labels };
    return this;
  }

  annotations(annotations: Record<string, string>): this {
    this.#pod.metadata.annotations = { ...annotations };
    return this;
  }

  uid(uid: string): this {
    this.#pod.metadata.uid = uid;
    return this;
  }

  created(time: string): this {
    this.#pod.metadata.creationTimestamp = time;
    return this;
  }

  deleting(time = '2025-01-01T00:00:00Z'): this {
    this.#pod.metadata.deletionTimestamp = time;
    return this;
  }

  node(nodeName: string): this {
    this.#pod.spec!.nodeName = nodeName;
    return this;
  }

  phase(phase: string): this {
    this.#pod.status!.phase = phase;
    return this;
  }

  /** Ready since `since` (lastTransitionTime), or not ready when status is 'False'. */
  ready(since?: string, status: 'True' | 'False' = 'True'): this {
    this.#pod.status!.conditions = [{ type: 'Ready', status, ...(since ? { lastTransitionTime: since } : {}) }];
    return this;
  }

  restarts(count: number): this {
    this.#pod.status!.containerStatuses = [{ name: 'c', image: 'busybox', imageID: '', ready: false, restartCount: count }];
    return this;
  }

  sidecarRestarts(count: number): this {
    this.#pod.spec!.initContainers = [{ name: 's', image: 'busybox', restartPolicy: 'Always' }];
    this.#pod.status!.initContainerStatuses = [{ name: 's', image: 'busybox', imageID: '', ready: false, restartCount: count }];
    return this;
  }

  owner(kind: string, name: string, uid: string, controller = true): this {
    this.#pod.metadata.ownerReferences = [{ apiVersion: 'apps/v1', kind, name, uid, controller, blockOwnerDeletion: true }];
    return this;
  }

  build(): Pod {
    return structuredClone(this.#pod);
  }
}

export function makePod(name: string, namespace?: string): PodBuilder {
  return new PodBuilder(name, namespace);
}
