// The patch formats PATCH accepts, and what a patch document says about preconditions.
// Patches apply to the object in the version the client addressed.

import { isPlainObject, type Json } from '../../api/meta.js';
import { applyJsonPatch, applyMergePatchText, parseGoJson } from '../../api/patch/index.js';

export const JSON_PATCH = 'application/json-patch+json';
export const MERGE_PATCH = 'application/merge-patch+json';
export const PATCH_MEDIA_TYPES: readonly string[] = [JSON_PATCH, MERGE_PATCH];

export function applyPatch(type: string, doc: unknown, patch: string): unknown {
  if (type === JSON_PATCH) return applyJsonPatch(doc as Json, patch);
  return applyMergePatchText(doc as Json, patch);
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
