// The DefaultStorageClass and DefaultIngressClass admission plugins (not defaulting: Kubernetes
// does these in admission, on create only): a PersistentVolumeClaim that names no storage
// class — neither spec.storageClassName (even "") nor the beta annotation — gets the default
// StorageClass's name; an Ingress with no ingressClassName and no kubernetes.io/ingress.class
// annotation gets the default IngressClass's. A class is the default when its is-default-class
// annotation is "true"; with several, the newest wins, then the first by name. Without a
// default class nothing changes.

import type { KubeObject } from '../meta.js';
import { isObj, struct } from './values.js';

const STORAGE_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
const DEFAULT_STORAGE_CLASS_ANNOTATIONS = [
  'storageclass.kubernetes.io/is-default-class',
  'storageclass.beta.kubernetes.io/is-default-class',
];
const INGRESS_CLASS_ANNOTATION = 'kubernetes.io/ingress.class';
const DEFAULT_INGRESS_CLASS_ANNOTATIONS = ['ingressclass.kubernetes.io/is-default-class'];

/** Names the default StorageClass in a new claim that names none. */
export function defaultStorageClassName(pvc: KubeObject, storageClasses: readonly KubeObject[]): void {
  const spec = struct(pvc, 'spec');
  if (!spec || spec.storageClassName !== undefined && spec.storageClassName !== null) return;
  if (hasAnnotation(pvc, STORAGE_CLASS_ANNOTATION)) return;
  const def = defaultClass(storageClasses, DEFAULT_STORAGE_CLASS_ANNOTATIONS);
  if (def) spec.storageClassName = def;
}

/** Names the default IngressClass in a new Ingress that names none. */
export function defaultIngressClassName(ingress: KubeObject, ingressClasses: readonly KubeObject[]): void {
  const spec = struct(ingress, 'spec');
  if (!spec || spec.ingressClassName !== undefined && spec.ingressClassName !== null) return;
  if (hasAnnotation(ingress, INGRESS_CLASS_ANNOTATION)) return;
  const def = defaultClass(ingressClasses, DEFAULT_INGRESS_CLASS_ANNOTATIONS);
  if (def) spec.ingressClassName = def;
}

function hasAnnotation(obj: KubeObject, key: string): boolean {
  const annotations = obj.metadata?.annotations;
  return isObj(annotations) && Object.hasOwn(annotations, key);
}

function defaultClass(classes: readonly KubeObject[], annotations: readonly string[]): string | undefined {
  const defaults = classes.filter((c) => annotations.some((a) => c.metadata?.annotations?.[a] === 'true'));
  defaults.sort((a, b) => {
    const ta = created(a);
    const tb = created(b);
    if (ta !== tb) return tb - ta;
    const na = a.metadata.name ?? '';
    const nb = b.metadata.name ?? '';
    return na < nb ? -1 : na > nb ? 1 : 0;
  });
  return defaults[0]?.metadata.name;
}

function created(obj: KubeObject): number {
  const t = Date.parse(obj.metadata?.creationTimestamp ?? '');
  return Number.isNaN(t) ? 0 : t;
}
