// Field errors as Kubernetes' field package builds them: one constructor per error type, the
// same details, and paths printed the way field.Path prints them ("spec.containers[0].name",
// map keys as "[key]"). Validators build their errors only through these, so every message
// kite returns has the shape a Kubernetes client parses.

import type { FieldError } from '../errors.js';
import { goQuote } from '../labels/index.js';

/** field.Path.Child: "a.b", or just "b" at the root. */
export function child(path: string, ...names: string[]): string {
  let p = path;
  for (const n of names) p = p ? `${p}.${n}` : n;
  return p;
}

/** field.Path.Index: "a[0]". */
export function index(path: string, i: number): string {
  return `${path}[${i}]`;
}

/** field.Path.Key: "a[key]", the key unquoted. */
export function key(path: string, k: string): string {
  return `${path}[${k}]`;
}

export function required(field: string, detail = ''): FieldError {
  return { type: 'FieldValueRequired', field, value: '', detail };
}

export function invalid(field: string, value: unknown, detail: string): FieldError {
  return { type: 'FieldValueInvalid', field, value, detail };
}

/** "Unsupported value: v: supported values: "a", "b"" (nothing after the value when none are given). */
export function notSupported(field: string, value: unknown, valid: readonly string[]): FieldError {
  const detail = valid.length > 0 ? `supported values: ${valid.map(goQuote).join(', ')}` : '';
  return { type: 'FieldValueNotSupported', field, value, detail };
}

export function forbidden(field: string, detail: string): FieldError {
  return { type: 'FieldValueForbidden', field, value: '', detail };
}

export function duplicate(field: string, value: unknown): FieldError {
  return { type: 'FieldValueDuplicate', field, value, detail: '' };
}

export function notFound(field: string, value: unknown): FieldError {
  return { type: 'FieldValueNotFound', field, value, detail: '' };
}

/** TooLong as Kubernetes 1.32 words it; the value is never shown. */
export function tooLong(field: string, maxLength: number): FieldError {
  const detail = maxLength >= 0 ? `may not be more than ${maxLength} ${maxLength === 1 ? 'byte' : 'bytes'}` : 'value is too long';
  return { type: 'FieldValueTooLong', field, value: '<value omitted>', detail };
}

export function tooMany(field: string, actual: number, max: number): FieldError {
  return { type: 'FieldValueTooMany', field, value: actual, detail: `must have at most ${max} items` };
}

export function internalError(field: string, detail: string): FieldError {
  return { type: 'InternalError', field, value: null, detail };
}

/** Attaches an explicit detail, as Kubernetes does by assigning Error.Detail after construction. */
export function withDetail(e: FieldError, detail: string): FieldError {
  return { ...e, detail };
}

export const IS_NEGATIVE_ERROR_MSG = 'must be greater than or equal to 0';
export const FIELD_IMMUTABLE_ERROR_MSG = 'field is immutable';
export const IS_NOT_POSITIVE_ERROR_MSG = 'must be greater than zero';
export const IS_NOT_INTEGER_ERROR_MSG = 'must be an integer';

/** ValidateNonnegativeField. */
export function nonNegative(value: number, field: string): FieldError[] {
  return value < 0 ? [invalid(field, value, IS_NEGATIVE_ERROR_MSG)] : [];
}
