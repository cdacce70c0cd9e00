// How defaulting reads and writes loosely typed JSON the way Kubernetes' Go code sees the same
// object after decoding: a missing or null field is Go's nil or zero value, and '' / 0 / false
// are zero values too, so "unset" depends on whether Go holds the field as a pointer or as a
// plain value. Every helper leaves a field of the wrong JSON type alone — Kubernetes would have
// refused to decode it, and validation reports it — so defaulting never throws.

import { isPlainObject } from '../meta.js';

export type Obj = Record<string, unknown>;

export const isObj = isPlainObject;

/** Absent or null: Go's nil pointer, slice or map. */
export function isNil(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

/**
 * A field Go holds as a plain struct (never nil): the object at key, created when absent or
 * null. undefined when the field holds something that is not an object.
 */
export function struct(parent: Obj, key: string): Obj | undefined {
  const v = parent[key];
  if (isNil(v)) {
    const created: Obj = {};
    parent[key] = created;
    return created;
  }
  return isObj(v) ? v : undefined;
}

/** A field Go holds as a pointer to a struct: the object at key, or undefined when it is nil. */
export function pointer(parent: Obj, key: string): Obj | undefined {
  const v = parent[key];
  return isObj(v) ? v : undefined;
}

/** The objects of the array at key (other elements and non-arrays are skipped). */
export function items(parent: Obj, key: string): Obj[] {
  const v = parent[key];
  return Array.isArray(v) ? v.filter(isObj) : [];
}

/** A plain Go string: set when absent, null or ''. */
export function defaultString(o: Obj, key: string, value: string): void {
  const v = o[key];
  if (isNil(v) || v === '') o[key] = value;
}

/** A plain Go integer: set when absent, null or 0. */
export function defaultInt(o: Obj, key: string, value: number): void {
  const v = o[key];
  if (isNil(v) || v === 0) o[key] = value;
}

/** A Go pointer (or slice/map defaulted on nil): set when absent or null. Objects are copied. */
export function defaultPointer(o: Obj, key: string, value: unknown): void {
  if (isNil(o[key])) o[key] = typeof value === 'object' && value !== null ? structuredClone(value) : value;
}

/** A non-empty JSON object (a Go map with entries). */
export function nonEmptyObj(v: unknown): v is Obj {
  return isObj(v) && Object.keys(v).length > 0;
}

/** len(x) for a Go string, slice or map held in JSON; 0 for anything else. */
export function goLen(v: unknown): number {
  if (typeof v === 'string' || Array.isArray(v)) return v.length;
  if (isObj(v)) return Object.keys(v).length;
  return 0;
}

/** The string at key, or '' when absent or of another type (Go's zero string). */
export function str(o: Obj, key: string): string {
  const v = o[key];
  return typeof v === 'string' ? v : '';
}

/**
 * The metadata of an object embedded in another (a pod template, a job template, a claim
 * template): Go holds it as a plain ObjectMeta, whose zero creationTimestamp it writes as null.
 */
export function embeddedMeta(parent: Obj): Obj | undefined {
  const meta = struct(parent, 'metadata');
  if (meta && meta.creationTimestamp === undefined) meta.creationTimestamp = null;
  return meta;
}

/** A Go string field holding its zero value: absent, null or ''. False for other types. */
export function emptyString(v: unknown): boolean {
  return isNil(v) || v === '';
}

/** A Go slice or map field holding no entries: absent, null, [] or {}. False for other types. */
export function emptyCollection(v: unknown): boolean {
  return isNil(v) || ((Array.isArray(v) || isObj(v)) && goLen(v) === 0);
}
