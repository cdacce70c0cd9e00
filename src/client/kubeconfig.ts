// Kubeconfig loading, as kubectl (client-go's clientcmd) does it:
// - Which files: an explicit path (which must exist); else every path of $KUBECONFIG
//   (separated by ':' — ';' on Windows; missing files skipped); else ~/.kube/config.
// - Merging: clusters, users and contexts are maps by name and the first file to define a
//   name wins; current-context comes from the first file that sets it.
// - Resolution: the named context (or current-context) gives the cluster (server, CA from
//   certificate-authority-data or a certificate-authority file, insecure-skip-tls-verify,
//   tls-server-name), the user (token or tokenFile, client certificate and key as data or
//   files, username/password) and the namespace (default "default"). File paths are
//   relative to the kubeconfig that names them; -data fields win over files.
// Credential plugins (exec, auth-provider) are not supported: a user that has nothing else
// is a KubeconfigError, as is a missing context, cluster or server.

import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { parse } from 'yaml';
import type { ConnectionConfig } from './http-transport.js';

export class KubeconfigError extends Error {
  override name = 'KubeconfigError';
}

/** A kubeconfig's named entries, with the file each came from (paths resolve against it). */
interface Named<T> {
  readonly value: T;
  readonly file: string;
}

interface ClusterEntry {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
}

interface UserEntry {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  exec?: unknown;
  'auth-provider'?: unknown;
}

interface ContextEntry {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** The merged view of one or more kubeconfig files. */
export interface MergedKubeconfig {
  readonly currentContext: string;
  readonly clusters: ReadonlyMap<string, Named<ClusterEntry>>;
  readonly users: ReadonlyMap<string, Named<UserEntry>>;
  readonly contexts: ReadonlyMap<string, Named<ContextEntry>>;
}

export interface ResolvedKubeconfig {
  readonly context: string;
  readonly connection: ConnectionConfig;
  /** The context's namespace, or "default". */
  readonly namespace: string;
}

export interface KubeconfigOptions {
  /** A kubeconfig file (kubectl --kubeconfig); overrides $KUBECONFIG. */
  readonly path?: string;
  /** A context other than current-context (kubectl --context). */
  readonly context?: string;
  /** Where $KUBECONFIG and the home directory come from (default: the process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  readonly home?: string;
}

/** The kubeconfig files to read, in precedence order. */
export function kubeconfigPaths(opts: KubeconfigOptions = {}): { paths: string[]; mustExist: boolean } {
  if (opts.path) return { paths: [opts.path], mustExist: true };
  const env = opts.env ?? process.env;
  const list = (env.KUBECONFIG ?? '').split(delimiter).filter((p) => p !== '');
  if (list.length) return { paths: [...new Set(list)], mustExist: false };
  return { paths: [join(opts.home ?? homedir(), '.kube', 'config')], mustExist: true };
}

/** Merges kubeconfig documents (given with their file paths), first one winning. */
export function mergeKubeconfigs(files: readonly { readonly path: string; readonly text: string }[]): MergedKubeconfig {
  let currentContext = '';
  const clusters = new Map<string, Named<ClusterEntry>>();
  const users = new Map<string, Named<UserEntry>>();
  const contexts = new Map<string, Named<ContextEntry>>();
  for (const { path, text } of files) {
    let doc: unknown;
    try {
      doc = parse(text);
    } catch (err) {
      throw new KubeconfigError(`${path}: ${(err as Error).message}`);
    }
    if (doc === null || doc === undefined) continue;
    if (typeof doc !== 'object' || Array.isArray(doc)) throw new KubeconfigError(`${path}: not a kubeconfig`);
    const d = doc as Record<string, unknown>;
    if (!currentContext && typeof d['current-context'] === 'string') currentContext = d['current-context'];
    collect(path, d.clusters, 'cluster', clusters);
    collect(path, d.users, 'user', users);
    collect(path, d.contexts, 'context', contexts);
  }
  return { currentContext, clusters, users, contexts };
}

function collect<T>(file: string, list: unknown, field: string, into: Map<string, Named<T>>): void {
  if (list === undefined || list === null) return;
  if (!Array.isArray(list)) throw new KubeconfigError(`${file}: ${field}s must be a list`);
  for (const item of list as { name?: unknown; [k: string]: unknown }[]) {
    if (typeof item?.name !== 'string') throw new KubeconfigError(`${file}: a ${field} without a name`);
    if (!into.has(item.name)) into.set(item.name, { value: (item[field] ?? {}) as T, file });
  }
}

/** The connection and namespace of a context of a merged kubeconfig. */
export function resolveContext(config: MergedKubeconfig, contextName?: string): ResolvedKubeconfig {
  const name = contextName || config.currentContext;
  if (!name) throw new KubeconfigError('no context chosen and no current-context set');
  const ctx = config.contexts.get(name);
  if (!ctx) throw new KubeconfigError(`context "${name}" does not exist`);
  const clusterName = ctx.value.cluster ?? '';
  const cluster = config.clusters.get(clusterName);
  if (!cluster) throw new KubeconfigError(`context "${name}": cluster "${clusterName}" does not exist`);
  const c = cluster.value;
  if (!c.server) throw new KubeconfigError(`cluster "${clusterName}" has no server`);
  const userName = ctx.value.user ?? '';
  const user = userName ? config.users.get(userName) : undefined;
  if (userName && !user) throw new KubeconfigError(`context "${name}": user "${userName}" does not exist`);
  const u = user?.value ?? {};

  const connection: {
    -readonly [K in keyof ConnectionConfig]: ConnectionConfig[K];
  } = { server: c.server };
  const ca = dataOrFile(c['certificate-authority-data'], c['certificate-authority'], cluster.file);
  if (ca) connection.caData = ca;
  if (c['insecure-skip-tls-verify']) connection.insecureSkipTLSVerify = true;
  if (c['tls-server-name']) connection.tlsServerName = c['tls-server-name'];
  if (user) {
    const cert = dataOrFile(u['client-certificate-data'], u['client-certificate'], user.file);
    const key = dataOrFile(u['client-key-data'], u['client-key'], user.file);
    if (cert) connection.certData = cert;
    if (key) connection.keyData = key;
    if (u.token) connection.token = u.token;
    else if (u.tokenFile) connection.tokenFile = resolveFrom(user.file, u.tokenFile);
    if (u.username !== undefined) connection.username = u.username;
    if (u.password !== undefined) connection.password = u.password;
    const hasCredentials = cert || u.token || u.tokenFile || u.username !== undefined;
    if (!hasCredentials && (u.exec || u['auth-provider'])) {
      throw new KubeconfigError(`user "${userName}": credential plugins (exec, auth-provider) are not supported`);
    }
  }
  return { context: name, connection, namespace: ctx.value.namespace || 'default' };
}

function dataOrFile(data: string | undefined, file: string | undefined, from: string): Buffer | undefined {
  if (data) return Buffer.from(data, 'base64');
  if (file) {
    const path = resolveFrom(from, file);
    try {
      return readFileSync(path);
    } catch (err) {
      throw new KubeconfigError(`${from}: cannot read ${path}: ${(err as Error).message}`);
    }
  }
  return undefined;
}

function resolveFrom(kubeconfig: string, path: string): string {
  return isAbsolute(path) ? path : resolve(dirname(kubeconfig), path);
}

/** Reads, merges and resolves the kubeconfig(s) as kubectl would. */
export function loadKubeconfig(opts: KubeconfigOptions = {}): ResolvedKubeconfig {
  const { paths, mustExist } = kubeconfigPaths(opts);
  const files: { path: string; text: string }[] = [];
  for (const path of paths) {
    try {
      files.push({ path: resolve(path), text: readFileSync(path, 'utf8') });
    } catch (err) {
      if (mustExist || (err as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw new KubeconfigError(`cannot read kubeconfig ${path}: ${(err as Error).message}`);
      }
    }
  }
  if (files.length === 0) throw new KubeconfigError(`no kubeconfig found (KUBECONFIG=${paths.join(delimiter)})`);
  return resolveContext(mergeKubeconfigs(files), opts.context);
}
