// Knowing when the informer cache still shows a Deployment the controller itself has already
// rewritten. Each write of a Deployment (status or spec) that stored a new version supersedes
// the version it was made from (a write that changed nothing keeps the version: no event
// follows it, so it supersedes nothing); a sync that finds one of those versions in the cache would act on what it
// already changed, and its writes could only fail with a conflict. It is skipped instead: the
// informer's event for the controller's own write enqueues the Deployment again.
//
// A key's record is dropped as soon as the cache shows any version not superseded (the
// latest write, or someone else's), and when the Deployment is gone.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { EventType } from '../../client/events/types.js';
import type { DeploymentControl } from './control.js';

export class SupersededVersions {
  readonly #byKey = new Map<string, Set<string>>();

  /** A write made from `before` stored `after` (the same version: nothing changed). */
  record(key: string, before: string | undefined, after: string | undefined): void {
    if (!before || before === after) return;
    const version = before;
    let set = this.#byKey.get(key);
    if (!set) this.#byKey.set(key, (set = new Set()));
    set.add(version);
  }

  /** Whether the cached version is one the controller has already replaced. */
  isSuperseded(key: string, cachedVersion: string | undefined): boolean {
    const set = this.#byKey.get(key);
    if (!set) return false;
    if (cachedVersion !== undefined && set.has(cachedVersion)) return true;
    this.#byKey.delete(key);
    return false;
  }

  forget(key: string): void {
    this.#byKey.delete(key);
  }
}

function keyOf(d: Deployment): string {
  return `${d.metadata.namespace ?? ''}/${d.metadata.name ?? ''}`;
}

/** A DeploymentControl that records the versions its Deployment writes supersede. */
export class RecordingControl implements DeploymentControl {
  constructor(
    private readonly inner: DeploymentControl,
    private readonly versions: SupersededVersions,
  ) {}

  createReplicaSet(namespace: string, rs: ReplicaSet): Promise<ReplicaSet> {
    return this.inner.createReplicaSet(namespace, rs);
  }

  updateReplicaSet(rs: ReplicaSet): Promise<ReplicaSet> {
    return this.inner.updateReplicaSet(rs);
  }

  deleteReplicaSet(namespace: string, name: string): Promise<void> {
    return this.inner.deleteReplicaSet(namespace, name);
  }

  async updateDeployment(d: Deployment): Promise<Deployment> {
    const before = d.metadata.resourceVersion;
    const stored = await this.inner.updateDeployment(d);
    this.versions.record(keyOf(d), before, stored.metadata.resourceVersion);
    return stored;
  }

  async updateDeploymentStatus(d: Deployment): Promise<Deployment> {
    const before = d.metadata.resourceVersion;
    const stored = await this.inner.updateDeploymentStatus(d);
    this.versions.record(keyOf(d), before, stored.metadata.resourceVersion);
    return stored;
  }

  event(d: Deployment, type: EventType, reason: string, message: string): void {
    this.inner.event(d, type, reason, message);
  }
}
