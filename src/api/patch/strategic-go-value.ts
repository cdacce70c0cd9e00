// Decoded JSON as the apiserver's Go code sees it while applying a strategic merge patch.
// The outcome depends on Go semantics in four places, so kite reproduces them here:
//   - the dynamic type of a value (two values merge only when their types are equal, and
//     the apiserver decodes integers as int64 and other numbers as float64);
//   - == between interface values (merge keys, list items), which panics for two maps or
//     two lists;
//   - using a value as a map key, which panics for maps and lists;
//   - fmt's %v and %s, which error messages use to quote maps and lists.
// A Go runtime panic is thrown as GoPanic; the caller turns it into the apiserver's 500.

import type { Json } from '../meta.js';
import { isJsonObject } from './json-value.js';

export type GoTypeName = 'map[string]interface {}' | '[]interface {}' | 'string' | 'int64' | 'float64' | 'bool' | 'nil';

export const GO_MAP: GoTypeName = 'map[string]interface {}';
export const GO_SLICE: GoTypeName = '[]interface {}';

/** A Go runtime panic, with the runtime's text. */
export class GoPanic extends Error {
  override name = 'GoPanic';
}

const INT64_LIMIT = 2 ** 63;

/** reflect.TypeOf(v).String() for a decoded value; 'nil' for JSON null. */
export function goTypeOf(v: Json | undefined): GoTypeName {
  if (v === null || v === undefined) return 'nil';
  if (Array.isArray(v)) return GO_SLICE;
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'number':
      // The patch decoder keeps integer literals as int64; JSON.parse has dropped the
      // difference between 1 and 1.0, so integral values count as integers.
      return Number.isInteger(v) && Math.abs(v) < INT64_LIMIT ? 'int64' : 'float64';
    default:
      return GO_MAP;
  }
}

/** %s of a reflect.Type, as in "expected a %s, but received a %s": a nil type prints oddly. */
export function goTypeString(v: Json | undefined): string {
  const t = goTypeOf(v);
  return t === 'nil' ? '%!s(<nil>)' : t;
}

function uncomparable(t: GoTypeName): GoPanic {
  return new GoPanic(`runtime error: comparing uncomparable type ${t}`);
}

/** a == b for two interface{} values. */
export function goEqual(a: Json | undefined, b: Json | undefined): boolean {
  const ta = goTypeOf(a);
  if (ta !== goTypeOf(b)) return false;
  if (ta === GO_MAP || ta === GO_SLICE) throw uncomparable(ta);
  if (ta === 'nil') return true;
  return a === b;
}

/** A string that identifies v as a Go map key would; maps and lists cannot be keys. */
export function goHashKey(v: Json | undefined): string {
  const t = goTypeOf(v);
  if (t === GO_MAP || t === GO_SLICE) throw new GoPanic(`runtime error: hash of unhashable type ${t}`);
  return t === 'nil' ? 'nil' : `${t}:${String(v)}`;
}

/** The key goHashKey gives a string. */
export function goStringKey(s: string): string {
  return `string:${s}`;
}

/** strconv.FormatFloat(f, 'g', -1, 64), which %v uses for float64. */
function goFloat(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (!Number.isFinite(f)) return f > 0 ? '+Inf' : '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  // toExponential() gives the shortest digits that round-trip, as Go's -1 precision does.
  const [mantissa, exp] = f.toExponential().split('e') as [string, string];
  const e = Number(exp);
  // With the shortest precision Go picks the exponent form below 1e-4 and from 1e+06 on.
  if (e < -4 || e >= 6) return `${mantissa}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return String(f);
}

function goNumber(n: number): string {
  return goTypeOf(n) === 'int64' ? String(n) : goFloat(n);
}

/** Sorts map keys as fmt does: by bytes of their UTF-8 encoding. */
function sortedKeys(o: { [key: string]: Json }): string[] {
  return Object.keys(o).sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
}

function format(v: Json | undefined, verb: 'v' | 's', depth: number): string {
  if (v === null || v === undefined) {
    // A nil inside a map or list is printed the same whatever the verb.
    return depth > 0 || verb === 'v' ? '<nil>' : '%!s(<nil>)';
  }
  if (Array.isArray(v)) return `[${v.map((e) => format(e, verb, depth + 1)).join(' ')}]`;
  if (isJsonObject(v)) {
    return `map[${sortedKeys(v)
      .map((k) => `${k}:${format(v[k], verb, depth + 1)}`)
      .join(' ')}]`;
  }
  if (typeof v === 'string') return v;
  const text = typeof v === 'number' ? goNumber(v) : String(v);
  return verb === 'v' ? text : `%!s(${goTypeOf(v)}=${text})`;
}

/** fmt.Sprintf("%v", v). Also what %+v prints for decoded JSON. */
export function goFormatV(v: Json | undefined): string {
  return format(v, 'v', 0);
}

/** fmt.Sprintf("%s", v), with Go's %!s(type=value) for what is not a string. */
export function goFormatS(v: Json | undefined): string {
  return format(v, 's', 0);
}
