// discovery.k8s.io/v1 defaults, as Kubernetes 1.32 fills them: an EndpointSlice port without a
// name is named "" and without a protocol is TCP.

import { defaultPointer, items, type Obj } from './values.js';

export const DISCOVERY_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  EndpointSlice: (slice) => {
    for (const port of items(slice, 'ports')) {
      defaultPointer(port, 'name', '');
      defaultPointer(port, 'protocol', 'TCP');
    }
  },
};
