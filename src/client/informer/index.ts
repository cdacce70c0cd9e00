// Informers: a reflector keeps an indexed cache in step with the server and tells event
// handlers what changed; listers read the cache; the factory shares one informer per
// resource among every in-process consumer.

export {
  DeletedFinalStateUnknown,
  deletionHandlingMetaNamespaceKeyFunc,
  isDeletedFinalStateUnknown,
  metaNamespaceKeyFunc,
  splitMetaNamespaceKey,
  unwrapTombstone,
  type KeyFunc,
  type Store,
} from './store.js';
export {
  CacheIndexer,
  CONTROLLER_UID_INDEX,
  controllerUidIndexFunc,
  defaultIndexers,
  metaNamespaceIndexFunc,
  NAMESPACE_INDEX,
  newIndexer,
  newStore,
  OWNER_UID_INDEX,
  ownerUidIndexFunc,
  type IndexFunc,
  type Indexer,
  type Indexers,
} from './indexer.js';
export { Backoff, type BackoffOptions } from './backoff.js';
export {
  DEFAULT_PAGE_SIZE,
  defaultReflectorErrorHandler,
  isExpiredError,
  isTooLargeResourceVersionError,
  Reflector,
  type ReflectorOptions,
  type ReflectorStore,
} from './reflector.js';
export {
  DefaultSharedIndexInformer,
  filteringResourceEventHandler,
  MINIMUM_RESYNC_PERIOD_MS,
  newSharedIndexInformer,
  type HandlerOptions,
  type ResourceEventHandler,
  type ResourceEventHandlerRegistration,
  type SharedIndexInformer,
  type SharedIndexInformerOptions,
  type SharedInformer,
} from './shared-informer.js';
export { CacheLister, listAllByNamespace, newLister, type Lister, type NamespaceLister, type SelectorInput } from './lister.js';
export {
  groupVersion,
  SharedInformerFactory,
  waitForCacheSync,
  type InformerForOptions,
  type InformerVariant,
  type NamespaceableListerWatcher,
  type SharedInformerFactoryOptions,
} from './factory.js';
export { FakeListerWatcher, goneError } from './fake-lister-watcher.js';
export { FakeResourceClient, type FakeAction, type FakeVerb } from './fake-client.js';
export { withoutManagedFields } from './transforms.js';
