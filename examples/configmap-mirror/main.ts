// configmap-mirror: a small operator written against kite's client library, runnable
// against kite or any Kubernetes cluster, from outside or from a pod (README.md). It wires
// the library's parts the way Kubernetes components do: a client configured from a
// kubeconfig or the pod's service account, a shared informer factory feeding the
// MirrorController (controller.ts), a core/v1 event recorder, and leader election on a
// coordination.k8s.io Lease so that only one replica acts. SIGTERM or SIGINT stops it: the
// leader releases its Lease so a standby takes over at once. Losing the Lease without being
// asked to stop exits with status 1, as Kubernetes components do.

import { hostname } from 'node:os';
import {
  builtinRef,
  Client,
  EventBroadcaster,
  keepAlive,
  LeaderElector,
  LeaseLock,
  SharedInformerFactory,
  type corev1,
  type EventRecorder,
} from '../../src/client/index.js';
import { MirrorController } from './controller.js';
import { parseOptions, USAGE, type Options } from './options.js';

const NAME = 'configmap-mirror';

function log(message: string): void {
  console.log(`${NAME}: ${message}`);
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Runs the controller until signal aborts, with informers that live exactly as long. */
async function runController(client: Client, recorder: EventRecorder, opts: Options, signal: AbortSignal): Promise<void> {
  const factory = new SharedInformerFactory({ client: (ref) => client.resource(ref), defaultResyncMs: opts.resyncMs });
  const controller = new MirrorController({
    configMaps: client.core.configmaps(),
    configMapInformer: factory.informerFor<corev1.ConfigMap>(builtinRef('', 'configmaps')),
    namespaceInformer: factory.informerFor<corev1.Namespace>(builtinRef('', 'namespaces')),
    recorder,
    sourceNamespace: opts.sourceNamespace,
    onError: (key, err) => log(`sync of ${key} failed (will retry): ${describe(err)}`),
    log,
  });
  factory.start(signal);
  try {
    log(`mirroring ConfigMaps labelled mirror.kite.dev/enabled=true from namespace ${opts.sourceNamespace}`);
    await controller.run(signal, opts.workers);
  } finally {
    await factory.shutdown();
  }
}

/** Campaigns for the Lease and runs the controller while leading. True when it stopped
 *  because it was asked to, false when leadership was lost. */
async function runElected(client: Client, recorder: EventRecorder, opts: Options, signal: AbortSignal): Promise<boolean> {
  let term: Promise<void> | undefined;
  const elector = new LeaderElector({
    lock: new LeaseLock({ client: client.coordination.leases(), namespace: opts.leaseNamespace, name: opts.leaseName, identity: opts.id }),
    callbacks: {
      onStartedLeading: (leading) => {
        log(`leading as ${opts.id}`);
        term = runController(client, recorder, opts, leading);
        return term;
      },
      onStoppedLeading: () => log(`stopped leading (${opts.id})`),
      onNewLeader: (id) => {
        if (id !== opts.id) log(`the leader is ${id}; standing by`);
      },
    },
    onError: (err) => log(`leader election: ${describe(err)}`),
  });
  log(`campaigning for lease ${opts.leaseNamespace}/${opts.leaseName} as ${opts.id}`);
  await elector.run(signal);
  await term;
  return signal.aborted;
}

async function main(argv: string[]): Promise<number> {
  let opts: Options | undefined;
  try {
    opts = parseOptions(argv);
  } catch (err) {
    process.stderr.write(`${describe(err)}\n\n${USAGE}`);
    return 2;
  }
  if (!opts) {
    process.stdout.write(USAGE);
    return 0;
  }
  const client = Client.fromEnvironment(opts.kubeconfig, { userAgent: NAME });
  const events = new EventBroadcaster({ client: client.core.events(), onError: (err) => log(`event: ${describe(err)}`) });
  const recorder = events.newRecorder({ component: NAME, host: hostname() });
  const stop = new AbortController();
  // The library's timers do not hold the process open: a standby waiting for the Lease would
  // otherwise exit.
  const release = keepAlive(stop.signal);
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      log(`${signal} received, stopping`);
      stop.abort();
    });
  }
  try {
    if (!opts.leaderElect) {
      await runController(client, recorder, opts, stop.signal);
      return 0;
    }
    return (await runElected(client, recorder, opts, stop.signal)) ? 0 : 1;
  } finally {
    await events.flush();
    events.shutdown();
    client.close();
    release();
    log('stopped');
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (err: unknown) => {
    console.error(`${NAME}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    process.exitCode = 1;
  },
);
