// policy/v1: poddisruptionbudgets, as Kubernetes 1.32 serves them.

import type { ResourceDef } from '../resource.js';
import { PDB_TABLE } from '../printers/policy/pdb.js';
import { STATUS_SUBRESOURCE, resource } from './common.js';

export const POLICY_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'policy',
    versions: ['v1'],
    kind: 'PodDisruptionBudget',
    plural: 'poddisruptionbudgets',
    singular: 'poddisruptionbudget',
    namespaced: true,
    shortNames: ['pdb'],
    subresources: [STATUS_SUBRESOURCE],
    table: PDB_TABLE,
    generationFields: ['spec'],
  }),
];
