// Merging an applied configuration into the live object, as structured-merge-diff's
// TypedValue.Merge does it with the "keep right-hand side" rule: struct fields and map keys
// merge key by key, associative lists element by element (matched by key or value), and
// everything atomic — scalars, atomic lists and maps, and values empty on both sides — is taken
// from the configuration when it sets it. A configuration cannot clear a granular map or list
// by sending `{}`, `[]` or null: those only win where both sides are empty.
//
// Element order of merged associative lists follows SMD: live elements keep their positions,
// new elements of the configuration go after the live element they follow in the
// configuration, and elements both sides have are reordered to the configuration's order.
//
// The result shares nothing with its inputs (leaves are copied), so callers may mutate it.

import { listItemKey } from './list-item.js';
import type { PathKey } from './path-element.js';
import { pick, samePick, UNTYPED, type Atom, type ListAtom, type MapAtom } from './schema-types.js';
import { cloneValue, isMap } from './value.js';

/** lhs merged with rhs; undefined when neither side has a value. */
export function merge(lhs: unknown, rhs: unknown, atom: Atom): unknown {
  if (lhs === undefined && rhs === undefined) return undefined;
  if (rhs === undefined || lhs === undefined || samePick(atom, lhs, rhs)) {
    return handle(lhs, rhs, atom, pick(atom, rhs === undefined ? lhs : rhs));
  }
  // Different kinds of value where the schema allows several: the configuration's kind wins.
  return handle(lhs, rhs, atom, pick(atom, rhs));
}

function handle(l: unknown, r: unknown, atom: Atom, which: ReturnType<typeof pick>): unknown {
  switch (which) {
    case 'map':
      return mergeMaps(l, r, atom.map!);
    case 'list':
      return mergeLists(l, r, atom.list!);
    default:
      return keepRHS(l, r);
  }
}

function keepRHS(l: unknown, r: unknown): unknown {
  return cloneValue(r !== undefined ? r : l);
}

function isEmpty(v: unknown): boolean {
  if (Array.isArray(v)) return v.length === 0;
  if (!isMap(v)) return true;
  for (const k in v) if (v[k] !== undefined) return false;
  return true;
}

function mergeMaps(l: unknown, r: unknown, m: MapAtom): unknown {
  const lm = isMap(l) ? l : undefined;
  const rm = isMap(r) ? r : undefined;
  if (m.atomic || (isEmpty(lm) && isEmpty(rm))) return keepRHS(l, r);
  const out: Record<string, unknown> = {};
  const visit = (k: string, lv: unknown, rv: unknown) => {
    const t = m.fields?.get(k) ?? m.elem;
    const v = merge(lv, rv, t ? t.atom : UNTYPED);
    if (v !== undefined) out[k] = v;
  };
  if (lm) for (const k in lm) if (lm[k] !== undefined) visit(k, lm[k], rm ? rm[k] : undefined);
  if (rm) for (const k in rm) if (rm[k] !== undefined && (!lm || lm[k] === undefined)) visit(k, undefined, rm[k]);
  return Object.keys(out).length > 0 ? out : undefined;
}

interface Indexed {
  order: PathKey[];
  byKey: Map<PathKey, unknown>;
  /** Keys seen more than once (possible in live objects only). */
  dups: Set<PathKey>;
}

function index(list: ListAtom, items: unknown[] | undefined): Indexed {
  const order: PathKey[] = [];
  const byKey = new Map<PathKey, unknown>();
  const dups = new Set<PathKey>();
  if (items) {
    for (let i = 0; i < items.length; i++) {
      const pe = listItemKey(list, i, items[i]);
      if (typeof pe !== 'string') continue;
      if (byKey.has(pe)) dups.add(pe);
      else byKey.set(pe, items[i]);
      order.push(pe);
    }
  }
  return { order, byKey, dups };
}

function mergeLists(l: unknown, r: unknown, list: ListAtom): unknown {
  const ll = Array.isArray(l) ? l : undefined;
  const rl = Array.isArray(r) ? r : undefined;
  if (list.atomic || ((!ll || ll.length === 0) && (!rl || rl.length === 0))) return keepRHS(l, r);

  const lhs = index(list, ll);
  const rhs = index(list, rl);
  const elem = list.elem.atom;
  const out: unknown[] = [];
  const emit = (v: unknown) => {
    if (v !== undefined) out.push(v);
  };

  // The shared elements, in the configuration's order: a live element is emitted in its own
  // place only when it is the next shared one expected.
  const shared: PathKey[] = [];
  for (const pe of rhs.order) if (lhs.byKey.has(pe)) shared.push(pe);
  let nextShared = 0;
  const merged = new Set<PathKey>();

  let li = 0;
  let ri = 0;
  const lLen = lhs.order.length;
  const rLen = rhs.order.length;
  // Live items by position (duplicates are separate positions).
  const liveAt = (i: number) => ll![i];
  const livePositions: number[] = [];
  if (ll) for (let i = 0; i < ll.length; i++) if (typeof listItemKey(list, i, ll[i]) === 'string') livePositions.push(i);

  while (li < lLen || ri < rLen) {
    if (li < lLen && ri < rLen) {
      const pe = lhs.order[li]!;
      if (pe === rhs.order[ri]) {
        merged.add(pe);
        emit(merge(lhs.dups.has(pe) ? undefined : lhs.byKey.get(pe), rhs.byKey.get(pe), elem));
        li++;
        ri++;
        nextShared++;
        continue;
      }
      if (rhs.byKey.has(pe) && nextShared < shared.length && shared[nextShared] !== pe) {
        // A shared element, but not the one due now: it is emitted when the configuration
        // reaches it.
        li++;
        continue;
      }
    }
    if (li < lLen) {
      const pe = lhs.order[li]!;
      if (!rhs.byKey.has(pe)) {
        emit(merge(liveAt(livePositions[li]!), undefined, elem));
        li++;
        continue;
      }
      if (merged.has(pe)) {
        li++;
        continue;
      }
    }
    if (ri < rLen) {
      const pe = rhs.order[ri]!;
      merged.add(pe);
      emit(merge(lhs.dups.has(pe) ? undefined : lhs.byKey.get(pe), rhs.byKey.get(pe), elem));
      ri++;
      if (nextShared < shared.length && shared[nextShared] === pe) nextShared++;
    }
  }
  return out.length > 0 ? out : undefined;
}
