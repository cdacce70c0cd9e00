// Finding, and when asked creating, a Deployment's new ReplicaSet, and keeping revisions in
// step (Kubernetes' getAllReplicaSetsAndSyncRevision and getNewReplicaSet):
//
//  - The new ReplicaSet's revision is raised to max(old revisions) + 1 when it is lower (a
//    rollback back to an old ReplicaSet gives it the next number and records its earlier ones
//    in revision-history); the Deployment's shareable annotations and minReadySeconds are
//    copied to it. When that ReplicaSet needed an update, the sync stops there: the update's
//    event brings the next.
//  - Otherwise the Deployment's revision annotation is set to the new ReplicaSet's, and a
//    Deployment with a progress deadline but no Progressing condition gets
//    True/FoundNewReplicaSet.
//  - Creating: named `<deployment>-<pod-template-hash>`, the hash label added to its labels,
//    selector and template, owned by the Deployment, sized by newRSNewReplicas, revision
//    max+1. A name already taken by this Deployment's ReplicaSet for the same template is that
//    ReplicaSet (a stale cache); taken by anything else it is a hash collision:
//    status.collisionCount is bumped (so the next hash differs) and the sync fails to retry.
//    Other failures set Progressing False/ReplicaSetCreateError and a Warning event. A
//    successful create records "Scaled up replica set X from 0 to N", sets the Deployment's
//    revision and Progressing True/NewReplicaSetCreated.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import type { LabelSelector } from '../../api/types/meta-v1.js';
import { errorMessage, hasStatusCause, isAlreadyExists, NAMESPACE_TERMINATING_CAUSE } from '../common/api-errors.js';
import { getControllerOf, newControllerRef } from '../common/controller-ref.js';
import { REVISION_ANNOTATION, setDeploymentRevision, setNewReplicaSetAnnotations } from './annotations.js';
import { FAILED_RS_CREATE, FOUND_NEW_REPLICA_SET, getCondition, NEW_REPLICA_SET_CREATED, newCondition, PROGRESSING, setCondition } from './conditions.js';
import { maxSurge, newRSNewReplicas } from './fenceposts.js';
import { DEPLOYMENT_GVK } from './kind.js';
import { computeHash, POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
import { hasProgressDeadline } from './progress.js';
import { findNewReplicaSet, findOldReplicaSets, maxRevision } from './replica-sets.js';
import { writeStatus, type SyncContext } from './sync-context.js';
import { equalIgnoreHash } from './template-equality.js';

export interface DeploymentReplicaSets {
  /** The ReplicaSet running the current template (undefined: none yet). */
  readonly newRS: ReplicaSet | undefined;
  /** Every other ReplicaSet the Deployment owns. */
  readonly oldRSs: ReplicaSet[];
}

export async function getAllReplicaSetsAndSyncRevision(
  ctx: SyncContext,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  createIfNotExisted: boolean,
): Promise<DeploymentReplicaSets> {
  const oldRSs = findOldReplicaSets(d, rsList);
  const newRS = await getNewReplicaSet(ctx, d, rsList, oldRSs, createIfNotExisted);
  return { newRS, oldRSs };
}

async function getNewReplicaSet(
  ctx: SyncContext,
  d: Deployment,
  rsList: readonly ReplicaSet[],
  oldRSs: readonly ReplicaSet[],
  create: boolean,
): Promise<ReplicaSet | undefined> {
  const newRevision = maxRevision(oldRSs) + 1;
  const existing = findNewReplicaSet(d, rsList);
  if (existing) return syncExistingNewReplicaSet(ctx, d, existing, newRevision);
  if (!create) return undefined;
  return createNewReplicaSet(ctx, d, oldRSs, newRevision);
}

async function syncExistingNewReplicaSet(ctx: SyncContext, d: Deployment, existing: ReplicaSet, newRevision: number): Promise<ReplicaSet> {
  const rs = structuredClone(existing);
  const annotationsUpdated = setNewReplicaSetAnnotations(d, rs, newRevision, true, maxSurge(d));
  const minReadySeconds = d.spec?.minReadySeconds ?? 0;
  if (annotationsUpdated || (rs.spec?.minReadySeconds ?? 0) !== minReadySeconds) {
    setMinReadySeconds(rs, minReadySeconds);
    return ctx.control.updateReplicaSet(rs);
  }
  let needsUpdate = setDeploymentRevision(d, rs.metadata.annotations?.[REVISION_ANNOTATION] ?? '');
  if (hasProgressDeadline(d) && !getCondition(d.status, PROGRESSING)) {
    const msg = `Found new replica set "${rs.metadata.name}"`;
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'True', FOUND_NEW_REPLICA_SET, msg, ctx.now()));
    needsUpdate = true;
  }
  if (needsUpdate) await writeStatus(ctx, d);
  return rs;
}

function setMinReadySeconds(rs: ReplicaSet, seconds: number): void {
  rs.spec ??= { selector: {} };
  if (seconds) rs.spec.minReadySeconds = seconds;
  else delete rs.spec.minReadySeconds;
}

/** The Deployment's selector with the hash label required too. */
export function selectorWithHash(selector: LabelSelector | undefined, hash: string): LabelSelector {
  const out: LabelSelector = { matchLabels: { ...selector?.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  if (selector?.matchExpressions) out.matchExpressions = structuredClone(selector.matchExpressions);
  return out;
}

/** The ReplicaSet a Deployment's current template calls for, sized 0. */
export function newReplicaSetFor(d: Deployment): ReplicaSet {
  const template = structuredClone(d.spec?.template ?? {});
  const hash = computeHash(template, d.status?.collisionCount);
  template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
  const rs: ReplicaSet = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      ownerReferences: [newControllerRef(d, DEPLOYMENT_GVK)],
      labels: { ...template.metadata.labels },
    },
    spec: { replicas: 0, selector: selectorWithHash(d.spec?.selector, hash), template },
  };
  setMinReadySeconds(rs, d.spec?.minReadySeconds ?? 0);
  return rs;
}

async function createNewReplicaSet(ctx: SyncContext, d: Deployment, oldRSs: readonly ReplicaSet[], newRevision: number): Promise<ReplicaSet> {
  const rs = newReplicaSetFor(d);
  const replicas = newRSNewReplicas(d, [...oldRSs, rs], rs);
  rs.spec!.replicas = replicas;
  setNewReplicaSetAnnotations(d, rs, newRevision, false, maxSurge(d));
  const name = rs.metadata.name!;
  let created: ReplicaSet;
  let alreadyExists = false;
  try {
    created = await ctx.control.createReplicaSet(d.metadata.namespace ?? '', rs);
  } catch (err) {
    if (!isAlreadyExists(err)) return reportCreateFailure(ctx, d, name, err);
    alreadyExists = true;
    created = await resolveNameTaken(ctx, d, name, err);
  }
  if (!alreadyExists && replicas > 0) {
    ctx.control.event(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} from 0 to ${replicas}`);
  }
  let needsUpdate = setDeploymentRevision(d, String(newRevision));
  if (!alreadyExists && hasProgressDeadline(d)) {
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'True', NEW_REPLICA_SET_CREATED, `Created new replica set "${name}"`, ctx.now()));
    needsUpdate = true;
  }
  if (needsUpdate) await writeStatus(ctx, d);
  return created;
}

/** A create answered AlreadyExists: our own ReplicaSet (stale cache), or a hash collision. */
async function resolveNameTaken(ctx: SyncContext, d: Deployment, name: string, err: unknown): Promise<ReplicaSet> {
  const ns = d.metadata.namespace ?? '';
  const rs = ctx.cachedReplicaSet(ns, name);
  if (!rs) throw err;
  const ref = getControllerOf(rs);
  if (ref?.uid === d.metadata.uid && equalIgnoreHash(d.spec?.template, rs.spec?.template)) return rs;
  const status = (d.status ??= {});
  status.collisionCount = (status.collisionCount ?? 0) + 1;
  // The bump is what resolves the collision; the retry (the error below) uses the new count.
  await writeStatus(ctx, d).catch(() => undefined);
  throw err;
}

async function reportCreateFailure(ctx: SyncContext, d: Deployment, name: string, err: unknown): Promise<never> {
  if (hasStatusCause(err, NAMESPACE_TERMINATING_CAUSE)) throw err;
  const msg = `Failed to create new replica set "${name}": ${errorMessage(err)}`;
  if (hasProgressDeadline(d)) {
    setCondition((d.status ??= {}), newCondition(PROGRESSING, 'False', FAILED_RS_CREATE, msg, ctx.now()));
    // The create failure is the error worth reporting; a failed status write is not.
    await writeStatus(ctx, d).catch(() => undefined);
  }
  ctx.control.event(d, 'Warning', FAILED_RS_CREATE, msg);
  throw err;
}
