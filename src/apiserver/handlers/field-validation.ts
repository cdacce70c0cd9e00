// Field validation of write bodies (the fieldValidation parameter): fields the kind does not
// declare, and keys given twice, are an error with Strict, a Warning header each with Warn
// (the default), and silently dropped with Ignore — as Kubernetes' strict decoder and its
// typed decoding treat them. Protobuf bodies cannot carry unknown fields and are not checked.

import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../../api/meta.js';
import { SchemaNode } from '../../api/openapi/schema.js';
import { parseGoJson } from '../../api/patch/index.js';
import {
  bodyDecodeError,
  duplicateFields,
  jsonTypeError,
  patchDecodeError,
  type FieldValidationDirective,
  fieldValidationDirective,
  goSprintV,
  pruneUnknownFields,
  strictDecodingError,
  strictJsonErrors,
  strictObjectErrors,
  strictPatchError,
  warningHeaderValues,
  yamlDuplicateKeyError,
} from '../../api/validation/index.js';
import { StatusError } from '../../api/errors.js';
import { bodyMediaType } from '../negotiation.js';
import { MERGE_PATCH, STRATEGIC_MERGE_PATCH } from './patch.js';
import type { Scope } from './scope.js';

export class FieldValidation {
  readonly directive: FieldValidationDirective;
  readonly #schema: SchemaNode | undefined;
  readonly #res: ServerResponse;
  readonly #kind: string;

  constructor(scope: Scope, options: 'CreateOptions' | 'UpdateOptions' | 'PatchOptions') {
    const d = fieldValidationDirective(scope.query.get('fieldValidation') ?? undefined, options);
    if (d instanceof StatusError) throw d;
    this.directive = d;
    this.#schema = SchemaNode.forKind(scope.def.group, scope.version, scope.def.kind);
    this.#res = scope.res;
    this.#kind = scope.def.kind;
  }

  /** Checks a create or update body as received (raw) and decoded (obj, in the addressed
   *  version), then drops the fields the kind does not have. With report false (the same
   *  body decoded again for a retry) it only drops them. */
  checkBody(req: IncomingMessage, raw: Buffer, obj: KubeObject, report = true): void {
    const schema = this.#schema;
    if (!schema) return;
    const bodyVersion = String(obj.apiVersion ?? '').slice(String(obj.apiVersion ?? '').indexOf('/') + 1);
    const typeError = jsonTypeError(obj, schema);
    if (typeError) throw bodyDecodeError(String(obj.kind ?? this.#kind), bodyVersion, this.#kind, typeError);
    if (report && this.directive !== 'Ignore') {
      const type = bodyMediaType(req.headers['content-type']) || 'application/json';
      let errors: string[] = [];
      if (type === 'application/json') errors = strictJsonErrors(raw.toString('utf8'), schema, obj);
      else if (type === 'application/yaml') {
        const text = raw.toString('utf8');
        const dup = yamlDuplicateKeyError(text);
        errors = [...(dup ? [dup] : []), ...strictObjectErrors(obj, schema)];
      }
      if (errors.length > 0) this.#report(errors, () => strictDecodingError(String(obj.kind ?? this.#kind), bodyVersion, this.#kind, errors));
    }
    pruneUnknownFields(obj, schema);
  }

  /** Checks the result of a patch (in the addressed version), then prunes it. */
  checkPatched(patched: KubeObject, patchType: string, patch: string): void {
    const schema = this.#schema;
    if (!schema) return;
    const typeError = jsonTypeError(patched, schema);
    if (typeError) throw patchDecodeError(JSON.stringify(patched), typeError);
    if (this.directive !== 'Ignore') {
      const errors = strictObjectErrors(patched, schema);
      if (patchType === MERGE_PATCH) errors.unshift(...duplicateFields(patch).map((p) => `duplicate field "${p}"`));
      if (errors.length > 0) {
        this.#report(errors, () => strictPatchError(patchType === STRATEGIC_MERGE_PATCH ? goSprintV(parseGoJson(patch)) : JSON.stringify(patched), errors));
      }
    }
    pruneUnknownFields(patched, schema);
  }

  #report(errors: string[], strictError: () => StatusError): void {
    if (this.directive === 'Strict') throw strictError();
    const existing = this.#res.getHeader('Warning');
    const previous = existing === undefined ? [] : Array.isArray(existing) ? existing : [String(existing)];
    this.#res.setHeader('Warning', [...previous, ...warningHeaderValues(errors)]);
  }
}
