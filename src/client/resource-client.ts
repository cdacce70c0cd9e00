// ResourceClient (contract.ts) over any Transport: one resource's verbs as API requests.
//
// - URLs: request-url.ts (core /api/v1, groups /apis/G/V, namespaces/NS, name,
//   subresource); a watch is the collection URL with watch=true.
// - Namespaces: namespace(ns) scopes a namespaced resource. Without one, list, watch and
//   deleteCollection span every namespace; create, update and updateStatus fall back to the
//   object's metadata.namespace; the other single-object verbs are a TypeError (a
//   programming error, not an API failure).
// - Options become query parameters as Kubernetes names them (dryRun=All, fieldManager,
//   fieldValidation, force, labelSelector, ...); DeleteOptions travel as the body, as
//   client-go sends them. Every write names a field manager: the option, else the client's.
// - Patches: json, merge, strategic and apply map to their media types; an apply body is sent
//   as JSON, which is YAML.
// - Watches: ERROR events end the stream and reject `done` with the StatusError their
//   Status describes (a too-old resourceVersion: 410 Expired); other events reach onEvent
//   typed.
// - Failures: the transport's StatusError, unchanged.

import type { KubeObject, Status } from '../api/meta.js';
import type {
  ApiRequest,
  DeleteOptions,
  ListOptions,
  ObjectList,
  PatchOptions,
  PatchType,
  ResourceClient,
  ResourceRef,
  Transport,
  WatchEvent,
  WatchStream,
  WriteOptions,
} from './contract.js';
import { isStatus, statusErrorFromStatus } from './errors.js';
import { resourcePath } from './request-url.js';

export const PATCH_CONTENT_TYPES: Readonly<Record<PatchType, string>> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export interface ResourceClientOptions {
  /** The field manager of writes that do not name one. */
  readonly fieldManager: string;
  /** For namespaced resources: the namespace addressed ('' or undefined: all). */
  readonly namespace?: string;
}

type Query = Record<string, string | number | boolean | undefined>;

export function resourceClient<T extends KubeObject = KubeObject>(transport: Transport, ref: ResourceRef, opts: ResourceClientOptions): ResourceClient<T> {
  return new TransportResourceClient<T>(transport, ref, opts);
}

/** The query parameters of a list or watch. */
export function listQuery(opts: ListOptions): Query {
  return {
    labelSelector: opts.labelSelector || undefined,
    fieldSelector: opts.fieldSelector || undefined,
    limit: opts.limit,
    continue: opts.continue || undefined,
    resourceVersion: opts.resourceVersion,
    resourceVersionMatch: opts.resourceVersionMatch,
    timeoutSeconds: opts.timeoutSeconds,
    allowWatchBookmarks: opts.allowWatchBookmarks,
    sendInitialEvents: opts.sendInitialEvents,
  };
}

/** The query parameters of a write. */
export function writeQuery(opts: WriteOptions & { force?: boolean }, defaultManager: string): Query {
  return {
    dryRun: opts.dryRun ? 'All' : undefined,
    fieldManager: opts.fieldManager ?? defaultManager,
    fieldValidation: opts.fieldValidation,
    force: opts.force,
  };
}

/** A DeleteOptions body, or undefined when no option is set. */
export function deleteBody(opts: DeleteOptions): Record<string, unknown> | undefined {
  const body: Record<string, unknown> = {};
  if (opts.gracePeriodSeconds !== undefined) body.gracePeriodSeconds = opts.gracePeriodSeconds;
  if (opts.propagationPolicy) body.propagationPolicy = opts.propagationPolicy;
  if (opts.preconditions) body.preconditions = opts.preconditions;
  if (opts.dryRun) body.dryRun = ['All'];
  return Object.keys(body).length ? { kind: 'DeleteOptions', apiVersion: 'v1', ...body } : undefined;
}

class TransportResourceClient<T extends KubeObject> implements ResourceClient<T> {
  readonly ref: ResourceRef;
  readonly #transport: Transport;
  readonly #opts: ResourceClientOptions;
  readonly #namespace: string;

  constructor(transport: Transport, ref: ResourceRef, opts: ResourceClientOptions) {
    this.ref = ref;
    this.#transport = transport;
    this.#opts = opts;
    this.#namespace = ref.namespaced ? (opts.namespace ?? '') : '';
  }

  namespace(ns: string): ResourceClient<T> {
    if (!this.ref.namespaced) throw new TypeError(`${this.#what()} are not namespaced`);
    return new TransportResourceClient<T>(this.#transport, this.ref, { ...this.#opts, namespace: ns });
  }

  async list(opts: ListOptions = {}): Promise<ObjectList<T>> {
    const res = await this.#transport.request({ method: 'GET', path: resourcePath(this.ref, { namespace: this.#namespace }), query: listQuery(opts) });
    return res.body as ObjectList<T>;
  }

  watch(opts: ListOptions, onEvent: (event: WatchEvent<T>) => void): WatchStream {
    const req: ApiRequest = {
      method: 'GET',
      path: resourcePath(this.ref, { namespace: this.#namespace }),
      query: { ...listQuery(opts), watch: true },
    };
    let failure: Error | undefined;
    let stream: WatchStream | undefined;
    let closeRequested = false;
    stream = this.#transport.watch(req, (e) => {
      if (failure) return;
      if (e.type === 'ERROR') {
        failure = isStatus(e.object) ? statusErrorFromStatus(e.object) : new Error(`watch ERROR event: ${JSON.stringify(e.object)}`);
        if (stream) stream.close();
        else closeRequested = true;
        return;
      }
      onEvent(e as WatchEvent<T>);
    });
    if (closeRequested) stream.close();
    const transportStream = stream;
    const done = transportStream.done.then(() => {
      if (failure) throw failure;
    });
    // As for transports: observing `done` is optional.
    done.catch(() => undefined);
    return { close: () => transportStream.close(), done };
  }

  async get(name: string, opts: { resourceVersion?: string } = {}): Promise<T> {
    return this.#call('GET', this.#objectPath('get', name), { resourceVersion: opts.resourceVersion });
  }

  async create(obj: T, opts: WriteOptions = {}): Promise<T> {
    const namespace = this.#namespaceFor('create', obj);
    return this.#call('POST', resourcePath(this.ref, { namespace }), writeQuery(opts, this.#opts.fieldManager), obj);
  }

  async update(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.#put(obj, undefined, opts);
  }

  async updateStatus(obj: T, opts: WriteOptions = {}): Promise<T> {
    return this.#put(obj, 'status', opts);
  }

  async #put(obj: T, subresource: string | undefined, opts: WriteOptions): Promise<T> {
    const verb = subresource ? 'updateStatus' : 'update';
    const name = obj.metadata?.name;
    if (!name) throw new TypeError(`${verb} of ${this.#what()} needs metadata.name`);
    const path = resourcePath(this.ref, { namespace: this.#namespaceFor(verb, obj), name, subresource });
    return this.#call('PUT', path, writeQuery(opts, this.#opts.fieldManager), obj);
  }

  async patch(name: string, type: PatchType, patch: unknown, opts: PatchOptions & { subresource?: string } = {}): Promise<T> {
    const contentType = PATCH_CONTENT_TYPES[type];
    if (!contentType) throw new TypeError(`unknown patch type ${String(type)}`);
    const path = this.#objectPath('patch', name, opts.subresource);
    return this.#call('PATCH', path, writeQuery(opts, this.#opts.fieldManager), patch, contentType);
  }

  async delete(name: string, opts: DeleteOptions = {}): Promise<T | Status> {
    const res = await this.#transport.request({ method: 'DELETE', path: this.#objectPath('delete', name), body: deleteBody(opts) });
    return res.body as T | Status;
  }

  async deleteCollection(opts: ListOptions & DeleteOptions = {}): Promise<void> {
    await this.#transport.request({
      method: 'DELETE',
      path: resourcePath(this.ref, { namespace: this.#namespace }),
      query: listQuery(opts),
      body: deleteBody(opts),
    });
  }

  async subresource<R = unknown>(name: string, subresource: string, method: 'GET' | 'PUT' | 'POST', body?: unknown, opts: WriteOptions = {}): Promise<R> {
    const path = this.#objectPath(subresource, name, subresource);
    const query = method === 'GET' ? undefined : writeQuery(opts, this.#opts.fieldManager);
    return this.#call<R>(method, path, query, body);
  }

  async #call<R = T>(method: ApiRequest['method'], path: string, query: Query | undefined, body?: unknown, contentType?: string): Promise<R> {
    const res = await this.#transport.request({ method, path, query, body, contentType });
    return res.body as R;
  }

  #objectPath(verb: string, name: string, subresource?: string): string {
    if (!name) throw new TypeError(`${verb} of ${this.#what()} needs a name`);
    if (this.ref.namespaced && !this.#namespace) throw new TypeError(`${verb} of ${this.#what()} "${name}" needs a namespace`);
    return resourcePath(this.ref, { namespace: this.#namespace, name, subresource });
  }

  /** The namespace a write of obj goes to: the client's, else the object's. */
  #namespaceFor(verb: string, obj: T): string {
    if (!this.ref.namespaced) return '';
    const ns = this.#namespace || obj.metadata?.namespace || '';
    if (!ns) throw new TypeError(`${verb} of ${this.#what()} needs a namespace (namespace(ns) or metadata.namespace)`);
    return ns;
  }

  #what(): string {
    return this.ref.group ? `${this.ref.resource}.${this.ref.group}` : this.ref.resource;
  }
}
