// Classifying the errors a client call throws (Kubernetes' apimachinery/pkg/api/errors):
// controllers branch on NotFound, Invalid, Conflict and status causes. Anything that is not a
// StatusError (a transport failure) answers false to every question.

import { StatusError } from '../../api/errors.js';

export function isStatusError(err: unknown): err is StatusError {
  return err instanceof StatusError;
}

function reasonIs(err: unknown, code: number, reason: string): boolean {
  return isStatusError(err) && (err.reason === reason || (err.reason === '' && err.code === code));
}

export function isNotFound(err: unknown): boolean {
  return reasonIs(err, 404, 'NotFound');
}

export function isInvalid(err: unknown): boolean {
  return reasonIs(err, 422, 'Invalid');
}

export function isConflict(err: unknown): boolean {
  return reasonIs(err, 409, 'Conflict');
}

export function isAlreadyExists(err: unknown): boolean {
  return reasonIs(err, 409, 'AlreadyExists');
}

/** Kubernetes' HasStatusCause: a cause of this type (reason) in the error's details. */
export function hasStatusCause(err: unknown, cause: string): boolean {
  return isStatusError(err) && (err.details?.causes ?? []).some((c) => c.reason === cause);
}

/** The cause a create carries when its namespace is being deleted. */
export const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

/** Go's err.Error() for any thrown value. */
export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
