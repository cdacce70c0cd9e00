// The client over the in-process transport against a KiteServer in this process: the shared
// client suite (conformance.ts), plus what only in-process callers have — the caller mark the
// authenticator may trust, the field manager from the user agent, and watches that end
// when the server stops.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { KiteServer } from '../server/kite-server.js';
import { openStorage } from '../storage/index.js';
import { Client } from './client.js';
import { clientConformance, type ClientTestServer } from './conformance.js';
import { inProcessCaller, type InProcessCaller } from './in-process-identity.js';

async function startKite(storage: 'memory' | 'sqlite', dataDir: string): Promise<KiteServer> {
  const server = new KiteServer({ dataDir, storage, bindAddress: '127.0.0.1', port: 0, reconcileIntervalMs: 3_600_000 });
  await server.start();
  return server;
}

clientConformance('in-process', async (storage) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-client-'));
  let server = await startKite(storage, dataDir);
  const userAgent = 'client-conformance/1.0';
  let client = Client.inProcess(server.apiServer, { userAgent });
  const env: ClientTestServer = {
    client: () => client,
    async restartCompacted() {
      await server.stop();
      const kv = await openStorage({ backend: 'sqlite', dataDir });
      try {
        await kv.compact(await kv.currentRevision());
      } finally {
        await kv.close();
      }
      server = await startKite(storage, dataDir);
      client = Client.inProcess(server.apiServer, { userAgent });
    },
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return env;
});

describe('in-process specifics', () => {
  let server: KiteServer;
  let dataDir: string;
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kite-client-'));
    server = await startKite('memory', dataDir);
  });
  after(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('every request reaches the authenticator with the caller mark, and a name the field manager comes from', async () => {
    // Wrap the API server's authentication step: the handler is the same object, so a
    // request that skipped the pipeline would not be seen here.
    const seen: (InProcessCaller | undefined)[] = [];
    const api = server.apiServer;
    const client = Client.inProcess(
      {
        handle: (req, res) => {
          seen.push(inProcessCaller(req as IncomingMessage));
          return api.handle(req, res);
        },
      },
      { userAgent: 'kube-controller-manager/v1.32.0 (linux/amd64)', user: { name: 'system:kube-controller-manager', groups: [] } },
    );
    assert.equal(client.fieldManager, 'kube-controller-manager');
    const cm = await client.core.configmaps('default').create({ metadata: { name: 'identity' }, data: { a: '1' } });
    assert.equal((cm.metadata.managedFields?.[0] as { manager: string }).manager, 'kube-controller-manager');
    assert.deepEqual(seen, [{ userAgent: 'kube-controller-manager/v1.32.0 (linux/amd64)', user: { name: 'system:kube-controller-manager', groups: [] } }]);
  });

  test('objects are copies: mutating an answer never touches the server\'s cache', async () => {
    const client = Client.inProcess(server.apiServer, { userAgent: 'copies' });
    const cm = await client.core.configmaps('default').create({ metadata: { name: 'copy' }, data: { a: '1' } });
    cm.data!.a = 'mutated';
    const again = await client.core.configmaps('default').get('copy');
    assert.equal(again.data?.a, '1');
  });

  test('an open watch ends (done resolves) when the server stops', { timeout: 10_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kite-client-'));
    const s = await startKite('memory', dir);
    try {
      const client = Client.inProcess(s.apiServer, { userAgent: 'stopper' });
      const w = client.core.configmaps().watch({}, () => {});
      await new Promise((r) => setTimeout(r, 20));
      await s.stop();
      await w.done;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
