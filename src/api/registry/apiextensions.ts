// apiextensions.k8s.io/v1: customresourcedefinitions, as Kubernetes 1.32 serves them. They
// have no printer there, so they get the default NAME / CREATED AT table.

import type { ResourceDef } from '../resource.js';
import { CREATED_AT_TABLE, STATUS_SUBRESOURCE, resource } from './common.js';

export const APIEXTENSIONS_RESOURCES: readonly ResourceDef[] = [
  resource({
    group: 'apiextensions.k8s.io',
    versions: ['v1'],
    kind: 'CustomResourceDefinition',
    plural: 'customresourcedefinitions',
    singular: 'customresourcedefinition',
    namespaced: false,
    shortNames: ['crd', 'crds'],
    categories: ['api-extensions'],
    subresources: [STATUS_SUBRESOURCE],
    table: CREATED_AT_TABLE,
    generationFields: ['spec'],
  }),
];
