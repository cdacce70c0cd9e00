// Resource quantities as Kubernetes returns them. Kubernetes decodes every field whose schema is
// a resource.Quantity into a Quantity and writes it back in canonical form ("0.5" -> "500m",
// "1024Mi" -> "1Gi", the JSON number 2 -> "2"); a ResourceList (a map of quantities: container
// requests and limits, PVC requests, node capacity, quota hard, LimitRange values) is also
// rounded up to whole thousandths ("100u" -> "1m"). The walk follows the kind's schema rather
// than a list of paths, and skips subtrees whose schema cannot hold a quantity. A string that
// is not a quantity is left as it is for validation to report.

import { referenceClosure } from '../openapi/definitions.js';
import { SchemaNode } from '../openapi/schema.js';
import { Quantity } from '../quantity.js';
import { isObj } from './values.js';

const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const MILLI = -3;
const INT64_MAX = 2n ** 63n - 1n;

/** Canonicalizes every quantity in obj, which has the schema of the given kind. */
export function canonicalizeQuantities(obj: Record<string, unknown>, group: string, version: string, kind: string): void {
  const node = SchemaNode.forKind(group, version, kind);
  const plan = node && planFor(node);
  if (plan) walk(obj, plan, false);
}

/** Canonical forms already computed: the same few quantities ("100m", "128Mi") recur in
 *  every write, and parsing them is most of what defaulting costs. */
const CANONICAL = new Map<string, unknown>();
const CANONICAL_MAX = 4096;

/** The canonical form of one JSON quantity; roundMilli for ResourceList entries. */
export function canonicalQuantity(v: unknown, roundMilli: boolean): unknown {
  // A null map entry decodes as the zero Quantity.
  if (v === null) return roundMilli ? '0' : v;
  if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v))) return v;
  const memoKey = `${roundMilli ? 1 : 0}${typeof v === 'number' ? 'n' : 's'}:${v}`;
  if (CANONICAL.has(memoKey)) return CANONICAL.get(memoKey);
  const result = computeCanonical(v, roundMilli);
  if (CANONICAL.size >= CANONICAL_MAX) CANONICAL.clear();
  CANONICAL.set(memoKey, result);
  return result;
}

function computeCanonical(v: string | number, roundMilli: boolean): unknown {
  try {
    let q = Quantity.fromJSON(v);
    if (roundMilli) q = roundUpToMilli(q);
    return q.toString();
  } catch {
    return v;
  }
}

/** Kubernetes' RoundUp(-3): an exact value is kept (with its spelling), else rounded away from zero. */
export function roundUpToMilli(q: Quantity): Quantity {
  const milli = q.scaledValue(MILLI);
  // Saturated: far beyond any milli fraction a ResourceList could carry; keep it.
  if (milli >= INT64_MAX || milli <= -INT64_MAX) return q;
  return Quantity.fromMilli(milli).equals(q) ? q : Quantity.fromDecimal(milli, MILLI, q.format);
}

/**
 * Where quantities can be inside a value of some schema: compiled once per definition, with
 * every branch that cannot reach a quantity left out, so the walk touches only those paths.
 */
interface Plan {
  quantity?: true;
  props?: Map<string, Plan>;
  items?: Plan;
  values?: Plan;
}

const QUANTITY_PLAN: Plan = { quantity: true };
const plans = new Map<string, Plan | undefined>();

function planFor(node: SchemaNode): Plan | undefined {
  if (node.isQuantity) return QUANTITY_PLAN;
  if (!mayHoldQuantity(node)) return undefined;
  const def = node.definition;
  if (def !== undefined && plans.has(def)) return plans.get(def);
  const plan: Plan = {};
  // Registered before its children are compiled, so recursive schemas end.
  if (def !== undefined) plans.set(def, plan);
  const props = node.properties;
  if (props) {
    plan.props = new Map();
    for (const key of Object.keys(props)) {
      const child = planFor(node.property(key)!);
      if (child) plan.props.set(key, child);
    }
  }
  const item = node.items();
  if (item) plan.items = planFor(item);
  const values = node.values();
  if (values) plan.values = planFor(values);
  return plan;
}

function walk(value: unknown, plan: Plan, inResourceList: boolean): unknown {
  if (plan.quantity) return canonicalQuantity(value, inResourceList);
  if (Array.isArray(value)) {
    if (plan.items) for (let i = 0; i < value.length; i++) value[i] = walk(value[i], plan.items, false);
    return value;
  }
  if (!isObj(value)) return value;
  if (plan.props) {
    for (const [key, child] of plan.props) if (Object.hasOwn(value, key)) value[key] = walk(value[key], child, false);
  } else if (plan.values) {
    const resourceList = plan.values.quantity === true;
    for (const key of Object.keys(value)) value[key] = walk(value[key], plan.values, resourceList);
  }
  return value;
}

const reachesQuantity = new Map<string, boolean>();

/** Whether a value with this schema can contain a quantity anywhere inside it. */
function mayHoldQuantity(node: SchemaNode): boolean {
  if (node.isQuantity) return true;
  const def = node.definition;
  if (def !== undefined) {
    let reaches = reachesQuantity.get(def);
    if (reaches === undefined) {
      reaches = referenceClosure([def]).has(QUANTITY);
      reachesQuantity.set(def, reaches);
    }
    return reaches;
  }
  // An inline schema: a finite tree, look inside.
  const props = node.properties;
  if (props) return Object.keys(props).some((k) => mayHoldQuantity(node.property(k)!));
  const item = node.items();
  if (item) return mayHoldQuantity(item);
  const values = node.values();
  return values ? mayHoldQuantity(values) : false;
}
