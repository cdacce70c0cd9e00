// Error mapping: a Status body becomes its StatusError; anything else is synthesized from
// the HTTP code as client-go does; ERROR watch events carry a Status too.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { StatusError } from '../api/errors.js';
import { decodeAnswer } from './answer.js';
import { isStatus, statusErrorFromResponse, statusErrorFromStatus } from './errors.js';

const CONFLICT = {
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message: 'Operation cannot be fulfilled on configmaps "a": the object has been modified',
  reason: 'Conflict',
  details: { name: 'a', kind: 'configmaps' },
  code: 409,
};

test('a Status body becomes its StatusError, details and list metadata included', () => {
  const err = statusErrorFromResponse(409, CONFLICT, JSON.stringify(CONFLICT));
  assert.ok(err instanceof StatusError);
  assert.equal(err.code, 409);
  assert.equal(err.reason, 'Conflict');
  assert.equal(err.message, CONFLICT.message);
  assert.deepEqual(err.details, CONFLICT.details);
  assert.deepEqual(err.toStatus(), CONFLICT);

  const expired = { kind: 'Status', apiVersion: 'v1', metadata: { continue: 'tok' }, status: 'Failure', reason: 'Expired', message: 'too old', code: 410 };
  const e410 = statusErrorFromResponse(410, expired);
  assert.deepEqual([e410.code, e410.reason, e410.listMeta], [410, 'Expired', { continue: 'tok' }]);
});

test('a Status without code or reason takes them from the HTTP answer', () => {
  const err = statusErrorFromResponse(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'gone fishing' });
  assert.deepEqual([err.code, err.reason, err.message], [404, 'NotFound', 'gone fishing']);
  const e500 = statusErrorFromResponse(502, { kind: 'Status', apiVersion: 'v1', status: 'Failure' });
  assert.deepEqual([e500.code, e500.reason], [502, 'InternalError']);
});

test('answers that are not a Status are synthesized as client-go does', () => {
  const cases: [number, string, string][] = [
    [400, 'BadRequest', 'the server rejected our request for an unknown reason'],
    [401, 'Unauthorized', 'the server has asked for the client to provide credentials'],
    [403, 'Forbidden', 'the server does not allow access to the requested resource'],
    [404, 'NotFound', 'the server could not find the requested resource'],
    [409, 'Conflict', 'the server reported a conflict'],
    [422, 'Invalid', 'the server rejected our request due to an error in our request'],
    [429, 'TooManyRequests', 'the server has received too many requests and has asked us to try again later'],
    [503, 'ServiceUnavailable', 'the server is currently unable to handle the request'],
  ];
  for (const [code, reason, message] of cases) {
    const err = statusErrorFromResponse(code, '<html>nope</html>', '<html>nope</html>');
    assert.deepEqual([err.code, err.reason, err.message], [code, reason, message]);
    assert.deepEqual(err.details?.causes, [{ reason: 'UnexpectedServerResponse', message: '<html>nope</html>' }]);
  }
  const e500 = statusErrorFromResponse(500, undefined, 'boom');
  assert.deepEqual([e500.reason, e500.message], ['InternalError', 'an error on the server ("boom") has prevented the request from succeeding']);
  const e418 = statusErrorFromResponse(418, undefined, '');
  assert.deepEqual([e418.reason, e418.message, e418.details?.causes], ['Unknown', 'the server responded with the status code 418 but did not return more information', undefined]);
  assert.ok(statusErrorFromResponse(400, undefined, 'x'.repeat(5000)).details!.causes![0].message!.length < 1100);
});

test('Retry-After reaches details.retryAfterSeconds', () => {
  assert.equal(statusErrorFromResponse(429, undefined, '', '7').details?.retryAfterSeconds, 7);
  const status = { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'TooManyRequests', code: 429, message: 'slow down' };
  assert.equal(statusErrorFromResponse(429, status, '', ['3']).details?.retryAfterSeconds, 3);
  assert.equal(statusErrorFromResponse(429, { ...status, details: { retryAfterSeconds: 1 } }, '', '3').details?.retryAfterSeconds, 1);
});

test('ERROR watch events', () => {
  const err = statusErrorFromStatus({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: 410, reason: 'Expired', message: 'too old resource version: 1 (5)' });
  assert.deepEqual([err.code, err.reason, err.message], [410, 'Expired', 'too old resource version: 1 (5)']);
  assert.ok(isStatus(CONFLICT));
  assert.ok(!isStatus({ kind: 'ConfigMap', apiVersion: 'v1' }));
});

test('answers: JSON decoded, other media types as text, non-2xx thrown', () => {
  assert.deepEqual(decodeAnswer(200, { 'content-type': 'application/json' }, '{"a":1}').body, { a: 1 });
  assert.equal(decodeAnswer(200, { 'content-type': 'text/plain' }, 'ok').body, 'ok');
  assert.equal(decodeAnswer(200, { 'content-type': 'application/json' }, '').body, undefined);
  assert.throws(() => decodeAnswer(200, { 'content-type': 'application/json' }, '{'), /malformed JSON/);
  assert.throws(() => decodeAnswer(409, { 'content-type': 'application/json' }, JSON.stringify(CONFLICT)), (err: StatusError) => err.code === 409 && err.reason === 'Conflict');
  assert.throws(() => decodeAnswer(502, { 'content-type': 'text/html' }, 'bad gateway'), (err: StatusError) => err.code === 502 && err.reason === 'InternalError');
});
