// The set of fields an object sets, as structured-merge-diff's TypedValue.ToFieldSet computes
// it: every scalar leaf; atomic lists and maps as one leaf; every element of an associative
// list or set (by key or value) as a member *and* its fields below it; every key of a map that
// is not a declared struct field (labels, annotations, data) as a member. Struct fields that
// hold granular values are not members themselves, only their leaves are (EnsureNamedFields
// below adds them back where SMD needs them). This is the applier's ownership on apply.
//
// One pass over the value, building the trie as it goes: linear in the size of the object.

import { attachChildren, FieldSet, markMember, type SetEntry, type SetNode } from './field-set.js';
import { listItemKey } from './list-item.js';
import { fieldKey, type PathKey } from './path-element.js';
import { fieldType, pick, UNTYPED, type Atom } from './schema-types.js';
import { isMap } from './value.js';

export function toFieldSet(value: unknown, atom: Atom): FieldSet {
  const root: SetNode = new Map();
  // The value itself sits at the empty path, which owns nothing: visit its children directly.
  const holder: SetNode = new Map();
  visit(value, atom, holder, '');
  const top = holder.get('');
  if (top?.children) for (const [k, e] of top.children) root.set(k, e);
  return FieldSet.of(root);
}

function visit(v: unknown, atom: Atom, parent: SetNode, key: PathKey): void {
  switch (pick(atom, v)) {
    case 'map': {
      const m = atom.map!;
      if (m.atomic) return markMember(parent, key);
      if (!isMap(v)) return;
      let child: SetNode | undefined;
      for (const k in v) {
        const x = v[k];
        if (x === undefined) continue;
        const declared = m.fields?.get(k);
        const t = declared ?? m.elem;
        const fk = fieldKey(k);
        child ??= new Map();
        visit(x, t ? t.atom : UNTYPED, child, fk);
        if (!declared) markMember(child, fk);
      }
      attachChildren(parent, key, child);
      return;
    }
    case 'list': {
      const l = atom.list!;
      if (l.atomic) return markMember(parent, key);
      if (!Array.isArray(v)) return;
      let child: SetNode | undefined;
      for (let i = 0; i < v.length; i++) {
        const ik = listItemKey(l, i, v[i]);
        if (typeof ik !== 'string') continue; // unnamed elements own nothing (validation rejects them)
        child ??= new Map();
        visit(v[i], l.elem.atom, child, ik);
        markMember(child, ik);
      }
      attachChildren(parent, key, child);
      return;
    }
    default:
      markMember(parent, key);
  }
}

/**
 * SMD's Set.EnsureNamedFieldsAreMembers: the set plus every declared struct field that has
 * members below it. Pruning works on these so that removing the last leaf of a struct field
 * removes the field too.
 */
export function ensureNamedFieldsAreMembers(set: FieldSet, atom: Atom): FieldSet {
  return FieldSet.of(ensureNode(set.root, atom));
}

function ensureNode(node: SetNode | undefined, atom: Atom | undefined): SetNode | undefined {
  if (!node) return undefined;
  const out: SetNode = new Map();
  for (const [k, e] of node) {
    let childAtom: Atom | undefined;
    let named = false;
    if (k.charCodeAt(0) === 0x66 /* f */ && atom?.map) {
      const name = k.slice(2);
      named = atom.map.fields?.has(name) ?? false;
      childAtom = fieldType(atom.map, name)?.atom;
    } else if (k.charCodeAt(0) === 0x6b /* k */ && atom?.list) {
      childAtom = atom.list.elem.atom;
    }
    const entry: SetEntry = {
      member: e.member || (named && e.children !== undefined),
      children: e.children ? ensureNode(e.children, childAtom) : undefined,
    };
    out.set(k, entry);
  }
  return out;
}
