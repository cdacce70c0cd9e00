// Server-side apply and managed fields: what the API server calls on every write. See
// README.md in this folder for where each function runs.

export { serverSideApply, type ServerSideApplyOptions } from './apply.js';
export {
  capUpdateManagers,
  FIELD_MANAGER_MAX_LENGTH,
  ignoreManagedFieldsTimestamps,
  managerFromUserAgent,
  MAX_UPDATE_MANAGERS,
  STRIPPED_FIELDS,
  updateManagedFields,
  type UpdateManagedFieldsOptions,
} from './managed-fields.js';
export { FieldSet, FieldsV1Error } from './field-set.js';
export { fieldKey, indexKey, keyKey, valueKey, pathString, type PathKey } from './path-element.js';
export { toFieldSet } from './to-field-set.js';
export { compare, type Comparison } from './compare.js';
export { merge } from './merge.js';
export { atomOf, type Atom } from './schema-types.js';
export { decodeManagedFields, encodeManagedFields, managerIdentifier, type ManagedFieldsEntry } from './managed.js';
export { conflictError, printManager } from './conflict.js';
export { LAST_APPLIED_ANNOTATION, buildLastApplied } from './last-applied.js';
export { zeroObject } from './zero-object.js';
