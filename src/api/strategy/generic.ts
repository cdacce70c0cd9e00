// The strategy every kind starts from, driven by its ResourceDef: a kind with a status
// subresource has its status reset on create and kept on main-resource writes; a kind with
// generationFields starts at generation 1 and bumps it when one of them changes.

import { applyDefaults } from '../defaults/index.js';
import { validateObject, validateObjectUpdate } from '../validation/index.js';
import type { KubeObject } from '../meta.js';
import type { ResourceDef } from '../resource.js';
import { deepEqual } from './deep-equal.js';
import type { Strategy } from './strategy.js';

export interface GenericOptions {
  /** Keep a client-supplied status on create (nodes register with theirs). */
  readonly keepStatusOnCreate?: boolean;
  readonly allowCreateOnUpdate?: boolean;
  readonly returnDeletedObject?: boolean;
  /** Metadata a status write may not change (Kubernetes' per-kind status strategies: labels
   *  for Deployments, ownerReferences for Pods); the rest of metadata follows the body, less
   *  the system fields the store keeps. */
  readonly statusKeepsMetadata?: readonly ('labels' | 'annotations' | 'ownerReferences' | 'finalizers')[];
}

export function hasStatus(def: ResourceDef): boolean {
  return def.subresources.some((s) => s.name === 'status');
}

export function genericStrategy(def: ResourceDef, opts: GenericOptions = {}): Strategy {
  const withStatus = hasStatus(def);
  const generationFields = def.generationFields;
  return {
    prepareForCreate(obj) {
      // An empty status, as Go's zero-valued status struct encodes.
      if (withStatus && !opts.keepStatusOnCreate) obj.status = {};
      if (generationFields) obj.metadata.generation = 1;
    },
    prepareForUpdate(obj, old) {
      if (withStatus) copyField(obj, old, 'status');
      if (generationFields) {
        const changed = generationFields.some((f) => !deepEqual(valueAt(obj, f), valueAt(old, f)));
        obj.metadata.generation = (old.metadata.generation ?? 1) + (changed ? 1 : 0);
      }
    },
    prepareForStatusUpdate(obj, old) {
      for (const k of Object.keys(obj)) if (k !== 'status' && k !== 'metadata') delete obj[k];
      for (const k of Object.keys(old)) if (k !== 'status' && k !== 'metadata') obj[k] = old[k];
      for (const field of opts.statusKeepsMetadata ?? []) {
        if (old.metadata[field] === undefined) delete obj.metadata[field];
        else obj.metadata[field] = old.metadata[field] as never;
      }
    },
    defaults: applyDefaults,
    validate: (obj) => validateObject(obj, { namespaced: def.namespaced }),
    validateUpdate: (obj, old) => validateObjectUpdate(obj, old, { namespaced: def.namespaced }),
    gracePeriodSeconds: () => 0,
    pendingFinalization: () => false,
    prepareForDelete: () => {},
    allowCreateOnUpdate: opts.allowCreateOnUpdate ?? false,
    returnDeletedObject: opts.returnDeletedObject ?? false,
  };
}

/** The value at a dotted path such as 'metadata.annotations'. */
function valueAt(obj: unknown, path: string): unknown {
  let v = obj;
  for (const part of path.split('.')) {
    if (typeof v !== 'object' || v === null) return undefined;
    v = (v as Record<string, unknown>)[part];
  }
  return v;
}

/** Sets obj[field] to old[field], or removes it when old has none. */
export function copyField(obj: KubeObject, old: KubeObject, field: string): void {
  if (old[field] === undefined) delete obj[field];
  else obj[field] = old[field];
}
