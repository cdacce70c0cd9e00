// Object builders and a fake sync context for the deployment controller's unit tests:
//
//   const d = makeDeployment('web').replicas(10).rolling(2, 2).image('nginx:1').build();
//   const rs = makeReplicaSet(d, 'web-a').replicas(8).available(8).revision(1).build();
//   const { ctx, control } = fakeSyncContext([rs]);

import type { IntOrString } from '../../api/types/apimachinery.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { formatTime } from '../common/time.js';
import { newControllerRef } from '../common/controller-ref.js';
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION, REVISION_ANNOTATION } from './annotations.js';
import { FakeDeploymentControl } from './control.js';
import { DEPLOYMENT_GVK } from './kind.js';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
import type { SyncContext } from './sync-context.js';

export const T0 = Date.UTC(2025, 0, 1);

export class DeploymentBuilder {
  readonly #d: Deployment;

  constructor(name: string) {
    this.#d = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name, namespace: 'default', uid: `uid-${name}`, generation: 1, creationTimestamp: formatTime(T0) },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: name } },
        template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'img:1' }] } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {},
    };
  }

  replicas(n: number): this {
    this.#d.spec!.replicas = n;
    return this;
  }

  rolling(maxSurge: IntOrString, maxUnavailable: IntOrString): this {
    this.#d.spec!.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } };
    return this;
  }

  recreate(): this {
    this.#d.spec!.strategy = { type: 'Recreate' };
    return this;
  }

  image(image: string): this {
    this.#d.spec!.template.spec!.containers[0]!.image = image;
    return this;
  }

  historyLimit(n: number | undefined): this {
    this.#d.spec!.revisionHistoryLimit = n;
    return this;
  }

  progressDeadline(seconds: number | undefined): this {
    this.#d.spec!.progressDeadlineSeconds = seconds;
    return this;
  }

  paused(paused = true): this {
    this.#d.spec!.paused = paused;
    return this;
  }

  annotations(a: Record<string, string>): this {
    this.#d.metadata.annotations = { ...a };
    return this;
  }

  status(s: NonNullable<Deployment['status']>): this {
    this.#d.status = structuredClone(s);
    return this;
  }

  generation(g: number): this {
    this.#d.metadata.generation = g;
    return this;
  }

  build(): Deployment {
    return structuredClone(this.#d);
  }
}

export function makeDeployment(name: string): DeploymentBuilder {
  return new DeploymentBuilder(name);
}

export class ReplicaSetBuilder {
  readonly #rs: ReplicaSet;

  constructor(d: Deployment, name: string) {
    const template = structuredClone(d.spec!.template);
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: name } };
    this.#rs = {
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name,
        namespace: 'default',
        uid: `uid-${name}`,
        generation: 1,
        creationTimestamp: formatTime(T0),
        labels: { ...template.metadata.labels },
        ownerReferences: [newControllerRef(d, DEPLOYMENT_GVK)],
        annotations: {},
      },
      spec: { replicas: 0, selector: { matchLabels: { ...template.metadata.labels } }, template },
      status: { replicas: 0, observedGeneration: 1 },
    };
  }

  /** spec.replicas, and status.replicas to match. */
  replicas(n: number): this {
    this.#rs.spec!.replicas = n;
    this.#rs.status!.replicas = n;
    return this;
  }

  available(n: number): this {
    this.#rs.status!.availableReplicas = n;
    this.#rs.status!.readyReplicas = n;
    return this;
  }

  statusReplicas(n: number): this {
    this.#rs.status!.replicas = n;
    return this;
  }

  revision(n: number | string): this {
    this.#rs.metadata.annotations![REVISION_ANNOTATION] = String(n);
    return this;
  }

  replicasAnnotations(desired: number, max: number): this {
    this.#rs.metadata.annotations![DESIRED_REPLICAS_ANNOTATION] = String(desired);
    this.#rs.metadata.annotations![MAX_REPLICAS_ANNOTATION] = String(max);
    return this;
  }

  created(offsetSeconds: number): this {
    this.#rs.metadata.creationTimestamp = formatTime(T0 + offsetSeconds * 1000);
    return this;
  }

  build(): ReplicaSet {
    return structuredClone(this.#rs);
  }
}

/** A ReplicaSet of d running d's current template. */
export function makeReplicaSet(d: Deployment, name: string): ReplicaSetBuilder {
  return new ReplicaSetBuilder(d, name);
}

export interface FakeSync {
  readonly ctx: SyncContext;
  readonly control: FakeDeploymentControl;
  readonly requeues: { key: string; after: number | 'rate-limited' }[];
  /** The clock; tests move it. */
  now: number;
}

/** A SyncContext over a FakeDeploymentControl, a fixed cache of ReplicaSets and a movable clock. */
export function fakeSyncContext(cache: readonly ReplicaSet[] = [], now = T0): FakeSync {
  const control = new FakeDeploymentControl(() => formatTime(fake.now));
  const requeues: FakeSync['requeues'] = [];
  const key = (d: Deployment) => `${d.metadata.namespace}/${d.metadata.name}`;
  const fake: FakeSync = {
    control,
    requeues,
    now,
    ctx: {
      control,
      now: () => fake.now,
      cachedReplicaSet: (ns, name) => cache.find((rs) => rs.metadata.namespace === ns && rs.metadata.name === name),
      requeueAfter: (d, ms) => requeues.push({ key: key(d), after: ms }),
      requeueRateLimited: (d) => requeues.push({ key: key(d), after: 'rate-limited' }),
    },
  };
  return fake;
}
