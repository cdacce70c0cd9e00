// Namespaces: a new namespace is Active and carries the `kubernetes` finalizer, which only
// the finalize subresource may remove (the namespace controller does, once the namespace is
// empty). Its name is also recorded as the kubernetes.io/metadata.name label.

import type { KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { copyField, genericStrategy } from './generic.js';
import type { Strategy } from './strategy.js';

export const KUBERNETES_FINALIZER = 'kubernetes';
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

interface NamespaceSpec {
  finalizers?: string[];
}

export function namespaceStrategy(def: ResourceDef): Strategy {
  const base = genericStrategy(def, { returnDeletedObject: true });
  return {
    ...base,
    prepareForCreate(obj) {
      base.prepareForCreate(obj);
      obj.status = { phase: 'Active' };
      const spec = (obj.spec ?? {}) as NamespaceSpec;
      const finalizers = spec.finalizers ?? [];
      if (!finalizers.includes(KUBERNETES_FINALIZER)) finalizers.push(KUBERNETES_FINALIZER);
      obj.spec = { ...spec, finalizers };
      setNameLabel(obj);
    },
    prepareForUpdate(obj, old) {
      base.prepareForUpdate(obj, old);
      copyField(obj, old, 'spec');
      setNameLabel(obj);
    },
    pendingFinalization(obj) {
      return (((obj.spec ?? {}) as NamespaceSpec).finalizers ?? []).length > 0;
    },
    prepareForDelete(obj) {
      obj.status = { ...((obj.status ?? {}) as object), phase: 'Terminating' };
    },
  };
}

/** The finalize subresource: only spec.finalizers may change. */
export function prepareForFinalize(obj: KubeObject, old: KubeObject): void {
  const finalizers = ((obj.spec ?? {}) as NamespaceSpec).finalizers;
  for (const k of Object.keys(obj)) if (k !== 'metadata') delete obj[k];
  for (const k of Object.keys(old)) if (k !== 'metadata') obj[k] = structuredClone(old[k]);
  obj.metadata = { ...old.metadata, managedFields: obj.metadata.managedFields, resourceVersion: obj.metadata.resourceVersion };
  obj.spec = { ...((old.spec ?? {}) as NamespaceSpec), finalizers: finalizers ?? [] };
}

function setNameLabel(obj: KubeObject): void {
  if (!obj.metadata.name) return;
  obj.metadata.labels = { ...(obj.metadata.labels ?? {}), [NAMESPACE_NAME_LABEL]: obj.metadata.name };
}
