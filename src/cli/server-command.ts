// `kite server`: runs the control plane (and, once it exists, the node agent) on embedded
// defaults until SIGTERM or SIGINT, then shuts down cleanly.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { KiteServer } from '../server/kite-server.js';
import { writeKubeconfig } from './kubeconfig.js';

export const SERVER_USAGE = `Usage: kite server [flags]

Runs a Kubernetes-compatible control plane.

Flags:
  --data-dir DIR            where state lives (default ~/.kite; /var/lib/kite for root)
  --bind-address ADDR       address to serve the API on (default 127.0.0.1)
  --port PORT               port to serve the API on (default 6443)
  --write-kubeconfig FILE   admin kubeconfig to write (default <data-dir>/kubeconfig.yaml)
  --storage sqlite|memory   storage backend (default sqlite)
  --disable-agent           run the control plane only, no node agent
  -h, --help                show this help
`;

export function defaultDataDir(): string {
  return process.getuid?.() === 0 ? '/var/lib/kite' : join(homedir(), '.kite');
}

export async function serverCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      'data-dir': { type: 'string' },
      'bind-address': { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '6443' },
      'write-kubeconfig': { type: 'string' },
      storage: { type: 'string', default: 'sqlite' },
      'disable-agent': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) {
    process.stdout.write(SERVER_USAGE);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid --port: ${values.port}`);
  const storage = values.storage;
  if (storage !== 'sqlite' && storage !== 'memory') throw new Error(`invalid --storage: ${storage} (want sqlite or memory)`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const kubeconfig = values['write-kubeconfig'] ?? join(dataDir, 'kubeconfig.yaml');

  const server = new KiteServer({ dataDir, storage, bindAddress: values['bind-address']!, port });
  await server.start();
  writeKubeconfig(kubeconfig, server.url);
  console.log(`kite server: serving the Kubernetes API at ${server.url}`);
  console.log(`kite server: admin kubeconfig written to ${kubeconfig}`);
  if (!values['disable-agent']) console.log('kite server: no node agent yet; running the control plane only');

  return new Promise((resolve) => {
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`kite server: ${signal} received, shutting down`);
      server.stop().then(
        () => resolve(0),
        (err) => {
          console.error('kite server: shutdown failed:', err);
          resolve(1);
        },
      );
    };
    process.once('SIGTERM', () => stop('SIGTERM'));
    process.once('SIGINT', () => stop('SIGINT'));
  });
}
