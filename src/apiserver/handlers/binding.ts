// pods/{name}/binding: assigns a pending pod to a node — what the scheduler does. The pod
// gets spec.nodeName, the binding's annotations and a PodScheduled=True condition; a pod
// already assigned, or being deleted, answers 409 Conflict.

import { conflict, invalid, notFound } from '../../api/errors.js';
import { isPlainObject, type KubeObject } from '../../api/meta.js';
import { rfc3339 } from '../registry/store.js';
import { decodeObjectBody, readBody } from '../http/body.js';
import { writeJsonText } from '../http/respond.js';
import { asObject } from './decode.js';
import { admissionAttributes, parseDryRun, type Scope } from './scope.js';

interface PodCondition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

export async function handleBinding(scope: Scope): Promise<void> {
  const binding = asObject(decodeObjectBody(scope.req.headers['content-type'], await readBody(scope.req)), scope.def, 'v1', 'Binding');
  const dryRun = parseDryRun(scope.query);
  const target = isPlainObject(binding.target) ? binding.target : {};
  const nodeName = typeof target.name === 'string' ? target.name : '';
  if (!nodeName) {
    throw invalid({ group: '', kind: 'Binding' }, scope.name, [{ type: 'FieldValueRequired', field: 'target.name', detail: '' }]);
  }
  if (binding.metadata.name && binding.metadata.name !== scope.name) {
    throw invalid({ group: '', kind: 'Binding' }, binding.metadata.name, [
      { type: 'FieldValueInvalid', field: 'metadata.name', value: binding.metadata.name, detail: 'must match the pod name' },
    ]);
  }
  const attrs = { ...admissionAttributes(scope, 'CREATE', binding, dryRun), subresource: 'binding' };
  const bindingsGr = { group: '', resource: 'pods/binding' };
  await scope.store.update(scope.namespace, scope.name, {
    dryRun,
    // Binding changes a field the pod's own update may not touch: prepare it here.
    prepareSubresource: () => {},
    tryUpdate: async (current) => {
      if (!current) throw notFound(scope.store.gr, scope.name);
      if (current.metadata.deletionTimestamp) {
        throw conflict(bindingsGr, scope.name, `pod ${scope.name} is being deleted, cannot be assigned to a host`);
      }
      const spec = (current.spec ?? {}) as { nodeName?: string };
      if (spec.nodeName) {
        throw conflict(bindingsGr, scope.name, `pod ${scope.name} is already assigned to node "${spec.nodeName}"`);
      }
      await scope.admission.validate(attrs, binding);
      return bind(structuredClone(current), nodeName, binding.metadata.annotations);
    },
  });
  writeJsonText(scope.res, 201, JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 }));
}

function bind(pod: KubeObject, nodeName: string, annotations: Record<string, string> | undefined): KubeObject {
  pod.spec = { ...((pod.spec ?? {}) as object), nodeName };
  if (annotations) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), ...annotations };
  const status = (pod.status ?? {}) as { conditions?: PodCondition[] };
  const conditions = (status.conditions ?? []).filter((c) => c.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(new Date()) });
  pod.status = { ...status, conditions };
  delete pod.metadata.resourceVersion;
  return pod;
}
