// PortTransport: the client transport of the scheduler's worker thread. Requests go over a
// MessagePort to the API server's thread (api-port-server.ts) and answers come back as text,
// decoded here exactly as the in-process and HTTP transports decode theirs (decodeAnswer,
// WatchDecoder), so the worker's client behaves as any other.

import type { MessagePort } from 'node:worker_threads';
import { decodeAnswer } from '../../client/answer.js';
import type { ApiRequest, ApiResponse, RawWatchEvent, Transport, WatchStream } from '../../client/contract.js';
import { requestTarget } from '../../client/request-url.js';
import { WatchDecoder } from '../../client/watch-decoder.js';
import type { ToServer, ToWorker, WireRequest } from './protocol.js';

interface Pending {
  resolve(r: ApiResponse): void;
  reject(err: unknown): void;
}

interface OpenWatch {
  readonly decoder: WatchDecoder;
  resolve(): void;
  reject(err: unknown): void;
  closed: boolean;
}

export class PortTransport implements Transport {
  readonly #port: MessagePort;
  readonly #pending = new Map<number, Pending>();
  readonly #watches = new Map<number, OpenWatch>();
  #nextId = 1;
  #closed = false;

  constructor(port: MessagePort) {
    this.#port = port;
    port.on('message', (m: ToWorker) => this.#receive(m));
  }

  request(req: ApiRequest): Promise<ApiResponse> {
    if (this.#closed) return Promise.reject(new Error('transport closed'));
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#send({ t: 'req', id, req: wire(req) });
    });
  }

  watch(req: ApiRequest, onEvent: (event: RawWatchEvent) => void): WatchStream {
    const id = this.#nextId++;
    let w!: OpenWatch;
    const done = new Promise<void>((resolve, reject) => {
      w = {
        decoder: new WatchDecoder((e) => {
          if (!w.closed) onEvent(e);
        }),
        resolve,
        reject,
        closed: false,
      };
    });
    done.catch(() => undefined);
    if (this.#closed) {
      w.reject(new Error('transport closed'));
    } else {
      this.#watches.set(id, w);
      this.#send({ t: 'watch', id, req: wire(req) });
    }
    return {
      close: () => {
        if (w.closed) return;
        w.closed = true;
        this.#watches.delete(id);
        this.#send({ t: 'close', id });
        w.resolve();
      },
      done,
    };
  }

  /** Fails every open request and watch; no more are sent. */
  close(): void {
    this.#closed = true;
    const err = new Error('transport closed');
    for (const p of this.#pending.values()) p.reject(err);
    this.#pending.clear();
    for (const w of this.#watches.values()) {
      w.closed = true;
      w.resolve();
    }
    this.#watches.clear();
  }

  #send(m: ToServer): void {
    if (!this.#closed) this.#port.postMessage(m);
  }

  #receive(m: ToWorker): void {
    if (m.t === 'res' || m.t === 'err') {
      const p = this.#pending.get(m.id);
      if (!p) {
        // A watch that could not be dispatched.
        const w = this.#watches.get(m.id);
        if (w && m.t === 'err') {
          this.#watches.delete(m.id);
          w.closed = true;
          w.reject(new Error(m.message));
        }
        return;
      }
      this.#pending.delete(m.id);
      if (m.t === 'err') return p.reject(new Error(m.message));
      try {
        p.resolve(decodeAnswer(m.status, m.headers, m.body));
      } catch (err) {
        p.reject(err);
      }
      return;
    }
    const w = this.#watches.get(m.id);
    if (!w) return;
    try {
      if (m.t === 'chunk') {
        w.decoder.push(m.data);
        return;
      }
      this.#watches.delete(m.id);
      w.closed = true;
      if (m.status < 200 || m.status >= 300) {
        decodeAnswer(m.status, m.headers, m.body);
        return w.reject(new Error(`watch answered ${m.status}`));
      }
      w.decoder.end();
      w.resolve();
    } catch (err) {
      this.#watches.delete(m.id);
      w.closed = true;
      w.reject(err);
    }
  }
}

function wire(req: ApiRequest): WireRequest {
  return {
    method: req.method,
    url: requestTarget(req),
    accept: req.accept ?? 'application/json',
    ...(req.body !== undefined ? { body: JSON.stringify(req.body), contentType: req.contentType ?? 'application/json' } : {}),
  };
}
