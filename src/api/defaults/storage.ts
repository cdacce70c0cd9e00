// storage.k8s.io/v1 defaults, as Kubernetes 1.32 fills them: a StorageClass deletes the volumes
// it provisioned and binds them immediately unless it says otherwise.

import { defaultPointer, type Obj } from './values.js';

export const STORAGE_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  StorageClass: (sc) => {
    defaultPointer(sc, 'reclaimPolicy', 'Delete');
    defaultPointer(sc, 'volumeBindingMode', 'Immediate');
  },
};
