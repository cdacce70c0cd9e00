// kite's client library (package export "kite/client"): a typed client for every built-in
// resource over HTTP (any Kubernetes-compatible server, configured by kubeconfig) or
// in-process (kite's own API server, no sockets, same authentication, authorization and
// admission). The types of the built-in kinds are namespaces named as client-go's imports:
// corev1.Pod, appsv1.Deployment, metav1.ObjectMeta, ...
//
// Everything needed to write a controller is exported from here: informers, listers and the
// shared informer factory (./informer), work queues and clocks (./workqueue), leader election
// on Leases (./leaderelection), and event recorders for both Event APIs (./events). Each of
// those folders' index.ts is also a narrower entry of its own ("kite/client/informer", ...).

export type {
  ApiRequest,
  ApiResponse,
  DeleteOptions,
  ListerWatcher,
  ListOptions,
  ObjectList,
  PatchOptions,
  PatchType,
  RawWatchEvent,
  ResourceClient,
  ResourceRef,
  Transport,
  WatchEvent,
  WatchStream,
  WriteOptions,
} from './contract.js';
export { Client, type ClientOptions } from './client.js';
export {
  BUILTIN_REFS,
  builtinRef,
  groupAccessorName,
  type BuiltinClients,
  type GroupAccessorName,
  type GroupClients,
  type ResourceAccessor,
  type ResourceType,
} from './builtin-resources.js';
export { resourceClient, PATCH_CONTENT_TYPES, type ResourceClientOptions } from './resource-client.js';
export { HttpTransport, DEFAULT_USER_AGENT, type ConnectionConfig, type HttpTransportOptions } from './http-transport.js';
export { InProcessTransport, type ApiHandler, type InProcessTransportOptions } from './in-process-transport.js';
export { IN_PROCESS_CALLER, inProcessCaller, type InProcessCaller } from './in-process-identity.js';
export { inClusterConfig, isInCluster, loadClientConfig, NotInClusterError, SERVICE_ACCOUNT_DIR, type ClientConfig, type InClusterOptions } from './in-cluster.js';
export { loadKubeconfig, mergeKubeconfigs, resolveContext, kubeconfigPaths, KubeconfigError, type KubeconfigOptions, type MergedKubeconfig, type ResolvedKubeconfig } from './kubeconfig.js';
export { WatchDecoder, WatchDecodeError } from './watch-decoder.js';
export { isStatus, statusErrorFromResponse, statusErrorFromStatus } from './errors.js';
export { groupVersionPath, resourcePath, queryString } from './request-url.js';
export { keepAlive } from './keep-alive.js';
export { StatusError } from '../api/errors.js';
export type { KubeObject, ObjectMeta, ListMeta, Status, StatusDetails, OwnerReference } from '../api/meta.js';
export type * from '../api/types/index.js';
export * from './informer/index.js';
export * from './workqueue/index.js';
export * from './leaderelection/index.js';
export * from './events/index.js';
