// InProcessTransport: the client's transport to kite's own API server in the same process,
// without sockets. Every request is handed to ApiServer.handle as a synthesized request and
// response (in-process-http.ts), so it takes exactly the path an HTTP request takes —
// request info, authentication, authorization, admission, the verb handlers, the same JSON
// in and out — minus the network: the body is serialized once and parsed once, as over
// HTTP, which also keeps callers from sharing objects with the server's caches. Watch
// lines are the exception among callers: every in-process watcher of an event gets the same
// parsed object (shared-line-parser.ts), so informer caches share, and never modify, them.
//
// Identity: requests carry the caller's User-Agent header (the server derives field
// managers from it) and the in-process mark (in-process-identity.ts) through which the
// authenticator may give the component its own identity.
//
// Watches stream what the handler writes to the WatchDecoder, but never inside the
// handler's call: written chunks are queued and delivered on a later turn of the event loop
// (setImmediate), as a socket would, so a consumer runs outside the server's fan-out and
// the server's slow-watcher limit (writableLength) sees what the consumer has not taken.
// close() destroys the response: the handler sees 'close' and stops its watcher.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { ApiRequest, ApiResponse, RawWatchEvent, Transport, WatchStream } from './contract.js';
import { decodeAnswer } from './answer.js';
import { InProcessRequest, InProcessResponse, type ResponseSink } from './in-process-http.js';
import type { InProcessCaller } from './in-process-identity.js';
import { requestTarget } from './request-url.js';
import { sharedLineParser } from './shared-line-parser.js';
import { WatchDecoder } from './watch-decoder.js';

/** What the transport needs of kite's ApiServer. */
export interface ApiHandler {
  handle(req: IncomingMessage, res: ServerResponse): Promise<void> | void;
}

export interface InProcessTransportOptions {
  /** The component's user agent, e.g. kube-controller-manager. */
  readonly userAgent: string;
  /** The identity the component asks the authenticator for (see in-process-identity.ts). */
  readonly user?: InProcessCaller['user'];
}

/** Above this many undelivered watch bytes, write() asks the handler to wait for 'drain'. */
const WATCH_HIGH_WATER = 64 * 1024;

export class InProcessTransport implements Transport {
  readonly userAgent: string;
  readonly #server: ApiHandler;
  readonly #caller: InProcessCaller;

  constructor(server: ApiHandler, opts: InProcessTransportOptions) {
    this.#server = server;
    this.userAgent = opts.userAgent;
    this.#caller = opts.user ? { userAgent: opts.userAgent, user: opts.user } : { userAgent: opts.userAgent };
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    return new Promise((resolve, reject) => {
      const sink = new CollectingSink((status, headers, body) => {
        try {
          resolve(decodeAnswer(status, headers, body));
        } catch (err) {
          reject(err);
        }
      });
      this.#dispatch(req, new InProcessResponse(sink), reject);
    });
  }

  watch(req: ApiRequest, onEvent: (event: RawWatchEvent) => void): WatchStream {
    let settle: { resolve: () => void; reject: (err: unknown) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // A caller that only closes the stream need not observe `done`; one that does still
    // sees its rejection.
    done.catch(() => undefined);
    let res: InProcessResponse | undefined;
    const sink = new WatchSink(onEvent, {
      resolve: () => settle.resolve(),
      reject: (err) => {
        res?.destroy();
        settle.reject(err);
      },
    });
    res = new InProcessResponse(sink);
    sink.attach(res);
    this.#dispatch(req, res, (err) => sink.fail(err));
    return {
      close: () => {
        if (sink.close()) {
          res?.destroy();
          settle.resolve();
        }
      },
      done,
    };
  }

  #dispatch(req: ApiRequest, res: InProcessResponse, onError: (err: unknown) => void): void {
    const headers: IncomingHttpHeaders = { accept: req.accept ?? 'application/json', 'user-agent': this.userAgent };
    let body: Buffer | undefined;
    if (req.body !== undefined) {
      body = Buffer.from(JSON.stringify(req.body));
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(body.length);
    }
    const request = new InProcessRequest({ method: req.method, url: requestTarget(req), headers, body, caller: this.#caller });
    try {
      const handled = this.#server.handle(request as unknown as IncomingMessage, res as unknown as ServerResponse);
      if (handled) handled.catch(onError);
    } catch (err) {
      onError(err);
    }
  }
}

/** Collects a whole answer; most answers are one string written by end(). */
class CollectingSink implements ResponseSink {
  #status = 0;
  #headers: Record<string, string | string[]> = {};
  #chunks: (string | Buffer)[] = [];
  readonly #onEnd: (status: number, headers: Record<string, string | string[]>, body: string) => void;

  constructor(onEnd: (status: number, headers: Record<string, string | string[]>, body: string) => void) {
    this.#onEnd = onEnd;
  }

  get buffered(): number {
    return 0;
  }

  head(status: number, headers: Record<string, string | string[]>): void {
    this.#status = status;
    this.#headers = headers;
  }

  data(chunk: string | Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }

  end(): void {
    this.#onEnd(this.#status, this.#headers, bodyText(this.#chunks));
  }
}

function bodyText(chunks: readonly (string | Buffer)[]): string {
  if (chunks.length === 1 && typeof chunks[0] === 'string') return chunks[0];
  if (chunks.every((c) => typeof c === 'string')) return chunks.join('');
  return Buffer.concat(chunks.map((c) => (typeof c === 'string' ? Buffer.from(c) : c))).toString('utf8');
}

/** Streams a 2xx watch answer to a decoder on later event-loop turns; collects any other
 *  answer into its StatusError. */
class WatchSink implements ResponseSink {
  readonly #decoder: WatchDecoder;
  readonly #settle: { resolve: () => void; reject: (err: unknown) => void };
  #status = 0;
  #headers: Record<string, string | string[]> = {};
  #pending: (string | Buffer)[] = [];
  #buffered = 0;
  #scheduled = false;
  #wantsDrain = false;
  #ended = false;
  #closed = false;
  #res: { emit(event: 'drain'): boolean } | undefined;

  constructor(onEvent: (event: RawWatchEvent) => void, settle: { resolve: () => void; reject: (err: unknown) => void }) {
    this.#settle = settle;
    this.#decoder = new WatchDecoder(
      (e) => {
        if (!this.#closed) onEvent(e);
      },
      (line) => sharedLineParser.parse(line),
    );
  }

  get buffered(): number {
    return this.#buffered;
  }

  head(status: number, headers: Record<string, string | string[]>): void {
    this.#status = status;
    this.#headers = headers;
  }

  data(chunk: string | Buffer): boolean {
    if (this.#closed) return false;
    this.#pending.push(chunk);
    this.#buffered += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
    this.#schedule();
    if (this.#buffered <= WATCH_HIGH_WATER) return true;
    this.#wantsDrain = true;
    return false;
  }

  end(): void {
    this.#ended = true;
    this.#schedule();
  }

  /** Lets the sink emit 'drain' on the response it feeds. */
  attach(res: { emit(event: 'drain'): boolean }): void {
    this.#res = res;
  }

  /** The client closes the stream; true if it was still open. */
  close(): boolean {
    if (this.#closed) return false;
    this.#closed = true;
    this.#pending = [];
    this.#buffered = 0;
    return true;
  }

  fail(err: unknown): void {
    if (this.close()) this.#settle.reject(err);
  }

  #schedule(): void {
    if (this.#scheduled || this.#closed) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }

  #flush(): void {
    this.#scheduled = false;
    if (this.#closed) return;
    const ok = this.#status >= 200 && this.#status < 300;
    if (ok) {
      const chunks = this.#pending;
      this.#pending = [];
      this.#buffered = 0;
      try {
        for (const c of chunks) {
          if (this.#closed) return;
          this.#decoder.push(c);
        }
      } catch (err) {
        return this.fail(err);
      }
      if (this.#wantsDrain) {
        this.#wantsDrain = false;
        this.#res?.emit('drain');
      }
    }
    if (!this.#ended || this.#closed) return;
    if (!ok) {
      try {
        decodeAnswer(this.#status, this.#headers, bodyText(this.#pending));
        return this.fail(new Error(`watch answered ${this.#status}`));
      } catch (err) {
        return this.fail(err);
      }
    }
    try {
      this.#decoder.end();
    } catch (err) {
      return this.fail(err);
    }
    this.#closed = true;
    this.#settle.resolve();
  }
}
