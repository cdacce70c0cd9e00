// `kite server`: runs the control plane (and, once it exists, the node agent) on embedded
// defaults until SIGTERM or SIGINT, then shuts down cleanly.

import { homedir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { parseDuration, resolveFleetConfig, type SimulatedFleetSettings } from '../kubelet/simulated/index.js';
import { selectControllers } from '../controllers/index.js';
import { loadSchedulerConfigFile } from '../scheduler/config/scheduler-config.js';
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
  --controllers LIST        controllers to run, as kube-controller-manager's flag: * (all,
                            the default), NAME, -NAME, e.g. '*,-deployment'
  --disable-controller-manager  run no controllers
  --disable-scheduler       run no scheduler (pods stay unbound unless bound directly)
  --scheduler-config FILE   a KubeSchedulerConfiguration (kubescheduler.config.k8s.io/v1,
                            YAML or JSON), as kube-scheduler's --config: profiles (plugins,
                            weights, pluginConfig), percentageOfNodesToScore,
                            podInitialBackoffSeconds, podMaxBackoffSeconds; an invalid file
                            stops the server before it serves
  -h, --help                show this help

Simulated nodes (kwok-style: Node objects whose kubelet kite plays in-process, no
containers; for scale tests):
  --simulated-nodes N                     register N simulated nodes (default 0)
  --simulated-node-prefix PREFIX          their names: PREFIX-0 … PREFIX-<N-1>
                                          (default kite-sim-node)
  --simulated-node-cpu QUANTITY           capacity of each (default 32)
  --simulated-node-memory QUANTITY        (default 256Gi)
  --simulated-node-pods N                 (default 110)
  --simulated-node-ephemeral-storage Q    (default 100Gi)
  --simulated-pod-start-delay DURATION    from a pod's binding to Running (default 1s)
  --simulated-pod-stop-delay DURATION     how long a deleted pod takes to stop, at most
                                          its grace period (default 1s)
  --simulated-node-lease-renew-interval DURATION
                                          node Lease renewal period (default 10s)
  A pod on a simulated node gets an IP of the node's spec.podCIDR (10.42.<i>.0/24 for
  the first 256 nodes, then the next /16s, skipping 10.43.0.0/16); nodes have InternalIPs in
  172.16.0.0/12. A readinessProbe exec of \`false\` keeps a pod unready; the annotation
  kite.io/simulated-run-seconds makes the containers of a restartPolicy Never/OnFailure pod
  exit after that many seconds (code: kite.io/simulated-exit-code, default 0).
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
      controllers: { type: 'string', default: '*' },
      'disable-controller-manager': { type: 'boolean', default: false },
      'disable-scheduler': { type: 'boolean', default: false },
      'scheduler-config': { type: 'string' },
      'simulated-nodes': { type: 'string', default: '0' },
      'simulated-node-prefix': { type: 'string' },
      'simulated-node-cpu': { type: 'string' },
      'simulated-node-memory': { type: 'string' },
      'simulated-node-pods': { type: 'string' },
      'simulated-node-ephemeral-storage': { type: 'string' },
      'simulated-pod-start-delay': { type: 'string' },
      'simulated-pod-stop-delay': { type: 'string' },
      'simulated-node-lease-renew-interval': { type: 'string' },
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

  const simulatedNodes = simulatedNodeSettings(values);
  // Read and checked here, so a bad file stops the server before it serves.
  const schedulerConfigFile = values['scheduler-config'];
  const schedulerSettings = schedulerConfigFile !== undefined ? loadSchedulerConfigFile(schedulerConfigFile) : undefined;
  const server = new KiteServer({
    dataDir,
    storage,
    bindAddress: values['bind-address']!,
    port,
    controllers: values['disable-controller-manager'] ? [] : selectControllers(values.controllers!),
    scheduler: !values['disable-scheduler'],
    schedulerThread: 'worker',
    ...(schedulerSettings ? { schedulerSettings } : {}),
    ...(simulatedNodes ? { simulatedNodes } : {}),
  });
  await server.start();
  writeKubeconfig(kubeconfig, server.url);
  console.log(`kite server: serving the Kubernetes API at ${server.url}`);
  console.log(`kite server: admin kubeconfig written to ${kubeconfig}`);
  if (simulatedNodes) console.log(`kite server: ${simulatedNodes.count} simulated nodes registered`);
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

/** The --simulated-* flags as fleet settings; undefined when no simulated node is asked for. */
function simulatedNodeSettings(values: Record<string, string | boolean | undefined>): SimulatedFleetSettings | undefined {
  const text = (name: string): string | undefined => {
    const v = values[name];
    return typeof v === 'string' ? v : undefined;
  };
  const countText = text('simulated-nodes') ?? '0';
  const count = Number(countText);
  if (!/^\d+$/.test(countText)) throw new Error(`invalid --simulated-nodes: ${countText}`);
  if (count === 0) return undefined;
  const duration = (name: string): number | undefined => {
    const v = text(name);
    if (v === undefined) return undefined;
    try {
      return parseDuration(v);
    } catch {
      throw new Error(`invalid --${name}: ${v} (want a duration such as 500ms, 1s, 1m)`);
    }
  };
  const capacity: Record<string, string> = {};
  for (const [key, flag] of [['cpu', 'cpu'], ['memory', 'memory'], ['pods', 'pods'], ['ephemeralStorage', 'ephemeral-storage']] as const) {
    const v = text(`simulated-node-${flag}`);
    if (v !== undefined) capacity[key] = v;
  }
  const settings: SimulatedFleetSettings = {
    count,
    prefix: text('simulated-node-prefix'),
    capacity,
    podStartDelayMs: duration('simulated-pod-start-delay'),
    podStopDelayMs: duration('simulated-pod-stop-delay'),
    leaseRenewIntervalMs: duration('simulated-node-lease-renew-interval'),
  };
  resolveFleetConfig(settings); // refuses bad values before the server starts
  return settings;
}
