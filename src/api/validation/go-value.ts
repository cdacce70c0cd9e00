// How Go prints the typed values that Kubernetes passes to field errors, for the cases the
// plain formatting in errors.ts cannot know: Stringer types (Quantity, IntOrString,
// *LabelSelector) print their String(), typed slices and maps print their %#v literal with the
// Go type name, and structs print as %#v ("rbac.RoleRef{APIGroup:"...", ...}"). Each helper
// returns a GoValue that fieldErrorBody prints verbatim. Pointers inside %#v structs print an
// address in Go; there kite prints a fixed placeholder, since no client can match on one.

import { GoValue, goValue } from '../errors.js';
import { goQuote } from '../labels/index.js';
import { Quantity } from '../quantity.js';
import { arr, isObj, obj, str, strMap } from './access.js';

/** %#v of a map[string]string; undefined prints as the nil map. */
export function goStringMap(m: Record<string, string> | undefined): GoValue {
  if (m === undefined) return goValue('map[string]string(nil)');
  const entries = Object.keys(m)
    .sort()
    .map((k) => `${goQuote(k)}:${goQuote(m[k]!)}`);
  return goValue(`map[string]string{${entries.join(', ')}}`);
}

/** %#v of a slice of a string type, e.g. []core.PersistentVolumeAccessMode{"ReadWriteOnce"}. */
export function goTypedStrings(elemType: string, values: readonly string[] | undefined): GoValue {
  if (values === undefined) return goValue(`[]${elemType}(nil)`);
  return goValue(`[]${elemType}{${values.map(goQuote).join(', ')}}`);
}

/** %#v of a []int32. */
export function goInt32s(values: readonly number[] | undefined): GoValue {
  if (values === undefined) return goValue('[]int32(nil)');
  return goValue(`[]int32{${values.join(', ')}}`);
}

/** %#v of a struct: fields in declaration order, each already formatted. */
export function goStruct(typeName: string, fields: readonly [string, string][]): GoValue {
  return goValue(`${typeName}{${fields.map(([k, v]) => `${k}:${v}`).join(', ')}}`);
}

/** A pointer field inside a %#v struct: "(*T)(nil)" or a placeholder address. */
export function goPointer(typeName: string, set: boolean): string {
  return set ? `(*${typeName})(0xc000000000)` : `(*${typeName})(nil)`;
}

/** IntOrString's String(): the string as is, or the integer. */
export function intOrStringText(v: unknown): GoValue {
  if (typeof v === 'string') return goValue(v);
  if (typeof v === 'number') return goValue(String(Math.trunc(v)));
  return goValue('0');
}

/** %#v of an intstr.IntOrString inside a struct. */
export function goIntOrStringStruct(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? Math.trunc(v) : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/** A Quantity's String(); an unparsable one prints as written. */
export function quantityText(v: unknown): GoValue {
  return goValue(quantityString(v));
}

export function quantityString(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '0';
  try {
    return Quantity.fromJSON(v).toString();
  } catch {
    return String(v);
  }
}

/** The generated String() of a *metav1.LabelSelector; undefined prints as null (nil pointer). */
export function labelSelectorText(sel: unknown): GoValue | null {
  if (!isObj(sel)) return null;
  const labels = strMap(sel.matchLabels);
  const ml = Object.keys(labels)
    .sort()
    .map((k) => `${k}: ${labels[k]},`)
    .join('');
  const me = arr(sel.matchExpressions)
    .map((e) => {
      const r = obj(e);
      return `LabelSelectorRequirement{Key:${str(r.key)},Operator:${str(r.operator)},Values:[${arr(r.values).map(str).join(' ')}],},`;
    })
    .join('');
  return goValue(`&LabelSelector{MatchLabels:map[string]string{${ml}},MatchExpressions:[]LabelSelectorRequirement{${me}},}`);
}

/** fmt's %v (and %+v) of a decoded JSON value: maps with sorted keys, slices space-separated. */
export function goSprintV(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return goFloatOrInt(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return `[${v.map(goSprintV).join(' ')}]`;
  if (isObj(v)) {
    return `map[${Object.keys(v)
      .sort()
      .map((k) => `${k}:${goSprintV(v[k])}`)
      .join(' ')}]`;
  }
  return String(v);
}

/** Integers print as Go's int64, other numbers as %v of a float64 (shortest, 'e' past 1e21). */
function goFloatOrInt(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e([+-])(\d)$/, 'e$10$2');
}
