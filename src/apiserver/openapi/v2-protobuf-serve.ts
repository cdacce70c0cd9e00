// Serving /openapi/v2 as kube-openapi's handler does (pkg/handler/handler.go), so kubectl
// and Helm get the protobuf they ask for:
//  - Accept is read like goautoneg: clauses in order of q, concrete types before
//    wildcards; the first clause matching application/json, application/com.github.
//    proto-openapi.spec.v2@v1.0+protobuf (what client-go sends) or its successor
//    application/com.github.proto-openapi.spec.v2.v1.0+protobuf wins; no Accept means */*,
//    which is JSON; nothing matching is 406. Both protobuf types are answered as
//    application/com.github.proto-openapi.spec.v2.v1.0+protobuf.
//  - Both encodings carry the same ETag (SHA-512 of the JSON, quoted) and Last-Modified,
//    honour If-None-Match / If-Modified-Since with 304, and vary on Accept.
//  - Like the gzip handler kube-openapi wraps itself in, bodies of 1400 bytes and more
//    are gzipped for clients that accept it (Go clients always do), and responses vary
//    on Accept-Encoding.
// Every representation is built once, on first request, and kept.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { OpenApiDocuments } from './documents.js';

export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

interface Offer {
  readonly type: string;
  readonly subtype: string;
  readonly protobuf: boolean;
}

const OFFERS: readonly Offer[] = [
  { type: 'application', subtype: 'json', protobuf: false },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2@v1.0+protobuf', protobuf: true },
  { type: 'application', subtype: 'com.github.proto-openapi.spec.v2.v1.0+protobuf', protobuf: true },
];

/** The gzip handler's threshold: smaller bodies are not worth compressing. */
const GZIP_MIN_SIZE = 1400;

interface Representation {
  readonly contentType: string;
  readonly body: Buffer;
  gzipped?: Buffer;
}

interface Cached {
  readonly lastModified: string;
  json?: Representation;
  protobuf?: Representation;
}

const CACHE = new WeakMap<OpenApiDocuments, Cached>();

function cached(docs: OpenApiDocuments): Cached {
  let c = CACHE.get(docs);
  if (!c) {
    c = { lastModified: new Date().toUTCString() };
    CACHE.set(docs, c);
  }
  return c;
}

function representation(docs: OpenApiDocuments, protobuf: boolean): Representation {
  const c = cached(docs);
  if (protobuf) {
    if (!c.protobuf) {
      const pb = docs.v2Protobuf();
      c.protobuf = { contentType: OPENAPI_V2_PROTOBUF, body: Buffer.from(pb.buffer, pb.byteOffset, pb.byteLength) };
    }
    return c.protobuf;
  }
  c.json ??= { contentType: 'application/json', body: Buffer.from(docs.v2()) };
  return c.json;
}

export function serveOpenApiV2(req: IncomingMessage, res: ServerResponse, docs: OpenApiDocuments): void {
  res.setHeader('Vary', ['Accept-Encoding', 'Accept']);
  const offer = negotiate(req.headers.accept || '*/*');
  if (!offer) {
    res.writeHead(406, { 'Content-Length': 0 });
    res.end();
    return;
  }
  const rep = representation(docs, offer.protobuf);
  const etag = `"${docs.v2ETag()}"`;
  const lastModified = cached(docs).lastModified;
  res.setHeader('Etag', etag);
  if (notModified(req, etag, lastModified)) {
    res.writeHead(304);
    res.end();
    return;
  }
  res.setHeader('Last-Modified', lastModified);
  res.setHeader('Content-Type', rep.contentType);
  let body = rep.body;
  if (body.length >= GZIP_MIN_SIZE && acceptsGzip(req.headers['accept-encoding'])) {
    rep.gzipped ??= gzipSync(rep.body);
    body = rep.gzipped;
    res.setHeader('Content-Encoding', 'gzip');
  }
  res.writeHead(200, { 'Content-Length': body.length });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/** Go's http.ServeContent preconditions for GET and HEAD. */
function notModified(req: IncomingMessage, etag: string, lastModified: string): boolean {
  const inm = req.headers['if-none-match'];
  if (inm !== undefined) {
    return inm.split(',').some((t) => {
      const tag = t.trim();
      return tag === '*' || tag.replace(/^W\//, '') === etag;
    });
  }
  const ims = req.headers['if-modified-since'];
  if (ims === undefined) return false;
  const since = Date.parse(ims);
  return !Number.isNaN(since) && Date.parse(lastModified) <= since;
}

function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((s) => s.trim());
    if (coding.toLowerCase() !== 'gzip') return false;
    const q = params.find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

interface Clause {
  readonly type: string;
  readonly subtype: string;
  readonly q: number;
}

/** The offer the first matching clause picks, as kube-openapi walks goautoneg's clauses. */
export function negotiate(accept: string): Offer | undefined {
  for (const clause of parseAccept(accept)) {
    for (const offer of OFFERS) {
      if (clause.type !== offer.type && clause.type !== '*') continue;
      if (clause.subtype !== offer.subtype && clause.subtype !== '*') continue;
      return offer;
    }
  }
  return undefined;
}

const GO_FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** goautoneg.ParseAccept: its parsing, and its ordering (Go's insertion sort with its
 *  Less, which puts a concrete type before a wildcard whatever their q). */
function parseAccept(header: string): Clause[] {
  const clauses: Clause[] = [];
  for (const raw of header.split(',')) {
    const [range, ...params] = raw.trim().split(';');
    const parts = range.split('/');
    const type = parts[0].trim();
    let subtype: string;
    if (parts.length === 1 && type === '*') subtype = '*';
    else if (parts.length === 2) subtype = parts[1].trim();
    else continue;
    let q = 1;
    for (const p of params) {
      const eq = p.indexOf('=');
      if (eq < 0) continue;
      if (p.slice(0, eq).trim() === 'q') {
        const v = p.slice(eq + 1);
        q = GO_FLOAT.test(v) ? Number(v) : 0;
      }
    }
    clauses.push({ type, subtype, q });
  }
  const less = (a: Clause, b: Clause) => a.q > b.q || (a.type !== '*' && b.type === '*') || (a.subtype !== '*' && b.subtype === '*');
  for (let i = 1; i < clauses.length; i++) {
    for (let j = i; j > 0 && less(clauses[j], clauses[j - 1]); j--) {
      [clauses[j], clauses[j - 1]] = [clauses[j - 1], clauses[j]];
    }
  }
  return clauses;
}
