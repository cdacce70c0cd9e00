// scheduling.k8s.io/v1: priorityclasses, as Kubernetes 1.32 serves them.

import type { ResourceDef } from '../resource.js';
import { PRIORITYCLASS_TABLE } from '../printers/scheduling/priorityclass.js';
import { resource } from './common.js';

export const SCHEDULING_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'scheduling.k8s.io',
    versions: ['v1'],
    kind: 'PriorityClass',
    plural: 'priorityclasses',
    singular: 'priorityclass',
    namespaced: false,
    shortNames: ['pc'],
    table: PRIORITYCLASS_TABLE,
  }),
];
