// The annotations the deployment controller keeps on ReplicaSets and Deployments (Kubernetes'
// deployment util), all pure functions over copies the caller owns:
//
//  - `deployment.kubernetes.io/revision` on every ReplicaSet (its rollout sequence number) and
//    on the Deployment (its new ReplicaSet's). A ReplicaSet brought back by a rollback gets
//    max(old revisions) + 1, and its previous numbers are appended to
//    `deployment.kubernetes.io/revision-history` (comma-separated, at most 2000 characters:
//    the oldest entries are dropped first).
//  - `deployment.kubernetes.io/desired-replicas` and `.../max-replicas` (replicas + maxSurge)
//    on each ReplicaSet, recorded whenever the controller scales it; proportional scaling
//    reads them to tell a scaling event from a rollout and to share replicas out.
//  - Every other Deployment annotation (kubernetes.io/change-cause among them) is copied to
//    the new ReplicaSet, except the skip list below; copying never removes an annotation.

import type { Deployment, ReplicaSet } from '../../api/types/apps-v1.js';

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY_ANNOTATION = 'deployment.kubernetes.io/revision-history';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';
export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const LAST_APPLIED_CONFIG_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
export const CHANGE_CAUSE_ANNOTATION = 'kubernetes.io/change-cause';
/** The annotation apps/v1beta1's rollback subresource became (DeprecatedRollbackTo). */
export const ROLLBACK_TO_ANNOTATION = 'deprecated.deployment.rollback.to';

/** The longest revision-history value kept (Kubernetes' maxRevHistoryLengthInChars). */
export const MAX_REVISION_HISTORY_CHARS = 2000;

const SKIPPED = new Set([
  LAST_APPLIED_CONFIG_ANNOTATION,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  ROLLBACK_TO_ANNOTATION,
]);

/** Annotations the Deployment and its ReplicaSets do not share. */
export function isSkippedAnnotation(key: string): boolean {
  return SKIPPED.has(key);
}

function annotationsOf(obj: { metadata: { annotations?: Record<string, string> } }): Record<string, string> {
  return (obj.metadata.annotations ??= {});
}

/** Copies the Deployment's shareable annotations onto rs; true when rs changed. */
export function copyDeploymentAnnotations(d: Deployment, rs: ReplicaSet): boolean {
  const target = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (isSkippedAnnotation(k) || target[k] === v) continue;
    target[k] = v;
    changed = true;
  }
  return changed;
}

/** Records desired and max replicas on rs; true when either changed. */
export function setReplicasAnnotations(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = annotationsOf(rs);
  let changed = false;
  for (const [k, v] of [
    [DESIRED_REPLICAS_ANNOTATION, String(desired)],
    [MAX_REPLICAS_ANNOTATION, String(max)],
  ] as const) {
    if (a[k] !== v) {
      a[k] = v;
      changed = true;
    }
  }
  return changed;
}

/** Whether setReplicasAnnotations would change rs. */
export function replicasAnnotationsNeedUpdate(rs: ReplicaSet, desired: number, max: number): boolean {
  const a = rs.metadata.annotations;
  return a?.[DESIRED_REPLICAS_ANNOTATION] !== String(desired) || a?.[MAX_REPLICAS_ANNOTATION] !== String(max);
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const v = rs.metadata.annotations?.[key];
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined;
}

export function desiredReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);
}

export function maxReplicasAnnotation(rs: ReplicaSet): number | undefined {
  return intAnnotation(rs, MAX_REPLICAS_ANNOTATION);
}

/** Appends oldRevision to the history, dropping the oldest entries beyond the limit. */
export function appendRevisionHistory(history: string | undefined, oldRevision: string, limitChars = MAX_REVISION_HISTORY_CHARS): string | undefined {
  if (!history) return oldRevision;
  const entries = history.split(',');
  let total = history.length + oldRevision.length + 1;
  let start = 0;
  while (total > limitChars && start < entries.length) {
    total -= entries[start]!.length + 1;
    start++;
  }
  if (total > limitChars) return history;
  return [...entries.slice(start), oldRevision].join(',');
}

/**
 * Brings the new ReplicaSet's annotations up to date: the Deployment's shareable annotations,
 * the revision (raised to newRevision when lower, the old one going to the history), and for
 * a ReplicaSet about to be created the desired/max replicas. True when rs changed.
 */
export function setNewReplicaSetAnnotations(d: Deployment, rs: ReplicaSet, newRevision: number, exists: boolean, surge: number): boolean {
  let changed = copyDeploymentAnnotations(d, rs);
  const a = annotationsOf(rs);
  const oldRevision = a[REVISION_ANNOTATION];
  let oldRevisionInt = 0;
  if (oldRevision !== undefined && oldRevision !== '') {
    if (!/^[+-]?\d+$/.test(oldRevision)) return false;
    oldRevisionInt = Number(oldRevision);
  }
  if (oldRevisionInt < newRevision) {
    a[REVISION_ANNOTATION] = String(newRevision);
    changed = true;
    if (oldRevision !== undefined) {
      const history = appendRevisionHistory(a[REVISION_HISTORY_ANNOTATION], oldRevision);
      if (history !== undefined) a[REVISION_HISTORY_ANNOTATION] = history;
    }
  }
  const replicas = d.spec?.replicas ?? 1;
  if (!exists && setReplicasAnnotations(rs, replicas, replicas + surge)) changed = true;
  return changed;
}

/** Sets the Deployment's revision annotation; true when it changed. */
export function setDeploymentRevision(d: Deployment, revision: string): boolean {
  const a = annotationsOf(d);
  if (a[REVISION_ANNOTATION] === revision) return false;
  a[REVISION_ANNOTATION] = revision;
  return true;
}

/** A rollback's annotations: the Deployment's skipped ones, then the ReplicaSet's others. */
export function setDeploymentAnnotationsTo(d: Deployment, rs: ReplicaSet): void {
  const next: Record<string, string> = {};
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (isSkippedAnnotation(k)) next[k] = v;
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!isSkippedAnnotation(k)) next[k] = v;
  d.metadata.annotations = next;
}
