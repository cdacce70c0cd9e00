// Walking the generated schemas: from a kind's definition down to the schema of any field,
// following $ref, object properties, array items and map values. Strategic merge patch,
// server-side apply, defaulting and field validation all navigate objects this way; a
// SchemaNode also answers the list and map semantics (x-kubernetes-list-type, merge keys,
// patch strategies) of the field it describes.

import { DEFINITIONS, definitionFor, type Schema } from './definitions.js';

export type ListType = 'atomic' | 'set' | 'map';

/** One node per schema object: nodes are immutable views, so walks share them. */
const NODES = new WeakMap<Schema, SchemaNode>();
const BY_DEFINITION = new Map<string, SchemaNode>();

function nodeOf(at: Schema): SchemaNode {
  let n = NODES.get(at);
  if (!n) {
    n = new SchemaNode(at);
    NODES.set(at, n);
  }
  return n;
}

export class SchemaNode {
  /** The schema as written at the field (may carry extensions next to a $ref). */
  readonly #at: Schema;
  /** The resolved schema ($ref followed). */
  readonly #resolved: Schema;
  /** The definition name when this node is a $ref to one. */
  readonly definition: string | undefined;

  constructor(at: Schema) {
    this.#at = at;
    const ref = typeof at.$ref === 'string' ? at.$ref.slice(at.$ref.lastIndexOf('/') + 1) : undefined;
    this.definition = ref;
    this.#resolved = ref ? { ...(DEFINITIONS[ref] ?? {}), ...withoutRef(at) } : at;
  }

  static forDefinition(name: string): SchemaNode | undefined {
    if (!DEFINITIONS[name]) return undefined;
    let n = BY_DEFINITION.get(name);
    if (!n) {
      n = new SchemaNode({ $ref: `#/definitions/${name}` });
      BY_DEFINITION.set(name, n);
    }
    return n;
  }

  static forKind(group: string, version: string, kind: string): SchemaNode | undefined {
    const name = definitionFor(group, version, kind);
    return name ? SchemaNode.forDefinition(name) : undefined;
  }

  /** A value of the extension or keyword at this field (own value first, then the definition's). */
  get(keyword: string): unknown {
    return this.#at[keyword] ?? this.#resolved[keyword];
  }

  /** 'object', 'array', 'string', 'integer', 'number', 'boolean', or undefined (any). */
  get type(): string | undefined {
    return this.#resolved.type as string | undefined;
  }

  get format(): string | undefined {
    return this.#resolved.format as string | undefined;
  }

  get required(): readonly string[] {
    return (this.#resolved.required as string[] | undefined) ?? [];
  }

  /** Declared properties of an object schema (undefined for maps and scalars). */
  get properties(): Readonly<Record<string, Schema>> | undefined {
    return this.#resolved.properties as Record<string, Schema> | undefined;
  }

  property(name: string): SchemaNode | undefined {
    const p = this.properties?.[name];
    return p ? nodeOf(p) : undefined;
  }

  /** The schema of array items. */
  items(): SchemaNode | undefined {
    const i = this.#resolved.items as Schema | undefined;
    return i ? nodeOf(i) : undefined;
  }

  /** The schema of map values (additionalProperties). */
  values(): SchemaNode | undefined {
    const a = this.#resolved.additionalProperties;
    return a && typeof a === 'object' ? nodeOf(a as Schema) : undefined;
  }

  /** True for a schema that accepts any JSON (RawExtension, JSON in CRDs). */
  get isAny(): boolean {
    return this.type === undefined && !this.properties && !this.#resolved.additionalProperties && !this.#resolved.items;
  }

  get listType(): ListType | undefined {
    return this.get('x-kubernetes-list-type') as ListType | undefined;
  }

  get listMapKeys(): readonly string[] {
    return (this.get('x-kubernetes-list-map-keys') as string[] | undefined) ?? [];
  }

  /** 'atomic' or 'granular' for maps and structs (x-kubernetes-map-type). */
  get mapType(): string | undefined {
    return this.get('x-kubernetes-map-type') as string | undefined;
  }

  /** Strategic merge patch: the merge key of a list of objects. */
  get patchMergeKey(): string | undefined {
    return this.get('x-kubernetes-patch-merge-key') as string | undefined;
  }

  /** Strategic merge patch: 'merge', 'retainKeys', 'merge,retainKeys', or undefined (replace). */
  get patchStrategy(): string | undefined {
    return this.get('x-kubernetes-patch-strategy') as string | undefined;
  }

  get isQuantity(): boolean {
    return this.definition === 'io.k8s.apimachinery.pkg.api.resource.Quantity';
  }

  get isIntOrString(): boolean {
    return this.format === 'int-or-string';
  }
}

function withoutRef(s: Schema): Schema {
  const { $ref: _ref, ...rest } = s;
  return rest;
}
