// What controller integration tests share: a real in-process KiteServer running only the
// controllers under test (memory storage, or sqlite to test restarts), a client acting as
// the test, and polling with a deadline. Never used by the product.

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '../client/client.js';
import { KiteServer } from '../server/kite-server.js';
import type { ControllerFactory } from './controller.js';

export interface TestCluster {
  server: KiteServer;
  client: Client;
  readonly dataDir: string;
  /** Stops the server and starts a new one on the same data directory. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestClusterOptions {
  readonly storage?: 'memory' | 'sqlite';
  readonly userAgent?: string;
}

export async function startTestCluster(controllers: readonly ControllerFactory[], opts: TestClusterOptions = {}): Promise<TestCluster> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kite-controllers-'));
  const userAgent = opts.userAgent ?? 'test';
  const start = async (): Promise<KiteServer> => {
    const server = new KiteServer({ dataDir, storage: opts.storage ?? 'memory', bindAddress: '127.0.0.1', port: 0, reconcileIntervalMs: 3_600_000, controllers });
    await server.start();
    return server;
  };
  const server = await start();
  const cluster: TestCluster = {
    server,
    client: Client.inProcess(server.apiServer, { userAgent }),
    dataDir,
    async restart() {
      cluster.client.close();
      await cluster.server.stop();
      cluster.server = await start();
      cluster.client = Client.inProcess(cluster.server.apiServer, { userAgent });
    },
    async stop() {
      cluster.client.close();
      await cluster.server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return cluster;
}

/** Polls fn until it answers something other than undefined/false; fails after timeoutMs. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
