import assert from 'node:assert/strict';
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { gunzipSync } from 'node:zlib';
import type { OpenApiDocuments } from './documents.js';
import { negotiate, OPENAPI_V2_PROTOBUF, serveOpenApiV2 } from './v2-protobuf-serve.js';

const CLIENT_GO = 'application/com.github.proto-openapi.spec.v2@v1.0+protobuf';

describe('negotiate /openapi/v2 like kube-openapi', () => {
  const cases: [string, 'json' | 'protobuf' | undefined][] = [
    ['*/*', 'json'],
    ['application/json', 'json'],
    [CLIENT_GO, 'protobuf'],
    [OPENAPI_V2_PROTOBUF, 'protobuf'],
    [`${CLIENT_GO}, application/json`, 'protobuf'],
    [`application/json;q=0.5, ${CLIENT_GO}`, 'protobuf'],
    // goautoneg puts a concrete type before a wildcard whatever the q values.
    ['*/*;q=1, application/json;q=0.1', 'json'],
    ['application/*', 'json'],
    ['text/html', undefined],
    ['application/yaml', undefined],
    ['garbage', undefined],
  ];
  for (const [accept, want] of cases) {
    test(accept, () => {
      const offer = negotiate(accept);
      assert.equal(offer && (offer.protobuf ? 'protobuf' : 'json'), want);
    });
  }
});

describe('serving /openapi/v2', () => {
  const json = JSON.stringify({ swagger: '2.0', padding: 'x'.repeat(3000) });
  const pb = Uint8Array.from({ length: 5000 }, (_, i) => i % 251);
  let builds = 0;
  const docs = {
    v2: () => json,
    v2Protobuf: () => {
      builds++;
      return pb;
    },
    v2ETag: () => 'ABCDEF',
  } as unknown as OpenApiDocuments;
  let server: Server;
  let port = 0;
  before(async () => {
    server = createServer((req, res) => serveOpenApiV2(req, res, docs));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function get(headers: Record<string, string>, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: '/openapi/v2', method, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  test('client-go asks for protobuf and gets it, gzipped, with the ETag', async () => {
    const res = await get({ Accept: CLIENT_GO, 'Accept-Encoding': 'gzip' });
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-type'], OPENAPI_V2_PROTOBUF);
    assert.equal(res.headers['content-encoding'], 'gzip');
    assert.equal(res.headers.etag, '"ABCDEF"');
    assert.equal(res.headers.vary, 'Accept-Encoding, Accept');
    assert.ok(res.headers['last-modified']);
    assert.deepEqual([...gunzipSync(res.body)], [...pb]);
  });

  test('JSON without gzip when not accepted; HEAD has no body', async () => {
    const res = await get({ Accept: 'application/json' });
    assert.equal(res.headers['content-type'], 'application/json');
    assert.equal(res.headers['content-encoding'], undefined);
    assert.equal(res.body.toString(), json);
    const head = await get({}, 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(head.headers['content-length'], String(json.length));
    assert.equal(head.body.length, 0);
  });

  test('If-None-Match with the ETag is 304; an unacceptable type is 406', async () => {
    const res = await get({ Accept: CLIENT_GO, 'If-None-Match': '"ABCDEF"' });
    assert.equal(res.status, 304);
    assert.equal(res.body.length, 0);
    assert.equal((await get({ Accept: 'text/html' })).status, 406);
  });

  test('the protobuf is built once', async () => {
    await get({ Accept: CLIENT_GO });
    await get({ Accept: CLIENT_GO, 'Accept-Encoding': 'gzip' });
    assert.equal(builds, 1);
  });
});
