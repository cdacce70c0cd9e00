// NamespaceLifecycle, as in Kubernetes: nothing is created in a namespace that does not
// exist (404) or is being deleted (403, cause NamespaceTerminating), and the namespaces the
// system needs (default, kube-system, kube-public) cannot be deleted.

import { forbidden, notFound, StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import type { AdmissionAttributes, MutatingPlugin, ValidatingPlugin } from './admission.js';

const IMMORTAL = new Set(['default', 'kube-system', 'kube-public']);

/** Runs first among the mutating plugins (so a missing namespace is reported before any
 *  other plugin looks into it) and again among the validating ones. */
export class NamespaceLifecycle implements MutatingPlugin, ValidatingPlugin {
  readonly name = 'NamespaceLifecycle';

  /** lookup answers the namespace object, or undefined when there is none. */
  constructor(private readonly lookup: (name: string) => KubeObject | undefined) {}

  admit(attrs: AdmissionAttributes): void {
    this.validate(attrs);
  }

  validate(attrs: AdmissionAttributes): void {
    const isNamespace = attrs.group === '' && attrs.resource === 'namespaces';
    if (isNamespace) {
      if (attrs.operation === 'DELETE' && IMMORTAL.has(attrs.name)) {
        throw forbidden({ group: '', resource: 'namespaces' }, attrs.name, 'this namespace may not be deleted');
      }
      return;
    }
    if (attrs.operation !== 'CREATE' || !attrs.namespace) return;
    const ns = this.lookup(attrs.namespace);
    if (!ns) throw notFound({ group: '', resource: 'namespaces' }, attrs.namespace);
    if (ns.metadata.deletionTimestamp || (ns.status as { phase?: string } | undefined)?.phase === 'Terminating') {
      const message = `unable to create new content in namespace ${attrs.namespace} because it is being terminated`;
      const err = forbidden({ group: attrs.group, resource: attrs.resource }, attrs.name, message);
      throw new StatusError(err.code, err.reason, err.message, {
        ...err.details,
        causes: [{ reason: 'NamespaceTerminating', message, field: 'metadata.namespace' }],
      });
    }
  }
}
