// networking.k8s.io/v1: ingresses, ingressclasses and networkpolicies, as Kubernetes 1.32
// serves them (network policy status went away in 1.28, so no status subresource).

import type { ResourceDef } from '../resource.js';
import { INGRESS_TABLE } from '../printers/networking/ingress.js';
import { INGRESSCLASS_TABLE } from '../printers/networking/ingressclass.js';
import { NETWORKPOLICY_TABLE } from '../printers/networking/networkpolicy.js';
import { STATUS_SUBRESOURCE, resource } from './common.js';

const group = 'networking.k8s.io';
const versions = ['v1'];

export const NETWORKING_RESOURCES: readonly ResourceDef[] = [
  resource({
    group,
    versions,
    kind: 'Ingress',
    plural: 'ingresses',
    singular: 'ingress',
    namespaced: true,
    shortNames: ['ing'],
    subresources: [STATUS_SUBRESOURCE],
    table: INGRESS_TABLE,
    generationFields: ['spec'],
  }),
  resource({
    group,
    versions,
    kind: 'IngressClass',
    plural: 'ingressclasses',
    singular: 'ingressclass',
    namespaced: false,
    table: INGRESSCLASS_TABLE,
    generationFields: ['spec'],
  }),
  resource({
    group,
    versions,
    kind: 'NetworkPolicy',
    plural: 'networkpolicies',
    singular: 'networkpolicy',
    namespaced: true,
    shortNames: ['netpol'],
    table: NETWORKPOLICY_TABLE,
    generationFields: ['spec'],
  }),
];
