// Admission: plugins that see every write after authorization. Mutating plugins may change
// the object (they run first, before the kind's strategy); validating plugins may only
// reject it (they run last, just before storage). A plugin rejects by throwing StatusError.

import type { KubeObject } from '../../api/meta.js';
import type { UserInfo } from '../authn/authenticator.js';

export type Operation = 'CREATE' | 'UPDATE' | 'DELETE' | 'CONNECT';

export interface AdmissionAttributes {
  readonly operation: Operation;
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly resource: string;
  readonly subresource: string;
  readonly namespace: string;
  readonly name: string;
  readonly user: UserInfo;
  readonly dryRun: boolean;
}

/** What admission plugins may read: the API server's current objects (from its caches). */
export interface ObjectLookup {
  get(group: string, plural: string, namespace: string, name: string): KubeObject | undefined;
  list(group: string, plural: string, namespace?: string): KubeObject[];
}

/** The pods/namespaced-object create of a given resource (main resource, not a subresource). */
export function isCreateOf(attrs: AdmissionAttributes, group: string, resource: string): boolean {
  return attrs.operation === 'CREATE' && attrs.group === group && attrs.resource === resource && attrs.subresource === '';
}

export interface MutatingPlugin {
  readonly name: string;
  admit(attrs: AdmissionAttributes, obj: KubeObject, old: KubeObject | undefined): void | Promise<void>;
}

export interface ValidatingPlugin {
  readonly name: string;
  validate(attrs: AdmissionAttributes, obj: KubeObject, old: KubeObject | undefined): void | Promise<void>;
}

export class AdmissionChain {
  constructor(
    readonly mutating: readonly MutatingPlugin[] = [],
    readonly validating: readonly ValidatingPlugin[] = [],
  ) {}

  async admit(attrs: AdmissionAttributes, obj: KubeObject, old?: KubeObject): Promise<void> {
    for (const p of this.mutating) await p.admit(attrs, obj, old);
  }

  async validate(attrs: AdmissionAttributes, obj: KubeObject, old?: KubeObject): Promise<void> {
    for (const p of this.validating) await p.validate(attrs, obj, old);
  }
}
