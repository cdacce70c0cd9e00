// StatusError is the one error type the API layer throws for a request that fails as
// Kubernetes would fail it: it carries the HTTP code, the reason and the details that reach
// the client as a meta/v1 Status. Anything else that escapes a handler is a 500.

import { goQuote, goStringSlice } from './labels/go-format.js';
import type { ListMeta, Status, StatusCause, StatusDetails } from './meta.js';

/** A group and resource, as Kubernetes names it in messages: "deployments.apps", "pods". */
export interface GroupResource {
  readonly group: string;
  readonly resource: string;
}

export function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

export class StatusError extends Error {
  override name = 'StatusError';
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: StatusDetails,
    /** List metadata some errors carry (a 410's continue token). */
    readonly listMeta?: ListMeta,
  ) {
    super(message);
  }

  toStatus(): Status {
    const status: Status = {
      kind: 'Status',
      apiVersion: 'v1',
      metadata: this.listMeta ?? {},
      status: 'Failure',
      message: this.message,
      reason: this.reason,
      code: this.code,
    };
    if (this.details) status.details = this.details;
    return status;
  }
}

function grDetails(gr: GroupResource, name: string): StatusDetails {
  const d: StatusDetails = { name, kind: gr.resource };
  if (gr.group) d.group = gr.group;
  return d;
}

export function notFound(gr: GroupResource, name: string): StatusError {
  return new StatusError(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, grDetails(gr, name));
}

export function alreadyExists(gr: GroupResource, name: string): StatusError {
  return new StatusError(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, grDetails(gr, name));
}

export function conflict(gr: GroupResource, name: string, why: string): StatusError {
  return new StatusError(
    409,
    'Conflict',
    `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${why}`,
    grDetails(gr, name),
  );
}

export const MODIFIED_CONFLICT = 'the object has been modified; please apply your changes to the latest version and try again';

/** One invalid field, as Kubernetes' field.Error reports it. */
export interface FieldError {
  /** e.g. 'FieldValueRequired', 'FieldValueInvalid'. */
  readonly type: FieldErrorType;
  readonly field: string;
  /** The offending value, quoted into the message for Invalid/NotSupported/Duplicate. */
  readonly value?: unknown;
  readonly detail?: string;
}

export type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueDuplicate'
  | 'FieldValueForbidden'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'FieldValueNotFound'
  | 'InternalError';

const FIELD_ERROR_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueForbidden: 'Forbidden',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  FieldValueNotFound: 'Not found',
  InternalError: 'Internal error',
};

// Go's ErrorBody prints the value for every type but these four.
const VALUE_OMITTED = new Set<FieldErrorType>(['FieldValueRequired', 'FieldValueForbidden', 'FieldValueTooLong', 'InternalError']);

/**
 * A value already printed the way Go prints it inside a field error: a Stringer's text
 * (a Quantity's "500m", an IntOrString's "25%", a *LabelSelector's "&LabelSelector{...}")
 * or a %#v literal ("map[string]string(nil)", "rbac.RoleRef{...}"). Plain JS values are
 * formatted by fieldErrorBody; this is for values whose Go type decides the text.
 */
export class GoValue {
  constructor(readonly text: string) {}
  toJSON(): string {
    return this.text;
  }
  toString(): string {
    return this.text;
  }
}

export function goValue(text: string): GoValue {
  return new GoValue(text);
}

function isStringRecord(v: object): v is Record<string, string> {
  return Object.values(v).every((x) => typeof x === 'string');
}

/**
 * A field error's value as Go prints it: strings quoted by strconv.Quote, numbers and
 * booleans bare, nil as "null", a []string and a map[string]string as their %#v literals.
 * Anything else has a Go type only the caller knows; it should arrive as a GoValue, and
 * falls back to JSON otherwise.
 */
function formatValue(v: unknown): string {
  if (v instanceof GoValue) return v.text;
  if (typeof v === 'string') return goQuote(v);
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return goStringSlice(v as string[]);
  if (typeof v === 'object' && !Array.isArray(v) && isStringRecord(v)) {
    const entries = Object.keys(v)
      .sort()
      .map((k) => `${goQuote(k)}:${goQuote(v[k]!)}`);
    return `map[string]string{${entries.join(', ')}}`;
  }
  return JSON.stringify(v);
}

/** The text after "field: ", e.g. `Invalid value: "Foo": must be lowercase`. */
export function fieldErrorBody(e: FieldError): string {
  let s = FIELD_ERROR_TEXT[e.type];
  if (!VALUE_OMITTED.has(e.type)) s += `: ${formatValue(e.value)}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

/** field.Error.Error(): "path: body", with the separator even when the path is empty. */
export function fieldErrorString(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** 422 Invalid: `Kind.group "name" is invalid: <errors>` with one cause per field error. */
export function invalid(kind: { group: string; kind: string }, name: string, errors: readonly FieldError[]): StatusError {
  const qualifiedKind = kind.group ? `${kind.kind}.${kind.group}` : kind.kind;
  // ToAggregate drops repeated messages; the causes keep every error.
  const list = [...new Set(errors.map(fieldErrorString))];
  const summary = list.length === 0 ? '' : list.length === 1 ? `: ${list[0]}` : `: [${list.join(', ')}]`;
  const causes: StatusCause[] = errors.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field }));
  const details: StatusDetails = { name, kind: kind.kind, causes };
  if (kind.group) details.group = kind.group;
  return new StatusError(422, 'Invalid', `${qualifiedKind} ${goQuote(name)} is invalid${summary}`, details);
}

export function badRequest(message: string): StatusError {
  return new StatusError(400, 'BadRequest', message);
}

export function methodNotAllowed(): StatusError {
  return new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource');
}

/** 410 with reason Expired: a resourceVersion or continue token that is too old. */
export function expired(message: string): StatusError {
  return new StatusError(410, 'Expired', message);
}

export function gone(message: string): StatusError {
  return new StatusError(410, 'Gone', message);
}

export function unsupportedMediaType(accepted: readonly string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${accepted.join(', ')}`,
  );
}

export function notAcceptable(accepted: readonly string[]): StatusError {
  return new StatusError(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function requestEntityTooLarge(limit: number): StatusError {
  return new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limit}`);
}

export function forbidden(gr: GroupResource, name: string, why: string): StatusError {
  const what = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  return new StatusError(403, 'Forbidden', `${what} is forbidden: ${why}`, grDetails(gr, name));
}

export function internalError(err: unknown): StatusError {
  const why = err instanceof Error ? err.message : String(err);
  return new StatusError(500, 'InternalError', `Internal error occurred: ${why}`, { causes: [{ message: why }] });
}

export function timeout(message: string): StatusError {
  return new StatusError(504, 'Timeout', message);
}

export function serviceUnavailable(message: string): StatusError {
  return new StatusError(503, 'ServiceUnavailable', message);
}

export function tooManyRequests(message: string, retryAfterSeconds: number): StatusError {
  return new StatusError(429, 'TooManyRequests', message, { retryAfterSeconds });
}
