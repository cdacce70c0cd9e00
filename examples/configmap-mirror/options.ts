// The command line of the configmap-mirror example, parsed into Options. Defaults suit one
// operator per cluster watching the "default" namespace, with leader election on so that
// several replicas can run and only one acts.

import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { parseArgs } from 'node:util';

export interface Options {
  /** The kubeconfig (default: $KUBECONFIG, else the pod's service account in a pod, else
   *  ~/.kube/config). */
  readonly kubeconfig: string | undefined;
  readonly sourceNamespace: string;
  readonly workers: number;
  readonly leaderElect: boolean;
  readonly leaseNamespace: string;
  readonly leaseName: string;
  /** This replica's identity in the election. */
  readonly id: string;
  /** How often every ConfigMap is looked at again even without a change (ms). */
  readonly resyncMs: number;
}

export const USAGE = `Usage: node dist/examples/configmap-mirror/main.js [flags]

Copies every ConfigMap labelled mirror.kite.dev/enabled=true in the source namespace into
every other namespace, and keeps the copies in step.

  --kubeconfig FILE          kubeconfig to use (default: $KUBECONFIG, else the service
                             account when running in a pod, else ~/.kube/config)
  --source-namespace NS      where the source ConfigMaps live (default: default)
  --workers N                concurrent syncs (default: 2)
  --leader-elect true|false  elect one active replica on a Lease (default: true)
  --lease-namespace NS       the Lease's namespace (default: the source namespace)
  --lease-name NAME          the Lease's name (default: configmap-mirror)
  --id ID                    this replica's identity (default: <hostname>_<uuid>)
  --resync-seconds S         periodic re-check of every ConfigMap (default: 600)
  -h, --help                 show this help
`;

export class UsageError extends Error {
  override name = 'UsageError';
}

/** Options from argv; undefined when help was asked for. */
export function parseOptions(argv: string[]): Options | undefined {
  const { values } = parseArgs({
    args: argv,
    options: {
      kubeconfig: { type: 'string' },
      'source-namespace': { type: 'string', default: 'default' },
      workers: { type: 'string', default: '2' },
      'leader-elect': { type: 'string', default: 'true' },
      'lease-namespace': { type: 'string' },
      'lease-name': { type: 'string', default: 'configmap-mirror' },
      id: { type: 'string' },
      'resync-seconds': { type: 'string', default: '600' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return undefined;
  const workers = positiveInt(values.workers!, '--workers');
  const resync = positiveInt(values['resync-seconds']!, '--resync-seconds');
  const leaderElect = values['leader-elect'];
  if (leaderElect !== 'true' && leaderElect !== 'false') throw new UsageError(`--leader-elect must be true or false, not ${leaderElect}`);
  const sourceNamespace = values['source-namespace']!;
  return {
    kubeconfig: values.kubeconfig,
    sourceNamespace,
    workers,
    leaderElect: leaderElect === 'true',
    leaseNamespace: values['lease-namespace'] ?? sourceNamespace,
    leaseName: values['lease-name']!,
    id: values.id ?? `${hostname()}_${randomUUID()}`,
    resyncMs: resync * 1000,
  };
}

function positiveInt(v: string, flag: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, not ${v}`);
  return n;
}
