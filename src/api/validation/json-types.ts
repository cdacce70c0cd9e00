// Type checking of a decoded body against the kind's schema: what decoding JSON into
// Kubernetes' Go structs refuses — a string where an integer belongs, an object where a
// list belongs, a label value that is not a string — reported with encoding/json's text:
//   json: cannot unmarshal bool into Go struct field ObjectMeta.spec.template.metadata.labels of type string
// null is always accepted (Go leaves the zero value); fields the schema does not declare are
// field validation's business, not this. A resource quantity must also parse, as
// Quantity.UnmarshalJSON requires:
//   quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'

import { isPlainObject } from '../meta.js';
import type { SchemaNode } from '../openapi/schema.js';
import { Quantity, QuantityParseError } from '../quantity.js';

const INT_FORMATS: Record<string, string> = { int32: 'int32', int64: 'int64' };

/** The first type mismatch in obj, as encoding/json words it; undefined when obj decodes. */
export function jsonTypeError(obj: unknown, schema: SchemaNode): string | undefined {
  return check(obj, schema, '', shortName(schema.definition));
}

function check(v: unknown, s: SchemaNode, path: string, struct: string): string | undefined {
  if (v === null || v === undefined || s.isAny) return undefined;
  if (s.isQuantity) return typeof v === 'string' || typeof v === 'number' ? quantityError(v) : mismatch(v, struct, path, 'resource.Quantity');
  if (s.isIntOrString) return typeof v === 'string' || typeof v === 'number' ? undefined : mismatch(v, struct, path, 'intstr.IntOrString');
  const type = s.type;
  if (type === 'string') return typeof v === 'string' ? undefined : mismatch(v, struct, path, 'string');
  if (type === 'boolean') return typeof v === 'boolean' ? undefined : mismatch(v, struct, path, 'bool');
  if (type === 'integer') {
    const goType = INT_FORMATS[s.format ?? ''] ?? 'int64';
    if (typeof v !== 'number') return mismatch(v, struct, path, goType);
    return Number.isInteger(v) ? undefined : `json: cannot unmarshal number ${v} into Go struct field ${struct}${path} of type ${goType}`;
  }
  if (type === 'number') return typeof v === 'number' ? undefined : mismatch(v, struct, path, 'float64');
  if (type === 'array') {
    if (!Array.isArray(v)) return mismatch(v, struct, path, `[]${goTypeOf(s.items())}`);
    const items = s.items();
    if (!items) return undefined;
    const childStruct = items.definition ? shortName(items.definition) : struct;
    for (const x of v) {
      const err = check(x, items, path, childStruct);
      if (err) return err;
    }
    return undefined;
  }
  if (type === 'object' || s.properties) {
    if (!isPlainObject(v)) return mismatch(v, struct, path, s.properties ? shortName(s.definition) : `map[string]${goTypeOf(s.values())}`);
    for (const [k, x] of Object.entries(v)) {
      const child = s.properties ? s.property(k) : s.values();
      if (!child) continue;
      const childPath = s.properties ? `${path}.${k}` : path;
      const err = check(x, child, childPath, child.definition && child.properties ? shortName(child.definition) : struct);
      if (err) return err;
    }
  }
  return undefined;
}

/** Quantity.UnmarshalJSON's error (unwrapped, as encoding/json returns it) for a value that
 *  does not parse. */
function quantityError(v: string | number): string | undefined {
  try {
    Quantity.fromJSON(v);
    return undefined;
  } catch (err) {
    if (err instanceof QuantityParseError) return err.message;
    throw err;
  }
}

function mismatch(v: unknown, struct: string, path: string, goType: string): string {
  return `json: cannot unmarshal ${jsonType(v)} into Go struct field ${struct}${path} of type ${goType}`;
}

function jsonType(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

function goTypeOf(s: SchemaNode | undefined): string {
  if (!s) return 'interface {}';
  if (s.isQuantity) return 'resource.Quantity';
  if (s.definition && s.properties) return `v1.${shortName(s.definition)}`;
  switch (s.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return INT_FORMATS[s.format ?? ''] ?? 'int64';
    case 'number':
      return 'float64';
    default:
      return 'interface {}';
  }
}

function shortName(definition: string | undefined): string {
  return definition ? definition.slice(definition.lastIndexOf('.') + 1) : '';
}
