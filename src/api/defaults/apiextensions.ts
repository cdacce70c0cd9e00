// apiextensions.k8s.io/v1 CustomResourceDefinition defaults, as Kubernetes 1.32 fills them: the
// singular name is the lower-cased kind, the list kind is the kind + "List", conversion is None
// unless given, a conversion webhook's service port is 443, and the stored versions start as
// the version marked storage.

import { defaultPointer, emptyCollection, emptyString, items, pointer, str, struct, type Obj } from './values.js';

export const APIEXTENSIONS_DEFAULTERS: Readonly<Record<string, (obj: Obj) => void>> = {
  CustomResourceDefinition: defaultCustomResourceDefinition,
};

function defaultCustomResourceDefinition(crd: Obj): void {
  const spec = struct(crd, 'spec');
  if (!spec) return;
  const names = struct(spec, 'names');
  if (names) {
    const kind = str(names, 'kind');
    if (emptyString(names.singular)) {
      if (kind === '') delete names.singular;
      else names.singular = kind.toLowerCase();
    }
    if (emptyString(names.listKind) && kind !== '') {
      names.listKind = `${kind}List`;
    }
  }
  defaultPointer(spec, 'conversion', { strategy: 'None' });
  const conversion = pointer(spec, 'conversion');
  const webhook = conversion && pointer(conversion, 'webhook');
  const clientConfig = webhook && pointer(webhook, 'clientConfig');
  const service = clientConfig && pointer(clientConfig, 'service');
  if (service) defaultPointer(service, 'port', 443);

  const status = struct(crd, 'status');
  if (status && emptyCollection(status.storedVersions)) {
    const storage = items(spec, 'versions').find((v) => v.storage === true);
    if (storage && typeof storage.name === 'string') status.storedVersions = [storage.name];
  }
}
