// KiteServer wires the control plane of `kite server` together: storage, the API server
// with its watch caches, admission, and the loops the API server itself runs (system
// namespaces, the `kubernetes` Service, storage compaction). Later components (scheduler,
// controllers, agent) attach here. Tests and benchmarks start it in-process.

import { networkInterfaces } from 'node:os';
import { BUILTIN_RESOURCES } from '../api/registry/index.js';
import { AdmissionChain, type ObjectLookup } from '../apiserver/admission/admission.js';
import { NamespaceLifecycle } from '../apiserver/admission/namespace-lifecycle.js';
import { DefaultTolerationSeconds, PriorityAdmission, ServiceAccountAdmission } from '../apiserver/admission/pod-admission.js';
import { DefaultIngressClass, DefaultStorageClass, StorageObjectInUseProtection } from '../apiserver/admission/storage-admission.js';
import { ApiResources } from '../apiserver/api-resources.js';
import { AdminAuthenticator } from '../apiserver/authn/authenticator.js';
import { AlwaysAllowAuthorizer } from '../apiserver/authz/authorizer.js';
import { reconcileKubernetesService } from '../apiserver/bootstrap/kubernetes-service.js';
import { ensureSystemNamespaces } from '../apiserver/bootstrap/system-namespaces.js';
import { ensureSystemPriorityClasses } from '../apiserver/bootstrap/system-priority-classes.js';
import type { WatchSettings } from '../apiserver/handlers/scope.js';
import { ApiServer } from '../apiserver/server.js';
import { ControllerManager } from '../controllers/manager.js';
import { DEFAULT_CONTROLLERS } from '../controllers/index.js';
import type { ControllerFactory } from '../controllers/controller.js';
import { KubeScheduler } from '../scheduler/kube-scheduler.js';
import { SchedulerWorker } from '../scheduler/worker/scheduler-worker.js';
import type { SchedulerSettings } from '../scheduler/config/scheduler-config.js';
import type { KV } from '../storage/kv.js';
import { openStorage } from '../storage/index.js';
import { Client } from '../client/client.js';
import { startSimulatedNodes, type SimulatedFleetSettings, type SimulatedNodes } from '../kubelet/simulated/index.js';

export interface KiteServerOptions {
  readonly dataDir: string;
  readonly storage: 'sqlite' | 'memory';
  readonly bindAddress: string;
  readonly port: number;
  /** The `kubernetes` Service's address (first address of the service CIDR). */
  readonly kubernetesServiceIP?: string;
  readonly watch?: Partial<WatchSettings>;
  /** How often the API server's own objects are reconciled. */
  readonly reconcileIntervalMs?: number;
  /** How often storage history older than the previous interval is compacted. */
  readonly compactionIntervalMs?: number;
  /** The controllers to run (default: all of them; [] runs none). */
  readonly controllers?: readonly ControllerFactory[];
  /** Run the scheduler (kube-scheduler, under its own leader election; default true). */
  readonly scheduler?: boolean;
  /** Where the scheduler runs: 'main' (default), this thread; or 'worker', a worker thread
   *  of this process, so scheduling cycles and the scheduler's informers take a second core
   *  (`kite server` does this; about 40% more pods scheduled per second). */
  readonly schedulerThread?: 'worker' | 'main';
  /** The scheduler's profiles, backoffs and percentageOfNodesToScore (`--scheduler-config`,
   *  already checked: src/scheduler/config); default: kube-scheduler's defaults. */
  readonly schedulerSettings?: SchedulerSettings;
  /** A fleet of simulated nodes to run in-process once the server is ready (kwok-style). */
  readonly simulatedNodes?: SimulatedFleetSettings;
}

const DEFAULT_WATCH: WatchSettings = {
  bookmarkIntervalMs: 60_000,
  minRequestTimeoutSeconds: 1800,
  maxBufferedBytes: 32 * 1024 * 1024,
};

export class KiteServer {
  readonly #opts: KiteServerOptions;
  #kv: KV | undefined;
  #api: ApiResources | undefined;
  #http: ApiServer | undefined;
  #controllers: ControllerManager | undefined;
  #scheduler: KubeScheduler | SchedulerWorker | undefined;
  #simulatedNodes: SimulatedNodes | undefined;
  #kubeletClient: Client | undefined;
  #ready = false;
  #port = 0;
  #timers: NodeJS.Timeout[] = [];

  constructor(opts: KiteServerOptions) {
    this.#opts = opts;
  }

  get port(): number {
    return this.#port;
  }

  get api(): ApiResources {
    if (!this.#api) throw new Error('server not started');
    return this.#api;
  }

  /** The API server, for in-process clients (src/client: Client.inProcess). */
  get apiServer(): ApiServer {
    if (!this.#http) throw new Error('server not started');
    return this.#http;
  }

  /** The in-process scheduler component (undefined when it is off or in a worker thread). */
  get scheduler(): KubeScheduler | undefined {
    return this.#scheduler instanceof KubeScheduler ? this.#scheduler : undefined;
  }

  /** The controller manager (leader election and every control loop). */
  get controllerManager(): ControllerManager {
    if (!this.#controllers) throw new Error('server not started');
    return this.#controllers;
  }

  get kv(): KV {
    if (!this.#kv) throw new Error('server not started');
    return this.#kv;
  }

  get url(): string {
    const host = this.#opts.bindAddress === '0.0.0.0' ? '127.0.0.1' : this.#opts.bindAddress;
    return `http://${host.includes(':') ? `[${host}]` : host}:${this.#port}`;
  }

  async start(): Promise<void> {
    const kv = await openStorage({ backend: this.#opts.storage, dataDir: this.#opts.dataDir });
    this.#kv = kv;
    const api = new ApiResources(BUILTIN_RESOURCES, kv);
    this.#api = api;
    await api.start();
    this.#http = new ApiServer({
      api,
      authenticator: new AdminAuthenticator(),
      authorizer: new AlwaysAllowAuthorizer(),
      admission: admissionChain(api),
      watch: { ...DEFAULT_WATCH, ...this.#opts.watch },
      advertiseAddress: () => `${this.#advertiseIP()}:${this.#port}`,
      ready: () => this.#ready,
    });
    const address = await this.#http.listen(this.#opts.port, this.#opts.bindAddress);
    this.#port = address.port;
    await this.#reconcile();
    this.#every(this.#opts.reconcileIntervalMs ?? 10_000, () => this.#reconcile());
    this.#startCompaction(this.#opts.compactionIntervalMs ?? 5 * 60_000);
    this.#ready = true;
    this.#controllers = new ControllerManager({ apiServer: this.#http, controllers: this.#opts.controllers ?? DEFAULT_CONTROLLERS });
    this.#controllers.start();
    if (this.#opts.scheduler ?? true) {
      const settings = this.#opts.schedulerSettings ? { scheduler: this.#opts.schedulerSettings } : {};
      this.#scheduler =
        this.#opts.schedulerThread === 'worker'
          ? new SchedulerWorker({ apiServer: this.#http, options: settings })
          : new KubeScheduler({ apiServer: this.#http, ...settings });
      this.#scheduler.start();
    }
    if (this.#opts.simulatedNodes) {
      const client = Client.inProcess(this.#http, { userAgent: 'kubelet' });
      // The fleet talks through the client it is given; the server owns that client.
      this.#kubeletClient = client;
      this.#simulatedNodes = await startSimulatedNodes({ ...this.#opts.simulatedNodes, client });
    }
  }

  /** The simulated nodes (undefined unless the simulatedNodes option asked for them). */
  get simulatedNodes(): SimulatedNodes | undefined {
    return this.#simulatedNodes;
  }

  async #reconcile(): Promise<void> {
    const api = this.api;
    await ensureSystemNamespaces(api);
    await ensureSystemPriorityClasses(api);
    await reconcileKubernetesService(api, {
      clusterIP: this.#opts.kubernetesServiceIP ?? '10.43.0.1',
      endpointIP: this.#advertiseIP(),
      port: this.#port,
    });
  }

  /** Compacts to the revision that was current one interval ago, as Kubernetes does. */
  #startCompaction(intervalMs: number): void {
    let previous = 0;
    this.#every(intervalMs, async () => {
      const kv = this.kv;
      if (previous > 0) await kv.compact(previous);
      previous = await kv.currentRevision();
    });
  }

  /** Runs fn every ms, never two runs at once; failures are logged, not fatal. */
  #every(ms: number, fn: () => Promise<void>): void {
    let running = false;
    const timer = setInterval(async () => {
      if (running) return;
      running = true;
      try {
        await fn();
      } catch (err) {
        console.error('kite: background task failed:', err);
      } finally {
        running = false;
      }
    }, ms);
    timer.unref();
    this.#timers.push(timer);
  }

  /** The address the cluster reaches this server at: the bind address, or for a loopback or
   *  wildcard bind the host's first external IPv4 address. */
  #advertiseIP(): string {
    const bind = this.#opts.bindAddress;
    if (bind !== '0.0.0.0' && bind !== '::' && !bind.startsWith('127.') && bind !== 'localhost') return bind;
    for (const addrs of Object.values(networkInterfaces())) {
      for (const a of addrs ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
    }
    return '127.0.0.1';
  }

  async stop(): Promise<void> {
    this.#ready = false;
    await this.#simulatedNodes?.stop();
    this.#kubeletClient?.close();
    await this.#scheduler?.stop();
    await this.#controllers?.stop();
    for (const t of this.#timers) clearInterval(t);
    this.#timers = [];
    this.#api?.stop();
    await this.#http?.close();
    await this.#kv?.close();
  }
}

/** What admission plugins read: the API server's caches. */
function cacheLookup(api: ApiResources): ObjectLookup {
  return {
    get: (group, plural, namespace, name) => {
      const store = api.store(group, plural);
      return store.cache.get(store.key(namespace, name))?.obj;
    },
    list: (group, plural, namespace = '') => {
      const store = api.store(group, plural);
      const prefix = store.keyPrefix(namespace);
      return store.cache
        .snapshot()
        .objects.filter((o) => o.key.startsWith(prefix))
        .map((o) => o.obj);
    },
  };
}

/** Kubernetes' default admission plugins that kite implements, in Kubernetes' order. */
function admissionChain(api: ApiResources): AdmissionChain {
  const lookup = cacheLookup(api);
  const namespaces = new NamespaceLifecycle((name) => lookup.get('', 'namespaces', '', name));
  return new AdmissionChain(
    [
      namespaces,
      new ServiceAccountAdmission(lookup),
      new PriorityAdmission(lookup),
      new DefaultTolerationSeconds(),
      new DefaultStorageClass(lookup),
      new StorageObjectInUseProtection(),
      new DefaultIngressClass(lookup),
    ],
    [namespaces],
  );
}
