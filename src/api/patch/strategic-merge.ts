// Strategic merge patch (application/strategic-merge-patch+json) applied as the Kubernetes
// 1.32 apiserver applies it to a built-in object: what `kubectl apply` (client-side),
// `kubectl patch`, `edit`, `label`, `set image`, `rollout restart` and the like send.
//
// Objects merge key by key and null deletes a key. A list whose field has patch strategy
// "merge" merges: objects by their merge key (matched entries merge recursively, new ones
// are added), scalars as a set; any other list is replaced. The directives:
//   $patch: replace | delete       on an object: replace it with the rest of the patch / empty it
//   {$patch: delete, <key>: v}     in a merging list: remove every entry with that key
//   {$patch: replace}              in a merging list: the list becomes the patch's entries
//   $deleteFromPrimitiveList/<f>   scalars to remove from the list f
//   $setElementOrder/<f>           the order of the merged list f (server-only items keep
//                                  their place relative to it)
//   $retainKeys: [k...]            drop every key of the object not listed
// `$patch: merge` is not accepted (the apiserver does not either), nor is any other value.
// Lists take the patch's order for the items it names, with server-only items woven in.
//
// The apiserver's quirks are kept on purpose, since clients see them: a value set where
// the object had none (or one of another type) loses its null members and every object
// inside it that carries $patch, while entries added to a merged list and values that
// replace a list or map wholesale are taken as they are; a new entry of a merged list goes
// before the object's entries unless $setElementOrder says otherwise; and list orders
// follow the apiserver's in-place list edits. Failures are StatusErrors shaped as the
// apiserver sends them (see strategic-errors.ts).
//
// Patch metadata comes from the kind's schema (strategic-patch-meta.ts). The result is a
// new document: it shares nothing with `original` or `patch`. What the apiserver does next
// (decoding into the typed object, which drops nulls and unknown fields, then defaulting)
// is the caller's part.

import type { Json } from '../meta.js';
import type { SchemaNode } from '../openapi/schema.js';
import { PatchDecodeError } from './errors.js';
import { GoJsonSyntaxError, parseGoJson } from './go-json.js';
import { cloneJson, goKind, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value.js';
import {
  badArgType,
  badPatchType,
  badPrimitiveListFormat,
  badRetainKeysFormat,
  badSetElementOrderFormat,
  listOfLists,
  noMergeKey,
  StrategicMergePatchError,
  StrategicMergePatchPanic,
  unexpected,
} from './strategic-errors.js';
import { GoSlice } from './strategic-go-slice.js';
import { GO_MAP, GO_SLICE, goEqual, goFormatV, goHashKey, GoPanic, goStringKey, goTypeOf } from './strategic-go-value.js';
import {
  DELETE_DIRECTIVE,
  DIRECTIVE,
  findByMergeKey,
  listOfMaps,
  orderMergedList,
  partitionByMergeKey,
  partitionScalars,
  splitDeletions,
} from './strategic-list-order.js';
import { patchMetaLookup, splitPatchStrategy, type PatchMetaLookup, type PatchMetaOptions } from './strategic-patch-meta.js';

export { StrategicMergePatchError, StrategicMergePatchPanic };

const REPLACE_DIRECTIVE = 'replace';
const MERGE_DIRECTIVE = 'merge';
const MERGE_STRATEGY = 'merge';
const REPLACE_STRATEGY = 'replace';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE_LIST = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

export type StrategicMergeOptions = PatchMetaOptions;

/**
 * Parses a strategic merge patch body as the apiserver decodes it: not JSON, or JSON that
 * is not an object, is 400 with Go's text. `null` is an empty patch.
 */
export function parseStrategicMergePatch(body: string | Uint8Array): JsonObject | null {
  let patch: Json;
  try {
    patch = parseGoJson(body);
  } catch (e) {
    if (e instanceof GoJsonSyntaxError) throw new PatchDecodeError(e.message);
    throw e;
  }
  return asPatch(patch);
}

function asPatch(patch: Json): JsonObject | null {
  if (patch === null || isJsonObject(patch)) return patch;
  throw new PatchDecodeError(`json: cannot unmarshal ${goKind(patch)} into Go value of type map[string]interface {}`);
}

/**
 * Applies a decoded strategic merge patch to `original`, an object of the kind `schema`
 * describes (undefined: no schema, so maps merge and every list is replaced). Neither
 * input is changed, and the result shares nothing with them.
 */
export function applyStrategicMergePatch(original: Json, patch: Json, schema: SchemaNode | undefined, options: StrategicMergeOptions = {}): Json {
  if (!isJsonObject(original)) throw unexpected('invalid JSON document');
  const p = asPatch(patch);
  return applyStrategicMergePatchInPlace(cloneJson(original), p === null ? null : cloneJson(p), schema, options);
}

/**
 * applyStrategicMergePatch editing both documents in place, as the apiserver does: the
 * result is built from `original`'s and `patch`'s own values, and `patch` is left as the
 * apiserver leaves it (directives consumed, null members dropped), which is what its
 * error messages quote when the patched object then fails to decode.
 */
export function applyStrategicMergePatchInPlace(
  original: Json,
  patch: Json,
  schema: SchemaNode | undefined,
  options: StrategicMergeOptions = {},
): Json {
  if (!isJsonObject(original)) throw unexpected('invalid JSON document');
  const p = asPatch(patch);
  if (p === null) return original;
  try {
    return mergeMap(original, p, patchMetaLookup(schema, options));
  } catch (e) {
    if (e instanceof GoPanic) throw new StrategicMergePatchPanic(e.message);
    throw e;
  }
}

/** parseStrategicMergePatch, then applyStrategicMergePatch. */
export function applyStrategicMergePatchText(
  original: Json,
  body: string | Uint8Array,
  schema: SchemaNode | undefined,
  options: StrategicMergeOptions = {},
): Json {
  const patch = parseStrategicMergePatch(body);
  if (!isJsonObject(original)) throw unexpected('invalid JSON document');
  // The patch was just decoded, so it can be consumed in place.
  return applyStrategicMergePatchInPlace(cloneJson(original), patch, schema, options);
}

/** Merges `patch` into the object `original` (edited in place) and returns the result. */
function mergeMap(original: JsonObject, patch: JsonObject, schema: PatchMetaLookup): JsonObject {
  if (hasOwn(patch, DIRECTIVE)) return mapDirective(patch);
  applyRetainKeys(original, patch);
  applyElementOrders(original, patch, schema);

  for (const key of mergeOrder(patch)) {
    const value = patch[key]!;
    let k = key;
    let deletions = false;
    if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
      k = directiveTarget(key, DELETE_FROM_PRIMITIVE_LIST, badPrimitiveListFormat) || key;
      deletions = true;
    }
    if (value === null) {
      delete original[k];
      continue;
    }
    if (!hasOwn(original, k) || goTypeOf(original[k]) !== goTypeOf(value)) {
      // New, or of another type: the patch's value, minus its null members and its
      // directives. A list of scalars to delete from a list the object lacks is dropped.
      if (!deletions) setValue(original, k, dropNullMembers(value));
      continue;
    }
    const current = original[k]!;
    const type = goTypeOf(current);
    if (type === GO_MAP) {
      const { schema: field, meta } = schema.forStruct(k);
      const { strategy } = splitPatchStrategy(meta);
      setOwn(original, k, strategy === REPLACE_STRATEGY ? value : mergeMap(current as JsonObject, value as JsonObject, field));
    } else if (type === GO_SLICE) {
      const { schema: items, meta } = schema.forSlice(k);
      const { strategy } = splitPatchStrategy(meta);
      // A deletion list removes from any list, whatever the field's strategy.
      const merge = strategy === MERGE_STRATEGY || deletions;
      setOwn(original, k, merge ? mergeList(GoSlice.over(current as Json[]), value as Json[], items, meta.mergeKey, deletions) : value);
    } else {
      setValue(original, k, value);
    }
  }
  return original;
}

/**
 * The order in which patch keys are merged. The apiserver walks a Go map, in no fixed
 * order; only a list and a deletion list for the same field depend on it, and kite takes
 * the order the apiserver always uses when $setElementOrder comes along: additions, then
 * deletions.
 */
function mergeOrder(patch: JsonObject): string[] {
  const keys = Object.keys(patch);
  const deletions = keys.filter((k) => k.startsWith(DELETE_FROM_PRIMITIVE_LIST));
  return deletions.length === 0 ? keys : [...keys.filter((k) => !k.startsWith(DELETE_FROM_PRIMITIVE_LIST)), ...deletions];
}

/** Sets a value taken from the patch without merging: directives in it are dropped. */
function setValue(o: JsonObject, key: string, value: Json): void {
  const [clean, keep] = withoutDirectives(value);
  if (keep) setOwn(o, key, clean);
  else delete o[key];
}

/** An object patch carrying $patch: replace gives itself, delete gives {}. */
function mapDirective(patch: JsonObject): JsonObject {
  const directive = patch[DIRECTIVE]!;
  if (directive === REPLACE_DIRECTIVE) {
    delete patch[DIRECTIVE];
    return patch;
  }
  if (directive === DELETE_DIRECTIVE) return {};
  throw badPatchType(directive, patch);
}

/** The field a "$directive/field" key names; `onBad` when the key is not of that form. */
function directiveTarget(key: string, prefix: string, onBad: () => Error): string {
  const slash = key.indexOf('/');
  if (slash < 0 || key.slice(0, slash) !== prefix) throw onBad();
  return key.slice(slash + 1);
}

/** $retainKeys: every key the patch sets must be listed; the object keeps only listed keys. */
function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!hasOwn(patch, RETAIN_KEYS)) return;
  const listed = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(listed)) throw badRetainKeysFormat();
  const keep = new Set(listed.map(goHashKey));
  for (const k of Object.keys(patch)) {
    if (patch[k] === null || k.startsWith(DELETE_FROM_PRIMITIVE_LIST) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!keep.has(goStringKey(k))) throw badRetainKeysFormat();
  }
  for (const k of Object.keys(original)) if (!keep.has(goStringKey(k))) delete original[k];
}

/**
 * $setElementOrder/<f>: merges the patch's list f into the object's (if both have one) and
 * orders the result; the patch's f is then consumed.
 */
function applyElementOrders(original: JsonObject, patch: JsonObject, schema: PatchMetaLookup): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw badArgType(GO_SLICE, order);
    const target = directiveTarget(key, SET_ELEMENT_ORDER, badSetElementOrderFormat);
    const originalList = listAt(original, target);
    const patchList = listAt(patch, target);
    const { schema: items, meta } = schema.forSlice(target);
    const { strategy } = splitPatchStrategy(meta);
    const mergeKey = meta.mergeKey;
    checkOrderAgainstPatch(patchList ?? [], order, mergeKey);

    let merged: Json[];
    if (originalList && patchList) {
      merged = strategy === MERGE_STRATEGY ? mergeList(GoSlice.over(originalList), patchList, items, mergeKey, false) : patchList;
    } else if (originalList) {
      merged = originalList;
    } else if (patchList) {
      merged = withoutDirectives(patchList)[0] as Json[];
    } else {
      continue;
    }
    // originalList is read after the merge on purpose: the merge edited it in place.
    const { inPatch: named, serverOnly } = mergeKey === '' ? partitionScalars(merged, order) : partitionByMergeKey(merged, order, mergeKey);
    const ofMaps = listOfMaps([originalList ?? [], patchList ?? []], listOfLists);
    setOwn(original, target, orderMergedList(named, serverOnly, order, originalList ?? [], mergeKey, ofMaps));
    delete patch[target];
  }
}

/** The list at `key`, undefined when there is none; anything else there is an error. */
function listAt(o: JsonObject, key: string): Json[] | undefined {
  if (!hasOwn(o, key)) return undefined;
  const v = o[key];
  if (!Array.isArray(v)) throw badArgType(GO_SLICE, v);
  return v;
}

/** The patch's list must name its items in the order $setElementOrder gives them. */
function checkOrderAgainstPatch(patchList: readonly Json[], order: readonly Json[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey === '' ? patchList : splitDeletions(patchList).keep;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const item = items[p]!;
    if (isJsonObject(item) && hasOwn(item, DIRECTIVE)) {
      p++;
      continue;
    }
    if (sameItem(item, order[o]!, mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw unexpected(`The order in patch list:\n${goFormatV([...patchList])}\n doesn't match ${SET_ELEMENT_ORDER} list:\n${goFormatV([...order])}\n`);
  }
}

/** Whether two list items are the same item: equal merge keys, or equal values. */
function sameItem(a: Json, b: Json, mergeKey: string): boolean {
  if (mergeKey === '') return goEqual(a, b);
  if (!isJsonObject(a)) throw badArgType(GO_MAP, a);
  if (!isJsonObject(b)) throw badArgType(GO_MAP, b);
  if (!hasOwn(a, mergeKey)) throw noMergeKey(a, mergeKey);
  if (!hasOwn(b, mergeKey)) throw noMergeKey(b, mergeKey);
  return goEqual(a[mergeKey], b[mergeKey]);
}

/**
 * Merges a patch list into the object's list of a field with the merge strategy.
 * `deletions`: the patch list is a $deleteFromPrimitiveList.
 */
function mergeList(original: GoSlice, patch: Json[], items: PatchMetaLookup, mergeKey: string, deletions: boolean): Json[] {
  if (original.length === 0 && patch.length === 0) return original.items();
  const ofMaps = listOfMaps([original.items(), patch], listOfLists);

  let server = original;
  let named = patch;
  let merged: GoSlice;
  if (!ofMaps) {
    if (deletions) return withoutScalars(original.items(), patch);
    merged = original.append(patch).dedupe();
  } else {
    if (mergeKey === '') throw unexpected(`cannot merge lists without merge key for ${items.kind}`);
    ({ server, named } = applyListDirectives(original, patch, mergeKey));
    merged = mergeEntries(server, named, mergeKey, items);
  }
  const all = merged.items();
  const { inPatch, serverOnly } = mergeKey === '' ? partitionScalars(all, named) : partitionByMergeKey(all, named, mergeKey);
  return orderMergedList(inPatch, serverOnly, named, server.items(), mergeKey, ofMaps);
}

/**
 * Applies the entries of a patch list that carry $patch: deletions edit the object's list
 * in place; a replace entry makes the remaining entries the whole list.
 */
function applyListDirectives(original: GoSlice, patch: readonly Json[], mergeKey: string): { server: GoSlice; named: Json[] } {
  const entries: Json[] = [];
  let replace = false;
  let server = original;
  for (const v of patch) {
    const entry = v as JsonObject;
    if (!hasOwn(entry, DIRECTIVE)) {
      entries.push(v);
      continue;
    }
    const directive = entry[DIRECTIVE]!;
    if (directive === DELETE_DIRECTIVE) {
      if (!hasOwn(entry, mergeKey)) throw noMergeKey(entry, mergeKey);
      server = removeByMergeKey(server, mergeKey, entry[mergeKey]!);
    } else if (directive === REPLACE_DIRECTIVE) {
      replace = true;
    } else if (directive === MERGE_DIRECTIVE) {
      throw unexpected('merging lists cannot yet be specified in the patch');
    } else {
      throw badPatchType(directive, entry);
    }
  }
  if (replace) return { server: GoSlice.over(entries), named: [] };
  return { server, named: entries };
}

function removeByMergeKey(list: GoSlice, mergeKey: string, value: Json): GoSlice {
  for (;;) {
    const i = findByMergeKey(list.items(), mergeKey, value);
    if (i < 0) return list;
    list = list.removeAt(i);
  }
}

/** Merges each patch entry into the entry with its merge key, or appends it. */
function mergeEntries(list: GoSlice, patch: readonly Json[], mergeKey: string, items: PatchMetaLookup): GoSlice {
  for (const v of patch) {
    const entry = v as JsonObject;
    if (!hasOwn(entry, mergeKey)) throw noMergeKey(entry, mergeKey);
    const i = findByMergeKey(list.items(), mergeKey, entry[mergeKey]);
    if (i >= 0) list.set(i, mergeMap(list.at(i) as JsonObject, entry, items));
    else list = list.append([v]);
  }
  return list;
}

/** `current` without the scalars `remove` lists. */
function withoutScalars(current: readonly Json[], remove: readonly Json[]): Json[] {
  const gone = new Set(remove.map(goHashKey));
  return current.filter((v) => !gone.has(goHashKey(v)));
}

const isDirective = (v: Json): boolean => isJsonObject(v) && hasOwn(v, DIRECTIVE);

/**
 * `v` without the objects that carry $patch, at any depth (objects are edited in place,
 * lists rebuilt); false when `v` itself carries $patch.
 */
function withoutDirectives(v: Json): [Json, boolean] {
  if (isDirective(v)) return [null, false];
  const root = Array.isArray(v) ? v.filter((e) => !isDirective(e)) : v;
  const work: Json[] = [root];
  while (work.length > 0) {
    const x = work.pop()!;
    if (Array.isArray(x)) {
      for (let i = 0; i < x.length; i++) {
        const e = x[i]!;
        if (Array.isArray(e)) x[i] = e.filter((c) => !isDirective(c));
        work.push(x[i]!);
      }
    } else if (isJsonObject(x)) {
      for (const k of Object.keys(x)) {
        const e = x[k]!;
        if (isDirective(e)) delete x[k];
        else {
          if (Array.isArray(e)) x[k] = e.filter((c) => !isDirective(c));
          work.push(x[k]!);
        }
      }
    }
  }
  return [root, true];
}

/** Removes null members from every object inside `v` (in place); nulls in lists stay. */
function dropNullMembers(v: Json): Json {
  const work: Json[] = [v];
  while (work.length > 0) {
    const x = work.pop()!;
    if (Array.isArray(x)) {
      for (const e of x) work.push(e);
    } else if (isJsonObject(x)) {
      for (const k of Object.keys(x)) {
        if (x[k] === null) delete x[k];
        else work.push(x[k]!);
      }
    }
  }
  return v;
}
