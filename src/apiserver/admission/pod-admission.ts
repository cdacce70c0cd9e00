// The admission plugins Kubernetes runs on every new pod, in its order:
//  - ServiceAccount: the pod runs as "default" unless it names an account; the account must
//    exist (`default` is waited for briefly: the ServiceAccounts controller creates it); its
//    API credentials are mounted into every container (see defaults/service-account).
//  - Priority: the pod's priority and preemption policy come from its PriorityClass (or the
//    global default class); a class that does not exist is Forbidden.
//  - DefaultTolerationSeconds: pods tolerate not-ready and unreachable nodes for 300 s
//    (on create and update of the pod itself).

import { forbidden } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { admitServiceAccount, defaultTolerations, resolvePodPriority } from '../../api/defaults/index.js';
import { type AdmissionAttributes, isCreateOf, type MutatingPlugin, type ObjectLookup } from './admission.js';

const PODS = { group: '', resource: 'pods' };
const MIRROR_POD_ANNOTATION = 'kubernetes.io/config.mirror';
const DEFAULT_ACCOUNT_LOOKUPS = 10;

function isPod(attrs: AdmissionAttributes): boolean {
  return attrs.group === '' && attrs.resource === 'pods' && attrs.subresource === '';
}

export class ServiceAccountAdmission implements MutatingPlugin {
  readonly name = 'ServiceAccount';
  constructor(private readonly lookup: ObjectLookup) {}

  async admit(attrs: AdmissionAttributes, pod: KubeObject): Promise<void> {
    if (!isCreateOf(attrs, '', 'pods')) return;
    const spec = (pod.spec ?? {}) as { serviceAccountName?: string };
    const name = spec.serviceAccountName || 'default';
    const mirror = pod.metadata.annotations?.[MIRROR_POD_ANNOTATION] !== undefined;
    const account = mirror ? undefined : await this.#serviceAccount(attrs.namespace, name);
    const reason = admitServiceAccount(pod, account);
    if (reason) throw forbidden(PODS, pod.metadata.name ?? '', reason);
  }

  /** As Kubernetes: the `default` account is looked up ten times, 100-200 ms apart, before it
   *  counts as missing — the controller manager creates it just after its namespace. */
  async #serviceAccount(namespace: string, name: string): Promise<KubeObject | undefined> {
    const attempts = name === 'default' ? DEFAULT_ACCOUNT_LOOKUPS : 1;
    const intervalMs = 100 + Math.floor(Math.random() * 100);
    for (let i = 0; i < attempts; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, intervalMs));
      const account = this.lookup.get('', 'serviceaccounts', namespace, name);
      if (account) return account;
    }
    return undefined;
  }
}

export class PriorityAdmission implements MutatingPlugin {
  readonly name = 'Priority';
  constructor(private readonly lookup: ObjectLookup) {}

  admit(attrs: AdmissionAttributes, pod: KubeObject): void {
    if (!isCreateOf(attrs, '', 'pods')) return;
    const reason = resolvePodPriority(pod, this.lookup.list('scheduling.k8s.io', 'priorityclasses'));
    if (reason) throw forbidden(PODS, pod.metadata.name ?? '', reason);
  }
}

export class DefaultTolerationSeconds implements MutatingPlugin {
  readonly name = 'DefaultTolerationSeconds';

  admit(attrs: AdmissionAttributes, pod: KubeObject): void {
    if (isPod(attrs) && (attrs.operation === 'CREATE' || attrs.operation === 'UPDATE')) defaultTolerations(pod);
  }
}
