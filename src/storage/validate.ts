// Input checks shared by every backend: each either returns the checked value or throws
// InvalidArgumentError, so malformed input is refused before it can reach the log. Keys are
// printable ASCII because ordering must be the same bytewise (SQLite) and per UTF-16 unit (JS),
// and because the byte 0x00 is reserved as "just after a key".

import { InvalidArgumentError } from './kv.js';

const printableAscii = /^[\x20-\x7e]*$/;

export function checkKey(key: unknown): string {
  if (typeof key !== 'string' || key.length === 0) {
    throw new InvalidArgumentError(`key must be a non-empty string, got ${describe(key)}`);
  }
  if (!printableAscii.test(key)) {
    throw new InvalidArgumentError(`key must be printable ASCII: ${JSON.stringify(key)}`);
  }
  return key;
}

/** A prefix may be empty (every key). */
export function checkPrefix(prefix: unknown): string {
  if (typeof prefix !== 'string') {
    throw new InvalidArgumentError(`prefix must be a string, got ${describe(prefix)}`);
  }
  if (!printableAscii.test(prefix)) {
    throw new InvalidArgumentError(`prefix must be printable ASCII: ${JSON.stringify(prefix)}`);
  }
  return prefix;
}

/** A list's startKey: a key, or a key followed by "\x00" to start just after that key. */
export function checkStartKey(startKey: unknown): string {
  if (typeof startKey !== 'string' || !/^[\x20-\x7e]*\x00?$/.test(startKey)) {
    throw new InvalidArgumentError(`startKey must be a key, optionally followed by "\\x00": ${describe(startKey)}`);
  }
  return startKey;
}

export function checkValue(value: unknown): string {
  if (typeof value !== 'string') {
    throw new InvalidArgumentError(`value must be a string, got ${describe(value)}`);
  }
  // A lone surrogate would be silently replaced by U+FFFD on the way to UTF-8 storage, so the
  // value read back would differ from the value written. (isWellFormed is in Node 20, but not
  // yet in the ES2023 typings.)
  if (!(value as string & { isWellFormed(): boolean }).isWellFormed()) {
    throw new InvalidArgumentError('value contains a lone UTF-16 surrogate');
  }
  return value;
}

/** A revision, a limit or an expected modRevision: a non-negative safe integer. */
export function checkCount(what: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 0) {
    throw new InvalidArgumentError(`${what} must be a non-negative integer, got ${describe(n)}`);
  }
  return n;
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  return typeof v;
}
