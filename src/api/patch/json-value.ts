// Small operations on parsed JSON values that the patchers share: deep copies, own-property
// access that a "__proto__" or "constructor" key cannot subvert, and the type names and byte
// sizes Go's encoding/json would report for a value.

import type { Json } from '../meta.js';

export type JsonObject = { [key: string]: Json };

export function isJsonObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function hasOwn(o: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, key);
}

/** The own value at `key`, or undefined; never an inherited member. */
export function getOwn(o: JsonObject, key: string): Json | undefined {
  return hasOwn(o, key) ? o[key] : undefined;
}

/** Sets an own data property; a plain assignment to "__proto__" would swap the prototype. */
export function setOwn(o: JsonObject, key: string, value: Json): void {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true });
  else o[key] = value;
}

/**
 * A deep copy sharing nothing with `v`; with `dropNulls`, null members and null array
 * elements are left out at every depth. Iterative, so nesting depth is not bounded by the
 * call stack.
 */
export function cloneJson(v: Json, dropNulls = false): Json {
  if (v === null || typeof v !== 'object') return v;
  const root: Json = Array.isArray(v) ? [] : {};
  const work: [Json[] | JsonObject, Json[] | JsonObject][] = [[v, root]];
  const copy = (x: Json): Json => {
    if (x === null || typeof x !== 'object') return x;
    const out: Json = Array.isArray(x) ? [] : {};
    work.push([x, out]);
    return out;
  };
  while (work.length > 0) {
    const [src, dst] = work.pop()!;
    if (Array.isArray(src)) {
      const out = dst as Json[];
      for (const e of src) if (!(dropNulls && e === null)) out.push(copy(e));
    } else {
      const out = dst as JsonObject;
      for (const k of Object.keys(src)) {
        const e = src[k]!;
        if (!(dropNulls && e === null)) setOwn(out, k, copy(e));
      }
    }
  }
  return root;
}

/** The JSON kind Go names in "json: cannot unmarshal <kind> into ...". */
export function goKind(v: Json): 'object' | 'array' | 'string' | 'number' | 'bool' | 'null' {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  switch (typeof v) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'bool';
    default:
      return 'object';
  }
}

/** Bytes Go's json.Marshal would write for `v`: it also escapes <, >, & and U+2028/U+2029. */
export function goJsonSize(v: Json): number {
  const s = JSON.stringify(v);
  let extra = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x3c || c === 0x3e || c === 0x26) extra += 5;
    else if (c === 0x2028 || c === 0x2029) extra += 3;
  }
  return Buffer.byteLength(s, 'utf8') + extra;
}
