// Server-side apply (PATCH with application/apply-patch+yaml), as Kubernetes' field manager
// does it, end to end: checks, migration from client-side apply, merge, pruning, conflicts,
// ownership, managedFields.
//
//   serverSideApply(live, applied, opts) → the object to store
//
// - `applied` must be of the endpoint's kind and version (400 `invalid object type: ...`) and
//   must not set metadata.managedFields (400 `metadata.managedFields must be nil`); fields the
//   schema does not declare, list elements without their keys and duplicate keys fail as in
//   Kubernetes 1.32 (500 `failed to create typed patch object (ns/name; gvk): ...`).
// - The configuration is merged into `live` (merge.ts); the applier's Apply entry becomes
//   exactly the configuration's fields; fields it applied before and dropped now are removed
//   unless another manager owns them; other managers lose the fields whose value changed.
// - A value change on a field another manager owns is a conflict: 409 with every conflicting
//   field (conflict.ts), unless `force`, which moves the fields to the applier. Applying the
//   value a field already has is no conflict: both managers own it.
// - For the manager `kubectl`, conflicts the last-applied annotation explains are forgiven and
//   the annotation is kept in step (last-applied.ts: the CSA ⇄ SSA migration).
// - An object without managedFields first gets a "before-first-apply" Update entry owning
//   everything it has, so that the first applier does not silently take fields over.
// - `live` undefined means the object does not exist: the caller creates the result.
//
// The caller then defaults the result, runs admission and the strategy (status reset, name
// checks), validates and stores it — as Kubernetes does after its field manager.

import { StatusError } from '../errors.js';
import type { KubeObject } from '../meta.js';
import type { SchemaNode } from '../openapi/schema.js';
import { conflictError } from './conflict.js';
import { FieldSet } from './field-set.js';
import { allowedConflictsFromLastApplied, KUBECTL_SSA_MANAGER, syncLastApplied } from './last-applied.js';
import {
  APPLY,
  decodeManagedFields,
  Managed,
  ManagedFieldsError,
  managerIdentifier,
  normalizeTime,
  UPDATE,
} from './managed.js';
import { recordUpdate, STRIPPED_FIELDS, storeManagedFields, withoutManagedFields, type WriteContext } from './managed-fields.js';
import { listItemKey } from './list-item.js';
import { atomOf, pick, UNTYPED, type Atom } from './schema-types.js';
import { Conflicts, updaterApply } from './updater.js';
import { schemaErrorsString, validateApplied } from './validate.js';
import { cloneValue, isMap } from './value.js';
import { sharedZero, withZeroFields } from './zero-object.js';

export interface ServerSideApplyOptions {
  /** The fieldManager parameter (required for apply; the handler rejects an empty one). */
  manager: string;
  /** The force parameter. */
  force: boolean;
  /** The time of the write (RFC 3339; stored to the second). */
  time: string;
  /** The kind's schema (SchemaNode.forKind). */
  schema: SchemaNode;
  /** 'status', 'scale', ... when applying to a subresource. */
  subresource?: string;
  /** The strategy's reset fields for this endpoint (see UpdateManagedFieldsOptions). */
  ignoredFields?: FieldSet;
  /** The endpoint's apiVersion and kind; default the live object's, else the configuration's. */
  apiVersion?: string;
  kind?: string;
}

const BEFORE_FIRST_APPLY = 'before-first-apply';

function gvkString(apiVersion: unknown, kind: unknown): string {
  const av = typeof apiVersion === 'string' ? apiVersion : '';
  const slash = av.indexOf('/');
  const group = slash >= 0 ? av.slice(0, slash) : '';
  const version = slash >= 0 ? av.slice(slash + 1) : av;
  return `${group}/${version}, Kind=${typeof kind === 'string' ? kind : ''}`;
}

function internal(message: string): StatusError {
  // A plain error in Kubernetes: 500 with no reason.
  return new StatusError(500, '', message);
}

export function serverSideApply(live: KubeObject | undefined, applied: KubeObject, opts: ServerSideApplyOptions): KubeObject {
  let managed: Managed;
  try {
    managed = decodeManagedFields(live?.metadata?.managedFields, true);
  } catch (err) {
    if (err instanceof ManagedFieldsError) throw internal(`failed to decode managed fields: ${err.message}`);
    throw err;
  }

  const apiVersion = opts.apiVersion ?? live?.apiVersion ?? applied.apiVersion ?? '';
  const kind = opts.kind ?? live?.kind ?? applied.kind ?? '';
  if (applied.apiVersion !== apiVersion || applied.kind !== kind) {
    throw new StatusError(400, 'BadRequest', `invalid object type: ${gvkString(applied.apiVersion, applied.kind)}`);
  }

  const atom = atomOf(opts.schema);
  const ctx: WriteContext = {
    atom,
    version: apiVersion,
    ignored: opts.ignoredFields ?? FieldSet.EMPTY,
    time: normalizeTime(opts.time),
  };
  const liveValue: KubeObject = live ? withoutManagedFields(live) : ({} as KubeObject);

  // skipNonApplied: an existing object nobody manages yet is owned by "before-first-apply".
  if (managed.fields.size === 0 && live) {
    const id = managerIdentifier({ manager: BEFORE_FIRST_APPLY, operation: UPDATE, apiVersion, subresource: opts.subresource });
    const zero = sharedZero(opts.schema, apiVersion, kind);
    recordUpdate(zero, withZeroFields(liveValue, zero), managed, id, ctx);
  }

  const applierId = managerIdentifier({ manager: opts.manager || 'unknown', operation: APPLY, subresource: opts.subresource });
  const base = managed;
  const attempt = (force: boolean) => applyOnce(liveValue, applied, base, applierId, force, ctx);

  let outcome: { object: KubeObject; managed: Managed };
  try {
    outcome = attempt(opts.force);
  } catch (err) {
    if (!(err instanceof Conflicts)) throw err;
    if (opts.manager !== KUBECTL_SSA_MANAGER) throw conflictError(err.conflicts);
    // lastAppliedManager: conflicts the client-side apply annotation accounts for are allowed.
    const allowed = allowedConflictsFromLastApplied(liveValue, atom, apiVersion);
    if (!allowed) throw conflictError(err.conflicts);
    const remaining = err.conflicts.filter((c) => !allowed.has(c.path));
    if (remaining.length > 0) throw conflictError(remaining);
    outcome = attempt(true);
  }

  const { object } = outcome;
  syncLastApplied(object, applied, opts.manager);
  dropNewNulls(object, liveValue, atom);
  storeManagedFields(object, outcome.managed);
  return object;
}

function applyOnce(
  live: KubeObject,
  applied: KubeObject,
  base: Managed,
  applierId: string,
  force: boolean,
  ctx: WriteContext,
): { object: KubeObject; managed: Managed } {
  if (isMap(applied.metadata) && applied.metadata.managedFields !== undefined && applied.metadata.managedFields !== null) {
    throw new StatusError(400, 'BadRequest', 'metadata.managedFields must be nil');
  }
  const errs = validateApplied(applied, ctx.atom);
  if (errs.length > 0) {
    const md = isMap(applied.metadata) ? applied.metadata : {};
    const nn = `${typeof md.namespace === 'string' ? md.namespace : ''}/${typeof md.name === 'string' ? md.name : ''}`;
    throw internal(`failed to create typed patch object (${nn}; ${gvkString(applied.apiVersion, applied.kind)}): ${schemaErrorsString(errs)}`);
  }

  const result = updaterApply(live, applied, base.fields, applierId, force, ctx);

  const managed = new Managed();
  for (const [id, t] of base.times) managed.times.set(id, t);
  for (const [s, w] of base.wire) managed.wire.set(s, w);
  for (const [id, vs] of result.managers) {
    if (id === applierId) {
      // stripMeta: the applier never owns name, namespace, ...
      const set = vs.set.difference(STRIPPED_FIELDS);
      if (set.empty) continue;
      managed.fields.set(id, set === vs.set ? vs : { ...vs, set });
    } else managed.fields.set(id, vs);
  }
  for (const id of [...managed.times.keys()]) if (!managed.fields.has(id)) managed.times.delete(id);

  let object: KubeObject;
  if (result.object !== undefined) {
    object = result.object as KubeObject;
    managed.times.set(applierId, ctx.time);
  } else {
    object = cloneValue(live);
  }
  if (!isMap(object.metadata)) object.metadata = {};
  return { object, managed };
}

/**
 * Removes the nulls the apply introduced — a configuration's explicit nulls, maps and lists
 * pruning emptied — which Kubernetes' conversion to Go types turns into absent fields. Nulls the
 * live object already had stay.
 */
function dropNewNulls(value: unknown, live: unknown, atom: Atom): void {
  switch (pick(atom, value)) {
    case 'map': {
      if (!isMap(value)) return;
      const m = atom.map!;
      const lm = isMap(live) ? live : undefined;
      for (const k of Object.keys(value)) {
        const v = value[k];
        const lv = lm?.[k];
        if (v === null) {
          if (lv !== null) delete value[k];
          continue;
        }
        if (typeof v === 'object') {
          const t = m.fields?.get(k) ?? m.elem;
          dropNewNulls(v, lv, t ? t.atom : UNTYPED);
        }
      }
      return;
    }
    case 'list': {
      const l = atom.list!;
      if (!Array.isArray(value) || l.atomic) return;
      const liveItems = new Map<string, unknown>();
      if (Array.isArray(live)) {
        live.forEach((item, i) => {
          const pe = listItemKey(l, i, item);
          if (typeof pe === 'string' && !liveItems.has(pe)) liveItems.set(pe, item);
        });
      }
      value.forEach((item, i) => {
        if (item === null || typeof item !== 'object') return;
        const pe = listItemKey(l, i, item);
        dropNewNulls(item, typeof pe === 'string' ? liveItems.get(pe) : undefined, l.elem.atom);
      });
      return;
    }
    default:
  }
}
