// HttpTransport against small local HTTP(S) servers: what a request carries, how answers
// and failures decode, connection reuse, watches cut into awkward chunks, closing and broken
// watches, and TLS (CA, client certificates, insecure-skip-tls-verify), tokens.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { after, describe, test } from 'node:test';
import { StatusError } from '../api/errors.js';
import type { RawWatchEvent } from './contract.js';
import { HttpTransport } from './http-transport.js';
import { CA_CERT, CLIENT_CERT, CLIENT_KEY, SERVER_CERT, SERVER_KEY } from './testing-tls.js';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void;

const servers: Server[] = [];
after(() => {
  for (const s of servers) s.closeAllConnections?.();
  return Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
});

async function serve(handler: Handler, server: Server = createHttpServer(), scheme = 'http'): Promise<{ url: string; server: Server }> {
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handler(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `${scheme}://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

function json(res: ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('requests', () => {
  test('method, path (after the server URL\'s prefix), query, headers and JSON body; JSON answer', async () => {
    let seen: { method?: string; url?: string; headers?: IncomingMessage['headers']; body?: string } = {};
    const { url } = await serve((req, res, body) => {
      seen = { method: req.method, url: req.url, headers: req.headers, body };
      json(res, 201, { kind: 'ConfigMap', metadata: { name: 'a' } });
    });
    const t = new HttpTransport({ server: `${url}/prefix/`, token: 'sekret' }, { userAgent: 'tester/1.0' });
    const res = await t.request({ method: 'PATCH', path: '/api/v1/namespaces/d/configmaps/a', query: { fieldManager: 'me', dryRun: undefined }, body: { data: { k: 'v' } }, contentType: 'application/merge-patch+json' });
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, { kind: 'ConfigMap', metadata: { name: 'a' } });
    assert.equal(seen.method, 'PATCH');
    assert.equal(seen.url, '/prefix/api/v1/namespaces/d/configmaps/a?fieldManager=me');
    assert.equal(seen.body, '{"data":{"k":"v"}}');
    assert.equal(seen.headers!['content-type'], 'application/merge-patch+json');
    assert.equal(seen.headers!['content-length'], String(seen.body!.length));
    assert.equal(seen.headers!.accept, 'application/json');
    assert.equal(seen.headers!['user-agent'], 'tester/1.0');
    assert.equal(seen.headers!.authorization, 'Bearer sekret');
    await t.request({ method: 'GET', path: '/x' });
    assert.equal(seen.headers!['content-type'], undefined);
    t.close();
  });

  test('non-2xx answers: the Status as a StatusError, or a synthesized one', async () => {
    const { url } = await serve((req, res) => {
      if (req.url === '/status') return json(res, 409, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'AlreadyExists', message: 'exists', code: 409, details: { name: 'a' } });
      res.writeHead(503, { 'Content-Type': 'text/html', 'Retry-After': '2' });
      res.end('<h1>down</h1>');
    });
    const t = new HttpTransport({ server: url });
    await assert.rejects(t.request({ method: 'POST', path: '/status', body: {} }), (err: StatusError) => err instanceof StatusError && err.code === 409 && err.reason === 'AlreadyExists' && err.details?.name === 'a');
    await assert.rejects(t.request({ method: 'GET', path: '/html' }), (err: StatusError) => err.code === 503 && err.reason === 'ServiceUnavailable' && err.details?.retryAfterSeconds === 2);
    t.close();
  });

  test('keep-alive: sequential requests share one connection', async () => {
    const { url, server } = await serve((_req, res) => json(res, 200, {}));
    let connections = 0;
    server.on('connection', () => connections++);
    const t = new HttpTransport({ server: url });
    for (let i = 0; i < 20; i++) await t.request({ method: 'GET', path: '/x' });
    assert.equal(connections, 1);
    t.close();
  });

  test('a reused connection the server dropped is retried once on a fresh one', async () => {
    const perSocket = new WeakMap<object, number>();
    let served = 0;
    const { url } = await serve((req, res) => {
      const n = (perSocket.get(req.socket) ?? 0) + 1;
      perSocket.set(req.socket, n);
      if (n > 1) return req.socket.destroy(); // the server "timed out" the idle connection
      served++;
      json(res, 200, { n: served });
    });
    const t = new HttpTransport({ server: url });
    assert.deepEqual((await t.request({ method: 'GET', path: '/a' })).body, { n: 1 });
    assert.deepEqual((await t.request({ method: 'POST', path: '/b', body: {} })).body, { n: 2 });
    t.close();
  });

  test('connection refused rejects with the network error', async () => {
    const t = new HttpTransport({ server: 'http://127.0.0.1:1' });
    await assert.rejects(t.request({ method: 'GET', path: '/' }), /ECONNREFUSED/);
    t.close();
  });

  test('token files are read for requests (and re-read after a minute); basic auth', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kite-token-'));
    try {
      writeFileSync(join(dir, 'token'), 'from-file\n');
      let auth: string | undefined;
      const { url } = await serve((req, res) => {
        auth = req.headers.authorization;
        json(res, 200, {});
      });
      const t = new HttpTransport({ server: url, tokenFile: join(dir, 'token') });
      await t.request({ method: 'GET', path: '/' });
      assert.equal(auth, 'Bearer from-file');
      t.close();
      const b = new HttpTransport({ server: url, username: 'alice', password: 'pw' });
      await b.request({ method: 'GET', path: '/' });
      assert.equal(auth, `Basic ${Buffer.from('alice:pw').toString('base64')}`);
      b.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('watch', () => {
  const events: RawWatchEvent[] = [
    { type: 'ADDED', object: { metadata: { name: 'ä-1', resourceVersion: '1' }, data: { x: '日本語🚀' } } },
    { type: 'MODIFIED', object: { metadata: { name: 'ä-1', resourceVersion: '2' } } },
    { type: 'DELETED', object: { metadata: { name: 'ä-1', resourceVersion: '3' } } },
  ];
  const stream = Buffer.from(events.map((e) => `${JSON.stringify(e)}\n`).join(''));

  test('chunks cut anywhere (inside events and UTF-8 characters, several events per chunk) arrive as events', async () => {
    const { url } = await serve(async (req, res) => {
      assert.equal(req.url, '/api/v1/configmaps?watch=true');
      res.writeHead(200, { 'Content-Type': 'application/json;stream=watch' });
      res.flushHeaders();
      // Cut points: mid first event (inside the 4-byte emoji), then the rest in two unequal pieces.
      const emoji = stream.indexOf(Buffer.from('🚀')) + 1;
      for (const [from, to] of [[0, emoji], [emoji, emoji + 50], [emoji + 50, stream.length]]) {
        res.write(stream.subarray(from, to));
        await sleep(10);
      }
      res.end();
    });
    const t = new HttpTransport({ server: url });
    const got: RawWatchEvent[] = [];
    const w = t.watch({ method: 'GET', path: '/api/v1/configmaps', query: { watch: true } }, (e) => got.push(e));
    await w.done;
    assert.deepEqual(got, events);
    t.close();
  });

  test('a non-2xx answer to the watch rejects done with its StatusError', async () => {
    const { url } = await serve((_req, res) => json(res, 400, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'BadRequest', message: 'bad rv', code: 400 }));
    const t = new HttpTransport({ server: url });
    const w = t.watch({ method: 'GET', path: '/w', query: { watch: true } }, () => assert.fail('no events'));
    await assert.rejects(w.done, (err: StatusError) => err.code === 400 && err.message === 'bad rv');
    t.close();
  });

  test('close() aborts the request: the server sees the client leave, no event follows, done resolves', async () => {
    let serverSawClose: () => void;
    const closedOnServer = new Promise<void>((r) => (serverSawClose = r));
    let push: ((s: string) => void) | undefined;
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.flushHeaders();
      push = (s) => res.write(s);
      res.on('close', () => serverSawClose());
    });
    const t = new HttpTransport({ server: url });
    const got: string[] = [];
    const w = t.watch({ method: 'GET', path: '/w', query: { watch: true } }, (e) => got.push(e.type));
    while (!push) await sleep(5);
    push(`${JSON.stringify(events[0])}\n`);
    while (got.length < 1) await sleep(5);
    w.close();
    push(`${JSON.stringify(events[1])}\n`);
    await w.done;
    await closedOnServer;
    assert.deepEqual(got, ['ADDED']);
    t.close();
  });

  test('a connection broken mid-stream rejects done', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(`${JSON.stringify(events[0])}\n`);
      setTimeout(() => req.socket.destroy(), 20);
    });
    const t = new HttpTransport({ server: url });
    const got: string[] = [];
    const w = t.watch({ method: 'GET', path: '/w', query: { watch: true } }, (e) => got.push(e.type));
    await assert.rejects(w.done);
    assert.deepEqual(got, ['ADDED']);
    t.close();
  });

  test('an onEvent that throws ends the stream and rejects done with its error', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(stream);
    });
    const t = new HttpTransport({ server: url });
    let calls = 0;
    const w = t.watch({ method: 'GET', path: '/w', query: { watch: true } }, () => {
      calls++;
      throw new Error('handler bug');
    });
    await assert.rejects(w.done, /handler bug/);
    assert.equal(calls, 1);
    t.close();
  });
});

describe('TLS', () => {
  async function tlsServer() {
    return serve(
      (req, res) => {
        const cert = (req.socket as TLSSocket).getPeerCertificate();
        json(res, 200, { client: cert?.subject?.CN ?? null });
      },
      createHttpsServer({ cert: SERVER_CERT, key: SERVER_KEY, ca: CA_CERT, requestCert: true, rejectUnauthorized: false }),
      'https',
    );
  }

  test('the server is verified against the CA; a client certificate is presented', async () => {
    const { url } = await tlsServer();
    const t = new HttpTransport({ server: url, caData: CA_CERT, certData: CLIENT_CERT, keyData: CLIENT_KEY });
    assert.deepEqual((await t.request({ method: 'GET', path: '/' })).body, { client: 'test-user' });
    t.close();
    const localhost = new HttpTransport({ server: url.replace('127.0.0.1', 'localhost'), caData: Buffer.from(CA_CERT) });
    assert.deepEqual((await localhost.request({ method: 'GET', path: '/' })).body, { client: null });
    localhost.close();
  });

  test('an unknown CA is refused unless insecure-skip-tls-verify; a wrong server name is refused', async () => {
    const { url } = await tlsServer();
    const strict = new HttpTransport({ server: url });
    await assert.rejects(strict.request({ method: 'GET', path: '/' }), /self.signed|unable to (verify|get local issuer)/i);
    strict.close();
    const insecure = new HttpTransport({ server: url, insecureSkipTLSVerify: true });
    assert.equal((await insecure.request({ method: 'GET', path: '/' })).status, 200);
    insecure.close();
    const wrongName = new HttpTransport({ server: url, caData: CA_CERT, tlsServerName: 'elsewhere.example' });
    await assert.rejects(wrongName.request({ method: 'GET', path: '/' }), /altnames|does not match/i);
    wrongName.close();
  });
});
