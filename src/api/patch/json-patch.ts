// RFC 6902 JSON Patch as the Kubernetes 1.32 apiserver applies it (evanphx/json-patch v4):
// add, remove, replace, move, copy and test over JSON Pointer paths (~0 for "~", ~1 for "/",
// "-" to append, negative indices counting from the end). Where v4 departs from the RFC kite
// departs with it: replace and copy on a missing object member behave like add, a test for
// null passes on a missing member, and only "replace" and "test" accept the whole-document
// path "". Decoding failures are 400s, more than 10000 operations a 413, and any failure to
// apply a 422 whose JsonPatchError.detail holds v4's text. Results never share structure with
// the document or the patch.

import { internalError, type StatusError } from '../errors.js';
import type { Json } from '../meta.js';
import { goQuote } from '../labels/go-format.js';
import { JsonPatchError, MAX_JSON_PATCH_OPERATIONS, PatchDecodeError, tooManyOperations } from './errors.js';
import { GoJsonSyntaxError, parseGoJson } from './go-json.js';
import { cloneJson, getOwn, goJsonSize, goKind, hasOwn, isJsonObject, setOwn, type JsonObject } from './json-value.js';

export { MAX_JSON_PATCH_OPERATIONS };

/** The apiserver's default limit on bytes that "copy" operations may add (--json-patch-max-copy-bytes). */
export const DEFAULT_MAX_COPY_BYTES = 3 * 1024 * 1024;

export interface JsonPatchOptions {
  /** Total bytes "copy" may add; 0 for no limit. Defaults to the apiserver's 3 MiB. */
  maxCopyBytes?: number;
}

/** One decoded operation; null where the patch held a JSON null. */
export type JsonPatchOperation = Readonly<JsonObject> | null;

type Container = JsonObject | Json[];

/** A failure inside one operation, carrying evanphx's text. */
class Fail {
  constructor(readonly message: string) {}
}

const MISSING = 'missing value';
const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** Go's strconv.Atoi, as a bigint so error texts print the exact number. */
function atoi(s: string): bigint {
  if (!/^[+-]?[0-9]+$/.test(s)) throw new Fail(`strconv.Atoi: parsing ${goQuote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n > INT64_MAX || n < INT64_MIN) throw new Fail(`strconv.Atoi: parsing ${goQuote(s)}: value out of range`);
  return n;
}

function invalidIndex(idx: bigint): Fail {
  return new Fail(`Unable to access invalid index: ${idx}: invalid index referenced`);
}

/** RFC 6901 token decoding in one pass, as strings.NewReplacer("~1", "/", "~0", "~") does it. */
function decodeToken(token: string): string {
  return token.indexOf('~') === -1 ? token : token.replace(/~[01]/g, (m) => (m === '~1' ? '/' : '~'));
}

/** RFC 6901 token encoding, for building paths. */
export function escapePointerToken(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

// Container operations, each with v4's checks and texts. A missing object member and a null
// one both read as undefined/null ("nil" in v4); only remove tells them apart.

function get(con: Container, key: string): Json | undefined {
  if (!Array.isArray(con)) return getOwn(con, key);
  let idx = atoi(key);
  const len = BigInt(con.length);
  if (idx < 0n) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  if (idx >= len) throw invalidIndex(idx);
  return con[Number(idx)];
}

function set(con: Container, key: string, value: Json): void {
  if (!Array.isArray(con)) return setOwn(con, key, value);
  let idx = atoi(key);
  const len = BigInt(con.length);
  if (idx < 0n) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  con[Number(idx)] = value;
}

function add(con: Container, key: string, value: Json): void {
  if (!Array.isArray(con)) return setOwn(con, key, value);
  if (key === '-') {
    con.push(value);
    return;
  }
  let idx: bigint;
  try {
    idx = atoi(key);
  } catch (e) {
    throw e instanceof Fail ? new Fail(`value was not a proper array index: '${key}': ${e.message}`) : e;
  }
  const size = BigInt(con.length + 1);
  if (idx >= size) throw invalidIndex(idx);
  if (idx < 0n) {
    if (idx < -size) throw invalidIndex(idx);
    idx += size;
  }
  con.splice(Number(idx), 0, value);
}

function remove(con: Container, key: string): void {
  if (!Array.isArray(con)) {
    if (!hasOwn(con, key)) throw new Fail(`Unable to remove nonexistent key: ${key}: ${MISSING}`);
    delete con[key];
    return;
  }
  let idx = atoi(key);
  const len = BigInt(con.length);
  if (idx >= len) throw invalidIndex(idx);
  if (idx < 0n) {
    if (idx < -len) throw invalidIndex(idx);
    idx += len;
  }
  con.splice(Number(idx), 1);
}

/**
 * The container holding the last token of `path`, and that token. Like v4, everything before
 * the first "/" is ignored, and a path with no "/" at all finds nothing.
 */
function findObject(root: Container, path: string): [Container, string] | undefined {
  const split = path.split('/');
  if (split.length < 2) return undefined;
  let doc: Container = root;
  for (let p = 1; p < split.length - 1; p++) {
    let next: Json | undefined;
    try {
      next = get(doc, decodeToken(split[p]!));
    } catch (e) {
      if (e instanceof Fail) return undefined;
      throw e;
    }
    if (Array.isArray(next) || isJsonObject(next)) doc = next;
    else return undefined;
  }
  return [doc, decodeToken(split[split.length - 1]!)];
}

/** A string member as Operation.Path/From reads it: missing or null is ErrMissing. */
function readString(op: JsonObject, field: string, missing: string): string | Fail {
  const v = getOwn(op, field);
  if (v === undefined || v === null) return new Fail(missing);
  if (typeof v !== 'string') return new Fail(`json: cannot unmarshal ${goKind(v)} into Go value of type string`);
  return v;
}

/**
 * v4's lazyNode.equal between a value in the document (never null) and the test operand.
 * Scalars compare by their JSON text; an empty object or array equals null, as it does there.
 */
function equal(docValue: Json, want: Json): boolean {
  if (isJsonObject(docValue)) {
    if (want === null) return Object.keys(docValue).length === 0;
    if (!isJsonObject(want)) return false;
    const keys = Object.keys(docValue);
    if (keys.length !== Object.keys(want).length) return false;
    for (const k of keys) {
      if (!hasOwn(want, k)) return false;
      const v = docValue[k]!;
      const w = want[k]!;
      if ((v === null) !== (w === null)) return false;
      if (v !== null && !equal(v, w)) return false;
    }
    return true;
  }
  if (Array.isArray(docValue)) {
    if (want === null) return docValue.length === 0;
    if (!Array.isArray(want) || want.length !== docValue.length) return false;
    for (let i = 0; i < docValue.length; i++) {
      const v = docValue[i]!;
      // v4 dereferences a null element here and panics; treating null as equal to null is the
      // only answer that does not fail the request.
      if (v === null ? want[i] !== null : !equal(v, want[i]!)) return false;
    }
    return true;
  }
  return JSON.stringify(docValue) === JSON.stringify(want);
}

/** A nil-pointer dereference inside v4: the apiserver recovers it as a 500. */
function panic(): StatusError {
  return internalError(new Error('runtime error: invalid memory address or nil pointer dereference'));
}

export class JsonPatch {
  readonly operations: readonly JsonPatchOperation[];

  private constructor(operations: readonly JsonPatchOperation[]) {
    this.operations = operations;
  }

  /**
   * Decodes a patch body: 400 with Go's decoder text if it is not JSON or not an array of
   * objects, 413 beyond 10000 operations. A JSON null is the empty patch, as in Go.
   */
  static parse(body: string | Uint8Array): JsonPatch {
    let value: Json;
    try {
      value = parseGoJson(body);
    } catch (e) {
      if (e instanceof GoJsonSyntaxError) throw new PatchDecodeError(e.message);
      throw e;
    }
    return JsonPatch.from(value);
  }

  /** As parse, for a body already decoded. The operations are copied. */
  static from(value: Json): JsonPatch {
    if (value === null) return new JsonPatch([]);
    if (!Array.isArray(value)) throw new PatchDecodeError(`json: cannot unmarshal ${goKind(value)} into Go value of type jsonpatch.Patch`);
    const ops: JsonPatchOperation[] = [];
    for (const v of value) {
      if (v === null) ops.push(null);
      else if (isJsonObject(v)) ops.push(Object.freeze(cloneJson(v) as JsonObject));
      else throw new PatchDecodeError(`json: cannot unmarshal ${goKind(v)} into Go value of type jsonpatch.Operation`);
    }
    if (ops.length > MAX_JSON_PATCH_OPERATIONS) throw tooManyOperations(ops.length);
    return new JsonPatch(Object.freeze(ops));
  }

  get length(): number {
    return this.operations.length;
  }

  /** Applies the operations in order to a copy of `doc`; throws JsonPatchError (422) on failure. */
  apply(doc: Json, options: JsonPatchOptions = {}): Json {
    if (!Array.isArray(doc) && !isJsonObject(doc)) {
      throw new JsonPatchError(`json: cannot unmarshal ${goKind(doc)} into Go value of type jsonpatch.partialDoc`);
    }
    const limit = options.maxCopyBytes ?? DEFAULT_MAX_COPY_BYTES;
    const state = { root: cloneJson(doc) as Container, copied: 0 };
    for (const op of this.operations) {
      try {
        applyOne(state, op, limit);
      } catch (e) {
        if (e instanceof Fail) throw new JsonPatchError(e.message);
        throw e;
      }
    }
    return state.root;
  }
}

function opKind(op: JsonPatchOperation): string {
  if (op === null) return 'unknown';
  const v = getOwn(op, 'op');
  return typeof v === 'string' ? v : 'unknown';
}

/** The operation's value as v4 sees it: undefined when absent ("nil"), else a private copy. */
function opValue(op: JsonObject): Json | undefined {
  return hasOwn(op, 'value') ? cloneJson(op['value']!) : undefined;
}

function applyOne(state: { root: Container; copied: number }, op: JsonPatchOperation, limit: number): void {
  const kind = opKind(op);
  if (op === null || !['add', 'remove', 'replace', 'move', 'test', 'copy'].includes(kind)) {
    throw new Fail(`Unexpected kind: ${kind}`);
  }
  const pathMissing = `operation missing path field: ${MISSING}`;
  const fromMissing = `operation, missing from field: ${MISSING}`;
  const wrap = (prefix: string, fn: () => void): void => {
    try {
      fn();
    } catch (e) {
      throw e instanceof Fail ? new Fail(`${prefix}: ${e.message}`) : e;
    }
  };

  switch (kind) {
    case 'add': {
      const path = readString(op, 'path', pathMissing);
      if (path instanceof Fail) throw new Fail(`add operation failed to decode path: ${MISSING}`);
      const found = findObject(state.root, path);
      if (!found) throw new Fail(`add operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in add for path: '${path}'`, () => add(found[0], found[1], opValue(op) ?? null));
      return;
    }
    case 'remove': {
      const path = readString(op, 'path', pathMissing);
      if (path instanceof Fail) throw new Fail(`remove operation failed to decode path: ${MISSING}`);
      const found = findObject(state.root, path);
      if (!found) throw new Fail(`remove operation does not apply: doc is missing path: "${path}": ${MISSING}`);
      wrap(`error in remove for path: '${path}'`, () => remove(found[0], found[1]));
      return;
    }
    case 'replace': {
      const path = readString(op, 'path', pathMissing);
      if (path instanceof Fail) throw new Fail(`replace operation failed to decode path: ${path.message}`);
      if (path === '') {
        if (!hasOwn(op, 'value')) throw panic();
        const value = opValue(op)!;
        // Go formats a nil error with %w here.
        if (!Array.isArray(value) && !isJsonObject(value)) throw new Fail('replace operation value must be object or array: %!w(<nil>)');
        state.root = value;
        return;
      }
      const found = findObject(state.root, path);
      if (!found) throw new Fail(`replace operation does not apply: doc is missing path: ${path}: ${MISSING}`);
      try {
        get(found[0], found[1]);
      } catch (e) {
        throw e instanceof Fail ? new Fail(`replace operation does not apply: doc is missing key: ${path}: ${MISSING}`) : e;
      }
      wrap(`error in remove for path: '${path}'`, () => set(found[0], found[1], opValue(op) ?? null));
      return;
    }
    case 'move': {
      const from = readString(op, 'from', fromMissing);
      if (from instanceof Fail) throw new Fail(`move operation failed to decode from: ${from.message}`);
      const source = findObject(state.root, from);
      if (!source) throw new Fail(`move operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      let value: Json | undefined;
      wrap(`error in move for path: '${source[1]}'`, () => {
        value = get(source[0], source[1]);
        remove(source[0], source[1]);
      });
      const path = readString(op, 'path', pathMissing);
      if (path instanceof Fail) throw new Fail(`move operation failed to decode path: ${path.message}`);
      const target = findObject(state.root, path);
      if (!target) throw new Fail(`move operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      wrap(`error in move for path: '${path}'`, () => add(target[0], target[1], value ?? null));
      return;
    }
    case 'test': {
      const path = readString(op, 'path', pathMissing);
      if (path instanceof Fail) throw new Fail(`test operation failed to decode path: ${path.message}`);
      const want = hasOwn(op, 'value') ? op['value']! : undefined;
      if (path === '') {
        if (want === undefined) throw panic();
        if (equal(state.root, want)) return;
        throw new Fail(`testing value ${path} failed: test failed`);
      }
      const found = findObject(state.root, path);
      if (!found) throw new Fail(`test operation does not apply: is missing path: ${path}: ${MISSING}`);
      let actual: Json | undefined;
      wrap(`error in test for path: '${path}'`, () => {
        actual = get(found[0], found[1]);
      });
      if (actual === undefined || actual === null) {
        if (want === undefined || want === null) return;
        throw new Fail(`testing value ${path} failed: test failed`);
      }
      if (want !== undefined && equal(actual, want)) return;
      throw new Fail(`testing value ${path} failed: test failed`);
    }
    case 'copy': {
      const from = readString(op, 'from', fromMissing);
      if (from instanceof Fail) throw new Fail(`copy operation failed to decode from: ${from.message}`);
      const source = findObject(state.root, from);
      if (!source) throw new Fail(`copy operation does not apply: doc is missing from path: ${from}: ${MISSING}`);
      let value: Json | undefined;
      wrap(`error in copy for from: '${from}'`, () => {
        value = get(source[0], source[1]);
      });
      const path = readString(op, 'path', pathMissing);
      if (path instanceof Fail) throw new Fail(`copy operation failed to decode path: ${MISSING}`);
      const target = findObject(state.root, path);
      if (!target) throw new Fail(`copy operation does not apply: doc is missing destination path: ${path}: ${MISSING}`);
      // Copying a missing member copies nothing, and adds null.
      const copy = value === undefined || value === null ? null : cloneJson(value);
      state.copied += value === undefined || value === null ? 0 : goJsonSize(value);
      if (limit > 0 && state.copied > limit) {
        throw new Fail(`Unable to complete the copy, the accumulated size increase of copy is ${state.copied}, exceeding the limit ${limit}`);
      }
      wrap('error while adding value during copy', () => add(target[0], target[1], copy));
      return;
    }
  }
}

/** Decodes `patch` if it is a body, then applies it to a copy of `doc`. */
export function applyJsonPatch(doc: Json, patch: JsonPatch | string | Uint8Array, options?: JsonPatchOptions): Json {
  const decoded = patch instanceof JsonPatch ? patch : JsonPatch.parse(patch);
  return decoded.apply(doc, options);
}
