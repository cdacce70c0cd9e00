// How Go prints the typed values that Kubernetes passes to field errors, for the cases the
// plain formatting in errors.ts cannot know. ErrorBody dereferences a pointer and then prints
// a Stringer's String(), else %#v; the API types' String() methods (Quantity, IntOrString,
// LabelSelector, OwnerReference) have pointer receivers, so after the dereference they print
// as %#v structs ("v1.LabelSelector{MatchLabels:...}", "intstr.IntOrString{Type:1, ...}").
// Typed slices and maps print their %#v literal with the Go type name. Each helper returns a
// GoValue that fieldErrorBody prints verbatim. Pointers inside %#v structs print an address
// in Go; there kite prints a fixed placeholder, since no client can match on one.

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

/** %#v of an intstr.IntOrString inside a struct. */
export function goIntOrStringStruct(v: unknown): string {
  if (typeof v === 'string') return `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`;
  const n = typeof v === 'number' ? Math.trunc(v) : 0;
  return `intstr.IntOrString{Type:0, IntVal:${n}, StrVal:""}`;
}

/**
 * An IntOrString passed as a field error value. Its String() has a pointer receiver, so the
 * value (or a dereferenced pointer) prints as the %#v struct.
 */
export function goIntOrString(v: unknown): GoValue {
  return goValue(goIntOrStringStruct(v));
}

const DECIMAL_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

/**
 * %#v of a resource.Quantity as ParseQuantity leaves it (String() has a pointer receiver, so
 * Kubernetes prints the struct): the int64Amount fast path with the canonical string cached
 * when the input already was canonical, or an inf.Dec (shown by placeholder address).
 * `stringCached`: the validator called String() on the same variable in the same statement
 * (Go reads the variable after evaluating the calls), so s holds the canonical form.
 */
export function goQuantity(v: unknown, stringCached = false): GoValue {
  const raw = typeof v === 'number' ? String(v) : typeof v === 'string' ? v.trim() : '0';
  // After a String() call on the same variable the canonical form is cached in s.
  const cached = stringCached ? quantityString(v) : undefined;
  const struct = (value: bigint, scale: number, dec: boolean, s: string, format: string) =>
    goValue(
      `resource.Quantity{i:resource.int64Amount{value:${value}, scale:${scale}}, ` +
        `d:resource.infDecAmount{Dec:(*inf.Dec)(${dec ? '0xc000000000' : 'nil'})}, s:${goQuote(cached ?? s)}, Format:${goQuote(format)}}`,
    );
  if (raw === '0') return struct(0n, 0, false, '0', 'DecimalSI');
  const m = /^([+-]?)0*(\d*)(?:\.(\d*))?(.*)$/.exec(raw);
  if (!m) return struct(0n, 0, false, '', 'DecimalSI');
  const positive = m[1] !== '-';
  const num = m[2] === '' ? '0' : m[2]!;
  const denom = m[3] ?? '';
  const suffix = m[4]!;
  let format: string;
  let exponent: number;
  if (suffix in DECIMAL_SUFFIX) [format, exponent] = ['DecimalSI', DECIMAL_SUFFIX[suffix]!];
  else if (suffix in BINARY_SUFFIX) [format, exponent] = ['BinarySI', BINARY_SUFFIX[suffix]!];
  else if (/^[eE][+-]?\d+$/.test(suffix)) [format, exponent] = ['DecimalExponent', Number(suffix.slice(1))];
  else return struct(0n, 0, false, '', 'DecimalSI');
  let scale = 0;
  let mantissa = 1n;
  let precision: number;
  if (format === 'BinarySI') {
    if (exponent >= 0 && denom === '') {
      mantissa = 1n << BigInt(exponent);
      precision = 15 - num.length - Math.trunc(Math.fround(exponent * 3) / 10) - 1;
    } else precision = -1;
  } else {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const shifted = num + denom;
      const value = BigInt(shifted);
      const result = value * mantissa;
      if (result <= 0x7fffffffffffffffn) {
        const signed = positive ? result : -result;
        const canonical =
          format === 'BinarySI'
            ? exponent % 10 === 0 && (value & 7n) !== 0n
            : scale % 3 === 0 && !shifted.endsWith('000') && shifted[0] !== '0';
        return struct(signed, scale, false, canonical ? raw : '', format);
      }
    }
  }
  return struct(0n, 0, true, '', format);
}

/** The canonical String() of a quantity (for messages that call it explicitly). */
export function quantityString(v: unknown): string {
  if (typeof v !== 'string' && typeof v !== 'number') return '0';
  try {
    return Quantity.fromJSON(v).toString();
  } catch {
    return String(v);
  }
}

/** %#v of a map[string]string field inside a struct. */
function goMapField(v: unknown): string {
  return isObj(v) ? goStringMap(strMap(v)).text : 'map[string]string(nil)';
}

/**
 * A *metav1.LabelSelector passed as a field error value: dereferenced and printed as the
 * %#v struct ("v1.LabelSelector{MatchLabels:map[string]string{"app":"web"},
 * MatchExpressions:[]v1.LabelSelectorRequirement(nil)}"); nil prints as null.
 */
export function goLabelSelector(sel: unknown): GoValue | null {
  if (!isObj(sel)) return null;
  const exprs = Array.isArray(sel.matchExpressions)
    ? `[]v1.LabelSelectorRequirement{${arr(sel.matchExpressions)
        .map((e) => {
          const r = obj(e);
          const values = Array.isArray(r.values) ? `[]string{${arr(r.values).map((x) => goQuote(str(x))).join(', ')}}` : '[]string(nil)';
          return `v1.LabelSelectorRequirement{Key:${goQuote(str(r.key))}, Operator:${goQuote(str(r.operator))}, Values:${values}}`;
        })
        .join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return goValue(`v1.LabelSelector{MatchLabels:${goMapField(sel.matchLabels)}, MatchExpressions:${exprs}}`);
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
