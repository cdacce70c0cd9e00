// The ServiceAccounts controller (Kubernetes' pkg/controller/serviceaccount): every active
// namespace has the service accounts pods run as by default — `default`.
//
//  - A namespace added or updated (or resynced) queues its name; a service account deleted
//    queues its namespace, so a deleted `default` is created again.
//  - sync(namespace): nothing for a namespace that is gone or not Active (a terminating
//    namespace must empty, and the API server refuses new content in it anyway); otherwise
//    each missing account is created. AlreadyExists is success; so is a create the API server
//    refuses because the namespace started terminating meanwhile (cause NamespaceTerminating).

import { StatusError } from '../../api/errors.js';
import type { KubeObject } from '../../api/meta.js';
import { builtinRef } from '../../client/builtin-resources.js';
import type { Lister } from '../../client/informer/lister.js';
import { unwrapTombstone } from '../../client/informer/store.js';
import { RateLimitingQueue } from '../../client/workqueue/rate-limiting-queue.js';
import type { Controller, ControllerContext, ControllerFactory } from '../controller.js';
import { runWorkers } from '../worker.js';

export const SERVICE_ACCOUNT_CONTROLLER = 'serviceaccount-controller';
/** kube-controller-manager runs this controller with one worker. */
export const DEFAULT_SERVICE_ACCOUNT_WORKERS = 1;
export const DEFAULT_SERVICE_ACCOUNTS: readonly string[] = ['default'];
const NAMESPACE_TERMINATING_CAUSE = 'NamespaceTerminating';

export interface ServiceAccountsControllerOptions {
  /** The accounts every active namespace gets (default: `default`). */
  readonly serviceAccounts?: readonly string[];
  readonly workers?: number;
}

export class ServiceAccountsController implements Controller {
  readonly name = SERVICE_ACCOUNT_CONTROLLER;
  readonly #ctx: ControllerContext;
  readonly #accounts: readonly string[];
  readonly #workers: number;
  readonly #namespaces: Lister<KubeObject>;
  readonly #serviceAccounts: Lister<KubeObject>;
  readonly #queue: RateLimitingQueue<string>;

  constructor(ctx: ControllerContext, opts: ServiceAccountsControllerOptions = {}) {
    this.#ctx = ctx;
    this.#accounts = opts.serviceAccounts ?? DEFAULT_SERVICE_ACCOUNTS;
    this.#workers = opts.workers ?? DEFAULT_SERVICE_ACCOUNT_WORKERS;
    this.#queue = new RateLimitingQueue<string>({ clock: ctx.clock });
    const namespaces = builtinRef('', 'namespaces');
    const serviceAccounts = builtinRef('', 'serviceaccounts');
    this.#namespaces = ctx.informers.listerFor(namespaces);
    this.#serviceAccounts = ctx.informers.listerFor(serviceAccounts);
    ctx.informers.informerFor(namespaces).addEventHandler({
      onAdd: (ns) => this.#enqueue(ns.metadata.name),
      onUpdate: (_old, ns) => this.#enqueue(ns.metadata.name),
    });
    ctx.informers.informerFor(serviceAccounts).addEventHandler({
      onDelete: (sa) => this.#enqueue(unwrapTombstone(sa).metadata.namespace),
    });
  }

  run(signal: AbortSignal): Promise<void> {
    return runWorkers(this.#queue, { name: SERVICE_ACCOUNT_CONTROLLER, workers: this.#workers, sync: (ns) => this.sync(ns), onError: this.#ctx.onError }, signal);
  }

  #enqueue(namespace: string | undefined): void {
    if (namespace) this.#queue.add(namespace);
  }

  async sync(namespace: string): Promise<void> {
    const ns = this.#namespaces.get('', namespace);
    if (!ns || (ns.status as { phase?: string } | undefined)?.phase !== 'Active') return;
    const failures: unknown[] = [];
    for (const name of this.#accounts) {
      if (this.#serviceAccounts.get(namespace, name)) continue;
      try {
        await this.#ctx.client.core.serviceaccounts(namespace).create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
      } catch (err) {
        if (!isIgnorableCreateError(err)) failures.push(err);
      }
    }
    if (failures.length === 1) throw failures[0];
    if (failures.length > 1) throw new AggregateError(failures, `creating service accounts in namespace ${namespace} failed`);
  }
}

/** Someone else created it, or the namespace started terminating: nothing left to do. */
function isIgnorableCreateError(err: unknown): boolean {
  if (!(err instanceof StatusError)) return false;
  if (err.code === 409 && err.reason === 'AlreadyExists') return true;
  return (err.details?.causes ?? []).some((c) => c.reason === NAMESPACE_TERMINATING_CAUSE);
}

export function newServiceAccountsController(opts: ServiceAccountsControllerOptions = {}): ControllerFactory {
  return (ctx) => new ServiceAccountsController(ctx, opts);
}

/** The ServiceAccounts controller as kite server runs it. */
export const serviceAccountsControllerFactory: ControllerFactory = newServiceAccountsController();
