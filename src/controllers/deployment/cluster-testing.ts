// The deployment controller's integration-test harness: a real in-process KiteServer (memory
// storage) running the Deployment and ReplicaSet controllers, and the part of a kubelet the
// tests need — pods of a namespace are marked Running and Ready as soon as they appear,
// except those a test wants stuck (never ready). A pod watcher keeps the namespace's pods as
// the watch delivers them, so a test can check invariants at every single change.

import type { Deployment } from '../../api/types/apps-v1.js';
import type { Pod } from '../../api/types/core-v1.js';
import { Client } from '../../client/client.js';
import type { WatchStream } from '../../client/contract.js';
import type { CoreEvent } from '../../client/events/types.js';
import { startTestCluster, waitFor, type TestCluster } from '../testing.js';
import type { ControllerFactory } from '../controller.js';
import { isConflict, isNotFound } from '../common/api-errors.js';
import { isPodReady } from '../common/pod-status.js';
import { formatTime } from '../common/time.js';

export { waitFor, type TestCluster } from '../testing.js';

export function startCluster(controllers: readonly ControllerFactory[]): Promise<TestCluster> {
  return startTestCluster(controllers);
}

export async function createNamespace(client: Client, name: string): Promise<void> {
  await client.core.namespaces().create({ metadata: { name } });
  await waitFor(`service account ${name}/default`, () => client.core.serviceaccounts(name).get('default'));
}

/** Marks a pod Running and Ready, as a kubelet would once its containers pass readiness. */
export async function markReady(client: Client, pod: Pod): Promise<void> {
  const pods = client.core.pods(pod.metadata.namespace);
  let cur = pod;
  for (;;) {
    if (cur.metadata.deletionTimestamp || isPodReady(cur)) return;
    const status = { ...cur.status, phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: formatTime(Date.now()) }] };
    try {
      await pods.updateStatus({ ...cur, status });
      return;
    } catch (err) {
      if (isNotFound(err)) return;
      if (!isConflict(err)) throw err;
      cur = await pods.get(cur.metadata.name ?? '');
    }
  }
}

export interface PodWatcherOptions {
  /** Pods it returns true for are never made ready (default: every pod is made ready). */
  readonly neverReady?: (pod: Pod) => boolean;
  /** Called with every pod of the namespace after each change, in watch order. */
  readonly onChange?: (pods: ReadonlyMap<string, Pod>) => void;
}

/** The fake kubelet and the watcher of one namespace's pods. */
export class PodWatcher {
  readonly pods = new Map<string, Pod>();
  readonly errors: unknown[] = [];
  readonly #stream: WatchStream;

  constructor(client: Client, namespace: string, opts: PodWatcherOptions = {}) {
    this.#stream = client.core.pods(namespace).watch({}, (event) => {
      const pod = event.object;
      const name = pod.metadata.name ?? '';
      if (event.type === 'DELETED') this.pods.delete(name);
      else if (event.type === 'ADDED' || event.type === 'MODIFIED') this.pods.set(name, pod);
      else return;
      opts.onChange?.(this.pods);
      if (event.type !== 'DELETED' && !opts.neverReady?.(pod)) markReady(client, pod).catch((err: unknown) => this.errors.push(err));
    });
  }

  stop(): void {
    this.#stream.close();
  }
}

export function imageOf(pod: Pod): string | undefined {
  return pod.spec?.containers[0]?.image;
}

export function makeDeploymentObject(name: string, replicas: number, image: string, extra: Partial<NonNullable<Deployment['spec']>> = {}): Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } },
      ...extra,
    },
  };
}

export async function eventsFor(client: Client, namespace: string, name: string): Promise<CoreEvent[]> {
  const events = (await client.core.events(namespace).list({})).items as CoreEvent[];
  return events.filter((e) => e.involvedObject?.name === name);
}
