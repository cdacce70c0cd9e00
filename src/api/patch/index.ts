// Patch documents as the apiserver applies them: RFC 6902 JSON Patch and RFC 7386 Merge Patch.

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
