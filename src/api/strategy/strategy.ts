// A Strategy holds what is particular to one kind when the server creates, updates or
// deletes it: which fields the server owns, what it fills in, what is valid, how a delete
// proceeds. The generic store (src/apiserver/registry) does everything else the same way
// for every kind. Strategies see objects in the storage version and may change them in place.

import type { FieldError } from '../errors.js';
import type { KubeObject } from '../meta.js';

export interface Strategy {
  /** Clears what a client may not set on create (usually status) and fills what the server
   *  owns beyond generic metadata. */
  prepareForCreate(obj: KubeObject): void;
  /** On a write to the main resource: keeps what the client may not change (usually status)
   *  and bumps metadata.generation when the spec changed. */
  prepareForUpdate(obj: KubeObject, old: KubeObject): void;
  /** On a write to the status subresource: keeps everything but status from old. */
  prepareForStatusUpdate(obj: KubeObject, old: KubeObject): void;
  /** Fills in the kind's defaults (idempotent): run on every request body and on every
   *  object about to be stored, as Kubernetes defaults whatever it decodes. */
  defaults(obj: KubeObject): void;
  validate(obj: KubeObject): FieldError[];
  validateUpdate(obj: KubeObject, old: KubeObject): FieldError[];
  /** The grace period a delete of obj gets, given the one requested (if any). Greater than
   *  zero: the object stays, marked for deletion, until someone (the kubelet) finishes it. */
  gracePeriodSeconds(obj: KubeObject, requested: number | undefined): number;
  /** Finalization beyond metadata.finalizers that keeps a deleted object in place
   *  (a namespace's spec.finalizers). */
  pendingFinalization(obj: KubeObject): boolean;
  /** Marks what else changes when an object is marked for deletion (a namespace becomes
   *  Terminating). */
  prepareForDelete(obj: KubeObject): void;
  /** PUT of a missing object creates it. */
  readonly allowCreateOnUpdate: boolean;
  /** DELETE answers with the deleted object rather than a Status. */
  readonly returnDeletedObject: boolean;
}
