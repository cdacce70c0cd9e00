// `kite server --simulated-nodes N` driven by the real kubectl: the nodes are listed Ready,
// pods placed on them (by spec.nodeName, or by POSTing a Binding) run with an IP, and
// `kubectl delete pod` returns once the simulated kubelet has stopped the pod.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { type KiteProcess, startKite } from './harness.js';

let kite: KiteProcess;

before(async () => {
  kite = await startKite({
    storage: 'memory',
    args: ['--simulated-nodes', '3', '--simulated-pod-start-delay', '300ms', '--simulated-pod-stop-delay', '500ms', '--simulated-node-cpu', '8'],
  });
  await ensureDefaultServiceAccount();
});
after(() => kite.stop());

/** Pods need the namespace's default service account (made by a controller, when present). */
async function ensureDefaultServiceAccount(): Promise<void> {
  const deadline = Date.now() + 3000;
  while (Date.now() < deadline) {
    if ((await kite.kubectl(['get', 'serviceaccount', 'default'])).code === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  const r = await kite.kubectl(['create', 'serviceaccount', 'default']);
  if (r.code !== 0 && !r.stderr.includes('AlreadyExists')) throw new Error(r.stderr);
}

async function eventually<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${kite.exitReport()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The `kubectl get pods -o wide` row of a pod, as columns. */
async function wideRow(name: string): Promise<Record<string, string>> {
  const lines = (await kite.k(['get', 'pod', name, '-o', 'wide'])).trimEnd().split('\n');
  const header = lines[0]!.split(/\s{2,}/);
  const cells = lines[1]!.split(/\s{2,}/);
  return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
}

function podManifest(name: string, spec: Record<string, unknown>): string {
  return JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers: [{ name: 'web', image: 'nginx' }], ...spec } });
}

test('kubectl get nodes shows the simulated nodes Ready', async () => {
  const out = await kite.k(['get', 'nodes']);
  const lines = out.trimEnd().split('\n');
  assert.match(lines[0]!, /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION$/);
  assert.equal(lines.length, 4, out);
  for (const [i, line] of lines.slice(1).entries()) {
    assert.match(line, new RegExp(`^kite-sim-node-${i}\\s+Ready\\s+<none>\\s+\\d+s\\s+v1\\.32\\.0\\+kite$`));
  }
  const wide = await kite.k(['get', 'node', 'kite-sim-node-2', '-o', 'wide']);
  assert.match(wide, /172\.16\.1\.3/);
  const node = await kite.kJson(['get', 'node', 'kite-sim-node-2']);
  assert.equal(node.status.capacity.cpu, '8');
  assert.equal(node.spec.podCIDR, '10.42.2.0/24');
});

test('a pod created with spec.nodeName runs, with an IP, on its node', async () => {
  await kite.k(['create', '-f', '-'], podManifest('direct', { nodeName: 'kite-sim-node-1' }));
  const row = await eventually('the pod Running', async () => {
    const r = await wideRow('direct');
    return r.STATUS === 'Running' && r.READY === '1/1' && r;
  });
  assert.match(row.IP!, /^10\.42\.1\.\d+$/);
  assert.equal(row.NODE, 'kite-sim-node-1');
});

test('a pod bound by POSTing a Binding runs; binding it again is a 409', async () => {
  // schedulerName: no scheduler of that name exists, so the test binds the pod itself.
  await kite.k(['create', '-f', '-'], podManifest('posted', { schedulerName: 'e2e-manual' }));
  const binding = { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'posted' }, target: { apiVersion: 'v1', kind: 'Node', name: 'kite-sim-node-2' } };
  const res = await kite.api('POST', '/api/v1/namespaces/default/pods/posted/binding', binding);
  assert.equal(res.status, 201);
  assert.deepEqual(res.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  const row = await eventually('the pod Running', async () => {
    const r = await wideRow('posted');
    return r.STATUS === 'Running' && r;
  });
  assert.match(row.IP!, /^10\.42\.2\.\d+$/);
  assert.equal(row.NODE, 'kite-sim-node-2');

  const again = await kite.api('POST', '/api/v1/namespaces/default/pods/posted/binding', { ...binding, target: { kind: 'Node', name: 'kite-sim-node-0' } });
  assert.equal(again.status, 409);
  assert.equal(again.body.message, 'Operation cannot be fulfilled on pods/binding "posted": pod posted is already assigned to node "kite-sim-node-2"');
  const missing = await kite.api('POST', '/api/v1/namespaces/default/pods/ghost/binding', { ...binding, metadata: { name: 'ghost' } });
  assert.equal(missing.status, 404);
});

test('kubectl delete pod returns once the simulated kubelet has stopped the pod', async () => {
  const started = Date.now();
  const out = await kite.k(['delete', 'pod', 'direct']);
  assert.match(out, /pod "direct" deleted/);
  assert.ok(Date.now() - started >= 400, 'the stop delay was waited for');
  const gone = await kite.kubectl(['get', 'pod', 'direct']);
  assert.notEqual(gone.code, 0);
  assert.match(gone.stderr, /NotFound|not found/);
});
