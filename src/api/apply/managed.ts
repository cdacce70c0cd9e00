// metadata.managedFields in and out: decoding the entries into per-manager field sets keyed by
// Kubernetes' manager identifier, and encoding them back in Kubernetes' order and shape.
//
// A manager is identified by the JSON of its entry without time, fieldsType and fieldsV1 —
// `{"manager":"kubectl","operation":"Apply"}` — and, for Update entries only, with the
// apiVersion: an Apply manager keeps one entry whatever version it applies with, an Update
// manager gets one entry per version. Encoded entries are sorted by operation (Apply first),
// then time (to the second, missing first), manager, apiVersion and subresource, with the
// fields in Go's struct order (manager, operation, apiVersion, time, fieldsType, fieldsV1,
// subresource).

import { FieldSet, FieldsV1Error } from './field-set.js';
import { compareStrings, goJson, isMap } from './value.js';

export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
  subresource?: string;
}

export interface VersionedSet {
  readonly set: FieldSet;
  readonly apiVersion: string;
  /** True for an Apply entry. */
  readonly applied: boolean;
}

/** The decoded managedFields of an object: sets and times by manager identifier. */
export class Managed {
  readonly fields = new Map<string, VersionedSet>();
  readonly times = new Map<string, string | undefined>();
  /** The FieldsV1 object each set was decoded from, reused when the set comes out unchanged. */
  readonly wire = new Map<FieldSet, Record<string, unknown>>();
}

export class ManagedFieldsError extends Error {
  override name = 'ManagedFieldsError';
}

export const APPLY = 'Apply';
export const UPDATE = 'Update';

export interface ManagerInfo {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  subresource?: string;
}

/** Kubernetes' BuildManagerIdentifier. */
export function managerIdentifier(info: ManagerInfo): string {
  let out = '{';
  const field = (name: string, v: string | undefined) => {
    if (!v) return;
    if (out.length > 1) out += ',';
    out += `"${name}":${goJson(v)}`;
  };
  field('manager', info.manager);
  field('operation', info.operation);
  if (info.operation !== APPLY) field('apiVersion', info.apiVersion);
  field('subresource', info.subresource);
  return out + '}';
}

const identifiers = new Map<string, ManagerInfo>();

/** The fields of a manager identifier (cached: the same few managers write everything). */
export function parseManagerIdentifier(id: string): ManagerInfo {
  let info = identifiers.get(id);
  if (!info) {
    try {
      const v = JSON.parse(id) as unknown;
      info = isMap(v) ? (v as ManagerInfo) : {};
    } catch {
      info = {};
    }
    if (identifiers.size > 10000) identifiers.clear();
    identifiers.set(id, info);
  }
  return info;
}

function str(v: unknown, field: string, i: number): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ManagedFieldsError(`managed fields entry ${i}: ${field} must be a string`);
  return v;
}

/**
 * Kubernetes' DecodeManagedFields. Throws ManagedFieldsError with its messages. With `trusted`
 * (entries this code wrote, read back from storage) the FieldsV1 objects are kept for reuse;
 * a client's are always re-encoded, which puts their keys in canonical order.
 */
export function decodeManagedFields(entries: unknown, trusted = false): Managed {
  const managed = new Managed();
  if (entries === undefined || entries === null) return managed;
  if (!Array.isArray(entries)) throw new ManagedFieldsError('managedFields must be a list');
  entries.forEach((raw, i) => {
    if (!isMap(raw)) throw new ManagedFieldsError(`managed fields entry ${i} must be an object`);
    const operation = str(raw.operation, 'operation', i);
    if (operation !== APPLY && operation !== UPDATE) throw new ManagedFieldsError('operation must be `Apply` or `Update`');
    const apiVersion = str(raw.apiVersion, 'apiVersion', i);
    if (!apiVersion) throw new ManagedFieldsError('apiVersion must not be empty');
    const fieldsType = str(raw.fieldsType, 'fieldsType', i);
    if (!fieldsType) throw new ManagedFieldsError(`missing fieldsType in managed fields entry ${i}`);
    if (fieldsType !== 'FieldsV1') throw new ManagedFieldsError(`invalid fieldsType ${JSON.stringify(fieldsType)} in managed fields entry ${i}`);
    const info: ManagerInfo = {
      manager: str(raw.manager, 'manager', i),
      operation,
      apiVersion,
      subresource: str(raw.subresource, 'subresource', i),
    };
    let set: FieldSet;
    const wire = raw.fieldsV1 === undefined || raw.fieldsV1 === null ? {} : raw.fieldsV1;
    try {
      set = FieldSet.fromFieldsV1(wire);
    } catch (err) {
      if (err instanceof FieldsV1Error) throw new ManagedFieldsError(`error decoding versioned set: error decoding set: ${err.message}`);
      throw err;
    }
    const id = managerIdentifier(info);
    managed.fields.set(id, { set, apiVersion, applied: operation === APPLY });
    const time = str(raw.time, 'time', i);
    // A client's time goes through metav1.Time: UTC, whole seconds.
    managed.times.set(id, time && !trusted ? normalizeTime(time) : time);
    if (trusted && !set.empty) managed.wire.set(set, wire as Record<string, unknown>);
  });
  return managed;
}

function seconds(t: string | undefined): number {
  if (!t) return 0;
  const ms = Date.parse(t);
  return Number.isNaN(ms) ? 0 : Math.floor(ms / 1000);
}

/** Kubernetes' encodeManagedFields: undefined when there is nothing to encode. */
export function encodeManagedFields(managed: Managed): ManagedFieldsEntry[] | undefined {
  if (managed.fields.size === 0) return undefined;
  const out: ManagedFieldsEntry[] = [];
  for (const [id, vs] of managed.fields) {
    const info = parseManagerIdentifier(id);
    const e: ManagedFieldsEntry = {};
    if (info.manager) e.manager = info.manager;
    e.operation = vs.applied ? APPLY : (info.operation ?? UPDATE);
    if (vs.apiVersion) e.apiVersion = vs.apiVersion;
    const time = managed.times.get(id);
    if (time) e.time = time;
    e.fieldsType = 'FieldsV1';
    e.fieldsV1 = managed.wire.get(vs.set) ?? vs.set.toFieldsV1();
    if (info.subresource) e.subresource = info.subresource;
    out.push(e);
  }
  return sortEntries(out);
}

/** Kubernetes' sortEncodedManagedFields. */
export function sortEntries(entries: ManagedFieldsEntry[]): ManagedFieldsEntry[] {
  return entries.sort((p, q) => {
    if (p.operation !== q.operation) return compareStrings(p.operation ?? '', q.operation ?? '');
    const ps = seconds(p.time);
    const qs = seconds(q.time);
    if (ps !== qs) return ps - qs;
    if (p.manager !== q.manager) return compareStrings(p.manager ?? '', q.manager ?? '');
    if (p.apiVersion !== q.apiVersion) return compareStrings(p.apiVersion ?? '', q.apiVersion ?? '');
    return compareStrings(p.subresource ?? '', q.subresource ?? '');
  });
}

/** metav1.Time as Kubernetes writes it: RFC 3339, UTC, whole seconds. */
export function normalizeTime(t: string): string {
  if (t === lastTime[0]) return lastTime[1];
  const ms = Date.parse(t);
  const out = Number.isNaN(ms) ? t : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  lastTime = [t, out];
  return out;
}
let lastTime: [string, string] = ['', ''];
