// In-cluster configuration: the service account mount and KUBERNETES_SERVICE_* variables
// make an HTTPS client that verifies the cluster CA and sends the (re-read) token; outside a
// pod it is a NotInClusterError; loadClientConfig picks kubeconfig or in-cluster in
// controller-runtime's order.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { Client } from './client.js';
import { inClusterConfig, isInCluster, loadClientConfig, NotInClusterError } from './in-cluster.js';
import { CA_CERT, SERVER_CERT, SERVER_KEY } from './testing-tls.js';

const dir = mkdtempSync(join(tmpdir(), 'kite-in-cluster-'));
const servers: Server[] = [];
after(async () => {
  for (const s of servers) s.closeAllConnections?.();
  await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  rmSync(dir, { recursive: true, force: true });
});

/** A service account mount with a token, the CA and a namespace. */
function serviceAccount(name: string, files: Record<string, string> = { token: 'sa-token\n', 'ca.crt': CA_CERT, namespace: 'team-a' }): string {
  const sa = join(dir, name);
  mkdirSync(sa, { recursive: true });
  for (const [file, text] of Object.entries(files)) writeFileSync(join(sa, file), text);
  return sa;
}

describe('inClusterConfig', () => {
  test('server from the service variables, token file, CA and namespace from the mount', () => {
    const sa = serviceAccount('full');
    const config = inClusterConfig({ env: { KUBERNETES_SERVICE_HOST: '10.43.0.1', KUBERNETES_SERVICE_PORT: '443' }, serviceAccountDir: sa });
    assert.equal(config.connection.server, 'https://10.43.0.1:443');
    assert.equal(config.connection.tokenFile, join(sa, 'token'));
    assert.equal(String(config.connection.caData), CA_CERT);
    assert.equal(config.namespace, 'team-a');
    const v6 = inClusterConfig({ env: { KUBERNETES_SERVICE_HOST: 'fd00::1', KUBERNETES_SERVICE_PORT: '6443' }, serviceAccountDir: sa });
    assert.equal(v6.connection.server, 'https://[fd00::1]:6443');
  });

  test('outside a pod: NotInClusterError', () => {
    const sa = serviceAccount('full');
    assert.throws(() => inClusterConfig({ env: {}, serviceAccountDir: sa }), NotInClusterError);
    assert.throws(() => inClusterConfig({ env: { KUBERNETES_SERVICE_HOST: 'h', KUBERNETES_SERVICE_PORT: '1' }, serviceAccountDir: join(dir, 'missing') }), NotInClusterError);
    assert.equal(isInCluster({ env: {}, serviceAccountDir: sa }), false);
  });

  test('a client in a pod verifies the cluster CA and sends the service account token', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer({ cert: SERVER_CERT, key: SERVER_KEY }, (req, res) => {
      seen.push(req.headers.authorization);
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ kind: 'NamespaceList', apiVersion: 'v1', metadata: { resourceVersion: '1' }, items: [] }));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const sa = serviceAccount('pod');
    const env = { KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String((server.address() as AddressInfo).port) };
    const client = Client.inCluster({ env, serviceAccountDir: sa });
    try {
      assert.deepEqual((await client.core.namespaces().list()).items, []);
      assert.deepEqual(seen, ['Bearer sa-token']);
      assert.equal(client.namespace, 'team-a');
    } finally {
      client.close();
    }
  });
});

describe('loadClientConfig', () => {
  const kubeconfig = (server: string) => {
    const path = join(dir, `${server.replace(/\W/g, '_')}.yaml`);
    writeFileSync(
      path,
      stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'c',
        clusters: [{ name: 'k', cluster: { server } }],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'c', context: { cluster: 'k', user: 'u', namespace: 'from-kubeconfig' } }],
      }),
    );
    return path;
  };
  const sa = serviceAccount('order');
  const pod = { KUBERNETES_SERVICE_HOST: '10.43.0.1', KUBERNETES_SERVICE_PORT: '443' };
  const home = join(dir, 'home');
  mkdirSync(join(home, '.kube'), { recursive: true });
  writeFileSync(join(home, '.kube', 'config'), stringify({ 'current-context': 'c', clusters: [{ name: 'k', cluster: { server: 'https://home' } }], contexts: [{ name: 'c', context: { cluster: 'k' } }] }));

  const cases: [string, Parameters<typeof loadClientConfig>[0], string][] = [
    ['an explicit path wins over everything', { path: kubeconfig('https://explicit'), env: { ...pod, KUBECONFIG: kubeconfig('https://env') }, serviceAccountDir: sa, home }, 'https://explicit'],
    ['then $KUBECONFIG', { env: { ...pod, KUBECONFIG: kubeconfig('https://env') }, serviceAccountDir: sa, home }, 'https://env'],
    ['then the pod', { env: pod, serviceAccountDir: sa, home }, 'https://10.43.0.1:443'],
    ['then ~/.kube/config', { env: {}, serviceAccountDir: sa, home }, 'https://home'],
  ];
  for (const [name, opts, server] of cases) {
    test(name, () => assert.equal(loadClientConfig(opts).connection.server, server));
  }
});
