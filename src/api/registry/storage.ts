// storage.k8s.io/v1: storageclasses, as Kubernetes 1.32 serves them.

import type { ResourceDef } from '../resource.js';
import { STORAGECLASS_TABLE } from '../printers/storage/storageclass.js';
import { resource } from './common.js';

export const STORAGE_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'storage.k8s.io',
    versions: ['v1'],
    kind: 'StorageClass',
    plural: 'storageclasses',
    singular: 'storageclass',
    namespaced: false,
    shortNames: ['sc'],
    table: STORAGECLASS_TABLE,
  }),
];
