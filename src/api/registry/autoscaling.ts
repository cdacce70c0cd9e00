// autoscaling: horizontalpodautoscalers, served as v2 (preferred, and the storage version)
// and as v1 through conversion, as Kubernetes 1.32 serves them. 1.32 does not track a
// generation for them.

import type { ResourceDef } from '../resource.js';
import { HPA_V1_CONVERTER } from '../conversion/hpa.js';
import { HPA_TABLE } from '../printers/autoscaling/hpa.js';
import { STATUS_SUBRESOURCE, resource } from './common.js';

export const AUTOSCALING_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'autoscaling',
    versions: ['v2', 'v1'],
    kind: 'HorizontalPodAutoscaler',
    plural: 'horizontalpodautoscalers',
    singular: 'horizontalpodautoscaler',
    namespaced: true,
    shortNames: ['hpa'],
    categories: ['all'],
    subresources: [STATUS_SUBRESOURCE],
    table: HPA_TABLE,
    conversion: { v1: HPA_V1_CONVERTER },
  }),
];
