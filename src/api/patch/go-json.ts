// Reads a JSON request body the way Go's encoding/json checks it, so a malformed body fails
// with the text the apiserver sends back ("invalid character 'x' looking for beginning of
// value", "unexpected end of JSON input", ...). The scan runs over the UTF-8 bytes, as Go's
// does, and enforces Go's nesting limit; decoding itself is left to JSON.parse.

import type { Json } from '../meta.js';
import { goQuote } from '../labels/go-format.js';

export class GoJsonSyntaxError extends Error {
  override name = 'GoJsonSyntaxError';
}

const MAX_NESTING_DEPTH = 10000;
const EOF = 'unexpected end of JSON input';

// Stack entries: what the innermost open container expects next.
const ARRAY_VALUE = 0;
const OBJECT_KEY = 1;
const OBJECT_VALUE = 2;

/** Go's quoteChar: a byte as it appears in a syntax error. */
function quoteChar(c: number): string {
  if (c === 0x27) return "'\\''";
  if (c === 0x22) return `'"'`;
  return `'${goQuote(String.fromCharCode(c)).slice(1, -1)}'`;
}

function invalid(c: number, context: string): string {
  return `invalid character ${quoteChar(c)} ${context}`;
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/** Go's syntax error for `data`, or undefined when Go would accept it. */
export function goJsonSyntaxError(data: Uint8Array): string | undefined {
  const n = data.length;
  let i = 0;
  const stack: number[] = [];
  const skipSpace = (): void => {
    while (i < n && isSpace(data[i]!)) i++;
  };

  // Each scanner returns an error text, or undefined with `i` just past the token.
  const scanString = (): string | undefined => {
    i++; // opening quote
    for (;;) {
      if (i >= n) return EOF;
      const c = data[i++]!;
      if (c === 0x22) return undefined;
      if (c === 0x5c) {
        if (i >= n) return EOF;
        const e = data[i++]!;
        if (e === 0x75) {
          for (let k = 0; k < 4; k++) {
            if (i >= n) return EOF;
            const h = data[i++]!;
            if (!isHex(h)) return invalid(h, 'in \\u hexadecimal character escape');
          }
        } else if (!'bfnrt\\/"'.includes(String.fromCharCode(e))) {
          return invalid(e, 'in string escape code');
        }
      } else if (c < 0x20) {
        return invalid(c, 'in string literal');
      }
    }
  };

  const scanNumber = (): string | undefined => {
    if (data[i] === 0x2d) {
      i++;
      if (i >= n) return EOF;
      if (!isDigit(data[i]!)) return invalid(data[i]!, 'in numeric literal');
    }
    if (data[i] === 0x30) i++;
    else while (i < n && isDigit(data[i]!)) i++;
    if (i < n && data[i] === 0x2e) {
      i++;
      if (i >= n) return EOF;
      if (!isDigit(data[i]!)) return invalid(data[i]!, 'after decimal point in numeric literal');
      while (i < n && isDigit(data[i]!)) i++;
    }
    if (i < n && (data[i] === 0x65 || data[i] === 0x45)) {
      i++;
      if (i < n && (data[i] === 0x2b || data[i] === 0x2d)) i++;
      if (i >= n) return EOF;
      if (!isDigit(data[i]!)) return invalid(data[i]!, 'in exponent of numeric literal');
      while (i < n && isDigit(data[i]!)) i++;
    }
    return undefined;
  };

  const scanLiteral = (word: string): string | undefined => {
    i++;
    for (let k = 1; k < word.length; k++) {
      if (i >= n) return EOF;
      const c = data[i]!;
      if (c !== word.charCodeAt(k)) return invalid(c, `in literal ${word} (expecting '${word[k]}')`);
      i++;
    }
    return undefined;
  };

  for (;;) {
    // A value must begin here.
    skipSpace();
    if (i >= n) return EOF;
    const c = data[i]!;
    let err: string | undefined;
    if (c === 0x7b || c === 0x5b) {
      if (stack.length + 1 > MAX_NESTING_DEPTH) return invalid(c, 'exceeded max depth');
      i++;
      skipSpace();
      if (i >= n) return EOF;
      if (c === 0x7b) {
        if (data[i] === 0x7d) i++;
        else if (data[i] !== 0x22) return invalid(data[i]!, 'looking for beginning of object key string');
        else {
          stack.push(OBJECT_KEY);
          err = scanString();
        }
      } else if (data[i] === 0x5d) {
        i++;
      } else {
        stack.push(ARRAY_VALUE);
        continue;
      }
    } else if (c === 0x22) err = scanString();
    else if (c === 0x2d || isDigit(c)) err = scanNumber();
    else if (c === 0x74) err = scanLiteral('true');
    else if (c === 0x66) err = scanLiteral('false');
    else if (c === 0x6e) err = scanLiteral('null');
    else return invalid(c, 'looking for beginning of value');
    if (err !== undefined) return err;

    // A value (or an object key) just ended: close containers until another value is due.
    let needValue = false;
    while (!needValue) {
      skipSpace();
      if (stack.length === 0) return i < n ? invalid(data[i]!, 'after top-level value') : undefined;
      if (i >= n) return EOF;
      const d = data[i]!;
      const top = stack.length - 1;
      switch (stack[top]) {
        case OBJECT_KEY:
          if (d !== 0x3a) return invalid(d, 'after object key');
          i++;
          stack[top] = OBJECT_VALUE;
          needValue = true;
          break;
        case OBJECT_VALUE:
          if (d === 0x2c) {
            i++;
            skipSpace();
            if (i >= n) return EOF;
            if (data[i] !== 0x22) return invalid(data[i]!, 'looking for beginning of object key string');
            stack[top] = OBJECT_KEY;
            const e = scanString();
            if (e !== undefined) return e;
          } else if (d === 0x7d) {
            i++;
            stack.pop();
          } else {
            return invalid(d, 'after object key:value pair');
          }
          break;
        default:
          if (d === 0x2c) {
            i++;
            needValue = true;
          } else if (d === 0x5d) {
            i++;
            stack.pop();
          } else {
            return invalid(d, 'after array element');
          }
      }
    }
  }
}

/** Parses `body` as Go would accept it; throws GoJsonSyntaxError with Go's text otherwise. */
export function parseGoJson(body: string | Uint8Array): Json {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const err = goJsonSyntaxError(bytes);
  if (err !== undefined) throw new GoJsonSyntaxError(err);
  const text = typeof body === 'string' ? body : new TextDecoder().decode(body);
  return JSON.parse(text) as Json;
}
