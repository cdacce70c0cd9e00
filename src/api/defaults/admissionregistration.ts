// admissionregistration.k8s.io/v1 webhook configuration defaults, as Kubernetes 1.32 fills
// them: every webhook fails closed (failurePolicy Fail), matches equivalent requests
// (matchPolicy Equivalent), selects every namespace and object (empty selectors) and times out
// after 10 s; a mutating webhook is not reinvoked (reinvocationPolicy Never); a rule's scope is
// "*"; a service reference's port is 443. sideEffects and admissionReviewVersions are required
// in v1 and have no default.

import { defaultPointer, items, pointer, type Obj } from './values.js';

const TIMEOUT_SECONDS = 10;
const SERVICE_PORT = 443;

function defaultWebhook(webhook: Obj, mutating: boolean): void {
  defaultPointer(webhook, 'failurePolicy', 'Fail');
  defaultPointer(webhook, 'matchPolicy', 'Equivalent');
  defaultPointer(webhook, 'namespaceSelector', {});
  defaultPointer(webhook, 'objectSelector', {});
  defaultPointer(webhook, 'timeoutSeconds', TIMEOUT_SECONDS);
  if (mutating) defaultPointer(webhook, 'reinvocationPolicy', 'Never');
  for (const rule of items(webhook, 'rules')) defaultPointer(rule, 'scope', '*');
  const clientConfig = pointer(webhook, 'clientConfig');
  const service = clientConfig && pointer(clientConfig, 'service');
  if (service) defaultPointer(service, 'port', SERVICE_PORT);
}

export const ADMISSIONREGISTRATION_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  ValidatingWebhookConfiguration: (c) => {
    for (const webhook of items(c, 'webhooks')) defaultWebhook(webhook, false);
  },
  MutatingWebhookConfiguration: (c) => {
    for (const webhook of items(c, 'webhooks')) defaultWebhook(webhook, true);
  },
};
