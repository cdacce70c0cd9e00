// Kubeconfig loading: contexts, clusters and users resolved as kubectl resolves them, files
// relative to their kubeconfig, -data over files, $KUBECONFIG lists merged (first wins).

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { stringify } from 'yaml';
import { KubeconfigError, kubeconfigPaths, loadKubeconfig, mergeKubeconfigs, resolveContext } from './kubeconfig.js';

const dir = mkdtempSync(join(tmpdir(), 'kite-kubeconfig-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, doc: unknown): string {
  const path = join(dir, name);
  mkdirSync(join(path, '..'), { recursive: true });
  writeFileSync(path, typeof doc === 'string' ? doc : stringify(doc));
  return path;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

const MAIN = {
  apiVersion: 'v1',
  kind: 'Config',
  'current-context': 'dev',
  clusters: [
    { name: 'dev-cluster', cluster: { server: 'https://dev.example:6443', 'certificate-authority-data': b64('DEV CA') } },
    { name: 'prod-cluster', cluster: { server: 'https://prod.example', 'certificate-authority': 'certs/ca.pem', 'tls-server-name': 'api.prod' } },
    { name: 'lab-cluster', cluster: { server: 'https://lab.example', 'insecure-skip-tls-verify': true } },
  ],
  users: [
    { name: 'dev-user', user: { token: 'dev-token' } },
    { name: 'prod-user', user: { 'client-certificate': 'certs/client.pem', 'client-key': '/nonexistent/ignored-when-data', 'client-key-data': b64('PROD KEY') } },
    { name: 'lab-user', user: { tokenFile: 'token' } },
    { name: 'basic-user', user: { username: 'alice', password: 's3cret' } },
    { name: 'exec-user', user: { exec: { command: 'aws' } } },
  ],
  contexts: [
    { name: 'dev', context: { cluster: 'dev-cluster', user: 'dev-user' } },
    { name: 'prod', context: { cluster: 'prod-cluster', user: 'prod-user', namespace: 'payments' } },
    { name: 'lab', context: { cluster: 'lab-cluster', user: 'lab-user' } },
    { name: 'basic', context: { cluster: 'lab-cluster', user: 'basic-user' } },
    { name: 'exec', context: { cluster: 'lab-cluster', user: 'exec-user' } },
    { name: 'anonymous', context: { cluster: 'dev-cluster' } },
    { name: 'broken', context: { cluster: 'missing', user: 'dev-user' } },
  ],
};

write('main/certs/ca.pem', 'PROD CA');
write('main/certs/client.pem', 'PROD CERT');
write('main/token', 'lab-token\n');
const MAIN_PATH = write('main/config', MAIN);

describe('one kubeconfig', () => {
  test('the current context: server, CA data, bearer token, namespace default', () => {
    const r = loadKubeconfig({ path: MAIN_PATH });
    assert.equal(r.context, 'dev');
    assert.equal(r.namespace, 'default');
    assert.equal(r.connection.server, 'https://dev.example:6443');
    assert.equal(r.connection.caData?.toString(), 'DEV CA');
    assert.equal(r.connection.token, 'dev-token');
  });

  test('a named context: files relative to the kubeconfig, -data over a file, tls-server-name, namespace', () => {
    const r = loadKubeconfig({ path: MAIN_PATH, context: 'prod' });
    assert.equal(r.namespace, 'payments');
    assert.equal(r.connection.caData?.toString(), 'PROD CA');
    assert.equal(r.connection.certData?.toString(), 'PROD CERT');
    assert.equal(r.connection.keyData?.toString(), 'PROD KEY');
    assert.equal(r.connection.tlsServerName, 'api.prod');
    assert.equal(r.connection.token, undefined);
  });

  test('token files (kept as a path, re-read by the transport), insecure, basic auth, no user', () => {
    const lab = loadKubeconfig({ path: MAIN_PATH, context: 'lab' }).connection;
    assert.equal(lab.tokenFile, join(dir, 'main', 'token'));
    assert.equal(lab.insecureSkipTLSVerify, true);
    const basic = loadKubeconfig({ path: MAIN_PATH, context: 'basic' }).connection;
    assert.deepEqual([basic.username, basic.password], ['alice', 's3cret']);
    const anon = loadKubeconfig({ path: MAIN_PATH, context: 'anonymous' }).connection;
    assert.deepEqual(Object.keys(anon).sort(), ['caData', 'server']);
  });

  test('errors: unknown context, missing cluster, credential plugins, missing file, no context', () => {
    assert.throws(() => loadKubeconfig({ path: MAIN_PATH, context: 'nope' }), /context "nope" does not exist/);
    assert.throws(() => loadKubeconfig({ path: MAIN_PATH, context: 'broken' }), /cluster "missing" does not exist/);
    assert.throws(() => loadKubeconfig({ path: MAIN_PATH, context: 'exec' }), /credential plugins/);
    assert.throws(() => loadKubeconfig({ path: join(dir, 'absent') }), KubeconfigError);
    const noCurrent = write('no-current', { ...MAIN, 'current-context': undefined });
    assert.throws(() => loadKubeconfig({ path: noCurrent }), /no current-context/);
    assert.throws(() => loadKubeconfig({ path: write('bad-yaml', 'clusters: [') }), KubeconfigError);
  });

  test("kite's own admin kubeconfig", () => {
    const path = write('kite.yaml', {
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [{ name: 'kite', cluster: { server: 'http://127.0.0.1:6443' } }],
      contexts: [{ name: 'kite', context: { cluster: 'kite', user: 'kite-admin' } }],
      'current-context': 'kite',
      users: [{ name: 'kite-admin', user: {} }],
      preferences: {},
    });
    assert.deepEqual(loadKubeconfig({ path }).connection, { server: 'http://127.0.0.1:6443' });
  });
});

describe('$KUBECONFIG', () => {
  const first = write('merge/first', {
    'current-context': '',
    clusters: [{ name: 'shared', cluster: { server: 'https://first' } }],
    users: [{ name: 'u', user: { token: 'first-token' } }],
    contexts: [{ name: 'ctx', context: { cluster: 'shared', user: 'u', namespace: 'from-first' } }],
  });
  const second = write('merge/second', {
    'current-context': 'ctx',
    clusters: [
      { name: 'shared', cluster: { server: 'https://second' } },
      { name: 'only-second', cluster: { server: 'https://only-second' } },
    ],
    users: [{ name: 'u', user: { token: 'second-token' } }],
    contexts: [
      { name: 'ctx', context: { cluster: 'only-second', user: 'u' } },
      { name: 'other', context: { cluster: 'only-second', user: 'u' } },
    ],
  });
  const third = write('merge/third', { 'current-context': 'other' });

  test('paths: explicit, else every $KUBECONFIG entry, else ~/.kube/config', () => {
    assert.deepEqual(kubeconfigPaths({ path: '/x', env: { KUBECONFIG: '/y' } }), { paths: ['/x'], mustExist: true });
    assert.deepEqual(kubeconfigPaths({ env: { KUBECONFIG: ['/a', '', '/b', '/a'].join(delimiter) } }), { paths: ['/a', '/b'], mustExist: false });
    assert.deepEqual(kubeconfigPaths({ env: {}, home: '/home/me' }), { paths: [join('/home/me', '.kube', 'config')], mustExist: true });
  });

  test('the first file to define a name wins; current-context from the first file that sets it', () => {
    const env = { KUBECONFIG: [join(dir, 'merge/missing'), first, second, third].join(delimiter) };
    const r = loadKubeconfig({ env });
    assert.equal(r.context, 'ctx');
    assert.equal(r.connection.server, 'https://first');
    assert.equal(r.connection.token, 'first-token');
    assert.equal(r.namespace, 'from-first');
    const other = loadKubeconfig({ env, context: 'other' });
    assert.equal(other.connection.server, 'https://only-second');
    assert.equal(other.connection.token, 'first-token');
  });

  test('order matters', () => {
    const r = loadKubeconfig({ env: { KUBECONFIG: [third, second, first].join(delimiter) } });
    assert.equal(r.context, 'other');
    assert.equal(r.connection.token, 'second-token');
  });

  test('no file at all is an error', () => {
    assert.throws(() => loadKubeconfig({ env: { KUBECONFIG: join(dir, 'nothing-here') } }), /no kubeconfig found/);
  });

  test('merge and resolve without files', () => {
    const merged = mergeKubeconfigs([
      { path: '/virtual/a', text: stringify({ contexts: [{ name: 'c', context: { cluster: 'k' } }], 'current-context': 'c' }) },
      { path: '/virtual/b', text: stringify({ clusters: [{ name: 'k', cluster: { server: 'http://b' } }] }) },
    ]);
    assert.equal(resolveContext(merged).connection.server, 'http://b');
  });
});
