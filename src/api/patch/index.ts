// Patch documents as the apiserver applies them: RFC 6902 JSON Patch, RFC 7386 Merge Patch and
// Kubernetes strategic merge patch.

export { JsonPatchError, PatchDecodeError, MAX_JSON_PATCH_OPERATIONS } from './errors.js';
export {
  applyJsonPatch,
  DEFAULT_MAX_COPY_BYTES,
  escapePointerToken,
  JsonPatch,
  type JsonPatchOperation,
  type JsonPatchOptions,
} from './json-patch.js';
export { applyMergePatch, applyMergePatchText, createMergePatch, parseMergePatch } from './merge-patch.js';
export { goJsonSyntaxError, GoJsonSyntaxError, parseGoJson } from './go-json.js';
export { cloneJson } from './json-value.js';
export {
  applyStrategicMergePatch,
  applyStrategicMergePatchInPlace,
  applyStrategicMergePatchText,
  parseStrategicMergePatch,
  StrategicMergePatchError,
  StrategicMergePatchPanic,
  type StrategicMergeOptions,
} from './strategic-merge.js';
export {
  fieldPatchMeta,
  patchMetaLookup,
  splitPatchStrategy,
  type FieldLookup,
  type PatchMeta,
  type PatchMetaLookup,
  type PatchMetaOptions,
  type PatchStrategy,
} from './strategic-patch-meta.js';
export { goFormatV } from './strategic-go-value.js';
