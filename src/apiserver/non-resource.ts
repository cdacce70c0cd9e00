// Non-resource endpoints: version, health checks and discovery. Returns false for paths
// it does not serve, so the caller can answer 404.

import type { IncomingMessage, ServerResponse } from 'node:http';
import { aggregatedContentType, aggregatedDiscovery, apiGroup, apiGroupList, apiResourceList, apiVersions } from './discovery.js';
import type { ApiResources } from './api-resources.js';
import { writeJsonText, writeObject } from './http/respond.js';
import { negotiate } from './negotiation.js';
import type { OpenApiDocuments } from './openapi/documents.js';
import { serveOpenApiV2 } from './openapi/v2-protobuf-serve.js';
import { versionInfo } from './version.js';

export interface NonResourceContext {
  readonly api: ApiResources;
  readonly openapi: OpenApiDocuments;
  readonly advertiseAddress: () => string;
  readonly ready: () => boolean;
}

const HEALTH_PATHS = new Set(['/healthz', '/livez', '/readyz']);

export function serveNonResource(req: IncomingMessage, res: ServerResponse, url: URL, ctx: NonResourceContext): boolean {
  const path = url.pathname.replace(/\/+$/, '') || '/';
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  if (path === '/version') {
    writeObject(res, 200, versionInfo());
    return true;
  }
  const health = [...HEALTH_PATHS].find((p) => path === p || path.startsWith(`${p}/`));
  if (health) {
    serveHealth(res, url, health === '/readyz' ? ctx.ready() : true, health.slice(1));
    return true;
  }
  if (path === '/openapi/v2') {
    serveOpenApiV2(req, res, ctx.openapi);
    return true;
  }
  if (path === '/openapi/v3') {
    writeJsonText(res, 200, ctx.openapi.v3Index());
    return true;
  }
  if (path.startsWith('/openapi/v3/')) {
    const doc = ctx.openapi.v3(path.slice('/openapi/v3/'.length));
    if (!doc) return false;
    res.setHeader('Etag', `"${doc.hash}"`);
    res.setHeader('Cache-Control', url.searchParams.get('hash') === doc.hash ? 'public, immutable' : 'no-cache, private');
    writeJsonText(res, 200, doc.json);
    return true;
  }
  if (path === '/') {
    writeObject(res, 200, { paths: rootPaths(ctx.api) });
    return true;
  }
  return serveDiscovery(req, res, path, ctx);
}

function serveDiscovery(req: IncomingMessage, res: ServerResponse, path: string, ctx: NonResourceContext): boolean {
  const parts = path.split('/').filter(Boolean);
  const api = ctx.api;
  if (parts[0] === 'api' && parts.length <= 2) {
    if (parts.length === 2 && parts[1] !== 'v1') return false;
    if (parts.length === 1) {
      const r = negotiate(req.headers.accept, { allowDiscovery: true, allowTable: false });
      if (r.as === 'APIGroupDiscoveryList') return writeAggregated(res, api, true, r.version);
      writeObject(res, 200, apiVersions(ctx.advertiseAddress()), r.format);
      return true;
    }
    writeObject(res, 200, apiResourceList(api.group('')!, 'v1'));
    return true;
  }
  if (parts[0] !== 'apis' || parts.length > 3) return false;
  if (parts.length === 1) {
    const r = negotiate(req.headers.accept, { allowDiscovery: true, allowTable: false });
    if (r.as === 'APIGroupDiscoveryList') return writeAggregated(res, api, false, r.version);
    writeObject(res, 200, apiGroupList(api), r.format);
    return true;
  }
  const group = parts[1] ? api.group(parts[1]) : undefined;
  if (!group || group.name === '') return false;
  if (parts.length === 2) {
    writeObject(res, 200, apiGroup(group));
    return true;
  }
  if (!group.versions.includes(parts[2])) return false;
  writeObject(res, 200, apiResourceList(group, parts[2]));
  return true;
}

function writeAggregated(res: ServerResponse, api: ApiResources, legacy: boolean, version: 'v2' | 'v2beta1'): true {
  res.setHeader('Vary', 'Accept');
  writeJsonText(res, 200, JSON.stringify(aggregatedDiscovery(api, legacy, version)), aggregatedContentType(version));
  return true;
}

function serveHealth(res: ServerResponse, url: URL, ok: boolean, name: string): void {
  const verbose = url.searchParams.has('verbose');
  let text: string;
  if (verbose) {
    text = `[+]ping ok\n[+]log ok\n[${ok ? '+' : '-'}]etcd ${ok ? 'ok' : 'failed: not ready'}\n${name} check ${ok ? 'passed' : 'failed'}\n`;
  } else {
    text = ok ? 'ok' : `[-]etcd failed: not ready\n${name} check failed\n`;
  }
  res.writeHead(ok ? 200 : 500, { 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function rootPaths(api: ApiResources): string[] {
  const paths = ['/api', '/api/v1', '/apis', '/healthz', '/livez', '/openapi/v2', '/openapi/v3', '/readyz', '/version'];
  for (const g of api.groups) {
    if (!g.name) continue;
    paths.push(`/apis/${g.name}`);
    for (const v of g.versions) paths.push(`/apis/${g.name}/${v}`);
  }
  return paths.sort();
}
