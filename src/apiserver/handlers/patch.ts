// The patch formats PATCH accepts, and what a patch document says about preconditions.
// Patches apply to the object in the version the client addressed.

import { isPlainObject, type Json } from '../../api/meta.js';
import type { SchemaNode } from '../../api/openapi/schema.js';
import { applyJsonPatch, applyMergePatchText, applyStrategicMergePatchText, parseGoJson } from '../../api/patch/index.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const STRATEGIC_MERGE_PATCH = 'application/strategic-merge-patch+json';
export const APPLY_PATCH = 'application/apply-patch+yaml';
export const PATCH_MEDIA_TYPES: readonly string[] = [JSON_PATCH, MERGE_PATCH, STRATEGIC_MERGE_PATCH, APPLY_PATCH];

/** Applies a patch document of the given media type; strategic merge patches need the
 *  schema of the patched kind (its merge keys and patch strategies). */
export function applyPatch(type: string, doc: unknown, patch: string, schema: SchemaNode | undefined): unknown {
  if (type === JSON_PATCH) return applyJsonPatch(doc as Json, patch);
  if (type === STRATEGIC_MERGE_PATCH) return withoutDirectivesAndNulls(applyStrategicMergePatchText(doc as Json, patch, schema));
  return applyMergePatchText(doc as Json, patch);
}

/** What decoding a strategic merge patch result into a typed object leaves: no `$`
 *  directives the patch left behind, no null fields. */
function withoutDirectivesAndNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutDirectivesAndNulls);
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (x === null || k.startsWith('$')) continue;
    out[k] = withoutDirectivesAndNulls(x);
  }
  return out;
}

/** Whether the patch itself sets metadata.resourceVersion: then it is a precondition and a
 *  conflict is reported rather than retried. */
export function patchSetsResourceVersion(type: string, patch: string): boolean {
  let doc: unknown;
  try {
    doc = parseGoJson(patch);
  } catch {
    return false;
  }
  if (type === JSON_PATCH) {
    return Array.isArray(doc) && doc.some((op) => isPlainObject(op) && op.path === '/metadata/resourceVersion' && op.op !== 'remove' && op.op !== 'test');
  }
  return isPlainObject(doc) && isPlainObject(doc.metadata) && typeof doc.metadata.resourceVersion === 'string' && doc.metadata.resourceVersion !== '';
}
