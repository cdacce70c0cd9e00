// Server-side rollback (Kubernetes' rollback.go), kept for clients of the old rollback
// subresource, whose request survives in apps/v1 as the annotation
// `deprecated.deployment.rollback.to: <revision>` (0: the previous revision). kubectl 1.32
// does not use it: `kubectl rollout undo` patches the old ReplicaSet's template and
// annotations into the Deployment itself, and the ordinary rollout then finds that
// ReplicaSet as the new one and gives it the next revision.
//
// The controller copies the chosen ReplicaSet's template (without the hash label) and its
// shareable annotations into the Deployment, removes the request annotation, and records
// Normal DeploymentRollback "Rolled back deployment X to revision N". A revision that does not
// exist (Warning DeploymentRollbackRevisionNotFound) or a template that already matches
// (Warning DeploymentRollbackTemplateUnchanged) just clears the request.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';
import { ROLLBACK_TO_ANNOTATION, setDeploymentAnnotationsTo } from './annotations.js';
import { getAllReplicaSetsAndSyncRevision } from './new-replica-set.js';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';
import { lastRevision, revisionOf } from './replica-sets.js';
import type { SyncContext } from './sync-context.js';
import { equalIgnoreHash } from './template-equality.js';

export const ROLLBACK_DONE = 'DeploymentRollback';
export const ROLLBACK_REVISION_NOT_FOUND = 'DeploymentRollbackRevisionNotFound';
export const ROLLBACK_TEMPLATE_UNCHANGED = 'DeploymentRollbackTemplateUnchanged';

/** The revision a rollback was requested to, if one was (an unparsable value is ignored). */
export function rollbackTo(d: Deployment): number | undefined {
  const v = d.metadata.annotations?.[ROLLBACK_TO_ANNOTATION];
  return v && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

export async function rollback(ctx: SyncContext, d: Deployment, rsList: readonly ReplicaSet[]): Promise<void> {
  const { newRS, oldRSs } = await getAllReplicaSetsAndSyncRevision(ctx, d, rsList, true);
  const allRSs = newRS ? [...oldRSs, newRS] : oldRSs;
  let revision = rollbackTo(d) ?? 0;
  if (revision === 0) {
    revision = lastRevision(allRSs);
    if (revision === 0) return giveUp(ctx, d, 'Unable to find last revision.');
  }
  const target = allRSs.find((rs) => revisionOf(rs) === revision);
  if (!target) return giveUp(ctx, d, 'Unable to find the revision to rollback to.');
  if (equalIgnoreHash(d.spec?.template, target.spec?.template)) {
    ctx.control.event(d, 'Warning', ROLLBACK_TEMPLATE_UNCHANGED, `The rollback revision contains the same template as current deployment "${d.metadata.name}"`);
    return clearRollbackTo(ctx, d);
  }
  setTemplateFrom(d, target);
  setDeploymentAnnotationsTo(d, target);
  await clearRollbackTo(ctx, d);
  ctx.control.event(d, 'Normal', ROLLBACK_DONE, `Rolled back deployment "${d.metadata.name}" to revision ${revision}`);
}

function setTemplateFrom(d: Deployment, rs: ReplicaSet): void {
  const template = structuredClone(rs.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels[POD_TEMPLATE_HASH_LABEL];
  d.spec = { ...d.spec!, template };
}

async function giveUp(ctx: SyncContext, d: Deployment, message: string): Promise<void> {
  ctx.control.event(d, 'Warning', ROLLBACK_REVISION_NOT_FOUND, message);
  await clearRollbackTo(ctx, d);
}

async function clearRollbackTo(ctx: SyncContext, d: Deployment): Promise<void> {
  if (d.metadata.annotations) delete d.metadata.annotations[ROLLBACK_TO_ANNOTATION];
  await ctx.control.updateDeployment(d);
}
