// Removing a set of fields from an object, as structured-merge-diff's TypedValue.RemoveItems
// does it: a member path removes the field, map key or list element with everything below it;
// a path with children descends. Like SMD, a granular map or list left with nothing in it (or
// reached while empty) becomes null rather than disappearing; the apply pipeline turns those
// nulls into absent fields at the end, as decoding into Go types does in Kubernetes.
//
// Returns a new value; the input is not modified. Untouched subtrees are shared.

import type { SetNode } from './field-set.js';
import { listItemKey } from './list-item.js';
import { fieldKey } from './path-element.js';
import { pick, UNTYPED, type Atom } from './schema-types.js';
import { isMap } from './value.js';

export function removeItems(value: unknown, toRemove: SetNode | undefined, atom: Atom): unknown {
  if (!toRemove || toRemove.size === 0) return value;
  switch (pick(atom, value)) {
    case 'map': {
      const m = atom.map!;
      if (!isMap(value) || m.atomic) return null;
      const out: Record<string, unknown> = {};
      let n = 0;
      for (const k in value) {
        const v = value[k];
        if (v === undefined) continue;
        const e = toRemove.get(fieldKey(k));
        if (e?.member) continue;
        if (e?.children) {
          const t = m.fields?.get(k) ?? m.elem;
          out[k] = removeItems(v, e.children, t ? t.atom : UNTYPED);
        } else out[k] = v;
        n++;
      }
      return n > 0 ? out : null;
    }
    case 'list': {
      const l = atom.list!;
      if (!Array.isArray(value) || value.length === 0 || l.atomic) return null;
      const out: unknown[] = [];
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        const pe = listItemKey(l, i, item);
        const e = typeof pe === 'string' ? toRemove.get(pe) : undefined;
        if (e?.member) continue;
        out.push(e?.children ? removeItems(item, e.children, l.elem.atom) : item);
      }
      return out.length > 0 ? out : null;
    }
    default:
      return value;
  }
}
