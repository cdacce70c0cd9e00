// metadata.managedFields on every non-apply write (create, update, patch, and their
// subresources), as Kubernetes' field manager maintains them:
//
// - The fields the write added or changed become the writer's, in its Update entry for
//   (manager, apiVersion, subresource), and are taken from every other entry; removed fields
//   leave every entry; entries left empty disappear. The writer's entry gets the write's time
//   only when it gained fields; every other entry keeps its time.
// - Create compares with the Go zero value of the kind (zero-object.ts).
// - The request may carry managedFields: they are used as the starting point when they decode
//   (that is how kubectl's client-side → server-side migration patch lands); `[]` (or one empty
//   entry) clears them; anything that does not decode, or nothing, means the live object's
//   entries are kept. Subresource writes always keep the live object's.
// - An existing object without managedFields stays without them on update (tracking starts at
//   creation or at the first apply).
// - apiVersion, kind, metadata.name/namespace/uid/resourceVersion/generation/
//   creationTimestamp/selfLink/managedFields are never owned.
// - At most 10 Update entries are kept: beyond that the oldest are merged, per apiVersion,
//   into an "ancient-changes" entry.
// - A list element the schema cannot name (a list-map element without its key, which
//   validation normally rejects) owns nothing here; Kubernetes fails the computation instead and
//   stores the object without managedFields, which is also what happens here if computing them
//   throws — a write never fails over managedFields (1.32's UpdateNoErrors).
//
// Where it runs: after the request body is decoded, converted to the storage version and
// defaulted, before mutating admission and the strategy (PrepareForCreate/Update); fields those
// set afterwards (allocated clusterIP, reset status) are not attributed to the writer.

import type { KubeObject } from '../meta.js';
import type { SchemaNode } from '../openapi/schema.js';
import { FieldSet } from './field-set.js';
import {
  decodeManagedFields,
  encodeManagedFields,
  Managed,
  ManagedFieldsError,
  managerIdentifier,
  normalizeTime,
  UPDATE,
  type ManagedFieldsEntry,
} from './managed.js';
import { atomOf, type Atom } from './schema-types.js';
import { updaterUpdate } from './updater.js';
import { isMap, valueEquals } from './value.js';
import { sharedZero, withZeroFields } from './zero-object.js';

export interface UpdateManagedFieldsOptions {
  /** The field manager: the fieldManager parameter, else managerFromUserAgent(User-Agent). */
  manager: string;
  operation: 'Update';
  /** 'status', 'scale', ... for subresource writes. */
  subresource?: string;
  /** The time of the write (RFC 3339; stored to the second). */
  time: string;
  /** The kind's schema (SchemaNode.forKind). */
  schema: SchemaNode;
  /** apiVersion recorded in the entry; defaults to next.apiVersion. */
  apiVersion?: string;
  /**
   * The strategy's reset fields for this endpoint (Kubernetes' GetResetFields): e.g. `status`
   * on the main resource, `spec` and `metadata` on /status. They are nobody's.
   */
  ignoredFields?: FieldSet;
}

/** Kubernetes' DefaultMaxUpdateManagers. */
export const MAX_UPDATE_MANAGERS = 10;
const ANCIENT_CHANGES = 'ancient-changes';
/** The manager name the field manager uses internally while computing a write. */
const CURRENT_OPERATION = 'current-operation';

/** Paths no manager ever owns (Kubernetes' stripMetaManager). */
export const STRIPPED_FIELDS = FieldSet.fromPaths([
  ['f:apiVersion'],
  ['f:kind'],
  ['f:metadata'],
  ['f:metadata', 'f:name'],
  ['f:metadata', 'f:namespace'],
  ['f:metadata', 'f:creationTimestamp'],
  ['f:metadata', 'f:selfLink'],
  ['f:metadata', 'f:uid'],
  ['f:metadata', 'f:clusterName'],
  ['f:metadata', 'f:generation'],
  ['f:metadata', 'f:managedFields'],
  ['f:metadata', 'f:resourceVersion'],
]);

/** Kubernetes' FieldManagerMaxLength. */
export const FIELD_MANAGER_MAX_LENGTH = 128;

const PRINTABLE = /[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u;

/**
 * The field manager of a request without ?fieldManager: the User-Agent up to its first '/',
 * without unprintable characters, cut to 128 bytes (Kubernetes' prefixFromUserAgent), e.g.
 * `kubectl/v1.32.0 (linux/amd64) kubernetes/abc` → `kubectl`.
 */
export function managerFromUserAgent(userAgent: string): string {
  const prefix = userAgent.split('/')[0] ?? '';
  let out = '';
  let bytes = 0;
  for (const ch of prefix) {
    if (!PRINTABLE.test(ch)) continue;
    const n = Buffer.byteLength(ch, 'utf8');
    if (bytes + n > FIELD_MANAGER_MAX_LENGTH) break;
    out += ch;
    bytes += n;
  }
  return out;
}

/** Kubernetes' isResetManagedFields: `[]` or `[{}]`. */
function isReset(mf: unknown): boolean {
  if (!Array.isArray(mf)) return false;
  if (mf.length === 0) return true;
  return mf.length === 1 && isMap(mf[0]) && Object.values(mf[0]).every((v) => v === undefined);
}

function decodeOrEmpty(entries: unknown, trusted: boolean): Managed {
  try {
    return decodeManagedFields(entries, trusted);
  } catch (err) {
    if (err instanceof ManagedFieldsError) return new Managed();
    throw err;
  }
}

/** The object without metadata.managedFields (shallow copies; the input is untouched). */
export function withoutManagedFields<T extends KubeObject | undefined>(obj: T): T {
  if (!obj || !isMap(obj.metadata) || !Object.hasOwn(obj.metadata, 'managedFields')) return obj;
  const { managedFields: _drop, ...metadata } = obj.metadata;
  return { ...obj, metadata } as T;
}

export interface WriteContext {
  readonly atom: Atom;
  readonly version: string;
  readonly ignored: FieldSet;
  readonly time: string;
}

/**
 * Kubernetes' capManagers ∘ buildManagerInfo ∘ managedFieldsUpdater ∘ stripMeta ∘
 * structuredMerge for an Update: the managers after `managerId` wrote `next` over `live`.
 * Mutates and returns `managed`.
 */
export function recordUpdate(live: unknown, next: unknown, managed: Managed, managerId: string, ctx: WriteContext): Managed {
  const managers = updaterUpdate(live, next, managed.fields, CURRENT_OPERATION, ctx);
  // stripMeta, on the writer's set only.
  const current = managers.get(CURRENT_OPERATION);
  if (current) {
    const set = current.set.difference(STRIPPED_FIELDS);
    if (set.empty) managers.delete(CURRENT_OPERATION);
    else if (set !== current.set) managers.set(CURRENT_OPERATION, { ...current, set });
  }
  // managedFieldsUpdater: the write's fields join the writer's entry, which gets the time.
  const vs = managers.get(CURRENT_OPERATION);
  if (vs) {
    managers.delete(CURRENT_OPERATION);
    const prev = managers.get(managerId);
    managers.set(managerId, prev ? { ...vs, set: vs.set.union(prev.set) } : vs);
    managed.times.set(managerId, ctx.time);
  }
  managed.fields.clear();
  for (const [id, s] of managers) managed.fields.set(id, s);
  for (const id of [...managed.times.keys()]) if (!managed.fields.has(id)) managed.times.delete(id);
  capUpdateManagers(managed);
  return managed;
}

function seconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Kubernetes' capManagersManager: merges the oldest Update entries into "ancient-changes". */
export function capUpdateManagers(managed: Managed, max = MAX_UPDATE_MANAGERS): void {
  const updaters = [...managed.fields].filter(([, vs]) => !vs.applied).map(([id]) => id);
  if (updaters.length <= max) return;
  updaters.sort((a, b) => {
    const ta = seconds(managed.times.get(a));
    const tb = seconds(managed.times.get(b));
    if (ta !== tb) return ta - tb;
    return a < b ? -1 : a > b ? 1 : 0;
  });
  const firstOfVersion = new Map<string, string>();
  let length = updaters.length;
  for (let i = 0; i < updaters.length && length > max; i++) {
    const id = updaters[i]!;
    const vs = managed.fields.get(id)!;
    const time = managed.times.get(id);
    const bucket = managerIdentifier({ manager: ANCIENT_CHANGES, operation: UPDATE, apiVersion: vs.apiVersion });
    const first = firstOfVersion.get(vs.apiVersion);
    if (first === undefined) {
      firstOfVersion.set(vs.apiVersion, id);
      continue;
    }
    if (!managed.fields.has(bucket)) {
      managed.fields.set(bucket, managed.fields.get(first)!);
      managed.fields.delete(first);
    }
    managed.fields.set(bucket, { set: vs.set.union(managed.fields.get(bucket)!.set), apiVersion: vs.apiVersion, applied: vs.applied });
    managed.fields.delete(id);
    managed.times.delete(id);
    length--;
    managed.times.set(bucket, time);
  }
  for (const id of [...managed.times.keys()]) if (!managed.fields.has(id)) managed.times.delete(id);
}

/** Writes `managed` into obj.metadata.managedFields (removing the key when there are none). */
export function storeManagedFields(obj: KubeObject, managed: Managed): void {
  const entries: ManagedFieldsEntry[] | undefined = encodeManagedFields(managed);
  if (entries) obj.metadata.managedFields = entries;
  else delete obj.metadata.managedFields;
}

/**
 * Sets next.metadata.managedFields for a create (old undefined), update or non-apply patch
 * (old = the stored object) by `opts.manager`. Mutates `next` only.
 */
export function updateManagedFields(old: KubeObject | undefined, next: KubeObject, opts: UpdateManagedFieldsOptions): void {
  if (!isMap(next.metadata)) return; // no metadata: Kubernetes leaves such objects alone
  const requested = next.metadata.managedFields;
  const liveEntries = old?.metadata?.managedFields;
  let managed: Managed;
  if (opts.subresource) managed = decodeOrEmpty(liveEntries, true);
  else if (isReset(requested)) managed = new Managed();
  else if (requested !== undefined && liveEntries !== undefined && valueEquals(requested, liveEntries)) {
    // The usual update or patch: the client sent back what it read.
    managed = decodeOrEmpty(liveEntries, true);
  } else {
    try {
      managed = decodeManagedFields(requested, false);
    } catch (err) {
      if (!(err instanceof ManagedFieldsError)) throw err;
      managed = new Managed();
    }
    if (managed.fields.size === 0) managed = decodeOrEmpty(liveEntries, true);
  }
  delete next.metadata.managedFields;

  // Tracking starts at creation: an existing object without entries stays without.
  const isCreate = !old || !old.metadata?.uid;
  if (managed.fields.size === 0 && !isCreate) return;

  const version = opts.apiVersion ?? next.apiVersion ?? old?.apiVersion ?? '';
  const ctx: WriteContext = {
    atom: atomOf(opts.schema),
    version,
    ignored: opts.ignoredFields ?? FieldSet.EMPTY,
    time: normalizeTime(opts.time),
  };
  // Compared as Go values: with the value structs of the type present even where kite's JSON
  // leaves them out.
  const zero = sharedZero(opts.schema, next.apiVersion, next.kind);
  const live = isCreate ? zero : withZeroFields(withoutManagedFields(old!), zero);
  const managerId = managerIdentifier({
    manager: opts.manager || 'unknown',
    operation: UPDATE,
    apiVersion: version,
    subresource: opts.subresource,
  });
  try {
    recordUpdate(live, withZeroFields(next, zero), managed, managerId, ctx);
  } catch {
    // Kubernetes 1.32's UpdateNoErrors: never fail a write over managedFields; the object is
    // stored without them.
    return;
  }
  storeManagedFields(next, managed);
}

/**
 * Kubernetes' IgnoreManagedFieldsTimestampsTransformer, for the store's update path: when a
 * write changes nothing but managedFields timestamps, put the old timestamps back so that the
 * write is a no-op (no resourceVersion bump). Mutates `next`.
 */
export function ignoreManagedFieldsTimestamps(next: KubeObject, old: KubeObject): void {
  const n = next.metadata?.managedFields;
  const o = old.metadata?.managedFields;
  if (!Array.isArray(n) || !Array.isArray(o) || n.length !== o.length || n.length === 0) return;
  let timesChanged = false;
  for (let i = 0; i < n.length; i++) {
    if (!isMap(n[i]) || !isMap(o[i])) return;
    const nt = (n[i] as ManagedFieldsEntry).time;
    const ot = (o[i] as ManagedFieldsEntry).time;
    if (nt !== ot) timesChanged = true;
    const { time: _a, ...nr } = n[i] as ManagedFieldsEntry;
    const { time: _b, ...or } = o[i] as ManagedFieldsEntry;
    if (!valueEquals(nr, or)) return;
  }
  if (!timesChanged) return;
  const { metadata: nm, ...nrest } = next;
  const { metadata: om, ...orest } = old;
  const { managedFields: _c, ...nmeta } = nm;
  const { managedFields: _d, ...ometa } = om;
  if (!valueEquals(nrest, orest) || !valueEquals(nmeta, ometa)) return;
  next.metadata.managedFields = o.map((e, i) => ({ ...(n[i] as ManagedFieldsEntry), time: (e as ManagedFieldsEntry).time }));
}
