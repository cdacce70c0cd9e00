// Error mapping of the client: every failed API request, whatever the transport, becomes a
// StatusError (src/api/errors.ts) — built from the server's meta/v1 Status when the answer
// carries one, otherwise synthesized from the HTTP code as client-go does
// (NewGenericServerResponse), with the unexpected body kept as a cause. An ERROR watch event
// becomes the same error from the Status it carries.

import { StatusError } from '../api/errors.js';
import { isPlainObject, type Status, type StatusDetails } from '../api/meta.js';

/** The HTTP code a thrown error carries (a StatusError's, or any error-like object's), if
 *  any: undefined means the request never got an answer (a transport failure). */
export function statusCode(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'number' ? code : undefined;
}

export function isStatus(v: unknown): v is Status {
  return isPlainObject(v) && v.kind === 'Status' && (v.apiVersion === 'v1' || v.apiVersion === 'meta.k8s.io/v1');
}

/** client-go's reasons and messages for an answer without a Status, by HTTP code. */
const GENERIC: Readonly<Record<number, readonly [reason: string, message: string]>> = {
  400: ['BadRequest', 'the server rejected our request for an unknown reason'],
  401: ['Unauthorized', 'the server has asked for the client to provide credentials'],
  403: ['Forbidden', 'the server does not allow access to the requested resource'],
  404: ['NotFound', 'the server could not find the requested resource'],
  405: ['MethodNotAllowed', 'the server does not allow this method on the requested resource'],
  406: ['NotAcceptable', 'the server was unable to respond with a content type that the client supports'],
  409: ['Conflict', 'the server reported a conflict'],
  410: ['Gone', 'the server reported that the requested resource is gone'],
  415: ['UnsupportedMediaType', 'the server was unable to respond with a content type that the client supports'],
  422: ['Invalid', 'the server rejected our request due to an error in our request'],
  429: ['TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
  503: ['ServiceUnavailable', 'the server is currently unable to handle the request'],
  504: ['Timeout', 'the server was unable to return a response in the time allotted, but may still be processing the request'],
};

/** How much of an unexpected body an error keeps. */
const MAX_BODY_IN_ERROR = 1024;

/** The error a Status describes (as an answer's body or an ERROR watch event's object). */
export function statusErrorFromStatus(status: Status, httpCode?: number): StatusError {
  const code = typeof status.code === 'number' && status.code > 0 ? status.code : (httpCode ?? 500);
  const reason = status.reason || GENERIC[code]?.[0] || (code >= 500 ? 'InternalError' : 'Unknown');
  return new StatusError(code, reason, status.message ?? '', status.details, status.metadata);
}

/**
 * The error of a non-2xx answer: `body` is the decoded body (a Status, normally), `text`
 * the raw one (for answers that are not a Status), `retryAfter` the Retry-After header.
 */
export function statusErrorFromResponse(code: number, body: unknown, text = '', retryAfter?: string | string[]): StatusError {
  const retry = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  if (isStatus(body)) {
    const err = statusErrorFromStatus(body, code);
    if (retry > 0 && err.details?.retryAfterSeconds === undefined && (code === 429 || code >= 500)) {
      return new StatusError(err.code, err.reason, err.message, { ...err.details, retryAfterSeconds: retry }, err.listMeta);
    }
    return err;
  }
  const [reason, message] = GENERIC[code] ?? (code >= 500 ? ['InternalError', ''] : ['Unknown', '']);
  const serverText = text.length > MAX_BODY_IN_ERROR ? `${text.slice(0, MAX_BODY_IN_ERROR)}...` : text;
  const details: StatusDetails = {};
  if (serverText) details.causes = [{ reason: 'UnexpectedServerResponse', message: serverText }];
  if (retry > 0) details.retryAfterSeconds = retry;
  const text0 = message || (code >= 500 ? `an error on the server (${JSON.stringify(serverText || 'unknown')}) has prevented the request from succeeding` : `the server responded with the status code ${code} but did not return more information`);
  return new StatusError(code, reason, text0, details);
}
