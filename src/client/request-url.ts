// The URLs of the Kubernetes API, as every client builds them: the core group under
// /api/v1, other groups under /apis/GROUP/VERSION, namespaced objects under
// namespaces/NS/, then the resource, the object's name and a subresource. Query strings are
// encoded once here for both transports (undefined values are left out).

import type { ApiRequest, ResourceRef } from './contract.js';

export interface PathParts {
  /** For namespaced resources; '' or undefined addresses every namespace (list/watch). */
  readonly namespace?: string;
  readonly name?: string;
  readonly subresource?: string;
}

/** The group-version prefix: /api/v1 or /apis/apps/v1. */
export function groupVersionPath(group: string, version: string): string {
  return group ? `/apis/${group}/${version}` : `/api/${version}`;
}

export function resourcePath(ref: ResourceRef, parts: PathParts = {}): string {
  let path = groupVersionPath(ref.group, ref.version);
  if (ref.namespaced && parts.namespace) path += `/namespaces/${segment(parts.namespace)}`;
  path += `/${ref.resource}`;
  if (parts.name !== undefined) path += `/${segment(parts.name)}`;
  if (parts.subresource) path += `/${segment(parts.subresource)}`;
  return path;
}

function segment(s: string): string {
  if (s === '' || s === '.' || s === '..') throw new TypeError(`invalid path segment ${JSON.stringify(s)}`);
  return encodeURIComponent(s);
}

/** "?a=1&b=x" (or '') from a query; values are stringified, undefined ones omitted. */
export function queryString(query: ApiRequest['query']): string {
  if (!query) return '';
  let out = '';
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    out += `${out ? '&' : '?'}${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`;
  }
  return out;
}

/** The request's path and query, as sent on the wire. */
export function requestTarget(req: ApiRequest): string {
  return req.path + queryString(req.query);
}
