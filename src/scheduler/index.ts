// kite's scheduler (kube-scheduler 1.32's design): the component with its leader election,
// the Scheduler, its framework, and the in-tree plugins.

export { KubeScheduler, KUBE_SCHEDULER, type KubeSchedulerOptions } from './kube-scheduler.js';
export { Scheduler, POD_FIELD_SELECTOR, truncateMessage, type SchedulerOptions } from './scheduler.js';
export { defaultProfile, mergeProfile, DEFAULT_SCHEDULER_NAME, type SchedulerProfile, type Plugins, type PluginSet, type PluginRef } from './framework/profile.js';
export { Framework } from './framework/framework.js';
export { Status, Code } from './framework/status.js';
export { CycleState, stateKey } from './framework/cycle-state.js';
export { NodeInfo } from './framework/node-info.js';
export { PodInfo, QueuedPodInfo } from './framework/pod-info.js';
export { FitError, fitErrorMessage, Diagnosis, NodeToStatus } from './framework/fit-error.js';
export type * from './framework/interface.js';
export { inTreeRegistry, type Registry } from './plugins/registry.js';
export { Names as PluginNames } from './plugins/names.js';
export { SchedulerWorker, type SchedulerWorkerOptions } from './worker/scheduler-worker.js';
