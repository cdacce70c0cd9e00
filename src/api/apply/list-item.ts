// How an element of a list is named in a field path, as structured-merge-diff names it: by its
// key fields in an associative list (`k:{"name":"nginx"}`, a missing key taking its schema
// default), by its value in a set (`v:"a"`), by its position in an atomic list (`i:0`). The
// error texts are SMD's, since they reach clients inside apply errors.

import { goQuote } from '../labels/go-format.js';
import { indexKey, keyKey, valueKey, type PathKey } from './path-element.js';
import type { ListAtom } from './schema-types.js';
import { goJson, isMap } from './value.js';

export class ListItemError extends Error {
  override name = 'ListItemError';
}

/** The path element of list[index], or a ListItemError saying why it has none. */
export function listItemKey(list: ListAtom, index: number, item: unknown): PathKey | ListItemError {
  if (list.atomic) return indexKey(index);
  if (list.keys.length > 0) {
    if (item === null || item === undefined) return new ListItemError('associative list with keys may not have a null element');
    if (!isMap(item)) return new ListItemError('associative list with keys may not have non-map elements');
    if (list.keys.length === 1) {
      // The common case (name, uid, mountPath, ...): skip the generic sort.
      const k = list.keys[0]!;
      if (Object.hasOwn(item, k) && item[k] !== undefined) return 'k:{' + goJson(k) + ':' + goJson(item[k]) + '}';
    }
    const fields: [string, unknown][] = [];
    for (const k of list.keys) {
      if (Object.hasOwn(item, k) && item[k] !== undefined) {
        fields.push([k, item[k]]);
        continue;
      }
      const defaults = list.elem.atom.map?.defaults;
      if (defaults?.has(k)) {
        fields.push([k, defaults.get(k)]);
        continue;
      }
      return new ListItemError(`associative list with keys has an element that omits key field ${goQuote(k)} (and doesn't have default value)`);
    }
    return keyKey(fields);
  }
  if (isMap(item)) return new ListItemError("associative list without keys has an element that's a map type");
  if (Array.isArray(item)) return new ListItemError('not supported: associative list with lists as elements');
  if (item === null || item === undefined) return new ListItemError("associative list without keys has an element that's an explicit null");
  return valueKey(item);
}
