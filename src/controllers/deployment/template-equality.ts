// Whether a ReplicaSet runs a Deployment's pod template (Kubernetes' EqualIgnoreHash): the two
// templates are compared with the pod-template-hash label removed, as Kubernetes' semantic
// equality compares decoded objects — a missing value, null, an empty list and an object
// holding only such values are all the same (Go decodes each to a nil or empty map or slice,
// or a zero struct, and its semantic DeepEqual treats nil and empty alike). Scalars compare
// strictly.
//
// This is how the controller finds a Deployment's new ReplicaSet and how a rollback (kubectl
// rollout undo patches an old ReplicaSet's template back into the Deployment) lands on the old
// ReplicaSet again instead of creating another.

import type { PodTemplateSpec } from '../../api/types/core-v1.js';
import { POD_TEMPLATE_HASH_LABEL } from './pod-template-hash.js';

function isEmptyish(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.values(v).every(isEmptyish);
}

/** Structural equality of decoded JSON where nil and empty collections are equal. */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((v, i) => semanticEqual(v, b[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (!semanticEqual(ao[k], bo[k])) return false;
  }
  return true;
}

function withoutHashLabel(t: PodTemplateSpec | undefined): PodTemplateSpec {
  const labels = t?.metadata?.labels;
  if (!labels || !(POD_TEMPLATE_HASH_LABEL in labels)) return t ?? {};
  const { [POD_TEMPLATE_HASH_LABEL]: _hash, ...rest } = labels;
  return { ...t, metadata: { ...t.metadata, labels: rest } };
}

/** Equal pod templates, ignoring the pod-template-hash label on either side. */
export function equalIgnoreHash(a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean {
  return semanticEqual(withoutHashLabel(a), withoutHashLabel(b));
}
