// The order of a list after a strategic merge patch. Items split in two: those the patch
// names (in its list, or in $setElementOrder) and those only the server has. Patch items
// take the patch's order; server-only items keep their order in the object; then the two
// runs are interleaved by the server's order where both items have a place in it, a
// patch item going first where either does not. Items of a list of objects are
// identified by their merge key, other items by value; entries that delete
// ($patch: delete) go last. The comparisons and the sort are the apiserver's, so lists
// with duplicates or items missing from the reference order come out as they do there.

import type { Json } from '../meta.js';
import { badArgType, noMergeKey, unexpected } from './strategic-errors.js';
import { GO_MAP, GO_SLICE, goEqual, goFormatV, goHashKey, GoPanic, goTypeOf, type GoTypeName } from './strategic-go-value.js';
import { goSliceStable } from './strategic-stable-sort.js';
import { getOwn, hasOwn, isJsonObject } from './json-value.js';

export const DIRECTIVE = '$patch';
export const DELETE_DIRECTIVE = 'delete';

/** The item in `list` whose `key` equals `value`, with its index; -1 when none. */
export function findByMergeKey(list: readonly Json[], key: string, value: Json | undefined): number {
  for (let i = 0; i < list.length; i++) {
    const item = list[i]!;
    if (!isJsonObject(item)) throw unexpected(`value for key ${i} is not a map`);
    if (hasOwn(item, key) && goEqual(item[key], value)) return i;
  }
  return -1;
}

/** Every item of the lists is an object holding the merge key. */
function requireMergeKeys(mergeKey: string, ...lists: (readonly Json[])[]): void {
  for (const list of lists) {
    for (const item of list) {
      if (!isJsonObject(item)) throw badArgType(GO_MAP, item);
      if (!hasOwn(item, mergeKey)) throw noMergeKey(item, mergeKey);
    }
  }
}

/** Splits a patch list into its entries and its $patch: delete entries. */
export function splitDeletions(list: readonly Json[]): { keep: Json[]; deletions: Json[] } {
  const keep: Json[] = [];
  const deletions: Json[] = [];
  for (const item of list) {
    if (!isJsonObject(item)) throw badArgType(GO_MAP, item);
    if (hasOwn(item, DIRECTIVE) && item[DIRECTIVE] === DELETE_DIRECTIVE) deletions.push(item);
    else keep.push(item);
  }
  return { keep, deletions };
}

/** Position of `item` in `list`: by merge key for objects, by value otherwise. */
function indexIn(list: readonly Json[], item: Json, mergeKey: string, ofMaps: boolean): number {
  const identity = (v: Json): Json | undefined => (ofMaps ? (isJsonObject(v) ? getOwn(v, mergeKey) : undefined) : v);
  const want = identity(item);
  for (let i = 0; i < list.length; i++) if (goEqual(want, identity(list[i]!))) return i;
  return -1;
}

/** Sorts `items` by their position in `order`; deletions are moved to the end. */
function sortByOrder(items: Json[], order: readonly Json[], mergeKey: string, ofMaps: boolean): Json[] {
  let deletions: Json[] = [];
  if (ofMaps) {
    requireMergeKeys(mergeKey, items, order);
    ({ keep: items, deletions } = splitDeletions(items));
  }
  goSliceStable(items, (a, b) => {
    const ia = indexIn(order, a, mergeKey, ofMaps);
    if (ia >= 0) {
      const ib = indexIn(order, b, mergeKey, ofMaps);
      if (ib >= 0) return ia < ib;
    }
    return true;
  });
  return [...items, ...deletions];
}

/**
 * Interleaves server-only items into the patch items: a server item goes first only
 * where the server's order places both and puts it before the patch item.
 */
function interleave(serverOnly: readonly Json[], patchItems: readonly Json[], serverOrder: readonly Json[], mergeKey: string, ofMaps: boolean): Json[] {
  const out: Json[] = [];
  let i = 0;
  let j = 0;
  while (i < serverOnly.length || j < patchItems.length) {
    if (i >= serverOnly.length) out.push(patchItems[j++]!);
    else if (j >= patchItems.length) out.push(serverOnly[i++]!);
    else {
      const li = indexIn(serverOrder, serverOnly[i]!, mergeKey, ofMaps);
      const ri = indexIn(serverOrder, patchItems[j]!, mergeKey, ofMaps);
      if (li >= 0 && ri >= 0 && li < ri) out.push(serverOnly[i++]!);
      else out.push(patchItems[j++]!);
    }
  }
  return out;
}

/** The final order of a merged list. */
export function orderMergedList(
  patchItems: Json[],
  serverOnly: Json[],
  patchOrder: readonly Json[],
  serverOrder: readonly Json[],
  mergeKey: string,
  ofMaps: boolean,
): Json[] {
  const sortedPatch = sortByOrder(patchItems, patchOrder, mergeKey, ofMaps);
  const sortedServer = sortByOrder(serverOnly, serverOrder, mergeKey, ofMaps);
  return interleave(sortedServer, sortedPatch, serverOrder, mergeKey, ofMaps);
}

/** Splits scalar items into those `by` holds and the rest. */
export function partitionScalars(items: readonly Json[], by: readonly Json[]): { inPatch: Json[]; serverOnly: Json[] } {
  const present = new Set(by.map(goHashKey));
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of items) (present.has(goHashKey(v)) ? inPatch : serverOnly).push(v);
  return { inPatch, serverOnly };
}

/** Splits object items into those whose merge key `by` holds and the rest. */
export function partitionByMergeKey(items: readonly Json[], by: readonly Json[], mergeKey: string): { inPatch: Json[]; serverOnly: Json[] } {
  const inPatch: Json[] = [];
  const serverOnly: Json[] = [];
  for (const v of items) {
    if (!isJsonObject(v)) throw badArgType(GO_MAP, v);
    if (!hasOwn(v, mergeKey)) throw noMergeKey(v, mergeKey);
    (findByMergeKey(by, mergeKey, v[mergeKey]) >= 0 ? inPatch : serverOnly).push(v);
  }
  return { inPatch, serverOnly };
}

/**
 * The element kind of the lists together, as the apiserver checks it: all items of one
 * type, no lists of lists. Returns whether the items are objects.
 */
export function listOfMaps(lists: readonly (readonly Json[])[], onListOfLists: () => Error): boolean {
  let first: GoTypeName | undefined;
  for (const list of lists) {
    for (const v of list) {
      const t = goTypeOf(v);
      if (first === undefined) {
        // The apiserver asks a nil first item for its kind and crashes.
        if (t === 'nil') throw new GoPanic('runtime error: invalid memory address or nil pointer dereference');
        if (t === GO_SLICE) throw onListOfLists();
        first = t;
      } else if (t !== first) {
        throw unexpected(`list element types are not identical: ${goFormatV(lists.map((l) => [...l]))}`);
      }
    }
  }
  if (first === undefined) throw unexpected('no elements in any of the given slices');
  return first === GO_MAP;
}
