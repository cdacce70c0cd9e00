// HttpTransport: the client's transport to any Kubernetes-compatible API server over HTTP(S).
//
// - One keep-alive Agent per transport, so controllers and benchmarks reuse connections; a
//   request that fails because the server had just closed a reused idle connection is
//   retried once on a fresh one (the request never reached the server).
// - Requests carry a JSON body with the given content type, Accept (JSON by default), the
//   User-Agent, and credentials: a bearer token (or a token file, re-read every minute as
//   client-go does, since projected tokens rotate), basic auth, or a client certificate.
//   TLS verifies the server with the configured CA unless insecureSkipTLSVerify is set.
// - A 2xx answer resolves with its decoded body (JSON; other media types as text); any other
//   is a StatusError from the Status body, or synthesized when the body is not a Status.
// - A watch reads the chunked answer as newline-delimited JSON events (WatchDecoder);
//   close() aborts the request and no event is delivered after it returns; `done` resolves
//   when the server ends the stream or the client closes it, and rejects on a non-2xx
//   answer (its StatusError), a broken connection, a malformed event, or an onEvent that
//   throws (the stream is closed first).

import { readFileSync } from 'node:fs';
import * as http from 'node:http';
import * as https from 'node:https';
import type { ApiRequest, ApiResponse, RawWatchEvent, Transport, WatchStream } from './contract.js';
import { decodeAnswer } from './answer.js';
import { requestTarget } from './request-url.js';
import { WatchDecoder } from './watch-decoder.js';

/** Where and how to reach a server: what a kubeconfig context resolves to. */
export interface ConnectionConfig {
  /** e.g. https://10.0.0.1:6443, possibly with a path prefix (a proxy). */
  readonly server: string;
  /** PEM CA bundle the server's certificate must chain to (default: Node's roots). */
  readonly caData?: string | Buffer;
  /** PEM client certificate and key. */
  readonly certData?: string | Buffer;
  readonly keyData?: string | Buffer;
  readonly token?: string;
  /** A file holding the bearer token, re-read every minute. */
  readonly tokenFile?: string;
  readonly username?: string;
  readonly password?: string;
  readonly insecureSkipTLSVerify?: boolean;
  /** The name the server's certificate is checked against (default: the server's host). */
  readonly tlsServerName?: string;
}

export interface HttpTransportOptions {
  /** Sent as User-Agent; the server derives the default field manager from it. */
  readonly userAgent?: string;
  /** Concurrent connections to the server (default: unlimited, as client-go). */
  readonly maxSockets?: number;
}

export const DEFAULT_USER_AGENT = 'kite-client';

const TOKEN_FILE_REFRESH_MS = 60_000;

export class HttpTransport implements Transport {
  readonly userAgent: string;
  readonly #url: URL;
  readonly #basePath: string;
  readonly #module: typeof http | typeof https;
  readonly #agent: http.Agent;
  readonly #config: ConnectionConfig;
  #token: { value: string; readAt: number } | undefined;

  constructor(config: ConnectionConfig, opts: HttpTransportOptions = {}) {
    this.#config = config;
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.#url = new URL(config.server);
    if (this.#url.protocol !== 'http:' && this.#url.protocol !== 'https:') throw new TypeError(`unsupported server URL ${config.server}`);
    this.#basePath = this.#url.pathname.replace(/\/+$/, '');
    const agentOpts = { keepAlive: true, maxSockets: opts.maxSockets ?? Infinity };
    if (this.#url.protocol === 'https:') {
      this.#module = https;
      this.#agent = new https.Agent({
        ...agentOpts,
        ca: config.caData,
        cert: config.certData,
        key: config.keyData,
        rejectUnauthorized: !config.insecureSkipTLSVerify,
        servername: config.tlsServerName,
      });
    } else {
      this.#module = http;
      this.#agent = new http.Agent(agentOpts);
    }
  }

  /** Closes idle connections and refuses new ones; open watches end. */
  close(): void {
    this.#agent.destroy();
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    return new Promise((resolve, reject) => this.#send(req, resolve, reject, true));
  }

  #send(req: ApiRequest, resolve: (r: ApiResponse) => void, reject: (err: unknown) => void, mayRetry: boolean): void {
    const body = encodeBody(req);
    const r = this.#open(req, body);
    let answered = false;
    r.on('response', (res) => {
      answered = true;
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve(decodeHttpAnswer(res, Buffer.concat(chunks)));
        } catch (err) {
          reject(err);
        }
      });
    });
    r.on('error', (err: NodeJS.ErrnoException) => {
      // The server closed an idle keep-alive connection as we reused it: the request never
      // reached it, so one retry on a fresh connection is safe (Node's documented remedy).
      if (mayRetry && !answered && r.reusedSocket && (err.code === 'ECONNRESET' || err.code === 'EPIPE')) {
        this.#send(req, resolve, reject, false);
        return;
      }
      reject(err);
    });
    r.end(body);
  }

  watch(req: ApiRequest, onEvent: (event: RawWatchEvent) => void): WatchStream {
    let closed = false;
    let settle: { resolve: () => void; reject: (err: unknown) => void };
    const done = new Promise<void>((resolve, reject) => (settle = { resolve, reject }));
    // A caller that only closes the stream need not observe `done`; one that does still
    // sees its rejection.
    done.catch(() => undefined);
    const body = encodeBody(req);
    const r = this.#open(req, body);
    const fail = (err: unknown) => {
      if (closed) return;
      closed = true;
      r.destroy();
      settle.reject(err);
    };
    const decoder = new WatchDecoder((e) => {
      if (!closed) onEvent(e);
    });
    r.on('response', (res) => {
      if (res.statusCode! < 200 || res.statusCode! >= 300) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            decodeHttpAnswer(res, Buffer.concat(chunks));
            fail(new Error(`watch answered ${res.statusCode}`));
          } catch (err) {
            fail(err);
          }
        });
        res.on('error', fail);
        return;
      }
      res.on('data', (c: Buffer) => {
        if (closed) return;
        try {
          decoder.push(c);
        } catch (err) {
          fail(err);
        }
      });
      res.on('end', () => {
        if (closed) return;
        try {
          decoder.end();
        } catch (err) {
          return fail(err);
        }
        closed = true;
        settle.resolve();
      });
      res.on('error', fail);
      res.on('close', () => {
        if (!res.complete) fail(new Error('watch connection closed before the stream ended'));
      });
    });
    r.on('error', fail);
    r.end(body);
    return {
      close: () => {
        if (closed) return;
        closed = true;
        r.destroy();
        settle.resolve();
      },
      done,
    };
  }

  #open(req: ApiRequest, body: Buffer | undefined): http.ClientRequest {
    const headers: http.OutgoingHttpHeaders = {
      Accept: req.accept ?? 'application/json',
      'User-Agent': this.userAgent,
    };
    if (body) {
      headers['Content-Type'] = req.contentType ?? 'application/json';
      headers['Content-Length'] = body.length;
    }
    const auth = this.#authorization();
    if (auth) headers.Authorization = auth;
    return this.#module.request({
      agent: this.#agent,
      protocol: this.#url.protocol,
      hostname: this.#url.hostname.replace(/^\[(.*)\]$/, '$1'),
      port: this.#url.port || undefined,
      method: req.method,
      path: this.#basePath + requestTarget(req),
      headers,
    });
  }

  #authorization(): string | undefined {
    const c = this.#config;
    if (c.token) return `Bearer ${c.token}`;
    if (c.tokenFile) {
      const now = Date.now();
      if (!this.#token || now - this.#token.readAt > TOKEN_FILE_REFRESH_MS) {
        this.#token = { value: readFileSync(c.tokenFile, 'utf8').trim(), readAt: now };
      }
      return `Bearer ${this.#token.value}`;
    }
    if (c.username !== undefined || c.password !== undefined) {
      return `Basic ${Buffer.from(`${c.username ?? ''}:${c.password ?? ''}`).toString('base64')}`;
    }
    return undefined;
  }
}

function encodeBody(req: ApiRequest): Buffer | undefined {
  return req.body === undefined ? undefined : Buffer.from(JSON.stringify(req.body));
}

/** The answer as an ApiResponse (2xx) or its StatusError (thrown). */
function decodeHttpAnswer(res: http.IncomingMessage, raw: Buffer): ApiResponse {
  return decodeAnswer(res.statusCode ?? 0, res.headers, raw.toString('utf8'));
}
