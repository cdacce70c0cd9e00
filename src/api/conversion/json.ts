// Small JSON helpers the converters share: reading loosely typed input the way Go's decoder
// does, and writing objects the way Go's encoder does, so converted objects and the JSON kept
// in annotations look as they would coming from Kubernetes.

import { isPlainObject } from '../meta.js';

export type JsonObject = Record<string, unknown>;

/** v if it is a JSON object, else undefined (Go's nil pointer). */
export function object(v: unknown): JsonObject | undefined {
  return isPlainObject(v) ? v : undefined;
}

/** The JSON objects in v if it is an array, else []. */
export function objects(v: unknown): JsonObject[] {
  return Array.isArray(v) ? v.filter(isPlainObject) : [];
}

/** v if it is a string, else ''. */
export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** v when set (neither undefined nor null), else undefined. */
export function set(v: unknown): unknown {
  return v === null ? undefined : v;
}

/** A copy of o without its undefined entries, keeping key order: what Go's omitempty leaves. */
export function defined(o: JsonObject): JsonObject {
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out;
}

/** o[key] as Go's decoder finds a struct field: an exact key first, else any key equal to it
 *  ignoring case. */
export function field(o: JsonObject | undefined, key: string): unknown {
  if (!o) return undefined;
  if (Object.hasOwn(o, key)) return o[key];
  const lower = key.toLowerCase();
  for (const k of Object.keys(o)) if (k.toLowerCase() === lower) return o[k];
  return undefined;
}

/** JSON text as Go's json.Marshal writes it: compact, with <, >, & and the line separators
 *  escaped. */
export function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The value JSON text encodes, or undefined when it is not JSON. */
export function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
