// The in-process transport with hand-written handlers: the request and response objects
// behave as node:http's do where the API server relies on them (headers, writeHead merging,
// body reading, 'close' when the client leaves), answers decode as over HTTP, and watch
// events are delivered outside the handler's call.

import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { describe, test } from 'node:test';
import { StatusError } from '../api/errors.js';
import type { RawWatchEvent } from './contract.js';
import { InProcessResponse, type ResponseSink } from './in-process-http.js';
import { inProcessCaller } from './in-process-identity.js';
import { type ApiHandler, InProcessTransport } from './in-process-transport.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function handler(fn: (req: IncomingMessage, res: ServerResponse) => void | Promise<void>): ApiHandler {
  return { handle: async (req, res) => fn(req, res) };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of req as AsyncIterable<Buffer>) chunks.push(c);
  return Buffer.concat(chunks).toString('utf8');
}

class RecordingSink implements ResponseSink {
  status = 0;
  headers: Record<string, string | string[]> = {};
  chunks: (string | Buffer)[] = [];
  ended = false;
  buffered = 0;
  head(status: number, headers: Record<string, string | string[]>): void {
    this.status = status;
    this.headers = headers;
  }
  data(chunk: string | Buffer): boolean {
    this.chunks.push(chunk);
    return true;
  }
  end(): void {
    this.ended = true;
  }
}

describe('InProcessResponse', () => {
  test('headers: case-insensitive, merged by writeHead (object or list), sent once', () => {
    const sink = new RecordingSink();
    const res = new InProcessResponse(sink);
    res.setHeader('Warning', ['299 - "a"']);
    res.setHeader('X-Thing', 'one');
    assert.deepEqual(res.getHeader('warning'), ['299 - "a"']);
    assert.equal(res.hasHeader('x-thing'), true);
    res.removeHeader('X-THING');
    assert.equal(res.headersSent, false);
    res.writeHead(201, { 'Content-Type': 'application/json', 'Content-Length': 2 });
    assert.equal(res.headersSent, true);
    assert.deepEqual(sink.headers, { warning: ['299 - "a"'], 'content-type': 'application/json', 'content-length': '2' });
    assert.equal(sink.status, 201);
    assert.throws(() => res.setHeader('A', 'b'), { code: 'ERR_HTTP_HEADERS_SENT' });
    const list = new RecordingSink();
    new InProcessResponse(list).writeHead(404, 'Not Found', ['A', '1', 'B', '2']);
    assert.deepEqual([list.status, list.headers], [404, { a: '1', b: '2' }]);
  });

  test('write and end pass chunks on; end sends headers if needed, then finish and close', async () => {
    const sink = new RecordingSink();
    const res = new InProcessResponse(sink);
    const events: string[] = [];
    res.on('finish', () => events.push('finish'));
    res.on('close', () => events.push('close'));
    res.statusCode = 202;
    assert.equal(res.write('a'), true);
    assert.equal(sink.status, 202);
    res.end(Buffer.from('b'));
    assert.equal(res.writableEnded, true);
    assert.equal(res.write('late'), false);
    await sleep(0);
    assert.deepEqual(sink.chunks.map(String), ['a', 'b']);
    assert.deepEqual(events, ['finish', 'close']);
  });

  test("destroy: 'close' for the handler, nothing written afterwards", async () => {
    const sink = new RecordingSink();
    const res = new InProcessResponse(sink);
    let closed = false;
    res.on('close', () => (closed = true));
    res.destroy();
    assert.equal(res.destroyed, true);
    assert.equal(res.write('x'), false);
    res.end('y');
    await sleep(0);
    assert.equal(closed, true);
    assert.deepEqual(sink.chunks, []);
  });
});

describe('InProcessTransport requests', () => {
  test('the handler sees method, url, headers, body and the caller mark; the answer decodes', async () => {
    let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string; caller?: unknown } = {};
    const t = new InProcessTransport(
      handler(async (req, res) => {
        seen = { method: req.method, url: req.url, headers: req.headers, body: await readBody(req), caller: inProcessCaller(req) };
        res.writeHead(201, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
      }),
      { userAgent: 'kube-scheduler/v1.32', user: { name: 'system:kube-scheduler', groups: [] } },
    );
    const res = await t.request({ method: 'POST', path: '/api/v1/namespaces/a/pods', query: { dryRun: 'All' }, body: { metadata: { name: 'p' } } });
    assert.deepEqual([res.status, res.body], [201, { ok: true }]);
    assert.equal(seen.method, 'POST');
    assert.equal(seen.url, '/api/v1/namespaces/a/pods?dryRun=All');
    assert.equal(seen.body, '{"metadata":{"name":"p"}}');
    assert.equal(seen.headers!['content-type'], 'application/json');
    assert.equal(seen.headers!['content-length'], String(seen.body!.length));
    assert.equal(seen.headers!['user-agent'], 'kube-scheduler/v1.32');
    assert.deepEqual(seen.caller, { userAgent: 'kube-scheduler/v1.32', user: { name: 'system:kube-scheduler', groups: [] } });
    assert.equal(inProcessCaller({ headers: {} }), undefined);
  });

  test('errors: a Status answer, a handler that throws', async () => {
    const t = new InProcessTransport(
      handler((req, res) => {
        if (req.url === '/throw') throw new Error('handler bug');
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'NotFound', message: 'no', code: 404 }));
      }),
      { userAgent: 't' },
    );
    await assert.rejects(t.request({ method: 'GET', path: '/x' }), (err: StatusError) => err instanceof StatusError && err.code === 404);
    await assert.rejects(t.request({ method: 'GET', path: '/throw' }), /handler bug/);
  });

  test('a list streamed in parts (awaiting drain) arrives whole', async () => {
    const t = new InProcessTransport(
      handler(async (_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.write('{"items":[');
        for (let i = 0; i < 100; i++) if (!res.write(`${i ? ',' : ''}${i}`)) await new Promise((r) => res.once('drain', r));
        res.end(']}');
      }),
      { userAgent: 't' },
    );
    const res = await t.request({ method: 'GET', path: '/x' });
    assert.equal((res.body as { items: number[] }).items.length, 100);
  });
});

describe('InProcessTransport watches', () => {
  function watchHandler(onOpen: (res: ServerResponse) => void): ApiHandler {
    return handler((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json;stream=watch' });
      res.flushHeaders();
      onOpen(res);
    });
  }
  const ev = (name: string) => `${JSON.stringify({ type: 'ADDED', object: { metadata: { name } } })}\n`;

  test('events arrive after the handler returns from write (never inside it), in order', async () => {
    let res!: ServerResponse;
    const t = new InProcessTransport(watchHandler((r) => (res = r)), { userAgent: 't' });
    const got: string[] = [];
    const w = t.watch({ method: 'GET', path: '/w', query: { watch: true } }, (e: RawWatchEvent) => got.push((e.object as { metadata: { name: string } }).metadata.name));
    while (!res) await sleep(1);
    res.write(ev('a') + ev('b').slice(0, 5));
    res.write(ev('b').slice(5));
    assert.deepEqual(got, [], 'not delivered synchronously');
    assert.ok(res.writableLength > 0, 'undelivered bytes are buffered');
    await sleep(5);
    assert.deepEqual(got, ['a', 'b']);
    assert.equal(res.writableLength, 0);
    res.write(ev('c'));
    res.end();
    await w.done;
    assert.deepEqual(got, ['a', 'b', 'c']);
  });

  test("close(): the handler sees 'close', no event is delivered afterwards, done resolves", async () => {
    let res!: ServerResponse;
    let handlerSawClose = false;
    const t = new InProcessTransport(
      watchHandler((r) => {
        res = r;
        r.on('close', () => (handlerSawClose = true));
      }),
      { userAgent: 't' },
    );
    const got: string[] = [];
    const w = t.watch({ method: 'GET', path: '/w', query: { watch: true } }, (e) => got.push(e.type));
    while (!res) await sleep(1);
    res.write(ev('a'));
    w.close();
    await w.done;
    await sleep(1);
    assert.equal(handlerSawClose, true);
    assert.equal(res.destroyed, true);
    assert.deepEqual(got, []);
  });

  test('a non-2xx answer rejects done with its StatusError; a throwing onEvent rejects with its error', async () => {
    const refused = new InProcessTransport(
      handler((_req, res) => {
        res.writeHead(400, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', message: 'nope', code: 400 }));
      }),
      { userAgent: 't' },
    );
    await assert.rejects(refused.watch({ method: 'GET', path: '/w' }, () => {}).done, (err: StatusError) => err.code === 400 && err.message === 'nope');

    let res!: ServerResponse;
    const t = new InProcessTransport(watchHandler((r) => (res = r)), { userAgent: 't' });
    const w = t.watch({ method: 'GET', path: '/w' }, () => {
      throw new Error('consumer bug');
    });
    while (!res) await sleep(1);
    res.write(ev('a') + ev('b'));
    await assert.rejects(w.done, /consumer bug/);
    await sleep(1);
    assert.equal(res.destroyed, true, 'the handler is told the client left');
  });
});
