// The controller manager against a real in-process API server: it wins the
// kube-controller-manager Lease, runs controllers only after the informer caches they asked
// for have synced, and stops them (signal aborted, lease released) when the server stops.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { builtinRef } from '../client/builtin-resources.js';
import { Client } from '../client/client.js';
import { KiteServer } from '../server/kite-server.js';
import type { ControllerFactory } from './controller.js';

test('leads, runs controllers on synced caches, and stops them with the server', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-manager-'));
  const seen: { synced: boolean; namespaces: number }[] = [];
  let stopped: () => void = () => undefined;
  const stoppedOnce = new Promise<void>((resolve) => (stopped = resolve));
  const probe: ControllerFactory = (ctx) => {
    const namespaces = ctx.informers.informerFor(builtinRef('', 'namespaces'));
    return {
      name: 'probe',
      run: async (signal) => {
        seen.push({ synced: namespaces.hasSynced(), namespaces: namespaces.getStore().list().length });
        await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
        stopped();
      },
    };
  };
  const server = new KiteServer({ dataDir, storage: 'sqlite', bindAddress: '127.0.0.1', port: 0, controllers: [probe] });
  await server.start();
  const client = Client.inProcess(server.apiServer, { userAgent: 'test' });
  try {
    const deadline = Date.now() + 10_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    assert.equal(seen.length, 1);
    assert.equal(seen[0].synced, true);
    assert.ok(seen[0].namespaces >= 4, 'the system namespaces are in the cache');
    assert.equal(server.controllerManager.leading, true);
    const lease = (await client.coordination.leases('kube-system').get('kube-controller-manager')) as { spec: { holderIdentity: string } };
    assert.match(lease.spec.holderIdentity, /_kite$/);
  } finally {
    client.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  await stoppedOnce;
});
