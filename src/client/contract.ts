// The contracts of kite's client library, shared by its parts: a Transport carries API
// requests (over HTTP to any Kubernetes-compatible server, or in-process to kite's own API
// server with the same authentication, authorization and admission); a ResourceClient speaks
// one resource's verbs over a transport; a ListerWatcher is what an informer's reflector
// needs of it. Everything a controller reads comes through informers built on these, and
// everything it writes goes through a ResourceClient — never around the API.

import type { KubeObject, ListMeta, Status } from '../api/meta.js';

/** One API request, as a transport sends it. */
export interface ApiRequest {
  readonly method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** An absolute API path, e.g. /apis/apps/v1/namespaces/default/deployments/web. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** A JSON-serializable body (an object, or a patch document). */
  readonly body?: unknown;
  /** Defaults to application/json when there is a body. */
  readonly contentType?: string;
  /** Defaults to application/json. */
  readonly accept?: string;
}

export interface ApiResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  /** The decoded JSON body (a Status for errors). */
  readonly body: unknown;
}

/** An event of a watch stream. ERROR events carry a Status. */
export interface RawWatchEvent {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
  readonly object: unknown;
}

export interface WatchStream {
  /** Ends the stream; no event is delivered after close returns. */
  close(): void;
  /** Settles when the stream has ended, for whatever reason (rejects on transport errors). */
  readonly done: Promise<void>;
}

export interface Transport {
  request(req: ApiRequest): Promise<ApiResponse>;
  /** Starts a watch (req has watch=true in its query); events arrive in order. A non-2xx
   *  answer to the watch request itself rejects `done` with the StatusError it carried. */
  watch(req: ApiRequest, onEvent: (event: RawWatchEvent) => void): WatchStream;
}

/** Identifies a resource: the URL parts and the kind it serves. */
export interface ResourceRef {
  readonly group: string;
  readonly version: string;
  /** The plural resource name, e.g. 'deployments'. */
  readonly resource: string;
  readonly kind: string;
  readonly namespaced: boolean;
}

export interface ObjectList<T extends KubeObject> {
  readonly apiVersion?: string;
  readonly kind?: string;
  readonly metadata: ListMeta;
  readonly items: T[];
}

export interface ListOptions {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
  readonly limit?: number;
  readonly continue?: string;
  readonly resourceVersion?: string;
  readonly resourceVersionMatch?: 'Exact' | 'NotOlderThan';
  readonly timeoutSeconds?: number;
  readonly allowWatchBookmarks?: boolean;
  readonly sendInitialEvents?: boolean;
}

export interface WriteOptions {
  readonly dryRun?: boolean;
  /** Defaults to the client's field manager (its user agent's name). */
  readonly fieldManager?: string;
  readonly fieldValidation?: 'Strict' | 'Warn' | 'Ignore';
}

export interface PatchOptions extends WriteOptions {
  /** Server-side apply only: take the conflicting fields. */
  readonly force?: boolean;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface DeleteOptions {
  readonly gracePeriodSeconds?: number;
  readonly propagationPolicy?: 'Orphan' | 'Background' | 'Foreground';
  readonly preconditions?: { readonly uid?: string; readonly resourceVersion?: string };
  readonly dryRun?: boolean;
}

/** A typed watch event for informers: ERROR events have been turned into thrown errors. */
export interface WatchEvent<T extends KubeObject> {
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  readonly object: T;
}

/** What a reflector needs: a consistent list, then a watch from its resourceVersion. */
export interface ListerWatcher<T extends KubeObject> {
  list(opts: ListOptions): Promise<ObjectList<T>>;
  /** Watch errors (an ERROR event, e.g. 410 Expired) reject `done` with a StatusError. */
  watch(opts: ListOptions, onEvent: (event: WatchEvent<T>) => void): WatchStream;
}

/**
 * One resource's verbs. Namespaced resources are addressed through namespace(ns); calling a
 * namespaced verb without a namespace lists/watches across all namespaces and is an error
 * for single-object verbs. Failures throw StatusError (src/api/errors.ts) built from the
 * server's Status.
 */
export interface ResourceClient<T extends KubeObject> extends ListerWatcher<T> {
  readonly ref: ResourceRef;
  namespace(ns: string): ResourceClient<T>;
  /** Lists (every object, without options). */
  list(opts?: ListOptions): Promise<ObjectList<T>>;
  get(name: string, opts?: { resourceVersion?: string }): Promise<T>;
  create(obj: T, opts?: WriteOptions): Promise<T>;
  update(obj: T, opts?: WriteOptions): Promise<T>;
  updateStatus(obj: T, opts?: WriteOptions): Promise<T>;
  patch(name: string, type: PatchType, patch: unknown, opts?: PatchOptions & { subresource?: string }): Promise<T>;
  /** Returns the object when it remains (finalizers, graceful deletion), else the Status. */
  delete(name: string, opts?: DeleteOptions): Promise<T | Status>;
  deleteCollection(opts?: ListOptions & DeleteOptions): Promise<void>;
  /** GET/PUT/POST on a subresource (scale, binding, status, finalize) with any body kind. */
  subresource<R = unknown>(name: string, subresource: string, method: 'GET' | 'PUT' | 'POST', body?: unknown, opts?: WriteOptions): Promise<R>;
}
