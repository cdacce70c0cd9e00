// The namespace controller: empties terminating namespaces and releases them
// (namespace-controller.ts has the contract).

export {
  DEFAULT_NAMESPACE_WORKERS,
  NAMESPACE_CONTROLLER,
  NAMESPACE_DELETION_GRACE_PERIOD_MS,
  NamespaceController,
  namespaceControllerFactory,
  newNamespaceController,
  type NamespaceControllerOptions,
} from './namespace-controller.js';
export { NamespacedResourcesDeleter, FINALIZER_ESTIMATE_SECONDS } from './namespaced-resources-deleter.js';
export { CONDITION_TYPES, type NamespaceCondition } from './conditions.js';
