// Reading request objects, which arrive as untyped JSON, the way Go reads its typed structs:
// a missing or mistyped field reads as its zero value ("" for strings, 0 for numbers, an empty
// map or list), and "set" means present and not null, like a non-nil pointer. Validators never
// throw on a malformed object; they see what Go's decoder would have produced.

export type Obj = Record<string, unknown>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A struct or map field: the object, or an empty one. */
export function obj(v: unknown): Obj {
  return isObj(v) ? v : {};
}

/** A pointer-to-struct field: the object, or undefined (nil). */
export function optObj(v: unknown): Obj | undefined {
  return isObj(v) ? v : undefined;
}

export function arr(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A list of structs; entries that are not objects read as empty structs. */
export function objs(v: unknown): Obj[] {
  return arr(v).map(obj);
}

export function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

export function strs(v: unknown): string[] {
  return arr(v).map(str);
}

/** A pointer-to-string field: the string, or undefined (nil). */
export function optStr(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function num(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
}

/** A pointer-to-number field: the number, or undefined (nil). */
export function optNum(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function bool(v: unknown): boolean {
  return v === true;
}

export function optBool(v: unknown): boolean | undefined {
  return typeof v === 'boolean' ? v : undefined;
}

/** Present and not null: Go's non-nil pointer. */
export function isSet(v: unknown): boolean {
  return v !== undefined && v !== null;
}

/** A map[string]string field; non-string values read as "". */
export function strMap(v: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, x] of Object.entries(obj(v))) out[k] = str(x);
  return out;
}

/** A map field that may be nil (undefined when absent or null). */
export function optStrMap(v: unknown): Record<string, string> | undefined {
  return isObj(v) ? strMap(v) : undefined;
}

/** Go's len() of a string: its UTF-8 byte count. */
export function byteLength(s: string): number {
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) > 0x7f) return Buffer.byteLength(s, 'utf8');
  }
  return s.length;
}

/**
 * apiequality.Semantic.DeepEqual over JSON: null and absent are the same, and so are an empty
 * list or map and a missing one (Go compares nil and empty slices and maps as equal, and
 * omits them when encoding). An empty object also stands for an unset pointer-to-struct,
 * which Go would tell apart; request bodies rarely depend on that difference.
 */
export function semanticEqual(a: unknown, b: unknown): boolean {
  if (isEmptyish(a) && isEmptyish(b)) return true;
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]));
  }
  if (isObj(a) && isObj(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!semanticEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

function isEmptyish(v: unknown): boolean {
  if (v === undefined || v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return isObj(v) && Object.keys(v).length === 0;
}
