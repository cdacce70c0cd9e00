// One step of a field path, in the four forms structured-merge-diff knows, and its FieldsV1
// spelling, which is also the identity kite uses for it everywhere (two path elements are equal
// exactly when their serializations are):
//   f:<name>          a field of a struct or a key of a map
//   k:<json object>   an element of an associative list, by its key fields (sorted by name)
//   v:<json value>    an element of a set, by its value
//   i:<index>         an element of an atomic list, by position
// Also the order SMD sorts path elements in (fields, then keys, then values, then indices; each
// by its content), which fixes the order of keys in FieldsV1, and the human form used in
// conflict messages: `.name`, `[name="nginx",port=80]`, `[="a"]`, `[0]`.

import { compareStrings, goJson, isMap, valueCompare, valueString } from './value.js';

export type PathElement =
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'key'; readonly fields: readonly (readonly [string, unknown])[] }
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'index'; readonly index: number };

/** A path element in FieldsV1 form. */
export type PathKey = string;

export class PathElementError extends Error {
  override name = 'PathElementError';
}

export function fieldKey(name: string): PathKey {
  return 'f:' + name;
}

export function indexKey(index: number): PathKey {
  return 'i:' + index;
}

export function valueKey(value: unknown): PathKey {
  return 'v:' + goJson(value);
}

/** `k:` key of the given key fields; they need not be sorted. */
export function keyKey(fields: Iterable<readonly [string, unknown]>): PathKey {
  const sorted = [...fields].sort((a, b) => compareStrings(a[0], b[0]));
  let out = 'k:{';
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) out += ',';
    out += goJson(sorted[i]![0]) + ':' + goJson(sorted[i]![1]);
  }
  return out + '}';
}

export function serializePathElement(pe: PathElement): PathKey {
  switch (pe.kind) {
    case 'field':
      return fieldKey(pe.name);
    case 'key':
      return keyKey(pe.fields);
    case 'value':
      return valueKey(pe.value);
    case 'index':
      return indexKey(pe.index);
  }
}

/**
 * Parses a FieldsV1 key. Returns undefined for a key of an unknown kind (SMD skips those: a
 * newer server may know them) and throws PathElementError for a malformed one.
 */
export function parsePathElement(s: string): PathElement | undefined {
  if (s.length < 2) throw new PathElementError('key must be 2 characters long:');
  if (s[1] !== ':') throw new PathElementError(`missing colon: ${s}`);
  const body = s.slice(2);
  switch (s[0]) {
    case 'f':
      return { kind: 'field', name: body };
    case 'v':
      return { kind: 'value', value: parseJson(body) };
    case 'k': {
      const obj = parseJson(body);
      if (!isMap(obj)) throw new PathElementError(`expected an object of key fields: ${s}`);
      const fields = Object.keys(obj)
        .sort(compareStrings)
        .map((k) => [k, obj[k]] as const);
      return { kind: 'key', fields };
    }
    case 'i': {
      if (!/^[-+]?\d+$/.test(body)) throw new PathElementError(`strconv.Atoi: parsing ${JSON.stringify(body)}: invalid syntax`);
      return { kind: 'index', index: Number(body) };
    }
    default:
      return undefined;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new PathElementError((err as Error).message);
  }
}

/**
 * The canonical key of a FieldsV1 key as a client may have written it (key fields in any order,
 * numbers as 80.0), or undefined for unknown kinds. Throws PathElementError when malformed.
 */
export function canonicalKey(s: string): PathKey | undefined {
  // Field keys are canonical as written.
  if (s.charCodeAt(0) === 0x66 /* f */ && s.charCodeAt(1) === 0x3a) return s;
  const cached = canonicalCache.get(s);
  if (cached !== undefined) return cached;
  const pe = parsePathElement(s);
  const key = pe ? serializePathElement(pe) : undefined;
  remember(canonicalCache, s, key);
  if (pe && key !== undefined) remember(parsedCache, key, pe);
  return key;
}

// Keys of list elements repeat across objects (`k:{"name":"nginx"}` in every pod); parsing
// them once keeps decoding and sorting FieldsV1 cheap. Bounded: cleared when full.
const CACHE_LIMIT = 20000;
const canonicalCache = new Map<string, PathKey | undefined>();
const parsedCache = new Map<PathKey, PathElement>();

function remember<K, V>(cache: Map<K, V>, k: K, v: V): void {
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(k, v);
}

/** The parsed form of a canonical key (cached). */
export function parsedKey(key: PathKey): PathElement | undefined {
  let pe = parsedCache.get(key);
  if (!pe) {
    pe = parsePathElement(key);
    if (pe) remember(parsedCache, key, pe);
  }
  return pe;
}

const KIND_RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** The order of path elements, for keys whose parsed forms are at hand. */
export function comparePathElements(a: PathElement, b: PathElement): number {
  const ra = KIND_RANK[a.kind[0]!]!;
  const rb = KIND_RANK[b.kind[0]!]!;
  if (ra !== rb) return ra < rb ? -1 : 1;
  switch (a.kind) {
    case 'field':
      return compareStrings(a.name, (b as { name: string }).name);
    case 'index':
      return a.index - (b as { index: number }).index;
    case 'value':
      return valueCompare(a.value, (b as { value: unknown }).value);
    case 'key': {
      const fb = (b as { fields: readonly (readonly [string, unknown])[] }).fields;
      for (let i = 0; i < a.fields.length && i < fb.length; i++) {
        const c = compareStrings(a.fields[i]![0], fb[i]![0]) || valueCompare(a.fields[i]![1], fb[i]![1]);
        if (c !== 0) return c;
      }
      return a.fields.length - fb.length;
    }
  }
}

const HIGH = /[\ud800-\uffff]/;

/** Sorts FieldsV1 keys in SMD order. Field keys (the common case) compare without parsing. */
export function sortKeys(keys: PathKey[]): PathKey[] {
  if (keys.length < 2) return keys;
  let simple = true;
  let native = true;
  for (const k of keys) {
    if (k.charCodeAt(0) !== 0x66 /* f */) {
      simple = false;
      break;
    }
    if (native && HIGH.test(k)) native = false;
  }
  // Below U+D800, UTF-16 order (the default sort) is UTF-8 byte order.
  if (simple) return native ? keys.sort() : keys.sort(compareStrings);
  const decorated = keys.map((k) => ({ k, pe: parsedKey(k)! }));
  decorated.sort((a, b) => comparePathElements(a.pe, b.pe));
  for (let i = 0; i < keys.length; i++) keys[i] = decorated[i]!.k;
  return keys;
}

/** SMD's PathElement.String. */
export function pathElementString(pe: PathElement): string {
  switch (pe.kind) {
    case 'field':
      return '.' + pe.name;
    case 'key':
      return '[' + pe.fields.map(([k, v]) => `${k}=${valueString(v)}`).join(',') + ']';
    case 'value':
      return `[=${valueString(pe.value)}]`;
    case 'index':
      return `[${pe.index}]`;
  }
}

/** A path (as FieldsV1 keys) as SMD prints it: `.spec.containers[name="nginx"].image`. */
export function pathString(path: readonly PathKey[]): string {
  let out = '';
  for (const k of path) {
    const pe = parsedKey(k);
    out += pe ? pathElementString(pe) : '{{invalid path element}}';
  }
  return out;
}
