// Patch metadata looked up the way the apiserver looks it up for a strategic merge patch:
// through the Go types of the built-in kinds. A lookup names a field of an object and
// answers the field's patch strategy and merge key, and the lookup for the field's own
// contents (for a list, its elements).
//
// kite has those types as the OpenAPI schemas generated from them, read as Go would see
// them: a schema with properties is a struct, additionalProperties a map, an array a
// slice, and a named definition without properties (RawExtension, Time, Quantity, JSON,
// FieldsV1, ...) a struct without JSON fields. Where the Go lookup fails the lookup here
// fails with the same text (a 500 from the apiserver): a field the struct does not
// declare, or a map or scalar looked into as if it were a struct. This only happens where
// both the object and the patch hold a map or a list under a key the types do not know,
// which for a typed object means inside RawExtension, JSON or map-typed fields.
//
// Without a schema, and with `unknownFields: 'merge'` wherever the types end, every field
// has no metadata: maps merge key by key and lists are replaced (kite's choice for
// documents the apiserver would not patch strategically, e.g. custom resources).

import { goQuote } from '../labels/go-format.js';
import type { SchemaNode } from '../openapi/schema.js';
import { unexpected } from './strategic-errors.js';
import { goFormatV } from './strategic-go-value.js';
import { hasOwn } from './json-value.js';

export interface PatchMeta {
  /** x-kubernetes-patch-strategy split at its commas; empty when the field has none. */
  readonly strategies: readonly string[];
  /** x-kubernetes-patch-merge-key, or ''. */
  readonly mergeKey: string;
}

export interface FieldLookup {
  /** The lookup for the field's value (for a list field, for its elements). */
  readonly schema: PatchMetaLookup;
  readonly meta: PatchMeta;
}

export interface PatchMetaLookup {
  /** Field `key` of this object, whose values are objects. Throws as the apiserver fails. */
  forStruct(key: string): FieldLookup;
  /** Field `key` of this object, whose values are lists. Throws as the apiserver fails. */
  forSlice(key: string): FieldLookup;
  /** The Go kind of this type ('struct', 'map', 'slice', 'string', ...), '' without a schema. */
  readonly kind: string;
}

export interface PatchMetaOptions {
  /**
   * 'error' (default): fields the types do not know fail as on the apiserver.
   * 'merge': they have no metadata, like fields without a schema.
   */
  readonly unknownFields?: 'error' | 'merge';
}

const NO_META: PatchMeta = { strategies: [], mergeKey: '' };

const NO_SCHEMA: PatchMetaLookup = {
  forStruct: () => ({ schema: NO_SCHEMA, meta: NO_META }),
  forSlice: () => ({ schema: NO_SCHEMA, meta: NO_META }),
  kind: '',
};

/** The metadata a field's schema declares. */
export function fieldPatchMeta(field: SchemaNode): PatchMeta {
  const strategy = field.patchStrategy;
  return {
    strategies: typeof strategy === 'string' ? strategy.split(',') : [],
    mergeKey: field.patchMergeKey ?? '',
  };
}

export interface PatchStrategy {
  /** The field's patches may carry $retainKeys (only patch creation acts on this). */
  readonly retainKeys: boolean;
  /** 'merge', 'replace' or '' (lists are replaced, maps merged). */
  readonly strategy: string;
}

/** Separates retainKeys from the other strategy; more than one other is an error. */
export function splitPatchStrategy(meta: PatchMeta): PatchStrategy {
  const s = meta.strategies;
  if (s.length === 0) return { retainKeys: false, strategy: '' };
  if (s.length === 1) return s[0] === 'retainKeys' ? { retainKeys: true, strategy: '' } : { retainKeys: false, strategy: s[0]! };
  if (s.length === 2) {
    if (s[0] === 'retainKeys') return { retainKeys: true, strategy: s[1]! };
    if (s[1] === 'retainKeys') return { retainKeys: true, strategy: s[0]! };
  }
  throw unexpected(`unexpected patch strategy: ${goFormatV([...s])}`);
}

/** The lookup for a document described by `schema` (undefined: no schema at all). */
export function patchMetaLookup(schema: SchemaNode | undefined, options: PatchMetaOptions = {}): PatchMetaLookup {
  return schema ? new TypedLookup(schema, options.unknownFields === 'merge') : NO_SCHEMA;
}

/** The Go kind a schema stands for. */
function goKind(node: SchemaNode): string {
  if (node.type === 'array') return 'slice';
  if (node.properties) return 'struct';
  if (node.values()) return 'map';
  if (node.definition) return 'struct';
  switch (node.type) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'integer':
      return node.format === 'int32' || node.format === 'int64' ? node.format : 'int';
    case 'number':
      return node.format === 'float' ? 'float32' : 'float64';
    case 'object':
      return 'map';
    default:
      return 'interface';
  }
}

/** Go's case-insensitive fallback when a JSON key matches no field name exactly. */
function foldEqual(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase() || a.toUpperCase() === b.toUpperCase();
}

class TypedLookup implements PatchMetaLookup {
  readonly kind: string;
  readonly #node: SchemaNode;
  readonly #lenient: boolean;

  constructor(node: SchemaNode, lenient: boolean) {
    this.#node = node;
    this.#lenient = lenient;
    this.kind = goKind(node);
  }

  forStruct(key: string): FieldLookup {
    const field = this.#field(key);
    if (!field) return { schema: NO_SCHEMA, meta: NO_META };
    return { schema: new TypedLookup(field, this.#lenient), meta: fieldPatchMeta(field) };
  }

  forSlice(key: string): FieldLookup {
    const field = this.#field(key);
    if (!field) return { schema: NO_SCHEMA, meta: NO_META };
    const meta = fieldPatchMeta(field);
    const kind = goKind(field);
    if (kind === 'slice') {
      const items = field.items();
      if (!items) return { schema: NO_SCHEMA, meta };
      if (goKind(items) === 'slice') throw unexpected('unexpected slice of slice');
      return { schema: new TypedLookup(items, this.#lenient), meta };
    }
    if (kind === 'map') {
      if (this.#lenient) return { schema: NO_SCHEMA, meta: NO_META };
      // Go names the containing type's kind here.
      throw unexpected(`expected slice or array type, but got: ${this.kind}`);
    }
    // Any other field holding a list is taken for a pointer, whose element is the type itself.
    return { schema: new TypedLookup(field, this.#lenient), meta };
  }

  /** The field's schema, or undefined where a lenient lookup gives up. */
  #field(key: string): SchemaNode | undefined {
    if (this.kind !== 'struct') {
      if (this.#lenient) return undefined;
      throw unexpected(`merging an object in json but data type is not struct, instead is: ${this.kind}`);
    }
    const properties = this.#node.properties ?? {};
    const name = hasOwn(properties, key) ? key : Object.keys(properties).find((p) => foldEqual(p, key));
    if (name === undefined) {
      if (this.#lenient) return undefined;
      throw unexpected(`unable to find api field in struct ${this.#structName()} for the json field ${goQuote(key)}`);
    }
    return this.#node.property(name);
  }

  #structName(): string {
    const d = this.#node.definition ?? '';
    return d.slice(d.lastIndexOf('.') + 1);
  }
}
