// What changed between two versions of an object, as structured-merge-diff's
// TypedValue.Compare reports it: the paths added, modified and removed. Leaves (scalars, atomic
// lists and maps, and maps or lists empty on both sides) are compared by value; a granular
// map, list element or map key that exists on only one side is itself added or removed, which
// is where the "." of an Update manager's `f:labels: {".": {}, ...}` comes from. An absent
// value and a JSON null differ: null is present.
//
// One simultaneous pass over both values, building the three tries as it goes.

import { FieldSet, markMember, attachChildren, type SetNode } from './field-set.js';
import { listItemKey } from './list-item.js';
import { fieldKey, type PathKey } from './path-element.js';
import { pick, samePick, UNTYPED, type Atom, type ListAtom, type MapAtom } from './schema-types.js';
import { isMap, valueEquals } from './value.js';

export interface Comparison {
  readonly added: FieldSet;
  readonly modified: FieldSet;
  readonly removed: FieldSet;
}

interface Out {
  added: SetNode | undefined;
  modified: SetNode | undefined;
  removed: SetNode | undefined;
}

export function compare(lhs: unknown, rhs: unknown, atom: Atom): Comparison {
  const holder: Out = { added: new Map(), modified: new Map(), removed: new Map() };
  compareAt(lhs, rhs, atom, holder, '');
  const top = (n: SetNode | undefined) => FieldSet.of(n?.get('')?.children);
  return { added: top(holder.added), modified: top(holder.modified), removed: top(holder.removed) };
}

/** True when nothing differs. */
export function isSame(c: Comparison): boolean {
  return c.added.empty && c.modified.empty && c.removed.empty;
}

function add(out: Out, which: keyof Out, key: PathKey): void {
  markMember((out[which] ??= new Map()), key);
}

function compareAt(l: unknown, r: unknown, atom: Atom, out: Out, key: PathKey): void {
  // The same value on both sides (unchanged subtrees a patch shares with the live object).
  if (l === r) return;
  // Only one side: the whole subtree is added (or removed), a common case worth a lean walk.
  if (l === undefined) return oneSided(r, atom, (out.added ??= new Map()), key);
  if (r === undefined) return oneSided(l, atom, (out.removed ??= new Map()), key);
  let inLeaf: boolean;
  if (r === undefined) inLeaf = handle(l, r, atom, pick(atom, l), out, key);
  else if (l === undefined || samePick(atom, l, r)) inLeaf = handle(l, r, atom, pick(atom, r), out, key);
  else {
    // The two sides are different kinds of value (possible only where the schema allows
    // several): SMD walks both interpretations into the same comparison.
    handle(l, r, atom, pick(atom, l), out, key);
    inLeaf = handle(l, r, atom, pick(atom, r), out, key);
  }
  if (!inLeaf) {
    if (l === undefined) add(out, 'added', key);
    else if (r === undefined) add(out, 'removed', key);
  }
}

/** Returns whether the path was treated as a leaf. */
function handle(l: unknown, r: unknown, atom: Atom, which: ReturnType<typeof pick>, out: Out, key: PathKey): boolean {
  switch (which) {
    case 'map':
      return compareMaps(l, r, atom.map!, out, key);
    case 'list':
      return compareLists(l, r, atom.list!, out, key);
    default:
      leaf(l, r, out, key);
      return true;
  }
}

/**
 * compareAt with one side absent, writing into that side's set: every path of the value is a
 * member, granular maps and list elements included (they exist on one side only).
 */
function oneSided(v: unknown, atom: Atom, node: SetNode, key: PathKey): void {
  markMember(node, key);
  switch (pick(atom, v)) {
    case 'map': {
      const m = atom.map!;
      if (m.atomic || !isMap(v)) return;
      let child: SetNode | undefined;
      for (const k in v) {
        const x = v[k];
        if (x === undefined) continue;
        const t = m.fields?.get(k) ?? m.elem;
        oneSided(x, t ? t.atom : UNTYPED, (child ??= new Map()), fieldKey(k));
      }
      attachChildren(node, key, child);
      return;
    }
    case 'list': {
      const l = atom.list!;
      if (l.atomic || !Array.isArray(v) || v.length === 0) return;
      const items = new Map<PathKey, unknown[]>();
      for (let i = 0; i < v.length; i++) {
        const pe = listItemKey(l, i, v[i]);
        if (typeof pe !== 'string') continue;
        const seen = items.get(pe);
        if (seen) seen.push(v[i]);
        else items.set(pe, [v[i]]);
      }
      const child: SetNode = new Map();
      const elem = l.elem.atom;
      // Duplicated elements count as one atomic value.
      for (const [pe, xs] of items) {
        if (xs.length === 1) oneSided(xs[0], elem, child, pe);
        else markMember(child, pe);
      }
      attachChildren(node, key, child);
      return;
    }
    default:
  }
}

function leaf(l: unknown, r: unknown, out: Out, key: PathKey): void {
  if (l === undefined) add(out, 'added', key);
  else if (r === undefined) add(out, 'removed', key);
  else if (!valueEquals(l, r)) add(out, 'modified', key);
}

function isEmptyMap(v: unknown): boolean {
  if (!isMap(v)) return true;
  for (const k in v) if (v[k] !== undefined) return false;
  return true;
}

function child(): Out {
  return { added: undefined, modified: undefined, removed: undefined };
}

function attach(out: Out, key: PathKey, c: Out): void {
  if (c.added) attachChildren((out.added ??= new Map()), key, c.added);
  if (c.modified) attachChildren((out.modified ??= new Map()), key, c.modified);
  if (c.removed) attachChildren((out.removed ??= new Map()), key, c.removed);
}

function compareMaps(l: unknown, r: unknown, m: MapAtom, out: Out, key: PathKey): boolean {
  const lm = isMap(l) ? l : undefined;
  const rm = isMap(r) ? r : undefined;
  if (m.atomic || (isEmptyMap(lm) && isEmptyMap(rm))) {
    leaf(l, r, out, key);
    return true;
  }
  const c = child();
  if (lm) {
    for (const k in lm) {
      const lv = lm[k];
      if (lv === undefined) continue;
      const rv = rm ? rm[k] : undefined;
      const t = m.fields?.get(k) ?? m.elem;
      compareAt(lv, rv, t ? t.atom : UNTYPED, c, fieldKey(k));
    }
  }
  if (rm) {
    for (const k in rm) {
      const rv = rm[k];
      if (rv === undefined || (lm && lm[k] !== undefined)) continue;
      const t = m.fields?.get(k) ?? m.elem;
      compareAt(undefined, rv, t ? t.atom : UNTYPED, c, fieldKey(k));
    }
  }
  attach(out, key, c);
  return false;
}

function compareLists(l: unknown, r: unknown, list: ListAtom, out: Out, key: PathKey): boolean {
  const ll = Array.isArray(l) ? l : undefined;
  const rl = Array.isArray(r) ? r : undefined;
  if (list.atomic || ((!ll || ll.length === 0) && (!rl || rl.length === 0))) {
    leaf(l, r, out, key);
    return true;
  }
  // Elements by path element, duplicates kept together, in first-seen order.
  const lItems = new Map<PathKey, unknown[]>();
  const rItems = new Map<PathKey, unknown[]>();
  const order: PathKey[] = [];
  if (ll) {
    for (let i = 0; i < ll.length; i++) {
      const pe = listItemKey(list, i, ll[i]);
      if (typeof pe !== 'string') continue;
      const seen = lItems.get(pe);
      if (seen) seen.push(ll[i]);
      else {
        lItems.set(pe, [ll[i]]);
        order.push(pe);
      }
    }
  }
  if (rl) {
    for (let i = 0; i < rl.length; i++) {
      const pe = listItemKey(list, i, rl[i]);
      if (typeof pe !== 'string') continue;
      const seen = rItems.get(pe);
      if (seen) seen.push(rl[i]);
      else {
        rItems.set(pe, [rl[i]]);
        if (!lItems.has(pe)) order.push(pe);
      }
    }
  }
  const c = child();
  const elem = list.elem.atom;
  for (const pe of order) {
    const ls = lItems.get(pe) ?? [];
    const rs = rItems.get(pe) ?? [];
    if (ls.length <= 1 && rs.length <= 1) {
      compareAt(ls[0], rs[0], elem, c, pe);
    } else if (ls.length >= 2 && rs.length >= 2) {
      // Duplicates on both sides compare as one atomic value.
      if (ls.length !== rs.length || ls.some((x, i) => !valueEquals(x, rs[i]))) add(c, 'modified', pe);
    } else if (ls.length >= 2) {
      if (rs.length > 0) compareAt(undefined, rs[0], elem, c, pe);
      add(c, 'removed', pe);
    } else {
      if (ls.length > 0) compareAt(ls[0], undefined, elem, c, pe);
      add(c, 'added', pe);
    }
  }
  attach(out, key, c);
  return false;
}
