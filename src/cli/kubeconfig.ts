// The admin kubeconfig `kite server` writes for its users: one cluster, one context, one
// user. Written atomically with owner-only permissions.

import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { stringify } from 'yaml';

export function adminKubeconfig(serverUrl: string): string {
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'kite', cluster: { server: serverUrl } }],
    contexts: [{ name: 'kite', context: { cluster: 'kite', user: 'kite-admin' } }],
    'current-context': 'kite',
    users: [{ name: 'kite-admin', user: {} }],
    preferences: {},
  });
}

export function writeKubeconfig(path: string, serverUrl: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  writeFileSync(tmp, adminKubeconfig(serverUrl), { mode: 0o600 });
  renameSync(tmp, path);
}
