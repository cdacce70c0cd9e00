// Field validation against the schema: what Kubernetes' strict decoder reports for fields a
// kind does not declare, and how the handlers turn those reports into responses.
//
// Wire formats (Kubernetes 1.32, staging/src/k8s.io/apiserver/pkg/endpoints/handlers):
//
// * The directive is the `fieldValidation` query parameter of create, update and patch:
//   "Strict", "Warn", "Ignore", or absent, which means Warn. Any other value is rejected by
//   ValidateCreateOptions/ValidateUpdateOptions/ValidatePatchOptions: 422 Invalid for kind
//   CreateOptions (UpdateOptions, PatchOptions) in group meta.k8s.io, with the cause
//   `fieldValidation: Unsupported value: "Foo": supported values: "", "Ignore", "Strict", "Warn"`.
// * Each strict problem is one error text, in the order the decoder meets them in the body:
//     unknown field "spec.template.spec.containers[0].imagee"
//     duplicate field "metadata.name"
//   (strictJsonErrors for JSON bodies; for YAML bodies the repeated-key error from
//   duplicate-fields.ts's yamlDuplicateKeyError comes first, then the unknown fields of the
//   converted object, strictObjectErrors). At most 100, each reported once. Protobuf bodies
//   have no strict checks.
// * Strict, create and update: 400 BadRequest, message
//     `<Kind> in version "<version>" cannot be handled as a <Kind>: strict decoding error: <e1>, <e2>`
//   with the body's kind and version and the target kind (strictDecodingError below).
// * Warn: the request goes on, and every error text becomes one response header
//     Warning: 299 - "unknown field \"spec.foo\""
//   (" and \ escaped with a backslash; identical texts sent once). A YAML error is first
//   split into its lines, trimmed, after dropping the "error converting YAML to JSON: yaml:
//   unmarshal errors:\n" (or "yaml: unmarshal errors:\n") prefix, so each repeated key is
//   its own warning: `299 - "line 5: key \"name\" already set in map"`
//   (warningHeaderValues below).
// * Ignore: no checks at all.
// * Patch (JSON patch, merge patch, strategic merge patch) with Strict: the patched object is
//   decoded strictly and failures are a 422 Invalid with an empty kind and name,
//     ` "" is invalid: patch: Invalid value: "<value>": strict decoding error: <e1>, <e2>`
//   (note the leading space), one cause of type FieldValueInvalid at field "patch"; the value
//   is the patched object's JSON for JSON and merge patches, and Go's %+v of the patch map for
//   strategic merge patches (strictPatchError). A merge patch is also checked for repeated
//   keys in the patch itself. With Warn the same texts become warnings. Server-side apply has
//   its own schema errors and is not covered here.

import { badRequest, invalid as invalidStatus, type StatusError } from '../errors.js';
import type { SchemaNode } from '../openapi/schema.js';
import { isObj } from './access.js';
import { fieldPath, parseJsonTree, type JsonNode } from './duplicate-fields.js';
import { invalid } from './field.js';

/** Definitions decoded as raw JSON, whose contents are never checked. */
const FREE_FORM = new Set([
  'io.k8s.apimachinery.pkg.runtime.RawExtension',
  'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1',
  'io.k8s.apimachinery.pkg.apis.meta.v1.Patch',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSON',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrArray',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrBool',
  'io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.v1.JSONSchemaPropsOrStringArray',
]);

const MAX_STRICT_ERRORS = 100;

function isFreeForm(schema: SchemaNode): boolean {
  return schema.isAny || (schema.definition !== undefined && FREE_FORM.has(schema.definition)) || schema.get('x-kubernetes-preserve-unknown-fields') === true;
}

/** How the decoder treats an object value at this schema. */
function objectShape(schema: SchemaNode): 'struct' | 'map' | 'raw' {
  if (isFreeForm(schema)) return 'raw';
  if (schema.properties) return 'struct';
  if (schema.values()) return 'map';
  // A declared object without properties or values is an empty struct: every key is unknown.
  return schema.type === 'object' ? 'struct' : 'raw';
}

/** Paths of the fields in `obj` that `schema` does not declare, in document order. */
export function unknownFields(obj: unknown, schema: SchemaNode): string[] {
  const out: string[] = [];
  const walk = (v: unknown, s: SchemaNode, path: string) => {
    if (Array.isArray(v)) {
      const items = s.items();
      if (items && !isFreeForm(s)) v.forEach((x, i) => walk(x, items, `${path}[${i}]`));
      return;
    }
    if (!isObj(v)) return;
    const shape = objectShape(s);
    if (shape === 'raw') return;
    for (const [k, x] of Object.entries(v)) {
      const p = fieldPath(path, k);
      const child = shape === 'struct' ? s.property(k) : s.values();
      if (!child) out.push(p);
      else walk(x, child, p);
    }
  };
  walk(obj, schema, '');
  return out;
}

/** Removes the fields `schema` does not declare, in place: what decoding into Kubernetes'
 *  typed objects does to them when the request does not ask for strict validation. */
export function pruneUnknownFields(obj: unknown, schema: SchemaNode): void {
  const walk = (v: unknown, s: SchemaNode) => {
    if (Array.isArray(v)) {
      const items = s.items();
      if (items && !isFreeForm(s)) for (const x of v) walk(x, items);
      return;
    }
    if (!isObj(v)) return;
    const shape = objectShape(s);
    if (shape === 'raw') return;
    for (const [k, x] of Object.entries(v)) {
      const child = shape === 'struct' ? s.property(k) : s.values();
      if (!child) delete (v as Record<string, unknown>)[k];
      else walk(x, child);
    }
  };
  walk(obj, schema);
}

function dedupe(texts: string[]): string[] {
  return [...new Set(texts)].slice(0, MAX_STRICT_ERRORS);
}

/** Strict errors of an already-decoded object (YAML or JSON without repeated keys). */
export function strictObjectErrors(obj: unknown, schema: SchemaNode): string[] {
  return dedupe(unknownFields(obj, schema).map((p) => `unknown field "${p}"`));
}

/**
 * Strict errors of a JSON body: unknown and repeated fields, in document order. A repeated
 * key the schema does not declare is reported as unknown each time, as Kubernetes does.
 */
export function strictJsonErrors(rawJson: string, schema: SchemaNode, decoded?: unknown): string[] {
  // The common case, checked cheaply: no key is repeated (the text has as many keys as the
  // decoded value) — then only unknown fields can be wrong.
  if (decoded !== undefined && countKeysInText(rawJson) === countKeys(decoded)) return strictObjectErrors(decoded, schema);
  const root = parseJsonTree(rawJson);
  const out: string[] = [];
  const walk = (n: JsonNode, s: SchemaNode | undefined, path: string) => {
    if (n.kind === 'array') {
      const items = s && !isFreeForm(s) ? s.items() : undefined;
      if (s && !items) return;
      n.items.forEach((x, i) => walk(x, items, `${path}[${i}]`));
      return;
    }
    if (n.kind !== 'object') return;
    // Without a schema (a schema-less container) only repeated keys are checked.
    const shape = s ? objectShape(s) : 'map';
    if (shape === 'raw') return;
    const seen = new Set<string>();
    for (const { key, value } of n.entries) {
      const p = fieldPath(path, key);
      const child = !s ? undefined : shape === 'struct' ? s.property(key) : s.values();
      if (s && !child) {
        out.push(`unknown field "${p}"`);
        continue;
      }
      if (seen.has(key)) out.push(`duplicate field "${p}"`);
      seen.add(key);
      walk(value, child, p);
    }
  };
  if (root) walk(root, schema, '');
  return dedupe(out);
}

/** Object keys in a JSON text: strings followed by a colon (values never are). */
function countKeysInText(text: string): number {
  return text.match(/"(?:[^"\\]|\\.)*"\s*:/g)?.length ?? 0;
}

function countKeys(v: unknown): number {
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countKeys(x), 0);
  if (!isObj(v)) return 0;
  let n = 0;
  for (const k in v) n += 1 + countKeys((v as Record<string, unknown>)[k]);
  return n;
}

/** runtime.StrictDecodingError's text. */
export function strictDecodingMessage(errors: readonly string[]): string {
  return `strict decoding error: ${errors.join(', ')}`;
}

/** The 400 a Strict create or update gets (transformDecodeError). */
export function strictDecodingError(bodyKind: string, bodyVersion: string, targetKind: string, errors: readonly string[]): StatusError {
  return bodyDecodeError(bodyKind, bodyVersion, targetKind, strictDecodingMessage(errors));
}

/** The 400 a create or update body gets when it does not decode into the kind. */
export function bodyDecodeError(bodyKind: string, bodyVersion: string, targetKind: string, message: string): StatusError {
  return badRequest(`${bodyKind} in version ${JSON.stringify(bodyVersion)} cannot be handled as a ${targetKind}: ${message}`);
}

/**
 * The 422 a Strict patch gets. `value` is the patched object's JSON (JSON and merge patch) or
 * goSprintV(patchMap) from go-value.ts (strategic merge patch).
 */
export function strictPatchError(value: string, errors: readonly string[]): StatusError {
  return patchDecodeError(value, strictDecodingMessage(errors));
}

/** The 422 a patch gets when its result does not decode into the kind. */
export function patchDecodeError(value: string, message: string): StatusError {
  return invalidStatus({ group: '', kind: '' }, '', [invalid('patch', value, message)]);
}

const YAML_PREFIXES = ['yaml: unmarshal errors:\n', 'error converting YAML to JSON: yaml: unmarshal errors:\n'];

/** One `Warning` header value per strict error text, as the Warn directive sends them. */
export function warningHeaderValues(errors: readonly string[]): string[] {
  const texts: string[] = [];
  for (const e of errors) {
    const prefix = YAML_PREFIXES.find((p) => e.startsWith(p));
    if (prefix === undefined) texts.push(e);
    else texts.push(...e.slice(prefix.length).split('\n').map((s) => s.trim()));
  }
  return [...new Set(texts)].map((t) => `299 - "${t.replace(/["\\]/g, (c) => `\\${c}`)}"`);
}

const FIELD_VALIDATION_VALUES = ['', 'Ignore', 'Strict', 'Warn'];

export type FieldValidationDirective = 'Strict' | 'Warn' | 'Ignore';

/**
 * The directive a request asked for (absent: Warn), or the 422 Kubernetes answers an unknown
 * value with; `options` is "CreateOptions", "UpdateOptions" or "PatchOptions".
 */
export function fieldValidationDirective(value: string | undefined, options: string): FieldValidationDirective | StatusError {
  const v = value ?? '';
  if (!FIELD_VALIDATION_VALUES.includes(v)) {
    return invalidStatus({ group: 'meta.k8s.io', kind: options }, '', [
      { type: 'FieldValueNotSupported', field: 'fieldValidation', value: v, detail: `supported values: ${FIELD_VALIDATION_VALUES.map((x) => JSON.stringify(x)).join(', ')}` },
    ]);
  }
  return v === '' ? 'Warn' : (v as FieldValidationDirective);
}
