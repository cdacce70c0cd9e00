// The request and response objects the in-process transport hands the API server in place
// of node:http's IncomingMessage and ServerResponse — no socket, same handler code.
//
// InProcessRequest is a Readable holding the body bytes, with method, url (path and query),
// lower-cased headers (content-type, content-length, accept, user-agent) and the
// in-process caller mark (in-process-identity.ts). Handlers read it as they read a socket's
// request: headers, then the body by async iteration.
//
// InProcessResponse implements what the API server's handlers use of a ServerResponse:
// statusCode, setHeader/getHeader/getHeaders/hasHeader/removeHeader (case-insensitive),
// writeHead (with headers as an object or a list, merged over set ones), flushHeaders,
// headersSent, write/end (strings or bytes, with callbacks), writableLength (what the
// consumer has not taken yet), writableEnded, destroyed/destroy(), and the 'drain', 'finish'
// and 'close' events — 'close' also when the client goes away (destroy), which is how a
// watch learns its client closed it. Headers become visible to the sink when they are sent;
// chunks are passed on as written.

import { EventEmitter } from 'node:events';
import type { IncomingHttpHeaders, OutgoingHttpHeader, OutgoingHttpHeaders } from 'node:http';
import { Readable } from 'node:stream';
import { IN_PROCESS_CALLER, type InProcessCaller } from './in-process-identity.js';

export interface InProcessRequestInit {
  readonly method: string;
  /** Path and query string. */
  readonly url: string;
  /** Lower-cased header names. */
  readonly headers: IncomingHttpHeaders;
  readonly body?: Buffer;
  readonly caller: InProcessCaller;
}

export class InProcessRequest extends Readable {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly httpVersion = '1.1';
  readonly httpVersionMajor = 1;
  readonly httpVersionMinor = 1;
  readonly [IN_PROCESS_CALLER]: InProcessCaller;

  constructor(init: InProcessRequestInit) {
    super();
    this.method = init.method;
    this.url = init.url;
    this.headers = init.headers;
    this[IN_PROCESS_CALLER] = init.caller;
    if (init.body && init.body.length > 0) this.push(init.body);
    this.push(null);
  }

  /** [name, value, name, value, ...], as IncomingMessage has them (built on demand: no
   *  handler reads them today). */
  get rawHeaders(): string[] {
    return Object.entries(this.headers).flatMap(([k, v]) => (v === undefined ? [] : Array.isArray(v) ? v.flatMap((x) => [k, x]) : [k, v]));
  }

  override _read(): void {
    // Everything was pushed at construction.
  }
}

/** Where a response's parts go. */
export interface ResponseSink {
  /** The status and headers (lower-cased names), once, before any data. */
  head(status: number, headers: Record<string, string | string[]>): void;
  /** A chunk as the handler wrote it; false when the consumer is behind (the handler may
   *  wait for 'drain'). */
  data(chunk: string | Buffer): boolean;
  /** The handler ended the response. */
  end(): void;
  /** Bytes written and not yet taken by the consumer. */
  readonly buffered: number;
}

type Callback = (err?: Error | null) => void;

export class InProcessResponse extends EventEmitter {
  statusCode = 200;
  statusMessage = '';
  readonly #sink: ResponseSink;
  readonly #headers = new Map<string, { name: string; value: number | string | string[] }>();
  #headersSent = false;
  #ended = false;
  #destroyed = false;

  constructor(sink: ResponseSink) {
    super();
    this.#sink = sink;
  }

  get headersSent(): boolean {
    return this.#headersSent;
  }

  get writableEnded(): boolean {
    return this.#ended;
  }

  get writableFinished(): boolean {
    return this.#ended;
  }

  get finished(): boolean {
    return this.#ended;
  }

  get destroyed(): boolean {
    return this.#destroyed;
  }

  get writableLength(): number {
    return this.#sink.buffered;
  }

  setHeader(name: string, value: number | string | readonly string[]): this {
    if (this.#headersSent) throw headersSentError('set');
    this.#headers.set(name.toLowerCase(), { name, value: typeof value === 'object' ? [...value] : value });
    return this;
  }

  getHeader(name: string): number | string | string[] | undefined {
    return this.#headers.get(name.toLowerCase())?.value;
  }

  getHeaders(): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = {};
    for (const [k, { value }] of this.#headers) out[k] = value;
    return out;
  }

  getHeaderNames(): string[] {
    return [...this.#headers.keys()];
  }

  hasHeader(name: string): boolean {
    return this.#headers.has(name.toLowerCase());
  }

  removeHeader(name: string): void {
    if (this.#headersSent) throw headersSentError('remove');
    this.#headers.delete(name.toLowerCase());
  }

  writeHead(status: number, reasonOrHeaders?: string | OutgoingHttpHeaders | OutgoingHttpHeader[], headers?: OutgoingHttpHeaders | OutgoingHttpHeader[]): this {
    if (this.#headersSent) throw headersSentError('write');
    this.statusCode = status;
    if (typeof reasonOrHeaders === 'string') this.statusMessage = reasonOrHeaders;
    else headers = reasonOrHeaders;
    if (Array.isArray(headers)) {
      // [name, value, name, value, ...] or [[name, value], ...]
      const flat = headers.flat() as string[];
      for (let i = 0; i + 1 < flat.length; i += 2) this.setHeader(flat[i], flat[i + 1]);
    } else if (headers) {
      for (const [k, v] of Object.entries(headers)) if (v !== undefined) this.setHeader(k, v);
    }
    this.#sendHead();
    return this;
  }

  flushHeaders(): void {
    if (!this.#headersSent) this.#sendHead();
  }

  #sendHead(): void {
    this.#headersSent = true;
    const headers: Record<string, string | string[]> = {};
    for (const [k, { value }] of this.#headers) headers[k] = typeof value === 'number' ? String(value) : value;
    this.#sink.head(this.statusCode, headers);
  }

  /** Writes reach the sink one by one, queued for a later turn anyway: nothing to hold back. */
  cork(): void {}

  uncork(): void {}

  write(chunk: string | Uint8Array, encodingOrCb?: BufferEncoding | Callback, cb?: Callback): boolean {
    const callback = typeof encodingOrCb === 'function' ? encodingOrCb : cb;
    const encoding = typeof encodingOrCb === 'string' ? encodingOrCb : undefined;
    if (this.#ended || this.#destroyed) {
      if (callback) process.nextTick(callback, new Error(this.#destroyed ? 'write after destroy' : 'write after end'));
      return false;
    }
    if (!this.#headersSent) this.#sendHead();
    const ok = this.#sink.data(toChunk(chunk, encoding));
    if (callback) process.nextTick(callback);
    return ok;
  }

  end(chunkOrCb?: string | Uint8Array | Callback, encodingOrCb?: BufferEncoding | Callback, cb?: Callback): this {
    let chunk: string | Uint8Array | undefined;
    let encoding: BufferEncoding | undefined;
    let callback: Callback | undefined;
    if (typeof chunkOrCb === 'function') callback = chunkOrCb;
    else chunk = chunkOrCb;
    if (typeof encodingOrCb === 'function') callback = encodingOrCb;
    else encoding = encodingOrCb;
    callback ??= cb;
    if (this.#ended || this.#destroyed) {
      if (callback) process.nextTick(callback);
      return this;
    }
    if (!this.#headersSent) this.#sendHead();
    if (chunk !== undefined && chunk.length > 0) this.#sink.data(toChunk(chunk, encoding));
    this.#ended = true;
    this.#sink.end();
    if (callback) process.nextTick(callback);
    // As a ServerResponse: 'finish' once everything is handed over, then 'close'.
    if (this.listenerCount('finish') || this.listenerCount('close')) {
      process.nextTick(() => {
        this.emit('finish');
        this.emit('close');
      });
    }
    return this;
  }

  /** The client went away (or the handler gave up): nothing more is delivered. */
  destroy(err?: Error): this {
    if (this.#destroyed) return this;
    this.#destroyed = true;
    process.nextTick(() => {
      if (err && this.listenerCount('error')) this.emit('error', err);
      this.emit('close');
    });
    return this;
  }
}

function toChunk(chunk: string | Uint8Array, encoding: BufferEncoding | undefined): string | Buffer {
  if (typeof chunk === 'string') return encoding && encoding !== 'utf8' && encoding !== 'utf-8' ? Buffer.from(chunk, encoding) : chunk;
  return Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
}

function headersSentError(what: string): Error {
  const err = new Error(`Cannot ${what} headers after they are sent to the client`) as NodeJS.ErrnoException;
  err.code = 'ERR_HTTP_HEADERS_SENT';
  return err;
}
