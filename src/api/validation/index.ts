// Semantic validation of API objects as Kubernetes 1.32 performs it, for the strategies to call.
//
// validateObject(obj) is what a create runs: the kind's Validate (pkg/apis/*/validation, on
// the object already defaulted and prepared), then — only if that found nothing — the
// registry's common ObjectMeta checks with path-segment names (rest.BeforeCreate).
// validateObjectUpdate(obj, old) is what an update runs: the registry's common checks first
// (ObjectMeta, its update rules), then the kind's ValidateUpdate (which repeats the create
// rules where Kubernetes' strategy does, plus immutability). Objects are in kite's storage
// version: HPA as autoscaling/v2, events.k8s.io events as core/v1 Events. Errors are in
// Kubernetes' order, duplicates kept; `invalid()` in errors.ts turns them into the 422.
//
// Kinds without rules here (custom resources, unknown kinds) get the custom-resource
// metadata rules (DNS-subdomain name) plus the registry's; pass `namespaced` for them when the
// object's scope cannot be found among the built-in resources.
//
// Field validation against the schema (fieldValidation=Strict|Warn) is in strict-decoding.ts
// and duplicate-fields.ts, re-exported below.

import type { FieldError } from '../errors.js';
import type { KubeObject } from '../meta.js';
import { BUILTIN_RESOURCES } from '../registry/index.js';
import type { Obj } from './access.js';
import { obj, str } from './access.js';
import { validateMutatingWebhookConfiguration, validateMutatingWebhookConfigurationUpdate, validateValidatingWebhookConfiguration, validateValidatingWebhookConfigurationUpdate } from './admission.js';
import {
  validateControllerRevision, validateControllerRevisionUpdate, validateDaemonSet, validateDaemonSetUpdate, validateDeployment,
  validateDeploymentUpdate, validateReplicaSet, validateReplicaSetUpdate, validateReplicationController,
  validateReplicationControllerUpdate, validateStatefulSet, validateStatefulSetUpdate,
} from './apps.js';
import { validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate, validateScale } from './autoscaling.js';
import { validateCronJob, validateCronJobUpdate, validateJob, validateJobUpdate } from './batch.js';
import { validateConfigMap, validateConfigMapUpdate, validateSecret, validateSecretUpdate } from './config.js';
import { validateLease, validateLeaseUpdate } from './coordination.js';
import { validateCustomResourceDefinition, validateCustomResourceDefinitionUpdate } from './crd.js';
import { validateEndpointSlice, validateEndpointSliceUpdate } from './discovery.js';
import { validateEvent } from './event.js';
import { genericCreateMeta, genericUpdateMeta, validateObjectMetaGeneric, validateObjectMetaUpdateGeneric } from './meta.js';
import { nameIsDNSSubdomain } from './names.js';
import { validateNamespace, validateNamespaceUpdate, validateServiceAccount, validateServiceAccountUpdate } from './namespace.js';
import { validateIngress, validateIngressClass, validateIngressClassUpdate, validateIngressUpdate, validateNetworkPolicy, validateNetworkPolicyUpdate } from './networking.js';
import { validateNode, validateNodeUpdate } from './node.js';
import { validatePersistentVolume, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate, validatePersistentVolumeUpdate } from './persistent-volume.js';
import { validatePod, validatePodBinding, validatePodTemplate, validatePodTemplateUpdate, validatePodUpdate } from './pod.js';
import { validatePodDisruptionBudget } from './policy.js';
import { validateLimitRange, validateLimitRangeUpdate, validateResourceQuota, validateResourceQuotaUpdate } from './quota.js';
import {
  validateClusterRole, validateClusterRoleBinding, validateClusterRoleBindingUpdate, validateClusterRoleUpdate, validateRole,
  validateRoleBinding, validateRoleBindingUpdate, validateRoleUpdate,
} from './rbac.js';
import { validatePriorityClass, validatePriorityClassUpdate } from './scheduling.js';
import { validateEndpoints, validateEndpointsUpdate, validateService, validateServiceUpdate } from './service.js';
import { validateStorageClass, validateStorageClassUpdate } from './storage.js';

export type { FieldError };

interface KindRules {
  namespaced: boolean;
  create: (o: Obj) => FieldError[];
  update: (o: Obj, old: Obj) => FieldError[];
}

const rules = (namespaced: boolean, create: KindRules['create'], update: KindRules['update']): KindRules => ({ namespaced, create, update });

/** Rules by "group/Kind" ("" is the core group). */
const KINDS: Record<string, KindRules> = {
  '/Pod': rules(true, validatePod, validatePodUpdate),
  '/PodTemplate': rules(true, validatePodTemplate, validatePodTemplateUpdate),
  '/ReplicationController': rules(true, validateReplicationController, validateReplicationControllerUpdate),
  '/Service': rules(true, validateService, validateServiceUpdate),
  '/Endpoints': rules(true, validateEndpoints, validateEndpointsUpdate),
  '/ConfigMap': rules(true, validateConfigMap, validateConfigMapUpdate),
  '/Secret': rules(true, validateSecret, validateSecretUpdate),
  '/ServiceAccount': rules(true, validateServiceAccount, validateServiceAccountUpdate),
  '/Namespace': rules(false, validateNamespace, validateNamespaceUpdate),
  '/Node': rules(false, validateNode, validateNodeUpdate),
  // Update of a core event re-runs the create rules (ValidateEventUpdate for v1 requests).
  '/Event': rules(true, validateEvent, (o) => validateEvent(o)),
  '/PersistentVolume': rules(false, validatePersistentVolume, validatePersistentVolumeUpdate),
  '/PersistentVolumeClaim': rules(true, validatePersistentVolumeClaim, validatePersistentVolumeClaimUpdate),
  '/ResourceQuota': rules(true, validateResourceQuota, validateResourceQuotaUpdate),
  '/LimitRange': rules(true, validateLimitRange, (o) => validateLimitRangeUpdate(o)),
  '/Binding': rules(true, validatePodBinding, (o) => validatePodBinding(o)),
  'apps/Deployment': rules(true, validateDeployment, validateDeploymentUpdate),
  'apps/ReplicaSet': rules(true, validateReplicaSet, validateReplicaSetUpdate),
  'apps/StatefulSet': rules(true, validateStatefulSet, validateStatefulSetUpdate),
  'apps/DaemonSet': rules(true, validateDaemonSet, validateDaemonSetUpdate),
  'apps/ControllerRevision': rules(true, validateControllerRevision, validateControllerRevisionUpdate),
  'autoscaling/HorizontalPodAutoscaler': rules(true, validateHorizontalPodAutoscaler, validateHorizontalPodAutoscalerUpdate),
  'autoscaling/Scale': rules(true, validateScale, (o) => validateScale(o)),
  'batch/Job': rules(true, validateJob, validateJobUpdate),
  'batch/CronJob': rules(true, validateCronJob, validateCronJobUpdate),
  'networking.k8s.io/Ingress': rules(true, validateIngress, validateIngressUpdate),
  'networking.k8s.io/IngressClass': rules(false, validateIngressClass, validateIngressClassUpdate),
  'networking.k8s.io/NetworkPolicy': rules(true, validateNetworkPolicy, validateNetworkPolicyUpdate),
  // Every PDB update is allowed since 1.15; the update re-runs the create rules only.
  'policy/PodDisruptionBudget': rules(true, validatePodDisruptionBudget, (o) => validatePodDisruptionBudget(o)),
  'rbac.authorization.k8s.io/Role': rules(true, validateRole, validateRoleUpdate),
  'rbac.authorization.k8s.io/RoleBinding': rules(true, validateRoleBinding, validateRoleBindingUpdate),
  'rbac.authorization.k8s.io/ClusterRole': rules(false, validateClusterRole, validateClusterRoleUpdate),
  'rbac.authorization.k8s.io/ClusterRoleBinding': rules(false, validateClusterRoleBinding, validateClusterRoleBindingUpdate),
  'storage.k8s.io/StorageClass': rules(false, validateStorageClass, validateStorageClassUpdate),
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration': rules(
    false, validateValidatingWebhookConfiguration, validateValidatingWebhookConfigurationUpdate,
  ),
  'admissionregistration.k8s.io/MutatingWebhookConfiguration': rules(
    false, validateMutatingWebhookConfiguration, validateMutatingWebhookConfigurationUpdate,
  ),
  'apiextensions.k8s.io/CustomResourceDefinition': rules(false, validateCustomResourceDefinition, validateCustomResourceDefinitionUpdate),
  'scheduling.k8s.io/PriorityClass': rules(false, validatePriorityClass, validatePriorityClassUpdate),
  'coordination.k8s.io/Lease': rules(true, validateLease, validateLeaseUpdate),
  'discovery.k8s.io/EndpointSlice': rules(true, validateEndpointSlice, validateEndpointSliceUpdate),
};

/** Kinds stored as another group's kind: events.k8s.io Events are core Events. */
const STORED_AS: Record<string, string> = { 'events.k8s.io/Event': '/Event' };

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

function kindKey(o: KubeObject): string {
  const k = `${groupOf(str(o.apiVersion))}/${str(o.kind)}`;
  return STORED_AS[k] ?? k;
}

export interface ValidateOptions {
  /** Scope of a kind kite has no rules for (default: looked up among the built-in resources,
   *  else whether metadata.namespace is set). */
  namespaced?: boolean;
}

function scopeOf(o: KubeObject, opts: ValidateOptions): boolean {
  if (opts.namespaced !== undefined) return opts.namespaced;
  const group = groupOf(str(o.apiVersion));
  const def = BUILTIN_RESOURCES.find((r) => r.group === group && r.kind === o.kind);
  return def ? def.namespaced : str(obj(o.metadata).namespace) !== '';
}

/** The kind's rules, or the custom-resource ones: metadata only, with DNS-subdomain names. */
function rulesFor(o: KubeObject, opts: ValidateOptions): KindRules {
  const known = KINDS[kindKey(o)];
  if (known) return known;
  const namespaced = scopeOf(o, opts);
  return rules(
    namespaced,
    (x) => validateObjectMetaGeneric(x.metadata, namespaced, nameIsDNSSubdomain),
    (x, old) => validateObjectMetaUpdateGeneric(x.metadata, old.metadata),
  );
}

/** Errors a create of `obj` gets (empty when valid). */
export function validateObject(o: KubeObject, opts: ValidateOptions = {}): FieldError[] {
  const r = rulesFor(o, opts);
  const errs = r.create(o as Obj);
  if (errs.length > 0) return errs;
  return genericCreateMeta(o.metadata, r.namespaced);
}

/** Errors an update of `old` to `obj` gets (empty when valid). */
export function validateObjectUpdate(o: KubeObject, old: KubeObject, opts: ValidateOptions = {}): FieldError[] {
  const r = rulesFor(o, opts);
  return [...genericUpdateMeta(o.metadata, old.metadata, r.namespaced), ...r.update(o as Obj, old as Obj)];
}

export { validateNamespaceFinalizeUpdate } from './namespace.js';
export {
  unknownFields, pruneUnknownFields, bodyDecodeError, patchDecodeError, strictJsonErrors, strictObjectErrors, strictDecodingMessage, strictDecodingError, strictPatchError, warningHeaderValues,
  fieldValidationDirective, type FieldValidationDirective,
} from './strict-decoding.js';
export { duplicateFields, duplicateYamlKeys, yamlDuplicateKeyError } from './duplicate-fields.js';
export { goSprintV } from './go-value.js';
export { jsonTypeError } from './json-types.js';
