// The error a bad label selector raises. The apiserver hands a selector that fails to parse
// back as 400 BadRequest with the parser's text unchanged, so the error is already that
// StatusError; callers that need to reword it (a controller reporting a bad spec.selector)
// can still recognise it by type.

import { StatusError } from '../errors.js';

export class LabelSelectorError extends StatusError {
  override name = 'LabelSelectorError';
  constructor(message: string) {
    super(400, 'BadRequest', message);
  }
}
