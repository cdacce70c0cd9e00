// The deployment controller's side effects, behind one small interface so the sync logic can
// be driven against a real API server (RealDeploymentControl) or a recording fake in unit
// tests (FakeDeploymentControl):
//
//  - ReplicaSets: create, update (replicas, annotations, minReadySeconds), delete (history
//    cleanup).
//  - Deployments: update (a rollback rewrites the template) and updateStatus (status, and in
//    Kubernetes also the revision annotation: the Deployment status strategy keeps every
//    metadata change but labels).
//  - Events on the Deployment, reported as `deployment-controller`.
//
// Every method returns what the server stored; API failures throw StatusError unchanged.

import type { KubeObject } from '../../api/meta.js';
import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { Client } from '../../client/client.js';
import type { EventRecorder } from '../../client/events/recorder.js';
import type { EventType } from '../../client/events/types.js';

export interface DeploymentControl {
  createReplicaSet(namespace: string, rs: ReplicaSet): Promise<ReplicaSet>;
  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet>;
  deleteReplicaSet(namespace: string, name: string): Promise<void>;
  updateDeployment(d: Deployment): Promise<Deployment>;
  updateDeploymentStatus(d: Deployment): Promise<Deployment>;
  event(d: Deployment, type: EventType, reason: string, message: string): void;
}

export class RealDeploymentControl implements DeploymentControl {
  readonly #client: Client;
  readonly #recorder: EventRecorder;

  constructor(client: Client, recorder: EventRecorder) {
    this.#client = client;
    this.#recorder = recorder;
  }

  createReplicaSet(namespace: string, rs: ReplicaSet): Promise<ReplicaSet> {
    return this.#client.apps.replicasets(namespace).create(rs);
  }

  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    return this.#client.apps.replicasets(rs.metadata.namespace).update(rs);
  }

  async deleteReplicaSet(namespace: string, name: string): Promise<void> {
    await this.#client.apps.replicasets(namespace).delete(name);
  }

  updateDeployment(d: Deployment): Promise<Deployment> {
    return this.#client.apps.deployments(d.metadata.namespace).update(d);
  }

  updateDeploymentStatus(d: Deployment): Promise<Deployment> {
    return this.#client.apps.deployments(d.metadata.namespace).updateStatus(d);
  }

  event(d: Deployment, type: EventType, reason: string, message: string): void {
    this.#recorder.event(withTypeMeta(d), type, reason, message);
  }
}

/** Objects read from a list may lack apiVersion/kind; an event's reference needs them. */
function withTypeMeta(d: Deployment): KubeObject {
  return d.kind && d.apiVersion ? d : { ...d, apiVersion: 'apps/v1', kind: 'Deployment' };
}

export type FakeControlAction =
  | { readonly verb: 'create-rs'; readonly rs: ReplicaSet }
  | { readonly verb: 'update-rs'; readonly rs: ReplicaSet }
  | { readonly verb: 'delete-rs'; readonly namespace: string; readonly name: string }
  | { readonly verb: 'update-deployment'; readonly deployment: Deployment }
  | { readonly verb: 'update-status'; readonly deployment: Deployment }
  | { readonly verb: 'event'; readonly type: EventType; readonly reason: string; readonly message: string };

/**
 * Records every call and answers with what it was given (a created ReplicaSet gets a uid and
 * a creation time). `failOn` makes calls of one verb throw.
 */
export class FakeDeploymentControl implements DeploymentControl {
  readonly actions: FakeControlAction[] = [];
  failOn: { verb: FakeControlAction['verb']; error: unknown } | undefined;
  #uid = 0;

  constructor(private readonly now: () => string = () => '2025-01-01T00:00:00Z') {}

  #record(action: FakeControlAction): void {
    this.actions.push(action);
    if (this.failOn?.verb === action.verb) throw this.failOn.error;
  }

  async createReplicaSet(namespace: string, rs: ReplicaSet): Promise<ReplicaSet> {
    const created = structuredClone(rs);
    created.metadata.namespace = namespace;
    created.metadata.uid ??= `rs-uid-${++this.#uid}`;
    created.metadata.creationTimestamp ??= this.now();
    this.#record({ verb: 'create-rs', rs: created });
    return created;
  }

  async updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    this.#record({ verb: 'update-rs', rs: structuredClone(rs) });
    return structuredClone(rs);
  }

  async deleteReplicaSet(namespace: string, name: string): Promise<void> {
    this.#record({ verb: 'delete-rs', namespace, name });
  }

  async updateDeployment(d: Deployment): Promise<Deployment> {
    this.#record({ verb: 'update-deployment', deployment: structuredClone(d) });
    return structuredClone(d);
  }

  async updateDeploymentStatus(d: Deployment): Promise<Deployment> {
    this.#record({ verb: 'update-status', deployment: structuredClone(d) });
    return structuredClone(d);
  }

  event(_d: Deployment, type: EventType, reason: string, message: string): void {
    this.actions.push({ verb: 'event', type, reason, message });
  }

  /** The actions of one verb. */
  of<V extends FakeControlAction['verb']>(verb: V): Extract<FakeControlAction, { verb: V }>[] {
    return this.actions.filter((a): a is Extract<FakeControlAction, { verb: V }> => a.verb === verb);
  }
}
