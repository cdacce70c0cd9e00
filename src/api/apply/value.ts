// JSON values as structured-merge-diff sees them: its equality (numbers compare numerically,
// object key order is irrelevant), its total order (numbers < strings < booleans < lists <
// maps < null, used to sort set elements and list-map keys in FieldsV1), Go's JSON encoding
// (sorted object keys, <, > and & escaped: the bytes inside `k:` and `v:` keys and the
// last-applied annotation), and value.ToString (the text of keys in field paths such as
// `[name="nginx"]`). Everything here is pure and allocation-light: it runs on every write.

import { goQuote } from '../labels/go-format.js';

export type JsonMap = Record<string, unknown>;

export function isMap(v: unknown): v is JsonMap {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Number of defined entries of a JSON object (undefined members are not there for JSON). */
export function mapSize(m: JsonMap): number {
  let n = 0;
  for (const k in m) if (m[k] !== undefined) n++;
  return n;
}

/** SMD's value.Equals: structural, numbers by value, object key order ignored. */
export function valueEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!valueEquals(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const am = a as JsonMap;
  const bm = b as JsonMap;
  let count = 0;
  for (const k in am) {
    if (am[k] === undefined) continue;
    count++;
    if (!Object.hasOwn(bm, k) || !valueEquals(am[k], bm[k])) return false;
  }
  return count === mapSize(bm);
}

/**
 * Go's strings.Compare: byte order of the UTF-8 encodings, which is code point order. JavaScript
 * compares UTF-16 code units, which differs only between surrogates and U+E000..U+FFFF.
 */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x >= 0xd800 && y >= 0xd800) {
      x = x >= 0xe000 ? x - 0x800 : x + 0x2000;
      y = y >= 0xe000 ? y - 0x800 : y + 0x2000;
    }
    return x < y ? -1 : 1;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
}

function rank(v: unknown): number {
  if (typeof v === 'number') return 0;
  if (typeof v === 'string') return 1;
  if (typeof v === 'boolean') return 2;
  if (Array.isArray(v)) return 3;
  if (isMap(v)) return 4;
  return 5; // null (and anything else)
}

/** SMD's value.Compare: a total order over JSON values. */
export function valueCompare(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (ra) {
    case 0:
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case 1:
      return compareStrings(a as string, b as string);
    case 2:
      return a === b ? 0 : a ? 1 : -1;
    case 3: {
      const la = a as unknown[];
      const lb = b as unknown[];
      for (let i = 0; i < la.length && i < lb.length; i++) {
        const c = valueCompare(la[i], lb[i]);
        if (c !== 0) return c;
      }
      return la.length === lb.length ? 0 : la.length < lb.length ? -1 : 1;
    }
    case 4: {
      // Maps compare as their sorted (key, value) lists.
      const ma = a as JsonMap;
      const mb = b as JsonMap;
      const ka = Object.keys(ma).filter((k) => ma[k] !== undefined).sort(compareStrings);
      const kb = Object.keys(mb).filter((k) => mb[k] !== undefined).sort(compareStrings);
      for (let i = 0; i < ka.length && i < kb.length; i++) {
        const c = compareStrings(ka[i]!, kb[i]!) || valueCompare(ma[ka[i]!], mb[kb[i]!]);
        if (c !== 0) return c;
      }
      return ka.length === kb.length ? 0 : ka.length < kb.length ? -1 : 1;
    }
    default:
      return 0;
  }
}

const HTML_UNSAFE = /[<>&\u2028\u2029]/g;

// Strings that JSON.stringify and Go write the same way with no escaping at all.
const PLAIN = /^[^"\\<>&\u0000-\u001f\u007f-\uffff]*$/;

function goString(s: string): string {
  if (PLAIN.test(s)) return '"' + s + '"';
  const j = JSON.stringify(s);
  return HTML_UNSAFE.test(j) ? j.replace(HTML_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`) : j;
}

/** JSON as Go's encoding/json writes an unstructured value: compact, map keys sorted, HTML-safe. */
export function goJson(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return goString(v);
    case 'number':
      return Number.isFinite(v) ? JSON.stringify(v) : 'null';
    case 'boolean':
      return v ? 'true' : 'false';
  }
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  if (isMap(v)) {
    const keys = Object.keys(v).filter((k) => v[k] !== undefined).sort(compareStrings);
    return `{${keys.map((k) => `${goString(k)}:${goJson(v[k])}`).join(',')}}`;
  }
  return 'null';
}

/** Go's %v of a number decoded from JSON: integers as int64, the rest as float64 (%g-like). */
function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  // %v of a float64 is strconv's shortest %g: exponent form when the decimal exponent is below
  // -4 or at least 6, written with at least two exponent digits.
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-4 || abs >= 1e6)) {
    const [m, e] = n.toExponential().split('e') as [string, string];
    const sign = e.startsWith('-') ? '-' : '+';
    const digits = e.replace(/^[-+]/, '');
    return `${m}e${sign}${digits.padStart(2, '0')}`;
  }
  return String(n);
}

/** SMD's value.ToString: how keys and set values print inside field paths. */
export function valueString(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'string') return goQuote(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(valueString).join(',')}]`;
  if (isMap(v)) {
    return Object.keys(v)
      .filter((k) => v[k] !== undefined)
      .map((k) => `${k}=${valueString(v[k])}`)
      .join('');
  }
  return '{{undefined}}';
}

/** A deep copy of a JSON value (undefined members dropped). */
export function cloneValue<T>(v: T): T {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) return v.map(cloneValue) as T;
  const out: JsonMap = {};
  for (const k in v as JsonMap) {
    const x = (v as JsonMap)[k];
    if (x !== undefined) out[k] = cloneValue(x);
  }
  return out as T;
}
