// admissionregistration.k8s.io/v1: the webhook configurations, as Kubernetes 1.32 serves
// them. Their generation follows the webhooks list, the only thing they configure.

import type { ResourceDef } from '../resource.js';
import { WEBHOOK_CONFIGURATION_TABLE } from '../printers/admissionregistration/webhook.js';
import { resource } from './common.js';

const group = 'admissionregistration.k8s.io';
const versions = ['v1'];

export const ADMISSIONREGISTRATION_RESOURCES: readonly ResourceDef[] = [
  resource({
    group,
    versions,
    kind: 'ValidatingWebhookConfiguration',
    plural: 'validatingwebhookconfigurations',
    singular: 'validatingwebhookconfiguration',
    namespaced: false,
    categories: ['api-extensions'],
    table: WEBHOOK_CONFIGURATION_TABLE,
    generationFields: ['webhooks'],
  }),
  resource({
    group,
    versions,
    kind: 'MutatingWebhookConfiguration',
    plural: 'mutatingwebhookconfigurations',
    singular: 'mutatingwebhookconfiguration',
    namespaced: false,
    categories: ['api-extensions'],
    table: WEBHOOK_CONFIGURATION_TABLE,
    generationFields: ['webhooks'],
  }),
];
