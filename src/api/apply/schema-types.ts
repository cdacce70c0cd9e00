// The schema as structured-merge-diff needs it, compiled once per schema node from kite's
// OpenAPI definitions (SchemaNode) by Kubernetes' rules (kube-openapi schemaconv):
//
// - a list is associative when x-kubernetes-list-type is `map` (keyed by list-map-keys) or
//   `set`; `atomic` lists are atomic. Without a list type, a patch strategy containing `merge`
//   makes it associative, keyed by x-kubernetes-patch-merge-key or, without a key, a set; a
//   `retainKeys`-only strategy or no strategy at all makes it atomic.
// - objects are maps; x-kubernetes-map-type `atomic` makes one atomic (on the field or on the
//   definition), anything else is granular. Declared properties are struct fields; other keys
//   take the additionalProperties type, or are "deduced" (granular maps, atomic lists) when the
//   object declares no properties, and are not allowed at all otherwise.
// - a schema without a type accepts anything: an untyped scalar, an atomic list, or a map
//   (deduced); Quantity and RawExtension are untyped scalars whatever their schema says;
//   strings with a format (int-or-string, date-time, ...) are untyped scalars.
// - list-map keys may be omitted when the key field has a default; kite's definitions carry
//   no defaults, so the two built-in ones (`protocol: TCP` of ContainerPort and ServicePort,
//   Kubernetes' `+default="TCP"`) are listed here.
// Unions (x-kubernetes-unions) are ignored: Kubernetes' apiserver does not enable SMD's union
// handling either.
//
// Atoms are memoized by the identity of the raw schema objects (the generated definitions are
// module constants), so walking an object costs map lookups, not schema construction.

import { DEFINITIONS, type Schema } from '../openapi/definitions.js';
import { SchemaNode } from '../openapi/schema.js';

export type ScalarKind = 'string' | 'numeric' | 'boolean' | 'untyped';

export interface ListAtom {
  readonly atomic: boolean;
  /** Key fields of an associative list; empty for a set. */
  readonly keys: readonly string[];
  readonly elem: TypeRef;
}

export interface MapAtom {
  readonly atomic: boolean;
  /** Declared fields (a struct); undefined for a plain map. */
  readonly fields: ReadonlyMap<string, TypeRef> | undefined;
  /** Type of undeclared keys; undefined when they are not allowed. */
  readonly elem: TypeRef | undefined;
  /** Field defaults SMD uses for omitted list-map keys. */
  readonly defaults: ReadonlyMap<string, unknown> | undefined;
}

/** SMD's schema.Atom: what a value at some path may be. Several members = "any of these". */
export interface Atom {
  readonly scalar?: ScalarKind;
  readonly list?: ListAtom;
  readonly map?: MapAtom;
  /** The definition this atom comes from, for tables keyed by definition (zero values). */
  readonly definition?: string;
}

/** A lazily compiled reference to an atom (schemas are recursive). */
export class TypeRef {
  #atom: Atom | undefined;
  readonly #make: () => Atom;
  constructor(make: () => Atom) {
    this.#make = make;
  }
  static of(atom: Atom): TypeRef {
    const t = new TypeRef(() => atom);
    t.#atom = atom;
    return t;
  }
  get atom(): Atom {
    return (this.#atom ??= this.#make());
  }
}

const UNTYPED_LIST: ListAtom = { atomic: true, keys: [], elem: new TypeRef(() => UNTYPED) };
/** `__untyped_atomic_`: any value, always a leaf. */
export const UNTYPED: Atom = {
  scalar: 'untyped',
  list: UNTYPED_LIST,
  map: { atomic: true, fields: undefined, elem: new TypeRef(() => UNTYPED), defaults: undefined },
};
/** `__untyped_deduced_`: any value; maps are granular all the way down, lists atomic. */
export const DEDUCED: Atom = {
  scalar: 'untyped',
  list: UNTYPED_LIST,
  map: { atomic: false, fields: undefined, elem: new TypeRef(() => DEDUCED), defaults: undefined },
};
const UNTYPED_REF = TypeRef.of(UNTYPED);
const DEDUCED_REF = TypeRef.of(DEDUCED);

const UNTYPED_SCALAR_DEFINITIONS = new Set([
  'io.k8s.apimachinery.pkg.api.resource.Quantity',
  'io.k8s.apimachinery.pkg.runtime.RawExtension',
]);

/** Defaults of list-map key fields (Go `+default` markers absent from the OpenAPI document). */
const KEY_DEFAULTS: Record<string, Record<string, unknown>> = {
  'io.k8s.api.core.v1.ContainerPort': { protocol: 'TCP' },
  'io.k8s.api.core.v1.ServicePort': { protocol: 'TCP' },
};

const byRaw = new WeakMap<Schema, Atom>();
const byDefinition = new Map<string, Atom>();

/** The atom of a kind's (or any) schema node. */
export function atomOf(node: SchemaNode): Atom {
  if (node.definition && DEFINITIONS[node.definition]) {
    let a = byDefinition.get(node.definition);
    if (!a) {
      a = compile(node);
      byDefinition.set(node.definition, a);
    }
    return a;
  }
  return compile(node);
}

function refTo(raw: unknown): TypeRef {
  if (!raw || typeof raw !== 'object') return DEDUCED_REF;
  const schema = raw as Schema;
  return new TypeRef(() => {
    let a = byRaw.get(schema);
    if (!a) {
      a = compile(new SchemaNode(schema));
      byRaw.set(schema, a);
    }
    return a;
  });
}

function compile(node: SchemaNode): Atom {
  const definition = node.definition;
  if (definition && UNTYPED_SCALAR_DEFINITIONS.has(definition)) return { scalar: 'untyped', definition };
  switch (node.type) {
    case undefined:
      return { scalar: 'untyped', list: listAtom(node), map: mapAtom(node), definition };
    case 'object':
      return { map: mapAtom(node), definition };
    case 'array':
      return { list: listAtom(node), definition };
    case 'integer':
    case 'number':
      return { scalar: 'numeric', definition };
    case 'boolean':
      return { scalar: 'boolean', definition };
    case 'string':
      return { scalar: !node.format || node.format === 'byte' ? 'string' : 'untyped', definition };
    default:
      return { scalar: 'untyped', definition };
  }
}

function mapAtom(node: SchemaNode): MapAtom {
  const props = node.properties;
  let fields: Map<string, TypeRef> | undefined;
  let defaults: Map<string, unknown> | undefined;
  if (props && Object.keys(props).length > 0) {
    fields = new Map();
    for (const [name, raw] of Object.entries(props)) {
      fields.set(name, refTo(raw));
      if (raw && typeof raw === 'object' && 'default' in raw) (defaults ??= new Map()).set(name, raw.default);
    }
  }
  const known = node.definition ? KEY_DEFAULTS[node.definition] : undefined;
  if (known) for (const [k, v] of Object.entries(known)) (defaults ??= new Map()).set(k, v);

  const additional = node.get('additionalProperties');
  let elem: TypeRef | undefined;
  if (additional === undefined || additional === null) {
    // An object without properties is free-form; one with properties allows no other keys,
    // unless it preserves unknown fields.
    elem = !fields || node.get('x-kubernetes-preserve-unknown-fields') === true ? DEDUCED_REF : undefined;
  } else if (typeof additional === 'object') {
    elem = refTo(additional);
  } else {
    elem = additional === true ? DEDUCED_REF : undefined;
  }
  return { atomic: node.mapType === 'atomic', fields, elem, defaults };
}

function listAtom(node: SchemaNode): ListAtom {
  const items = node.get('items');
  const elem = items && typeof items === 'object' && !Array.isArray(items) ? refTo(items) : UNTYPED_REF;
  const listType = node.listType;
  if (listType === 'atomic') return { atomic: true, keys: [], elem };
  if (listType === 'set') return { atomic: false, keys: [], elem };
  if (listType === 'map') return { atomic: false, keys: node.listMapKeys, elem };
  const strategy = node.patchStrategy;
  if (strategy === 'merge' || strategy === 'merge,retainKeys') {
    const key = node.patchMergeKey;
    return { atomic: false, keys: key ? [key] : [], elem };
  }
  return { atomic: true, keys: [], elem };
}

export type AtomPick = 'map' | 'scalar' | 'list' | undefined;

/**
 * SMD's deduceAtom + handleAtom: which member of the atom handles this value. A value of a kind
 * the atom allows picks that member; anything else (null, absent, a mismatch) falls back to the
 * atom's first member in the order map, scalar, list.
 */
export function pick(atom: Atom, v: unknown): AtomPick {
  if (v !== undefined && v !== null) {
    if (Array.isArray(v)) {
      if (atom.list) return 'list';
    } else if (typeof v === 'object') {
      if (atom.map) return 'map';
    } else if (atom.scalar) return 'scalar';
  }
  return atom.map ? 'map' : atom.scalar ? 'scalar' : atom.list ? 'list' : undefined;
}

/** SMD's deduceAtom equality: do two values resolve to the same member of the atom? */
export function samePick(atom: Atom, a: unknown, b: unknown): boolean {
  return deducedKind(atom, a) === deducedKind(atom, b);
}

function deducedKind(atom: Atom, v: unknown): AtomPick | 'all' {
  if (v !== undefined && v !== null) {
    if (Array.isArray(v)) {
      if (atom.list) return 'list';
    } else if (typeof v === 'object') {
      if (atom.map) return 'map';
    } else if (atom.scalar) return 'scalar';
  }
  // An atom with one member is that member whatever the value.
  const members = (atom.map ? 1 : 0) + (atom.scalar ? 1 : 0) + (atom.list ? 1 : 0);
  if (members === 1) return atom.map ? 'map' : atom.scalar ? 'scalar' : 'list';
  return 'all';
}

/** The type of a key in a map atom (declared field first); undefined when not allowed. */
export function fieldType(m: MapAtom, key: string): TypeRef | undefined {
  return m.fields?.get(key) ?? m.elem;
}

