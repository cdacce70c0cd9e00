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
