// RFC 7386 JSON Merge Patch as the Kubernetes 1.32 apiserver applies it (evanphx/json-patch
// v4): null deletes a member, objects merge recursively, anything else replaces. v4 also
// strips nulls out of every value it inserts (null members and null array elements alike),
// except an array that replaces an object; kite does the same. A patch that is not JSON, or
// is null or a scalar, is 400 "Invalid JSON Patch". createMergePatch computes the patch
// between two documents as v4's CreateMergePatch does. Nothing returned shares structure with
// the inputs.

import { internalError } from '../errors.js';
import type { Json } from '../meta.js';
import { PatchDecodeError } from './errors.js';
import { GoJsonSyntaxError, parseGoJson } from './go-json.js';
import { cloneJson, getOwn, goKind, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value.js';

const BAD_PATCH = 'Invalid JSON Patch';
const BAD_DOC = 'Invalid JSON Document';
const MISMATCHED = 'Mismatched JSON Documents';

function badPatch(): PatchDecodeError {
  return new PatchDecodeError(BAD_PATCH);
}

/** A copy of `v` with null members and null array elements removed at every depth. */
function withoutNulls(v: Json): Json {
  return cloneJson(v, true);
}

/** Merges `patch` into `doc`, which is already a private copy. */
function mergeInto(doc: JsonObject, patch: JsonObject): void {
  for (const k of Object.keys(patch)) {
    const v = patch[k]!;
    if (v === null) {
      delete doc[k];
      continue;
    }
    const cur = getOwn(doc, k);
    if (cur === undefined || cur === null || !isJsonObject(cur)) {
      setOwn(doc, k, withoutNulls(v));
    } else if (!isJsonObject(v)) {
      // v4 inserts a value that replaces an object as it came, nulls and all.
      setOwn(doc, k, cloneJson(v));
    } else {
      mergeInto(cur, v);
    }
  }
}

/** Parses a merge patch body; anything that is not JSON is 400 "Invalid JSON Patch". */
export function parseMergePatch(body: string | Uint8Array): Json {
  try {
    return parseGoJson(body);
  } catch (e) {
    if (e instanceof GoJsonSyntaxError) throw badPatch();
    throw e;
  }
}

/** Applies a decoded merge patch to a copy of `doc`. */
export function applyMergePatch(doc: Json, patch: Json): Json {
  // A null document is v4's "Invalid JSON Document", which the apiserver reports as a 500.
  if (doc === null) throw internalError(new Error(BAD_DOC));
  if (patch === null) throw badPatch();
  if (isJsonObject(doc) && isJsonObject(patch)) {
    const out = cloneJson(doc) as JsonObject;
    mergeInto(out, patch);
    return out;
  }
  // Either side is not an object: the patch, nulls stripped, becomes the document.
  if (isJsonObject(patch) || Array.isArray(patch)) return withoutNulls(patch);
  throw badPatch();
}

/** parseMergePatch then applyMergePatch. */
export function applyMergePatchText(doc: Json, body: string | Uint8Array): Json {
  return applyMergePatch(doc, parseMergePatch(body));
}

// createMergePatch compares as Go compares decoded JSON: by type first, then by value.

function sameType(a: Json | undefined, b: Json | undefined): boolean {
  return goKind(a ?? null) === goKind(b ?? null);
}

function matchesValue(a: Json | undefined, b: Json | undefined): boolean {
  if (!sameType(a, b)) return false;
  if (a === undefined || a === null) return true;
  if (Array.isArray(a)) return matchesArray(a, b as Json[]);
  if (isJsonObject(a)) {
    const bo = b as JsonObject;
    const bk = Object.keys(bo);
    // Go compares the sizes, then only b's keys, reading a missing one as null.
    if (bk.length !== Object.keys(a).length) return false;
    return bk.every((k) => matchesValue(getOwn(a, k), bo[k]));
  }
  return a === b;
}

function matchesArray(a: readonly Json[], b: readonly Json[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!matchesValue(a[i], b[i])) return false;
  return true;
}

function diff(a: JsonObject, b: JsonObject): JsonObject {
  const into: JsonObject = {};
  for (const key of Object.keys(b)) {
    const bv = b[key]!;
    if (!hasOwn(a, key) || !sameType(a[key], bv)) {
      setOwn(into, key, cloneJson(bv));
      continue;
    }
    const av = a[key]!;
    if (isJsonObject(av)) {
      const d = diff(av, bv as JsonObject);
      if (Object.keys(d).length > 0) setOwn(into, key, d);
    } else if (Array.isArray(av)) {
      if (!matchesArray(av, bv as Json[])) setOwn(into, key, cloneJson(bv));
    } else if (av !== bv) {
      setOwn(into, key, bv);
    }
  }
  for (const key of Object.keys(a)) if (!hasOwn(b, key)) setOwn(into, key, null);
  return into;
}

function asDocument(v: Json): JsonObject {
  // Go decodes null into an empty map; anything else that is not an object is rejected.
  if (v === null) return {};
  if (!isJsonObject(v)) throw internalError(new Error(BAD_DOC));
  return v;
}

/**
 * The merge patch that turns `original` into `modified`: changed and added members, null for
 * removed ones. Two arrays of documents give an array of patches, pairwise.
 */
export function createMergePatch(original: Json, modified: Json): Json {
  const originalIsArray = Array.isArray(original);
  const modifiedIsArray = Array.isArray(modified);
  if (originalIsArray && modifiedIsArray) {
    if (original.length !== modified.length) throw internalError(new Error(BAD_DOC));
    return original.map((o, i) => diff(asDocument(o), asDocument(modified[i]!)));
  }
  if (originalIsArray !== modifiedIsArray) throw internalError(new Error(MISMATCHED));
  return diff(asDocument(original), asDocument(modified));
}
