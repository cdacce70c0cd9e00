// FakeResourceClient is a ResourceClient over a FakeListerWatcher's in-memory state, for
// tests of anything that writes (leader election, event recorders, controllers): creates
// fail on an existing name (409 AlreadyExists), updates compare-and-swap on
// metadata.resourceVersion (409 Conflict), missing objects are 404, merge and strategic
// patches of plain fields apply as merge patches, and every write is visible to informers
// watching the same FakeListerWatcher. Each call is recorded in `actions`; failNext() makes
// the next call of a verb fail with a given error.

import { alreadyExists, conflict, MODIFIED_CONFLICT, notFound, StatusError } from '../../api/errors.js';
import type { KubeObject, Status } from '../../api/meta.js';
import { applyMergePatch } from '../../api/patch/merge-patch.js';
import type { Json } from '../../api/meta.js';
import type {
  DeleteOptions,
  ListOptions,
  ObjectList,
  PatchOptions,
  PatchType,
  ResourceClient,
  ResourceRef,
  WatchEvent,
  WatchStream,
  WriteOptions,
} from '../contract.js';
import { FakeListerWatcher } from './fake-lister-watcher.js';

export type FakeVerb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'updateStatus' | 'patch' | 'delete';

export interface FakeAction {
  readonly verb: FakeVerb;
  readonly namespace: string;
  readonly name?: string;
  /** The object written, or the patch sent. */
  readonly body?: unknown;
  readonly patchType?: PatchType;
}

interface Shared<T extends KubeObject> {
  readonly server: FakeListerWatcher<T>;
  readonly actions: FakeAction[];
  readonly failures: Map<FakeVerb, unknown[]>;
  /** Called before each request resolves; a test may hold requests (a hung server). */
  gate?: (action: FakeAction) => Promise<void> | void;
}

export class FakeResourceClient<T extends KubeObject = KubeObject> implements ResourceClient<T> {
  readonly ref: ResourceRef;
  readonly #ns: string;
  readonly #shared: Shared<T>;

  constructor(ref: ResourceRef, server: FakeListerWatcher<T> = new FakeListerWatcher<T>(), namespace = '', shared?: Shared<T>) {
    this.ref = ref;
    this.#ns = namespace;
    this.#shared = shared ?? { server, actions: [], failures: new Map() };
  }

  /** The shared in-memory server (to seed objects, break watches, ...). */
  get server(): FakeListerWatcher<T> {
    return this.#shared.server;
  }

  /** Every request made through this client and its namespaced views, in order. */
  get actions(): FakeAction[] {
    return this.#shared.actions;
  }

  /** Makes the next n calls of verb fail with err. */
  failNext(verb: FakeVerb, err: unknown, n = 1): void {
    const list = this.#shared.failures.get(verb) ?? [];
    for (let i = 0; i < n; i++) list.push(err);
    this.#shared.failures.set(verb, list);
  }

  /** Runs before each request completes; return a pending promise to hold requests. */
  setGate(gate: ((action: FakeAction) => Promise<void> | void) | undefined): void {
    this.#shared.gate = gate;
  }

  namespace(ns: string): FakeResourceClient<T> {
    return new FakeResourceClient<T>(this.ref, this.#shared.server, ns, this.#shared);
  }

  async get(name: string, _opts?: { resourceVersion?: string }): Promise<T> {
    await this.#begin({ verb: 'get', namespace: this.#ns, name });
    const obj = this.#shared.server.get(this.#ns, name);
    if (!obj) throw notFound(this.#gr(), name);
    return obj;
  }

  async list(opts: ListOptions): Promise<ObjectList<T>> {
    await this.#begin({ verb: 'list', namespace: this.#ns });
    const l = await this.#shared.server.list(opts);
    return this.#ns ? { ...l, items: l.items.filter((i) => i.metadata.namespace === this.#ns) } : l;
  }

  watch(opts: ListOptions, onEvent: (event: WatchEvent<T>) => void): WatchStream {
    this.#shared.actions.push({ verb: 'watch', namespace: this.#ns });
    const ns = this.#ns;
    return this.#shared.server.watch(opts, (e) => {
      if (!ns || e.type === 'BOOKMARK' || e.object.metadata.namespace === ns) onEvent(e);
    });
  }

  async create(obj: T, _opts?: WriteOptions): Promise<T> {
    const body = this.#scoped(obj);
    await this.#begin({ verb: 'create', namespace: this.#ns, name: body.metadata.name, body: structuredClone(body) });
    if (!body.metadata.name && body.metadata.generateName) body.metadata.name = `${body.metadata.generateName}${Math.random().toString(36).slice(2, 7)}`;
    if (this.#shared.server.get(this.#ns, body.metadata.name!)) throw alreadyExists(this.#gr(), body.metadata.name!);
    delete body.metadata.resourceVersion;
    body.metadata.creationTimestamp ??= new Date(0).toISOString().replace('.000', '');
    return this.#shared.server.create(body);
  }

  update(obj: T, _opts?: WriteOptions): Promise<T> {
    return this.#update('update', obj);
  }

  updateStatus(obj: T, _opts?: WriteOptions): Promise<T> {
    return this.#update('updateStatus', obj);
  }

  async patch(name: string, type: PatchType, patch: unknown, _opts?: PatchOptions & { subresource?: string }): Promise<T> {
    await this.#begin({ verb: 'patch', namespace: this.#ns, name, body: structuredClone(patch), patchType: type });
    const current = this.#shared.server.get(this.#ns, name);
    if (!current) throw notFound(this.#gr(), name);
    if (type !== 'merge' && type !== 'strategic') throw new StatusError(415, 'UnsupportedMediaType', `fake client: ${type} patches are not supported`);
    const patched = applyMergePatch(current as unknown as Json, patch as Json) as unknown as T;
    patched.metadata.resourceVersion = current.metadata.resourceVersion;
    return this.#shared.server.update(patched);
  }

  async delete(name: string, _opts?: DeleteOptions): Promise<T | Status> {
    await this.#begin({ verb: 'delete', namespace: this.#ns, name });
    if (!this.#shared.server.get(this.#ns, name)) throw notFound(this.#gr(), name);
    this.#shared.server.delete(this.#ns, name);
    return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 200 };
  }

  async deleteCollection(opts?: ListOptions & DeleteOptions): Promise<void> {
    const l = await this.list(opts ?? {});
    for (const o of l.items) this.#shared.server.delete(o.metadata.namespace ?? '', o.metadata.name!);
  }

  subresource<R = unknown>(): Promise<R> {
    return Promise.reject(new StatusError(404, 'NotFound', 'fake client: subresources are not supported'));
  }

  async #update(verb: 'update' | 'updateStatus', obj: T): Promise<T> {
    const body = this.#scoped(obj);
    const name = body.metadata.name!;
    await this.#begin({ verb, namespace: this.#ns, name, body: structuredClone(body) });
    const current = this.#shared.server.get(this.#ns, name);
    if (!current) throw notFound(this.#gr(), name);
    const rv = body.metadata.resourceVersion;
    if (rv && rv !== current.metadata.resourceVersion) throw conflict(this.#gr(), name, MODIFIED_CONFLICT);
    return this.#shared.server.update(body);
  }

  #scoped(obj: T): T {
    const body = structuredClone(obj);
    if (this.ref.namespaced) {
      if (!this.#ns) throw new StatusError(400, 'BadRequest', 'fake client: a namespaced write needs namespace(ns)');
      if (body.metadata.namespace && body.metadata.namespace !== this.#ns) {
        throw new StatusError(400, 'BadRequest', 'the namespace of the provided object does not match the namespace sent on the request');
      }
      body.metadata.namespace = this.#ns;
    }
    return body;
  }

  async #begin(action: FakeAction): Promise<void> {
    this.#shared.actions.push(action);
    await this.#shared.gate?.(action);
    const failure = this.#shared.failures.get(action.verb)?.shift();
    if (failure !== undefined) throw failure;
  }

  #gr(): { group: string; resource: string } {
    return { group: this.ref.group, resource: this.ref.resource };
  }
}
