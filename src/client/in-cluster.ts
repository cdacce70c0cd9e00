// Configuration for a client running in a pod (client-go rest.InClusterConfig), and the
// order a controller finds its configuration in (controller-runtime's GetConfig).
//
// - In a pod, Kubernetes sets KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT and mounts
//   the service account at /var/run/secrets/kubernetes.io/serviceaccount: `token` (a
//   projected token that rotates, so it is used as a token file, re-read by the transport),
//   `ca.crt` (the cluster CA) and `namespace`. The server is https://HOST:PORT (IPv6 hosts in
//   brackets). Without the variables or the token this is not a pod: NotInClusterError.
// - loadClientConfig: an explicit kubeconfig path; else $KUBECONFIG; else the in-cluster
//   configuration when running in a pod; else ~/.kube/config.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConnectionConfig } from './http-transport.js';
import { loadKubeconfig, type KubeconfigOptions } from './kubeconfig.js';

export const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export class NotInClusterError extends Error {
  override name = 'NotInClusterError';
}

export interface InClusterOptions {
  /** Where KUBERNETES_SERVICE_HOST/PORT come from (default: the process's environment). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The mounted service account (default: SERVICE_ACCOUNT_DIR). */
  readonly serviceAccountDir?: string;
}

export interface ClientConfig {
  readonly connection: ConnectionConfig;
  /** The namespace the configuration names (the pod's own, in a cluster). */
  readonly namespace: string;
}

/** The configuration of a client in a pod. */
export function inClusterConfig(opts: InClusterOptions = {}): ClientConfig {
  const env = opts.env ?? process.env;
  const dir = opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw new NotInClusterError('unable to load in-cluster configuration, KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT must be defined');
  const tokenFile = join(dir, 'token');
  if (!existsSync(tokenFile)) throw new NotInClusterError(`unable to load in-cluster configuration: no service account token at ${tokenFile}`);
  const connection: { -readonly [K in keyof ConnectionConfig]: ConnectionConfig[K] } = {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    tokenFile,
  };
  const ca = join(dir, 'ca.crt');
  if (existsSync(ca)) connection.caData = readFileSync(ca);
  const nsFile = join(dir, 'namespace');
  const namespace = existsSync(nsFile) ? readFileSync(nsFile, 'utf8').trim() || 'default' : 'default';
  return { connection, namespace };
}

/** Whether this process runs in a pod (the variables and the token are there). */
export function isInCluster(opts: InClusterOptions = {}): boolean {
  const env = opts.env ?? process.env;
  return !!env.KUBERNETES_SERVICE_HOST && !!env.KUBERNETES_SERVICE_PORT && existsSync(join(opts.serviceAccountDir ?? SERVICE_ACCOUNT_DIR, 'token'));
}

/** A kubeconfig when one is named (path, $KUBECONFIG), the pod's configuration in a pod,
 *  else ~/.kube/config. */
export function loadClientConfig(opts: KubeconfigOptions & InClusterOptions = {}): ClientConfig {
  const env = opts.env ?? process.env;
  if (!opts.path && !env.KUBECONFIG && isInCluster(opts)) return inClusterConfig(opts);
  const resolved = loadKubeconfig(opts);
  return { connection: resolved.connection, namespace: resolved.namespace };
}
