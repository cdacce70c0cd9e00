// Telling apart the API errors the simulated kubelet handles (the others propagate): every
// failed request through kite's client throws a StatusError carrying the HTTP code.

import { StatusError } from '../../api/errors.js';

export function isNotFound(err: unknown): boolean {
  return err instanceof StatusError && err.code === 404;
}

/** 409: a stale resourceVersion (Conflict) or a create of an existing name (AlreadyExists). */
export function isConflict(err: unknown): boolean {
  return err instanceof StatusError && err.code === 409;
}

export function isAlreadyExists(err: unknown): boolean {
  return err instanceof StatusError && err.reason === 'AlreadyExists';
}
