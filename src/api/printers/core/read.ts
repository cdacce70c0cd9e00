// Guards the core printers read loosely typed objects through. Each returns the value Go's
// decoder would have produced for a missing field (zero values, empty lists) when a field is
// absent or has the wrong JSON type, so odd input prints blanks instead of throwing.

import { isPlainObject } from '../../meta.js';

/** v if it is a string, else ''. */
export function text(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/** v as an integer if it is a finite number, else 0. */
export function int(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? Math.trunc(v) : 0;
}

/** True when a JSON object sits at v: how Go tells a set pointer field from a nil one. */
export function present(v: unknown): boolean {
  return isPlainObject(v);
}

/** The object elements of v if it is an array, else []. */
export function records<T extends object>(v: readonly T[] | undefined): T[] {
  return Array.isArray(v) ? v.filter((e): e is T => isPlainObject(e)) : [];
}

/** The string elements of v if it is an array, else []. */
export function strings(v: readonly string[] | undefined): string[] {
  return Array.isArray(v) ? v.filter((e): e is string => typeof e === 'string') : [];
}

/** The number of keys of v if it is a JSON object, else 0. */
export function size(v: unknown): number {
  return isPlainObject(v) ? Object.keys(v).length : 0;
}

/** The value under key if v is a JSON object, else undefined. */
export function entry(v: unknown, key: string): unknown {
  return isPlainObject(v) && Object.hasOwn(v, key) ? v[key] : undefined;
}

/** The value at a path of keys below v, or undefined where the path leaves JSON objects. */
export function path(v: unknown, ...keys: string[]): unknown {
  let at = v;
  for (const key of keys) at = entry(at, key);
  return at;
}

/** v's string-valued entries if it is a JSON object, else {}. */
export function stringMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isPlainObject(v)) return out;
  for (const [k, val] of Object.entries(v)) if (typeof val === 'string') out[k] = val;
  return out;
}

/** An RFC 3339 timestamp as milliseconds since the epoch; undefined when unset or unreadable,
 *  which the printers treat as Go's zero time. */
export function instant(v: unknown): number | undefined {
  if (typeof v !== 'string' || v === '') return undefined;
  const t = Date.parse(v);
  return Number.isNaN(t) ? undefined : t;
}

/** A resource quantity cell (capacity, quota usage). Stored quantities are already in canonical
 *  form, so the stored string is printed; an absent quantity prints as zero, as in Go. */
export function quantity(v: unknown): string {
  if (typeof v === 'string' && v !== '') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return '0';
}
