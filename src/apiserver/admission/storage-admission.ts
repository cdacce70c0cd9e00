// Admission plugins for storage and ingress objects, as Kubernetes runs them on create:
//  - DefaultStorageClass: a claim without storageClassName gets the default class.
//  - StorageObjectInUseProtection: claims and volumes carry the protection finalizer that
//    keeps them until nothing uses them.
//  - DefaultIngressClass: an Ingress without a class gets the default IngressClass.

import { addProtectionFinalizer, defaultIngressClassName, defaultStorageClassName } from '../../api/defaults/index.js';
import type { KubeObject } from '../../api/meta.js';
import { type AdmissionAttributes, isCreateOf, type MutatingPlugin, type ObjectLookup } from './admission.js';

export class DefaultStorageClass implements MutatingPlugin {
  readonly name = 'DefaultStorageClass';
  constructor(private readonly lookup: ObjectLookup) {}

  admit(attrs: AdmissionAttributes, obj: KubeObject): void {
    if (isCreateOf(attrs, '', 'persistentvolumeclaims')) defaultStorageClassName(obj, this.lookup.list('storage.k8s.io', 'storageclasses'));
  }
}

export class StorageObjectInUseProtection implements MutatingPlugin {
  readonly name = 'StorageObjectInUseProtection';

  admit(attrs: AdmissionAttributes, obj: KubeObject): void {
    if (isCreateOf(attrs, '', 'persistentvolumeclaims') || isCreateOf(attrs, '', 'persistentvolumes')) addProtectionFinalizer(obj);
  }
}

export class DefaultIngressClass implements MutatingPlugin {
  readonly name = 'DefaultIngressClass';
  constructor(private readonly lookup: ObjectLookup) {}

  admit(attrs: AdmissionAttributes, obj: KubeObject): void {
    if (isCreateOf(attrs, 'networking.k8s.io', 'ingresses')) defaultIngressClassName(obj, this.lookup.list('networking.k8s.io', 'ingressclasses'));
  }
}
