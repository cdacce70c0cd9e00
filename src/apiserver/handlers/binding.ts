// pods/{name}/binding: assigns a pod to a node — what the scheduler does — as Kubernetes'
// BindingREST does (pkg/registry/core/pod/storage/storage.go) behind its create handler:
//
//  - The Binding's namespace, when set, must be the URL's (400); mutating admission sees the
//    Binding (resource pods, subresource binding); its name must be the pod's, empty
//    included (400 "name in URL does not match name in Binding object").
//  - ValidatePodBinding: target.kind empty or Node, target.name required. Kubernetes returns
//    these as a plain error, so they reach the client as a 500 without a reason. Then
//    validating admission sees the Binding.
//  - The pod is updated straight in storage, around the pod strategy (a pod update may not
//    change spec.nodeName): the Binding's uid and resourceVersion, when set, are
//    preconditions (409 on pods); a missing pod is 404; a pod being deleted, already
//    assigned, or with scheduling gates is a 409 Conflict on pods/binding with Kubernetes'
//    message. The pod gets spec.nodeName, the Binding's annotations, and PodScheduled=True
//    (UpdatePodCondition: replaced in place, its lastTransitionTime kept when it was True).
//  - The answer is 201 with a Status of Success.

import { badRequest, conflict, type FieldError, fieldErrorString, notFound } from '../../api/errors.js';
import { isPlainObject, type KubeObject } from '../../api/meta.js';
import { rfc3339, storagePreconditionFailed } from '../registry/store.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { writeJsonText } from '../http/respond.js';
import { asObject } from './decode.js';
import { admissionAttributes, parseDryRun, type Scope } from './scope.js';

interface PodCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

interface PodLike extends KubeObject {
  spec?: { nodeName?: string; schedulingGates?: unknown[] };
  status?: { conditions?: PodCondition[] };
}

const BINDINGS = { group: '', resource: 'pods/binding' };

export async function handleBinding(scope: Scope): Promise<void> {
  const binding = asObject(decodeObjectBody(scope.req.headers['content-type'], await readBody(scope.req)), scope.def, 'v1', 'Binding');
  const dryRun = parseDryRun(scope.query);
  if (binding.metadata.namespace && binding.metadata.namespace !== scope.namespace) {
    throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
  }
  binding.metadata.namespace = scope.namespace;
  const attrs = { ...admissionAttributes(scope, 'CREATE', binding, dryRun), subresource: 'binding' };
  await scope.admission.admit(attrs, binding);
  if ((binding.metadata.name ?? '') !== scope.name) throw badRequest('name in URL does not match name in Binding object');
  const target = isPlainObject(binding.target) ? binding.target : {};
  const errors = validatePodBinding(target);
  if (errors.length > 0) return writeAggregate(scope, errors);
  await scope.admission.validate(attrs, binding);
  await scope.store.update(scope.namespace, scope.name, {
    dryRun,
    subresource: 'binding',
    prepareSubresource: () => {},
    validateSubresource: () => [],
    tryUpdate: (current, copyCurrent) => {
      if (!current) throw notFound(scope.store.gr, scope.name);
      checkPreconditions(scope, binding, current);
      return bind(current as PodLike, copyCurrent, String(target.name), binding.metadata.annotations);
    },
  });
  writeJsonText(scope.res, 201, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }));
}

/** validation.ValidatePodBinding. */
function validatePodBinding(target: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  const kind = typeof target.kind === 'string' ? target.kind : '';
  if (kind !== '' && kind !== 'Node') {
    errors.push({ type: 'FieldValueNotSupported', field: 'target.kind', value: kind, detail: 'supported values: "Node", "<empty>"' });
  }
  if (typeof target.name !== 'string' || target.name === '') errors.push({ type: 'FieldValueRequired', field: 'target.name' });
  return errors;
}

/** The answer Kubernetes gives for an error that is not an API status (an aggregate of field
 *  errors here): 500, no reason, the aggregate's text as message. */
function writeAggregate(scope: Scope, errors: readonly FieldError[]): void {
  const texts = errors.map(fieldErrorString);
  const message = texts.length === 1 ? texts[0]! : `[${texts.join(', ')}]`;
  writeJsonText(scope.res, 500, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, code: 500 }));
}

/** The Binding's uid and resourceVersion guard the pod (a storage precondition: 409 on pods). */
function checkPreconditions(scope: Scope, binding: KubeObject, pod: KubeObject): void {
  const fail = (what: 'UID' | 'ResourceVersion', wanted: string, actual: string | undefined): never => {
    throw storagePreconditionFailed(scope.store.gr, scope.store.key(scope.namespace, scope.name), scope.name, what, wanted, actual);
  };
  const { uid, resourceVersion } = binding.metadata;
  if (uid && uid !== pod.metadata.uid) fail('UID', uid, pod.metadata.uid);
  if (resourceVersion && resourceVersion !== pod.metadata.resourceVersion) fail('ResourceVersion', resourceVersion, pod.metadata.resourceVersion);
}

/** setPodHostAndAnnotations: a copy of the pod assigned to nodeName. */
function bind(current: PodLike, copyCurrent: () => KubeObject, nodeName: string, annotations: Record<string, string> | undefined): KubeObject {
  const name = current.metadata.name ?? '';
  if (current.metadata.deletionTimestamp) throw conflict(BINDINGS, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  if (current.spec?.nodeName) throw conflict(BINDINGS, name, `pod ${name} is already assigned to node "${current.spec.nodeName}"`);
  if ((current.spec?.schedulingGates ?? []).length > 0) throw conflict(BINDINGS, name, `pod ${name} has non-empty .spec.schedulingGates`);
  const pod = copyCurrent() as PodLike;
  pod.spec = { ...pod.spec, nodeName };
  if (annotations) pod.metadata.annotations = { ...pod.metadata.annotations, ...annotations };
  pod.status = { ...pod.status, conditions: withScheduled(pod.status?.conditions ?? []) };
  delete pod.metadata.resourceVersion;
  return pod;
}

/** podutil.UpdatePodCondition with PodScheduled=True. */
function withScheduled(conditions: readonly PodCondition[]): PodCondition[] {
  const i = conditions.findIndex((c) => c.type === 'PodScheduled');
  const old = conditions[i];
  const scheduled: PodCondition = {
    type: 'PodScheduled',
    status: 'True',
    lastProbeTime: null,
    lastTransitionTime: old?.status === 'True' && old.lastTransitionTime ? old.lastTransitionTime : rfc3339(new Date()),
  };
  return i < 0 ? [...conditions, scheduled] : conditions.map((c, j) => (j === i ? scheduled : c));
}
