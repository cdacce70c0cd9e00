// How strategic merge patch failures reach clients, as the Kubernetes 1.32 apiserver sends
// them. The patch library's errors fall in three groups: a malformed directive (bad
// $deleteFromPrimitiveList, $retainKeys or $setElementOrder) is 400 BadRequest with the
// library's text; a list of lists is 422 Invalid with only the generic message; everything
// else (a missing merge key, an unknown $patch value, a field the types do not know, ...)
// is not a Status at all, so the apiserver answers 500 with the bare text and no reason.
// A Go runtime panic inside the library is caught by the apiserver's panic filter, which
// writes a plain-text 500.
// StrategicMergePatchError.detail always holds the library's own text.

import { StatusError } from '../errors.js';
import type { Json, Status } from '../meta.js';
import { goFormatS, goFormatV, goTypeString } from './strategic-go-value.js';

export class StrategicMergePatchError extends StatusError {
  override name = 'StrategicMergePatchError';
  constructor(
    code: number,
    reason: string,
    message: string,
    /** The patch library's text, whatever the client is shown. */
    readonly detail: string,
    details?: Status['details'],
  ) {
    super(code, reason, message, details);
  }

  override toStatus(): Status {
    const status = super.toStatus();
    // metav1.Status drops an empty reason.
    if (status.reason === '') delete status.reason;
    return status;
  }
}

/** A Go runtime panic: the apiserver answers text/plain, not a Status. */
export class StrategicMergePatchPanic extends StrategicMergePatchError {
  override name = 'StrategicMergePatchPanic';
  /** The body is this text/plain line, not JSON. */
  readonly plainText = 'This request caused apiserver to panic. Look in the logs for details.\n';
  constructor(detail: string) {
    super(500, 'InternalError', 'This request caused apiserver to panic. Look in the logs for details.', detail);
  }
}

function badRequest(text: string): StrategicMergePatchError {
  return new StrategicMergePatchError(400, 'BadRequest', text, text);
}

/** Not a Status: 500, the text as the message, no reason. */
export function unexpected(text: string): StrategicMergePatchError {
  return new StrategicMergePatchError(500, '', text, text);
}

// The directive-format errors (400).

export function badPrimitiveListFormat(): StrategicMergePatchError {
  return badRequest('invalid patch format of primitive list');
}

export function badRetainKeysFormat(): StrategicMergePatchError {
  return badRequest('invalid patch format of retainKeys');
}

export function badSetElementOrderFormat(): StrategicMergePatchError {
  return badRequest('invalid patch format of setElementOrder list');
}

/** A list holding lists: 422 with the generic message the apiserver uses for it. */
export function listOfLists(): StrategicMergePatchError {
  return new StrategicMergePatchError(
    422,
    'Invalid',
    'the server rejected our request due to an error in our request',
    'lists of lists are not supported',
    {},
  );
}

// The rest are 500s with the library's text.

export function noMergeKey(m: Json, mergeKey: string): StrategicMergePatchError {
  return unexpected(`map: ${goFormatV(m)} does not contain declared merge key: ${mergeKey}`);
}

/** A value of the wrong kind where the library asserts a type. */
export function badArgType(expected: string, actual: Json | undefined): StrategicMergePatchError {
  return unexpected(`expected a ${expected}, but received a ${goTypeString(actual)}`);
}

export function badPatchType(directive: Json, m: Json): StrategicMergePatchError {
  return unexpected(`unknown patch type: ${goFormatS(directive)} in map: ${goFormatV(m)}`);
}
