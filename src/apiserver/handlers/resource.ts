// Routing of resource requests (/api/v1/..., /apis/G/V/...) to the verb handlers: resolve
// the resource, check its scope and verbs, negotiate the rendering, and dispatch.

import { methodNotAllowed, StatusError } from '../../api/errors.js';
import type { AdmissionChain } from '../admission/admission.js';
import type { ApiResources } from '../api-resources.js';
import type { UserInfo } from '../authn/authenticator.js';
import { negotiate } from '../negotiation.js';
import type { RequestInfo } from '../request-info.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleBinding } from './binding.js';
import { handleGet, handleList } from './read.js';
import { handleScale } from './scale.js';
import type { Scope, WatchSettings } from './scope.js';
import { handleWatch } from './watch.js';
import { handleCreate, handleDelete, handleDeleteCollection, handlePatch, handleUpdate } from './write.js';

export interface ResourceRequest {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly query: URLSearchParams;
  readonly info: RequestInfo;
  readonly user: UserInfo;
}

export interface ResourceServices {
  readonly api: ApiResources;
  readonly admission: AdmissionChain;
  readonly watch: WatchSettings;
}

export function pathNotFound(): StatusError {
  return new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
}

export async function serveResource(r: ResourceRequest, services: ResourceServices): Promise<void> {
  const { info } = r;
  const store = services.api.lookup(info.apiGroup, info.apiVersion, info.resource);
  if (!store || info.parts.length > 3) throw pathNotFound();
  const def = store.def;
  let namespace = info.namespace;
  if (!def.namespaced) {
    if (namespace && def.plural !== 'namespaces') throw pathNotFound();
    namespace = '';
  } else if (!namespace && (info.name || (info.verb !== 'list' && info.verb !== 'watch'))) {
    throw info.name ? pathNotFound() : methodNotAllowed();
  }
  const scope: Scope = {
    req: r.req,
    res: r.res,
    query: r.query,
    store,
    def,
    version: info.apiVersion,
    namespace,
    name: info.name,
    subresource: info.subresource,
    user: r.user,
    rendering: negotiate(r.req.headers.accept),
    admission: services.admission,
    watch: services.watch,
  };
  if (info.subresource) return serveSubresource(scope, info.verb);
  if (!def.verbs.includes(info.verb as never)) throw methodNotAllowed();
  switch (info.verb) {
    case 'get':
      return handleGet(scope);
    case 'list':
      return handleList(scope);
    case 'watch':
      return handleWatch(scope);
    case 'create':
      if (info.name) throw methodNotAllowed();
      return handleCreate(scope);
    case 'update':
      return handleUpdate(scope);
    case 'patch':
      return handlePatch(scope);
    case 'delete':
      return handleDelete(scope);
    case 'deletecollection':
      return handleDeleteCollection(scope);
    default:
      throw methodNotAllowed();
  }
}

async function serveSubresource(scope: Scope, verb: string): Promise<void> {
  const sub = scope.def.subresources.find((s) => s.name === scope.subresource);
  if (!sub) throw pathNotFound();
  if (!sub.verbs.includes(verb as never)) throw methodNotAllowed();
  switch (sub.name) {
    case 'status':
    case 'finalize':
      if (verb === 'get') return handleGet(scope);
      if (verb === 'update') return handleUpdate(scope);
      if (verb === 'patch') return handlePatch(scope);
      break;
    case 'scale':
      return handleScale(scope, verb);
    case 'binding':
      return handleBinding(scope);
  }
  throw methodNotAllowed();
}
