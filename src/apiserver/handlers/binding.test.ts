// pods/binding against a real API server over HTTP, case by case against Kubernetes'
// BindingREST (pkg/registry/core/pod/storage/storage.go) and its create handler.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Pod } from '../../api/types/core-v1.js';
import { Client } from '../../client/client.js';
import { KiteServer } from '../../server/kite-server.js';

let server: KiteServer;
let client: Client;
let dataDir: string;

before(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'kite-binding-'));
  // No scheduler: it would write the pods' status (Unschedulable) while the tests bind them.
  server = new KiteServer({ dataDir, storage: 'memory', bindAddress: '127.0.0.1', port: 0, controllers: [], scheduler: false });
  await server.start();
  client = Client.inProcess(server.apiServer, { userAgent: 'test' });
  await client.core.serviceaccounts('default').create({ metadata: { name: 'default' } }).catch(() => undefined);
});

after(async () => {
  client.close();
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

let seq = 0;
async function newPod(extra: Partial<Pod['spec']> = {}): Promise<Pod> {
  const name = `bind-${++seq}`;
  return client.core.pods('default').create({ metadata: { name }, spec: { containers: [{ name: 'c', image: 'nginx' }], ...extra } });
}

function binding(name: string, node: string | undefined, meta: Record<string, unknown> = {}, kind?: string): Record<string, unknown> {
  const target: Record<string, unknown> = {};
  if (kind !== undefined) target.kind = kind;
  if (node !== undefined) target.name = node;
  return { apiVersion: 'v1', kind: 'Binding', metadata: { name, ...meta }, target };
}

async function post(path: string, body: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${server.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json() };
}

const bindPath = (name: string, ns = 'default') => `/api/v1/namespaces/${ns}/pods/${name}/binding`;

describe('pods/binding', () => {
  it('binds: 201 with a Success Status, spec.nodeName, PodScheduled=True, the annotations', async () => {
    const pod = await newPod();
    const name = pod.metadata.name!;
    const res = await post(bindPath(name), binding(name, 'node-a', { annotations: { 'example.com/why': 'fits' } }, 'Node'));
    assert.equal(res.status, 201);
    assert.deepEqual(res.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
    const bound = await client.core.pods('default').get(name);
    assert.equal(bound.spec!.nodeName, 'node-a');
    assert.equal(bound.metadata.annotations!['example.com/why'], 'fits');
    const scheduled = bound.status!.conditions!.filter((c) => c.type === 'PodScheduled');
    assert.equal(scheduled.length, 1);
    assert.equal(scheduled[0]!.status, 'True');
    assert.equal(scheduled[0]!.lastProbeTime, null);
    assert.match(scheduled[0]!.lastTransitionTime!, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });

  it('replaces a PodScheduled=False condition in place (UpdatePodCondition)', async () => {
    const pod = await newPod();
    const name = pod.metadata.name!;
    await client.core.pods('default').updateStatus({
      ...pod,
      status: { ...pod.status, conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: 'no nodes' }, { type: 'example.com/x', status: 'True' }] },
    });
    assert.equal((await post(bindPath(name), binding(name, 'node-a'))).status, 201);
    const conditions = (await client.core.pods('default').get(name)).status!.conditions!;
    assert.deepEqual(
      conditions.map((c) => [c.type, c.status, c.reason]),
      [
        ['PodScheduled', 'True', undefined],
        ['example.com/x', 'True', undefined],
      ],
    );
  });

  it('409 when the pod is already assigned, with Kubernetes message', async () => {
    const name = (await newPod({ nodeName: 'node-a' })).metadata.name!;
    const res = await post(bindPath(name), binding(name, 'node-b'));
    assert.equal(res.status, 409);
    assert.equal(res.body.reason, 'Conflict');
    assert.equal(res.body.message, `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "node-a"`);
    assert.deepEqual(res.body.details, { name, kind: 'pods/binding' });
  });

  it('409 for a pod with scheduling gates', async () => {
    const name = (await newPod({ schedulingGates: [{ name: 'example.com/wait' }] })).metadata.name!;
    const res = await post(bindPath(name), binding(name, 'node-a'));
    assert.equal(res.status, 409);
    assert.equal(res.body.message, `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} has non-empty .spec.schedulingGates`);
  });

  it('409 for a pod being deleted', async () => {
    const pod = await client.core.pods('default').create({
      metadata: { name: `bind-${++seq}`, finalizers: ['example.com/hold'] },
      spec: { containers: [{ name: 'c', image: 'nginx' }] },
    });
    const name = pod.metadata.name!;
    await client.core.pods('default').delete(name);
    const res = await post(bindPath(name), binding(name, 'node-a'));
    assert.equal(res.status, 409);
    assert.equal(res.body.message, `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is being deleted, cannot be assigned to a host`);
    await client.core.pods('default').patch(name, 'merge', { metadata: { finalizers: null } });
  });

  it('404 for a missing pod', async () => {
    const res = await post(bindPath('nope'), binding('nope', 'node-a'));
    assert.equal(res.status, 404);
    assert.equal(res.body.message, 'pods "nope" not found');
    assert.deepEqual(res.body.details, { name: 'nope', kind: 'pods' });
  });

  it('400 when the Binding names another pod, or none', async () => {
    const name = (await newPod()).metadata.name!;
    for (const other of ['someone-else', '']) {
      const res = await post(bindPath(name), binding(other, 'node-a'));
      assert.equal(res.status, 400);
      assert.equal(res.body.reason, 'BadRequest');
      assert.equal(res.body.message, 'name in URL does not match name in Binding object');
    }
  });

  it('400 when the Binding is in another namespace', async () => {
    const name = (await newPod()).metadata.name!;
    const res = await post(bindPath(name), binding(name, 'node-a', { namespace: 'kube-system' }));
    assert.equal(res.status, 400);
    assert.equal(res.body.message, 'the namespace of the provided object does not match the namespace sent on the request');
  });

  it('500 without a reason for an invalid target, as ValidatePodBinding errors are not API statuses', async () => {
    const name = (await newPod()).metadata.name!;
    const noName = await post(bindPath(name), binding(name, undefined));
    assert.equal(noName.status, 500);
    assert.deepEqual(noName.body, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'target.name: Required value', code: 500 });
    const both = await post(bindPath(name), binding(name, '', {}, 'Pod'));
    assert.equal(both.status, 500);
    assert.equal(both.body.message, '[target.kind: Unsupported value: "Pod": supported values: "Node", "<empty>", target.name: Required value]');
    assert.equal((await client.core.pods('default').get(name)).spec!.nodeName, undefined);
  });

  it('takes the Binding uid and resourceVersion as preconditions (409 on pods)', async () => {
    const pod = await newPod();
    const name = pod.metadata.name!;
    const wrongUID = await post(bindPath(name), binding(name, 'node-a', { uid: 'not-the-uid' }));
    assert.equal(wrongUID.status, 409);
    assert.equal(wrongUID.body.details.kind, 'pods');
    assert.match(wrongUID.body.message, new RegExp(`^Operation cannot be fulfilled on pods "${name}": StorageError: invalid object, Code: 4, Key: .*Precondition failed: UID in precondition: not-the-uid, UID in object meta: ${pod.metadata.uid}$`));
    const staleRV = await post(bindPath(name), binding(name, 'node-a', { resourceVersion: '1' }));
    assert.equal(staleRV.status, 409);
    assert.match(staleRV.body.message, /Precondition failed: ResourceVersion in precondition: 1, ResourceVersion in object meta: \d+$/);
    const res = await post(bindPath(name), binding(name, 'node-a', { uid: pod.metadata.uid, resourceVersion: pod.metadata.resourceVersion }));
    assert.equal(res.status, 201);
  });

  it('changes nothing on a dry run', async () => {
    const name = (await newPod()).metadata.name!;
    const res = await post(`${bindPath(name)}?dryRun=All`, binding(name, 'node-a'));
    assert.equal(res.status, 201);
    assert.equal((await client.core.pods('default').get(name)).spec!.nodeName, undefined);
  });

  it('is create-only', async () => {
    const name = (await newPod()).metadata.name!;
    const res = await fetch(`${server.url}${bindPath(name)}`);
    assert.equal(res.status, 405);
  });
});
