// The server's half of moving an object between kubectl's client-side apply (CSA) and
// server-side apply (SSA), as Kubernetes' lastAppliedManager and lastAppliedUpdater do it.
// Both act only for the field manager `kubectl` (what `kubectl apply --server-side` uses);
// any other manager opts out.
//
// CSA → SSA. After `kubectl apply`, the fields are owned by the Update manager
// "kubectl-client-side-apply" and the object carries the last-applied-configuration
// annotation. The first `kubectl apply --server-side` that changes a value would conflict with
// that manager; instead, conflicts on fields that the annotation lists *with the value the
// object still has* are forgiven and the apply is forced (allowedConflicts below). Conflicts
// outside that set are returned as usual. kubectl then finishes the migration itself: it
// re-applies the annotation under the manager "kubectl-last-applied" and sends a JSON patch
// that merges the "kubectl-client-side-apply" entry into the "kubectl" Apply entry of
// metadata.managedFields (client-go's csaupgrade). The server only has to accept that patch:
// updateManagedFields keeps client-written managedFields when they decode (managed-fields.ts).
//
// SSA → CSA. While an object has the annotation, every server-side apply by `kubectl` rewrites
// it to the applied configuration (syncLastApplied), so a later client-side `kubectl apply`
// computes its three-way patch from what was really applied last and removes what was dropped.
// The annotation is written after ownership is computed, so it stays with its old owner.

import type { KubeObject } from '../meta.js';
import { compare } from './compare.js';
import type { FieldSet } from './field-set.js';
import type { Atom } from './schema-types.js';
import { toFieldSet } from './to-field-set.js';
import { validateApplied } from './validate.js';
import { cloneValue, goJson, isMap } from './value.js';

export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';
/** The field manager whose applies take part in the migration. */
export const KUBECTL_SSA_MANAGER = 'kubectl';

/** Kubernetes' TotalAnnotationSizeLimitB. */
const ANNOTATIONS_SIZE_LIMIT = 256 * 1024;

function annotations(obj: unknown): Record<string, unknown> | undefined {
  if (!isMap(obj) || !isMap(obj.metadata)) return undefined;
  const a = obj.metadata.annotations;
  return isMap(a) ? a : undefined;
}

export function hasLastApplied(obj: unknown): boolean {
  const v = annotations(obj)?.[LAST_APPLIED_ANNOTATION];
  return typeof v === 'string' && v.length > 0;
}

/**
 * The fields a conflicting `kubectl` apply may take over without force: those the
 * last-applied annotation of `live` sets to the value `live` still has. Undefined when there is
 * no usable annotation (then the conflicts stand).
 */
export function allowedConflictsFromLastApplied(live: unknown, atom: Atom, apiVersion: string): FieldSet | undefined {
  const text = annotations(live)?.[LAST_APPLIED_ANNOTATION];
  if (typeof text !== 'string' || text === '') return undefined;
  let lastApplied: unknown;
  try {
    lastApplied = JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
  if (!isMap(lastApplied) || lastApplied.apiVersion !== apiVersion) return undefined;
  if (validateApplied(lastApplied, atom).length > 0) return undefined;
  const set = toFieldSet(lastApplied, atom);
  const c = compare(lastApplied, live, atom);
  return set.difference(c.modified).difference(c.added).difference(c.removed);
}

/**
 * The annotation value Kubernetes writes after a `kubectl` server-side apply: the applied
 * configuration without the annotation itself, as Go's JSON encoder writes an unstructured
 * object (keys sorted, trailing newline).
 */
export function buildLastApplied(applied: KubeObject): string {
  const copy = cloneValue(applied) as KubeObject;
  const a = copy.metadata?.annotations;
  if (a && Object.hasOwn(a, LAST_APPLIED_ANNOTATION)) delete a[LAST_APPLIED_ANNOTATION];
  return goJson(copy) + '\n';
}

function utf8Length(s: string): number {
  return Buffer.byteLength(s, 'utf8');
}

/** Kubernetes' SetLastApplied: dropped instead when the annotations would grow too large. */
export function setLastApplied(obj: KubeObject, value: string): void {
  const a: Record<string, string> = { ...(obj.metadata.annotations ?? {}) };
  a[LAST_APPLIED_ANNOTATION] = value;
  let size = 0;
  for (const [k, v] of Object.entries(a)) size += utf8Length(k) + utf8Length(v);
  if (size > ANNOTATIONS_SIZE_LIMIT) delete a[LAST_APPLIED_ANNOTATION];
  obj.metadata.annotations = a;
}

/** Kubernetes' lastAppliedUpdater: keeps the annotation in step with `kubectl` applies. */
export function syncLastApplied(result: KubeObject, applied: KubeObject, manager: string): void {
  if (manager !== KUBECTL_SSA_MANAGER || !hasLastApplied(result)) return;
  setLastApplied(result, buildLastApplied(applied));
}
