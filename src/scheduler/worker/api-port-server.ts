// serveApiOverPort: answers API requests arriving on a MessagePort (from the scheduler's
// worker thread) by handing them to kite's API server in this thread, exactly as the
// in-process transport does (same request path: authentication, authorization, admission,
// handlers), and sending the answers back as text. The worker decodes them, so this thread
// never parses a response or a watch event for the worker.
//
// Contract: every request gets exactly one res or err; a watch streams chunk messages (one
// per event-loop turn at most) and then one end, unless the worker closes it first; close()
// stops serving and ends every open watch.

import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import type { MessagePort } from 'node:worker_threads';
import type { ApiHandler } from '../../client/in-process-transport.js';
import { InProcessRequest, InProcessResponse, type ResponseSink } from '../../client/in-process-http.js';
import type { InProcessCaller } from '../../client/in-process-identity.js';
import type { ToServer, ToWorker, WireHeaders, WireRequest } from './protocol.js';

function text(chunks: readonly (string | Buffer)[]): string {
  if (chunks.length === 1 && typeof chunks[0] === 'string') return chunks[0];
  return chunks.map((c) => (typeof c === 'string' ? c : c.toString('utf8'))).join('');
}

class WholeAnswer implements ResponseSink {
  #status = 0;
  #headers: WireHeaders = {};
  readonly #chunks: (string | Buffer)[] = [];
  constructor(private readonly done: (status: number, headers: WireHeaders, body: string) => void) {}
  get buffered(): number {
    return 0;
  }
  head(status: number, headers: WireHeaders): void {
    this.#status = status;
    this.#headers = headers;
  }
  data(chunk: string | Buffer): boolean {
    this.#chunks.push(chunk);
    return true;
  }
  end(): void {
    this.done(this.#status, this.#headers, text(this.#chunks));
  }
}

class StreamedAnswer implements ResponseSink {
  #status = 0;
  #headers: WireHeaders = {};
  #pending: (string | Buffer)[] = [];
  #scheduled = false;
  #ended = false;
  closed = false;

  constructor(
    private readonly id: number,
    private readonly post: (m: ToWorker) => void,
    private readonly onDone: () => void,
  ) {}

  get buffered(): number {
    return 0;
  }
  head(status: number, headers: WireHeaders): void {
    this.#status = status;
    this.#headers = headers;
  }
  data(chunk: string | Buffer): boolean {
    if (this.closed) return false;
    this.#pending.push(chunk);
    this.#schedule();
    return true;
  }
  end(): void {
    this.#ended = true;
    this.#schedule();
  }
  #schedule(): void {
    if (this.#scheduled || this.closed) return;
    this.#scheduled = true;
    setImmediate(() => this.#flush());
  }
  #flush(): void {
    this.#scheduled = false;
    if (this.closed) return;
    const ok = this.#status >= 200 && this.#status < 300;
    if (ok && this.#pending.length > 0) {
      this.post({ t: 'chunk', id: this.id, data: text(this.#pending) });
      this.#pending = [];
    }
    if (!this.#ended) return;
    this.closed = true;
    this.post({ t: 'end', id: this.id, status: this.#status, headers: this.#headers, body: ok ? '' : text(this.#pending) });
    this.onDone();
  }
}

export function serveApiOverPort(port: MessagePort, server: ApiHandler, caller: InProcessCaller): () => void {
  const watches = new Map<number, { res: InProcessResponse; sink: StreamedAnswer }>();
  let open = true;
  const post = (m: ToWorker): void => {
    if (open) port.postMessage(m);
  };

  const dispatch = (id: number, req: WireRequest, res: InProcessResponse): void => {
    const headers: IncomingHttpHeaders = { accept: req.accept, 'user-agent': caller.userAgent };
    let body: Buffer | undefined;
    if (req.body !== undefined) {
      body = Buffer.from(req.body);
      headers['content-type'] = req.contentType ?? 'application/json';
      headers['content-length'] = String(body.length);
    }
    const request = new InProcessRequest({ method: req.method, url: req.url, headers, body, caller });
    const fail = (err: unknown): void => post({ t: 'err', id, message: err instanceof Error ? err.message : String(err) });
    try {
      const handled = server.handle(request as unknown as IncomingMessage, res as unknown as ServerResponse);
      if (handled) handled.catch(fail);
    } catch (err) {
      fail(err);
    }
  };

  port.on('message', (m: ToServer) => {
    if (m.t === 'req') {
      dispatch(m.id, m.req, new InProcessResponse(new WholeAnswer((status, headers, body) => post({ t: 'res', id: m.id, status, headers, body }))));
    } else if (m.t === 'watch') {
      const sink = new StreamedAnswer(m.id, post, () => watches.delete(m.id));
      const res = new InProcessResponse(sink);
      watches.set(m.id, { res, sink });
      dispatch(m.id, m.req, res);
    } else if (m.t === 'close') {
      const w = watches.get(m.id);
      if (!w) return;
      watches.delete(m.id);
      w.sink.closed = true;
      w.res.destroy();
    }
  });

  return () => {
    open = false;
    for (const w of watches.values()) {
      w.sink.closed = true;
      w.res.destroy();
    }
    watches.clear();
    port.close();
  };
}
