// Kubernetes 1.32's defaulting for every built-in kind kite serves. applyDefaults(obj) mutates
// an object in kite's storage version (the served version, except HorizontalPodAutoscaler in
// autoscaling/v2 and events.k8s.io Events as core/v1 Events) into what Kubernetes would store
// and return for it: the SetDefaults_* functions of every API group, applied to every nested
// type the way Kubernetes' generated defaulters apply them (each PodSpec in each template, each
// container, probe, port, volume...), the normalizations of Kubernetes' round trip through its
// internal version (serviceAccount <-> serviceAccountName, podIP <-> podIPs, podCIDR <->
// podCIDRs, StatefulSet claim templates' apiVersion/kind), the zero values Go always writes
// (a container's `resources: {}`, a template's `creationTimestamp: null`, a Service's
// `status.loadBalancer: {}`), and canonical resource quantities.
//
// It is idempotent, treats Go zero values as unset exactly where Kubernetes does, leaves fields
// of the wrong type alone, and never throws. Kubernetes applies defaults every time it decodes
// an object — request bodies and objects read from storage alike — so the server should call it
// on every create and update body and patch result, and again on the object it stores (after the
// strategy's prepareForCreate/prepareForUpdate), which is how status defaults a strategy's
// status reset removes (PVC/PV phase Pending, Namespace phase Active, Service load balancer
// status) and a Job's labels copied from its strategy-generated template labels come back.
//
// Not here, because Kubernetes does them in admission plugins or registry strategies rather
// than in defaulting (each a separate pure function, exported below):
//   admission: defaultTolerations (DefaultTolerationSeconds), resolvePodPriority (Priority),
//     admitServiceAccount (ServiceAccount: serviceAccountName "default", the kube-api-access
//     token volume, image pull secrets), defaultStorageClassName (DefaultStorageClass),
//     defaultIngressClassName (DefaultIngressClass), addProtectionFinalizer
//     (StorageObjectInUseProtection);
//   registry strategies: generateJobSelector (Job), daemonSetTemplateGeneration (DaemonSet),
//     preparePodForCreate (Pod: initial status with QoS class, matchLabelKeys),
//     preparePersistentVolumeForCreate / persistentVolumeStatusTransition (PV).
// ClusterIP / NodePort allocation and ipFamilies belong to the service registry
// (src/apiserver/registry/service-allocator.ts); Secret stringData to the Secret strategy.

import type { KubeObject } from '../meta.js';
import { ADMISSIONREGISTRATION_DEFAULTERS } from './admissionregistration.js';
import { APIEXTENSIONS_DEFAULTERS } from './apiextensions.js';
import { APPS_DEFAULTERS } from './apps.js';
import { AUTOSCALING_DEFAULTERS } from './autoscaling.js';
import { BATCH_DEFAULTERS } from './batch.js';
import { CORE_DEFAULTERS } from './core.js';
import { DISCOVERY_DEFAULTERS } from './discovery.js';
import { NETWORKING_DEFAULTERS } from './networking.js';
import { canonicalizeQuantities } from './quantities.js';
import { RBAC_DEFAULTERS } from './rbac.js';
import { SCHEDULING_DEFAULTERS } from './scheduling.js';
import { STORAGE_DEFAULTERS } from './storage.js';
import { isObj, type Obj } from './values.js';

type Defaulter = (obj: Obj) => void;

/**
 * The defaulters of each group/version. Groups served without defaults (policy
 * PodDisruptionBudget, coordination Lease, core ConfigMap, ServiceAccount, ResourceQuota,
 * apps ControllerRevision, rbac Roles) still get their quantities canonicalized.
 */
const DEFAULTERS: ReadonlyMap<string, Readonly<Record<string, Defaulter>>> = new Map([
  ['/v1', CORE_DEFAULTERS],
  ['apps/v1', APPS_DEFAULTERS],
  ['batch/v1', BATCH_DEFAULTERS],
  ['autoscaling/v2', AUTOSCALING_DEFAULTERS],
  ['networking.k8s.io/v1', NETWORKING_DEFAULTERS],
  ['discovery.k8s.io/v1', DISCOVERY_DEFAULTERS],
  ['rbac.authorization.k8s.io/v1', RBAC_DEFAULTERS],
  ['storage.k8s.io/v1', STORAGE_DEFAULTERS],
  ['scheduling.k8s.io/v1', SCHEDULING_DEFAULTERS],
  ['admissionregistration.k8s.io/v1', ADMISSIONREGISTRATION_DEFAULTERS],
  ['apiextensions.k8s.io/v1', APIEXTENSIONS_DEFAULTERS],
]);

/** Fills in Kubernetes 1.32's defaults, in place. Kinds it does not know are left alone. */
export function applyDefaults(obj: KubeObject): void {
  if (!isObj(obj) || typeof obj.apiVersion !== 'string' || typeof obj.kind !== 'string') return;
  const slash = obj.apiVersion.indexOf('/');
  const group = slash < 0 ? '' : obj.apiVersion.slice(0, slash);
  const version = slash < 0 ? obj.apiVersion : obj.apiVersion.slice(slash + 1);
  const defaulters = DEFAULTERS.get(`${group}/${version}`);
  if (defaulters && Object.hasOwn(defaulters, obj.kind)) defaulters[obj.kind]!(obj);
  canonicalizeQuantities(obj, group, version, obj.kind);
}

export { canonicalizeQuantities, canonicalQuantity, roundUpToMilli } from './quantities.js';
export { defaultPullPolicy, imageTag } from './image.js';

// Admission plugins' mutations.
export { defaultTolerations, DEFAULT_TOLERATION_SECONDS, NOT_READY_TAINT, UNREACHABLE_TAINT } from './tolerations.js';
export { resolvePodPriority, SYSTEM_PRIORITY_CLASSES } from './priority.js';
export {
  admitServiceAccount,
  defaultServiceAccountName,
  randomSuffix,
  tokenVolumeSource,
  DEFAULT_SERVICE_ACCOUNT,
  TOKEN_MOUNT_PATH,
} from './service-account.js';
export { defaultIngressClassName, defaultStorageClassName } from './default-class.js';
export { addProtectionFinalizer, PV_PROTECTION_FINALIZER, PVC_PROTECTION_FINALIZER } from './protection.js';

// Registry strategies' mutations.
export { generateJobSelector } from './job-selector.js';
export { daemonSetTemplateGeneration, TEMPLATE_GENERATION_ANNOTATION } from './daemonset-generation.js';
export { applyMatchLabelKeys, initialPodStatus, podQOSClass, preparePodForCreate, type QOSClass } from './pod-create.js';
export { metaTime, persistentVolumeStatusTransition, preparePersistentVolumeForCreate } from './persistent-volume.js';
