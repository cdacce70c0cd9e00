// RequestInfo: what a request URL and method mean to the API — the kube verb (get, list,
// watch, create, ...), group, version, namespace, resource, name and subresource — decided
// before authentication, authorization and routing, as Kubernetes' RequestInfoFactory does.
//
//   /api/v1/namespaces/{ns}/{resource}/{name}/{subresource}
//   /apis/{group}/{version}/{resource}/{name}
//   /api/v1/watch/... (legacy watch prefix)
// Anything else (/version, /healthz, /apis/{group}) is a non-resource request whose verb is
// the lower-cased HTTP method.

export interface RequestInfo {
  readonly isResourceRequest: boolean;
  readonly path: string;
  readonly verb: string;
  readonly apiPrefix: string;
  readonly apiGroup: string;
  readonly apiVersion: string;
  readonly namespace: string;
  readonly resource: string;
  readonly subresource: string;
  readonly name: string;
  /** Path parts after the namespace, starting with the resource. */
  readonly parts: readonly string[];
}

/** Namespace subresources: /api/v1/namespaces/{name}/status is not a resource named status. */
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);

const METHOD_VERBS: Record<string, string> = {
  POST: 'create',
  GET: 'get',
  HEAD: 'get',
  PUT: 'update',
  PATCH: 'patch',
  DELETE: 'delete',
};

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const nonResource: RequestInfo = {
    isResourceRequest: false,
    path,
    verb: method.toLowerCase(),
    apiPrefix: '',
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
    parts: [],
  };
  let parts = splitPath(path);
  if (parts.length < 3) return nonResource;
  const apiPrefix = parts[0];
  if (apiPrefix !== 'api' && apiPrefix !== 'apis') return nonResource;
  parts = parts.slice(1);
  let apiGroup = '';
  if (apiPrefix === 'apis') {
    if (parts.length < 3) return nonResource;
    apiGroup = parts[0];
    parts = parts.slice(1);
  }
  const apiVersion = parts[0];
  parts = parts.slice(1);

  let verb = METHOD_VERBS[method] ?? '';
  if (parts[0] === 'watch') {
    if (parts.length < 2) return { ...nonResource, isResourceRequest: true, apiPrefix, apiGroup, apiVersion, verb: 'watch' };
    verb = 'watch';
    parts = parts.slice(1);
  }

  let namespace = '';
  if (parts[0] === 'namespaces' && parts.length > 1) {
    namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
  }
  const resource = parts[0] ?? '';
  const name = parts[1] ?? '';
  const subresource = parts[2] ?? '';

  if (!name && verb === 'get') {
    const watch = query.get('watch');
    verb = watch !== null && watch.toLowerCase() !== 'false' && watch !== '0' ? 'watch' : 'list';
  }
  if (!name && verb === 'delete') verb = 'deletecollection';

  return { isResourceRequest: true, path, verb, apiPrefix, apiGroup, apiVersion, namespace, resource, subresource, name, parts };
}

function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? [] : trimmed.split('/');
}
