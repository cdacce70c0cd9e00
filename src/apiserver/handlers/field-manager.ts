// Field management for a write request: who the field manager is (the fieldManager
// parameter, else the User-Agent's prefix, as Kubernetes derives it), and recording what the
// write changed in metadata.managedFields, or merging an applied configuration
// (server-side apply). Every write of every kind passes through here.

import { FieldSet, FIELD_MANAGER_MAX_LENGTH, managerFromUserAgent, serverSideApply, updateManagedFields } from '../../api/apply/index.js';
import { badRequest, invalid } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { SchemaNode } from '../../api/openapi/schema.js';
import { hasStatus } from '../../api/strategy/generic.js';
import { apiVersionOf, storageApiVersion } from '../conversion.js';
import { rfc3339 } from '../registry/store.js';
import { parseBoolParam, type Scope } from './scope.js';

/** Metadata a status write may not change, per kind (Kubernetes' status reset fields). */
const STATUS_RESET_METADATA: Record<string, string[][]> = {
  'apps/Deployment': [['metadata', 'labels']],
  '/Pod': [['metadata', 'deletionTimestamp'], ['metadata', 'ownerReferences']],
};

export class FieldManager {
  readonly #scope: Scope;
  readonly manager: string;
  readonly #schema: SchemaNode | undefined;
  readonly #ignored: FieldSet | undefined;
  readonly #time = rfc3339(new Date());

  /** Validates the request's field manager; `apply` requires one. */
  constructor(scope: Scope, operation: 'create' | 'update' | 'patch' | 'apply') {
    this.#scope = scope;
    const param = scope.query.get('fieldManager');
    const optionsKind = operation === 'create' ? 'CreateOptions' : operation === 'update' ? 'UpdateOptions' : 'PatchOptions';
    if (param !== null && (param.length > FIELD_MANAGER_MAX_LENGTH || /[^\x20-\x7e]/.test(param))) {
      throw invalid({ group: 'meta.k8s.io', kind: optionsKind }, '', [
        { type: 'FieldValueInvalid', field: 'fieldManager', value: param, detail: `must consist of printable characters and be at most ${FIELD_MANAGER_MAX_LENGTH} bytes long` },
      ]);
    }
    if (operation === 'apply' && !param) {
      throw invalid({ group: 'meta.k8s.io', kind: 'PatchOptions' }, '', [{ type: 'FieldValueRequired', field: 'fieldManager', detail: 'is required for apply patch' }]);
    }
    if (operation !== 'apply' && scope.query.has('force')) {
      throw invalid({ group: 'meta.k8s.io', kind: optionsKind }, '', [{ type: 'FieldValueForbidden', field: 'force', detail: 'may not be specified for non-apply patch' }]);
    }
    this.manager = param || managerFromUserAgent(scope.req.headers['user-agent'] ?? '');
    const { def } = scope;
    const [group, version] = splitApiVersion(storageApiVersion(def));
    this.#schema = SchemaNode.forKind(group, version, def.kind);
    this.#ignored = ignoredFields(scope);
  }

  /** Records a create, update or non-apply patch: `next` is what will be stored, `old` the
   *  object it replaces (undefined on create). */
  recordUpdate(old: KubeObject | undefined, next: KubeObject): void {
    if (!this.#schema) return;
    updateManagedFields(old, next, {
      manager: this.manager,
      operation: 'Update',
      subresource: this.#subresource(),
      time: this.#time,
      schema: this.#schema,
      ignoredFields: this.#ignored,
      apiVersion: apiVersionOf(this.#scope.def.group, this.#scope.version),
    });
  }

  /** Merges an applied configuration (in the storage version) into live. */
  apply(live: KubeObject | undefined, config: KubeObject): KubeObject {
    if (!this.#schema) throw badRequest(`server-side apply is not supported for ${this.#scope.def.plural}`);
    return serverSideApply(live, config, {
      manager: this.manager,
      force: parseBoolParam(this.#scope.query, 'force'),
      time: this.#time,
      schema: this.#schema,
      subresource: this.#subresource(),
      ignoredFields: this.#ignored,
      apiVersion: apiVersionOf(this.#scope.def.group, this.#scope.version),
      kind: this.#scope.def.kind,
    });
  }

  #subresource(): string | undefined {
    return this.#scope.subresource || undefined;
  }
}

function ignoredFields(scope: Scope): FieldSet | undefined {
  if (scope.subresource === 'status') {
    return FieldSet.fromFieldNames(['spec'], ...(STATUS_RESET_METADATA[`${scope.def.group}/${scope.def.kind}`] ?? []));
  }
  if (!scope.subresource && hasStatus(scope.def)) return FieldSet.fromFieldNames(['status']);
  return undefined;
}

function splitApiVersion(apiVersion: string): [group: string, version: string] {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? ['', apiVersion] : [apiVersion.slice(0, slash), apiVersion.slice(slash + 1)];
}
