// coordination.k8s.io/v1: leases, as Kubernetes 1.32 serves them.

import type { ResourceDef } from '../resource.js';
import { LEASE_TABLE } from '../printers/coordination/lease.js';
import { resource } from './common.js';

export const COORDINATION_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'coordination.k8s.io',
    versions: ['v1'],
    kind: 'Lease',
    plural: 'leases',
    singular: 'lease',
    namespaced: true,
    table: LEASE_TABLE,
  }),
];
