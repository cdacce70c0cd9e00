// Client: the entry point of kite's client library. It pairs a Transport with a name (the
// user agent, from which writes' field manager is derived as the server derives it) and
// hands out ResourceClients — for any resource by ResourceRef, or typed for every built-in
// resource through accessors grouped by API group (builtin-resources.ts):
//
//   const client = Client.fromKubeconfig();                       // HTTP, as kubectl
//   const client = Client.fromEnvironment();    // kubeconfig, else in-cluster (in a pod)
//   const client = Client.inProcess(kite.apiServer, { userAgent: 'kube-controller-manager' });
//   const pods = await client.core.pods('default').list({ labelSelector: 'app=web' });
//   await client.apps.deployments('default').patch('web', 'merge', { spec: { replicas: 3 } });
//
// A Client made by fromKubeconfig or inProcess owns its transport; close() releases it.

import { managerFromUserAgent } from '../api/apply/index.js';
import type { KubeObject } from '../api/meta.js';
import { builtinClients, type BuiltinClients } from './builtin-resources.js';
import type { ResourceClient, ResourceRef, Transport } from './contract.js';
import { DEFAULT_USER_AGENT, HttpTransport, type HttpTransportOptions } from './http-transport.js';
import { inClusterConfig, loadClientConfig, type ClientConfig, type InClusterOptions } from './in-cluster.js';
import { type ApiHandler, InProcessTransport, type InProcessTransportOptions } from './in-process-transport.js';
import { type KubeconfigOptions, loadKubeconfig } from './kubeconfig.js';
import { resourceClient } from './resource-client.js';

export interface ClientOptions {
  /** The client's name on the wire; the default field manager derives from it. The
   *  transport sends its own User-Agent: give both the same (the static constructors do). */
  readonly userAgent?: string;
  /** The field manager of writes that do not name one (default: from userAgent). */
  readonly fieldManager?: string;
  /** The namespace the kubeconfig context names (default "default"), for callers that
   *  want kubectl's default; the accessors never apply it implicitly. */
  readonly namespace?: string;
  /** What close() releases (the static constructors pass the transport they made). */
  readonly release?: () => void;
}

export interface Client extends BuiltinClients {}

export class Client {
  readonly transport: Transport;
  readonly userAgent: string;
  readonly fieldManager: string;
  readonly namespace: string;
  readonly #release: (() => void) | undefined;

  constructor(transport: Transport, opts: ClientOptions = {}) {
    this.transport = transport;
    this.userAgent = opts.userAgent ?? DEFAULT_USER_AGENT;
    this.fieldManager = opts.fieldManager ?? managerFromUserAgent(this.userAgent);
    this.namespace = opts.namespace ?? 'default';
    this.#release = opts.release;
    Object.assign(this, builtinClients((ref, namespace) => this.resource(ref, namespace)));
  }

  /** Any resource (a custom resource, another version of a built-in one); namespace scopes
   *  a namespaced resource (as ResourceClient.namespace does). */
  resource<T extends KubeObject = KubeObject>(ref: ResourceRef, namespace?: string): ResourceClient<T> {
    return resourceClient<T>(this.transport, ref, { fieldManager: this.fieldManager, namespace: ref.namespaced ? namespace : undefined });
  }

  /** A client over HTTP to the server of a kubeconfig context, found as kubectl finds it
   *  (the path, else $KUBECONFIG, else ~/.kube/config). */
  static fromKubeconfig(path?: string, opts: Omit<KubeconfigOptions, 'path'> & HttpTransportOptions = {}): Client {
    return Client.#overHttp(loadKubeconfig({ ...opts, path }), opts);
  }

  /** A client over HTTP from the pod's service account (client-go InClusterConfig). */
  static inCluster(opts: InClusterOptions & HttpTransportOptions = {}): Client {
    return Client.#overHttp(inClusterConfig(opts), opts);
  }

  /** A client over HTTP configured as controllers find their cluster: the kubeconfig at path
   *  or in $KUBECONFIG, else the pod's service account when running in a pod, else
   *  ~/.kube/config (controller-runtime's order). */
  static fromEnvironment(path?: string, opts: Omit<KubeconfigOptions, 'path'> & InClusterOptions & HttpTransportOptions = {}): Client {
    return Client.#overHttp(loadClientConfig({ ...opts, path }), opts);
  }

  static #overHttp(config: ClientConfig, opts: HttpTransportOptions): Client {
    const transport = new HttpTransport(config.connection, opts);
    return new Client(transport, { userAgent: transport.userAgent, namespace: config.namespace, release: () => transport.close() });
  }

  /** A client of kite's API server in this process (KiteServer.apiServer), acting as the
   *  component named by userAgent. */
  static inProcess(server: ApiHandler, opts: InProcessTransportOptions): Client {
    return new Client(new InProcessTransport(server, opts), { userAgent: opts.userAgent });
  }

  /** Releases the transport this client owns (idle connections); open watches end. */
  close(): void {
    this.#release?.();
  }
}
