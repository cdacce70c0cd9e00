// How patch failures reach clients, as the Kubernetes 1.32 apiserver sends them: a patch body
// that cannot be decoded is 400 BadRequest with the decoder's text; a JSON patch that decodes
// but does not apply is 422 Invalid with only a generic message (the apiserver keeps the
// reason to itself, so kite keeps it on the error for logs and tests, not on the wire).

import { StatusError } from '../errors.js';

export const MAX_JSON_PATCH_OPERATIONS = 10000;

/** A JSON patch that decoded but could not be applied. */
export class JsonPatchError extends StatusError {
  override name = 'JsonPatchError';
  /** evanphx/json-patch's own text, e.g. `testing value /a failed: test failed`. */
  readonly detail: string;
  constructor(detail: string) {
    super(422, 'Invalid', 'the server rejected our request due to an error in our request', {});
    this.detail = detail;
  }
}

/** A patch body that is not a patch at all: 400, with the decoder's message. */
export class PatchDecodeError extends StatusError {
  override name = 'PatchDecodeError';
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}

export function tooManyOperations(count: number): StatusError {
  return new StatusError(
    413,
    'RequestEntityTooLarge',
    `Request entity too large: The allowed maximum operations in a JSON patch is ${MAX_JSON_PATCH_OPERATIONS}, got ${count}`,
  );
}
