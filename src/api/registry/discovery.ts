// discovery.k8s.io/v1: endpointslices, as Kubernetes 1.32 serves them.

import type { ResourceDef } from '../resource.js';
import { ENDPOINTSLICE_TABLE } from '../printers/discovery/endpointslice.js';
import { resource } from './common.js';

export const DISCOVERY_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'discovery.k8s.io',
    versions: ['v1'],
    kind: 'EndpointSlice',
    plural: 'endpointslices',
    singular: 'endpointslice',
    namespaced: true,
    table: ENDPOINTSLICE_TABLE,
    // A slice has no spec: everything outside metadata counts, and so do its labels, which
    // tie it to its service.
    generationFields: ['addressType', 'endpoints', 'ports', 'metadata.labels'],
  }),
];
